"""Shared, cached resources: store, queue, the embedded worker process. Only place for st.cache_resource."""
from __future__ import annotations

import atexit
import logging
import os
import subprocess
import sys

import streamlit as st

from pipelines.config import ROOT, settings
from pipelines.jobs import JobQueue
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


@st.cache_resource
def start_worker() -> subprocess.Popen | None:
    """One embedded worker per device, started with the app (not when a Redis queue has its own)."""
    if settings().queue_url or os.environ.get("ATELIER_EMBEDDED_WORKER", "1") == "0":
        return None
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT))
    log_path = settings().data_dir / "worker.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    out = open(log_path, "ab")
    proc = subprocess.Popen([sys.executable, "-m", "pipelines", "worker", "--device", "auto"], cwd=ROOT, env=env,
                            stdout=out, stderr=subprocess.STDOUT)
    atexit.register(lambda: proc.poll() is None and proc.terminate())
    return proc


def ensure_worker() -> None:
    """Restart the worker if it died (a crash never loses the queue: it lives in SQLite)."""
    proc = start_worker()
    if proc is not None and proc.poll() not in (None, 0):  # 0: another worker already serves this device
        start_worker.clear()
        start_worker()
