"""A child pastes a pseudonym longer than a player's name may be: it stays in its box, the tap's « On te fait
entrer… » cover goes and the page says how many letters are too many; shortened, the child joins. (Streamlit's own
limit threw the pasted name away whole, and the page then asked the child to choose a pseudonym.)"""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import goto, shot
from tests.e2e.test_blindtest import wait_text
from tests.e2e.test_blindtest_join_tap import _studio_python
from tests.fixtures.models_blindtest import write_pack

pytestmark = pytest.mark.e2e


def test_a_pasted_long_pseudonym_is_kept_and_said(browser, studio):
    folder = write_pack(studio.data_dir / "quiz-packs" / "pack-long", title="Pack long")
    game = _studio_python(studio, (
        "import json\n"
        "from pipelines.blindtest import pack as packs\n"
        "from pipelines.blindtest.game import QuizGames\n"
        "from pipelines.store import Store\n"
        f"g = QuizGames(Store()).create(packs.load_folder({str(folder)!r}), seconds=30, seed=1)\n"
        "print(json.dumps({'id': g['id'], 'code': g['code']}))\n"))
    context = browser.new_context(viewport={"width": 820, "height": 1180}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        goto(page, studio, "play")
        page.get_by_role("textbox", name="Code du quiz").fill(game["code"])
        name = page.get_by_role("textbox", name="Ton pseudo")
        name.click()
        page.keyboard.insert_text("Jean-Baptiste-Alexandre-Maximilien")  # pasted: 34 letters, 24 at most
        page.get_by_role("button", name=re.compile("C'est parti")).click()
        said = page.get_by_text("C'est 10 lettres de trop (pas plus de 24)")
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
