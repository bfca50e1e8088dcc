"""OpenVINO runner for spandrel photo models on a CPU (Real-ESRGAN tiles, GFPGAN faces, LaMa windows,
DDColor's colourisation).

The PyTorch module spandrel loads from the verified weight file is converted once, on the first
use of the model (never at app start), to OpenVINO IR, saved beside the weights as
``<model folder>/openvino/<weight stem>-<H>x<W>.xml/.bin`` and recorded with its sha256 in the
model's lock file (``derived`` section, tied to the installed weights): a converted file that
changed is refused like a changed weight file, and a reinstalled weight file is converted again.
The upscalers (a 288 px tile) and GFPGAN (a 512 px face) have one static input shape (Runner).
LaMa gets one IR with a free height and width (``-HxW``; converting a static 512 px LaMa took 373 s
under load, the free-size IR 8 to 16 s), compiled as a static reshape for each of the few window
sides the inpainting uses (ShapedRunner, pipelines.photo.inpaint.SIZES).
The conversion, the precision (bf16 where the CPU has bf16 units, else f32) and the compiled-model
cache in the data dir are those of the picture engine (``pipelines.imagegen.openvino_engine``).

Measured with ``python -m bench.openvino_models`` and ``python -m bench.photo_engines`` (PyTorch
fp32 vs OpenVINO bf16, bench/out/): Real-ESRGAN general-x4v3 4.8x, x4plus 5.4x, GFPGAN 1.4 5.3x,
LaMa (bench/out/photo-engines-lama.txt) faster within tolerance; DDColor tiny in f32 only (its whole
call, grey picture in, RGB out: f32 9.3x with 6e-6 relative error, bf16 28.6 % off on random
weights, bench/out/openvino-models-ddcolor.txt). PyTorch stays the path on a
graphics card and the fallback when OpenVINO is missing or the conversion fails.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

import numpy as np

from ..config import settings

log = logging.getLogger(__name__)

TORCH = "torch"
REASONS = {  # engine_reason() -> the doctor's words
    "setting": "engine = pytorch in the settings", "gpu": "graphics card", "failed": "OpenVINO failed",
    "no_openvino": "the openvino package is not installed"}


def engine_reason(failed: str = "") -> str:
    """"" when the OpenVINO runner may run a photo model here, else why PyTorch does: "setting"
    (engine = pytorch), "failed" (``failed`` is the reason), "gpu" or "no_openvino"."""
    from ..device import probe
    from ..imagegen.openvino_engine import openvino_installed

    if settings().engine == "pytorch":
        return "setting"
    if failed:
        return "failed"
    if probe().kind != "cpu":
        return "gpu"
    if not openvino_installed():
        return "no_openvino"
    return ""


def precision() -> str:
    """'f32' when the settings ask for it (engine_precision = f32), else the CPU's ('bf16' or 'f32')."""
    from ..imagegen.openvino_engine import cpu_precision

    return "f32" if settings().engine_precision == "f32" else cpu_precision()


def ir_paths(weight_file: str, shape: tuple[int, ...]) -> list[str]:
    """The IR files (relative to the model folder) converted from a weight file for one input shape
    (``-1`` for a free height and width: ``<stem>-HxW.xml``)."""
    side = "HxW" if min(shape[-2:]) < 0 else f"{shape[-2]}x{shape[-1]}"
    stem = f"openvino/{Path(weight_file).stem}-{side}"
    return [f"{stem}.xml", f"{stem}.bin"]


class Runner:
    """One compiled OpenVINO model with a static input: ``runner(array) -> array`` (float32 NCHW).

    ``made_by`` is what the metadata records, e.g. "openvino bf16"; ``from_cache`` is True when
    OpenVINO loaded the compiled model from its cache (``LOADED_FROM_CACHE``)."""

    def __init__(self, compiled, precision: str, shape: tuple[int, ...], converted_s: float, compile_s: float):
        self.compiled = compiled
        self.request = compiled.create_infer_request()
        self.precision = precision
        self.shape = tuple(shape)
        self.converted_s = converted_s
        self.compile_s = compile_s

    @property
    def made_by(self) -> str:
        return f"openvino {self.precision}"

    @property
    def from_cache(self) -> bool:
        return bool(self.compiled.get_property("LOADED_FROM_CACHE"))

    def __call__(self, array: np.ndarray) -> np.ndarray:
        if tuple(array.shape) != self.shape:
            raise ValueError(f"this model was compiled for {self.shape}, not {tuple(array.shape)}.")
        self.request.infer({0: np.ascontiguousarray(array, dtype=np.float32)})
        return self.request.get_output_tensor(0).data.copy()


class ShapedRunner:
    """One OpenVINO IR with a free height and width, compiled once per input size it is given:
    ``runner(*arrays) -> array`` (float32 NCHW, batch 1). Each size is compiled as a static reshape
    (measured faster than the dynamic compiled model: LaMa 512 px bf16 1.1 s against 2.5 s) and kept
    in OpenVINO's compiled-model cache in the data dir, so later processes load it in about a second.
    Callers keep the sizes to a few (pipelines.photo.inpaint.SIZES)."""

    def __init__(self, model, precision: str, converted_s: float):
        self.model = model
        self.precision = precision
        self.converted_s = converted_s
        self.compile_s = 0.0
        self.compiled: dict[tuple, tuple] = {}  # input shapes -> (compiled model, infer request)

    made_by = Runner.made_by

    @property
    def from_cache(self) -> bool:
        return bool(self.compiled) and all(c.get_property("LOADED_FROM_CACHE") for c, _ in self.compiled.values())

    def request(self, shapes: tuple[tuple[int, ...], ...]):
        """The infer request compiled for these input shapes (compiled, or loaded from the cache, once)."""
        if shapes not in self.compiled:
            import openvino as ov

            from ..imagegen.openvino_engine import compile_config

            started = time.perf_counter()
            model = self.model.clone()
            model.reshape({n: ov.PartialShape(list(shape)) for n, shape in enumerate(shapes)})
            compiled = ov.Core().compile_model(model, "CPU", compile_config(self.precision))
            self.compiled[shapes] = (compiled, compiled.create_infer_request())
            self.compile_s += time.perf_counter() - started
        return self.compiled[shapes][1]

    def __call__(self, *arrays: np.ndarray) -> np.ndarray:
        request = self.request(tuple(tuple(a.shape) for a in arrays))
        request.infer({n: np.ascontiguousarray(a, dtype=np.float32) for n, a in enumerate(arrays)})
        return request.get_output_tensor(0).data.copy()


def _example(shape: tuple[int, ...]):
    """A tracing input for a shape (free sides traced at 64 px; one-channel inputs are masks)."""
    import torch

    sized = tuple(64 if d < 0 else d for d in shape)  # the trace keeps the sizes symbolic: small is quick
    if sized[1] != 1:
        return torch.rand(*sized)
    mask = torch.zeros(*sized)
    mask[..., sized[-2] // 4:sized[-2] // 2, sized[-1] // 8:-(sized[-1] // 8)] = 1
    return mask


def load(model_id: str, weight_file: str, module, shape: tuple[int, ...],
         more: tuple[tuple[int, ...], ...] = (), report=None, f32_only: bool = False):
    """The runner for ``module`` (the torch module spandrel built from ``<model folder>/<weight_file>``)
    with input ``shape`` (N, C, H, W) and the ``more`` inputs after it (LaMa: the mask, (1, 1, H, W)).
    Static sides give a Runner; -1 for the height and width gives a ShapedRunner (one IR for every
    size, converted in seconds where LaMa's static 512 px took minutes). Converts and records the IR
    the first time, calling ``report(message key)`` first when given; later loads hash it against the
    lock (a changed file raises UserError errors.model_corrupt). ``f32_only``: the IR keeps f32 weights
    (the others store fp16) and is compiled in f32 even on a CPU with bf16 units, for a model whose
    reduced precision was measured too far from PyTorch's (DDColor).
    Raises ImportError / RuntimeError / ValueError / OSError when OpenVINO cannot convert or compile."""
    import openvino as ov
    import torch
    from openvino.frontend.pytorch.ts_decoder import TorchScriptPythonDecoder

    from ..imagegen.openvino_engine import _save, compile_config
    from ..models.manager import ModelManager

    manager = ModelManager()
    paths = ir_paths(weight_file, shape)
    shapes = (tuple(shape),) + tuple(tuple(s) for s in more)
    free = min(shape[-2:]) < 0
    converted_s = 0.0
    if not manager.derived_ready(model_id, paths):
        if report is not None:
            report("photo.engine_progress.convert")
        started = time.perf_counter()
        folder = manager.verified_path(model_id)
        examples = tuple(_example(s) for s in shapes)
        with torch.no_grad():
            # OpenVINO's own tracing, without torch's check of the trace (which runs the model twice more:
            # 49 of LaMa's 77 s of conversion, measured under load)
            traced = TorchScriptPythonDecoder(module.eval(), example_input=examples[0] if len(shapes) == 1 else
                                              examples, trace_kwargs={"check_trace": False})
            ov_model = ov.convert_model(traced, input=[(s, ov.Type.f32) for s in shapes])
        # fp16 weights alone moved DDColor's colours by up to the whole range: f32 weights for f32_only
        _save(ov_model, folder / paths[0], fp16=not f32_only)
        manager.record_derived(model_id, paths, made_by=f"OpenVINO {ov.__version__.split('-')[0]} convert_model")
        converted_s = time.perf_counter() - started
        log.info("converted %s to OpenVINO (%s) in %.1f s", model_id, paths[0], converted_s)
    folder = manager.verified_derived(model_id, paths)
    chosen = "f32" if f32_only else precision()
    if free:
        return ShapedRunner(ov.Core().read_model(folder / paths[0]), chosen, converted_s)
    started = time.perf_counter()
    compiled = ov.Core().compile_model(folder / paths[0], "CPU", compile_config(chosen))
    return Runner(compiled, chosen, shape, converted_s, time.perf_counter() - started)


def engine_summary() -> list[dict]:
    """For doctor and the models page: per installed photo model the OpenVINO runner can run, the
    engine it runs on here ("openvino" or "pytorch"), the precision, why, and whether its OpenVINO
    file is made yet (it is made at the model's first use). Loads nothing."""
    from .. import backends
    from ..imagegen.openvino_engine import cpu_flags
    from ..models.manager import ModelManager

    manager = ModelManager()
    rows = []
    for capability in ("photo.upscale", "photo.faces", "photo.repair", "photo.colorize"):
        for backend in backends.for_capability(capability):
            shape = getattr(backend, "openvino_shape", None)
            if not shape or not backend.is_available():
                continue
            reason = engine_reason(getattr(backend, "engine_failed", ""))
            row = {"backend": backend.name, "model": backend.weights[0], "engine": "pytorch" if reason else "openvino",
                   "reason": reason, "converted": manager.derived_ready(backend.weights[0], ir_paths(backend.file,
                                                                                                      shape))}
            if reason:
                row["precision"] = "fp32"  # spandrel runs the photo models in fp32, on a graphics card too
                row["why"] = backend.engine_failed if reason == "failed" else REASONS[reason]
            elif getattr(backend, "openvino_f32_only", False):
                row["precision"], row["why"] = "f32", "f32 only: bf16 measured too far from PyTorch"
            else:
                flags = sorted(cpu_flags() & {"amx_bf16", "avx512_bf16"})
                row["precision"] = precision()
                row["why"] = ("bf16 units: " + ", ".join(flags)) if flags and row["precision"] == "bf16" else (
                    "engine_precision = f32" if flags else "no bf16 units: f32")
            rows.append(row)
    return rows
