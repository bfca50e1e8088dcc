"""The photo backends as the app runs them, PyTorch against the OpenVINO runner: `python -m bench.photo_engines`.

    .venv/bin/python -m bench.photo_engines                        # Real-ESRGAN general-x4v3, 3 rounds
    .venv/bin/python -m bench.photo_engines --only realesr-general-x4v3,gfpgan-1.4 --rounds 5 --f32

Each model is the real architecture with random weights in its release format
(tests/fixtures/models_photo.py), installed in a temporary data dir through `models import`, and
run through its backend: Real-ESRGAN on a 512x512 photo (4 tiles of 256 px: the runner's 288 px
windows, PyTorch's tiles with their borders), GFPGAN on one aligned 512 px face (_restore_face).
Two instances of the same backend are loaded, one with `engine = pytorch`, one with OpenVINO at
this CPU's precision (bf16 with AMX or AVX512-BF16, else f32; --f32 forces f32); the first
OpenVINO load converts (reported apart). Timings are medians of interleaved calls (torch,
OpenVINO, torch, ...) after one warm-up call each; the error is the largest and the mean absolute
difference of the [0, 1] outputs. The load average is printed before and after.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def _backend(model_id: str, engine: str):
    from pipelines import config
    from pipelines.photo.backends import RealESRGANUpscale
    from pipelines.photo.faces import GFPGANFaces

    os.environ["ATELIER_ENGINE"] = engine
    config.reset_settings()
    backend = {"realesr-general-x4v3": RealESRGANUpscale, "gfpgan-1.4": GFPGANFaces}[model_id]()
    started = time.perf_counter()
    backend.ensure_loaded()
    return backend, time.perf_counter() - started


def _call(model_id: str, backend, rgb):
    from pipelines.photo.contract import PhotoRequest

    if model_id == "gfpgan-1.4":
        return backend._restore_face(rgb, 0.5)
    return backend(PhotoRequest(rgb, scale=4)).image


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="realesr-general-x4v3")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--f32", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import skimage.data

    from pipelines import config
    from tests.fixtures.models_common import install_as_model
    from tests.fixtures.models_photo import build_release

    tmp = Path(tempfile.mkdtemp(prefix="atelier-photo-engines-"))
    os.environ["ATELIER_DATA_DIR"] = str(tmp / "data")
    os.environ.pop("ATELIER_MODELS_DIR", None)
    if args.f32:
        os.environ["ATELIER_ENGINE_PRECISION"] = "f32"
    config.reset_settings()
    print(f"load average before {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    rgb = skimage.data.astronaut()[:512, :512].astype(np.float32) / 255.0
    for model_id in args.only.split(","):
        install_as_model(model_id, build_release(model_id, tmp / "releases"))
        if model_id == "gfpgan-1.4":
            install_as_model("facexlib", build_release("facexlib", tmp / "releases"))
        torch_backend, torch_load = _backend(model_id, "pytorch")
        ov_backend, ov_load = _backend(model_id, "auto")
        if ov_backend.runner is None:
            print(f"{model_id}: OpenVINO not used: {ov_backend.engine_failed or 'see engine_reason'}")
            continue
        times: dict[str, list[float]] = {"torch": [], "openvino": []}
        outputs = {}
        for name, backend in (("torch", torch_backend), ("openvino", ov_backend)):
            outputs[name] = _call(model_id, backend, rgb)  # warm-up
        for _ in range(args.rounds):
            for name, backend in (("torch", torch_backend), ("openvino", ov_backend)):
                started = time.perf_counter()
                _call(model_id, backend, rgb)
                times[name].append(time.perf_counter() - started)
        t, o = statistics.median(times["torch"]), statistics.median(times["openvino"])
        diff = np.abs(outputs["torch"] - outputs["openvino"])
        runner = ov_backend.runner
        print(f"{model_id}: torch fp32 {t:.3f} s, {ov_backend.made_by} {o:.3f} s, ratio {t / o:.2f}x; "
              f"max |diff| {diff.max():.4f}, mean {diff.mean():.5f}; convert {runner.converted_s:.1f} s, "
              f"compile {runner.compile_s:.1f} s (torch load {torch_load:.1f} s, OpenVINO load {ov_load:.1f} s)",
              flush=True)
    print(f"load average after {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)


if __name__ == "__main__":
    main()
