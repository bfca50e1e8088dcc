"""Atelier's engine: pipelines, exports, jobs, store and models. Never imports streamlit or torch at import time."""

__version__ = "0.1.0"
