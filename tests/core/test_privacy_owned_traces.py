"""A participant removed leaves no trace that was theirs: the counts of their refused sentences and pictures
(events), their quiz players and answers, linked when they joined from their page or their bound tablet. The
console still counts refusals by category (never the words); the database of an older studio is migrated."""
from __future__ import annotations

import pytest

from pipelines.blindtest import pack as packs
from pipelines.blindtest.game import QuizGames
from pipelines.i18n import UserError
from pipelines.safety import approvals
from pipelines.safety.prompts import screen
from pipelines.safety.text import check_words
from pipelines.store import Store
from pipelines.store import migrations
from pipelines.store.devices import Devices
from tests.conftest import open_page

T0 = 7_000_000.0
RUDE = "un chevalier qui tue un enfant"  # refused by the CPU guard (violence)


def _events(store, **where) -> list[dict]:
    with store.connect() as conn:
        rows = conn.execute("SELECT * FROM events WHERE kind IN ('prompt_blocked', 'picture_rejected')").fetchall()
    return [dict(r) for r in rows if all(r[k] == v for k, v in where.items())]


@pytest.fixture
def children(store, workshop):
    return (store.add_participant(workshop["id"], "Léa", minor=False),
            store.add_participant(workshop["id"], "Tom", minor=False))


def test_refused_sentences_are_counted_as_the_childs_and_go_with_them(store, workshop, children):
    lea, tom = children
    for person in (lea, lea, tom):  # Léa's words checked again (a page reloaded with her draft) count once
        with pytest.raises(UserError):
            check_words(RUDE, field="title", store=store, workshop_id=workshop["id"], participant_id=person["id"])
    with pytest.raises(UserError):
        screen("un pirate qui tue un enfant", store=store, workshop_id=workshop["id"], model=False,
               participant_id=lea["id"])
    with pytest.raises(UserError):  # a sentence typed on the facilitator's page: nobody's
        screen(RUDE, store=store, workshop_id=workshop["id"], model=False)
    assert len(_events(store, participant_id=lea["id"])) == 2 and len(_events(store, participant_id=tom["id"])) == 1
    assert approvals.refusals(store, workshop["id"]) == {"violence": 4}
    assert all(e["detail"] == "violence" for e in _events(store))  # the category, never the words
    store.remove_participant(lea["id"])
    assert _events(store, participant_id=lea["id"]) == []
    assert approvals.refusals(store, workshop["id"]) == {"violence": 2}  # Tom's and the facilitator's stay


def test_a_rejected_picture_is_counted_as_its_owners(store, workshop, children):
    lea, _ = children
    approvals.hold(store, "job-lea", workshop["id"], lea["id"], {"kind": "image", "files": {}})
    approvals.reject(store, "job-lea", "violence")
    assert [e["participant_id"] for e in _events(store)] == [lea["id"]]
    store.remove_participant(lea["id"])
    assert _events(store) == []


def test_nothing_is_counted_for_a_child_removed_meanwhile(store, workshop, children):
    lea, _ = children
    store.remove_participant(lea["id"])  # a job of hers still running refuses its sentence afterwards
    store.log_event("image_flagged", workshop["id"], "cpu", participant_id=lea["id"])
    assert store.count_events("image_flagged", workshop["id"]) == 0


@pytest.fixture
def game(store, workshop, quiz_pack_dir):
    return QuizGames(store).create(packs.load_folder(quiz_pack_dir), seconds=20, workshop_id=workshop["id"], seed=2)


def test_a_quiz_player_joined_from_a_childs_page_or_tablet_goes_with_the_child(store, workshop, children, game):
    lea, tom = children
    games = QuizGames(store)
    Devices(store).join("tablette-de-tom", workshop["id"], participant_id=tom["id"])  # bound by Tom's tablet code
    from_page, _ = games.join(game["code"], "Licorne", moment=T0, participant_id=lea["id"])
    from_tablet, _ = games.join(game["code"], "Dragon", moment=T0, device="tablette-de-tom")
    nobody, _ = games.join(game["code"], "Invité", moment=T0, device="tablette-libre")
    assert (from_page["participant_id"], from_tablet["participant_id"], nobody["participant_id"]) == \
        (lea["id"], tom["id"], None)
    games.next_question(game["id"], after=-1, moment=T0 + 1)
    for player in (from_page, from_tablet, nobody):
        games.answer(player["token"], 0, 0, moment=T0 + 2)
    store.remove_participant(lea["id"])
    assert [p["name"] for p in games.players(game["id"])] == ["Dragon", "Invité"]
    with store.connect() as conn:
        left = conn.execute("SELECT COUNT(*) FROM quiz_answers WHERE player_id=?", (from_page["id"],)).fetchone()[0]
    assert left == 0
    assert games.answer_count(game["id"], 0) == 2
    store.remove_participant(tom["id"])
    assert [p["name"] for p in games.players(game["id"])] == ["Invité"]


def test_a_refused_pseudonym_is_counted_as_the_childs(store, workshop, children, game):
    lea, _ = children
    with pytest.raises(UserError):
        QuizGames(store).join(game["code"], "Tom le nul", participant_id=lea["id"])  # mocks a child of the roster
    assert [e["participant_id"] for e in _events(store)] == [lea["id"]]


def test_a_child_of_another_workshop_is_not_linked(store, workshop, game):
    other = store.create_workshop("Autre atelier")
    stranger = store.add_participant(other["id"], "Zoé", minor=False)
    player, _ = QuizGames(store).join(game["code"], "Zoé", participant_id=stranger["id"])
    assert player["participant_id"] is None


def test_the_play_page_links_the_player_to_the_child_picked_in_the_sidebar(store, workshop, children, game,
                                                                        monkeypatch):
    lea, _ = children
    at = open_page(monkeypatch, "play", workshop_id=workshop["id"], participant_id=lea["id"])
    at.text_input[0].input(game["code"])
    at.text_input[1].input("Licorne")
    at.button[0].click().run()
    assert not at.exception
    assert [(p["name"], p["participant_id"]) for p in QuizGames(store).players(game["id"])] == [("Licorne", lea["id"])]


def test_an_older_database_is_migrated_and_keeps_its_counts(atelier_env, monkeypatch):
    monkeypatch.delitem(migrations.MIGRATIONS, "owners")
    old = Store()
    workshop = old.create_workshop("Atelier d'avant")
    with old.connect() as conn:
        conn.execute("INSERT INTO events(workshop_id, kind, detail, created_at) VALUES(?,?,?,?)",
                     (workshop["id"], "prompt_blocked", "insult", "2026-11-01T10:00:00"))
    monkeypatch.undo()
    store = Store()
    assert store.schema_versions()["owners"] == 1
    assert approvals.refusals(store, workshop["id"]) == {"insult": 1}
    lea = store.add_participant(workshop["id"], "Léa", minor=False)
    store.log_event("prompt_blocked", workshop["id"], "insult", participant_id=lea["id"])
    store.remove_participant(lea["id"])
    assert approvals.refusals(store, workshop["id"]) == {"insult": 1}
