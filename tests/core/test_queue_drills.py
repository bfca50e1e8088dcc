"""Fast versions of bench/queue.py's fault drills, with real worker processes and a real redis-server:
kill -9 of a worker mid-job (Redis and SQLite) and a redis-server restarted mid-run lose nothing,
duplicate nothing and leave no partial file."""
from __future__ import annotations

import sys

import pytest

from bench.queue import Site, free_port, kill_drill, redis_restart_drill, start_redis, stop
from pipelines import config
from pipelines.jobs import registry


@pytest.fixture
def drill_env(atelier_env, monkeypatch):
    for name in ("ATELIER_DATA_DIR", "ATELIER_QUEUE_URL", "ATELIER_PLUGINS"):
        monkeypatch.setenv(name, "")  # Site.activate() sets them; monkeypatch puts them back afterwards
    yield
    registry.KINDS.pop("bench.work", None)
    sys.modules.pop("bench._queue_kinds", None)
    config.reset_settings()


@pytest.mark.parametrize("backend", ["redis", "sqlite"])
def test_kill_9_of_the_worker_mid_job_loses_and_doubles_nothing(drill_env, tmp_path, backend):
    port = free_port()
    redis = start_redis(port, tmp_path) if backend == "redis" else None
    try:
        url = f"redis://127.0.0.1:{port}/0" if redis else ""
        (tmp_path / "data").mkdir()
        drill = kill_drill(Site(tmp_path / "data", url), kills=2, seconds=0.6, steps=12)
    finally:
        if redis:
            stop(redis)
    assert drill["retried"] == 2  # each kill interrupted a job in its middle, which ran again
    assert (drill["lost"], drill["duplicated"], drill["partial"]) == (0, 0, 0), drill


def test_a_redis_restart_mid_run_loses_nothing_and_the_pages_see_it(drill_env, tmp_path):
    drill = redis_restart_drill(tmp_path / "restart", jobs_before=4, jobs_during=2, seconds=0.3, outage=1.0)
    assert drill["reachable_during"] is False and drill["reachable_after"] is True
    assert (drill["lost"], drill["duplicated"], drill["partial"]) == (0, 0, 0), drill
    assert drill["jobs"] == 6 and drill["seconds_to_all_done"] < 30
