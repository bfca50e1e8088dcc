"""A pseudonym pasted longer than a player's name may be stays in its box and is said too long, and nobody joins
under it: Streamlit's own limit threw it away whole, and the child was told to choose a pseudonym they had typed."""
from __future__ import annotations

import unicodedata
from pathlib import Path

from streamlit.testing.v1 import AppTest

from pipelines.blindtest import pack as packs
from pipelines.blindtest.game import QuizGames

ROOT = Path(__file__).resolve().parents[2]


def _player_page(store, quiz_pack_dir, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    game = QuizGames(store).create(packs.load_folder(quiz_pack_dir), seconds=20, teams=False, seed=1)
    at = AppTest.from_file(str(ROOT / "pages" / "play.py"), default_timeout=60)
    at.session_state["lang"] = "fr"
    at.run()
    at.text_input[0].input(game["code"])
    return at, game


def _joined(store, game) -> list[str]:
    with store.connect() as conn:
        return [row["name"] for row in conn.execute("SELECT name FROM quiz_players WHERE game_id=?", (game["id"],))]


def test_a_long_pseudonym_is_kept_said_and_not_joined(store, quiz_pack_dir, monkeypatch):
    at, game = _player_page(store, quiz_pack_dir, monkeypatch)
    pasted = "Jean-Baptiste-Alexandre-Maximilien"  # 34 letters, 24 at most
    at.text_input[1].input(pasted)
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert at.text_input[1].value == pasted
    assert any("C'est 10 lettres de trop (pas plus de 24)" in w.value for w in at.warning)
    assert not any("Choisis un pseudo" in e.value for e in at.error)
    assert _joined(store, game) == []

    at.text_input[1].input("Jean-Baptiste")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert _joined(store, game) == ["Jean-Baptiste"]


def test_a_decomposed_pseudonym_is_counted_in_letters(store, quiz_pack_dir, monkeypatch):
    at, game = _player_page(store, quiz_pack_dir, monkeypatch)
    name = unicodedata.normalize("NFD", "Éloïse-Hélène-Noémie-Zoé")  # 24 letters, 29 code points from an iPad
    at.text_input[1].input(name)
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert not any("de trop" in w.value for w in at.warning)
    assert _joined(store, game) == [unicodedata.normalize("NFC", name)]
