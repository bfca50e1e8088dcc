"""The player's page (AppTest): join with the game code, a pseudonym and a chosen team."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pipelines.blindtest import pack as packs
from pipelines.blindtest.game import QuizGames

ROOT = Path(__file__).resolve().parents[2]


def test_a_player_picks_a_team_when_joining(store, quiz_pack_dir, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    games = QuizGames(store)
    game = games.create(packs.load_folder(quiz_pack_dir), seconds=20, teams=True, seed=1)
    at = AppTest.from_file(str(ROOT / "pages" / "play.py"), default_timeout=60)
    at.run()
    assert not at.exception
    code_input, name_input = at.text_input[0], at.text_input[1]
    code_input.input(game["code"].lower())
    name_input.input("Zoé")
    at.radio[0].set_value("owl")
    at.button[0].click().run()
    assert not at.exception
    players = games.players(game["id"]) if hasattr(games, "players") else None
    with store.connect() as conn:
        row = conn.execute("SELECT name, team FROM quiz_players WHERE game_id=?", (game["id"],)).fetchone()
    assert (row["name"], row["team"]) == ("Zoé", "owl"), players
