"""A player who taps « Quitter le quiz » is no longer awaited at once: the question closes as soon as everyone
still playing answered (not 15 s later, when a closed tab would drop out); their points stay."""
from __future__ import annotations

import time
from pathlib import Path

from streamlit.testing.v1 import AppTest


ROOT = Path(__file__).resolve().parents[2]
T0 = 5_000_000.0


def test_leaving_on_purpose_drops_the_player_from_the_count_at_once(games, game):
    lea, _ = games.join(game["code"], "Léa", moment=T0)
    bob, _ = games.join(game["code"], "Bob", moment=T0)
    games.next_question(game["id"], after=-1, moment=T0 + 5)
    games.answer(bob["token"], 0, 1, moment=T0 + 6)
    games.close_question(game["id"], 0, T0 + 7)
    games.next_question(game["id"], after=0, moment=T0 + 8)
    games.seen(lea["id"], moment=T0 + 9)
    games.seen(bob["id"], moment=T0 + 9)
    assert games.host_view(game["id"], moment=T0 + 10)["waiting"] == 2
    games.leave(bob["token"], moment=T0 + 10)
    view = games.host_view(game["id"], moment=T0 + 10.5)  # half a second later, not 15 s
    assert (view["game"]["state"], view["waiting"]) == ("question", 1)
    games.answer(lea["token"], 1, 0, moment=T0 + 11)
    view = games.host_view(game["id"], moment=T0 + 11.5)
    assert (view["game"]["state"], view["answers"], view["waiting"]) == ("reveal", 1, 0)
    assert games.player(bob["token"]) is not None  # still on the scoreboard with what he scored
    games.next_question(game["id"], after=1, moment=T0 + 12)  # the next question: Bob has left for good
    assert bob["id"] in games.gone(game["id"]) and lea["id"] not in games.gone(game["id"])


def test_a_late_leave_does_not_bring_a_player_back(games, game):
    """Leaving never makes someone more present than they were (a tab closed long ago stays gone)."""
    tom, _ = games.join(game["code"], "Tom", moment=T0)
    games.leave(tom["token"], moment=T0 + 100)
    assert games.player(tom["token"])["last_seen"] <= T0


def test_the_leave_button_stops_the_wait_on_the_projector(store, game, games, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    lea, _ = games.join(game["code"], "Léa")
    at = AppTest.from_file(str(ROOT / "pages" / "play.py"), default_timeout=60)
    at.run()
    at.text_input[0].input(game["code"])
    at.text_input[1].input("Bob")
    at.button[0].click().run()
    assert not at.exception
    games.next_question(game["id"], after=-1)
    games.seen(lea["id"])
    assert games.host_view(game["id"])["waiting"] == 2
    at.button(key="quiz-leave").click().run()
    assert not at.exception and "joueur" not in at.query_params
    assert games.host_view(game["id"], moment=time.time() + 0.5)["waiting"] == 1  # only Léa, who is still here
