"""Scale-out: the same job functions run from a Redis queue by `python -m pipelines worker` processes."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines import config
from pipelines.jobs.queue import JobQueue, get_huey

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    assert server, "redis-server is needed (make test installs it: scripts/system-deps.sh)"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(5)


def test_two_redis_workers_share_the_queue(atelier_env, redis_url, monkeypatch):
    monkeypatch.setenv("ATELIER_QUEUE_URL", redis_url)
    monkeypatch.setenv("ATELIER_PLUGINS", "tests.plugin_kinds")
    config.reset_settings()
    import pipelines.jobs.registry as registry

    monkeypatch.setattr(registry, "_plugins_loaded", False)
    from pipelines.store import Store

    store = Store()
    queue = JobQueue(store, huey=get_huey(redis_url))
    ids = [queue.submit("test.slow", {"seconds": 0.5}, owner=i % 3) for i in range(6)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    workers = [subprocess.Popen([sys.executable, "-m", "pipelines", "worker"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
    try:
        deadline = time.time() + 60
        while time.time() < deadline and not all(queue.get(i).state == "done" for i in ids):
            time.sleep(0.1)
        assert [queue.get(i).state for i in ids] == ["done"] * 6
        assert len({store_worker(store, i) for i in ids}) == 2  # both workers took jobs
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(10)
        registry.KINDS.pop("test.slow", None)
        registry.KINDS.pop("test.fail", None)
        sys.modules.pop("tests.plugin_kinds", None)


def store_worker(store, job_id: str) -> str:
    with store.connect() as conn:
        return conn.execute("SELECT worker FROM jobs WHERE id=?", (job_id,)).fetchone()[0]
