"""The storybook's typed words: the hero's name is checked when typed (a toilet word is no name), an edited page
with mockery of a participant is refused with the roster; the words stay, and each refusal is counted once."""
from __future__ import annotations

import time

import pytest

from tests.conftest import open_page


@pytest.fixture
def page(monkeypatch, workshop, store):
    store.add_participant(workshop["id"], "Inès", consent=True, consent_by="Parent")
    at = open_page(monkeypatch, "storybook", workshop_id=workshop["id"], embedded_worker=True, timeout=60, run=False)
    at.run()
    return at


def test_a_toilet_word_for_the_heros_name_is_said_under_it_and_no_story_is_written(page, store, workshop):
    page.text_input(key="story-name").set_value("Prout").run()
    said = [e.value for e in page.error if e.value.endswith("(dans le prénom du héros)")]
    assert said and "Prout" not in said[0], [e.value for e in page.error]
    assert page.text_input(key="story-name").value == "Prout"
    page.button(key="story-write").click().run()
    assert "story" not in page.session_state and "story-job" not in page.session_state
    # under the name, and under the button with where to change it (on a tablet the name is out of sight there)
    assert [e.value for e in page.error] == [said[0], f"{said[0]} ↑ Change le prénom en haut de la page, puis "
                                                      "appuie encore ici."]
    page.run()
    assert store.events_by_detail("prompt_blocked", workshop["id"]) == {"insult": 1}  # once, when typed


def test_an_edited_page_mocking_a_participant_is_refused_and_counted(page, store, workshop):
    page.text_input(key="story-name").set_value("Zoé")
    page.button(key="story-write").click().run()
    deadline = time.time() + 90
    while "story" not in page.session_state and time.time() < deadline:
        time.sleep(1)
        page.run()
    sid = page.session_state["story-id"]
    before = page.session_state["story"]["pages"][0]["text"]
    page.text_area(key=f"story-text-{sid}-1").set_value("Inès est la plus moche de la classe").run()
    assert any(e.value.endswith("(dans la page 1)") for e in page.error), [e.value for e in page.error]
    assert page.session_state["story"]["pages"][0]["text"] == before  # the book keeps its page
    assert page.text_area(key=f"story-text-{sid}-1").value == "Inès est la plus moche de la classe"
    page.run()
    assert store.events_by_detail("prompt_blocked", workshop["id"]) == {"harassment": 1}


def test_a_name_over_the_limit_stays_in_its_box_with_the_limit_said(page):
    """Streamlit's max_chars dropped a longer paste and the old name came back, with no word said."""
    page.text_input(key="story-name").input("Zoé").run()
    assert not page.text_input(key="story-name").max_chars  # Streamlit's limit dropped a longer paste whole
    long_name = "Marie-Charlotte-Amandine-Joséphine de la Tour"  # 45 letters: the book takes 24 at most
    page.text_input(key="story-name").input(long_name).run()
    assert page.text_input(key="story-name").value == long_name
    assert any(e.value == f"Ce prénom est trop long ({len(long_name)} lettres) : 24 lettres au plus."
               for e in page.error), [e.value for e in page.error]
    page.button(key="story-write").click().run()
    assert "story" not in page.session_state and "story-job" not in page.session_state
    assert [e.value for e in page.error][1:] == [  # under the name, and under the button with where to change it
        f"Ce prénom est trop long ({len(long_name)} lettres) : 24 lettres au plus. ↑ Change le prénom en haut de la "
        "page, puis appuie encore ici."]
