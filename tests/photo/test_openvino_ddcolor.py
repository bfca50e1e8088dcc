"""DDColor tiny through the OpenVINO runner, by the real path: the real DDColor class (ConvNeXt-T encoder,
multi-scale colour decoder, random weights) saved as the release's ddcolor_paper_tiny.pth, installed
like a library does, read by spandrel, converted at its first colourisation beside its weights (recorded
in the lock) and run in f32 even where the CPU has bf16 units (bf16 was measured 28.6 % off), compared
with the same colourisation on PyTorch.

The conversion of the 256 px model takes 10 to 25 s on 2 shared cores: it is done once for the module."""
from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("openvino")

from pipelines.models.manager import LOCK_NAME, ModelManager  # noqa: E402
from pipelines.photo import openvino_runner  # noqa: E402
from pipelines.photo.imaging import luma, rgb_to_lab  # noqa: E402

from tests.fixtures.models_common import first_use_data_dir, install_as_model  # noqa: E402

from .conftest import photo  # noqa: E402

MODEL, FILE, BACKEND = "ddcolor-tiny", "ddcolor_paper_tiny.pth", "photo.colorize.ddcolor"
IR = openvino_runner.ir_paths(FILE, (1, 1, 256, 256))
# f32 weights and f32 compute (bench: 6e-6 relative error on the a/b planes): equal up to float rounding,
# through the clipping to the RGB gamut and the cubic enlargement of the a/b planes. (The fp16 weights the
# other photo models keep in their IR moved these colours by up to the whole 0..1 range.)
MAX_DIFF, MEAN_DIFF = 1e-3, 1e-5


@pytest.fixture(scope="module")
def colorized(photo_release, tmp_path_factory):
    """One automatic colourisation (restore, step colorize) on OpenVINO (first use: converts), then the
    same on PyTorch (engine = pytorch), with fresh backends each time."""
    from pipelines import backends, config
    from pipelines.photo.chain import RestoreRequest, restore

    grey = np.repeat(luma(photo("astronaut"))[:, 40:440, None], 3, axis=2)  # 512 x 400, not the model's size
    out = {"grey": grey}
    # bf16 where the CPU has it: DDColor must still be f32
    with first_use_data_dir(tmp_path_factory, "ov-ddcolor", ATELIER_ENGINE_PRECISION="auto") as (_, mp):
        install_as_model(MODEL, photo_release(MODEL))
        out["lock_before"] = json.loads((ModelManager().folder(MODEL) / LOCK_NAME).read_text())
        out["openvino"] = restore(grey, RestoreRequest(steps=["colorize"], colorize="auto"))
        backend = backends.get(BACKEND)
        out["runner"], out["lock"] = backend.runner, json.loads((ModelManager().folder(MODEL) / LOCK_NAME)
                                                                .read_text())
        out["reason"] = openvino_runner.engine_reason()
        out["summary"] = openvino_runner.engine_summary()  # what doctor and the models page say
        mp.setenv("ATELIER_ENGINE", "pytorch")
        config.reset_settings()
        backends._instances.clear()
        out["torch"] = restore(grey, RestoreRequest(steps=["colorize"], colorize="auto"))
    return out


def test_first_use_converts_records_the_file_and_runs_f32(colorized):
    assert colorized["reason"] == ""  # OpenVINO may run here (a CPU with the package)
    assert "derived" not in colorized["lock_before"]  # nothing converted at install
    runner = colorized["runner"]
    assert runner is not None and runner.made_by == "openvino f32" and runner.converted_s > 0
    assert set(IR) <= set(colorized["lock"]["derived"])
    assert "convert_model" in colorized["lock"]["derived"][IR[0]]["made_by"]
    row = next(r for r in colorized["summary"] if r["model"] == MODEL)
    assert row["engine"] == "openvino" and row["precision"] == "f32" and row["converted"], row


def test_openvino_colours_match_pytorch_and_the_job_says_which_engine(colorized):
    ov, pt, grey = colorized["openvino"], colorized["torch"], colorized["grey"]
    assert ov.engines == {BACKEND: "openvino f32"} and pt.engines == {BACKEND: "torch"}
    assert ov.models == pt.models == [BACKEND] and ov.applied == ["colorize"]
    assert ov.image.shape == pt.image.shape == grey.shape
    # random weights push many colours out of the RGB gamut (clipped alike): the comparison must see
    # real colours, on the pixels neither engine clipped (over 10 % of them)
    in_gamut = np.all((pt.image > 0.002) & (pt.image < 0.998), axis=2)
    assert in_gamut.mean() > 0.1 and np.abs(rgb_to_lab(pt.image)[..., 1:]).mean() > 0.5
    diff = np.abs(ov.image - pt.image)
    assert diff.max() < MAX_DIFF and diff.mean() < MEAN_DIFF, (diff.max(), diff.mean())
    # the full-size lightness is kept on both engines
    assert np.abs(rgb_to_lab(ov.image)[..., 0] - rgb_to_lab(grey)[..., 0])[in_gamut].max() < 0.5
