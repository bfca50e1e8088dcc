"""Real photographs for the photo tests (scikit-image bundles them) and their damaged versions."""
from __future__ import annotations

import numpy as np
import pytest


def photo(name: str) -> np.ndarray:
    import skimage.data

    image = getattr(skimage.data, name)()
    if image.ndim == 2:
        image = np.stack([image] * 3, axis=-1)
    return image[..., :3].astype(np.float32) / 255.0


@pytest.fixture(scope="session")
def astronaut():
    return photo("astronaut")


@pytest.fixture
def save_photo(tmp_path):
    """Write a float RGB array as a PNG file and return its path."""
    from pipelines.photo.imaging import to_image

    def save(array, name="photo.png"):
        path = tmp_path / name
        to_image(array).save(path)
        return path

    return save


@pytest.fixture
def page_resources(atelier_env, monkeypatch):
    """For AppTests of the photos page: st.cache_resource lives for the whole process, so each test gets the store
    and queue of its own data dir; the script only runs (no embedded worker)."""
    from pipelines.config import ROOT
    from ui.runtime import get_queue, get_store

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")  # AppTest runs the script only
    monkeypatch.chdir(ROOT)
    get_store.clear()
    get_queue.clear()
    yield
    get_store.clear()
    get_queue.clear()


@pytest.fixture(autouse=True)
def pytorch_photo_models(monkeypatch):
    """The photo tests run the models on PyTorch (the reference path and the fallback); the OpenVINO
    runner's tests (test_openvino_photo.py) turn it back on."""
    monkeypatch.setenv("ATELIER_ENGINE", "pytorch")
