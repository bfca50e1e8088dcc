"""Fixtures shared by the engine tests: the test job kinds of tests/plugin_kinds.py, and waiting on a worker."""
from __future__ import annotations

import sys
import time

import pytest

from pipelines import config
from pipelines.jobs.registry import KINDS


@pytest.fixture
def plugin_env(atelier_env, monkeypatch):
    """The studio's settings with the test job kinds (test.slow, test.fail) loaded as a plugin."""
    monkeypatch.setenv("ATELIER_PLUGINS", "tests.plugin_kinds")
    config.reset_settings()
    import pipelines.jobs.registry as registry

    monkeypatch.setattr(registry, "_plugins_loaded", False)
    yield config.settings()
    for kind in ("test.slow", "test.fail"):
        KINDS.pop(kind, None)
    sys.modules.pop("tests.plugin_kinds", None)


def wait_until(predicate, timeout: float = 30.0, step: float = 0.05) -> bool:
    """Poll `predicate` every `step` seconds; AssertionError when it is still false after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    raise AssertionError("condition not reached in time")
