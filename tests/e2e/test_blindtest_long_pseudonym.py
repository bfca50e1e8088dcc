"""A child pastes a pseudonym longer than a player's name may be: it stays in its box, the tap's « On te fait
entrer… » cover goes and the page says how many letters are too many; shortened, the child joins. (Streamlit's own
limit threw the pasted name away whole, and the page then asked the child to choose a pseudonym.)"""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import goto, shot
from tests.e2e.test_blindtest import wait_text
from tests.e2e.test_blindtest_join_tap import _game_and_tablet

pytestmark = pytest.mark.e2e


def test_a_pasted_long_pseudonym_is_kept_and_said(browser, studio):
    game, context, page = _game_and_tablet(browser, studio, "long")
    try:
        goto(page, studio, "play")
        page.get_by_role("textbox", name="Code du quiz").fill(game["code"])
        name = page.get_by_role("textbox", name="Ton pseudo")
        name.click()
        page.keyboard.insert_text("Jean-Baptiste-Alexandre-Maximilien")  # pasted: 34 letters, 24 at most
        page.get_by_role("button", name=re.compile("C'est parti")).click()
        said = page.get_by_text("Ce sont 10 lettres de trop (pas plus de 24)")
        said.wait_for()
        page.get_by_test_id("quiz-letting-in-now").wait_for(state="detached")  # the tap's cover is gone
        shot(page, "blindtest-long-pseudonym")
        assert said.is_visible()
        assert page.get_by_role("textbox", name="Ton pseudo").input_value() == "Jean-Baptiste-Alexandre-Maximilien"
        assert page.get_by_text("Choisis un pseudo").count() == 0
        page.get_by_role("textbox", name="Ton pseudo").fill("Jean-Baptiste")
        page.get_by_role("button", name=re.compile("C'est parti")).click()
        wait_text(page, "Tu es dans la partie")
        assert page.get_by_test_id("quiz-me").inner_text() == "Jean-Baptiste"
    finally:
        context.close()


def test_a_pasted_code_too_long_is_kept_and_said(browser, studio):
    """A long paste: the box's own limit (6 signs) dropped it whole, the box stayed empty and nothing was said. With
    no code in it, it stays and the page says it is too long; « Code : K7QP » pasted from a message lets the child
    in (its one word in capitals is the code)."""
    game, context, page = _game_and_tablet(browser, studio, "code")
    try:
        goto(page, studio, "play")
        code = page.get_by_role("textbox", name="Code du quiz")
        code.click()
        page.keyboard.insert_text("le code du quiz")  # pasted: 12 signs, a quiz code has 4
        page.get_by_role("textbox", name="Ton pseudo").fill("Zoé")
        page.get_by_role("button", name=re.compile("C'est parti")).click()
        said = page.get_by_text(re.compile(r"Ce code a 12 signes.: un code en a 4 au plus"))
        said.wait_for()
        page.get_by_test_id("quiz-letting-in-now").wait_for(state="detached")  # the tap's cover is gone
        shot(page, "blindtest-long-code")
        assert code.input_value() == "le code du quiz"
        assert page.get_by_role("textbox", name="Ton pseudo").input_value() == "Zoé"
        code.fill("")
        code.click()
        page.keyboard.insert_text(f"Code : {game['code']}")  # pasted with the message's words
        page.get_by_role("button", name=re.compile("C'est parti")).click()
        wait_text(page, "Tu es dans la partie")
    finally:
        context.close()
