"""The OpenVINO runner for photo models through the real path: Real-ESRGAN general-x4v3 (the real
SRVGGNetCompact architecture, random weights, release layout) installed like a library does,
converted at its first use beside its weights (recorded in the lock), compared with PyTorch."""
from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("openvino")

from pipelines.i18n import UserError  # noqa: E402
from pipelines.models.manager import LOCK_NAME, ModelManager  # noqa: E402
from pipelines.photo import openvino_runner  # noqa: E402
from pipelines.photo.contract import PhotoRequest  # noqa: E402

from tests.fixtures.models_common import first_use_data_dir, flip_a_byte, install_as_model  # noqa: E402

from .conftest import photo  # noqa: E402

MODEL, FILE = "realesr-general-x4v3", "realesr-general-x4v3.pth"
IR = openvino_runner.ir_paths(FILE, (1, 3, 288, 288))
# f32 in the tests: the OpenVINO result equals PyTorch's up to float rounding; the rest of the
# difference is the extra context the fixed-size windows see at the photo's right and bottom borders.
MAX_DIFF, MEAN_DIFF = 0.02, 1e-3


@pytest.fixture(scope="module")
def first_use(photo_release, tmp_path_factory):
    """general-x4v3 installed (no IR yet), then one enlargement on the OpenVINO runner in f32: the
    first use converts. Once per module (the conversion is the slow part)."""
    from pipelines import backends

    with first_use_data_dir(tmp_path_factory, "ov-photo", ATELIER_ENGINE_PRECISION="f32") as (data, _):
        install_as_model(MODEL, photo_release(MODEL))
        lock_before = json.loads((ModelManager().folder(MODEL) / LOCK_NAME).read_text())
        backend = backends.get("photo.upscale.realesrgan")
        rgb = photo("chelsea")[:300, :340]  # bigger than one tile both ways, not a multiple of it
        out = backend(PhotoRequest(rgb, scale=4)).image
    return {"models": data / "models", "rgb": rgb, "out": out, "runner": backend.runner, "made_by": backend.made_by,
            "model": backend.model, "lock_before": lock_before}


@pytest.fixture
def converted(first_use, shared_models, openvino_f32, fresh_backends):
    """The installed, converted model in this test's data dir (shared, not copied), OpenVINO on, f32."""
    return shared_models(first_use["models"], MODEL)


def test_first_use_converts_records_the_file_and_matches_pytorch(first_use):
    import torch

    from pipelines.photo.backends import _from_tensor, _to_tensor

    assert "derived" not in first_use["lock_before"]  # nothing converted at install
    runner = first_use["runner"]
    assert runner is not None and first_use["made_by"] == "openvino f32" and runner.converted_s > 0
    lock = json.loads((first_use["models"] / MODEL / LOCK_NAME).read_text())
    assert set(IR) <= set(lock["derived"]) and "convert_model" in lock["derived"][IR[0]]["made_by"]
    rgb, out = first_use["rgb"], first_use["out"]
    assert out.shape == (1200, 1360, 3)
    with torch.inference_mode():
        whole = np.clip(_from_tensor(first_use["model"](_to_tensor(rgb, "cpu"))), 0, 1)
    diff = np.abs(out - whole)
    assert diff.max() < MAX_DIFF and diff.mean() < MEAN_DIFF, (diff.max(), diff.mean())
    # one window alone, same input: equal to float rounding
    window = rgb[:288, :288].transpose(2, 0, 1)[None].copy()
    with torch.inference_mode():
        reference = first_use["model"].model(torch.from_numpy(window)).numpy()
    assert np.abs(runner(window) - reference).max() < 1e-4


def test_a_photo_smaller_than_the_window_is_mirrored_then_cut(converted, fresh_backends):
    backend = fresh_backends.get("photo.upscale.realesrgan")
    rgb = photo("coffee")[:40, :52]
    out = backend(PhotoRequest(rgb, scale=4)).image
    assert out.shape == (160, 208, 3) and backend.made_by == "openvino f32"
    import torch

    from pipelines.photo.backends import _from_tensor, _to_tensor

    with torch.inference_mode():
        whole = np.clip(_from_tensor(backend.model(_to_tensor(rgb, "cpu"))), 0, 1)
    inner = np.abs(out - whole)[:-16, :-16]  # away from the mirrored border
    assert inner.mean() < MEAN_DIFF, inner.mean()


def test_a_second_load_hits_the_compiled_model_cache_without_converting(converted, fresh_backends):
    backend = fresh_backends.get("photo.upscale.realesrgan")
    backend.ensure_loaded()
    assert backend.runner.converted_s == 0
    first = backend.runner.from_cache
    fresh_backends._instances.clear()
    again = fresh_backends.get("photo.upscale.realesrgan").ensure_loaded()
    assert again.runner.converted_s == 0 and again.runner.from_cache, first


def test_a_changed_converted_file_is_refused(converted, fresh_backends):
    flip_a_byte(converted.folder(MODEL) / IR[1])
    with pytest.raises(UserError) as caught:
        fresh_backends.get("photo.upscale.realesrgan").ensure_loaded()
    assert caught.value.key == "errors.model_corrupt" and IR[1] in str(caught.value.params)


def test_pytorch_when_asked_and_the_job_says_which_engine(converted, fresh_backends, monkeypatch, tmp_path):
    from pipelines import config
    from pipelines.photo.chain import RestoreRequest, restore

    rgb = photo("coffee")[:40, :52]
    outcome = restore(rgb, RestoreRequest(steps=["upscale"], scale=4,
                                          engines={"upscale": "photo.upscale.realesrgan"}))
    assert outcome.engines == {"photo.upscale.realesrgan": "openvino f32"}
    monkeypatch.setenv("ATELIER_ENGINE", "pytorch")
    config.reset_settings()
    fresh_backends._instances.clear()
    assert openvino_runner.engine_reason() == "setting"
    outcome = restore(rgb, RestoreRequest(steps=["upscale"], scale=4,
                                          engines={"upscale": "photo.upscale.realesrgan"}))
    assert outcome.engines == {"photo.upscale.realesrgan": "torch"}


def test_doctor_says_the_photo_engine(converted, capsys):
    from pipelines.doctor import cmd_doctor

    cmd_doctor(None)
    out = capsys.readouterr().out.splitlines()
    line = next(x for x in out if x.strip().startswith(MODEL) and "OpenVINO" in x)
    assert "OpenVINO f32" in line and ("engine_precision = f32" in line or "no bf16 units" in line), line
    assert "OpenVINO file ready" in line


def test_app_start_converts_nothing_and_the_models_page_says_the_engine(atelier_env, install_photo_model,
                                                                        monkeypatch, fresh_backends):
    """Starting the studio and opening the models page never converts: the OpenVINO file of a photo
    model is made at its first use."""
    from streamlit.testing.v1 import AppTest

    from pipelines import config
    from tests.conftest import ROOT, _clear_app_resources

    monkeypatch.delenv("ATELIER_ENGINE", raising=False)
    monkeypatch.setenv("ATELIER_ENGINE_PRECISION", "f32")  # the caption says why f32: the setting or the CPU
    config.reset_settings()
    folder = install_photo_model(MODEL)
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    monkeypatch.chdir(ROOT)
    _clear_app_resources()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not app.exception
    app.switch_page("pages/models.py").run()
    assert not app.exception
    texts = "\n".join(str(m.value) for m in list(app.markdown) + list(app.caption))
    precision = openvino_runner.precision()
    assert f"Moteur utilisé pour {MODEL} : OpenVINO (processeur), précision {precision}" in texts
    assert "Fichier OpenVINO : préparé à la première photo" in texts
    row = next(r for r in openvino_runner.engine_summary() if r["model"] == MODEL)
    if row["why"] == "engine_precision = f32":  # a CPU with bf16 units: the caption says the setting chose f32
        assert "Le réglage engine_precision = f32 est choisi" in texts and "n'a pas d'unités bf16" not in texts
    else:
        assert "Ce processeur n'a pas d'unités bf16 : précision f32." in texts
    assert not (folder / "openvino").exists()
    assert "derived" not in json.loads((folder / LOCK_NAME).read_text())
