"""Faults: a killed worker comes back, a locked database is waited for then told, a job never stays
"running" after its worker lost the database, and a crash at the end of a job never doubles its
gallery row."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipelines.jobs.queue import JobQueue, get_huey
from pipelines.jobs.supervisor import WorkerSupervisor
from pipelines.store import Store
from pipelines.store.db import DatabaseBusy

from tests.core.conftest import wait_until

ROOT = Path(__file__).resolve().parents[2]


def _hold_lock(db_path: Path, seconds: float) -> threading.Thread:
    """Another program holding the database's write lock for `seconds`."""
    ready = threading.Event()

    def hold():
        conn = sqlite3.connect(db_path, isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        ready.set()
        time.sleep(seconds)
        conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait(5)
    return thread


def test_a_locked_database_is_waited_for_then_told_in_a_sentence(store, workshop):
    holder = _hold_lock(store.db_path, 2.0)
    impatient = Store(wait_seconds=0.5)
    started = time.monotonic()
    with pytest.raises(DatabaseBusy) as caught:
        impatient.add_participant(workshop["id"], "Zoé")
    assert time.monotonic() - started < 6
    assert "occupée" in caught.value.message("fr") and "locked" not in caught.value.message("fr")
    assert "database is locked" not in str(caught.value)
    patient = Store(wait_seconds=10)
    assert patient.add_participant(workshop["id"], "Zoé")["name"] == "Zoé"  # got in once the lock went
    holder.join()


def test_a_job_whose_worker_lost_the_database_is_requeued_not_stuck(plugin_env, workshop):
    from pipelines.jobs.runner import run_job

    store = Store()
    queue = JobQueue(store, huey=get_huey(immediate=True))
    with store.transaction() as conn:  # queued without running (as a worker would find it)
        conn.execute("INSERT INTO jobs(id, workshop_id, owner, kind, params, state, created_at) "
                     "VALUES('j1', ?, NULL, 'test.slow', '{\"seconds\": 0.6}', 'queued', '2026-01-01T00:00:00')",
                     (workshop["id"],))
    worker_store = Store(wait_seconds=0.3)  # a worker that gives up quickly, for the test
    holder = None

    def lock_during_job():
        nonlocal holder
        wait_until(lambda: queue.get("j1").progress > 0.3)
        holder = _hold_lock(store.db_path, 3.0)

    locker = threading.Thread(target=lock_during_job)
    locker.start()
    with pytest.raises(DatabaseBusy):
        run_job("j1", worker_store)
    locker.join()
    holder.join()
    assert queue.get("j1").state == "running"  # the end could not be written...
    counts = queue.recover()  # ...the worker's periodic recovery re-queues it (and immediate mode runs it)
    assert counts["requeued"] == 1
    job = queue.get("j1")
    assert job.state == "done" and job.attempts == 2
    assert len(store.artifacts(workshop_id=workshop["id"])) == 1


CRASH_AT_FINISH = """
import os, sys
from pipelines.jobs import runner
runner._finish = lambda *a, **k: os._exit(9)  # the process dies while writing the job's end
runner.run_job(sys.argv[1])
"""


def test_a_crash_while_finishing_gives_one_gallery_row_not_two(plugin_env, store, workshop):
    queue = JobQueue(store, huey=get_huey(immediate=False))
    job_id = queue.submit("test.slow", {"seconds": 0.1, "title": "dragon"}, workshop_id=workshop["id"])
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    crashed = subprocess.run([sys.executable, "-c", CRASH_AT_FINISH, job_id], cwd=ROOT, env=env, timeout=60)
    assert crashed.returncode == 9
    assert queue.get(job_id).state == "running"
    rerun = JobQueue(store, huey=get_huey(immediate=True))
    assert rerun.recover()["requeued"] == 1
    assert rerun.get(job_id).state == "done"
    rows = store.artifacts(workshop_id=workshop["id"])
    assert len(rows) == 1 and rows[0]["title"] == "dragon"


def test_the_embedded_worker_is_restarted_within_seconds_and_the_queue_moves_on(plugin_env, store):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    supervisor = WorkerSupervisor([sys.executable, "-m", "pipelines", "worker"], cwd=ROOT, env=env,
                                  log_path=plugin_env.data_dir / "worker.log", poll_seconds=0.2).start()
    try:
        queue = JobQueue(store, huey=get_huey())
        first = queue.submit("test.slow", {"seconds": 0.1})
        wait_until(lambda: queue.get(first).state == "done", timeout=30)
        old = supervisor.pid
        os.kill(old, signal.SIGKILL)
        killed_at = time.monotonic()
        wait_until(lambda: supervisor.alive and supervisor.pid != old, timeout=10)
        assert time.monotonic() - killed_at < 5 and supervisor.restarts == 1 and supervisor.last_restart
        second = queue.submit("test.slow", {"seconds": 0.1})
        wait_until(lambda: queue.get(second).state == "done", timeout=30)
    finally:
        supervisor.stop()
    assert not supervisor.alive
