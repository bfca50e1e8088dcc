from __future__ import annotations

import pytest


@pytest.fixture
def page_without_worker(atelier_env, monkeypatch):
    """The postcards page run by AppTest with no worker of its own (jobs wait in the queue), and the store and queue
    of the test's own data dir: st.cache_resource lives for the whole process."""
    from ui.runtime import get_queue, get_store

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    get_store.clear()
    get_queue.clear()
    yield
    get_store.clear()
    get_queue.clear()
