"""The photo models and MusicGen in PyTorch against OpenVINO: `python -m bench.openvino_models`.

    .venv/bin/python -m bench.openvino_models                  # every model, 3 interleaved rounds
    .venv/bin/python -m bench.openvino_models --only lama,musicgen --rounds 5 --f32

Each model is the real architecture with random weights, written in its release format and read
by spandrel as the app reads it (tests/fixtures/models_photo.py), called with an input the app
gives it, kept small enough to run on 2 shared cores: LaMa one 512² crop + mask (the app's tile
core), Real-ESRGAN general-x4v3 one 256 px tile with its 16 px borders and x4plus (RRDB, 16x
heavier) a 128 px tile with its borders, GFPGAN 1.4 and CodeFormer one aligned 512² face (signed
range), DDColor tiny the L plane at its input size; MusicGen small: one decoding step of its
language-model decoder (24 layers, batch 2 for guidance, 4 codebooks) with a key/value cache of
250 steps (5 s of music) and 16 text tokens, and the EnCodec decoder on 10 s of codes.
OpenVINO converts the same module as the photo runner does (OpenVINO's tracing on that input, torch's
trace check off; where that tracing fails, the reason is printed and torch.export is tried, its rows
marked [torch.export]) and runs it at this
CPU's precision (bf16 with AMX or AVX512-BF16, else f32; --f32 adds f32). Timings are medians
of interleaved calls (torch, OpenVINO, torch, ...) after one warm-up call each; figures are
seconds per megapixel of output (pictures) or the real-time factor (seconds of computing per
second of music: 50 decoding steps per second). The error is the relative L2 error of the output
against PyTorch fp32. Conversion and compile are reported apart. The verdict column says
whether OpenVINO wins here (at least 1.2x faster and error under 2 %; for a whole picture, the app's
DDColor call, a PSNR against PyTorch's of at least 40 dB).

``musicgen-app`` measures the app's own path instead (pipelines.music.backends.MusicgenBackend):
musicgen-small with random weights saved in the release layout and installed as a library does,
one piece of --music-seconds through ``generate`` on PyTorch fp32 (transformers' ``generate``)
and through the OpenVINO decoder loop (first piece converts: conversion and compile reported
apart), interleaved, medians, as the real-time factor (seconds of computing per second of music).
Agreement: f32 (--f32) gives the same audio for the same seed (max difference printed); bf16 is
compared step by step with the same tokens fed (relative L2 error of the logits, worst step) and
on the EnCodec audio of the same codes.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIN_RATIO, MAX_ERROR, MIN_PSNR = 1.2, 0.02, 40.0
NAMES = ("lama", "realesrgan", "gfpgan", "codeformer", "ddcolor", "musicgen", "musicgen-app")


def _cases(releases: Path, only: set[str]):
    """(name, torch module, example inputs, unit, amount of output in that unit) for each model."""
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
    if "lama" in only:
        lama = load("lama")
        mask = torch.zeros(1, 1, 512, 512)
        mask[..., 170:178, 40:472] = 1
        yield ("LaMa (512² crop)", Call(lama.model, lambda m, x, k: m(x, k)),
               (torch.rand(1, 3, 512, 512, generator=g), mask), "MP", 512 * 512 / 1e6)
    if "realesrgan" in only:
        for model_id, tile in (("realesr-general-x4v3", 256), ("realesrgan-x4plus", 128)):
            up = load(model_id)
            yield (f"Real-ESRGAN {model_id.split('-', 1)[1]} ({tile} px tile)", Call(up.model, lambda m, x: m(x)),
                   (torch.rand(1, 3, tile + 32, tile + 32, generator=g),), "MP", ((tile + 32) * 4) ** 2 / 1e6)
    if "gfpgan" in only:
        gfpgan = load("gfpgan-1.4")
        yield ("GFPGAN 1.4 (512² face)", Call(gfpgan.model, lambda m, x: m(x * 2 - 1, return_rgb=False)[0]),
               (torch.rand(1, 3, 512, 512, generator=g),), "MP", 512 * 512 / 1e6)
    if "codeformer" in only:
        codeformer = load("codeformer", extra=True)
        yield ("CodeFormer (512² face, w 0.5)", Call(codeformer.model, lambda m, x: m(x * 2 - 1, weight=0.5)[0]),
               (torch.rand(1, 3, 512, 512, generator=g),), "MP", 512 * 512 / 1e6)
    if "ddcolor" in only:
        ddcolor = load("ddcolor-tiny", extra=True)
        side = max(ddcolor.model.input_size)
        yield (f"DDColor tiny ({side}² L plane)", Call(ddcolor.model, lambda m, x: m(x.repeat(1, 3, 1, 1))),
               (torch.rand(1, 1, side, side, generator=g),), "MP", side * side / 1e6)
        # the app's call: spandrel's DDColor call on the grey picture (Lab in, a/b planes out, the picture's
        # lightness kept, back to RGB), as pipelines.photo.backends.DDColorColorize runs it; a smooth grey
        # picture rather than noise, and the picture's PSNR against PyTorch's beside the raw error
        from spandrel_extra_arches.architectures.DDColor import _call as ddcolor_call

        ramp = torch.linspace(0, 1, side)
        grey = (0.5 * ramp[None, :] + 0.3 * ramp[:, None] + 0.1 * torch.rand(side, side, generator=g)).clamp(0, 1)
        yield (f"DDColor tiny picture ({side}², app call)", Call(ddcolor.model, ddcolor_call),
               (grey[None, None],), "MP", side * side / 1e6)
    if "musicgen" in only:
        yield from _musicgen_cases(g)


def _musicgen_cases(g):
    """MusicGen small's decoder step (key/value cache as plain tensors) and its EnCodec decoder."""
    import torch
    from transformers import EncodecModel, MusicgenForCausalLM
    from transformers.cache_utils import DynamicCache, DynamicLayer, EncoderDecoderCache

    from tests.fixtures.models_music import musicgen_config

    config = musicgen_config(tiny=False)
    dec = config.decoder
    torch.manual_seed(0)
    lm = MusicgenForCausalLM(dec).eval()
    batch, past_len, text_len = 2, 250, 16
    layers, heads = dec.num_hidden_layers, dec.num_attention_heads
    head_dim = dec.hidden_size // heads

    def cache(pairs):
        built = DynamicCache()
        for k, v in pairs:  # filled layers (the lazy first update concatenates to an empty tensor)
            layer = DynamicLayer()
            layer.keys, layer.values, layer.is_initialized = k, v, True
            layer.dtype, layer.device = k.dtype, k.device
            built.layers.append(layer)
        return built

    class Step(torch.nn.Module):
        """One decoding step: new tokens (batch*codebooks, 1), text states, then per layer the self-
        attention keys/values so far and the cross-attention keys/values -> logits (+ new self keys)."""

        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, ids, text, *past):
            both = EncoderDecoderCache(cache([(past[4 * i], past[4 * i + 1]) for i in range(layers)]),
                                       cache([(past[4 * i + 2], past[4 * i + 3]) for i in range(layers)]))
            for i in range(layers):
                both.is_updated[i] = True
            logits = self.inner(input_ids=ids, encoder_hidden_states=text, past_key_values=both,
                                use_cache=True).logits
            return logits

    past = []
    for _ in range(layers):
        past += [torch.randn(batch, heads, past_len, head_dim, generator=g) for _ in range(2)]
        past += [torch.randn(batch, heads, text_len, head_dim, generator=g) for _ in range(2)]
    ids = torch.randint(0, dec.vocab_size, (batch * dec.num_codebooks, 1), generator=g)
    text = torch.randn(batch, text_len, dec.hidden_size, generator=g)
    yield ("MusicGen small decoder step", Step(lm), (ids, text, *past), "RTF", 1 / 50)
    codec = EncodecModel(config.audio_encoder).eval()

    class Decode(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, codes):
            return self.inner.decode(codes, [None])[0]

    frames = 500  # 10 s at 50 frames per second
    codes = torch.randint(0, config.audio_encoder.codebook_size, (1, 1, dec.num_codebooks, frames), generator=g)
    yield ("MusicGen EnCodec decoder (10 s)", Decode(codec), (codes,), "RTF", 10.0)


def musicgen_app(rounds: int, seconds: float, f32: bool) -> None:
    """The app's MusicGen path, PyTorch against OpenVINO (see the module docstring); prints a table."""
    import numpy as np

    from pipelines import config
    from pipelines.music.backends import MusicgenBackend, build_prompt
    from tests.fixtures.models_common import install_as_model
    from tests.fixtures.models_music import save_musicgen

    release = Path(tempfile.mkdtemp(prefix="musicgen-release-"))
    print(f"  musicgen-small: writing the random-weight release (load average {_load()}) ...", file=sys.stderr,
          flush=True)
    save_musicgen(release, tiny=False)
    install_as_model("musicgen-small", release)
    prompt = build_prompt("adventure", "a dragon flies over the castle")
    engines = {}
    for name, engine, precision in (("torch fp32", "pytorch", "auto"), (None, "auto", "auto"),
                                    ("openvino f32", "auto", "f32") if f32 else (None, None, None)):
        if engine is None:
            continue
        os.environ["ATELIER_ENGINE"], os.environ["ATELIER_ENGINE_PRECISION"] = engine, precision
        config.reset_settings()
        backend = MusicgenBackend()
        started = time.perf_counter()
        backend.ensure_loaded()
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        first = backend.generate(prompt, seconds, 0)  # warm-up; the first OpenVINO piece converts
        first_s = time.perf_counter() - started
        name = name or first[2]
        engines[name] = {"backend": backend, "load_s": load_s, "first_s": first_s, "first": first,
                         "times": [], "engine": backend.openvino}
        print(f"  {name}: loaded in {load_s:.1f} s, first piece {first_s:.1f} s (load average {_load()})",
              file=sys.stderr, flush=True)
    for _ in range(rounds):
        for row in engines.values():
            started = time.perf_counter()
            row["backend"].generate(prompt, seconds, 1)
            row["times"].append(time.perf_counter() - started)
    base = engines["torch fp32"]
    agreement = {"torch fp32": "reference"}
    for name, row in engines.items():
        engine = row["engine"]
        if engine is None:
            continue
        if engine.precision == "f32":
            diff = float(np.abs(row["first"][0] - base["first"][0]).max())
            agreement[name] = f"same seed: audio max difference {diff:.1e}"
        else:
            agreement[name] = _bf16_agreement(engine, base["backend"], prompt)
    steps = base["backend"].tokens_for(seconds)
    print(f"MusicGen small, the app's path: {seconds:g} s of music = {steps} decoder steps (batch 2, guidance 3) "
          f"+ EnCodec; {rounds} interleaved rounds (medians); load average {_load()}")
    print(f"{'engine':14} {'s / piece':>9} {'RTF':>6} {'vs torch':>9} {'load s':>7} {'1st piece s':>11} "
          f"{'convert s':>9} {'compile s':>9}  agreement")
    torch_s = statistics.median(base["times"])
    for name, row in engines.items():
        median = statistics.median(row["times"])
        engine = row["engine"]
        convert_s, compile_s = (engine.converted_s, engine.compile_s) if engine else (0.0, 0.0)
        print(f"{name:14} {median:9.2f} {median / seconds:6.2f} {torch_s / median:8.2f}x {row['load_s']:7.1f} "
              f"{row['first_s']:11.1f} {convert_s:9.1f} {compile_s:9.1f}  {agreement.get(name, '')}", flush=True)
    shutil.rmtree(release, ignore_errors=True)


def _bf16_agreement(engine, reference, prompt: str) -> str:
    """bf16 against f32 on the same tokens: worst relative L2 error of the step logits, and of the
    EnCodec audio of the same codes (the f32 side is PyTorch)."""
    import numpy as np
    import torch

    model, processor = reference.model, reference.processor
    codebooks = model.decoder.num_codebooks
    rng = np.random.default_rng(0)
    tokens = rng.integers(0, model.decoder.config.vocab_size, (24, 2 * codebooks, 1)).astype(np.int64)
    inputs = processor(text=[prompt], padding=True, return_tensors="pt")
    cross = engine._cross(processor, prompt)
    request = engine.step
    request.reset_state()
    for key, value in cross.items():
        request.set_tensor(key, _ov_tensor(value))
    errors = []
    with torch.inference_mode():
        ids = torch.cat([inputs["input_ids"]] * 2)
        mask = torch.cat([inputs["attention_mask"], torch.zeros_like(inputs["attention_mask"])])
        past = None
        encoder = model.get_encoder()(input_ids=ids, attention_mask=mask)
        for step in tokens:
            out = model(encoder_outputs=encoder, attention_mask=mask, decoder_input_ids=torch.from_numpy(step),
                        past_key_values=past, use_cache=True)
            past = out.past_key_values
            request.set_tensor("input_ids", _ov_tensor(step.copy()))
            request.infer()
            got = request.get_tensor("logits").data[:, -1]
            want = out.logits[:, -1].numpy()
            errors.append(float(np.linalg.norm(got - want) / np.linalg.norm(want)))
    request.reset_state()
    codes = rng.integers(0, model.config.audio_encoder.codebook_size, (1, 1, codebooks, 250)).astype(np.int64)
    with torch.inference_mode():
        want = model.audio_encoder.decode(torch.from_numpy(codes), [None])[0][0, 0].numpy()
    got = engine.decode(codes)
    audio = float(np.linalg.norm(got - want) / np.linalg.norm(want))
    return f"same tokens: logits error {max(errors):.1e} (worst of {len(errors)} steps), EnCodec audio {audio:.1e}"


def _ov_tensor(array):
    import openvino as ov

    return ov.Tensor(array, shared_memory=False)


def run(rounds: int, only: set[str], f32: bool) -> list[dict]:
    import numpy as np
    import openvino as ov
    import torch
    from openvino.frontend.pytorch.ts_decoder import TorchScriptPythonDecoder

    from pipelines.imagegen.openvino_engine import cpu_precision
    from pipelines.imagegen.speed import configure_threads

    configure_threads()
    core = ov.Core()
    rows, psnrs = [], {}
    releases = Path(tempfile.mkdtemp(prefix="photo-releases-"))
    for name, module, inputs, unit, amount in _cases(releases, only):
        print(f"  {name} (load average {_load()}) ...", file=sys.stderr, flush=True)
        module.eval()
        started = time.perf_counter()
        compiled, compile_s = {}, {}
        try:
            with torch.no_grad():  # static shapes: the app would compile per tile size too
                # the photo runner's conversion (pipelines.photo.openvino_runner.load): OpenVINO's own
                # tracing without torch's check of the trace
                try:
                    traced = TorchScriptPythonDecoder(module, example_input=inputs if len(inputs) > 1 else
                                                      inputs[0], trace_kwargs={"check_trace": False})
                    ov_model = ov.convert_model(traced, input=[(tuple(x.shape), _ov_type(x)) for x in inputs])
                except RuntimeError as exc:  # the runner's path fails: say why, then try torch.export
                    lines = str(exc).strip().splitlines()
                    why = lines[0] + (" " + lines[lines.index("Exception:") + 1].strip()
                                      if "Exception:" in lines[:-1] else "")
                    print(f"{name}: the runner's conversion (tracing) fails: {why[:200]}; trying torch.export",
                          flush=True)
                    name = f"{name} [torch.export]"
                    ov_model = ov.convert_model(torch.export.export(module, tuple(inputs)))
            convert_s = time.perf_counter() - started
            for precision in dict.fromkeys((cpu_precision(),) + (("f32",) if f32 else ())):
                started = time.perf_counter()
                compiled[precision] = core.compile_model(ov_model, "CPU", {"INFERENCE_PRECISION_HINT": precision,
                                                                            "PERFORMANCE_HINT": "LATENCY"})
                compile_s[precision] = time.perf_counter() - started
            del ov_model
        except (RuntimeError, TypeError, ValueError) as exc:  # OpenVINO cannot run it: PyTorch stays
            first = str(exc).strip().splitlines()
            note = next((line for line in first if "Unsupported" in line or "failed" in line.lower()), first[0])
            if "Exception:" in first[:-1]:  # the tracer's own error follows OpenVINO's sentence
                note += " " + first[first.index("Exception:") + 1].strip()
            print(f"{name}: OpenVINO cannot convert or compile it: {note[:160]}", flush=True)
            rows.append({"model": name, "engine": "openvino", "failed": note[:160]})
            continue
        arrays = [x.numpy() for x in inputs]

        def torch_call(module=module, inputs=inputs):
            with torch.inference_mode():
                return module(*inputs).float().numpy()

        calls = {"torch fp32": torch_call}
        for precision, model in compiled.items():
            request = model.create_infer_request()
            calls[f"openvino {precision}"] = lambda request=request: request.infer(arrays)[0].copy()
        outputs = {k: fn() for k, fn in calls.items()}  # warm-up, and the outputs compared
        times: dict[str, list[float]] = {k: [] for k in calls}
        for _ in range(rounds):
            for key, fn in calls.items():
                begin = time.perf_counter()
                fn()
                times[key].append(time.perf_counter() - begin)
        ref = outputs["torch fp32"]
        for key in calls:
            err = float(np.linalg.norm(outputs[key] - ref) / max(np.linalg.norm(ref), 1e-12))
            if "picture" in name:  # RGB in 0..1: the picture's PSNR against PyTorch's (inf when equal)
                mse = float(np.mean((np.clip(outputs[key], 0, 1) - np.clip(ref, 0, 1)) ** 2))
                psnrs[(name, key)] = 10 * np.log10(1 / mse) if mse > 0 else float("inf")
            rows.append({"model": name, "engine": key, "psnr": psnrs.get((name, key)),
                         "unit": unit, "per_unit": statistics.median(times[key]) / amount,
                         "seconds": statistics.median(times[key]), "rel_error": err,
                         "convert_s": convert_s if key != "torch fp32" else 0.0,
                         "compile_s": compile_s.get(key.split()[-1], 0.0) if key != "torch fp32" else 0.0})
            _print_row(rows[-1], {name: statistics.median(times["torch fp32"])})  # as it goes (a long run)
        del module, compiled, calls
    return rows


def _ov_type(tensor):
    import openvino as ov
    import torch

    return {torch.float32: ov.Type.f32, torch.int64: ov.Type.i64}[tensor.dtype]


def _print_row(r: dict, base: dict) -> None:
    if r.get("failed"):
        print(f"{r['model']:40} {r['engine']:14} {'-':>9} {'-':>14} {'-':>9} {'-':>11} {'-':>10} {'-':>10}  "
              f"PyTorch stays (OpenVINO fails: {r['failed']})", flush=True)
        return
    ratio = base[r["model"]] / r["seconds"]
    close = r["rel_error"] <= MAX_ERROR if r.get("psnr") is None else r["psnr"] >= MIN_PSNR
    verdict = "" if r["engine"] == "torch fp32" else (
        "OpenVINO wins" if ratio >= WIN_RATIO and close else "PyTorch stays")
    if r.get("psnr") is not None and r["engine"] != "torch fp32":
        verdict += f" (picture PSNR {r['psnr']:.1f} dB)"
    print(f"{r['model']:40} {r['engine']:14} {r['seconds']:9.3f} {r['per_unit']:10.3f} {r['unit']:>3} "
          f"{ratio:8.2f}x {r['rel_error']:11.2e} {r['convert_s']:10.1f} {r['compile_s']:10.1f}  {verdict}", flush=True)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed calls per engine, interleaved (median)")
    parser.add_argument("--only", default=",".join(NAMES),
                        help=f"comma-separated, among {', '.join(NAMES)} (run in that order)")
    parser.add_argument("--f32", action="store_true", help="also OpenVINO with f32 forced")
    parser.add_argument("--music-seconds", type=float, default=5.0, help="musicgen-app: seconds of music per piece")
    args = parser.parse_args()
    only = set(args.only.split(","))
    load_before = _load()
    with tempfile.TemporaryDirectory() as data:
        os.environ["ATELIER_DATA_DIR"] = data
        os.environ.pop("ATELIER_MODELS_DIR", None)
        from pipelines import config

        config.reset_settings()
        if "musicgen-app" in only:
            sys.path.insert(0, str(ROOT))
            musicgen_app(args.rounds, args.music_seconds, args.f32)
            only.discard("musicgen-app")
            if not only:
                return
        rows = run(args.rounds, only, args.f32)
    import openvino as ov
    import torch

    print(f"torch {torch.__version__}, OpenVINO {ov.__version__.split('-')[0]}, {torch.get_num_threads()} threads; "
          f"random weights; {args.rounds} interleaved rounds (medians); load average before {load_before}, "
          f"after {_load()}")
    print(f"{'model':40} {'engine':14} {'s / call':>9} {'s / MP or RTF':>14} {'vs torch':>9} {'rel. error':>11} "
          f"{'convert s':>10} {'compile s':>10}  verdict")
    base = {r["model"]: r["seconds"] for r in rows if r["engine"] == "torch fp32"}
    for r in rows:
        _print_row(r, base)


if __name__ == "__main__":
    main()
