"""Jobs: model work runs here, in a worker process, never inside a Streamlit script run."""
from .model import FINISHED, STATES, Job, JobResult, JobState
from .queue import JobQueue, get_huey
from .registry import KINDS, register_kind

__all__ = ["FINISHED", "STATES", "Job", "JobResult", "JobState", "JobQueue", "get_huey", "KINDS", "register_kind"]
