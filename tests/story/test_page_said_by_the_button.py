"""What the Storybook page says next to its buttons (Streamlit's AppTest): a refusal under « Écrire l'histoire »
(on a tablet the name's own sentence, at the top, is out of sight: the button seemed to do nothing), and the
expected time only while the book is waiting, never beside the finished book."""
from __future__ import annotations

import pytest

from pipelines.jobs.queue import JobQueue
from pipelines.jobs.runner import run_job
from tests.conftest import open_page


@pytest.fixture
def page(store, workshop, monkeypatch):
    zoe = store.add_participant(workshop["id"], "Zoé", age_group="7-8", consent=True, consent_by="Animatrice")
    at = open_page(monkeypatch, "storybook", workshop_id=workshop["id"], participant_id=zoe["id"])
    return at, store


def _after(at, element_type: str, key: str) -> list[str]:
    """The values of the alerts drawn after the widget `key` on the page (in the page's order)."""
    seen, said = False, []

    def walk(node):
        nonlocal seen
        if getattr(node, "key", None) == key or getattr(getattr(node, "proto", None), "id", "").endswith(key):
            seen = True
        if seen and getattr(node, "type", None) == element_type:
            said.append(node.value)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return said


@pytest.mark.parametrize("name, words", [
    ("Caca", "choisis-en un dont on peut être fier"),  # the guard refuses it as a name
    ("Zoé 🦄", "un prénom se fait avec des lettres"),  # not a name's letters
    ("   ", "Écris un prénom"),  # no name
])
def test_a_refused_name_is_said_next_to_the_write_button_and_kept(page, name, words):
    at, _ = page
    at.text_input(key="story-name").set_value(name).run()
    at.button(key="story-write").click().run()
    assert not at.exception
    under = _after(at, "error", "story-write")
    assert len(under) == 1 and words in under[0], under  # in « tu », as the child's page says everything
    if name.strip():  # said under the name too: the button's sentence says where to change it
        assert "Change le prénom en haut de la page" in under[0]
    assert "story-job" not in at.session_state
    assert at.text_input(key="story-name").value == name  # kept in its box to change


def test_the_expected_time_goes_once_the_book_is_made(page):
    at, store = page
    at.text_input(key="story-name").set_value("Ève")
    at.button(key="story-pages-4").click().run()
    at.button(key="story-write").click().run()
    for job in JobQueue(store).list(states=("queued",)):
        run_job(job.id, store)
    at.run()
    at.run()
    assert "story" in at.session_state
    at.toggle(key="story-music").set_value(False).run()

    def make() -> str:
        at.button(key="story-make").click().run()
        job_id = at.session_state["book-job"]
        run_job(job_id, store)
        at.run()  # the run that finds the book made
        assert not at.exception, at.exception
        assert at.session_state["book-files"]
        return job_id

    first = make()
    with store.transaction() as conn:  # the first book took 5 s: the next one's time is announced
        conn.execute("UPDATE jobs SET started_at=?, finished_at=? WHERE id=?",
                     ("2026-01-01T10:00:00", "2026-01-01T10:00:05", first))
    at.button(key="story-make").click().run()
    assert any("Durée prévue : environ 5 s" in text for text in _shown(at)), _shown(at)  # in the waiting line
    run_job(at.session_state["book-job"], store)
    at.run()
    assert at.session_state["book-files"]
    assert not any("Durée prévue" in text for text in _shown(at)), _shown(at)


def _shown(at) -> list[str]:
    """The captions and the progress lines on the page."""
    return [c.value for c in at.caption] + [p.proto.text for p in at.get("progress")]


def test_a_tap_on_write_from_a_run_that_stopped_early_still_writes(page):
    """A tap on « Écrire l'histoire » landing while a rerun was drawing the choices above: Streamlit hands it to a run
    that is stopped before the button's line, and with `st.button` nothing happened (ui.widgets.action_button)."""
    import time

    at, _ = page
    at.text_input(key="story-name").set_value("Ève").run()
    at.session_state["_tap-story-write"] = time.monotonic()  # what the tap's callback kept, its run stopped
    at.run()
    assert not at.exception
    assert at.session_state["story-job"]
