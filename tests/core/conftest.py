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


@pytest.fixture
def console(atelier_env, monkeypatch):
    """The console page through the studio's frame (app.py) in Streamlit's AppTest, a workshop « Mercredi » made with
    its form; atelier_env clears the app's cached store, queue and worker around the test."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parents[2]
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    monkeypatch.chdir(root)
    at = AppTest.from_file(str(root / "app.py"), default_timeout=60)
    at.switch_page("pages/console.py").run()
    at.text_input[0].input("Mercredi")
    at.button[0].click().run()
    assert not at.exception
    return at
