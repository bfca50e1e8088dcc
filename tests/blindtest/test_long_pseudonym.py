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
    assert any("Ce sont 10 lettres de trop (pas plus de 24)" in w.value for w in at.warning)
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


def test_the_join_form_counts_letters_as_the_game_keeps_them():
    """One count (game.letters_too_many) for the join form and the name the game keeps (clean_name): a name the form
    lets through is never cut, and one it holds back is said with the letters the game would have cut."""
    from pipelines.blindtest.game import MAX_NAME, clean_name, letters_too_many

    for name in ("  Zoé  ", "Jean  \t Baptiste", "A" * MAX_NAME, " " + "B" * MAX_NAME + " ", "C" * (MAX_NAME + 3),
                 unicodedata.normalize("NFD", "Éloïse-Hélène-Noémie-Zoé"), "Éloïse  Hélène\nNoémie   Zoé  Léa"):
        whole = unicodedata.normalize("NFC", " ".join(name.split()))
        assert letters_too_many(name) == len(whole) - len(clean_name(name)), name
        assert (letters_too_many(name) == 0) == (clean_name(name) == whole), name


def test_a_code_pasted_too_long_is_kept_and_said(store, quiz_pack_dir, monkeypatch):
    """The code box had Streamlit's max_chars=6: a pasted text was dropped whole, with no word said. A paste with no
    code among its words stays and is said too long; nobody joins."""
    at, game = _player_page(store, quiz_pack_dir, monkeypatch)
    assert not at.text_input[0].max_chars
    pasted = "code du quiz : cg"
    at.text_input[0].input(pasted)
    at.text_input[1].input("Zoé")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert at.text_input[0].value == pasted and at.text_input[1].value == "Zoé"
    said = [w.value.replace("\u00a0", " ") for w in at.warning]
    assert any("Ce code a 13 signes : un code en a 4 au plus." in w for w in said), said
    assert _joined(store, game) == []


def test_a_code_pasted_with_its_message_lets_the_player_in(store, quiz_pack_dir, monkeypatch):
    """« Code : K7QP » pasted from the big screen's message: its one word in capitals and figures is the code."""
    at, game = _player_page(store, quiz_pack_dir, monkeypatch)
    at.text_input[0].input(f"Code : {game['code']}")
    at.text_input[1].input("Zoé")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert _joined(store, game) == ["Zoé"]
