"""Blind test timings: how fast the host screen answers while 30 (or more) players answer at once.

    .venv/bin/python -m bench.blindtest            # 30 players, 5 rounds
    .venv/bin/python -m bench.blindtest --players 60 --rounds 10
Prints medians and the ratio of the host view's time during the answer storm to its idle time,
both measured in this run.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--players", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ATELIER_DATA_DIR"] = tmp
        from pipelines.blindtest.game import QuizGames
        from pipelines.blindtest.pack import load_folder
        from pipelines.store import Store
        from tests.fixtures.models_blindtest import sample_items, write_pack

        items = [dict(sample_items()[0], id=f"q{i}") for i in range(args.rounds)]
        pack = load_folder(write_pack(Path(tmp) / "pack", items))
        games = QuizGames(Store())
        idle, storm, answers = [], [], []
        for _ in range(args.rounds):
            game = games.create(pack, seconds=60)
            tokens = [games.join(game["code"], f"P{i}")[0]["token"] for i in range(args.players)]
            games.next_question(game["id"], after=-1)
            for _ in range(20):
                start = time.perf_counter()
                games.host_view(game["id"])
                idle.append(time.perf_counter() - start)
            barrier = threading.Barrier(args.players + 1)

            def player(token: str) -> None:
                barrier.wait()
                start = time.perf_counter()
                games.answer(token, 0, 0)
                answers.append(time.perf_counter() - start)

            threads = [threading.Thread(target=player, args=(t,)) for t in tokens]
            for thread in threads:
                thread.start()
            barrier.wait()
            while any(t.is_alive() for t in threads):
                start = time.perf_counter()
                games.host_view(game["id"])
                storm.append(time.perf_counter() - start)
            for thread in threads:
                thread.join()
            assert games.answer_count(game["id"], 0) == args.players
        ms = lambda xs: 1000 * statistics.median(xs)  # noqa: E731
        p95 = lambda xs: 1000 * sorted(xs)[int(0.95 * (len(xs) - 1))]  # noqa: E731
        print(f"{'measure':42} {'median ms':>10} {'p95 ms':>8} {'samples':>8}")
        print(f"{'host view, idle':42} {ms(idle):10.2f} {p95(idle):8.2f} {len(idle):8d}")
        print(f"{'host view, while players answer':42} {ms(storm):10.2f} {p95(storm):8.2f} {len(storm):8d}")
        print(f"{'one answer (' + str(args.players) + ' at once)':42} {ms(answers):10.2f} {p95(answers):8.2f} "
              f"{len(answers):8d}")
        print(f"ratio host view storm/idle (median): {ms(storm) / ms(idle):.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
