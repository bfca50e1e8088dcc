"""What a job is, as the pages, the queue and the worker read it: typed, with one way to reach its files."""
from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

JobState = Literal["queued", "running", "done", "failed", "cancelled"]
STATES: tuple[JobState, ...] = get_args(JobState)
FINISHED: tuple[JobState, ...] = ("done", "failed", "cancelled")


class JobResult(dict):
    """A finished job's result: the job function's plain JSON fields (seed, warnings, notes,
    message_key ... see each job's docstring) read by key, plus ``files`` (name -> absolute path
    of each result file) and ``artifact_id`` (the gallery entry it made, or None).

    The jobs table keeps the file paths relative to the data folder (so the folder can move);
    :meth:`from_stored` makes them absolute. Use ``job.files()`` rather than joining paths by hand.
    """

    __slots__ = ()

    @property
    def files(self) -> dict[str, str]:
        return dict(self.get("files") or {})

    @property
    def artifact_id(self) -> int | None:
        return self.get("artifact_id")

    @classmethod
    def from_stored(cls, stored: dict, files_dir: Path) -> "JobResult":
        """From the JSON the runner stored in the jobs table (file paths relative to `files_dir`)."""
        files = {k: str(Path(files_dir) / v) for k, v in (stored.get("files") or {}).items()}
        return cls({**stored, "files": files})

    @staticmethod
    def to_stored(files: dict[str, str], extras: dict[str, Any], artifact_id: int | None,
                  files_dir: Path) -> dict:
        """The JSON kept in the jobs table: file paths relative to `files_dir`, the job's extras, the artifact."""
        stored: dict[str, Any] = {"files": {k: str(Path(v).relative_to(files_dir)) for k, v in files.items()}}
        stored.update(extras)
        if artifact_id is not None:
            stored["artifact_id"] = artifact_id
        return stored


@dataclass
class Job:
    """What a page needs to show about a job."""

    id: str
    kind: str
    owner: int | None
    workshop_id: int | None
    params: dict
    state: JobState
    progress: float  # 0..1
    message: str  # locale key of the current step
    eta_seconds: float | None
    result: JobResult | None  # set when state == "done"
    error: dict | None  # {"key": locale key, "params": {...}} when state == "failed"
    attempts: int
    created_at: str
    started_at: str | None
    finished_at: str | None
    position: int | None = None  # place in the waiting line (0 = next)
    extra: dict = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    def files(self) -> dict[str, str]:
        """Absolute paths of the result files by name (empty until the job is done)."""
        return self.result.files if self.result else {}


def worker_id() -> str:
    """host:pid of this process, recorded on the jobs it runs (crash recovery reads it)."""
    return f"{socket.gethostname()}:{os.getpid()}"
