"""The worker process: recovers interrupted jobs, then consumes the queue one job at a time."""
from __future__ import annotations

import fcntl
import logging
import os
import signal
import threading
import time
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


WATCH_SECONDS = 2.0
RECOVER_EVERY = 60.0


def _watch_queue(queue: JobQueue) -> None:
    """Recovery in the background: as soon as the queue server answers again after an outage, and
    every minute. Jobs live in the store; a Redis server restarted without persistence forgets the
    waiting tasks, a studio that submitted while it was away could not hand its job over, and a job
    whose end could not be written (database held too long) is left "running" under this process's
    id while not running: recover() re-enqueues the first two and re-queues or fails the last one.
    """
    was_down = False
    last = time.monotonic()
    while True:
        time.sleep(WATCH_SECONDS)
        up = queue.reachable()
        if not up:
            if not was_down:
                log.warning("queue server unreachable; waiting for it")
            was_down = True
            continue
        if was_down or time.monotonic() - last > RECOVER_EVERY:
            try:
                counts = queue.recover()
                if was_down:
                    log.info("queue server back; recovered: %s", counts)
                was_down = False
                last = time.monotonic()
            except Exception as exc:  # still coming back up: try again at the next tick
                log.warning("recovery after a queue outage failed (%s); retrying", exc)


def _exit_with_parent(parent: int) -> None:
    """A worker started by the app stops when the app is gone (killed or exited without cleaning up)."""
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent:
            log.info("the studio (pid %d) is gone; stopping", parent)
            os.kill(os.getpid(), signal.SIGTERM)  # huey stops; a job cut short is recovered by the next worker
            return


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
    parent = os.environ.get("ATELIER_WORKER_PARENT", "")
    if parent.isdigit():
        threading.Thread(target=_exit_with_parent, args=(int(parent),), name="atelier-parent-watch",
                         daemon=True).start()
    huey = get_huey()
    threading.Thread(target=_watch_queue, args=(JobQueue(Store(), huey=huey),), name="atelier-queue-watch",
                     daemon=True).start()
    consumer = huey.create_consumer(workers=1, worker_type="thread", periodic=True, check_worker_health=True,
                                    max_delay=2.0)  # an idle worker looks at the queue at least every 2 s
    consumer.run()
    if lock:
        lock.close()
    return 0
