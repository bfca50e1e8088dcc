"""A Stable Diffusion model loaded once per worker: text->image, drawing->image on the same
components (no second copy in memory), and a cache of encoded prompts (a hero's description
is encoded once and reused in every panel)."""
from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PIL import Image

StepCallback = Callable[[int, int], None]  # (steps done, steps in all)


@dataclass(frozen=True)
class ModelFacts:
    """How to run one catalogue model: pipeline kind, default and maximum steps, guidance."""

    model_id: str
    pipeline: str  # "sd" (SD 1.x / 2.x / SD-Turbo) or "sdxl"
    variant: str | None
    decoder_id: str | None  # tiny autoencoder catalogue id (taesd / taesdxl)
    steps: int
    max_steps: int
    guidance: float
    size: int  # native side in pixels

    @classmethod
    def from_entry(cls, entry) -> "ModelFacts":
        """Facts from a catalogue entry; Turbo models run 1-4 steps without guidance."""
        extra = entry.extra or {}
        turbo = "turbo" in entry.id
        pipeline = entry.pipeline or "sd"
        return cls(model_id=entry.id, pipeline=pipeline, variant=entry.variant or None,
                   decoder_id=extra.get("decoder", "taesdxl" if pipeline == "sdxl" else "taesd"),
                   steps=int(extra.get("steps", 1 if turbo else 20)),
                   max_steps=int(extra.get("max_steps", 8 if turbo else 50)),
                   guidance=float(extra.get("guidance", 0.0 if turbo else 7.0)),
                   size=int(extra.get("size", 512 if turbo or pipeline == "sd" else 1024)))


class ImageModel:
    """One loaded pipeline and what is built on it. Not thread-safe: used by the worker only."""

    PROMPT_CACHE = 64

    def __init__(self, pipe, facts: ModelFacts, device: str, tiny_decoder: bool):
        self.pipe = pipe
        self.facts = facts
        self.device = device
        self.tiny_decoder = tiny_decoder
        self._img2img = None
        self._prompts: OrderedDict[str, object] = OrderedDict()
        dtype = str(getattr(pipe.unet, "dtype", "torch.float32")).replace("torch.float", "fp")
        self.made_by = f"PyTorch {dtype}" + (f" ({device})" if device != "cpu" else "")

    # -- loading ----------------------------------------------------------------------------
    @classmethod
    def load(cls, folder: Path, facts: ModelFacts, decoder_folder: Path | None) -> "ImageModel":
        """Load a diffusers folder (never the network); the tiny decoder replaces the VAE when given."""
        import torch
        from diffusers import AutoencoderTiny, StableDiffusionPipeline, StableDiffusionXLPipeline

        from ..device import torch_device
        from .speed import configure_threads, tune_pipeline

        device = torch_device()
        configure_threads()
        # this CPU has no fast fp16/bf16: fp32 there, fp16 on a graphics card
        dtype = torch.float16 if device.startswith(("cuda", "mps")) else torch.float32
        kwargs = {"dtype": dtype, "local_files_only": True}
        if facts.pipeline == "sd":
            kwargs.update(safety_checker=None, feature_extractor=None, requires_safety_checker=False)
        if decoder_folder is not None:
            # passing the tiny decoder as the pipeline's VAE means the big VAE is never read
            kwargs["vae"] = AutoencoderTiny.from_pretrained(decoder_folder, dtype=dtype, local_files_only=True)
        if facts.variant and not _has_variant(folder, facts.variant):
            raise FileNotFoundError(f"{folder} has no '{facts.variant}' weight files (expected e.g. "
                                    f"unet/diffusion_pytorch_model.{facts.variant}.safetensors).")
        pipeline_class = StableDiffusionXLPipeline if facts.pipeline == "sdxl" else StableDiffusionPipeline
        pipe = pipeline_class.from_pretrained(folder, variant=facts.variant, **kwargs)
        pipe.to(device)
        tune_pipeline(pipe, device)
        return cls(pipe, facts, device, tiny_decoder=decoder_folder is not None)

    @property
    def img2img(self):
        """The drawing->image pipeline, built on the very same modules (no copy of the weights)."""
        if self._img2img is None:
            from diffusers import StableDiffusionImg2ImgPipeline, StableDiffusionXLImg2ImgPipeline

            if self.facts.pipeline == "sdxl":
                self._img2img = StableDiffusionXLImg2ImgPipeline(**self.pipe.components)
            else:
                self._img2img = StableDiffusionImg2ImgPipeline(**self.pipe.components)
            self._img2img.set_progress_bar_config(disable=True)
        return self._img2img

    # -- prompts ----------------------------------------------------------------------------
    def encode(self, text: str):
        """The text encoder's output for one chunk of prompt, cached (a hero's description is
        the same in every panel, so it is encoded once)."""
        if text in self._prompts:
            self._prompts.move_to_end(text)
            return self._prompts[text]
        import torch

        with torch.inference_mode():
            embeds, _ = self.pipe.encode_prompt(text, self.device, 1, False)
        self._prompts[text] = embeds
        while len(self._prompts) > self.PROMPT_CACHE:
            self._prompts.popitem(last=False)
        return embeds

    def prompt_embeds(self, chunks: list[str]):
        """Chunks encoded one by one and joined along the token axis (like long-prompt tools do):
        the UNet's cross-attention reads any number of tokens."""
        import torch

        parts = [self.encode(c) for c in chunks if c.strip()] or [self.encode("")]
        return parts[0] if len(parts) == 1 else torch.cat(parts, dim=1)

    # -- drawing ----------------------------------------------------------------------------
    def generate(self, chunks: list[str], negative: str, *, seed: int, steps: int, width: int, height: int,
                 init_image: Image.Image | None = None, strength: float = 0.6,
                 on_step: StepCallback | None = None) -> Image.Image:
        """One picture from prompt chunks (and a drawing, for drawing->image)."""
        import torch

        guidance = self.facts.guidance
        kwargs: dict = {"guidance_scale": guidance, "output_type": "pil",
                        "generator": torch.Generator("cpu").manual_seed(seed)}
        if self.facts.pipeline == "sd":
            kwargs["prompt_embeds"] = self.prompt_embeds(chunks)
            if guidance > 1:
                negatives = [negative] + [""] * (len([c for c in chunks if c.strip()]) - 1)
                kwargs["negative_prompt_embeds"] = self.prompt_embeds(negatives)
        else:  # SDXL has two text encoders and pooled embeddings: let the pipeline encode
            kwargs["prompt"] = ", ".join(c for c in chunks if c.strip())
            if guidance > 1:
                kwargs["negative_prompt"] = negative
        if init_image is None:
            pipe, total = self.pipe, steps
            kwargs.update(width=width, height=height, num_inference_steps=steps)
        else:
            pipe = self.img2img
            # img2img runs int(steps * strength) steps: at least one
            run_steps = max(steps, math.ceil(1 / strength))
            total = max(1, int(run_steps * strength))
            kwargs.update(image=init_image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS),
                          strength=strength, num_inference_steps=run_steps)
        if on_step is not None:
            def step_end(_pipe, index, _timestep, tensors):
                on_step(min(index + 1, total), total)
                return tensors

            kwargs["callback_on_step_end"] = step_end
        with torch.inference_mode():
            return pipe(**kwargs).images[0]


def _has_variant(folder: Path, variant: str) -> bool:
    return any(folder.glob(f"*/*.{variant}.safetensors")) or any(folder.glob(f"*/*.{variant}.bin"))
