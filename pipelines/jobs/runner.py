"""Runs one job in the worker: state, progress, cancellation, atomic results, artifacts."""
from __future__ import annotations

import json
import logging
import os
import shutil
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from ..i18n import UserError
from ..store import Store, now
from ..store.db import WORKER_DB_WAIT_SECONDS, DatabaseBusy
from ..store.files import remove_tree
from .model import JobResult, JobState, worker_id
from .registry import resolve_kind

log = logging.getLogger("atelier.jobs")

ACTIVE: set[str] = set()  # ids of the jobs this process is running now (recover() leaves them alone)


class Cancelled(Exception):
    """Raised inside a job when its owner or the facilitator cancelled it."""


@dataclass
class JobContext:
    """What a job function gets besides its parameters."""

    job_id: str
    owner: int | None
    workshop_id: int | None
    out_dir: Path  # write result files here; they are moved into place when the job succeeds
    store: Store
    _last_write: float = 0.0

    def progress(self, fraction: float, message: str = "") -> None:
        """Report progress (0..1 + a locale key); raises Cancelled when a cancel was asked."""
        fraction = min(1.0, max(0.0, float(fraction)))
        moment = time.monotonic()
        if moment - self._last_write > 0.2 or fraction >= 1.0:
            try:
                with self.store.connect() as conn:
                    conn.execute("UPDATE jobs SET progress=?, message=? WHERE id=?", (fraction, message, self.job_id))
                self._last_write = moment
            except DatabaseBusy:  # a progress bar may lag; the work goes on
                log.warning("job %s: database busy, progress not written", self.job_id)
        self.check_cancelled()

    def check_cancelled(self) -> None:
        with self.store.connect() as conn:
            row = conn.execute("SELECT cancel_requested FROM jobs WHERE id=?", (self.job_id,)).fetchone()
        if row is None or row[0]:  # no row: its owner was removed meanwhile, nothing may be kept
            raise Cancelled()


def _stamp() -> str:
    return now().isoformat(timespec="seconds")


def run_job(job_id: str, store: Store | None = None) -> JobState | str:
    """Run a queued job to its end; returns its final state. Never raises for a job's own failure."""
    store = store or Store(wait_seconds=WORKER_DB_WAIT_SECONDS)
    ACTIVE.add(job_id)
    try:
        return _run(job_id, store)
    finally:
        ACTIVE.discard(job_id)


def _run(job_id: str, store: Store) -> JobState | str:
    with store.transaction() as conn:
        row = conn.execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
        if row is None or row["state"] != "queued":
            return row["state"] if row else "missing"
        conn.execute("UPDATE jobs SET state='running', started_at=?, attempts=attempts+1, worker=?, progress=0, "
                     "message='jobs.starting' WHERE id=?", (_stamp(), worker_id(), job_id))
    final_dir = store.job_dir(row["workshop_id"], job_id)
    tmp_dir = final_dir.parent / f".tmp-{job_id}"
    remove_tree(tmp_dir)
    tmp_dir.mkdir(parents=True)
    ctx = JobContext(job_id=job_id, owner=row["owner"], workshop_id=row["workshop_id"], out_dir=tmp_dir, store=store)
    try:
        function = resolve_kind(row["kind"])
        result = function(json.loads(row["params"]), ctx) or {}
        ctx.check_cancelled()
    except Cancelled:
        remove_tree(tmp_dir)
        _finish(store, job_id, "cancelled", message="jobs.cancelled")
        return "cancelled"
    except UserError as exc:
        remove_tree(tmp_dir)
        _finish(store, job_id, "failed", error={"key": exc.key, "params": _plain(exc.params)})
        return "failed"
    except Exception as exc:  # a crashed job must not take the worker (or the queue) down
        log.error("job %s (%s) crashed:\n%s", job_id, row["kind"], traceback.format_exc())
        remove_tree(tmp_dir)
        _finish(store, job_id, "failed",
                error={"key": "errors.job_crashed", "params": {"detail": f"{type(exc).__name__}: {exc}"[:300]}})
        return "failed"
    remove_tree(final_dir)
    try:
        os.replace(tmp_dir, final_dir)  # results appear all at once, or not at all
    except FileNotFoundError:  # its owner was removed just now, with the job's folders: nothing is kept
        remove_tree(tmp_dir)
        return "cancelled"
    files = {name: str(final_dir / Path(path).relative_to(tmp_dir)) if Path(path).is_relative_to(tmp_dir)
             else str(path) for name, path in result.get("files", {}).items()}
    extras = {k: v for k, v in result.items() if k not in ("files", "artifact")}
    artifact = result.get("artifact")
    # The gallery row and the job's "done" are one transaction: a crash leaves neither (the job is
    # re-run) or both; the row is keyed by the job id, so a re-run cannot add a second one.
    try:
        with store.transaction() as conn:
            if conn.execute("SELECT 1 FROM jobs WHERE id=?", (job_id,)).fetchone() is None:
                raise Cancelled()  # its owner was removed while it ran: what it made is theirs and goes too
            artifact_id = _record(store, row, job_id, files, artifact, conn)
            _finish(store, job_id, "done", result=JobResult.to_stored(files, extras, artifact_id, store.files_dir),
                    message="jobs.done", conn=conn)
    except Cancelled:
        remove_tree(final_dir)
        return "cancelled"
    return "done"


def _record(store: Store, row, job_id: str, files: dict, artifact: dict | None, conn) -> int | None:
    """The job's gallery row (inside the caller's transaction), or None when it makes no creation."""
    if not artifact:
        return None
    keep = artifact.get("files") or list(files)
    created = store.add_artifact(workshop_id=row["workshop_id"], owner=row["owner"], kind=artifact["kind"],
                                 files={k: files[k] for k in keep}, title=artifact.get("title", ""),
                                 prompt=artifact.get("prompt", ""), params=artifact.get("params"),
                                 model=artifact.get("model", ""), seed=artifact.get("seed"),
                                 ai_made=bool(artifact.get("ai_made")), job_id=job_id, conn=conn)
    return created["id"]


def _plain(params: dict) -> dict:
    return {k: v if isinstance(v, (str, int, float, bool, type(None))) else str(v) for k, v in params.items()}


def _finish(store: Store, job_id: str, state: JobState, *, result: dict | None = None, error: dict | None = None,
            message: str = "", conn=None) -> None:
    """Write a job's end state (inside `conn`'s transaction when given)."""
    if conn is None:
        with store.transaction() as own:
            _finish(store, job_id, state, result=result, error=error, message=message, conn=own)
        return
    conn.execute("UPDATE jobs SET state=?, result=?, error=?, finished_at=?, message=?, "
                 "progress=CASE WHEN ?='done' THEN 1 ELSE progress END WHERE id=?",
                 (state, json.dumps(result) if result else None, json.dumps(error) if error else None,
                  _stamp(), message, state, job_id))


def copy_into(src: Path, out_dir: Path, name: str | None = None) -> Path:
    """Copy a file into a job's out_dir (for results made elsewhere)."""
    target = out_dir / (name or src.name)
    shutil.copyfile(src, target)
    return target
