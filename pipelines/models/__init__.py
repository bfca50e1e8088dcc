"""Model weights: catalogue, download/import/verify, verified local paths."""
from .manager import ModelEntry, ModelManager, load_catalog

__all__ = ["ModelEntry", "ModelManager", "load_catalog"]
