"""Keeps the app's embedded worker process alive: restarted within seconds when it dies.

The queue lives in SQLite, so a worker killed mid-job loses nothing (its job is re-queued by the
new worker's recovery); without a supervisor, though, progress bars would wait until someone
reloaded a page. A watcher thread polls the process every `poll_seconds`.
"""
from __future__ import annotations

import logging
import subprocess
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

log = logging.getLogger("atelier.supervisor")


@dataclass
class WorkerSupervisor:
    """Start `command` and restart it whenever it exits with an error or is killed.

    Exit code 0 means "another worker already serves this device" (the worker's lock): that is not a
    crash, and the supervisor tries again later in case that other worker goes away.
    """

    command: list[str]
    cwd: Path
    env: dict[str, str]
    log_path: Path
    poll_seconds: float = 1.0
    restarts: int = 0
    last_restart: datetime | None = None
    last_exit_code: int | None = None
    process: subprocess.Popen | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> WorkerSupervisor:
        with self._lock:
            if self._thread is None:
                self._spawn()
                self._thread = threading.Thread(target=self._watch, name="atelier-worker-supervisor", daemon=True)
                self._thread.start()
        return self

    def _spawn(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as out:
            self.process = subprocess.Popen(self.command, cwd=self.cwd, env=self.env, stdout=out,
                                            stderr=subprocess.STDOUT)

    def _watch(self) -> None:
        idle_since: float | None = None
        while not self._stop.wait(self.poll_seconds):
            with self._lock:
                code = self.process.poll() if self.process else None
                if code is None:
                    continue
                if code == 0:  # another worker holds the device: look again in a while
                    idle_since = idle_since or time.monotonic()
                    if time.monotonic() - idle_since < 30:
                        continue
                    idle_since = None
                    self._spawn()
                    continue
                self.last_exit_code = code
                self.restarts += 1
                self.last_restart = datetime.now().replace(microsecond=0)
                log.warning("worker exited with code %s; restarting it (restart %d)", code, self.restarts)
                self._spawn()

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def stop(self, timeout: float = 10.0) -> None:
        """Stop watching, then stop the worker (SIGTERM, then SIGKILL after `timeout`)."""
        self._stop.set()
        if self._thread:
            self._thread.join(timeout)
        with self._lock:
            if self.process and self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout)
