"""A player's name the print fonts cannot set (Arabic needs shaping) is never printed as loose letters on the
certificate or the scoreboard: a dotted line is left for the facilitator's pen; Latin names with any accent print."""
from __future__ import annotations

from pypdf import PdfReader

from pipelines.blindtest import pack as packs
from pipelines.blindtest.game import QuizGames
from pipelines.blindtest.results import WRITE_BY_HAND, printable_name, write_certificates, write_results


def test_printable_names():
    assert printable_name("أمينة") == ""
    assert printable_name("Nguyễn 🨀") == "Nguyễn" and printable_name("İlayda") == "İlayda"


def test_certificates_and_scoreboard_leave_a_line_for_a_name_they_cannot_print(tmp_path, store, quiz_pack_dir):
    games = QuizGames(store)
    game = games.create(packs.load_folder(quiz_pack_dir), seconds=20, seed=2)
    for name in ("أمينة", "Léa"):
        player, _ = games.join(game["code"], name, moment=2_000_000.0)
        games.seen(player["id"], moment=2_000_099.0)  # their page is open
    games.next_question(game["id"], after=-1, moment=2_000_100.0)
    games.close_question(game["id"], 0)
    games.finish(game["id"])
    pages = [p.extract_text() for p in PdfReader(write_certificates(game["id"], tmp_path / "c.pdf", "fr")).pages]
    assert len(pages) == 1 and "Léa" in pages[0]  # two diplomas on one A4 sheet
    assert any(WRITE_BY_HAND in p for p in pages)
    assert not any(c in "".join(pages) for c in "أمينة")
    board = "".join(p.extract_text() for p in PdfReader(write_results(game["id"], tmp_path / "r.pdf", "fr")).pages)
    assert "Léa" in board and not any(c in board for c in "أمينة")


def test_emoji_in_a_pseudonym_print_on_the_diploma_as_elsewhere(tmp_path, store, quiz_pack_dir):
    """« Zoé 🦄 » was told « ton nom sera écrit « Zoé » (les émojis ne s'impriment pas) » while the storybook and
    the comic print the same emoji in black: the diplomas and the results now print them too (the emoji faces
    embedded); a sign no face draws is still left out."""
    import subprocess

    from pipelines.blindtest.results import printable

    assert printable_name("Zoé 🦄") == "Zoé 🦄" and printable_name("Noé 🥳") == "Noé 🥳"
    assert printable_name("🨀Licorne") == "Licorne"
    assert printable("Le quiz des 🎵 et des 🐱") == "Le quiz des 🎵 et des 🐱"
    assert printable("مرحبا 🨀") == "مرحبا"  # letters the faces cannot shape keep them; the sign is dropped
    games = QuizGames(store)
    game = games.create(packs.load_folder(quiz_pack_dir), seconds=20, seed=2)
    for name in ("Zoé 🦄", "Noé 🥳"):
        player, _ = games.join(game["code"], name, moment=2_000_000.0)
        games.seen(player["id"], moment=2_000_099.0)
    games.next_question(game["id"], after=-1, moment=2_000_100.0)
    games.close_question(game["id"], 0)
    games.finish(game["id"])
    out = write_certificates(game["id"], tmp_path / "c.pdf", "fr")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Symbola" in fonts and "NotoEmoji" in fonts, fonts
