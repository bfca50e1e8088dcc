"""Shared, cached resources: store, queue, the embedded worker process. Only place for st.cache_resource."""
from __future__ import annotations

import atexit
import logging
import os
import sys
import threading

import streamlit as st

from pipelines.config import ROOT, settings
from pipelines.jobs import JobQueue
from pipelines.jobs.supervisor import WorkerSupervisor
from pipelines.store import Store

log = logging.getLogger("atelier.app")


@st.cache_resource
def get_store() -> Store:
    store = Store()
    store.purge_expired()  # retention purge at start-up; the worker repeats it every hour
    return store


@st.cache_resource
def get_queue() -> JobQueue:
    return JobQueue(get_store())


def _stop_supervisor(supervisor: WorkerSupervisor | None) -> None:
    if supervisor is not None:
        supervisor.stop()


@st.cache_resource(on_release=_stop_supervisor)
def start_worker() -> WorkerSupervisor | None:
    """One embedded worker per device, started with the app and restarted within seconds if it dies
    (not when a Redis queue has its own workers)."""
    if settings().queue_url or os.environ.get("ATELIER_EMBEDDED_WORKER", "1") == "0":
        return None
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT), ATELIER_WORKER_PARENT=str(os.getpid()))
    supervisor = WorkerSupervisor([sys.executable, "-m", "pipelines", "worker", "--device", "auto"], cwd=ROOT,
                                  env=env, log_path=settings().data_dir / "worker.log").start()
    atexit.register(supervisor.stop)
    return supervisor


def ensure_worker() -> None:
    """Start the supervised worker once per app process (the supervisor restarts it when it dies)."""
    start_worker()


def _read_words_guard() -> None:
    from pipelines.safety.prompts import cpu_check

    try:
        cpu_check("bonjour")  # reads the rule lists, lemmas and emoji names once (functools caches)
    except Exception:  # noqa: BLE001 - a broken rule file is said where words are checked, not here
        log.exception("the words guard could not be read in advance")


@st.cache_resource
def warm_words_guard() -> threading.Thread:
    """Read the words guard (pipelines.safety.prompts) once per app process, in the background, as the studio
    starts. Read cold it takes about 5 s on a 2-core machine: paid by the first name or line a child types, that
    rerun was so long that a tap made meanwhile (a picture choice) was lost."""
    thread = threading.Thread(target=_read_words_guard, name="words-guard", daemon=True)
    thread.start()
    return thread
