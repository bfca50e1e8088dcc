"""GFPGAN through the OpenVINO runner: spandrel's own GFPGANv1Clean class (StyleGAN2 decoder with
SFT, the architecture of GFPGAN 1.4) at a small size, saved in the release's file format as the
installed gfpgan-1.4 weights, converted by the runner beside them and compared with PyTorch.

spandrel's loader always builds the 512 px, channel multiplier 2 network (its conversion takes
minutes); the runner takes any torch module, so the small network of the same class is handed to it
directly, wrapped like the app wraps the face model (a face in [0, 1] -> restored face in [-1, 1])."""
from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("openvino")

from pipelines.models.manager import LOCK_NAME, ModelManager  # noqa: E402
from pipelines.photo import openvino_runner  # noqa: E402
from pipelines.photo.faces import GFPGANFaces, _SignedFace  # noqa: E402

SIZE = 32
SHAPE = (1, 3, SIZE, SIZE)
# relative L2 error of the face against PyTorch fp32. f32: the runner stores the weights as fp16 in the IR
# (_save), which alone moves the face by about 0.1 %; bf16: the bench measured 1.3 % at 512 px.
F32_TOLERANCE, BF16_TOLERANCE = 0.005, 0.02


@pytest.fixture
def small_gfpgan(atelier_env, tmp_path, monkeypatch):
    """A small GFPGANv1Clean installed as gfpgan-1.4 ({'params_ema': state} in GFPGANv1.4.pth)."""
    import torch
    from spandrel.architectures.GFPGAN import GFPGAN

    from tests.fixtures.models_common import install_as_model

    torch.manual_seed(0)
    net = GFPGAN(out_size=SIZE, num_style_feat=32, channel_multiplier=1, decoder_load_path=None, fix_decoder=False,
                 num_mlp=2, input_is_latent=True, different_w=True, narrow=1 / 16, sft_half=True).eval()
    release = tmp_path / "gfpgan-release"
    release.mkdir()
    torch.save({"params_ema": net.state_dict()}, release / GFPGANFaces.file)
    install_as_model(GFPGANFaces.model_id, release)
    net.load_state_dict(torch.load(ModelManager().folder(GFPGANFaces.model_id) / GFPGANFaces.file)["params_ema"])
    monkeypatch.setenv("ATELIER_ENGINE_PRECISION", "f32")
    from pipelines import config

    config.reset_settings()
    return _SignedFace.build(net.eval())


def test_gfpgan_on_the_runner_matches_pytorch_and_is_recorded(small_gfpgan, monkeypatch):
    import torch

    from pipelines import config

    face = np.random.default_rng(0).random(SHAPE, dtype=np.float32)
    with torch.inference_mode():
        expected = small_gfpgan(torch.from_numpy(face)).numpy()
    runner = openvino_runner.load(GFPGANFaces.model_id, GFPGANFaces.file, small_gfpgan, SHAPE)
    assert runner.made_by == "openvino f32" and runner.converted_s > 0
    got = runner(face)
    assert got.shape == expected.shape == SHAPE and np.abs(expected).max() > 0.01
    error = np.linalg.norm(got - expected) / np.linalg.norm(expected)
    assert error < F32_TOLERANCE, error
    paths = openvino_runner.ir_paths(GFPGANFaces.file, SHAPE)
    lock = json.loads((ModelManager().folder(GFPGANFaces.model_id) / LOCK_NAME).read_text())
    assert set(paths) <= set(lock["derived"])
    # bf16 where this CPU computes it: the same file, within the stated tolerance
    from pipelines.imagegen.openvino_engine import cpu_precision

    if cpu_precision() == "bf16":
        monkeypatch.delenv("ATELIER_ENGINE_PRECISION")
        config.reset_settings()
        quick = openvino_runner.load(GFPGANFaces.model_id, GFPGANFaces.file, small_gfpgan, SHAPE)
        assert quick.made_by == "openvino bf16" and quick.converted_s == 0
        error = np.linalg.norm(quick(face) - expected) / np.linalg.norm(expected)
        assert error < BF16_TOLERANCE, error
