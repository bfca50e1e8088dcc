"""Shared fixtures: an isolated data dir per test, the store, an immediate job queue, tiny models."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")  # AppTest failures show their traceback
if os.environ.get("PYTEST_XDIST_WORKER_COUNT"):
    # `make test` runs the suite on several workers (pytest-xdist): each takes its share of the cores for torch and
    # OpenMP (read when torch is first imported, after this), else N workers run N x cores threads and thrash.
    _threads = str(max(1, (os.cpu_count() or 1) // int(os.environ["PYTEST_XDIST_WORKER_COUNT"])))
    os.environ.setdefault("OMP_NUM_THREADS", _threads)
    os.environ.setdefault("ATELIER_CPU_THREADS", _threads)

# Every fixture module of tests/fixtures (tiny models in the real on-disk layouts, sample files) is loaded.
pytest_plugins = sorted(f"tests.fixtures.{p.stem}" for p in (ROOT / "tests" / "fixtures").glob("models_*.py"))


@pytest.fixture
def atelier_env(tmp_path, monkeypatch):
    """A fresh data dir (and models dir) for this test; returns the Settings."""
    from pipelines import config

    data = tmp_path / "atelier-data"
    monkeypatch.setenv("ATELIER_DATA_DIR", str(data))
    for name in ("ATELIER_MODELS_DIR", "ATELIER_QUEUE_URL", "ATELIER_REQUIRE_CODE", "ATELIER_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    config.reset_settings()
    _clear_app_resources()
    yield config.settings()
    config.reset_settings()
    _clear_app_resources()


def _clear_app_resources() -> None:
    """st.cache_resource outlives a test: AppTests must not reuse another test's store or queue."""
    runtime = sys.modules.get("ui.runtime")
    if runtime is not None:
        for resource in (runtime.get_store, runtime.get_queue, runtime.start_worker):
            resource.clear()


@pytest.fixture
def store(atelier_env):
    from pipelines.store import Store

    return Store()


@pytest.fixture
def immediate_queue(store):
    """A JobQueue whose jobs run synchronously inside submit() (huey immediate mode)."""
    from pipelines.jobs.queue import JobQueue, get_huey

    return JobQueue(store, huey=get_huey(immediate=True))


@pytest.fixture
def workshop(store):
    return store.create_workshop("Atelier test", age_group="8-12", retention="week")


def open_page(monkeypatch, page: str, *, workshop_id: str | None = None, participant_id: str | None = None,
              embedded_worker: bool = False, timeout: float = 90, run: bool = True):
    """A page of pages/ in Streamlit's AppTest, in French, optionally inside a workshop as one participant.

    The test's data dir comes from `atelier_env` (through the `store` or `workshop` fixtures), which also clears
    the app's cached store, queue and worker before and after the test. `embedded_worker=False` leaves queued jobs
    for the test to run (pipelines.jobs.runner.run_job); with `run` the page is run once and must not raise.
    """
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "1" if embedded_worker else "0")
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=timeout)
    at.session_state["lang"] = "fr"
    if workshop_id is not None:
        at.session_state["workshop_id"] = workshop_id
    if participant_id is not None:
        at.session_state["participant_id"] = participant_id
    if run:
        at.run()
        assert not at.exception, at.exception
    return at


@pytest.fixture
def samples_dir():
    return ROOT / "assets" / "samples"
