"""Playing a game: time bonus, ties, late join, reloads, same pseudonym twice, teams, question shares."""
from __future__ import annotations

import pytest

from pipelines.blindtest import pack as packs
from pipelines.blindtest.game import QuizGames
from pipelines.blindtest.scoring import FLOOR, FULL, podium, points, rank
from pipelines.i18n import UserError

T0 = 1_000_000.0  # a fixed clock: every moment is passed explicitly


@pytest.fixture
def game(games, quiz_pack_dir):  # `games` from conftest.py; this file's game: 20 s a question, seed 3
    return games.create(packs.load_folder(quiz_pack_dir), seconds=20, seed=3)


def right(games, game_id, idx):
    return games.question(game_id, idx)["answer"]


def wrong(games, game_id, idx):
    return (right(games, game_id, idx) + 1) % len(games.question(game_id, idx)["choices"])


def test_points_fall_from_full_to_floor_over_the_question_time():
    assert points(True, 0, 20) == FULL
    assert points(True, 10, 20) == (FULL + FLOOR) // 2
    assert points(True, 20, 20) == FLOOR
    assert points(True, 25, 20) == FLOOR  # an answer in the grace second is not negative
    assert points(False, 0, 20) == 0
    assert points(True, 1, 20) > points(True, 2, 20)
    with pytest.raises(ValueError, match="seconds is 0"):
        points(True, 1, 0)


def test_ties_share_a_place_and_the_podium():
    rows = rank([{"name": "Zoé", "score": 900}, {"name": "Ali", "score": 1500}, {"name": "Léa", "score": 900},
                 {"name": "Tom", "score": 100}])
    assert [(r["name"], r["rank"]) for r in rows] == [("Ali", 1), ("Léa", 2), ("Zoé", 2), ("Tom", 4)]
    steps = podium(rows)
    assert sorted(steps) == [1, 2] and [r["name"] for r in steps[2]] == ["Léa", "Zoé"]


def test_faster_right_answer_scores_more_and_wrong_scores_nothing(games, game):
    lea, _ = games.join(game["code"], "Léa", moment=T0)
    sam, _ = games.join(game["code"], "Sam", moment=T0)
    bob, _ = games.join(game["code"], "Bob", moment=T0)
    games.next_question(game["id"], after=-1, moment=T0)
    assert games.answer(lea["token"], 0, right(games, game["id"], 0), moment=T0 + 2).points == 950
    assert games.answer(sam["token"], 0, right(games, game["id"], 0), moment=T0 + 12).points == 700
    result = games.answer(bob["token"], 0, wrong(games, game["id"], 0), moment=T0 + 1)
    assert (result.status, result.correct, result.points) == ("counted", False, 0)
    games.close_question(game["id"], 0, moment=T0 + 13)
    board = games.scoreboard(game["id"])
    assert [(r["name"], r["score"], r["rank"]) for r in board] == [("Léa", 950, 1), ("Sam", 700, 2), ("Bob", 0, 3)]


def test_scores_of_the_open_question_stay_hidden_until_the_reveal(games, game):
    lea, _ = games.join(game["code"], "Léa", moment=T0)
    games.next_question(game["id"], after=-1, moment=T0)
    games.answer(lea["token"], 0, right(games, game["id"], 0), moment=T0 + 1)
    assert games.player_view(lea["token"], moment=T0 + 2)["score"] == 0
    games.close_question(game["id"], 0)
    assert games.player_view(lea["token"])["score"] == 975


def test_equal_answers_tie(games, game):
    a, _ = games.join(game["code"], "Ana", moment=T0)
    b, _ = games.join(game["code"], "Ben", moment=T0)
    c, _ = games.join(game["code"], "Cali", moment=T0)
    games.next_question(game["id"], after=-1, moment=T0)
    for player in (a, b):
        games.answer(player["token"], 0, right(games, game["id"], 0), moment=T0 + 4)
    games.answer(c["token"], 0, right(games, game["id"], 0), moment=T0 + 8)
    games.close_question(game["id"], 0)
    board = games.scoreboard(game["id"])
    assert [(r["name"], r["rank"]) for r in board] == [("Ana", 1), ("Ben", 1), ("Cali", 3)]


def test_late_join_plays_from_the_current_question(games, game):
    early, _ = games.join(game["code"], "Tôt", moment=T0)
    games.next_question(game["id"], after=-1, moment=T0)
    games.answer(early["token"], 0, right(games, game["id"], 0), moment=T0 + 1)
    games.close_question(game["id"], 0)
    late, _ = games.join(game["code"], "Tard", moment=T0 + 30)
    assert late["joined_question"] == 0
    assert games.answer(late["token"], 0, right(games, game["id"], 0), moment=T0 + 31).status == "closed"
    games.show_scores(game["id"], 0)
    games.next_question(game["id"], after=0, moment=T0 + 40)
    assert games.answer(late["token"], 1, right(games, game["id"], 1), moment=T0 + 40).points == FULL
    games.close_question(game["id"], 1)
    board = {r["name"]: r for r in games.scoreboard(game["id"])}
    assert board["Tard"]["score"] == FULL and board["Tôt"]["score"] == 975
    assert board["Tard"]["rank"] == 1


def test_same_pseudonym_twice_gets_a_number(games, game):
    first, renamed_first = games.join(game["code"], "  Léa ", moment=T0)
    second, renamed_second = games.join(game["code"], "léa", moment=T0)
    third, _ = games.join(game["code"], "LÉA", moment=T0)
    assert (first["name"], renamed_first) == ("Léa", False)
    assert (second["name"], renamed_second) == ("léa 2", True)
    assert third["name"] == "LÉA 3"
    assert len({first["token"], second["token"], third["token"]}) == 3


def test_a_player_reloading_finds_their_score_and_answer(games, game):
    lea, _ = games.join(game["code"], "Léa", moment=T0)
    games.next_question(game["id"], after=-1, moment=T0)
    games.answer(lea["token"], 0, right(games, game["id"], 0), moment=T0 + 2)
    # a reload (or lost Wi-Fi) keeps only the token from the address bar
    view = games.player_view(lea["token"], moment=T0 + 3)
    assert view["answer"]["choice"] == right(games, game["id"], 0)
    assert games.answer(lea["token"], 0, wrong(games, game["id"], 0), moment=T0 + 4).status == "already"
    games.close_question(game["id"], 0)
    assert games.player_view(lea["token"])["score"] == 950


def test_host_reload_finds_the_game_in_the_store(store, games, game):
    games.join(game["code"], "Léa", moment=T0)
    games.next_question(game["id"], after=-1, moment=T0)
    again = QuizGames(type(store)())  # a new page run: nothing kept in memory
    assert [g["code"] for g in again.open_games()] == [game["code"]]
    view = again.host_view(game["id"], moment=T0 + 5)
    assert view["game"]["state"] == "question" and view["question"]["idx"] == 0
    assert view["remaining"] == pytest.approx(15)


def test_double_click_on_next_never_skips_a_question(games, game):
    games.next_question(game["id"], after=-1, moment=T0)
    games.close_question(game["id"], 0)
    games.next_question(game["id"], after=0, moment=T0 + 30)
    games.next_question(game["id"], after=0, moment=T0 + 30)  # the same click, again
    assert games.game(game["id"])["current"] == 1


def test_question_closes_at_the_deadline_or_when_everyone_answered(games, game):
    a, _ = games.join(game["code"], "Ana", moment=T0)
    b, _ = games.join(game["code"], "Ben", moment=T0)
    games.next_question(game["id"], after=-1, moment=T0)
    assert games.tick(game["id"], moment=T0 + 5)["state"] == "question"
    games.answer(a["token"], 0, 0, moment=T0 + 5)
    assert games.tick(game["id"], moment=T0 + 6)["state"] == "question"
    games.answer(b["token"], 0, 1, moment=T0 + 6)
    assert games.tick(game["id"], moment=T0 + 7)["state"] == "reveal"
    games.show_scores(game["id"], 0)
    games.next_question(game["id"], after=0, moment=T0 + 10)
    assert games.answer(a["token"], 1, 0, moment=T0 + 10 + 20 + 5).status == "late"
    assert games.tick(game["id"], moment=T0 + 10 + 22)["state"] == "reveal"


def test_game_ends_on_the_podium_after_the_last_question(games, game):
    for idx in range(3):
        games.next_question(game["id"], after=idx - 1, moment=T0 + idx * 30)
        games.close_question(game["id"], idx)
    assert games.next_question(game["id"], after=2)["state"] == "podium"
    with pytest.raises(UserError) as caught:
        games.join(game["code"], "Trop tard")
    assert caught.value.key == "quiz.play.err_over"


def test_wrong_code_and_empty_name_are_told(games, game):
    with pytest.raises(UserError) as caught:
        games.join("ZZZZ", "Léa")
    assert caught.value.key == "quiz.play.err_code" and caught.value.params == {"code": "ZZZZ"}
    with pytest.raises(UserError) as caught:
        games.join(game["code"], "   ")
    assert caught.value.key == "quiz.play.err_name"


def test_teams_average_their_members(games, quiz_pack_dir):
    game = games.create(packs.load_folder(quiz_pack_dir), seconds=20, teams=True, seed=1)
    fox1, _ = games.join(game["code"], "A", team="fox", moment=T0)
    fox2, _ = games.join(game["code"], "B", team="fox", moment=T0)
    owl, _ = games.join(game["code"], "C", team="owl", moment=T0)
    auto, _ = games.join(game["code"], "D", moment=T0)
    assert auto["team"] == "turtle"  # the smallest team, in the listed order
    games.next_question(game["id"], after=-1, moment=T0)
    games.answer(fox1["token"], 0, right(games, game["id"], 0), moment=T0)
    games.answer(owl["token"], 0, right(games, game["id"], 0), moment=T0 + 20)
    games.close_question(game["id"], 0)
    board = {r["team"]: r for r in games.team_board(game["id"])}
    assert board["fox"]["score"] == 500 and board["fox"]["members"] == 2
    assert board["owl"]["score"] == 500 and board["owl"]["rank"] == board["fox"]["rank"] == 1
    assert board["turtle"]["rank"] == 3


def test_share_of_players_who_spotted_the_truth(games, game):
    players = [games.join(game["code"], f"J{i}", moment=T0)[0] for i in range(4)]
    games.next_question(game["id"], after=-1, moment=T0)
    for i, player in enumerate(players[:3]):
        choice = right(games, game["id"], 0) if i < 2 else wrong(games, game["id"], 0)
        games.answer(player["token"], 0, choice, moment=T0 + 1)
    games.close_question(game["id"], 0)
    stats = games.question_stats(game["id"])
    assert len(stats) == 1
    assert (stats[0]["answered"], stats[0]["correct"]) == (3, 2)
    assert stats[0]["share"] == pytest.approx(2 / 3)


def test_choices_are_shuffled_but_the_answer_follows(games, quiz_pack_dir):
    pack = packs.load_folder(quiz_pack_dir)
    places = set()
    for seed in range(12):
        question = games.create(pack, seed=seed)["id"]
        q = games.question(question, 1)
        assert q["choices"][q["answer"]] == "un chat roux, style bande dessinée"
        places.add(q["answer"])
    assert len(places) > 1


def test_a_rude_or_mocking_pseudonym_is_refused_kindly(games, game):
    """The pseudonym goes on the big screen: the prompt guard applies to it (FR and EN)."""
    from pipelines.i18n import UserError

    for rude in ("Léo pue du cul", "gros con", "stupid b1tch", "connard"):
        with pytest.raises(UserError) as caught:
            games.join(game["code"], rude)
        # said of a name, not « Ta phrase a un mot pas gentil » (a pseudonym is no sentence)
        assert caught.value.key == "typed.name_rude", caught.value.key
    player, _ = games.join(game["code"], "Léo")
    assert player["name"] == "Léo"


def test_a_phone_number_or_an_account_for_a_pseudonym_is_told_as_such_never_shown(games, game):
    """The big screen shows every pseudonym: a phone number or a social account is refused with the personal
    details' sentence (not as a rude name), without repeating it; a pseudonym with a number in it still plays."""
    from pipelines.i18n import UserError
    from pipelines.safety.personal import MESSAGE_KEY

    for typed in ("Léa 06 12 34 56 78", "mon snap lili_2013"):
        with pytest.raises(UserError) as caught:
            games.join(game["code"], typed)
        assert caught.value.key == MESSAGE_KEY, caught.value.key
        assert "06" not in caught.value.message("fr") and "lili" not in caught.value.message("fr")
    assert games.join(game["code"], "Léa 2013")[0]["name"] == "Léa 2013"


def test_a_toilet_word_for_a_pseudonym_is_refused_and_counted(games, game, store):
    """Fine in a story (« il marche dans le caca »), no name to call a player by on the big screen."""
    from pipelines.i18n import UserError

    for rude in ("Caca", "K4K4 boudin", "Mr Poop"):
        with pytest.raises(UserError) as caught:
            games.join(game["code"], rude)
        assert caught.value.key == "typed.name_rude" and rude not in caught.value.message("fr")
    assert store.count_events("prompt_blocked", game["workshop_id"]) == 3
    assert games.join(game["code"], "Capitaine Caleçon")[0]["name"] == "Capitaine Caleçon"


def test_a_player_sharing_a_place_is_told_it_is_shared(games, game):
    """Two players with no point yet read « 1re place sur 2, ex æquo », not a first place of their own."""
    from pipelines.i18n import translate

    a, _ = games.join(game["code"], "Ana", moment=T0)
    b, _ = games.join(game["code"], "Ben", moment=T0)
    assert games.player_view(a["token"])["tied"] == 1
    games.next_question(game["id"], after=-1, moment=T0)
    games.answer(a["token"], 0, right(games, game["id"], 0), moment=T0 + 4)
    games.close_question(game["id"], 0)
    assert (games.player_view(a["token"])["tied"], games.player_view(b["token"])["tied"]) == (0, 0)
    assert translate("quiz.play.rank_tied", "fr", place="1re", total=2) == "Tu es à la 1re place sur 2, ex æquo"
