"""The store: SQLite database + files directory, with retention purge."""
from .db import Store, expiry_for, library_name, now
from .files import atomic_path, write_bytes_atomic
from .model import Artifact, Participant, Workshop

__all__ = ["Store", "expiry_for", "library_name", "now", "atomic_path", "write_bytes_atomic", "Artifact",
           "Participant", "Workshop"]
