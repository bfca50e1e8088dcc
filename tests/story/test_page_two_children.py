"""Two children on one tablet, and a second story in a row (Streamlit's AppTest): each child finds their
own story; a new story never re-saves the previous one's pages; untouched pages are not "edited"."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.jobs.queue import JobQueue
from pipelines.jobs.runner import run_job
from pipelines.store.work import load_work
from tests.conftest import open_page


@pytest.fixture
def page(store, workshop, monkeypatch):
    zoe = store.add_participant(workshop["id"], "Zoé", age_group="4-6", consent=True, consent_by="Animatrice")
    noah = store.add_participant(workshop["id"], "Noah", age_group="7-8", consent=True, consent_by="Animatrice")
    at = open_page(monkeypatch, "storybook", workshop_id=workshop["id"], participant_id=zoe["id"])
    return at, store, zoe, noah


def _write(at: AppTest, store, hero_name: str) -> dict:
    at.text_input(key="story-name").set_value(hero_name)
    at.button(key="story-write").click().run()
    for job in JobQueue(store).list(states=("queued",)):
        run_job(job.id, store)
    at.run()
    at.run()
    assert not at.exception, at.exception
    return at.session_state["story"]


def test_each_child_keeps_their_own_story(page):
    at, store, zoe, noah = page
    assert at.text_input(key="story-name").value == "Zoé"
    assert at.radio(key="story-age").value == "4-6"  # the reading age of her age group
    first = _write(at, store, "Ève")
    assert "Ève" in first["pages"][0]["text"] and first["author"] == "Zoé"
    assert not [s for s in at.success if "noté" in s.value]  # nothing was edited
    assert load_work(store, zoe["id"], "story")["story"]["pages"] == first["pages"]  # saved at this step

    at.session_state["participant_id"] = noah["id"]  # Noah takes the tablet
    at.run()
    assert "story" not in at.session_state
    names = [w for w in at.text_input if w.label.startswith("Le prénom")]
    assert names[0].value == "Noah"
    assert [w for w in at.radio if w.label.startswith("Pour des lecteurs")][0].value == "7-8"

    at.session_state["participant_id"] = zoe["id"]  # and gives it back
    at.run()
    assert at.session_state["story"]["pages"] == first["pages"]


def test_a_second_story_never_gets_the_first_ones_pages(page):
    at, store, zoe, _ = page
    first = _write(at, store, "Ève")
    second = _write(at, store, "Jean-Baptiste")
    text = " ".join(p["text"] for p in second["pages"])
    assert "Jean-Baptiste" in text and "Ève" not in text
    assert second["pages"] != first["pages"]
    assert not [s for s in at.success if "noté" in s.value]
    saved = load_work(store, zoe["id"], "story")["story"]
    assert saved["pages"] == second["pages"]


def test_a_she_bear_cub_when_the_child_says_so(page):
    at, store, _, _ = page
    assert not [r for r in at.radio if r.label == "Le héros est…"]  # the girl picture is a girl already
    at.button(key="story-hero-bear").click().run()
    gender = [r for r in at.radio if r.label == "Le héros est…"][0]
    assert gender.value is None  # the bear picture is neither until the child says (no "elle" nobody chose)...
    assert any("dira «\u00a0il\u00a0», comme pour «\u00a0le petit ours\u00a0»" in c.value for c in at.caption)
    gender.set_value("f").run()  # ...and the child makes her a girl
    assert not any("dira" in c.value for c in at.caption)
    story = _write(at, store, "Ève")
    text = " ".join(p["text"] for p in story["pages"])
    assert "oursonne" in text and "ourson " not in text


def test_a_fox_nobody_made_a_girl_is_never_elle(page):
    at, store, _, _ = page
    at.button(key="story-hero-fox").click().run()
    assert [r for r in at.radio if r.label == "Le héros est…"][0].value is None
    story = _write(at, store, "Zoé")  # a girl's name, no choice of gender: the story follows the noun
    text = " ".join(p["text"] for p in story["pages"])
    assert "petit renard" in text and "renarde" not in text
    assert story["choices"]["hero_gender"] == "m"
