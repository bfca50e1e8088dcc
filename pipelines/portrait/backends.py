"""Backends of the portrait workshop (capability `portrait.paint`): the CPU painter (no weights)
and image-to-image on SD-Turbo / SDXL-Turbo that repaints the face more gently than the rest.

Call contract: `backend.paint(framed, request, progress) -> PortraitResult`, where `framed` is a
make.Framed (picture (H, W, 3) uint8 + face box) and the result has the same size.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
from PIL import Image

from ..backends import Backend, Progress, SharedWeightsBackend, choose, get, no_progress
from ..i18n import UserError

CAPABILITY = "portrait.paint"
ALIASES = {"cpu": "portrait.paint.cpu", "sd-turbo": "portrait.paint.sd", "sdxl-turbo": "portrait.paint.sdxl"}


@dataclass
class PortraitResult:
    """A painted portrait and the truth about how it was made."""

    image: np.ndarray  # (H, W, 3) uint8
    backend: str
    ai_made: bool
    model: str  # catalogue model id ("" for the CPU painter)
    method: str  # what made it, in words
    seconds: float
    flagged: bool = False  # the safety checker refused the model's picture; the CPU painting replaces it
    metadata: dict = field(default_factory=dict)


class CpuPainter(Backend):
    """The CPU painter (pipelines/portrait/painter.py): always there, no AI."""

    name = "portrait.paint.cpu"
    capability = CAPABILITY
    label = "portrait.backend.cpu"
    modules = ("cv2", "numpy", "scipy", "skimage")
    ai_made = False
    engine = "opencv"

    def __call__(self, framed, request, progress: Progress = no_progress) -> PortraitResult:
        return self.paint(framed, request, progress)

    def paint(self, framed, request, progress: Progress = no_progress) -> PortraitResult:
        from .painter import paint

        progress(0.1, "portrait.progress.painting")
        painting = paint(framed.image, request.style, framed.face, request.strength, request.seed)
        progress(0.95, "portrait.progress.painting")
        return PortraitResult(painting.image, self.name, False, "", painting.method, painting.seconds,
                              metadata={"Method": painting.method})


class TurboPortrait(SharedWeightsBackend):
    """Image-to-image with the painter's words on the loaded SD-Turbo components (shared with the
    picture workshop: no second copy of the weights). The face is repainted with a lower strength
    than the background, and the two are blended through a feathered face mask, so the sitter is
    still themselves. The safety checker, when installed, looks at the model's picture."""

    name = "portrait.paint.sd"
    capability = CAPABILITY
    label = "portrait.backend.sd_turbo"
    source: ClassVar[str] = "imagegen.txt2img.sd"
    ai_made = True
    engine = "diffusers"
    SIZE: ClassVar[int] = 512  # the model's native width; a 4:5 portrait runs at 512 x 640

    def __call__(self, framed, request, progress: Progress = no_progress) -> PortraitResult:
        self.ensure_loaded()
        return self.paint(framed, request, progress)

    @staticmethod
    def strengths(strength: float) -> tuple[float, float]:
        """(background, face) img2img strengths for the slider's value: the face always gentler."""
        return 0.45 + 0.35 * strength, 0.2 + 0.25 * strength

    def paint(self, framed, request, progress: Progress = no_progress) -> PortraitResult:
        from ..imagegen.generate import _safety_checker
        from .canvas import face_mask
        from .styles import get_style

        started = time.monotonic()
        style = get_style(request.style)
        model = self._source.model
        facts = self._source.facts()
        h, w = framed.image.shape[:2]
        width = min(self.SIZE, w // 8 * 8)  # the model's size, never more than the framed picture
        height = int(round(width * h / w / 8)) * 8
        photo = Image.fromarray(framed.image).resize((width, height), Image.Resampling.LANCZOS)
        prompt = f"{style.prompt}, portrait painting of the same person"
        negative = "photo, photograph, deformed face, extra eyes, text, watermark"
        back_strength, face_strength = self.strengths(request.strength)
        passes = (("background", back_strength, 0.1, 0.5), ("face", face_strength, 0.5, 0.85))
        images = {}
        for key, strength, start, end in passes:
            images[key] = np.asarray(model.generate(
                [prompt], negative, seed=request.seed, steps=facts.steps, width=width, height=height,
                init_image=photo, strength=strength,
                on_step=lambda done, total, a=start, b=end: progress(a + (b - a) * done / total,
                                                                     "portrait.progress.model")).convert("RGB"),
                dtype=np.float32)
        face = framed.face.scaled(width / w) if framed.face is not None else None
        mask = face_mask((height, width), face)[..., None]
        blended = images["face"] * mask + images["background"] * (1 - mask)
        picture = Image.fromarray(np.clip(blended + 0.5, 0, 255).astype(np.uint8)).resize(
            (w, h), Image.Resampling.LANCZOS)
        checker = _safety_checker()
        if checker is not None:
            progress(0.9, "portrait.progress.checking")
            checker.ensure_loaded()
            if checker(picture):
                result = get(CpuPainter.name).paint(framed, request, progress)
                result.flagged = True
                result.metadata["Replaced"] = "the safety checker flagged the model's picture; painted on the CPU"
                return result
        return PortraitResult(np.asarray(picture), self.name, True, facts.model_id,
                              f"image-to-image ({facts.model_id}), face strength {face_strength:.2f}, "
                              f"background strength {back_strength:.2f}", time.monotonic() - started,
                              metadata={"AI-generated": "yes", "Model": facts.model_id, "Prompt": prompt,
                                        "Seed": str(request.seed)})


class SDXLTurboPortrait(TurboPortrait):
    name = "portrait.paint.sdxl"
    label = "portrait.backend.sdxl_turbo"
    source = "imagegen.txt2img.sdxl"
    SIZE = 768


def choose_painter(name: str | None) -> Backend:
    """The backend for `name` ("cpu", "sd-turbo", "sdxl-turbo" or a full backend name); None: the CPU painter.

    The CPU painter is the default even when a model is installed: the model is a choice on the page.
    """
    if name is None:
        return get(CpuPainter.name)
    full = ALIASES.get(name, name)
    try:
        return choose(CAPABILITY, full)
    except KeyError:
        raise UserError("portrait.errors.unknown_backend", backend=name, valid=", ".join(ALIASES)) from None
