"""The job queue: submit, progress, results, cancel rules, round-robin, failures, and a worker killed mid-job."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines.i18n import UserError, translate
from pipelines.jobs.queue import JobQueue, get_huey
from pipelines.jobs.registry import KINDS

from tests.core.conftest import wait_until

ROOT = Path(__file__).resolve().parents[2]


def test_every_job_kind_resolves_to_a_function():
    import inspect

    from pipelines.jobs.registry import resolve_kind

    for kind in list(KINDS):
        function = resolve_kind(kind)
        assert callable(function), kind
        assert list(inspect.signature(function).parameters)[:2] == ["params", "ctx"], kind


def test_unknown_kind_and_non_json_params(immediate_queue):
    with pytest.raises(KeyError, match="valid kinds are"):
        immediate_queue.submit("no.such.kind", {})


def test_job_runs_to_done_with_result_and_artifact(plugin_env, store, workshop):
    queue = JobQueue(store, huey=get_huey(immediate=True))
    zoe = store.add_participant(workshop["id"], "Zoé")
    job_id = queue.submit("test.slow", {"seconds": 0.1, "title": "essai"}, owner=zoe["id"], workshop_id=workshop["id"])
    job = queue.get(job_id)
    assert job.state == "done" and job.progress == 1.0 and job.attempts == 1
    text = Path(job.files()["text"])
    assert text.exists() and text.read_text().startswith("step 0")
    artifact = store.artifact(job.result.artifact_id)
    assert artifact["owner"] == zoe["id"] and artifact["title"] == "essai"
    assert queue.expected_seconds("test.slow") is not None


def test_failures_are_recorded_with_a_message(plugin_env, store):
    queue = JobQueue(store, huey=get_huey(immediate=True))
    crashed = queue.get(queue.submit("test.fail", {}))
    assert crashed.state == "failed" and crashed.error["key"] == "errors.job_crashed"
    assert "boom" in crashed.error["params"]["detail"]  # kept with the job and in the log, for whoever looks into it
    for language in ("fr", "en"):  # the patron's sentence says what to do, never the program's own words
        said = translate(crashed.error["key"], language, **crashed.error["params"])
        assert "boom" not in said and "Error" not in said and ("réessaie" in said or "try again" in said)
    user = queue.get(queue.submit("test.fail", {"user_error": True}))
    assert user.state == "failed" and user.error == {"key": "uploads.empty", "params": {}}
    assert not list(store.files_dir.rglob(".tmp-*"))


def test_round_robin_between_participants(plugin_env, store):
    queue = JobQueue(store, huey=get_huey())  # the persistent SQLite queue, consumed by hand below
    ids = {}
    for owner, n in (("A", 3), ("B", 1), ("C", 1)):
        for i in range(n):
            ids[queue.submit("test.slow", {"seconds": 0.01}, owner={"A": 1, "B": 2, "C": 3}[owner])] = f"{owner}{i + 1}"
    assert queue.get(next(k for k, v in ids.items() if v == "A3")).position == 4
    order = []
    huey = queue.huey
    while (task := huey.dequeue()) is not None:
        order.append(ids[task.args[0]])
        huey.execute(task)
    assert order == ["A1", "B1", "C1", "A2", "A3"]


def test_a_page_submitting_the_same_job_again_follows_the_one_under_way(plugin_env, store, workshop):
    """A double tap, or a tap again after a run stopped between the submit and the page keeping the id: the
    job still queued or running is returned; another owner, other parameters or a finished job make a new one."""
    queue = JobQueue(store, huey=get_huey())  # not immediate: the jobs stay queued
    wid = workshop["id"]
    first = queue.submit("test.slow", {"seconds": 0.01, "title": "dragon"}, owner=1, workshop_id=wid, reuse=True)
    assert queue.submit("test.slow", {"seconds": 0.01, "title": "dragon"}, owner=1, workshop_id=wid,
                        reuse=True) == first
    others = {queue.submit("test.slow", {"seconds": 0.01, "title": "dragon"}, owner=2, workshop_id=wid, reuse=True),
              queue.submit("test.slow", {"seconds": 0.01, "title": "chat"}, owner=1, workshop_id=wid, reuse=True)}
    assert first not in others and len(others) == 2
    twice = queue.submit("test.slow", {"seconds": 0.01, "title": "dragon"}, owner=1, workshop_id=wid)
    assert twice not in {first, *others}  # without reuse (the command line, the tests): a new job
    for job_id in (first, twice):
        queue.cancel(job_id, by=1)
    assert queue.submit("test.slow", {"seconds": 0.01, "title": "dragon"}, owner=1, workshop_id=wid,
                        reuse=True) not in {first, twice, *others}


def test_cancel_rules(plugin_env, store):
    queue = JobQueue(store, huey=get_huey())
    mine = queue.submit("test.slow", {"seconds": 0.01}, owner=1)
    with pytest.raises(UserError) as info:
        queue.cancel(mine, by=2)  # another participant
    assert info.value.key == "errors.cancel_not_yours"
    assert queue.cancel(mine, by=1).state == "cancelled"
    other = queue.submit("test.slow", {"seconds": 0.01}, owner=2)
    assert queue.cancel(other).state == "cancelled"  # the facilitator may cancel any job
    from pipelines.jobs.runner import run_job

    assert run_job(mine, store) == "cancelled"  # the worker skips it


def test_cancel_a_running_job(plugin_env, store):
    queue = JobQueue(store, huey=get_huey())
    job_id = queue.submit("test.slow", {"seconds": 5}, owner=1)
    import threading

    from pipelines.jobs.runner import run_job

    thread = threading.Thread(target=run_job, args=(job_id, store))
    thread.start()
    deadline = time.time() + 10
    while queue.get(job_id).progress < 0.05 and time.time() < deadline:
        time.sleep(0.05)
    queue.cancel(job_id, by=1)
    thread.join(10)
    job = queue.get(job_id)
    assert job.state == "cancelled" and not store.job_dir(job.workshop_id, job_id).exists()
    assert not list(store.files_dir.rglob(f".tmp-{job_id}"))


# -- a worker process killed in the middle of a job -------------------------------------------------
def _start_worker(env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipelines", "worker"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_worker_killed_mid_job_requeues_once_then_fails(plugin_env, store):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    queue = JobQueue(store, huey=get_huey())
    victim = queue.submit("test.slow", {"seconds": 60}, owner=1)
    bystander = queue.submit("test.slow", {"seconds": 0.2}, owner=2)
    tmp = store.job_dir(None, victim).parent / f".tmp-{victim}"
    for attempt in (1, 2):
        worker = _start_worker(env)
        wait_until(lambda: queue.get(victim).state == "running" and queue.get(victim).attempts == attempt
              and queue.get(victim).progress > 0.002)
        assert (tmp / "result.txt").exists()  # a partial file exists
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        assert queue.get(victim).state == "running"  # nobody told the store: the worker died
    worker = _start_worker(env)
    try:
        wait_until(lambda: queue.get(victim).finished and queue.get(bystander).state == "done")
        job = queue.get(victim)
        assert job.state == "failed" and job.error["key"] == "errors.job_interrupted"
        assert not tmp.exists() and not store.job_dir(None, victim).exists()  # no partial file left
        assert Path(queue.get(bystander).files()["text"]).exists()
        # After one interruption only, a job is re-queued and completes.
        second = queue.submit("test.slow", {"seconds": 60}, owner=3)
        wait_until(lambda: queue.get(second).state == "running" and queue.get(second).progress > 0.002)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        with store.transaction() as conn:  # make the rerun quick
            conn.execute("UPDATE jobs SET params='{\"seconds\": 0.2}' WHERE id=?", (second,))
        worker = _start_worker(env)
        wait_until(lambda: queue.get(second).state == "done")
        assert queue.get(second).attempts == 2
    finally:
        worker.terminate()
        worker.wait(10)


def test_time_left_of_a_job_barely_started_does_not_climb(plugin_env, store):
    """3 % done after a minute read as « encore 32 min », then more each second: under RATE_FROM the time left
    is the usual duration minus the time spent, or not said at all."""
    from datetime import datetime, timedelta

    from pipelines.jobs.queue import RATE_FROM

    queue = JobQueue(store, huey=get_huey(immediate=False))
    job_id = queue.submit("test.slow", {"seconds": 1})

    def running(progress: float, minutes: float) -> None:
        started = (datetime.now() - timedelta(minutes=minutes)).isoformat(timespec="seconds")
        with store.transaction() as conn:
            conn.execute("UPDATE jobs SET state='running', progress=?, started_at=? WHERE id=?",
                         (progress, started, job_id))

    running(0.03, 1)
    assert queue.get(job_id).eta_seconds is None  # no finished job of this kind: nothing is said
    running(0.5, 1)
    assert abs(queue.get(job_id).eta_seconds - 60) < 5  # half done in a minute: about a minute left
    running(RATE_FROM / 2, 3)
    assert queue.get(job_id).eta_seconds is None
