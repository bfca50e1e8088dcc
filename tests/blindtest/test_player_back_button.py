"""The back button on a player's tablet takes `?joueur=` out of the address: the same browser is still
the same player (no second 'Tom 2' with 0 points) while the game lasts. AppTest, no browser."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pipelines.blindtest import pack as packs
from pipelines.blindtest.game import QuizGames

ROOT = Path(__file__).resolve().parents[2]


def _joined(store, quiz_pack_dir, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    games = QuizGames(store)
    game = games.create(packs.load_folder(quiz_pack_dir), seconds=20, seed=1)
    at = AppTest.from_file(str(ROOT / "pages" / "play.py"), default_timeout=60)
    at.run()
    at.text_input[0].input(game["code"])
    at.text_input[1].input("Tom")
    at.button[0].click().run()
    assert not at.exception
    token = at.query_params["joueur"]
    return games, game, at, token


def test_back_button_keeps_the_player(store, quiz_pack_dir, monkeypatch):
    games, game, at, token = _joined(store, quiz_pack_dir, monkeypatch)
    at.query_params.pop("joueur")  # what the back button does to the address
    at.run()
    assert not at.exception
    assert at.query_params["joueur"] == token
    assert [p["name"] for p in games.players(game["id"])] == ["Tom"]
    assert not any(w.label == "Ton pseudo" for w in at.text_input)  # not the join form again


def test_after_the_podium_the_join_form_comes_back(store, quiz_pack_dir, monkeypatch):
    games, game, at, token = _joined(store, quiz_pack_dir, monkeypatch)
    games.finish(game["id"])
    at.query_params.pop("joueur")
    at.run()
    assert not at.exception
    assert "joueur" not in at.query_params
    assert any(w.label == "Ton pseudo" for w in at.text_input)
