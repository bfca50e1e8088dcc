"""MusicGen on OpenVINO (CPU): the language-model decoder step and the EnCodec decoder.

What runs where. The T5 text encoder runs once per piece in PyTorch (a few tens of milliseconds),
and so do the cross-attention keys and values made from its states. The decoder is then called
once per step (50 steps per second of music, about 1500 for 30 s): that loop is what OpenVINO runs,
as a *stateful* model whose self-attention keys and values live inside OpenVINO between steps
(``make_stateful``: no copy of the growing cache through Python), then EnCodec turns the codes
into 32 kHz audio. Measured with ``python -m bench.openvino_models --only musicgen-app``.

Files. Converted once, at the first piece made with OpenVINO (never at app start), from the model
loaded from the verified folder, and written beside it: ``<folder>/openvino/musicgen-decoder-<w>.xml
/.bin`` and ``encodec-decoder-<w>.xml/.bin`` where ``<w>`` is how the weights are stored: ``f32``
when f32 is forced (exact against PyTorch) or ``fp16`` (bf16 computing rounds them more anyway).
They are recorded with their sha256 in the model's lock (``derived``, tied to the installed files):
a changed file is refused like a changed weight file. Compiled models are cached in the data dir
(``pipelines.imagegen.openvino_engine.compile_config``).

Shapes. The decoder step takes the 2 x 4 codebook tokens of one step; the past length grows in its
state and the number of text tokens is free. EnCodec's file keeps the number of frames free and is
compiled for each piece length used (static shapes, see ``OpenVINOMusicgen.codec``).

Sampling is that of ``MusicgenForConditionalGeneration.generate`` (transformers 5.23): classifier-free
guidance on a batch of 2 (the prompt, then a null condition: zero text states), the generation
config's temperature / top-k / top-p warpers, ``torch.multinomial`` on the global generator seeded
with the piece's seed, and the codebook delay pattern. With f32 forced a seed gives the same codes as
the PyTorch path (tests/music/test_musicgen_openvino.py checks it against ``generate``).
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

import numpy as np

from ..backends import Progress, no_progress

log = logging.getLogger(__name__)

MODEL_ID = "musicgen-small"
BATCH = 2  # classifier-free guidance: the prompt and the null condition, one decoder batch
TRACE_PAST, TRACE_TEXT, TRACE_FRAMES = 3, 7, 25  # example lengths for tracing (the files keep them free)
# generation config settings the loop does not apply: they must keep a value that changes nothing
SAMPLING_NEUTRAL = {"min_p": (None,), "top_h": (None,), "typical_p": (None, 1.0), "epsilon_cutoff": (None, 0.0),
                    "eta_cutoff": (None, 0.0), "repetition_penalty": (None, 1.0), "no_repeat_ngram_size": (None, 0),
                    "bad_words_ids": (None,), "suppress_tokens": (None,), "begin_suppress_tokens": (None,),
                    "sequence_bias": (None,), "num_beams": (None, 1)}


def weights_kind(precision: str) -> str:
    """How the converted weights are stored for a computing precision: 'f32' or 'fp16'."""
    return "f32" if precision == "f32" else "fp16"


def ir_paths(precision: str) -> list[str]:
    """The IR files (relative to the model folder) for a computing precision ('bf16' or 'f32')."""
    kind = weights_kind(precision)
    return [f"openvino/{part}-{kind}.{ext}" for part in ("musicgen-decoder", "encodec-decoder")
            for ext in ("xml", "bin")]


def _self_cache(pairs):
    """A transformers DynamicCache holding given (keys, values) per layer (tensors B x H x L x D)."""
    from transformers.cache_utils import DynamicCache, DynamicLayer

    built = DynamicCache()
    for keys, values in pairs:
        layer = DynamicLayer()
        layer.keys, layer.values, layer.is_initialized = keys, values, True
        layer.dtype, layer.device = keys.dtype, keys.device
        built.layers.append(layer)
    return built


def _step_module(decoder):
    """The traced decoder step: (ids (2K, 1), past self keys/values per layer, cross keys/values per
    layer) -> (logits (2K, 1, V), present self keys/values per layer, one position longer)."""
    import torch
    from transformers.cache_utils import EncoderDecoderCache

    layers = decoder.config.num_hidden_layers
    hidden = decoder.config.hidden_size

    class Step(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = decoder

        def forward(self, ids, *tensors):
            past, cross = tensors[:2 * layers], tensors[2 * layers:]
            cache = EncoderDecoderCache(_self_cache([(past[2 * i], past[2 * i + 1]) for i in range(layers)]),
                                        _self_cache([(cross[2 * i], cross[2 * i + 1]) for i in range(layers)]))
            for i in range(layers):
                cache.is_updated[i] = True  # the cross keys/values are given: never recomputed
            # only the shape of the text states matters here (their keys and values are given); no mask:
            # the null condition's keys and values are zero (the projections have no bias), which gives
            # the zero that PyTorch gives for its fully masked rows
            states = cross[0][:, 0, :, :1].expand(-1, -1, hidden)
            out = self.inner(input_ids=ids, encoder_hidden_states=states, past_key_values=cache, use_cache=True)
            present = []
            for layer in out.past_key_values.self_attention_cache.layers:
                present += [layer.keys, layer.values]
            return (out.logits, *present)

    return Step().eval()


def _codec_module(codec):
    """The traced EnCodec decoder: codes (1, 1, K, frames) int64 -> audio (1, channels, samples)."""
    import torch

    class Decode(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = codec

        def forward(self, codes):
            return self.inner.decode(codes, [None])[0]

    return Decode().eval()


def convert(model, folder: Path, precision: str, progress: Progress = no_progress,
            span: tuple[float, float] = (0.025, 0.035)) -> list[str]:
    """Convert a loaded MusicgenForConditionalGeneration (float32, CPU) to the two IR files of
    :func:`ir_paths` under ``folder``. The decoder is made stateful (its self-attention cache is
    OpenVINO state; reset per piece). Progress is reported within ``span`` (the start of a piece's
    progress in the app; 0-1 on the command line). Returns the relative paths written.
    Raises RuntimeError / ValueError / TypeError when OpenVINO cannot convert it."""
    import openvino as ov
    import torch
    from openvino._offline_transformations import apply_make_stateful_transformation

    from ..imagegen.openvino_engine import _name_io, _save

    dec = model.decoder.config
    layers, heads = dec.num_hidden_layers, dec.num_attention_heads
    head_dim = dec.hidden_size // heads
    codebooks = dec.num_codebooks
    paths = ir_paths(precision)
    compress = weights_kind(precision) == "fp16"
    low, high = span
    progress(low, "music.progress.convert")
    g = torch.Generator().manual_seed(0)
    past = [torch.randn(BATCH, heads, TRACE_PAST, head_dim, generator=g) for _ in range(2 * layers)]
    cross = [torch.randn(BATCH, heads, TRACE_TEXT, head_dim, generator=g) for _ in range(2 * layers)]
    ids = torch.randint(0, dec.vocab_size, (BATCH * codebooks, 1), generator=g)
    free = (BATCH, heads, -1, head_dim)
    with torch.no_grad():
        step = ov.convert_model(_step_module(model.decoder), example_input=(ids, *past, *cross),
                                input=[((BATCH * codebooks, 1), ov.Type.i64)] + [(free, ov.Type.f32)] * (4 * layers))
    pairs = [f"{kv}_{i}" for i in range(layers) for kv in ("key", "value")]
    _name_io(step, ["input_ids"] + [f"past_{p}" for p in pairs] + [f"cross_{p}" for p in pairs],
             ["logits"] + [f"present_{p}" for p in pairs])
    apply_make_stateful_transformation(step, {f"past_{p}": f"present_{p}" for p in pairs})
    progress(low + 0.5 * (high - low), "music.progress.convert")
    _save(step, folder / paths[0], fp16=compress)
    del step
    codes = torch.randint(0, model.audio_encoder.config.codebook_size, (1, 1, codebooks, TRACE_FRAMES), generator=g)
    with torch.no_grad():
        codec = ov.convert_model(_codec_module(model.audio_encoder), example_input=(codes,),
                                 input=[((1, 1, codebooks, -1), ov.Type.i64)])
    _name_io(codec, ["audio_codes"], ["audio_values"])
    progress(low + 0.9 * (high - low), "music.progress.convert")
    _save(codec, folder / paths[2], fp16=compress)
    return paths


def is_converted(precision: str, model_id: str = MODEL_ID, manager=None) -> bool:
    """True when the IR for ``precision`` was made from the installed files and recorded in the lock."""
    from ..models.manager import ModelManager

    return (manager or ModelManager()).derived_ready(model_id, ir_paths(precision))


def convert_installed(model_id: str = MODEL_ID, report: Progress = no_progress, manager=None) -> list[str]:
    """`models download` / `import` / `convert`: load the installed MusicGen (verified) and convert it for
    this machine's precision (:func:`pipelines.photo.openvino_runner.precision`), recorded in its lock.
    Returns the recorded relative paths (a few minutes and about 6 GB of memory for musicgen-small)."""
    import openvino as ov

    from ..models.manager import ModelManager
    from ..photo.openvino_runner import precision
    from .backends import load_musicgen

    manager = manager or ModelManager()
    folder = manager.verified_path(model_id)
    _, model = load_musicgen(folder)
    paths = convert(model, folder, precision(), report, span=(0.0, 1.0))
    report(1.0, "music.progress.convert")
    manager.record_derived(model_id, paths, made_by=f"OpenVINO {ov.__version__.split('-')[0]} convert_model")
    return paths


class OpenVINOMusicgen:
    """The compiled decoder step and EnCodec decoder of one installed MusicGen, with the sampling
    loop of ``generate``. Not thread-safe (the backend holds its generation lock around it).

    ``made_by`` is what the job records, e.g. "openvino bf16"."""

    CODEC_SHAPES = 4  # EnCodec compiled for this many piece lengths at most (a workshop uses one or two)

    def __init__(self, model, step, codec: Path, precision: str, converted_s: float, compile_s: float):
        """``step``: the compiled decoder step; ``codec``: the EnCodec IR file, compiled per number of
        frames (static shapes: measured here, OpenVINO 2026.4.1's CPU plugin in bf16 fails on some
        lengths of the free-length model, e.g. 51 or 251 frames, and runs every static one)."""
        self.model = model  # the PyTorch model: text encoder, projections, generation config
        self.step = step.create_infer_request()
        self.codec_file = Path(codec)
        self._codecs: dict[int, object] = {}
        self.precision = precision
        self.converted_s, self.compile_s = converted_s, compile_s
        self.cross_names = [p.get_any_name() for p in step.inputs if p.get_any_name().startswith("cross_")]

    @property
    def made_by(self) -> str:
        return f"openvino {self.precision}"

    @classmethod
    def load(cls, model, precision: str, progress: Progress = no_progress,
             model_id: str = MODEL_ID) -> "OpenVINOMusicgen":
        """Convert (first time: recorded in the lock) or verify the IR of ``model_id``, then compile both
        parts for ``precision`` ('bf16' | 'f32'). A changed file raises UserError errors.model_corrupt;
        ImportError / RuntimeError / ValueError / TypeError / OSError when OpenVINO cannot run it, and
        ValueError when the generation config asks for a sampling setting the loop does not apply."""
        import openvino as ov

        from ..imagegen.openvino_engine import compile_config
        from ..models.manager import ModelManager

        config = model.generation_config
        for name, neutral in SAMPLING_NEUTRAL.items():
            if getattr(config, name, None) not in neutral:
                raise ValueError(f"the generation config sets {name}: the OpenVINO loop samples with "
                                 "guidance, temperature, top-k and top-p only")
        manager = ModelManager()
        paths = ir_paths(precision)
        converted_s = 0.0
        if not is_converted(precision, model_id, manager):
            started = time.perf_counter()
            folder = manager.verified_path(model_id)
            convert(model, folder, precision, progress)
            manager.record_derived(model_id, paths, made_by=f"OpenVINO {ov.__version__.split('-')[0]} convert_model")
            converted_s = time.perf_counter() - started
            log.info("converted %s to OpenVINO (%s) in %.1f s", model_id, paths[0], converted_s)
        folder = manager.verified_derived(model_id, paths)
        progress(0.04, "music.progress.loading")
        started = time.perf_counter()
        config = compile_config(precision)
        # the self-attention cache kept in OpenVINO's state: as precise as the computing (no u8 cache)
        config["KV_CACHE_PRECISION"] = "f32" if precision == "f32" else "bf16"
        core = ov.Core()
        step = core.compile_model(folder / paths[0], "CPU", config)
        return cls(model, step, folder / paths[2], precision, converted_s, time.perf_counter() - started)

    # -- the generation loop ------------------------------------------------------------------
    def _cross(self, processor, prompt: str) -> dict[str, np.ndarray]:
        """The cross-attention keys and values per layer (2 x H x T x D): the prompt, then the null
        condition, as ``generate`` builds them (text encoder, projection, states times their mask)."""
        import torch

        model = self.model
        inputs = processor(text=[prompt], padding=True, return_tensors="pt")
        mask = inputs["attention_mask"]
        if not bool(mask.all()):
            raise ValueError("a padded prompt: the OpenVINO decoder takes one unpadded prompt")
        tensors = {}
        with torch.inference_mode():
            states = model.text_encoder(input_ids=inputs["input_ids"], attention_mask=mask).last_hidden_state
            states = torch.cat([states, torch.zeros_like(states)])
            mask = torch.cat([mask, torch.zeros_like(mask)])
            if (model.text_encoder.config.hidden_size != model.decoder.config.hidden_size
                    and model.decoder.config.cross_attention_hidden_size is None):
                states = model.enc_to_dec_proj(states)
            states = states * mask[..., None]
            for i, layer in enumerate(model.decoder.model.decoder.layers):
                attn = layer.encoder_attn
                shape = (*states.shape[:-1], -1, attn.head_dim)
                tensors[f"cross_key_{i}"] = attn.k_proj(states).view(shape).transpose(1, 2).contiguous().numpy()
                tensors[f"cross_value_{i}"] = attn.v_proj(states).view(shape).transpose(1, 2).contiguous().numpy()
        return tensors

    def _warpers(self, guidance: float):
        """The logits processors ``generate`` applies when sampling: guidance, then temperature, top-k
        and top-p from the model's generation config (unset values take the library's defaults)."""
        from transformers.generation.logits_process import (ClassifierFreeGuidanceLogitsProcessor,
                                                            LogitsProcessorList, TemperatureLogitsWarper,
                                                            TopKLogitsWarper, TopPLogitsWarper)

        config = self.model.generation_config
        processors = LogitsProcessorList([ClassifierFreeGuidanceLogitsProcessor(guidance)])
        temperature = 1.0 if config.temperature is None else config.temperature
        top_k = 50 if config.top_k is None else config.top_k  # GenerationConfig's default
        top_p = 1.0 if config.top_p is None else config.top_p
        if temperature != 1.0:
            processors.append(TemperatureLogitsWarper(temperature))
        if top_k:
            processors.append(TopKLogitsWarper(top_k=top_k, min_tokens_to_keep=1))
        if top_p < 1.0:
            processors.append(TopPLogitsWarper(top_p=top_p, min_tokens_to_keep=1))
        return processors

    def codes(self, processor, prompt: str, steps: int, seed: int, guidance: float,
              progress: Progress = no_progress):
        """Audio codes (1, 1, K, frames) int64 for a prompt: ``steps`` decoder steps sampled as
        ``generate(do_sample=True, guidance_scale=guidance, max_new_tokens=steps)``."""
        import torch

        if guidance <= 1:
            raise ValueError("the OpenVINO decoder is converted for guidance (a batch of 2)")
        model = self.model
        decoder = model.decoder
        codebooks = decoder.num_codebooks
        start = int(model.generation_config.decoder_start_token_id)
        with torch.inference_mode():
            cross = self._cross(processor, prompt)
            processors = self._warpers(guidance)
            ids = torch.full((codebooks, 1), start, dtype=torch.long)
            ids, pattern = decoder.build_delay_pattern_mask(ids, pad_token_id=start, max_length=steps + 1)
            request = self.step
            request.reset_state()
            for name in self.cross_names:
                request.set_tensor(name, _tensor(cross[name]))
            torch.manual_seed(seed)
            for done in range(steps):
                last = decoder.apply_delay_pattern_mask(ids, pattern)[:, -1:]
                request.set_tensor("input_ids", _tensor(last.repeat((2, 1)).numpy(), shared=False))
                request.infer()
                logits = torch.from_numpy(request.get_tensor("logits").data[:, -1, :].astype(np.float32))
                scores = processors(ids, logits)
                probs = torch.nn.functional.softmax(scores, dim=-1)
                ids = torch.cat([ids, torch.multinomial(probs, num_samples=1)], dim=-1)
                if done % 5 == 0:
                    progress(0.05 + 0.9 * (done + 1) / steps, "music.progress.model")
            request.reset_state()  # frees the cache of this piece
            del cross  # the cross tensors shared its arrays: kept alive until here
            ids = decoder.apply_delay_pattern_mask(ids, pattern)
            ids = ids[ids != start].reshape(1, codebooks, -1)
        return ids[None].numpy()

    def decode(self, codes: np.ndarray) -> np.ndarray:
        """EnCodec: codes (1, 1, K, frames) -> mono float32 audio (samples,)."""
        request = self.codec(codes.shape[-1])
        request.infer({0: np.ascontiguousarray(codes, dtype=np.int64)})
        return request.get_output_tensor(0).data[0, 0].astype(np.float32).copy()

    def codec(self, frames: int):
        """The EnCodec decoder compiled for ``frames`` code frames (kept for the last few lengths; the
        compiled-model cache in the data dir makes a length seen before quick to compile again)."""
        import openvino as ov

        from ..imagegen.openvino_engine import compile_config

        if frames not in self._codecs:
            started = time.perf_counter()
            core = ov.Core()
            codec = core.read_model(self.codec_file)
            codec.reshape({0: [1, 1, self.model.decoder.num_codebooks, frames]})
            compiled = core.compile_model(codec, "CPU", compile_config(self.precision))
            self._codecs[frames] = compiled.create_infer_request()
            while len(self._codecs) > self.CODEC_SHAPES:
                self._codecs.pop(next(iter(self._codecs)))
            self.compile_s += time.perf_counter() - started
        return self._codecs[frames]

    def generate(self, processor, prompt: str, steps: int, seed: int, guidance: float,
                 progress: Progress = no_progress) -> np.ndarray:
        """Mono float32 audio (samples,) at the model's sampling rate."""
        return self.decode(self.codes(processor, prompt, steps, seed, guidance, progress))


def _tensor(array: np.ndarray, shared: bool = True):
    """An OpenVINO tensor of an array: ``shared`` uses the array's memory (the caller keeps the array
    alive while the request may read it), else copies it."""
    import openvino as ov

    return ov.Tensor(np.ascontiguousarray(array), shared_memory=shared)


def engine_summary() -> list[dict]:
    """For doctor and the models page, when MusicGen is installed: the engine its decoder runs on
    here ("openvino" or "pytorch"), the precision, why, and whether its OpenVINO files are made yet
    (made at the first piece). Loads nothing."""
    from .. import backends
    from ..imagegen.openvino_engine import cpu_flags
    from ..models.manager import ModelManager
    from ..photo.openvino_runner import REASONS, engine_reason, precision

    backend = backends.get("music.generate.musicgen")
    if not backend.is_available():
        return []
    reason = engine_reason(getattr(backend, "engine_failed", ""))
    row = {"backend": backend.name, "model": MODEL_ID, "engine": "pytorch" if reason else "openvino",
           "reason": reason, "converted": False}
    if reason:
        row["precision"] = "fp32" if reason != "gpu" else "fp16"
        row["why"] = backend.engine_failed if reason == "failed" else REASONS[reason]
    else:
        flags = sorted(cpu_flags() & {"amx_bf16", "avx512_bf16"})
        row["precision"] = precision()
        row["converted"] = ModelManager().derived_ready(MODEL_ID, ir_paths(row["precision"]))
        row["why"] = ("bf16 units: " + ", ".join(flags)) if flags and row["precision"] == "bf16" else (
            "engine_precision = f32" if flags else "no bf16 units: f32")
    return [row]
