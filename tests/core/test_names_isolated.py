"""A name written right to left (« مريم ») put in a line with other words on the facilitator's pages is isolated
(Unicode FSI ... PDI, ui.session.isolated): without it the console showed « 8-7 · مريم ans » for « مريم · 7-8 ans »
(the line's direction taken from the name, the age group's figures read right to left)."""
from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("مريم", "يوسف", "سارة")  # two participants, and who recorded a parent's consent
RTL = re.compile("[\u0590-\u08ff]+")


def _texts(node) -> list[str]:
    """Every text the page shows in `node` and under it: values, labels, options."""
    found = []
    for attr in ("value", "label", "body"):
        value = getattr(node, attr, None)
        if isinstance(value, str):
            found.append(value)
    found += [o for o in getattr(node, "options", None) or () if isinstance(o, str)]
    for child in getattr(node, "children", {}).values():
        found += _texts(child)
    return found


def _not_isolated(texts: list[str]) -> list[str]:
    """The texts where a right-to-left name stands with other words without FSI ... PDI around it."""
    bad = []
    for text in texts:
        for match in RTL.finditer(text):
            alone = text.strip(" *") == match.group()
            wrapped = text[max(0, match.start() - 1):match.start()] == "\u2068" and text[match.end():match.end() + 1] \
                == "\u2069"
            if not alone and not wrapped:
                bad.append(text)
    return bad


def test_right_to_left_names_are_isolated_on_the_console_and_the_gallery(atelier_env, monkeypatch):
    from pipelines.jobs.queue import JobQueue
    from pipelines.store import Store
    from pipelines.store.files import write_bytes_atomic

    store = Store()
    workshop = store.create_workshop("Mercredi contes")
    maryam = store.add_participant(workshop["id"], NAMES[0], age_group="7-8", consent=True, consent_by=NAMES[2])
    store.add_participant(workshop["id"], NAMES[1], age_group="9-10")
    JobQueue(store).submit("story.write", {"spec": {}, "writer": ""}, owner=maryam["id"], workshop_id=workshop["id"])
    picture = write_bytes_atomic(store.artifact_dir(workshop["id"], "c") / "page.png", b"x" * 100)
    store.add_artifact(workshop_id=workshop["id"], owner=maryam["id"], kind="image", title="Le dragon",
                       files={"image": str(picture)})
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.switch_page("pages/console.py").run()
    assert not at.exception, at.exception
    texts = _texts(at.main) + _texts(at.sidebar)
    assert any(NAMES[0] in text and "7-8 ans" in text for text in texts), texts  # the line of the walk
    assert any(NAMES[2] in text for text in texts)  # the consent's line
    assert _not_isolated(texts) == []
    at.switch_page("pages/gallery.py").run()
    assert not at.exception, at.exception
    texts = _texts(at.main)
    assert any(NAMES[0] in text for text in texts), texts
    assert _not_isolated(texts) == []


def _board():
    from ui.quiz_scores import board_ui, podium_steps_ui

    rows = [{"id": 1, "rank": 1, "name": "مريم", "team": "", "score": 12},
            {"id": 2, "rank": 1, "name": "يوسف", "team": "", "score": 12}]
    board_ui(rows)
    podium_steps_ui(rows)


def test_quiz_names_are_isolated_on_the_host_screen(atelier_env, monkeypatch):
    """The host's screen: a player's name beside their rank and score, two tied names side by side on the podium."""
    monkeypatch.chdir(ROOT)
    at = AppTest.from_function(_board, default_timeout=60).run()
    assert not at.exception, at.exception
    texts = _texts(at.main)
    assert any(NAMES[0] in text for text in texts), texts
    assert _not_isolated(texts) == []
