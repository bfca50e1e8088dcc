"""LaMa on the OpenVINO runner through the real path: big-lama.pt (the real FFC ResNet, random weights
with the last convolution spread so that its output spans [0, 1], TorchScript release layout)
installed like a library does, converted at its first repair to one IR with a free size, compiled
per window side, compared with PyTorch fp32 on the same windows and on the uncropped photo."""
from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("openvino")

from pipelines.i18n import UserError  # noqa: E402
from pipelines.models.manager import LOCK_NAME, ModelManager  # noqa: E402
from pipelines.photo import inpaint, openvino_runner  # noqa: E402
from pipelines.photo.backends import LamaRepair  # noqa: E402
from pipelines.photo.contract import PhotoRequest  # noqa: E402

from tests.fixtures.models_common import first_use_data_dir, flip_a_byte, install_as_model  # noqa: E402

from .conftest import photo  # noqa: E402

MODEL = "lama"
IR = openvino_runner.ir_paths(LamaRepair.file, LamaRepair.openvino_shape)


def _speck(shape) -> np.ndarray:
    mask = np.zeros(shape, bool)
    mask[30:36, 40:46] = True
    return mask


def _scratches(shape) -> np.ndarray:
    mask = np.zeros(shape, bool)
    mask[20:24, 10:60] = True  # a short scratch
    mask[60:66, 40:46] = True  # a speck
    return mask


def _torch(model, rgb: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """PyTorch fp32 on the whole picture at once (the module composites: unmasked pixels kept)."""
    import torch

    with torch.inference_mode():
        out = model(torch.from_numpy(rgb.transpose(2, 0, 1)[None].copy()),
                    torch.from_numpy(mask[None, None].astype(np.float32)))
    return out.clamp(0, 1)[0].numpy().transpose(1, 2, 0)


@pytest.fixture(scope="module")
def first_use(spread_lama_release, tmp_path_factory):
    """LaMa installed (no IR yet), then one repair on the OpenVINO runner in f32: the first repair
    converts (the slow part, once per module: about 10 s on an idle 2-core machine, a minute loaded)."""
    from pipelines import backends

    with first_use_data_dir(tmp_path_factory, "ov-lama", ATELIER_ENGINE_PRECISION="f32") as (data, _):
        install_as_model(MODEL, spread_lama_release)
        lock_before = json.loads((ModelManager().folder(MODEL) / LOCK_NAME).read_text())
        backend = backends.get("photo.repair.lama")
        rgb = photo("chelsea")[:80, :100]  # smaller than its window: mirrored up to it
        mask, messages = _scratches(rgb.shape[:2]), []
        out = backend(PhotoRequest(rgb, mask=mask, progress=lambda f, m: messages.append(m))).image
    return {"models": data / "models", "rgb": rgb, "mask": mask, "out": out, "backend": backend,
            "messages": messages, "lock_before": lock_before}


@pytest.fixture
def converted(first_use, shared_models, openvino_f32, fresh_backends):
    """The installed, converted model in this test's data dir (shared, not copied), OpenVINO on, f32;
    the compiled sizes too, as a later process finds them (compiling is not what these tests check)."""
    return shared_models(first_use["models"], MODEL, data_dirs=("cache",))


def test_first_repair_converts_records_the_file_and_matches_pytorch(first_use):
    backend, rgb, mask, out = first_use["backend"], first_use["rgb"], first_use["mask"], first_use["out"]
    assert "derived" not in first_use["lock_before"]  # nothing converted at install
    runner = backend.runner
    assert backend.made_by == "openvino f32" and runner.converted_s > 0
    assert first_use["messages"][0] == "photo.engine_progress.convert"  # the patron is told, then the repair
    lock = json.loads((first_use["models"] / MODEL / LOCK_NAME).read_text())
    assert set(IR) <= set(lock["derived"]) and "convert_model" in lock["derived"][IR[0]]["made_by"]
    # the scratch: a 128 px window (50 px and 32 px of context each side), the 80 x 100 picture mirrored
    # up to it; the speck: a 96 px window, the picture's first 96 columns, its rows mirrored
    assert set(runner.compiled) == {((1, 3, s, s), (1, 1, s, s)) for s in (96, 128)}
    assert np.array_equal(out[~mask], rgb[~mask])
    scratch, speck = mask.copy(), mask.copy()
    scratch[40:], speck[:40] = False, False
    for part, side in ((scratch, 128), (speck, 96)):  # each window holds all the marks inside it
        cols = min(100, side)
        window = np.pad(rgb[:, :cols], ((0, side - 80), (0, side - cols), (0, 0)), mode="symmetric")
        reference = _torch(backend.model.model, window,
                           np.pad(mask[:, :cols], ((0, side - 80), (0, side - cols))))[:80, :cols]
        here = part[:, :cols]
        assert reference[here].std() > 0.1  # the spread model: a comparison that can fail
        assert np.abs(out[:, :cols][here] - reference[here]).max() < 1e-3

def test_windows_and_blended_cells_give_the_uncropped_result(converted, fresh_backends):
    """A scratch longer than the window is cut into overlapping cells blended together: within
    tolerance of LaMa on the whole picture (the FFC's global context differs a little per window)."""
    backend = fresh_backends.get("photo.repair.lama").ensure_loaded()
    rgb = photo("astronaut")[100:196, 40:240]
    mask = np.zeros(rgb.shape[:2], bool)
    mask[50:53, 20:180] = True  # 160 px: three 72 px cores (96 px windows) overlapping by 16 px, blended
    mask[20:24, 100:104] = True  # a speck: one 64 px window
    sizes, context, overlap = (64, 96), 12, 16
    cells = inpaint.windows(mask, sizes, context, overlap)
    assert sorted(item["size"] for item in cells) == [64, 96, 96, 96]
    covered = np.zeros_like(mask)
    for item in cells:
        y0, y1, x0, x1 = item["core"]
        assert max(y1 - y0, x1 - x0) + 2 * context <= item["size"]
        covered[y0:y1, x0:x1] |= item["here"]
    assert np.array_equal(covered, mask)
    runner = openvino_runner.load(MODEL, LamaRepair.file, backend.model.model, LamaRepair.openvino_shape,
                                  more=((1, 1, -1, -1),))
    assert runner.converted_s == 0

    def run(crops, masks):
        return np.stack([runner(c.transpose(2, 0, 1)[None], m[None, None].astype(np.float32))[0]
                         for c, m in zip(crops, masks)]).clip(0, 1).transpose(0, 2, 3, 1)

    out = inpaint.by_windows(rgb, mask, run, sizes, context, overlap)
    assert set(runner.compiled) == {((1, 3, s, s), (1, 1, s, s)) for s in sizes}
    whole = _torch(backend.model.model, rgb, mask)
    assert np.array_equal(out[~mask], rgb[~mask])
    diff = np.abs(out - whole)[mask]
    spread = np.abs(rgb - whole)[mask].mean()  # how far LaMa's fill is from the photo
    assert diff.mean() < 0.2 * spread, (diff.mean(), spread)


def test_a_later_process_converts_nothing_and_loads_compiled_sizes_from_the_cache(converted, fresh_backends):
    """This test's process finds the IR and the compiled sizes the first repair left (copied by `converted`)."""
    rgb, mask, messages = photo("coffee")[:64, :90], _speck((64, 90)), []
    backend = fresh_backends.get("photo.repair.lama")
    backend(PhotoRequest(rgb, mask=mask, progress=lambda f, m: messages.append(m)))
    assert backend.runner.converted_s == 0 and backend.made_by == "openvino f32"
    assert backend.runner.from_cache and "photo.engine_progress.convert" not in messages


def test_a_changed_converted_file_is_refused(converted, fresh_backends):
    flip_a_byte(converted.folder(MODEL) / IR[1])
    rgb = photo("coffee")[:64, :90]
    with pytest.raises(UserError) as caught:
        fresh_backends.get("photo.repair.lama")(PhotoRequest(rgb, mask=_speck((64, 90))))
    assert caught.value.key == "errors.model_corrupt" and IR[1] in str(caught.value.params)


def test_pytorch_when_asked_and_the_job_says_which_engine(converted, fresh_backends, monkeypatch, save_photo):
    from pipelines import config
    from pipelines.photo.chain import RestoreRequest, restore

    rgb = photo("coffee")[:64, :90]
    mask_path = save_photo(np.repeat(_speck((64, 90))[..., None], 3, axis=2).astype(np.float32), "mask.png")
    ask = RestoreRequest(steps=["repair"], engines={"repair": "photo.repair.lama"}, mask_path=str(mask_path))
    assert restore(rgb, ask).engines == {"photo.repair.lama": "openvino f32"}
    monkeypatch.setenv("ATELIER_ENGINE", "pytorch")
    config.reset_settings()
    fresh_backends._instances.clear()
    assert restore(rgb, ask).engines == {"photo.repair.lama": "torch"}
