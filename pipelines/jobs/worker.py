"""The worker process: recovers interrupted jobs, then consumes the queue one job at a time."""
from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path

from ..config import settings
from ..store import Store
from ..store.files import remove_partial_files
from .queue import JobQueue, get_huey

log = logging.getLogger("atelier.worker")


def _take_lock(device: str):
    """One embedded worker per device and data dir: a second one exits quietly."""
    path = Path(settings().data_dir) / f"worker-{device}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def run_worker(device: str = "cpu", purge: bool = True) -> int:
    """Run until stopped (SIGINT/SIGTERM). Returns a process exit code."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(levelname)s %(message)s")
    if device != "auto":
        os.environ.setdefault("ATELIER_DEVICE", device)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    lock = None
    if not settings().queue_url:  # embedded SQLite queue: exactly one worker per device
        lock = _take_lock(device)
        if lock is None:
            log.info("another worker already serves device %s; exiting", device)
            return 0
    store = Store()
    removed = remove_partial_files(store.files_dir)
    counts = JobQueue(store).recover()
    log.info("recovered jobs: %s; partial files removed: %d", counts, removed)
    if purge:
        log.info("retention purge: %s", store.purge_expired())
    huey = get_huey()
    consumer = huey.create_consumer(workers=1, worker_type="thread", periodic=True, check_worker_health=True)
    consumer.run()
    if lock:
        lock.close()
    return 0
