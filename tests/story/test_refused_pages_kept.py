"""A page whose words are refused (emoji the print cannot draw, a text far over the page's limit) keeps them in its
box, also after a reload; « Fabriquer mon livre » says which pages it waits for and never makes the book with the old
text."""
from __future__ import annotations

import pytest

from pipelines.jobs.queue import JobQueue
from pipelines.jobs.runner import run_job
from tests.conftest import open_page

EMOJI = "🨀🨀🨀🨁🨁🨁"  # chess pieces: signs no face the studio ships draws
SMS = ("coucou c moi jsui a la maison ", ) * 42  # 1260 signs: the page takes far fewer


@pytest.fixture
def written(store, workshop, monkeypatch):
    zoe = store.add_participant(workshop["id"], "Zoé", age_group="8-12", consent=True, consent_by="Animatrice")
    at = open_page(monkeypatch, "storybook", workshop_id=workshop["id"], participant_id=zoe["id"])
    at.button(key="story-write").click().run()
    for job in JobQueue(store).list(states=("queued",)):
        run_job(job.id, store)
    at.run()
    at.run()
    assert "story" in at.session_state, at.exception
    return at, zoe


def test_refused_pages_stay_typed_and_the_book_waits_for_them(written, store, workshop, monkeypatch):
    at, zoe = written
    sid = at.session_state["story-id"]
    template = [p["text"] for p in at.session_state["story"]["pages"]]
    long_text = "".join(SMS)
    at.text_area(key=f"story-text-{sid}-2").set_value(EMOJI).run()
    at.text_area(key=f"story-text-{sid}-3").set_value(long_text).run()
    assert not at.exception, at.exception
    assert len(at.error) >= 2, [e.value for e in at.error]
    assert [p["text"] for p in at.session_state["story"]["pages"]] == template  # the story keeps its words
    waits = [w.value for w in at.warning if "Le livre attend" in w.value]
    assert waits == ["Le livre attend les pages 2, 3 : leurs mots ne sont pas encore acceptés (lis les messages "
                     "rouges sous ces pages et change-les)."], [w.value for w in at.warning]
    assert at.button(key="story-make").disabled
    at.run()
    assert "book-job" not in at.session_state and not JobQueue(store).list(states=("queued",))

    # a reload (a new session of the same child): the typed words are back in their boxes, the book still waits
    again = open_page(monkeypatch, "storybook", workshop_id=workshop["id"], participant_id=zoe["id"])
    assert again.text_area(key=f"story-text-{sid}-2").value == EMOJI
    assert again.text_area(key=f"story-text-{sid}-3").value == long_text
    assert again.button(key="story-make").disabled

    # page 2 changed to words that are fine, page 3 back to the story's own: the book can be made
    again.text_area(key=f"story-text-{sid}-2").set_value("Le dragon rit très fort.").run()
    again.text_area(key=f"story-text-{sid}-3").set_value(template[2]).run()
    assert not [w for w in again.warning if "Le livre attend" in w.value]
    assert not again.button(key="story-make").disabled
    assert again.session_state["story"]["pages"][1]["text"] == "Le dragon rit très fort."
