"""Queue load and faults, measured with real worker processes (and a real redis-server on loopback).

Run: .venv/bin/python -m bench.queue [--quick]. Figures printed:
- load: 15 participants x 2 jobs on one worker: all done?, round-robin start order?, p50/p95 wait (s);
- scale-out: the same 30 jobs on 2 workers vs 1 (wall-clock ratio, same run, Redis queue);
- kill drill: `kill -9` of the worker 10 times in a row, each time in the middle of a job (a job that
  had not been interrupted before), on Redis and on the embedded SQLite queue: lost / duplicated /
  partial counts after a last worker finishes the queue;
- Redis restart: redis-server killed (no persistence: its waiting tasks are gone) and restarted while a
  worker runs and a studio submits; the studio sees "unreachable" (the pages' reconnecting state),
  then everything finishes: lost / duplicated counts and seconds from the restart to the last job done.

The jobs are `bench._queue_kinds:work` (a file written in steps over `seconds`): a stand-in for model
work, so the figures measure the queue (fairness, recovery, parallelism), not a model's speed.
Functions here are also used by the fast versions in tests/core/test_queue_drills.py.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(port: int, folder: Path) -> subprocess.Popen:
    """A redis-server on 127.0.0.1:port without persistence (a restart loses its waiting tasks)."""
    server = shutil.which("redis-server")
    if not server:
        raise RuntimeError("redis-server is needed: scripts/system-deps.sh installs it")
    proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until(lambda: _answers(port), 10, "redis-server did not start")
    return proc


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def wait_until(predicate, timeout: float, what: str, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(step)
    raise TimeoutError(what)


@dataclass
class Site:
    """A data dir and a queue (redis://... or '' for the embedded SQLite queue), set in this process too."""

    data_dir: Path
    queue_url: str

    def env(self) -> dict[str, str]:
        return dict(os.environ, ATELIER_DATA_DIR=str(self.data_dir), ATELIER_QUEUE_URL=self.queue_url,
                    ATELIER_PLUGINS="bench._queue_kinds", PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")

    def activate(self):
        """Point this process at the site; returns (store, queue)."""
        from pipelines import config
        from pipelines.jobs import registry
        from pipelines.jobs.queue import JobQueue, get_huey
        from pipelines.store import Store

        for key, value in self.env().items():
            if key.startswith("ATELIER_"):
                os.environ[key] = value
        config.reset_settings()
        registry._plugins_loaded = False
        store = Store()
        return store, JobQueue(store, huey=get_huey(self.queue_url))

    def worker(self) -> subprocess.Popen:
        log = open(self.data_dir / "workers.log", "ab")
        return subprocess.Popen([sys.executable, "-m", "pipelines", "worker", "--device", "cpu"], cwd=ROOT,
                                env=self.env(), stdout=log, stderr=subprocess.STDOUT)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def submit(queue, participants: int, per: int, seconds: float, steps: int = 10) -> list[tuple[str, int, float]]:
    """Each participant asks for `per` jobs, one after the other: [(job id, owner, submitted at)]."""
    jobs = []
    for owner in range(1, participants + 1):
        for n in range(per):
            job_id = queue.submit("bench.work", {"seconds": seconds, "steps": steps, "title": f"{owner}-{n}"},
                                  owner=owner)
            jobs.append((job_id, owner, time.time()))
    return jobs


def check(store, queue, job_ids: list[str], steps: int) -> dict:
    """lost (not done), duplicated (more than one gallery row), partial (temp files left or a result
    file without all its lines)."""
    lost = duplicated = partial = 0
    with store.connect() as conn:
        rows = {r["job_id"]: r["n"] for r in
                conn.execute("SELECT job_id, COUNT(*) AS n FROM artifacts GROUP BY job_id")}
    for job_id in job_ids:
        job = queue.get(job_id)
        if job.state != "done":
            lost += 1
            continue
        duplicated += max(0, rows.get(job_id, 0) - 1)
        text = Path(job.result["files"]["text"])
        if not text.exists() or len(text.read_text().splitlines()) != steps:
            partial += 1
    leftovers = list(store.files_dir.rglob(".tmp-*")) + list(store.files_dir.rglob(".*.part"))
    return {"lost": lost, "duplicated": duplicated, "partial": partial + len(leftovers)}


def load_run(site: Site, workers: int, participants: int = 15, per: int = 2, seconds: float = 0.3) -> dict:
    """All jobs submitted, then `workers` workers started: wall time, waits, round-robin check."""
    store, queue = site.activate()
    jobs = submit(queue, participants, per, seconds)
    started = time.monotonic()
    procs = [site.worker() for _ in range(workers)]
    try:
        ids = [j[0] for j in jobs]
        wait_until(lambda: all(queue.get(i).finished for i in ids), 60 + 3 * len(ids) * seconds / workers,
                   "the load did not finish")
        wall = time.monotonic() - started
    finally:
        for proc in procs:
            stop(proc)
    results = [(queue.get(i).result["started"], owner, submitted) for i, owner, submitted in jobs]
    order = [owner for _, owner, _ in sorted(results)]
    first_round = order[:participants]
    waits = sorted(start - submitted for start, _, submitted in results)
    p95 = waits[min(len(waits) - 1, int(round(0.95 * (len(waits) - 1))))]
    return {"done": sum(queue.get(i).state == "done" for i in ids), "jobs": len(ids), "wall": wall,
            "round_robin": len(set(first_round)) == participants, "p50_wait": statistics.median(waits),
            "p95_wait": p95, **check(store, queue, ids, 10)}


def kill_drill(site: Site, kills: int, seconds: float = 0.8, steps: int = 16) -> dict:
    """`kills` times: start a worker, wait until it is in the middle of a job not interrupted before,
    kill -9 it. Then one worker finishes the queue; count lost / duplicated / partial."""
    store, queue = site.activate()
    jobs = submit(queue, 3, (kills + 5 + 2) // 3, seconds, steps)
    ids = [j[0] for j in jobs]
    for _ in range(kills):
        proc = site.worker()

        def in_the_middle(pid=proc.pid):  # this worker, half-way through a job never interrupted before
            with store.connect() as conn:
                return conn.execute("SELECT 1 FROM jobs WHERE state='running' AND attempts=1 AND progress>=0.25 "
                                    "AND progress<=0.75 AND worker LIKE ?", (f"%:{pid}",)).fetchone() is not None
        try:
            wait_until(in_the_middle, 60, "no job reached its middle")
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
    started = time.monotonic()
    proc = site.worker()
    try:
        wait_until(lambda: all(queue.get(i).finished for i in ids), 120, "the queue did not finish after the kills")
    finally:
        stop(proc)
    retried = sum(queue.get(i).attempts > 1 for i in ids)
    return {"kills": kills, "jobs": len(ids), "retried": retried, "finish_after_kills": time.monotonic() - started,
            **check(store, queue, ids, steps)}


def redis_restart_drill(folder: Path, jobs_before: int = 8, jobs_during: int = 2, seconds: float = 0.5,
                        outage: float = 2.0) -> dict:
    """redis-server killed mid-run and restarted empty; a studio submits during the outage."""
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    redis = start_redis(port, folder)
    site = Site(folder / "data", f"redis://127.0.0.1:{port}/0")
    site.data_dir.mkdir(parents=True, exist_ok=True)
    store, queue = site.activate()
    ids = [j[0] for j in submit(queue, jobs_before, 1, seconds)]
    worker = site.worker()
    try:
        wait_until(lambda: sum(queue.get(i).state == "done" for i in ids) >= 2, 60, "no job done before the outage")
        redis.send_signal(signal.SIGKILL)
        redis.wait(10)
        reachable_during = queue.reachable()  # what the pages show: False -> "reconnecting"
        during = [j[0] for j in submit(queue, jobs_during, 1, seconds)]  # a studio keeps submitting
        ids += during
        time.sleep(outage)
        redis = start_redis(port, folder)
        restarted = time.monotonic()
        wait_until(lambda: all(queue.get(i).finished for i in ids), 60, "jobs did not finish after the restart")
        recovery = time.monotonic() - restarted
        reachable_after = queue.reachable()
    finally:
        stop(worker)
        stop(redis)
    return {"jobs": len(ids), "reachable_during": reachable_during, "reachable_after": reachable_after,
            "seconds_to_all_done": recovery, **check(store, queue, ids, 10)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="3 kills instead of 10, fewer jobs")
    args = parser.parse_args()
    kills = 3 if args.quick else 10
    with tempfile.TemporaryDirectory(prefix="atelier-bench-queue-") as tmp:
        tmp = Path(tmp)
        port = free_port()
        redis = start_redis(port, tmp)
        try:
            url = f"redis://127.0.0.1:{port}/0"
            for name in ("one", "two", "sqlite-load", "kill-redis", "kill-sqlite"):
                (tmp / name).mkdir()
            one = load_run(Site(tmp / "one", url), workers=1)
            print(f"load, 1 worker (Redis): {one['done']}/{one['jobs']} done, round-robin start order: "
                  f"{one['round_robin']}, wait p50 {one['p50_wait']:.2f} s, p95 {one['p95_wait']:.2f} s, "
                  f"wall {one['wall']:.1f} s", flush=True)
            two = load_run(Site(tmp / "two", url), workers=2)
            print(f"load, 2 workers (Redis): {two['done']}/{two['jobs']} done, wall {two['wall']:.1f} s, "
                  f"p95 wait {two['p95_wait']:.2f} s; throughput ratio 2 vs 1 workers: "
                  f"{one['wall'] / two['wall']:.2f}", flush=True)
            sqlite_load = load_run(Site(tmp / "sqlite-load", ""), workers=1)
            print(f"load, 1 worker (SQLite): {sqlite_load['done']}/{sqlite_load['jobs']} done, round-robin: "
                  f"{sqlite_load['round_robin']}, p95 wait {sqlite_load['p95_wait']:.2f} s", flush=True)
            for name, site in (("Redis", Site(tmp / "kill-redis", url)), ("SQLite", Site(tmp / "kill-sqlite", ""))):
                drill = kill_drill(site, kills)
                print(f"kill -9 x{drill['kills']} mid-job ({name}): {drill['jobs']} jobs, lost {drill['lost']}, "
                      f"duplicated {drill['duplicated']}, partial {drill['partial']}, re-run {drill['retried']}",
                      flush=True)
        finally:
            stop(redis)
        restart = redis_restart_drill(tmp / "restart")
        print(f"redis-server restarted mid-run: {restart['jobs']} jobs, reachable during the outage: "
              f"{restart['reachable_during']} (pages show 'reconnecting'), lost {restart['lost']}, duplicated "
              f"{restart['duplicated']}, partial {restart['partial']}, all done {restart['seconds_to_all_done']:.1f} s "
              f"after the restart", flush=True)


if __name__ == "__main__":
    main()
