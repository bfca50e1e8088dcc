"""A studio whose data dir has the tiny SD-Turbo installed (through `models import`), for browser tests of
the AI paths. Use: `studio = ai_studio_fixture()` at module level (it replaces conftest's `studio`)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.e2e.conftest import seed_workshop, start_studio, stop_studio


def install_tiny_sd(data_dir, build_root, openvino: bool = False) -> None:
    """The tiny SD-Turbo folder installed into a studio's data dir, the way a library imports weights.
    openvino=True also installs TAESD and converts both for the OpenVINO engine with
    `python -m pipelines models convert` (what `models import` does on a CPU machine)."""
    from pipelines import config
    from tests.fixtures.models_common import install_as_model
    from tests.fixtures.models_imagegen import build_sd_turbo_folder

    sd_dir, taesd_dir = build_sd_turbo_folder(build_root)
    before = os.environ.get("ATELIER_DATA_DIR")
    os.environ["ATELIER_DATA_DIR"] = str(data_dir)
    config.reset_settings()
    try:
        install_as_model("sd-turbo", sd_dir)
        if openvino:
            install_as_model("taesd", taesd_dir)
            subprocess.run([sys.executable, "-m", "pipelines", "models", "convert", "sd-turbo", "taesd"], check=True,
                           env={**os.environ, "ATELIER_DATA_DIR": str(data_dir)}, capture_output=True)
    finally:
        if before is None:
            os.environ.pop("ATELIER_DATA_DIR", None)
        else:
            os.environ["ATELIER_DATA_DIR"] = before
        config.reset_settings()


def ai_studio_fixture(openvino: bool = False):
    """A module-scoped `studio` fixture: tiny SD-Turbo installed and one workshop (the sidebar picks it);
    openvino=True: with TAESD, converted, so the pictures come from the OpenVINO engine."""
    @pytest.fixture(scope="module")
    def studio(tmp_path_factory):
        data_dir = tmp_path_factory.mktemp("studio-ai")
        install_tiny_sd(data_dir, tmp_path_factory.mktemp("tiny-sd-build"), openvino=openvino)
        running = start_studio(data_dir)
        running.workshop = seed_workshop(running)["workshop"]
        yield running
        stop_studio(running)
    return studio
