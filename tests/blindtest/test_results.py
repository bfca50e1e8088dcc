"""Results PDF and certificates: what a facilitator prints after the podium."""
from __future__ import annotations

import subprocess

import pdfplumber
import pytest
from pypdf import PdfReader

from pipelines.blindtest import pack as packs
from pipelines.blindtest.game import QuizGames
from pipelines.blindtest.results import write_certificates, write_results

T0 = 2_000_000.0


@pytest.fixture
def finished_game(store, quiz_pack_dir):
    games = QuizGames(store)
    store.set_setting("library_name", "Médiathèque des Tilleuls")
    game = games.create(packs.load_folder(quiz_pack_dir), seconds=20, teams=True, seed=2)
    players = [games.join(game["code"], name, moment=T0)[0] for name in ("Léa", "Sam", "Noé 🨀", "Inès")]
    for idx in range(3):
        games.next_question(game["id"], after=idx - 1, moment=T0 + 100 * idx)
        answer = games.question(game["id"], idx)["answer"]
        for player in players:  # every page is open: each notes "still here" every few seconds
            games.seen(player["id"], moment=T0 + 100 * idx + 1)
        for n, player in enumerate(players[: 3 if idx else 4]):
            choice = answer if n <= idx else (answer + 1) % len(games.question(game["id"], idx)["choices"])
            games.answer(player["token"], idx, choice, moment=T0 + 100 * idx + 2 + n)
        games.close_question(game["id"], idx)
    games.finish(game["id"])
    return games, game


def test_results_pdf_has_scoreboard_and_share_per_question(tmp_path, finished_game):
    games, game = finished_game
    out = write_results(game["id"], tmp_path / "results.pdf", "fr")
    text = "\n".join(page.extract_text() for page in pdfplumber.open(out).pages)
    assert "Résultats du quiz" in text and "Médiathèque des Tilleuls" in text
    board = games.scoreboard(game["id"])
    top = board[0]
    assert f"1 {top['name']}" in text and str(top["score"]) in text
    assert "Noé" in text  # the emoji is left out of print, the name stays
    # question 1: 4 answers, 1 right (only player 0); question 3: 3 answers, all right
    assert "25 % (1/4)" in text and "100 % (3/3)" in text
    assert "Renards" in text or "Tortues" in text
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(out), str(tmp_path / "results")], check=True)
    assert list(tmp_path.glob("results-*.png"))


def test_one_certificate_per_player_or_team_two_a5_per_a4_sheet(tmp_path, finished_game):
    games, game = finished_game
    people = write_certificates(game["id"], tmp_path / "people.pdf", "fr")
    reader = PdfReader(people)
    assert len(reader.pages) == 2  # four A5 diplomas, two per A4 sheet
    for page in reader.pages:  # A4 portrait: an office printer prints each diploma at its nominal A5 size
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    board = games.scoreboard(game["id"])
    first = reader.pages[0].extract_text()
    assert f"{board[0]['score']} points" in first and f"{board[1]['score']} points" in first
    assert first.count("Médiathèque des Tilleuls") == 2 and first.count("sur 4") == 2
    assert board[0]["name"] in first
    # the two diplomas sit one above the other, each in its own A5 half, with a cut line across the middle
    with pdfplumber.open(people) as pdf:
        sheet = pdf.pages[0]
        titles = [w for w in sheet.extract_words() if w["text"] == "DIPLÔME"]
        assert len(titles) == 2 and titles[0]["top"] < 420 < titles[1]["top"]
        assert any(abs(line["top"] - 420.9) < 1 and line["x1"] - line["x0"] > 590 for line in sheet.lines)
    teams = PdfReader(write_certificates(game["id"], tmp_path / "teams.pdf", "en", teams=True))
    assert len(teams.pages) == (len(games.team_board(game["id"])) + 1) // 2
    assert "awarded to the team" in teams.pages[0].extract_text()
