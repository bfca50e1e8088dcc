"""The job queue: a persistent huey queue (SQLite by default, Redis to scale out) + the jobs table.

The store's ``jobs`` table is the truth the pages read (state, progress, result); huey carries
the job ids to the worker, ordered by priority. Priority gives round-robin between participants:
a participant's n-th waiting job gets priority -n, so everyone's first job runs before anyone's
second. Each worker runs one job at a time (one worker per device).
"""
from __future__ import annotations

import json
import logging
import os
import socket
import statistics
import threading
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from ..config import settings
from ..i18n import UserError
from ..store import Store, now
from .model import FINISHED, STATES, Job, JobResult, JobState
from .registry import resolve_kind

log = logging.getLogger("atelier.jobs")

MAX_ATTEMPTS = 2  # a job interrupted by a crash is re-queued once, then failed

__all__ = ["FINISHED", "STATES", "Job", "JobQueue", "JobResult", "JobState", "get_huey"]


_huey_lock = threading.Lock()
_hueys: dict[str, Any] = {}


def get_huey(queue_url: str | None = None, immediate: bool = False):
    """The huey instance for the configured queue, with the job task registered on it."""
    cfg = settings()
    url = queue_url if queue_url is not None else cfg.queue_url
    key = f"{url or cfg.queue_path}|{immediate}"
    with _huey_lock:
        if key not in _hueys:
            from huey import PriorityRedisHuey, SqliteHuey, crontab

            if url.startswith("redis://"):
                huey = PriorityRedisHuey("atelier", url=url, immediate=immediate)
            elif url in ("", "sqlite") or url.startswith("sqlite:///"):
                path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else str(cfg.queue_path)
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                huey = SqliteHuey("atelier", filename=path, immediate=immediate, immediate_use_memory=False,
                                  results=False)
            else:
                raise ValueError(f"queue_url must be '', 'sqlite:///PATH' or 'redis://HOST:PORT/DB' but is {url!r}.")

            @huey.task(name="atelier.run_job")
            def run_job_task(job_id: str) -> None:
                from .runner import run_job

                run_job(job_id)

            @huey.periodic_task(crontab(minute="7"), name="atelier.purge")
            def purge_task() -> None:
                Store().purge_expired()

            huey.atelier_run_job = run_job_task
            _hueys[key] = huey
        return _hueys[key]


RATE_FROM = 0.1  # the share of a job done from which its time left is read from its own rate


def job_work(params: dict) -> float | None:
    """The size of a job as its submitter gave it (params "work", a positive number: megapixels for the photo
    jobs), else None: a queued or barely started job is then announced at its kind's usual time scaled to its size
    (expected_seconds), not at the median of jobs of every size."""
    work = params.get("work") if isinstance(params, dict) else None
    return float(work) if isinstance(work, (int, float)) and not isinstance(work, bool) and work > 0 else None


class JobQueue:
    """Submit, follow and cancel jobs."""

    def __init__(self, store: Store | None = None, huey=None):
        self.store = store or Store()
        self.huey = huey if huey is not None else get_huey()

    # -- submit -----------------------------------------------------------------------------
    def submit(self, kind: str, params: dict, owner: int | None = None, workshop_id: int | None = None,
               *, reuse: bool = False) -> str:
        """Queue a job of `kind` (see jobs/registry.py) and return its id.

        With `reuse`, a job of the same owner, workshop, kind and parameters that is still queued or running
        is returned instead of queuing a second one: the pages submit this way, so a double tap, or a tap
        again after a run that Streamlit stopped between the submit and the page keeping the id (a rerun
        request stops a run at its next `st.session_state` access), follows the job already under way
        rather than computing it twice on the library's two cores."""
        resolve_kind(kind)  # unknown kinds fail here, with the valid ones listed
        text = json.dumps(params)  # parameters must be plain JSON (they cross processes and machines)
        job_id = uuid.uuid4().hex
        with self.store.transaction() as conn:
            if reuse:
                same = conn.execute(
                    "SELECT id FROM jobs WHERE state IN ('queued', 'running') AND owner IS ? AND workshop_id IS ? "
                    "AND kind = ? AND params = ? ORDER BY created_at LIMIT 1",
                    (owner, workshop_id, kind, text)).fetchone()
                if same:
                    return same[0]
            waiting = conn.execute(
                "SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running') AND owner IS ?", (owner,)
            ).fetchone()[0]
            priority = -waiting
            conn.execute(
                "INSERT INTO jobs(id, workshop_id, owner, kind, params, state, priority, created_at) "
                "VALUES(?,?,?,?,?,?,?,?)",
                (job_id, workshop_id, owner, kind, text, "queued", priority,
                 now().isoformat(timespec="seconds")))
        self._enqueue(job_id, priority)
        return job_id

    def _enqueue(self, job_id: str, priority: int) -> bool:
        """Hand the job to the queue server. When it is unreachable (Redis restarting) the job stays
        'queued' in the store, where nothing is lost; the workers' recovery enqueues it again as soon as
        the server is back. Returns False in that case."""
        task = self.huey.atelier_run_job
        try:
            self.huey.enqueue(task.s(job_id, id=job_id, priority=priority))
            return True
        except Exception as exc:  # redis.exceptions.ConnectionError, TimeoutError, a busy SQLite queue...
            if self.huey.immediate:
                raise
            log.warning("queue server unreachable, job %s kept in the store until it is back: %s", job_id, exc)
            return False

    def reachable(self) -> bool:
        """True when the queue server answers (always for the embedded SQLite queue)."""
        storage = self.huey.storage
        if not hasattr(storage, "conn") or not hasattr(storage.conn, "ping"):
            return True
        try:
            return bool(storage.conn.ping())
        except Exception:
            return False

    # -- read -------------------------------------------------------------------------------
    def _job(self, row) -> Job:
        item = dict(row)
        result = JobResult.from_stored(json.loads(item["result"]), self.store.files_dir) if item["result"] else None
        return Job(id=item["id"], kind=item["kind"], owner=item["owner"], workshop_id=item["workshop_id"],
                   params=json.loads(item["params"]), state=item["state"], progress=item["progress"],
                   message=item["message"], eta_seconds=item["eta_seconds"],
                   result=result,
                   error=json.loads(item["error"]) if item["error"] else None, attempts=item["attempts"],
                   created_at=item["created_at"], started_at=item["started_at"], finished_at=item["finished_at"])

    def get(self, job_id: str) -> Job:
        with self.store.connect() as conn:
            row = conn.execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
        if row is None:
            raise KeyError(f"No job {job_id!r}.")
        job = self._job(row)
        if job.state == "queued":
            job.position = self.position(job)
            expected = self.expected_seconds(job.kind, work=job_work(job.params))
            job.eta_seconds = (expected or 0) * (job.position + 1) if expected else None
        elif job.state == "running" and job.started_at and job.progress >= RATE_FROM:
            elapsed = (datetime.now() - datetime.fromisoformat(job.started_at)).total_seconds()
            job.eta_seconds = max(0.0, elapsed / job.progress * (1 - job.progress))
        elif job.state == "running":
            # Too little done to read a rate from (a 63 MP photo's first step held 3 % for a minute: the time left,
            # elapsed / 3 %, rose from 1 to 18 minutes). The usual duration minus the time spent, or nothing said.
            expected = self.expected_seconds(job.kind, work=job_work(job.params))
            elapsed = ((datetime.now() - datetime.fromisoformat(job.started_at)).total_seconds()
                       if job.started_at else 0.0)
            job.eta_seconds = expected - elapsed if expected is not None and expected > elapsed else None
        return job

    def position(self, job: Job) -> int:
        """How many jobs run before this queued one (same ordering as the queue: priority, then age)."""
        with self.store.connect() as conn:
            prio = conn.execute("SELECT priority FROM jobs WHERE id=?", (job.id,)).fetchone()[0]
            return conn.execute(
                "SELECT COUNT(*) FROM jobs WHERE state IN ('queued','running') AND id != ? AND "
                "(state = 'running' OR priority > ? OR (priority = ? AND created_at <= ?))",
                (job.id, prio, prio, job.created_at)).fetchone()[0]

    def list(self, workshop_id: int | None = None, states: tuple[str, ...] = STATES, owner: int | None = None,
             limit: int = 200) -> list[Job]:
        clauses = [f"state IN ({','.join('?' * len(states))})"]
        args: list = list(states)
        if workshop_id is not None:
            clauses.append("workshop_id IS ?")
            args.append(workshop_id)
        if owner is not None:
            clauses.append("owner = ?")
            args.append(owner)
        with self.store.connect() as conn:
            rows = conn.execute(f"SELECT * FROM jobs WHERE {' AND '.join(clauses)} "
                                f"ORDER BY created_at DESC LIMIT ?", (*args, limit)).fetchall()
        return [self._job(r) for r in rows]

    def expected_seconds(self, kind: str, work: float | None = None) -> float | None:
        """Median duration of the last finished jobs of this kind on this machine (None before the first).

        With `work` (e.g. the megapixels a photo job will handle), the median seconds per unit of work of
        the last jobs that recorded theirs (their result's "work"), times `work`: a 24 MP scan is not
        announced at the time a 0.3 MP one took. Jobs that recorded no work give the plain median."""
        with self.store.connect() as conn:
            rows = conn.execute("SELECT started_at, finished_at, result FROM jobs WHERE kind=? AND state='done' "
                                "AND started_at IS NOT NULL ORDER BY finished_at DESC LIMIT 10", (kind,)).fetchall()
        durations = [(datetime.fromisoformat(r["finished_at"]) - datetime.fromisoformat(r["started_at"]))
                     .total_seconds() for r in rows]
        if work is not None:
            done = [json.loads(r["result"] or "{}").get("work") for r in rows]
            rates = [d / w for d, w in zip(durations, done) if isinstance(w, (int, float)) and w > 0]
            if rates:
                return float(statistics.median(rates)) * work
        return float(statistics.median(durations)) if durations else None

    # -- cancel -----------------------------------------------------------------------------
    def cancel(self, job_id: str, by: int | None = None) -> Job:
        """Cancel a job. `by` is the participant asking (None = the facilitator, who may cancel any job)."""
        job = self.get(job_id)
        if by is not None and job.owner != by:
            raise UserError("errors.cancel_not_yours")
        with self.store.transaction() as conn:
            if job.state == "queued":
                conn.execute("UPDATE jobs SET state='cancelled', finished_at=?, message=? "
                             "WHERE id=? AND state='queued'", (now().isoformat(timespec="seconds"), "jobs.cancelled",
                                                               job_id))
            elif job.state == "running":
                conn.execute("UPDATE jobs SET cancel_requested=1 WHERE id=?", (job_id,))
        if job.state == "queued":
            self.huey.revoke_by_id(job_id)
        return self.get(job_id)

    # -- recovery after a crash ---------------------------------------------------------------
    def recover(self, this_host_only: bool = True) -> dict[str, int]:
        """Re-queue (once) or fail the jobs a dead worker left running; re-enqueue lost queued jobs."""
        from ..store.files import remove_tree
        from .runner import ACTIVE

        counts = {"requeued": 0, "failed": 0, "reenqueued": 0}
        host = socket.gethostname()
        with self.store.connect() as conn:
            running = conn.execute("SELECT * FROM jobs WHERE state='running'").fetchall()
        for row in running:
            worker = row["worker"] or ""
            worker_host, _, pid = worker.rpartition(":")
            if this_host_only and worker_host and worker_host != host:
                continue
            if row["id"] in ACTIVE:  # running in this very process
                continue
            if pid.isdigit() and int(pid) != os.getpid() and _pid_alive(int(pid)):
                continue
            remove_tree(self.store.job_dir(row["workshop_id"], row["id"]).parent / f".tmp-{row['id']}")
            remove_tree(self.store.files_dir / "jobs" / f".tmp-{row['id']}")
            with self.store.transaction() as conn:
                if row["attempts"] < MAX_ATTEMPTS and not row["cancel_requested"]:
                    conn.execute("UPDATE jobs SET state='queued', progress=0, message='jobs.requeued', worker=NULL "
                                 "WHERE id=?", (row["id"],))
                    counts["requeued"] += 1
                    requeue = True
                else:
                    error = {"key": "errors.job_interrupted", "params": {}}
                    conn.execute("UPDATE jobs SET state='failed', error=?, finished_at=?, message='' WHERE id=?",
                                 (json.dumps(error), now().isoformat(timespec="seconds"), row["id"]))
                    counts["failed"] += 1
                    requeue = False
            if requeue:
                self._enqueue(row["id"], row["priority"])
        try:
            pending = {t.id for t in self.huey.pending()} if not self.huey.immediate else set()
        except Exception:  # the queue server is away: the next recovery will do it
            return counts
        with self.store.connect() as conn:
            queued = conn.execute("SELECT id, priority FROM jobs WHERE state='queued'").fetchall()
        for row in queued:
            if row["id"] not in pending:
                self._enqueue(row["id"], row["priority"])
                counts["reenqueued"] += 1
        return counts


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (killed child not yet reaped) is dead for us
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[-1].split()[0] != "Z"
    except OSError:
        return True
