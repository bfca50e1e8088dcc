"""The photo backends as the app runs them, PyTorch against the OpenVINO runner: `python -m bench.photo_engines`.

    .venv/bin/python -m bench.photo_engines                        # Real-ESRGAN general-x4v3, 3 rounds
    .venv/bin/python -m bench.photo_engines --only realesr-general-x4v3,gfpgan-1.4 --rounds 5 --f32
    .venv/bin/python -m bench.photo_engines --only lama --rounds 1   # a 12 MP scan: minutes per round
    .venv/bin/python -m bench.photo_engines --only lama --rounds 1 --scan 1200x900   # quicker, denser marks
    .venv/bin/python -m bench.photo_engines --only lama --rounds 1 --openvino-only    # LaMa as the app runs it

Each model is the real architecture with random weights in its release format
(tests/fixtures/models_photo.py), installed in a temporary data dir through `models import`, and
run through its backend: Real-ESRGAN on a 512x512 photo (4 tiles of 256 px: the runner's 288 px
windows, PyTorch's tiles with their borders), GFPGAN on one aligned 512 px face (_restore_face),
LaMa on a 12 MP scan (astronaut enlarged to 4000 x 3000) with the scratches, cracks, dust and hairs
of bench/_photo_damage.age (seed 11) as its mask: PyTorch fills crops of any size around each
region (inpaint.by_regions), OpenVINO square windows of inpaint.SIZES (inpaint.by_windows). LaMa's
random weights have their last convolution spread (tests/fixtures/models_lama.py) so that the output spans
[0, 1] like a trained model's and the agreement figures mean something; each window side is also
timed alone (torch module against the compiled size, same input) with its agreement on the masked
pixels (PSNR, max difference). Memory: the largest rise of the process's resident memory during
one call, and the process's peak (sampled every 20 ms; both engines are loaded in the process).
Two instances of the same backend are loaded, one with `engine = pytorch`, one with OpenVINO at
this CPU's precision (bf16 with AMX or AVX512-BF16, else f32; --f32 forces f32); the first
OpenVINO load converts (reported apart; LaMa converts at its first call). Timings are medians of
interleaved calls (torch, OpenVINO, torch, ...) after one warm-up call each (LaMa: OpenVINO only,
torch's first timed call gives its output); the error is the largest and the mean absolute
difference of the [0, 1] outputs (LaMa: of the masked pixels). The load average is printed before
and after.

`--openvino-only` (LaMa): the app's engine alone on the scan, as a patron's 12 MP scan goes through it: a
warm-up on a 1200 x 900 scan (conversion and the window sides it needs compiled), then `--rounds` timed
calls on the scan, with the time, the windows compiled during the timed calls, and the process's peak memory.
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
    from pipelines.photo.backends import LamaRepair, RealESRGANUpscale
    from pipelines.photo.faces import GFPGANFaces

    os.environ["ATELIER_ENGINE"] = engine
    config.reset_settings()
    backend = {"realesr-general-x4v3": RealESRGANUpscale, "gfpgan-1.4": GFPGANFaces, "lama": LamaRepair}[model_id]()
    started = time.perf_counter()
    backend.ensure_loaded()
    return backend, time.perf_counter() - started


def _call(model_id: str, backend, rgb):
    from pipelines.photo.contract import PhotoRequest

    if model_id == "gfpgan-1.4":
        return backend._restore_face(rgb, 0.5)
    if model_id == "lama":
        return backend(PhotoRequest(rgb[0], mask=rgb[1])).image
    return backend(PhotoRequest(rgb, scale=4)).image


class PeakMemory:
    """This process's resident memory while the block runs, sampled every 20 ms: ``peak`` is its largest rise
    (bytes) over the start, ``top`` its largest value (bytes; what was allocated before, e.g. compiled
    models, counts in ``top`` only)."""

    def __enter__(self):
        import threading

        import psutil

        self.process, self.peak, self.done = psutil.Process(), 0, threading.Event()
        self.base = self.top = self.process.memory_info().rss

        def sample():
            while not self.done.wait(0.02):
                self.top = max(self.top, self.process.memory_info().rss)
                self.peak = self.top - self.base

        self.thread = threading.Thread(target=sample, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()
        self.top = max(self.top, self.process.memory_info().rss)
        self.peak = self.top - self.base


def _scan(size: tuple[int, int] = (4000, 3000)):
    """A scan (12 MP: 4000 x 3000 by default) with old-print marks, and the marks as the mask LaMa fills."""
    import cv2
    import skimage.data

    from bench._photo_damage import age

    rgb = cv2.resize(skimage.data.astronaut(), size, interpolation=cv2.INTER_CUBIC).astype(np.float32) / 255
    aged = age(rgb, 11, kinds=("scratches", "cracks", "dust", "hairs"))
    return aged.image, aged.marks


def _lama_openvino_only(scan, rounds: int) -> None:
    """LaMa through the app's OpenVINO engine alone: a warm-up on a small scan, then timed calls on `scan`."""
    backend, load = _backend("lama", "auto")
    started = time.perf_counter()
    _call("lama", backend, _scan((1200, 900)))
    print(f"lama: warm-up on a 1200x900 scan {time.perf_counter() - started:.1f} s (load {load:.1f} s)", flush=True)
    runner = backend.runner
    if runner is None:
        print(f"lama: OpenVINO not used: {backend.engine_failed or 'see engine_reason'}")
        return
    times, compiled = [], runner.compile_s
    with PeakMemory() as memory:
        for _ in range(rounds):
            started = time.perf_counter()
            _call("lama", backend, scan)
            times.append(time.perf_counter() - started)
    print(f"lama: {runner.made_by} on the scan {statistics.median(times):.1f} s (median of {rounds}; "
          f"{runner.compile_s - compiled:.1f} s of it compiling window sides not met in the warm-up); "
          f"peak memory {memory.top / 2**20:.0f} MB (rise during the calls {memory.peak / 2**20:.0f} MB)", flush=True)


def _lama_sizes(torch_backend, runner, rounds: int) -> None:
    """Each window side alone: the torch module against OpenVINO on the same window, interleaved."""
    import skimage.data
    import torch

    from pipelines.photo.inpaint import SIZES

    photo = skimage.data.astronaut().astype(np.float32) / 255
    for side in SIZES:
        window = photo[:side, :side].transpose(2, 0, 1)[None].copy()
        hole = np.zeros((1, 1, side, side), np.float32)
        hole[..., side // 4:side // 4 + max(4, side // 16), side // 8:-(side // 8)] = 1  # a scratch
        hole[..., side // 2:side // 2 + 8, side // 2:side // 2 + 8] = 1  # a speck
        times: dict[str, list[float]] = {"torch": [], "openvino": []}
        with torch.inference_mode():
            args = (torch.from_numpy(window), torch.from_numpy(hole))
            reference = torch_backend.model.model(*args).clamp(0, 1).numpy()
            ov = runner(window, hole).clip(0, 1)
            for _ in range(rounds):
                started = time.perf_counter()
                torch_backend.model.model(*args)
                times["torch"].append(time.perf_counter() - started)
                started = time.perf_counter()
                runner(window, hole)
                times["openvino"].append(time.perf_counter() - started)
        masked = np.broadcast_to(hole > 0, reference.shape)
        diff = (ov - reference)[masked]
        psnr = 10 * np.log10(1 / max(float((diff ** 2).mean()), 1e-12))
        t, o = statistics.median(times["torch"]), statistics.median(times["openvino"])
        print(f"  lama window {side:>3} px: torch fp32 {t:.3f} s, {runner.made_by} {o:.3f} s, ratio {t / o:.2f}x; "
              f"masked PSNR {psnr:.1f} dB, max |diff| {np.abs(diff).max():.4f} "
              f"(output spread {reference[masked].std():.3f})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="realesr-general-x4v3")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--f32", action="store_true")
    parser.add_argument("--scan", default="4000x3000", help="LaMa's scan, width x height (12 MP by default)")
    parser.add_argument("--openvino-only", action="store_true", help="LaMa: the OpenVINO engine alone, timed")
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
    astronaut = skimage.data.astronaut()[:512, :512].astype(np.float32) / 255.0
    for model_id in args.only.split(","):
        rgb = astronaut
        if model_id == "lama":
            from pipelines.photo.inpaint import windows
            from tests.fixtures.models_lama import build_spread_lama

            install_as_model(model_id, build_spread_lama(tmp / "releases" / "lama-spread"))
            rgb = _scan(tuple(int(n) for n in args.scan.split("x")))
            sides = [w["size"] for w in windows(rgb[1])]
            print(f"lama: {args.scan} scan, {rgb[1].mean() * 100:.2f} % of pixels masked, "
                  f"{len(sides)} OpenVINO windows "
                  f"({', '.join(f'{sides.count(s)} x {s}' for s in sorted(set(sides)))})", flush=True)
            if args.openvino_only:
                _lama_openvino_only(rgb, args.rounds)
                continue
        else:
            install_as_model(model_id, build_release(model_id, tmp / "releases"))
        if model_id == "gfpgan-1.4":
            install_as_model("facexlib", build_release("facexlib", tmp / "releases"))
        torch_backend, torch_load = _backend(model_id, "pytorch")
        ov_backend, ov_load = _backend(model_id, "auto")
        if ov_backend.runner is None and model_id != "lama":  # LaMa converts at its first call
            print(f"{model_id}: OpenVINO not used: {ov_backend.engine_failed or 'see engine_reason'}")
            continue
        times: dict[str, list[float]] = {"torch": [], "openvino": []}
        peaks: dict[str, int] = {"torch": 0, "openvino": 0}
        tops: dict[str, int] = {"torch": 0, "openvino": 0}
        outputs = {}
        started = time.perf_counter()
        outputs["openvino"] = _call(model_id, ov_backend, rgb)  # warm-up (LaMa: converts and compiles here)
        first = time.perf_counter() - started
        if model_id != "lama":  # a 12 MP LaMa call takes minutes in torch: its first timed call is its output
            outputs["torch"] = _call(model_id, torch_backend, rgb)
        if ov_backend.runner is None:
            print(f"{model_id}: OpenVINO not used: {ov_backend.engine_failed or 'see engine_reason'}")
            continue
        for _ in range(args.rounds):
            for name, backend in (("torch", torch_backend), ("openvino", ov_backend)):
                started = time.perf_counter()
                with PeakMemory() as memory:
                    outputs[name] = _call(model_id, backend, rgb)
                times[name].append(time.perf_counter() - started)
                peaks[name] = max(peaks[name], memory.peak)
                tops[name] = max(tops[name], memory.top)
        t, o = statistics.median(times["torch"]), statistics.median(times["openvino"])
        diff = np.abs(outputs["torch"] - outputs["openvino"])
        if model_id == "lama":
            diff = diff[rgb[1]]  # only masked pixels change
        runner = ov_backend.runner
        print(f"{model_id}: torch fp32 {t:.3f} s, {ov_backend.made_by} {o:.3f} s, ratio {t / o:.2f}x; "
              f"max |diff| {diff.max():.4f}, mean {diff.mean():.5f}; "
              f"memory rise during a call torch {peaks['torch'] / 2**20:.0f} MB, "
              f"OpenVINO {peaks['openvino'] / 2**20:.0f} MB (process peak {tops['torch'] / 2**20:.0f} / "
              f"{tops['openvino'] / 2**20:.0f} MB, both engines loaded); convert {runner.converted_s:.1f} s, "
              f"compile {runner.compile_s:.1f} s, first call {first:.1f} s "
              f"(torch load {torch_load:.1f} s, OpenVINO load {ov_load:.1f} s)", flush=True)
        if model_id == "lama":
            _lama_sizes(torch_backend, runner, max(3, args.rounds))
    print(f"load average after {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)


if __name__ == "__main__":
    main()
