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


def _creation(store, workshop, name: str = "case"):
    folder = store.artifact_dir(workshop["id"], "comics")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    y, x = np.mgrid[0:400, 0:560]
    Image.fromarray(np.stack([x % 256, y % 256, (x + y + len(name)) % 256], -1).astype(np.uint8)).save(path)
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
    """A sign the back's fonts lack (🨀, a chess piece no shipped face draws): the page says so under the box and
    keeps the button off (before, it said "Ton message tient sur la carte" and the job failed after "Fabriquer");
    🥰 prints."""
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    _creation(store, workshop)
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.run()
    [pick] = [b for b in at.button if b.label == "Choisir"]
    pick.click().run()
    at.text_area(key="pc-message").input("Bisous 🨀 !").run()
    assert not at.exception
    assert any("émojis (🨀)" in w.value for w in at.warning)
    assert not any("tient sur la carte" in c.value for c in at.caption)
    assert [b for b in at.button if "Fabriquer" in b.label][0].disabled
    at.text_area(key="pc-message").input("Bisous 🥰 !").run()
    assert any("tient sur la carte" in c.value for c in at.caption)
    assert not [b for b in at.button if "Fabriquer" in b.label][0].disabled


def _made_cards(at: AppTest, store) -> AppTest:
    """Click « Fabriquer », run the job as the worker would, show the result."""
    from pipelines.jobs.queue import JobQueue
    from pipelines.jobs.runner import run_job

    at.text_area(key="pc-message").input("Bisous !").run()
    [b for b in at.button if "Fabriquer" in b.label][0].click().run()
    for job in JobQueue(store).list(states=("queued",)):
        assert run_job(job.id, store) == "done"
    at.run()
    assert not at.exception, at.exception
    return at


def _shows_cards(at: AppTest) -> bool:
    return any("taille réelle" in i.value for i in at.info)


def test_cards_of_a_picture_are_not_shown_under_another(store, workshop, monkeypatch):
    """After making cards from one picture, choosing another (another creation, or « Une pochette de DVD »)
    drops those cards: their previews, warnings and PDF must not be downloaded as the new picture's."""
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    first, second = _creation(store, workshop, "dragon"), _creation(store, workshop, "chateau")
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.run()
    at.button(key=f"pick-{first.id}").click().run()
    assert _shows_cards(_made_cards(at, store))
    at.run()
    assert _shows_cards(at)  # the same picture: its cards stay
    offered = {b.key for b in at.button if b.key and b.key.startswith("pick-") and b.key[5:].isdigit()}
    assert offered == {f"pick-{first.id}", f"pick-{second.id}"}  # the new card's front is the first picture: once
    at.button(key=f"pick-{second.id}").click().run()
    assert not at.exception and not _shows_cards(at)
    at.button(key=f"pick-{first.id}").click().run()
    assert not _shows_cards(at)  # back to the first picture: its old cards are gone too
    assert _shows_cards(_made_cards(at, store))
    at.button(key="pc-source-dvd").click().run()
    assert not at.exception and not _shows_cards(at)
    at.button(key="pc-source-gallery").click().run()
    assert not _shows_cards(at)  # back to the gallery: nothing chosen yet, no old cards


def test_a_picture_rewritten_in_place_is_another_picture(tmp_path):
    """A cover's chosen part is saved under one name (pochette-<upload>.png): the cards follow its contents."""
    import os

    from ui.postcards import picture_key

    path = tmp_path / "pochette-1a2b3c4d.png"
    Image.new("RGB", (60, 40), "red").save(path)
    before = picture_key(str(path))
    Image.new("RGB", (40, 60), "blue").save(path)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))  # a coarse clock
    assert picture_key(str(path)) != before and picture_key(str(path)).startswith(str(path))
    assert picture_key(None) == "" and picture_key(str(tmp_path / "gone.png")) == ""


def test_a_removed_participant_leaves_no_photo_or_card_on_disk(store, workshop, monkeypatch):
    """Léa sends a photo and makes cards on the page; « Oui, retirer Léa » removes all of it (the photo had no
    creation row, the back of her card with her message was not listed in the card's record)."""
    import io

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    lea = store.add_participant(workshop["id"], "Léa", minor=False)
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.session_state["participant_id"] = lea.id
    at.run()
    at.button(key="pc-source-upload").click().run()
    buffer = io.BytesIO()
    y, x = np.mgrid[0:400, 0:560]
    Image.fromarray(np.stack([x % 256, y % 256, (x * 3) % 256], -1).astype(np.uint8)).save(buffer, format="PNG")
    at.file_uploader(key="pc-upload").upload("lea.png", buffer.getvalue(), "image/png").run()
    assert not at.exception, at.exception
    assert _shows_cards(_made_cards(at, store))
    mine = {p for p in store.files_dir.rglob("*") if p.is_file()}
    assert {"apercu-verso.png"} <= {p.name for p in mine} and any(p.name.startswith("photo-") for p in mine)
    store.remove_participant(lea.id)
    assert not [p for p in store.files_dir.rglob("*") if p.is_file()]


def test_cards_of_a_picture_the_computer_painted_say_so_in_the_gallery(store, workshop, monkeypatch):
    """A postcard of a portrait painted on the processor showed « ✋ Fait sans IA » (by hand) in the gallery while
    its portrait showed « 🖥️ Fait par l'ordinateur, sans IA »: the card now says how its picture was made."""
    from ui.gallery import made_text

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    folder = store.artifact_dir(workshop["id"], "portraits")
    folder.mkdir(parents=True, exist_ok=True)
    y, x = np.mgrid[0:500, 0:400]
    Image.fromarray(np.stack([x % 256, y % 256, (x + y) % 256], -1).astype(np.uint8)).save(folder / "portrait.png")
    painted = store.add_artifact(workshop_id=workshop["id"], owner=None, kind="portrait", title="Léa",
                                 files={"portrait": str(folder / "portrait.png")}, model="portrait.paint.cpu")
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.run()
    at.button(key=f"pick-{painted.id}").click().run()
    _made_cards(at, store)
    [card] = store.artifacts(workshop_id=workshop["id"], kind="postcard")
    assert made_text(card) == made_text(painted) == "🖥️ Fait par l'ordinateur, sans IA"
