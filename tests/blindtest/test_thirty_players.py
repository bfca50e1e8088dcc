"""Thirty players answering in the same second, from threads: every answer counted exactly once."""
from __future__ import annotations

import threading

from pipelines.blindtest import pack as packs
from pipelines.blindtest.game import QuizGames


def test_thirty_simultaneous_answers_each_counted_once_while_the_host_watches(store, quiz_pack_dir):
    games = QuizGames(store)
    game = games.create(packs.load_folder(quiz_pack_dir), seconds=30, seed=5)
    players = [games.join(game["code"], f"Joueur {i}")[0] for i in range(30)]
    games.next_question(game["id"], after=-1)
    answer = games.question(game["id"], 0)["answer"]
    start = threading.Barrier(31)
    results: dict[int, list[str]] = {}
    errors: list[BaseException] = []

    def player(i: int) -> None:
        try:
            start.wait()
            # a child taps twice (and a flaky network resends): three sends, one answer
            results[i] = [games.answer(players[i]["token"], 0, answer if i % 3 else 1 - answer).status
                          for _ in range(3)]
        except BaseException as exc:  # pragma: no cover - shown by the assertion below
            errors.append(exc)

    seen_counts: list[int] = []
    threads = [threading.Thread(target=player, args=(i,)) for i in range(30)]
    for thread in threads:
        thread.start()
    start.wait()
    while any(t.is_alive() for t in threads):  # the host screen keeps reading during the storm
        view = games.host_view(game["id"])
        seen_counts.append(view["answers"])
    for thread in threads:
        thread.join()
    assert not errors, errors
    # the first send counts; a resend is refused ("already", or "closed" once everyone answered)
    assert all(statuses[0] == "counted" and set(statuses[1:]) <= {"already", "closed"}
               for statuses in results.values()), results
    assert len(results) == 30
    assert seen_counts == sorted(seen_counts), "the live count never goes back"
    final = games.host_view(game["id"])
    assert final["answers"] == 30
    assert final["game"]["state"] == "reveal"  # everyone answered: the reveal comes by itself
    with store.connect() as conn:
        rows = conn.execute("SELECT player_id, COUNT(*) FROM quiz_answers GROUP BY player_id").fetchall()
    assert len(rows) == 30 and all(count == 1 for _, count in rows)
    board = games.scoreboard(game["id"])
    assert sum(1 for r in board if r["score"] > 0) == 20  # i % 3 == 0 answered wrong: 10 players
