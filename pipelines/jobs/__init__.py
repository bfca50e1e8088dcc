"""Jobs: model work runs here, in a worker process, never inside a Streamlit script run."""
from .queue import FINISHED, STATES, Job, JobQueue, get_huey
from .registry import KINDS, register_kind

__all__ = ["FINISHED", "STATES", "Job", "JobQueue", "get_huey", "KINDS", "register_kind"]
