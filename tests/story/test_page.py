"""The Storybook page in Streamlit's AppTest: choices -> story job -> edit -> make the book -> downloads."""
from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_page


def _run_until(at: AppTest, done, timeout: float = 90.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        at.run(timeout=60)
        assert not at.exception, at.exception
        if done(at):
            return
        time.sleep(1.0)
    raise AssertionError("the page did not get there in time")


@pytest.fixture
def page(atelier_env, monkeypatch):
    return open_page(monkeypatch, "storybook", embedded_worker=True, timeout=60, run=False)


def test_empty_name_is_explained_and_nothing_is_lost(page):
    page.run()
    assert not page.exception
    page.text_input(key="story-name").set_value("   ")
    page.button(key="story-write").click().run()
    assert any("prénom" in e.value for e in page.error)
    assert "story" not in page.session_state


def test_a_book_from_choices_to_downloads(page):
    page.run()
    page.text_input(key="story-name").set_value("Jean-Baptiste")
    page.button(key="story-companion-hedgehog").click().run()
    page.button(key="story-pages-4").click().run()
    page.button(key="story-write").click().run()
    _run_until(page, lambda at: "story" in at.session_state)
    story = page.session_state["story"]
    assert len(story["pages"]) == 4 and "hérisson" in " ".join(p["text"] for p in story["pages"])
    # a page edited to nothing is refused with a message and keeps its text
    before = story["pages"][1]["text"]
    sid = page.session_state["story-id"]
    page.text_area(key=f"story-text-{sid}-2").set_value("").run()
    assert any("vide" in e.value for e in page.error)
    assert page.session_state["story"]["pages"][1]["text"] == before
    assert page.button(key="story-make").disabled  # the book waits for page 2's words: never made with the old ones
    page.text_area(key=f"story-text-{sid}-2").set_value(before).run()
    assert not page.button(key="story-make").disabled
    page.text_area(key=f"story-text-{sid}-1").set_value(story["pages"][0]["text"] + " Il sourit.").run()
    assert [s.value for s in page.success] == ["C'est noté !"]
    page.run()  # a rerun for anything else (the music switch, a timer) keeps it said under its page
    assert [s.value for s in page.success] == ["C'est noté !"]
    page.toggle(key="story-music").set_value(False)
    page.button(key="story-make").click().run()
    _run_until(page, lambda at: bool(at.session_state["book-files"]) if "book-files" in at.session_state else False)
    files = page.session_state["book-files"]
    assert {"epub", "pdf", "booklet"} <= set(files)
    labels = [b.label for b in page.get("download_button")]
    assert any("EPUB" in label for label in labels) and any("Livret" in label for label in labels)


def test_a_name_with_an_emoji_is_refused_under_the_name_as_it_is_typed(page):
    """« Zoé 🦄 » was said nothing under the name: the refusal came only after « Écrire l'histoire », at the
    bottom of the choices, far from the box to change."""
    page.run()
    page.text_input(key="story-name").set_value("Zoé 🦄").run()
    assert [e.value for e in page.error] == [
        "«\xa0Zoé 🦄\xa0» : un prénom se fait avec des lettres, et des chiffres si tu veux (les accents, le tiret et "
        "l'espace sont permis)."]
    page.button(key="story-write").click().run()
    assert len(page.error) == 2  # and again under the button, saying where to change it (on a tablet the top
    assert "Change le prénom en haut de la page" in page.error[1].value  # of the page is out of sight)
    assert "story-job" not in page.session_state
    page.text_input(key="story-name").set_value("Zoé").run()  # the typo mended: the sentence goes
    assert not page.error
