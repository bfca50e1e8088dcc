"""OpenVINO engine for Stable Diffusion folders on a CPU: the UNet, the text encoder (SDXL: both text
encoders) and the tiny autoencoder TAESD / TAESDXL (decoder, and encoder for drawing->image) run as
OpenVINO models; the scheduler loop stays in Python with the folder's own diffusers scheduler and
the same seeded noise as the PyTorch path, so a seed gives the same composition on both engines.

Files. ``convert_sd`` (SD 1.x / 2.x), ``convert_sdxl`` (a library's SDXL folder) and ``convert_taesd``
read the installed diffusers folders once (at ``models download`` / ``models import`` time, or on
first use with a progress report) and write OpenVINO IR (``<part>.xml`` + ``<part>.bin``, weights
stored in fp16 like the released files) in ``<model folder>/openvino/``. The files are recorded
with their sha256 in the model's lock file (``derived`` section) and hashed again at load: a
converted file that changed is refused like any other model file. Nothing is converted when the
app starts.

Shapes. The IR keeps batch, height, width and token count free (traced at 512 px); every shape
actually used is compiled as a static reshape, once per process, and kept in OpenVINO's
compiled-model cache (``<data dir>/cache/openvino/<precision>``) so that later processes skip most
of the compilation. The UNet has one shape at 512 px (latent 1x4x64x64, 154 tokens: a panel alone
is given its 77 tokens twice, which is exact, see ``unet_states``; guidance: batch 2). An SDXL UNet has
one shape per size too: 77 tokens (the PyTorch path joins the chunks into one prompt), its pooled text
embeddings and its 6 time ids (original size, crop, target size) as further inputs.

Precision (``INFERENCE_PRECISION_HINT``): bf16 where the CPU has bf16 units (AMX or AVX512-BF16),
f32 elsewhere; int8 weight compression (NNCF ``compress_weights``, 8-bit asymmetric per channel)
of the UNet is an option, offered only after a picture comparison within ``INT8_MIN_PSNR``.
Measured with ``python -m bench.imagegen`` (real SD-Turbo architecture, random weights).
"""
from __future__ import annotations

import importlib.util
import inspect
import json
import math
import time
from collections import OrderedDict
from datetime import datetime
from pathlib import Path
from typing import Callable

from PIL import Image

from ..config import settings

IR_DIR = "openvino"
SD_PARTS = ("unet", "text_encoder")
SDXL_PARTS = ("unet", "text_encoder", "text_encoder_2")
TAESD_PARTS = ("decoder", "encoder")
INT8_PART = "unet-int8"
INT8_CHECK = "int8-check.json"
INT8_MIN_PSNR = 30.0  # dB of the decoded picture against the bf16/f32 one, same seed and prompt
PRECISIONS = ("bf16", "f32", "int8")
Report = Callable[[float, str], None]  # (fraction 0..1, message)


def _quiet(fraction: float, message: str = "") -> None:
    """A report callback that ignores everything."""


def openvino_installed() -> bool:
    return importlib.util.find_spec("openvino") is not None


def cpu_flags() -> set[str]:
    """The CPU's feature flags from /proc/cpuinfo (empty where there is none, e.g. macOS)."""
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def cpu_precision(flags: set[str] | None = None) -> str:
    """'bf16' where the CPU computes bf16 in hardware (AMX ``amx_bf16`` or ``avx512_bf16``), else 'f32'.

    On a CPU without them OpenVINO would emulate bf16 slower than f32 (measured in STACK.md for torch).
    """
    flags = cpu_flags() if flags is None else flags
    return "bf16" if flags & {"amx_bf16", "avx512_bf16"} else "f32"


def cache_dir() -> Path:
    """OpenVINO's compiled-model cache, under the data dir (safe to delete: it is rebuilt)."""
    return Path(settings().data_dir) / "cache" / "openvino"


def compile_config(precision: str) -> dict:
    """OpenVINO CPU compile options for a precision ('bf16' | 'f32' | 'int8'): the inference precision
    hint, latency mode, the configured thread count and a compiled-model cache folder per precision."""
    # one cache folder per precision: measured here (OpenVINO 2026.4.1), a model compiled in f32 and
    # then in bf16 with a shared cache dir loaded the f32 blob for bf16 and gave NaN latents
    cache = cache_dir() / precision
    cache.mkdir(parents=True, exist_ok=True)
    config = {"INFERENCE_PRECISION_HINT": "f32" if precision == "f32" else cpu_precision(),
              "PERFORMANCE_HINT": "LATENCY", "CACHE_DIR": str(cache)}
    threads = settings().cpu_threads
    if threads:
        config["INFERENCE_NUM_THREADS"] = threads
    return config


def ir_folder(model_folder: Path) -> Path:
    return Path(model_folder) / IR_DIR


def ir_files(parts: tuple[str, ...]) -> list[str]:
    """Paths (relative to the model folder) of the IR files of some parts, as recorded in the lock."""
    return [f"{IR_DIR}/{p}.{ext}" for p in parts for ext in ("xml", "bin")]


# -- conversion ------------------------------------------------------------------------------------
def _save(ov_model, target: Path, fp16: bool = True) -> None:
    """Save IR through temporary names (a half-written file is never taken for a converted one), with fp16
    weights by default (the released picture weights are fp16: nothing is lost), f32 with `fp16=False`."""
    import openvino as ov

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.stem + ".part.xml")
    ov.save_model(ov_model, tmp, compress_to_fp16=fp16)
    tmp.with_suffix(".bin").replace(target.with_suffix(".bin"))
    tmp.replace(target)


def convert_sd(folder: Path, variant: str | None = None, size: int = 512, report: Report = _quiet) -> list[str]:
    """Convert the UNet and text encoder of a diffusers SD 1.x / 2.x folder to OpenVINO IR.

    Inputs: sample Bx4xHxW latent, timestep (B,), encoder states BxTxC (free sizes, traced at
    1x4x(size/8)x(size/8) and 77 tokens); text encoder input ids 1x77 (static).
    SD-Turbo: 7.4 GB peak memory; 17 minutes on 2 cores shared with a load average of 20 (PERF-NOTES:
    87-142 s for the UNet on an idle machine). Returns the relative
    paths written (under ``<folder>/openvino``). Raises ValueError for SDXL or LCM UNets.
    """
    import openvino as ov
    import torch
    from diffusers import UNet2DConditionModel
    from diffusers.models.attention_processor import AttnProcessor2_0
    from transformers import CLIPTextModel

    out = ir_folder(folder)
    report(0.02, "imagegen.progress.convert_text")
    text = CLIPTextModel.from_pretrained(folder, subfolder="text_encoder", variant=_variant(folder, "text_encoder",
                                                                                            variant),
                                         dtype=torch.float32, local_files_only=True).eval()
    ids = torch.zeros((1, text.config.max_position_embeddings), dtype=torch.int64)
    with torch.no_grad():
        ov_text = ov.convert_model(_TextEncoder(text), example_input=(ids,), input=[((1, ids.shape[1]), ov.Type.i64)])
    _name_io(ov_text, ["input_ids"], ["last_hidden_state"])
    _save(ov_text, out / "text_encoder.xml")
    hidden = text.config.hidden_size
    del text, ov_text
    report(0.15, "imagegen.progress.convert_unet")
    unet = UNet2DConditionModel.from_pretrained(folder, subfolder="unet", variant=_variant(folder, "unet", variant),
                                                dtype=torch.float32, local_files_only=True).eval()
    if unet.config.addition_embed_type or unet.config.time_cond_proj_dim:
        raise ValueError(f"{folder}: this UNet needs extra conditioning (SDXL or LCM): the OpenVINO engine "
                         "runs SD 1.x / 2.x UNets only.")
    unet.set_attn_processor(AttnProcessor2_0())
    side = size // 8
    example = (torch.randn(1, unet.config.in_channels, side, side), torch.tensor([999.0]),
               torch.randn(1, 77, hidden))
    with torch.no_grad():
        # batch, height, width and tokens stay free in the file: fixed constants would tie it to one shape
        ov_unet = ov.convert_model(_UNet(unet), example_input=example,
                                   input=[((-1, unet.config.in_channels, -1, -1), ov.Type.f32), ((-1,), ov.Type.f32),
                                          ((-1, -1, hidden), ov.Type.f32)])
    _name_io(ov_unet, ["sample", "timestep", "encoder_hidden_states"], ["noise_pred"])
    del unet
    report(0.8, "imagegen.progress.convert_save")
    _save(ov_unet, out / "unet.xml")
    report(1.0, "imagegen.progress.convert_done")
    return ir_files(SD_PARTS)


def convert_sdxl(folder: Path, variant: str | None = None, size: int = 512, report: Report = _quiet) -> list[str]:
    """Convert the UNet and both text encoders of a diffusers SDXL folder (SDXL-Turbo, SDXL base) to
    OpenVINO IR.

    Text encoders (input ids 1x77, static), as diffusers' ``StableDiffusionXLPipeline.encode_prompt``
    uses them: ``text_encoder`` (CLIPTextModel) -> penultimate hidden states 1x77x768;
    ``text_encoder_2`` (CLIPTextModelWithProjection) -> penultimate hidden states 1x77x1280 and the
    pooled projection ``text_embeds`` 1x1280 (published sizes). The UNet takes sample Bx4xHxW,
    timestep (B,), encoder states BxTx(768+1280), ``text_embeds`` BxP and ``time_ids`` Bx6 (original
    size, crop top-left, target size, in pixels); batch, height, width and tokens stay free.
    Returns the relative paths written. Raises ValueError for a folder without both text encoders
    (an SDXL refiner) or with a guidance-embedding UNet (LCM).
    """
    import openvino as ov
    import torch
    from diffusers import UNet2DConditionModel
    from diffusers.models.attention_processor import AttnProcessor2_0
    from transformers import CLIPTextModel, CLIPTextModelWithProjection

    folder = Path(folder)
    if not (folder / "text_encoder").is_dir() or not (folder / "text_encoder_2").is_dir():
        raise ValueError(f"{folder}: an SDXL folder needs text_encoder and text_encoder_2 (a refiner has one).")
    out = ir_folder(folder)
    widths = []
    for index, (sub, model_class, forward) in enumerate((("text_encoder", CLIPTextModel, _Penultimate),
                                                         ("text_encoder_2", CLIPTextModelWithProjection,
                                                          _PenultimatePooled))):
        report(0.02 + 0.06 * index, "imagegen.progress.convert_text")
        text = model_class.from_pretrained(folder, subfolder=sub, variant=_variant(folder, sub, variant),
                                           dtype=torch.float32, local_files_only=True).eval()
        ids = torch.zeros((1, text.config.max_position_embeddings), dtype=torch.int64)
        with torch.no_grad():
            ov_text = ov.convert_model(forward(text), example_input=(ids,),
                                       input=[((1, ids.shape[1]), ov.Type.i64)])
        _name_io(ov_text, ["input_ids"], ["hidden_states"] + (["text_embeds"] if index else []))
        _save(ov_text, out / f"{sub}.xml")
        widths.append(text.config.hidden_size)
        pooled = getattr(text.config, "projection_dim", 0)
        del text, ov_text
    report(0.15, "imagegen.progress.convert_unet")
    unet = UNet2DConditionModel.from_pretrained(folder, subfolder="unet", variant=_variant(folder, "unet", variant),
                                                dtype=torch.float32, local_files_only=True).eval()
    if unet.config.addition_embed_type != "text_time" or unet.config.time_cond_proj_dim:
        raise ValueError(f"{folder}: not an SDXL UNet (addition_embed_type 'text_time' without guidance "
                         "embedding expected).")
    unet.set_attn_processor(AttnProcessor2_0())
    side, hidden = size // 8, sum(widths)
    example = (torch.randn(1, unet.config.in_channels, side, side), torch.tensor([999.0]),
               torch.randn(1, 77, hidden), torch.randn(1, pooled), torch.tensor([[size, size, 0, 0, size, size]],
                                                                                 dtype=torch.float32))
    with torch.no_grad():
        ov_unet = ov.convert_model(_UNetXL(unet), example_input=example,
                                   input=[((-1, unet.config.in_channels, -1, -1), ov.Type.f32), ((-1,), ov.Type.f32),
                                          ((-1, -1, hidden), ov.Type.f32), ((-1, pooled), ov.Type.f32),
                                          ((-1, 6), ov.Type.f32)])
    _name_io(ov_unet, ["sample", "timestep", "encoder_hidden_states", "text_embeds", "time_ids"], ["noise_pred"])
    del unet
    report(0.8, "imagegen.progress.convert_save")
    _save(ov_unet, out / "unet.xml")
    report(1.0, "imagegen.progress.convert_done")
    return ir_files(SDXL_PARTS)


def convert_taesd(folder: Path, size: int = 512, report: Report = _quiet) -> list[str]:
    """Convert a TAESD folder (diffusers AutoencoderTiny) to OpenVINO IR: decoder latent 1x4xSxS ->
    picture 1x3x(8S)x(8S) in [-1, 1]; encoder picture in [-1, 1] -> latent. Takes a few seconds."""
    import openvino as ov
    import torch
    from diffusers import AutoencoderTiny

    out = ir_folder(folder)
    report(0.1, "imagegen.progress.convert_decoder")
    vae = AutoencoderTiny.from_pretrained(folder, dtype=torch.float32, local_files_only=True).eval()
    latent = torch.randn(1, vae.config.latent_channels, size // 8, size // 8)
    picture = torch.rand(1, 3, size, size) * 2 - 1
    with torch.no_grad():
        dec = ov.convert_model(_Decode(vae), example_input=(latent,), input=[((-1, latent.shape[1], -1, -1),
                                                                                ov.Type.f32)])
        enc = ov.convert_model(_Encode(vae), example_input=(picture,), input=[((-1, 3, -1, -1), ov.Type.f32)])
    _name_io(dec, ["latents"], ["image"])
    _name_io(enc, ["image"], ["latents"])
    _save(dec, out / "decoder.xml")
    _save(enc, out / "encoder.xml")
    report(1.0, "imagegen.progress.convert_done")
    return ir_files(TAESD_PARTS)


def compress_int8(folder: Path, report: Report = _quiet) -> list[str]:
    """Int8 weight-only compression of the converted UNet with NNCF (8-bit asymmetric, per output
    channel; activations keep the CPU's precision). Writes ``openvino/unet-int8.xml/.bin``."""
    import nncf
    import openvino as ov

    report(0.1, "imagegen.progress.compress")
    model = ov.Core().read_model(ir_folder(folder) / "unet.xml")
    compressed = nncf.compress_weights(model, mode=nncf.CompressWeightsMode.INT8_ASYM)
    _save(compressed, ir_folder(folder) / f"{INT8_PART}.xml")
    report(1.0, "imagegen.progress.convert_done")
    return ir_files((INT8_PART,))


def _variant(folder: Path, sub: str, variant: str | None) -> str | None:
    """The variant to read when its files exist (a library folder may hold plain files only)."""
    if variant and (any((Path(folder) / sub).glob(f"*.{variant}.safetensors"))
                    or any((Path(folder) / sub).glob(f"*.{variant}.bin"))):
        return variant
    return None


def _name_io(model, inputs: list[str], outputs: list[str]) -> None:
    for port, name in zip(model.inputs, inputs):
        port.get_tensor().set_names({name})
    for port, name in zip(model.outputs, outputs):
        port.get_tensor().set_names({name})


def _unet_forward(self, sample, timestep, encoder_hidden_states):
    return self.inner(sample, timestep, encoder_hidden_states, return_dict=False)[0]


def _text_forward(self, input_ids):
    return self.inner(input_ids=input_ids).last_hidden_state


def _unet_xl_forward(self, sample, timestep, encoder_hidden_states, text_embeds, time_ids):
    return self.inner(sample, timestep, encoder_hidden_states, return_dict=False,
                      added_cond_kwargs={"text_embeds": text_embeds, "time_ids": time_ids})[0]


def _penultimate_forward(self, input_ids):
    # SDXL reads the hidden states before the last layer (encode_prompt: hidden_states[-2])
    return self.inner(input_ids=input_ids, output_hidden_states=True).hidden_states[-2]


def _penultimate_pooled_forward(self, input_ids):
    out = self.inner(input_ids=input_ids, output_hidden_states=True)
    return out.hidden_states[-2], out.text_embeds


def _decode_forward(self, latents):
    return self.inner.decode(latents, return_dict=False)[0]


def _encode_forward(self, image):
    return self.inner.encode(image).latents


def _wrap(forward):
    """A builder of torch modules with plain tensor inputs and one tensor output (what tracing wants)."""
    def build(inner):
        import torch

        cls = type("Traced", (torch.nn.Module,), {"forward": forward})
        module = cls()
        module.inner = inner
        return module.eval()
    return build


_UNet, _TextEncoder, _Decode, _Encode = (_wrap(_unet_forward), _wrap(_text_forward), _wrap(_decode_forward),
                                         _wrap(_encode_forward))
_UNetXL, _Penultimate, _PenultimatePooled = (_wrap(_unet_xl_forward), _wrap(_penultimate_forward),
                                             _wrap(_penultimate_pooled_forward))


# -- running ---------------------------------------------------------------------------------------
class _Part:
    """One IR file compiled per static input shape (the shapes seen by this process)."""

    def __init__(self, core, xml: Path, config: dict):
        self.core, self.xml, self.config = core, Path(xml), config
        self.model = core.read_model(self.xml)
        self.names = [p.get_any_name() for p in self.model.inputs]
        shapes = [p.get_partial_shape() for p in self.model.inputs]
        self.saved_shape = tuple(tuple(s.to_shape()) for s in shapes) if all(s.is_static for s in shapes) else None
        states = shapes[self.names.index("encoder_hidden_states")] if "encoder_hidden_states" in self.names \
            else shapes[-1]
        last = states[states.rank.get_length() - 1]
        self.hidden = last.get_length() if last.is_static else 0  # the UNet's encoder states width
        self._compiled: dict[tuple, object] = {}
        self.compile_s = 0.0

    def request(self, shapes: tuple):
        if shapes not in self._compiled:
            started = time.perf_counter()
            if shapes == self.saved_shape:  # the file's own static shape: the cache is keyed by the file
                compiled = self.core.compile_model(self.xml, "CPU", self.config)
            else:
                model = self.core.read_model(self.xml)
                model.reshape({n: list(s) for n, s in zip(self.names, shapes)})
                compiled = self.core.compile_model(model, "CPU", self.config)
            self._compiled[shapes] = compiled.create_infer_request()
            self.compile_s += time.perf_counter() - started
        return self._compiled[shapes]

    @property
    def shapes(self) -> list[tuple]:
        """The input shapes compiled so far in this process (one compiled model each)."""
        return list(self._compiled)

    def __call__(self, *arrays):
        """The first output for these inputs (numpy arrays, in the IR's input order)."""
        return self.outputs(*arrays)[0]

    def outputs(self, *arrays) -> list:
        """Every output (numpy arrays, in the IR's output order)."""
        import numpy as np

        arrays = [np.ascontiguousarray(a) for a in arrays]
        request = self.request(tuple(tuple(a.shape) for a in arrays))
        request.infer(dict(zip(self.names, arrays)))
        return [request.get_output_tensor(i).data.copy() for i in range(len(request.model_outputs))]


class OpenVINOImageModel:
    """The OpenVINO counterpart of ``ImageModel`` (same ``generate`` / ``encode`` / ``prompt_embeds``).

    Not thread-safe: used by the worker only. ``made_by`` names what made the pictures, e.g.
    "OpenVINO bf16" (shown with the job result and written into the PNG).
    """

    PROMPT_CACHE = 64
    device = "cpu"
    tiny_decoder = True

    def __init__(self, facts, scheduler, tokenizer, parts: dict[str, _Part], precision: str,
                 latent_scale: float, vae_scale: float, tokenizer_2=None):
        self.facts = facts
        self.scheduler = scheduler
        self.tokenizer = tokenizer
        self.tokenizer_2 = tokenizer_2  # SDXL's second tokenizer (None for SD 1.x / 2.x)
        # SDXL: the PyTorch path gives the pipeline one prompt (77 tokens), so the UNet has one length
        self.unet_chunks = 1 if facts.pipeline == "sdxl" else self.UNET_CHUNKS
        self.parts = parts
        self.precision = precision
        self.latent_scale = latent_scale  # TAESD's scaling_factor (1.0)
        self.vae_scale = vae_scale
        self._prompts: OrderedDict[str, object] = OrderedDict()

    @property
    def made_by(self) -> str:
        """"OpenVINO bf16", "OpenVINO f32" or "OpenVINO int8" (int8 weights, activations in the CPU's precision)."""
        return f"OpenVINO {self.precision}"

    @classmethod
    def load(cls, folder: Path, facts, decoder_folder: Path, precision: str | None = None) -> "OpenVINOImageModel":
        """Read the converted IR (already verified against the lock) and prepare compilation.

        precision: 'bf16' | 'f32' | 'int8' (int8 weights, activations in the CPU's precision); None
        picks ``cpu_precision()``. Compilation happens at the first picture of each shape.
        """
        import openvino as ov
        from diffusers import AutoencoderTiny
        from transformers import CLIPTokenizer

        precision = precision or cpu_precision()
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS} but is {precision!r}.")
        if precision == "bf16" and cpu_precision() == "f32":
            precision = "f32"  # no bf16 units: OpenVINO would compute in f32 anyway; say so
        core = ov.Core()
        config = compile_config(precision)
        unet_part = INT8_PART if precision == "int8" else "unet"
        parts = {"unet": _Part(core, ir_folder(folder) / f"{unet_part}.xml", config),
                 "text_encoder": _Part(core, ir_folder(folder) / "text_encoder.xml", config),
                 "decoder": _Part(core, ir_folder(decoder_folder) / "decoder.xml", config),
                 "encoder": _Part(core, ir_folder(decoder_folder) / "encoder.xml", config)}
        tokenizer_2 = None
        if facts.pipeline == "sdxl":
            parts["text_encoder_2"] = _Part(core, ir_folder(folder) / "text_encoder_2.xml", config)
            tokenizer_2 = CLIPTokenizer.from_pretrained(folder, subfolder="tokenizer_2", local_files_only=True)
        scheduler = _load_scheduler(folder)
        tokenizer = CLIPTokenizer.from_pretrained(folder, subfolder="tokenizer", local_files_only=True)
        taesd_config = AutoencoderTiny.load_config(decoder_folder)
        return cls(facts, scheduler, tokenizer, parts, precision,
                   latent_scale=float(taesd_config.get("scaling_factor", 1.0)),
                   vae_scale=2 ** (len(taesd_config.get("decoder_block_out_channels", (0,) * 4)) - 1),
                   tokenizer_2=tokenizer_2)

    def cache_hits(self) -> dict[str, bool]:
        """Per part compiled so far: True when OpenVINO loaded it from the compiled-model cache
        (``LOADED_FROM_CACHE``), False when it was compiled in this process."""
        return {name: all(request.get_compiled_model().get_property("LOADED_FROM_CACHE")
                          for request in part._compiled.values())
                for name, part in self.parts.items() if part.shapes}

    @property
    def compile_seconds(self) -> float:
        return sum(p.compile_s for p in self.parts.values())

    def warm_up(self, width: int = 512, height: int = 512) -> None:
        """Compile the usual shapes now (text encoder, UNet at one and two prompt chunks, decoder):
        the worker does it while loading, so the first picture's steps are not held up."""
        side_h, side_w = height // self.vae_scale, width // self.vae_scale
        batch, tokens = (2 if self.facts.guidance > 1 else 1), self.tokenizer.model_max_length
        self.parts["text_encoder"].request(((1, tokens),))
        # one UNet shape for a panel alone and a panel with its hero's description (see unet_states)
        shapes = ((batch, 4, side_h, side_w), (batch,), (batch, tokens * self.unet_chunks, self.parts["unet"].hidden))
        if self.tokenizer_2 is not None:
            self.parts["text_encoder_2"].request(((1, self.tokenizer_2.model_max_length),))
            pooled = self.parts["unet"].model.input("text_embeds").get_partial_shape()[1].get_length()
            shapes += ((batch, pooled), (batch, 6))
        self.parts["unet"].request(shapes)
        self.parts["decoder"].request(((1, 4, side_h, side_w),))

    # -- prompts ----------------------------------------------------------------------------
    def encode(self, text: str):
        """The text encoder's last hidden state (1x77xC torch tensor) for one chunk, cached."""
        if text in self._prompts:
            self._prompts.move_to_end(text)
            return self._prompts[text]
        import torch

        ids = self.tokenizer(text, padding="max_length", max_length=self.tokenizer.model_max_length,
                             truncation=True, return_tensors="np").input_ids.astype("int64")
        embeds = torch.from_numpy(self.parts["text_encoder"](ids))
        self._prompts[text] = embeds
        while len(self._prompts) > self.PROMPT_CACHE:
            self._prompts.popitem(last=False)
        return embeds

    UNET_CHUNKS = 2  # the UNet is compiled for 2 prompt chunks (154 tokens): one shape, one compiled model

    def encode_xl(self, text: str):
        """SDXL's prompt encoding, as diffusers' ``StableDiffusionXLPipeline.encode_prompt`` (no clip
        skip): the penultimate hidden states of both text encoders joined along the channel axis
        (1x77x(768+1280) for the published sizes) and the pooled projection of ``text_encoder_2``
        (1x1280), both torch tensors; cached per text."""
        key = "\0xl\0" + text
        if key in self._prompts:
            self._prompts.move_to_end(key)
            return self._prompts[key]
        import torch

        states = []
        for tokenizer, name in ((self.tokenizer, "text_encoder"), (self.tokenizer_2, "text_encoder_2")):
            ids = tokenizer(text, padding="max_length", max_length=tokenizer.model_max_length, truncation=True,
                            return_tensors="np").input_ids.astype("int64")
            outputs = self.parts[name].outputs(ids)
            states.append(torch.from_numpy(outputs[0]))
        pooled = torch.from_numpy(outputs[1])
        self._prompts[key] = (torch.cat(states, dim=-1), pooled)
        while len(self._prompts) > self.PROMPT_CACHE:
            self._prompts.popitem(last=False)
        return self._prompts[key]

    def unet_states(self, embeds):
        """The encoder states given to the UNet: a one-chunk prompt (Bx77xC) is repeated to the
        compiled two-chunk length (Bx154xC); longer prompts are unchanged.

        Exact: cross-attention over keys and values repeated k times gives the same weighted
        average (each softmax weight is divided by k and each value counted k times), so the
        UNet is compiled once (one 1.7 GB compiled model for SD-Turbo, not one per length)."""
        chunk = self.tokenizer.model_max_length
        count = embeds.shape[1] // chunk
        if embeds.shape[1] % chunk or count >= self.unet_chunks or self.unet_chunks % count:
            return embeds
        return embeds.repeat(1, self.unet_chunks // count, 1)

    def prompt_embeds(self, chunks: list[str]):
        """Chunks encoded one by one and joined along the token axis (as ImageModel does)."""
        import torch

        parts = [self.encode(c) for c in chunks if c.strip()] or [self.encode("")]
        return parts[0] if len(parts) == 1 else torch.cat(parts, dim=1)

    # -- drawing ----------------------------------------------------------------------------
    def generate(self, chunks: list[str], negative: str, *, seed: int, steps: int, width: int, height: int,
                 init_image: Image.Image | None = None, strength: float = 0.6,
                 on_step: Callable[[int, int], None] | None = None) -> Image.Image:
        """One picture, with the same noise, timesteps and scheduler steps as diffusers'
        StableDiffusionPipeline / StableDiffusionImg2ImgPipeline (SDXL: StableDiffusionXLPipeline /
        StableDiffusionXLImg2ImgPipeline) for the same seed."""
        latents = self.denoise(chunks, negative, seed=seed, steps=steps, width=width, height=height,
                               init_image=init_image, strength=strength, on_step=on_step)
        return self.decode(latents)

    def denoise(self, chunks: list[str], negative: str, *, seed: int, steps: int, width: int, height: int,
                init_image: Image.Image | None = None, strength: float = 0.6,
                on_step: Callable[[int, int], None] | None = None):
        """The final latents (torch tensor 1x4x(height/8)x(width/8)) before decoding."""
        import torch
        from diffusers.utils.torch_utils import randn_tensor

        if self.facts.pipeline not in ("sd", "sdxl"):
            raise ValueError(f"the OpenVINO engine runs SD 1.x / 2.x / SDXL folders, not {self.facts.pipeline!r}.")
        generator = torch.Generator("cpu").manual_seed(seed)
        guidance = self.facts.guidance
        added: tuple = ()
        if self.facts.pipeline == "sdxl":
            # as ImageModel: the chunks joined into one prompt, the negative prompt encoded (not zeroed)
            embeds, pooled = self.encode_xl(", ".join(c for c in chunks if c.strip()))
            if guidance > 1:
                negative_embeds, negative_pooled = self.encode_xl(negative)
                embeds, pooled = torch.cat([negative_embeds, embeds]), torch.cat([negative_pooled, pooled])
            # time ids: original size, crop top-left (0, 0), target size, as (height, width) in pixels
            time_ids = torch.tensor([[height, width, 0, 0, height, width]], dtype=torch.float32)
            added = (pooled.numpy(), time_ids.repeat(pooled.shape[0], 1).numpy())
        else:
            embeds = self.prompt_embeds(chunks)
            if guidance > 1:
                negatives = [negative] + [""] * (len([c for c in chunks if c.strip()]) - 1)
                embeds = torch.cat([self.prompt_embeds(negatives), embeds])
        scheduler = self.scheduler
        shape = (1, 4, height // self.vae_scale, width // self.vae_scale)
        if init_image is None:
            scheduler.set_timesteps(steps, device="cpu")
            timesteps = scheduler.timesteps
            if self.facts.pipeline == "sdxl" and hasattr(scheduler, "set_begin_index"):
                scheduler.set_begin_index(0)  # as StableDiffusionXLPipeline does before its loop
            latents = randn_tensor(shape, generator=generator, device=torch.device("cpu"), dtype=torch.float32)
            latents = latents * scheduler.init_noise_sigma
        else:
            run_steps = max(steps, math.ceil(1 / strength))  # as ImageModel.generate
            scheduler.set_timesteps(run_steps, device="cpu")
            start = max(run_steps - min(int(run_steps * strength), run_steps), 0)
            timesteps = scheduler.timesteps[start * scheduler.order:]
            if hasattr(scheduler, "set_begin_index"):
                scheduler.set_begin_index(start * scheduler.order)
            picture = init_image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
            pixels = self.processor.preprocess(picture).to(torch.float32).numpy()
            init_latents = torch.from_numpy(self.parts["encoder"](pixels)) * self.latent_scale
            noise = randn_tensor(init_latents.shape, generator=generator, device=torch.device("cpu"),
                                 dtype=torch.float32)
            latents = scheduler.add_noise(init_latents, noise, timesteps[:1].repeat(1))
        extra = {}
        accepted = set(inspect.signature(scheduler.step).parameters)
        if "eta" in accepted:
            extra["eta"] = 0.0
        if "generator" in accepted:
            extra["generator"] = generator
        total = len(timesteps)
        states = self.unet_states(embeds).numpy()
        for index, t in enumerate(timesteps):
            model_in = torch.cat([latents] * 2) if guidance > 1 else latents
            model_in = scheduler.scale_model_input(model_in, t)
            timestep = torch.tensor([float(t)] * model_in.shape[0], dtype=torch.float32).numpy()
            noise_pred = torch.from_numpy(self.parts["unet"](model_in.numpy().astype("float32"), timestep, states,
                                                             *added))
            if guidance > 1:
                uncond, cond = noise_pred.chunk(2)
                noise_pred = uncond + guidance * (cond - uncond)
            latents = scheduler.step(noise_pred, t, latents, **extra, return_dict=False)[0]
            if on_step is not None:
                on_step(index + 1, total)
        return latents

    def decode(self, latents) -> Image.Image:
        """Latents -> picture with the TAESD decoder (values in [-1, 1] -> 8-bit RGB, as diffusers)."""
        import torch

        image = torch.from_numpy(self.parts["decoder"]((latents / self.latent_scale).numpy().astype("float32")))
        return self.processor.postprocess(image, output_type="pil", do_denormalize=[True])[0]

    @property
    def processor(self):
        from diffusers.image_processor import VaeImageProcessor

        if getattr(self, "_processor", None) is None:
            self._processor = VaeImageProcessor(vae_scale_factor=self.vae_scale)
        return self._processor


def _load_scheduler(folder: Path):
    """The folder's scheduler class and config, as diffusers' pipeline loading builds it."""
    import diffusers

    config = json.loads((Path(folder) / "scheduler" / "scheduler_config.json").read_text())
    scheduler_class = getattr(diffusers, config["_class_name"])
    return scheduler_class.from_pretrained(folder, subfolder="scheduler", local_files_only=True)


# -- int8 option: a picture comparison decides whether it is offered --------------------------------
def psnr(a, b) -> float:
    """Peak signal-to-noise ratio in dB of two 8-bit pictures (PIL images or uint8 arrays)."""
    import numpy as np

    x, y = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    mse = float(np.mean((x - y) ** 2))
    return float("inf") if mse == 0 else 10 * math.log10(255.0 ** 2 / mse)


COMPARISON_PROMPTS = ("a small blue dragon with a red scarf eats an ice cream on the beach",
                      "a castle in the forest under the moon, comic panel")


def compare_int8(folder: Path, facts, decoder_folder: Path, reference: str | None = None,
                 report: Report = _quiet) -> dict:
    """Draw the comparison prompts with the reference precision and with int8 weights (same seeds),
    return {"psnr_db": worst PSNR, "tolerance_db", "passed", "reference", "date"} and write it
    to ``openvino/int8-check.json`` (read by ``int8_offered``)."""
    reference = reference or cpu_precision()
    results = []
    base = OpenVINOImageModel.load(folder, facts, decoder_folder, reference)
    quick = OpenVINOImageModel.load(folder, facts, decoder_folder, "int8")
    for i, prompt in enumerate(COMPARISON_PROMPTS):
        report(0.1 + 0.8 * i / len(COMPARISON_PROMPTS), "imagegen.progress.compare")
        a = base.generate([prompt], "", seed=i, steps=facts.steps, width=facts.size, height=facts.size)
        b = quick.generate([prompt], "", seed=i, steps=facts.steps, width=facts.size, height=facts.size)
        results.append(psnr(a, b))
    worst = min(results)
    check = {"psnr_db": round(worst, 2), "tolerance_db": INT8_MIN_PSNR, "passed": worst >= INT8_MIN_PSNR,
             "reference": reference, "prompts": len(results), "date": datetime.now().isoformat(timespec="seconds")}
    (ir_folder(folder) / INT8_CHECK).write_text(json.dumps(check, indent=2))
    report(1.0, "imagegen.progress.convert_done")
    return check


def int8_check(folder: Path) -> dict | None:
    """The last int8 picture comparison of a model folder, or None."""
    path = ir_folder(folder) / INT8_CHECK
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        return None


# -- installed catalogue models ------------------------------------------------------------------
def parts_of(entry) -> tuple[str, ...]:
    """The parts this engine makes from a catalogue entry: () when it does not run that model."""
    if entry.capability == "imagegen.decoder" and entry.id in ("taesd", "taesdxl"):
        return TAESD_PARTS  # both tiny autoencoders are diffusers AutoencoderTiny folders
    if entry.capability == "imagegen.txt2img":
        if entry.backend == "imagegen.txt2img.sdxl":
            return ()  # SDXL-Turbo is offered with a graphics card of 8 GB or more only: PyTorch computes there
        return {"sd": SD_PARTS, "sdxl": SDXL_PARTS}.get(entry.pipeline or "sd", ())
    return ()


def is_converted(model_id: str, manager=None) -> bool:
    """True when the model's IR files were made from its installed files and recorded in its lock."""
    from ..models.manager import ModelManager

    manager = manager or ModelManager()
    parts = parts_of(manager.entry(model_id))
    return bool(parts) and manager.derived_ready(model_id, ir_files(parts))


def convert_installed(model_id: str, report: Report = _quiet, manager=None) -> list[str]:
    """Convert an installed catalogue model (SD 1.x/2.x or SDXL folder, TAESD/TAESDXL) to OpenVINO IR beside its
    files and record them, with their sha256, in its lock. Returns the recorded relative paths.
    Raises ValueError for a model this engine does not run."""
    import openvino as ov

    from ..models.manager import ModelManager
    from .model import ModelFacts

    manager = manager or ModelManager()
    entry = manager.entry(model_id)
    parts = parts_of(entry)
    if not parts:
        raise ValueError(f"the OpenVINO engine does not run {model_id!r} (SD 1.x / 2.x / SDXL folders and "
                         "TAESD / TAESDXL only).")
    folder = manager.verified_path(model_id)
    if parts == TAESD_PARTS:
        paths = convert_taesd(folder, report=report)
    else:
        facts = ModelFacts.from_entry(entry)
        convert = convert_sdxl if parts == SDXL_PARTS else convert_sd
        paths = convert(folder, facts.variant, facts.size, report=report)
    manager.record_derived(model_id, paths, made_by=f"OpenVINO {ov.__version__.split('-')[0]} convert_model")
    return paths


def compress_installed(model_id: str, report: Report = _quiet, manager=None) -> list[str]:
    """Int8 weights of an installed, converted SD / SDXL model's UNet (NNCF), recorded in its lock."""
    import nncf

    from ..models.manager import ModelManager

    manager = manager or ModelManager()
    folder = manager.verified_derived(model_id, ir_files(parts_of(manager.entry(model_id))))
    paths = compress_int8(folder, report=report)
    manager.record_derived(model_id, paths, made_by=f"NNCF {nncf.__version__} compress_weights INT8_ASYM")
    return paths


def choices_path() -> Path:
    return Path(settings().data_dir) / "imagegen-engine.json"


def chosen_precision(model_id: str) -> str:
    """The precision to run a model with: 'int8' when the facilitator turned it on after a passed
    picture comparison (models page), else the CPU's ('bf16' or 'f32')."""
    try:
        choices = json.loads(choices_path().read_text())
    except (OSError, json.JSONDecodeError):
        choices = {}
    if choices.get(model_id) == "int8":
        from ..models.manager import ModelManager

        check = int8_check(ModelManager().folder(model_id)) or {}
        if check.get("passed"):
            return "int8"
    return cpu_precision()


def set_int8(model_id: str, on: bool) -> None:
    """Turn int8 weights on or off for a model (only offered when its comparison passed)."""
    path = choices_path()
    try:
        choices = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        choices = {}
    if on:
        choices[model_id] = "int8"
    else:
        choices.pop(model_id, None)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(choices, indent=2))


PYTORCH_REASONS = {  # engine_reason() -> the doctor's words (the models page says them through t())
    "setting": "engine = pytorch in the settings", "failed": "OpenVINO failed", "gpu": "graphics card",
    "no_openvino": "the openvino package is not installed",
    "no_taesd": "the tiny decoder (TAESD, TAESDXL for SDXL) is not installed"}
SDXL_NOTE = ("a library's SDXL folder runs on OpenVINO with TAESDXL installed; SDXL-Turbo is offered with a "
             "graphics card of 8 GB or more only, where PyTorch computes")


def engine_summary() -> list[dict]:
    """For doctor and the models page: per installed picture model, the engine the registry picks,
    its precision and why, and the state of its OpenVINO files and int8 comparison."""
    from .. import backends
    from ..models.manager import ModelManager

    manager = ModelManager()
    rows = []
    for backend in backends.for_capability("imagegen.txt2img"):
        if not backend.is_available():
            continue
        facts = backend.facts()
        reason = backend.engine_reason()
        engine = "pytorch" if reason else "openvino"
        row = {"backend": backend.name, "model": facts.model_id, "decoder": facts.decoder_id, "engine": engine,
               "precision": "",
               "reason": reason, "why": "", "converted": False, "int8": None, "int8_on": False}
        if engine == "openvino":
            flags = cpu_flags() & {"amx_bf16", "avx512_bf16"}
            row["precision"] = chosen_precision(facts.model_id)
            row["why"] = ("bf16 units: " + ", ".join(sorted(flags))) if flags else "no bf16 units: f32"
            row["converted"] = is_converted(facts.model_id, manager) and is_converted(facts.decoder_id, manager)
            row["int8"] = int8_check(manager.folder(facts.model_id))
            row["int8_on"] = row["precision"] == "int8"
        else:
            row["precision"] = "fp16" if backend_device_is_gpu() else "fp32"
            row["why"] = backend.engine_failed or PYTORCH_REASONS[reason]
        rows.append(row)
    return rows


def backend_device_is_gpu() -> bool:
    from ..device import probe

    return probe().has_gpu
