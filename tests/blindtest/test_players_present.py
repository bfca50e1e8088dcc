"""The "everyone answered" early close counts only the players present: one who left does not hold the question
open, one who comes back is awaited again and scores from then, a tablet that wakes up mid-question answers."""
from __future__ import annotations

import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from pipelines.blindtest.game import LEFT_AFTER

ROOT = Path(__file__).resolve().parents[2]
T0 = 5_000_000.0


def _open(games, game, idx, moment, here=()):
    for player in here:  # their pages say "still here" every few seconds
        games.seen(player["id"], moment=moment - 2)
    games.next_question(game["id"], after=idx - 1, moment=moment)


def test_a_player_who_left_does_not_hold_the_question_open(games, game):
    lea, _ = games.join(game["code"], "Léa", moment=T0)
    tom, _ = games.join(game["code"], "Tom", moment=T0)  # closes the tab right after joining
    opened = T0 + LEFT_AFTER + 10
    _open(games, game, 0, opened, here=[lea])
    assert games.tick(game["id"], moment=opened + 1)["state"] == "question"  # nobody answered yet
    games.answer(lea["token"], 0, 0, moment=opened + 2)
    view = games.host_view(game["id"], moment=opened + 3)
    assert view["game"]["state"] == "reveal"  # Tom is not awaited: no 28 s of waiting for a closed tab
    assert (view["answers"], view["waiting"]) == (1, 0)


def test_a_player_present_is_still_awaited(games, game):
    lea, _ = games.join(game["code"], "Léa", moment=T0)
    sam, _ = games.join(game["code"], "Sam", moment=T0)
    _open(games, game, 0, T0 + 30, here=[lea, sam])
    games.answer(lea["token"], 0, 0, moment=T0 + 31)
    view = games.host_view(game["id"], moment=T0 + 32)
    assert view["game"]["state"] == "question" and (view["answers"], view["waiting"]) == (1, 1)
    games.answer(sam["token"], 0, 1, moment=T0 + 33)
    assert games.tick(game["id"], moment=T0 + 34)["state"] == "reveal"


def test_a_tablet_waking_up_mid_question_is_awaited_and_its_answer_counts(games, game):
    lea, _ = games.join(game["code"], "Léa", moment=T0)
    tom, _ = games.join(game["code"], "Tom", moment=T0)
    opened = T0 + 60  # Tom's tablet went to sleep in the lobby: not heard for a minute when the question opens
    _open(games, game, 0, opened, here=[lea])
    games.seen(tom["id"], moment=opened + 3)  # it wakes up: its page's first redraw says "still here"
    games.answer(lea["token"], 0, 0, moment=opened + 4)
    assert games.tick(game["id"], moment=opened + 5)["state"] == "question"  # Tom is awaited again
    right = games.question(game["id"], 0)["answer"]
    result = games.answer(tom["token"], 0, right, moment=opened + 8)
    assert result.status == "counted" and result.correct and result.points > 0
    assert games.tick(game["id"], moment=opened + 9)["state"] == "reveal"


def test_a_player_who_comes_back_scores_from_then_and_keeps_the_diploma(games, game):
    lea, _ = games.join(game["code"], "Léa", moment=T0)
    tom, _ = games.join(game["code"], "Tom", moment=T0)
    _open(games, game, 0, T0 + 100, here=[lea])  # Tom gone: question 0 closes on Léa's answer alone
    games.answer(lea["token"], 0, 0, moment=T0 + 101)
    assert games.tick(game["id"], moment=T0 + 102)["state"] == "reveal"
    assert games.answer(tom["token"], 0, 0, moment=T0 + 103).status == "closed"
    games.show_scores(game["id"], 0)
    _open(games, game, 1, T0 + 200, here=[lea, tom])  # Tom is back before question 1
    games.answer(lea["token"], 1, 0, moment=T0 + 201)
    assert games.tick(game["id"], moment=T0 + 202)["state"] == "question"  # waits for Tom again
    right = games.question(game["id"], 1)["answer"]
    assert games.answer(tom["token"], 1, right, moment=T0 + 203).status == "counted"
    assert games.tick(game["id"], moment=T0 + 204)["state"] == "reveal"
    board = {r["name"]: r for r in games.scoreboard(game["id"])}
    assert board["Tom"]["answered"] == 1 and board["Tom"]["score"] > 0
    assert games.gone(game["id"]) == set()


def test_the_player_page_of_a_woken_tablet_says_here_and_answers(store, games, game, monkeypatch):
    """The page itself: a tablet silent for a minute opens on the open question; its first redraw makes it present
    (the question stays open after the other player's answer) and its tap is counted."""
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    now = time.time()
    lea, _ = games.join(game["code"], "Léa", moment=now)
    tom, _ = games.join(game["code"], "Tom", moment=now - 60)
    games.next_question(game["id"], after=-1, moment=now)
    at = AppTest.from_file(str(ROOT / "pages" / "play.py"), default_timeout=60)
    at.query_params["joueur"] = tom["token"]
    at.run()
    assert not at.exception
    games.answer(lea["token"], 0, 0)
    assert games.tick(game["id"])["state"] == "question"
    right = games.question(game["id"], 0)["answer"]
    button = next(b for b in at.button if b.key == f"quiz-a-0-{right}")
    button.click().run()
    assert not at.exception
    mine = games.my_answer(tom["id"], game["id"], 0)
    assert mine is not None and mine["correct"] == 1
    assert games.tick(game["id"])["state"] == "reveal"
