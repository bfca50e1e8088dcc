"""A studio whose data dir has the tiny SD-Turbo installed (through `models import`), for browser tests of
the AI paths. Use: `studio = ai_studio_fixture()` at module level (it replaces conftest's `studio`)."""
from __future__ import annotations

import os

import pytest

from tests.e2e.conftest import seed_workshop, start_studio, stop_studio


def install_tiny_sd(data_dir, build_root) -> None:
    """The tiny SD-Turbo folder installed into a studio's data dir, the way a library imports weights."""
    from pipelines import config
    from tests.fixtures.models_common import install_as_model
    from tests.fixtures.models_imagegen import build_sd_turbo_folder

    sd_dir, _ = build_sd_turbo_folder(build_root)
    before = os.environ.get("ATELIER_DATA_DIR")
    os.environ["ATELIER_DATA_DIR"] = str(data_dir)
    config.reset_settings()
    try:
        install_as_model("sd-turbo", sd_dir)
    finally:
        if before is None:
            os.environ.pop("ATELIER_DATA_DIR", None)
        else:
            os.environ["ATELIER_DATA_DIR"] = before
        config.reset_settings()


def ai_studio_fixture():
    """A module-scoped `studio` fixture: tiny SD-Turbo installed and one workshop (the sidebar picks it)."""
    @pytest.fixture(scope="module")
    def studio(tmp_path_factory):
        data_dir = tmp_path_factory.mktemp("studio-ai")
        install_tiny_sd(data_dir, tmp_path_factory.mktemp("tiny-sd-build"))
        running = start_studio(data_dir)
        running.workshop = seed_workshop(running)["workshop"]
        yield running
        stop_studio(running)
    return studio
