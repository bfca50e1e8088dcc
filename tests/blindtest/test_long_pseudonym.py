"""A pseudonym pasted longer than a player's name may be stays in its box and is said too long, and nobody joins
under it: Streamlit's own limit threw it away whole, and the child was told to choose a pseudonym they had typed."""
from __future__ import annotations

import unicodedata

from tests.blindtest.test_player_page import _player_page


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
