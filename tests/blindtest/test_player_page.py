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


def _player_page(store, quiz_pack_dir, monkeypatch):
    """The player page (French, no worker) with a new game's code typed: (AppTest, game)."""
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    game = QuizGames(store).create(packs.load_folder(quiz_pack_dir), seconds=20, teams=False, seed=1)
    at = AppTest.from_file(str(ROOT / "pages" / "play.py"), default_timeout=60)
    at.session_state["lang"] = "fr"
    at.run()
    at.text_input[0].input(game["code"])
    return at, game


def test_the_printed_name_note_follows_the_language_of_the_page(store, quiz_pack_dir, monkeypatch):
    """A player joined in French, then the room switched to English: the note on how the name prints is said in
    English (it was kept as the French sentence of the join)."""
    at, game = _player_page(store, quiz_pack_dir, monkeypatch)
    at.text_input[1].input("Kevin 🨀")  # a sign no print face draws
    at.button[0].click().run()
    assert not at.exception
    assert any("Sur le diplôme" in i.value for i in at.info)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    notes = [i.value for i in at.info]
    assert any("diploma" in n and "Kevin" in n for n in notes) and not any("diplôme" in n for n in notes), notes


def test_an_english_room_is_not_offered_the_french_starter_pack(store, monkeypatch, tmp_path):
    """The studio's own pack is offered in the page's language: in English, the French starter pack is not listed
    (its questions, clues and title are French); the English one is offered to build."""
    from pipelines.blindtest.library import PackLibrary
    from pipelines.blindtest.starter import build_starter

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    library = PackLibrary()
    build_starter(library.root / "starter-fr", "fr")
    at = AppTest.from_file(str(ROOT / "pages" / "blindtest.py"), default_timeout=120)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    listed = [o for r in at.radio for o in r.options]
    assert not any("Pack de départ" in o for o in listed), listed
