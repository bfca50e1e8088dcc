"""The call contracts of the picture capabilities: one request in, one picture (or verdict) out."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, ClassVar, Protocol, runtime_checkable

from PIL import Image


@dataclass
class StyliseRequest:
    """image: any PIL image (converted to RGB); style: a key of imagegen.styles or None (the default look)."""

    image: Image.Image
    style: str | None = None


@runtime_checkable
class Styliser(Protocol):
    """imagegen.stylise: redraw a picture as a comic (ink lines, flat colours, halftone dots)."""

    ai_made: ClassVar[bool]

    def __call__(self, request: StyliseRequest) -> Image.Image:
        """An RGB image of the same size. Raises UserError for an unknown style."""


@dataclass
class DrawRequest:
    """What the denoiser is given, already screened and translated (generate_image does both).

    chunks: English prompt chunks encoded separately and concatenated (a hero described once, then
    the panel), each at most 77 CLIP tokens; negative: the negative prompt; seed: 0 <= seed < 2**32;
    steps: denoising steps (1..the model's max_steps); width, height: pixels, multiples of 8 in
    256..1024; init_image: the drawing for drawing->image (img2img), else None; strength: 0.1..1,
    how far the picture may move from the drawing (img2img runs int(steps * strength) steps, at
    least one); on_step(done, total): called after every denoising step.
    """

    chunks: list[str]
    negative: str
    seed: int
    steps: int
    width: int = 512
    height: int = 512
    init_image: Image.Image | None = None
    strength: float = 0.6
    on_step: Callable[[int, int], None] | None = None


@runtime_checkable
class Drawer(Protocol):
    """imagegen.txt2img and imagegen.img2img: draw a picture from words (and a drawing)."""

    ai_made: ClassVar[bool]

    def facts(self):
        """The model's ModelFacts (default steps, max steps, guidance, size), read from the catalogue."""

    def __call__(self, request: DrawRequest) -> Image.Image:
        """An RGB image of (request.width, request.height), loading the model on first use.
        Raises UserError when weights are missing or the device cannot run the model."""


@runtime_checkable
class SafetyChecker(Protocol):
    """imagegen.safety: is a picture unsuitable for children?"""

    ai_made: ClassVar[bool]

    def __call__(self, image: Image.Image) -> bool:
        """True when the picture should be replaced (any size, converted to RGB)."""


CONTRACTS: dict[str, type] = {"imagegen.stylise": Styliser, "imagegen.txt2img": Drawer, "imagegen.img2img": Drawer,
                              "imagegen.safety": SafetyChecker}
