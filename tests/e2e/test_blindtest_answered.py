"""A player's tablet (820 x 1180) right after an answer is tapped: the question goes, « Réponse envoyée ! » and the
answer chosen are said plainly until the reveal (the question stayed, with only the tapped button greyed)."""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import ARTIFACTS, goto, shot, wait_ready
from tests.e2e.test_blindtest import wait_text
from tests.fixtures.models_blindtest import write_pack

pytestmark = pytest.mark.e2e


def test_a_tapped_answer_shows_sent_and_the_question_goes(browser, studio):
    ARTIFACTS.mkdir(exist_ok=True)
    write_pack(studio.data_dir / "quiz-packs" / "pack-essai", title="Pack d'essai")
    contexts = [browser.new_context(viewport=size) for size in
                ({"width": 1400, "height": 1000}, {"width": 820, "height": 1180}, {"width": 820, "height": 1180})]
    host, *players = [c.new_page() for c in contexts]
    for page in (host, *players):
        page.set_default_timeout(30_000)
    try:
        goto(host, studio, "blindtest")
        host.get_by_role("radiogroup").get_by_text(re.compile("Pack d.essai — 3 question")).click()
        wait_ready(host)
        host.get_by_role("button", name=re.compile("Ouvrir la partie")).click()
        wait_ready(host)
        code = host.get_by_test_id("quiz-code").inner_text().strip()
        for page, name in zip(players, ("Léa", "Sam")):
            goto(page, studio, "play")
            page.get_by_role("textbox", name="Code du quiz").fill(code)
            page.get_by_role("textbox", name="Ton pseudo").fill(name)
            page.get_by_role("button", name=re.compile("C'est parti")).click()
            wait_text(page, "Tu es dans la partie")
        wait_text(host, "2 joueur")
        host.get_by_role("button", name=re.compile("Commencer")).click()
        wait_text(host, "Question 1 / 3")
        me = players[0]
        answers = me.locator(".st-key-quiz-answers button")
        answers.first.wait_for()
        answers.nth(1).click()
        sent = me.get_by_test_id("quiz-sent")
        sent.wait_for(timeout=5_000)  # at once, not after the next timer tick
        assert "Réponse envoyée" in sent.inner_text()
        assert me.get_by_test_id("quiz-mine").inner_text().endswith("Humain")  # the answer chosen, said big
        me.wait_for_timeout(2_500)  # a few of the fragment's redraws later: still said, the buttons gone
        assert me.get_by_test_id("quiz-sent").is_visible()
        assert me.locator(".st-key-quiz-answers button").count() == 0
        shot(me, "blindtest-08-answer-sent-tablet")
    finally:
        for context in contexts:
            context.close()
