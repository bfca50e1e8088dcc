"""What a new user met in the blind test: long cells in the results PDF, a player rejoining from the same
tablet, ghosts on the diplomas, an emoji pseudonym on the print."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from pipelines import config
from pipelines.blindtest import pack as packs
from pipelines.blindtest.game import LEFT_AFTER, QuizGames
from pipelines.blindtest.results import write_certificates, write_results
from pipelines.i18n import translate
from tests.fixtures.models_blindtest import write_pack

ROOT = Path(__file__).resolve().parents[2]
T0 = 3_000_000.0
SAME_WORDS = "Un programme (sans IA) a redessiné une photo de la médiathèque. Quelle consigne a-t-il reçue ?"


def _long_items() -> list[dict]:
    """Two questions asked in the same long words (they differ by their answer), a very long one, all made by a
    program (the longest truth label)."""
    choices = ["des rayures diagonales très serrées", "un pointillisme aux couleurs chaudes",
               "un dessin au fusain avec des ombres profondes", "une mosaïque de petits carrés bleus"]
    return [
        {"id": "recette-1", "mode": "which_prompt", "media": "image", "file": "media/chat.png", "truth": "program",
         "model": "filtre rayures", "question": SAME_WORDS, "choices": choices, "answer": 0},
        {"id": "recette-2", "mode": "which_prompt", "media": "image", "file": "media/chat-bd.png",
         "truth": "program", "model": "filtre pointillisme", "question": SAME_WORDS, "choices": choices, "answer": 1},
        {"id": "long", "mode": "music", "media": "audio", "file": "media/joie.wav", "truth": "program",
         "model": "compositeur", "question": "Cette petite musique a été composée par un programme qui suit des "
         "règles d'harmonie anciennes : quelle ambiance voulait-il donner à la fin de l'histoire racontée ?",
         "choices": ["joyeuse et dansante comme une fête", "calme", "mystère"], "answer": 0},
    ]


def _words(text: str) -> list[str]:
    return re.findall(r"\w[\w'-]*", text)


def test_results_pdf_wraps_long_cells_so_no_word_is_lost(tmp_path, store):
    games = QuizGames(store)
    pack = packs.load_folder(write_pack(tmp_path / "pack", _long_items()))
    game = games.create(pack, seconds=20, seed=3)
    player, _ = games.join(game["code"], "Maximilien-Alexandre", moment=T0)
    for idx in range(3):
        games.next_question(game["id"], after=idx - 1, moment=T0 + 10 * idx)
        games.answer(player["token"], idx, 0, moment=T0 + 10 * idx + 1)
        games.close_question(game["id"], idx)
    games.finish(game["id"])
    out = write_results(game["id"], tmp_path / "results.pdf", "fr")
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    printed = _words(text)
    assert "…" not in text
    truth = translate("quiz.play.program", "fr")
    for item in _long_items():
        for word in _words(item["question"]) + _words(truth) + _words(item["choices"][item["answer"]]):
            assert word in printed, word
    # the two questions asked in the same words are told apart by their answer
    assert "des rayures diagonales très serrées" in " ".join(text.split())
    assert "un pointillisme aux couleurs chaudes" in " ".join(text.split())
    assert " ".join(text.split()).count("Programme sans IA") == 3


def _game_with(store, tmp_path, names):
    games = QuizGames(store)
    game = games.create(packs.load_folder(write_pack(tmp_path / "pack")), seconds=20, seed=2)
    return games, game


def test_the_same_tablet_rejoining_with_its_pseudonym_gets_its_player_and_points_back(tmp_path, store):
    games, game = _game_with(store, tmp_path, ())
    tom, _ = games.join(game["code"], "Tom", moment=T0, device="tablette-7")
    games.next_question(game["id"], after=-1, moment=T0 + 1)
    answer = games.question(game["id"], 0)["answer"]
    assert games.answer(tom["token"], 0, answer, moment=T0 + 2).status == "counted"
    games.close_question(game["id"], 0)
    # the tab is closed; the same tablet types the code and "tom " again
    back, renamed = games.join(game["code"], "tom ", moment=T0 + 30, device="tablette-7")
    assert (back["id"], back["token"], back["name"], renamed) == (tom["id"], tom["token"], "Tom", False)
    assert len(games.players(game["id"])) == 1
    assert games.player_view(back["token"])["score"] > 0 and games.player_view(back["token"])["total"] == 1
    # another tablet with the same pseudonym is another child: a number, as before; no device, the same
    other, renamed = games.join(game["code"], "Tom", moment=T0 + 31, device="tablette-9")
    assert other["id"] != tom["id"] and other["name"] == "Tom 2" and renamed
    anon, _ = games.join(game["code"], "Tom", moment=T0 + 32)
    assert anon["name"] == "Tom 3"
    with store.connect() as conn:  # the cookie itself is never stored
        assert not conn.execute("SELECT 1 FROM quiz_players WHERE device LIKE '%tablette%'").fetchone()


def test_host_removes_a_player_from_every_ranking_and_the_diplomas(tmp_path, store):
    games, game = _game_with(store, tmp_path, ())
    players = [games.join(game["code"], name, moment=T0)[0] for name in ("Léa", "Sam", "Tom 2")]
    games.next_question(game["id"], after=-1, moment=T0 + 1)
    for player in players:
        games.answer(player["token"], 0, 0, moment=T0 + 2)
    games.close_question(game["id"], 0)
    games.remove_player(players[2]["id"])
    assert [r["name"] for r in games.scoreboard(game["id"])] != [] and \
        "Tom 2" not in [r["name"] for r in games.scoreboard(game["id"])]
    assert games.player_view(players[0]["token"])["total"] == 2
    games.finish(game["id"])
    text = " ".join(p.extract_text() for p in PdfReader(write_certificates(game["id"], tmp_path / "c.pdf")).pages)
    assert "Tom" not in text and text.count("sur 2") == 2


def test_a_player_who_left_and_never_answered_again_gets_no_diploma_unless_kept(tmp_path, store):
    games, game = _game_with(store, tmp_path, ())
    stay = [games.join(game["code"], name, moment=T0)[0] for name in ("Léa", "Sam", "Inès", "Noé")]
    ghost, _ = games.join(game["code"], "Tom", moment=T0)
    for idx in range(3):
        opened = T0 + 100 * idx + 50
        for player in stay:  # their pages say "still here" every few seconds
            games.seen(player["id"], moment=opened - 3)
        games.next_question(game["id"], after=idx - 1, moment=opened)
        answer = games.question(game["id"], idx)["answer"]
        for player in stay[:2]:
            games.answer(player["token"], idx, answer, moment=opened + 2)
        if idx == 0:  # Tom answers the first question, then closes the tab for good
            games.answer(ghost["token"], idx, answer, moment=opened + 1)
        games.close_question(game["id"], idx)
    games.finish(game["id"])
    assert games.gone(game["id"]) == {ghost["id"]}
    assert ghost["id"] in {r["id"] for r in games.scoreboard(game["id"])}  # the results keep the record
    pages = [p.extract_text() for p in PdfReader(write_certificates(game["id"], tmp_path / "c.pdf")).pages]
    text = " ".join(pages)
    assert len(pages) == 2 and "Tom" not in text and "sur 4" in text and "sur 5" not in text
    assert text.count("4e place sur 4") == 0 or "Noé" in text  # places are counted among those who stayed
    games.keep_player(ghost["id"])  # the host keeps them after all
    pages = [p.extract_text() for p in PdfReader(write_certificates(game["id"], tmp_path / "k.pdf")).pages]
    assert len(pages) == 3 and "Tom" in " ".join(pages) and "sur 5" in " ".join(pages)


def test_a_player_back_before_the_next_question_is_not_gone(tmp_path, store):
    games, game = _game_with(store, tmp_path, ())
    tom, _ = games.join(game["code"], "Tom", moment=T0, device="tablette-1")
    games.next_question(game["id"], after=-1, moment=T0 + 1)
    games.close_question(game["id"], 0)
    games.show_scores(game["id"], 0)
    games.join(game["code"], "Tom", moment=T0 + 200, device="tablette-1")  # rejoined during the scores
    games.next_question(game["id"], after=0, moment=T0 + 200 + LEFT_AFTER - 1)
    assert games.gone(game["id"]) == set()


@pytest.mark.parametrize("language, expected", [("fr", "«\u00a0Licorne\u00a0»"), ("en", "“Licorne”")])
def test_an_emoji_pseudonym_is_told_how_it_will_print(store, quiz_pack_dir, monkeypatch, tmp_path, language,
                                                       expected):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    monkeypatch.setenv("ATELIER_LANGUAGE", language)  # the studio's default language
    config.reset_settings()
    games = QuizGames(store)
    game = games.create(packs.load_folder(quiz_pack_dir), seconds=20, seed=1)
    at = AppTest.from_file(str(ROOT / "pages" / "play.py"), default_timeout=60)
    at.run()
    at.text_input[0].input(game["code"])
    at.text_input[1].input("🨀🨁Licorne")  # chess pieces: no printed face has them
    at.button[0].click().run()
    assert not at.exception
    notes = " ".join(i.value for i in at.info)
    assert expected in notes and "🨀" not in notes
    # the print says what the note said
    player = games.players(game["id"])[0]
    games.next_question(game["id"], after=-1)
    games.answer(player["token"], 0, 0)
    games.finish(game["id"])
    text = PdfReader(write_certificates(game["id"], tmp_path / "c.pdf", language)).pages[0].extract_text()
    assert "Licorne" in text and "🨀" not in text


def test_a_printable_pseudonym_gets_no_note(store, quiz_pack_dir, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    game = QuizGames(store).create(packs.load_folder(quiz_pack_dir), seconds=20, seed=1)
    at = AppTest.from_file(str(ROOT / "pages" / "play.py"), default_timeout=60)
    at.run()
    at.text_input[0].input(game["code"])
    at.text_input[1].input("Zoé")
    at.button[0].click().run()
    assert not at.exception and not [i for i in at.info if "🖨️" in i.value]


def test_the_host_removes_a_player_from_the_lobby_in_two_taps(store, quiz_pack_dir, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    games = QuizGames(store)
    game = games.create(packs.load_folder(quiz_pack_dir), seconds=20, seed=1)
    for name in ("Tom", "Tom 2"):
        games.join(game["code"], name)
    at = AppTest.from_file(str(ROOT / "pages" / "blindtest.py"), default_timeout=60)
    at.query_params["partie"] = game["code"]
    at.run()
    assert not at.exception

    def ghost_button():
        ghost = next(p for p in games.players(game["id"]) if p["name"] == "Tom 2")
        return at.button(key=f"quiz-remove-{ghost['id']}")

    ghost_button().click().run()  # the first tap asks
    assert [p["name"] for p in games.players(game["id"])] == ["Tom", "Tom 2"]
    assert "Tom 2" in ghost_button().label and "?" in ghost_button().label
    ghost_button().click().run()  # the second removes
    assert not at.exception
    assert [p["name"] for p in games.players(game["id"])] == ["Tom"]


def test_the_host_keeps_a_player_who_left_on_the_diplomas_from_the_podium(store, quiz_pack_dir, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    games = QuizGames(store)
    game = games.create(packs.load_folder(quiz_pack_dir), seconds=20, seed=1)
    lea, _ = games.join(game["code"], "Léa", moment=T0)
    tom, _ = games.join(game["code"], "Tom", moment=T0)
    games.next_question(game["id"], after=-1, moment=T0 + LEFT_AFTER + 5)  # Tom's tablet went quiet before
    games.answer(lea["token"], 0, 0, moment=T0 + LEFT_AFTER + 6)
    games.finish(game["id"])
    at = AppTest.from_file(str(ROOT / "pages" / "blindtest.py"), default_timeout=60)
    at.query_params["partie"] = game["code"]
    at.run()
    assert not at.exception
    assert [tg.key for tg in at.toggle] == [f"quiz-keep-{tom['id']}"]  # only the one who left is asked about
    at.toggle(key=f"quiz-keep-{tom['id']}").set_value(True).run()
    assert not at.exception
    assert games.gone(game["id"]) == set() and games.players(game["id"])[1]["kept"] == 1
