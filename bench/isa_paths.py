"""This machine's instruction sets against a library laptop's: `python -m bench.isa_paths [--rounds N] [--only ...]`.

The figures of the other benches are taken on this machine's CPU (AVX-512 with VNNI; on some days AVX512-BF16 and
AMX too). A library's laptop has AVX2 at best. Every library the studio computes with picks its kernels at run time
from the CPU's instruction sets, and each one can be told to stop at AVX2 (`LAPTOP`): oneDNN (PyTorch's and
OpenVINO's convolutions) by ONEDNN_MAX_CPU_ISA, OpenVINO's own kernels by OV_CPU_MAX_ISA, PyTorch's ATen kernels by
ATEN_CPU_CAPABILITY, MKL by MKL_ENABLE_INSTRUCTIONS, OpenBLAS (NumPy's matrix products) by OPENBLAS_CORETYPE, NumPy's
own loops by NPY_DISABLE_CPU_FEATURES and OpenCV's by OPENCV_CPU_DISABLE. The same work then runs in a fresh process
under each environment, the two alternating round after round (a busy machine slows both alike), and each figure is
a median over rounds; the ratio laptop / this CPU is the figure to read, the seconds only beside the load average.
A cap cannot take away what the laptop lacks besides instruction sets (its clock, memory bandwidth, cache): the
laptop column is this machine's cores running AVX2 code, a lower bound of a laptop's time only in that sense.

Work measured (`--only`, comma-separated):
- photo: the 12 MP aged scan of bench/photo.py (grace_hopper enlarged to 4000x3000 and aged) through the CPU chain
  (repair+tone+denoise, as the chain judges it), seconds and peak RSS;
- models: LaMa on one 512² crop and Real-ESRGAN general-x4v3 on one 256 px tile (real architectures, random weights,
  read by spandrel as the app reads them: bench/openvino_models.py's cases), PyTorch fp32 and OpenVINO at this CPU's
  precision (f32 without bf16 units, and always under the cap), each a median of 3 calls after a warm-up.
Each process also prints what it ran on: PyTorch's ATen capability (torch.backends.cpu.get_cpu_capability()),
NumPy's SIMD extensions found, OpenCV's features line and OpenVINO's kernel names for the convolutions (primitiveType
in the compiled model's runtime graph), so a cap that did not take is seen.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAPTOP = {"ONEDNN_MAX_CPU_ISA": "AVX2", "OV_CPU_MAX_ISA": "AVX2", "ATEN_CPU_CAPABILITY": "avx2",
          "MKL_ENABLE_INSTRUCTIONS": "AVX2", "OPENBLAS_CORETYPE": "Haswell",
          "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR", "OPENCV_CPU_DISABLE": "AVX512-SKX"}
ENVIRONMENTS = {"this CPU": {}, "AVX2 laptop": LAPTOP}
WORK = ("photo", "models")


def _ran_on() -> dict:
    """What this process's libraries dispatch to (see the module's docstring)."""
    import cv2
    import numpy as np
    import torch

    simd = np._core._multiarray_umath
    return {"torch": torch.backends.cpu.get_cpu_capability(),
            "numpy": " ".join(f for f in simd.__cpu_dispatch__ if simd.__cpu_features__[f]),
            "opencv": cv2.getCPUFeaturesLine().split()[-1]}


def _photo_child(path: str) -> None:
    """Child process: the 12 MP aged scan (a .npy) through the CPU chain; prints one JSON line."""
    import numpy as np

    from bench.photo import STEPS, _peak_mib
    from pipelines.photo.chain import RestoreRequest, restore

    aged = np.load(path)
    start = time.perf_counter()
    restore(aged, RestoreRequest(steps=STEPS))
    print("RESULT " + json.dumps({"photo 12 MP chain": time.perf_counter() - start, "peak MiB": _peak_mib(),
                                  **_ran_on()}), flush=True)


def _models_child() -> None:
    """Child process: LaMa and Real-ESRGAN general-x4v3, PyTorch fp32 and OpenVINO; prints one JSON line."""
    import io
    from contextlib import redirect_stdout

    import openvino as ov

    from bench import openvino_models

    kernels = set()
    compile_model = ov.Core.compile_model

    def noting(core, model, *args, **kwargs):  # the convolutions' kernels, read off each compiled model
        compiled = compile_model(core, model, *args, **kwargs)
        for op in compiled.get_runtime_model().get_ops():
            info = op.get_rt_info()
            if info["layerType"].astype(str) == "Convolution":
                kernels.add(info["primitiveType"].astype(str))
        return compiled

    ov.Core.compile_model = noting
    with redirect_stdout(io.StringIO()):  # its own table is not this bench's
        rows = openvino_models.run(3, {"lama", "realesrgan"}, f32=False)
    result = {f"{r['model'].split(' (')[0]} {r['engine']}": r["seconds"] for r in rows
              if "seconds" in r and "x4plus" not in r["model"]}
    print("RESULT " + json.dumps({**result, "openvino kernels": " ".join(sorted(kernels))[:80], **_ran_on()}),
          flush=True)


def _child(call: str, env: dict) -> dict:
    function = call.split("(", 1)[0]
    done = subprocess.run([sys.executable, "-c", f"from bench.isa_paths import {function}; {call}"], cwd=ROOT,
                          env={**os.environ, **env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"{call} failed:\n{done.stderr[-2000:]}")
    return json.loads(line[len("RESULT "):])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds, each environment once per round (medians)")
    parser.add_argument("--only", default=",".join(WORK), help=f"comma-separated, among {', '.join(WORK)}")
    args = parser.parse_args()
    only = args.only.split(",")
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    runs: dict[str, list[dict]] = {name: [] for name in ENVIRONMENTS}
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "aged-12mp.npy")
        if "photo" in only:
            from bench.photo import _aged_12mp

            _aged_12mp(path)
        for round_ in range(args.rounds):
            for name, env in ENVIRONMENTS.items():
                result = {}
                if "photo" in only:
                    result.update(_child(f"_photo_child({path!r})", env))
                if "models" in only:
                    result.update(_child("_models_child()", env))
                runs[name].append(result)
                print(f"round {round_ + 1} {name}: " + json.dumps(result), file=sys.stderr, flush=True)
    print(f"{args.rounds} rounds, environments alternating; load average before {load}, after "
          + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    first = runs["this CPU"][0]
    for key in [k for k, v in first.items() if isinstance(v, str)]:
        print(f"{key:22} " + " | ".join(f"{name}: {runs[name][0][key]}" for name in ENVIRONMENTS))
    print(f"{'median seconds':40} {'this CPU':>10} {'AVX2 laptop':>12} {'laptop / this CPU':>18}")
    for key in [k for k, v in first.items() if not isinstance(v, str)]:
        here, laptop = (statistics.median(r[key] for r in runs[name]) for name in ENVIRONMENTS)
        unit = "" if key == "peak MiB" else "s"
        print(f"{key:40} {here:9.2f}{unit:1} {laptop:11.2f}{unit:1} {laptop / here:17.2f}x")


if __name__ == "__main__":
    main()
