"""The postcards page: choose a creation, see the crop frame, a too-long message says how much to cut."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT

PAGE = str(ROOT / "pages" / "postcards.py")


@pytest.fixture(autouse=True)
def fresh_resources(atelier_env):
    """st.cache_resource lives for the whole process: each test gets the store of its own data dir."""
    from ui.runtime import get_queue, get_store

    get_store.clear()
    get_queue.clear()
    yield
    get_store.clear()
    get_queue.clear()


def _creation(store, workshop):
    folder = store.artifact_dir(workshop["id"], "comics")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "case.png"
    y, x = np.mgrid[0:400, 0:560]
    Image.fromarray(np.stack([x % 256, y % 256, (x + y) % 256], -1).astype(np.uint8)).save(path)
    return store.add_artifact(workshop_id=workshop["id"], owner=None, kind="comic_panel", files={"image": str(path)},
                              title="Case", ai_made=True)


def test_page_without_workshop_shows_a_hint(store):
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert any("galerie" in i.value for i in at.info)


def test_choose_a_creation_then_a_too_long_message_is_flagged(store, workshop, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    _creation(store, workshop)
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.run()
    assert not at.exception
    [pick] = [b for b in at.button if b.label == "Choisir"]
    pick.click().run()
    assert not at.exception
    assert any("cadre jaune" in c.value for c in at.caption)
    at.text_area(key="pc-message").input("Bisous de la médiathèque ! " * 20).run()
    assert any("enlève environ" in w.value for w in at.warning)
    make = [b for b in at.button if "Fabriquer" in b.label][0]
    assert make.disabled
    at.text_area(key="pc-message").input("Bisous !").run()
    assert not [b for b in at.button if "Fabriquer" in b.label][0].disabled


def test_an_emoji_in_the_message_is_said_at_the_box(store, workshop, monkeypatch):
    """The back's font has no emoji: the page says so under the box and keeps the button off (before, it said
    "Ton message tient sur la carte" and the job failed after "Fabriquer")."""
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    _creation(store, workshop)
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.run()
    [pick] = [b for b in at.button if b.label == "Choisir"]
    pick.click().run()
    at.text_area(key="pc-message").input("Bisous 😘 !").run()
    assert not at.exception
    assert any("émojis (😘)" in w.value for w in at.warning)
    assert not any("tient sur la carte" in c.value for c in at.caption)
    assert [b for b in at.button if "Fabriquer" in b.label][0].disabled
