"""The photo models in PyTorch against OpenVINO: `python -m bench.openvino_models [--repeat N]`.

Each model is the real architecture with random weights, written in its release format and read
by spandrel as the app reads it (tests/fixtures/models_photo.py), called with the input the app
gives it: LaMa 512² picture + mask, Real-ESRGAN one 256 px tile with its 16 px borders, GFPGAN
one aligned 512² face (signed range), DDColor the L plane at its input size. OpenVINO converts the
same module (ov.convert_model, traced on that input) and runs it at this CPU's precision (bf16
with AMX or AVX512-BF16, else f32) and at f32. Timings are medians of interleaved calls (torch,
OpenVINO, OpenVINO f32, again ...) after one warm-up call each; the error is the relative L2
error of the output against PyTorch fp32. Conversion and compile are reported apart.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cases(releases: Path):
    """(name, torch module, example inputs, megapixels of output) for each photo model."""
    import torch

    sys.path.insert(0, str(ROOT))
    from pipelines.photo.backends import _load_spandrel
    from tests.fixtures.models_photo import RELEASE_FILES, build_release

    class Call(torch.nn.Module):
        def __init__(self, inner, fn):
            super().__init__()
            self.inner, self.fn = inner, fn

        def forward(self, *xs):
            return self.fn(self.inner, *xs)

    def load(model_id: str, extra: bool = False):
        return _load_spandrel(build_release(model_id, releases) / RELEASE_FILES[model_id], extra=extra)

    g = torch.Generator().manual_seed(0)
    lama = load("lama")
    mask = torch.zeros(1, 1, 512, 512)
    mask[..., 170:178, 40:472] = 1
    yield "LaMa (inpainting)", Call(lama.model, lambda m, x, k: m(x, k)), (torch.rand(1, 3, 512, 512, generator=g),
                                                                           mask), 512 * 512 / 1e6
    for model_id in ("realesr-general-x4v3", "realesrgan-x4plus"):
        up = load(model_id)
        yield (f"Real-ESRGAN {model_id.split('-', 1)[1]}", Call(up.model, lambda m, x: m(x)),
               (torch.rand(1, 3, 288, 288, generator=g),), (288 * 4) ** 2 / 1e6)
    gfpgan = load("gfpgan-1.4")
    yield ("GFPGAN 1.4 (512² face)", Call(gfpgan.model, lambda m, x: m(x * 2 - 1, return_rgb=False)[0]),
           (torch.rand(1, 3, 512, 512, generator=g),), 512 * 512 / 1e6)
    ddcolor = load("ddcolor-tiny", extra=True)
    side = max(ddcolor.model.input_size)
    yield (f"DDColor tiny ({side}² L plane)", Call(ddcolor.model, lambda m, x: m(x.repeat(1, 3, 1, 1))),
           (torch.rand(1, 1, side, side, generator=g),), side * side / 1e6)


def run(repeat: int) -> list[dict]:
    import numpy as np
    import openvino as ov
    import torch

    from pipelines.imagegen.openvino_engine import cpu_precision
    from pipelines.imagegen.speed import configure_threads

    configure_threads()
    core = ov.Core()
    rows = []
    releases = Path(tempfile.mkdtemp(prefix="photo-releases-"))
    for name, module, inputs, mp in _cases(releases):
        print(f"  {name} ...", file=sys.stderr, flush=True)
        module.eval()
        started = time.perf_counter()
        with torch.no_grad():
            ov_model = ov.convert_model(module, example_input=inputs)
        convert_s = time.perf_counter() - started
        compiled, compile_s = {}, {}
        for precision in dict.fromkeys((cpu_precision(), "f32")):
            started = time.perf_counter()
            compiled[precision] = core.compile_model(ov_model, "CPU", {"INFERENCE_PRECISION_HINT": precision,
                                                                        "PERFORMANCE_HINT": "LATENCY"})
            compile_s[precision] = time.perf_counter() - started
        arrays = [x.numpy() for x in inputs]

        def torch_call():
            with torch.inference_mode():
                return module(*inputs).float().numpy()

        calls = {"torch fp32": torch_call}
        for precision, model in compiled.items():
            calls[f"openvino {precision}"] = lambda model=model: model(arrays)[0]
        outputs = {k: fn() for k, fn in calls.items()}  # warm-up, and the outputs compared
        times: dict[str, list[float]] = {k: [] for k in calls}
        for _ in range(repeat):
            for key, fn in calls.items():
                begin = time.perf_counter()
                fn()
                times[key].append(time.perf_counter() - begin)
        ref = outputs["torch fp32"]
        for key in calls:
            err = float(np.linalg.norm(outputs[key] - ref) / max(np.linalg.norm(ref), 1e-12))
            rows.append({"model": name, "engine": key, "s_per_mp": statistics.median(times[key]) / mp,
                         "seconds": statistics.median(times[key]), "rel_error": err,
                         "convert_s": convert_s if key != "torch fp32" else 0.0,
                         "compile_s": compile_s.get(key.split()[-1], 0.0) if key != "torch fp32" else 0.0})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed calls per engine (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        os.environ["ATELIER_DATA_DIR"] = data
        from pipelines import config

        config.reset_settings()
        rows = run(args.repeat)
    import torch

    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; random weights; load average {load}")
    print(f"{'model':32} {'engine':16} {'s / call':>9} {'s / MP out':>11} {'vs torch':>9} {'rel. error':>11} "
          f"{'convert s':>10} {'compile s':>10}")
    base = {r["model"]: r["seconds"] for r in rows if r["engine"] == "torch fp32"}
    for r in rows:
        print(f"{r['model']:32} {r['engine']:16} {r['seconds']:9.3f} {r['s_per_mp']:11.3f} "
              f"{base[r['model']] / r['seconds']:8.2f}x {r['rel_error']:11.2e} {r['convert_s']:10.1f} "
              f"{r['compile_s']:10.1f}")


if __name__ == "__main__":
    main()
