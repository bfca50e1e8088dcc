"""The music tests run MusicGen on PyTorch (the reference path and the fallback); the OpenVINO
decoder's tests (test_musicgen_openvino.py) turn it back on."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def pytorch_music_models(monkeypatch):
    monkeypatch.setenv("ATELIER_ENGINE", "pytorch")
