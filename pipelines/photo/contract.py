"""The call contract of the photo capabilities: one request in, one result out, for every backend.

Every photo backend is called the same way, ``backend(PhotoRequest(image, ...)) -> PhotoResult``;
each capability reads only the request fields its Protocol names. Images are float32 RGB arrays
shaped (H, W, 3) with values in [0, 1], in the photo's own pixels (no resizing unless the
capability says so). Backend facts (``ai_made``, ``engine``, ``licence``, ``weights``) are class
attributes (see :mod:`pipelines.backends`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

import numpy as np

from ..backends import Progress, no_progress


@dataclass
class PhotoRequest:
    """The input of one photo step.

    image: float32 RGB (H, W, 3) in [0, 1]. strength: 0..1 (repair, tone, denoise). mask: bool
    (H, W), True where the photo is damaged (repair); for tone, the pixels the repair step rebuilt, or None
    (the levels read the print's ends away from them). scale: 2 or 4 (upscale). blend: 0 keeps the
    photo, 1 pastes the restored faces (faces). fidelity: 0 prettier .. 1 more faithful (faces,
    CodeFormer only). hints_path: RGBA PNG whose opaque pixels are colour hints (colorize by hints);
    auto: an automatic colourisation, (H, W, 3), that the hints correct locally. progress: called
    with (fraction 0..1, locale key).
    """

    image: np.ndarray
    strength: float = 0.5
    mask: np.ndarray | None = None
    scale: int = 2
    blend: float = 0.8
    fidelity: float = 0.5
    hints_path: str | Path | None = None
    auto: np.ndarray | None = None
    old: bool = False  # tone: the print showed signs of age before any step (tone.looks_old); denoise: its picture
    # did, its tint left out (tone.picture_aged)
    keep_tone: bool | None = None  # tone: the print's tone is kept (tone.keeps_tone on the print as it came)
    blocking: float | None = None  # denoise: JPEG blocking of the print as it came (repair.blocking), else measured
    pixel_blocks: int = 1  # denoise: side of the blocks of identical pixels of the print as it came (nearest
    # neighbour enlargement, repair.repeated_blocks): the grain is smoothed on one pixel per block, then enlarged back
    progress: Progress = no_progress


@dataclass
class PhotoResult:
    """image: float32 RGB (H, W, 3) in [0, 1] ((H*scale, W*scale, 3) after upscaling).

    faces: faces found (the faces capability; None elsewhere); boxes: their (x0, y0, x1, y1) in pixels.
    """

    image: np.ndarray
    faces: int | None = None
    boxes: list[list[float]] = field(default_factory=list)


@runtime_checkable
class Repairer(Protocol):
    """photo.repair: rebuild the damaged pixels."""

    ai_made: ClassVar[bool]

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        """Fill ``request.mask`` (bool (H, W), True = damaged) from the rest of the photo.

        Pixels outside the mask are returned unchanged; an empty mask returns a copy. Same shape
        and range as the input. Raises UserError when the model's weights are missing or unreadable.
        """


@runtime_checkable
class Toner(Protocol):
    """photo.tone: levels, fading and yellowing."""

    ai_made: ClassVar[bool]

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        """Revive faded, yellowed tones with ``request.strength`` (0 = unchanged .. 1 = strongest).

        Same shape and range as the input.
        """


@runtime_checkable
class Denoiser(Protocol):
    """photo.denoise: film grain and scanner noise."""

    ai_made: ClassVar[bool]

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        """Remove grain measured on the photo, by ``request.strength`` (0..1); a photo with no grain
        comes back unchanged. Same shape and range as the input."""


@runtime_checkable
class FaceFixer(Protocol):
    """photo.faces: find faces, restore them, paste them back."""

    ai_made: ClassVar[bool]

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        """Restore every face found (at most 40, the biggest), mixed in by ``request.blend`` (0..1).

        ``result.faces`` is the number of faces found (0: the image comes back unchanged),
        ``result.boxes`` their boxes in pixels. Same shape and range as the input; restorers paint
        in colour, the caller keeps a black-and-white photo black and white. Raises UserError when
        weights (the restorer's or facexlib's) are missing or unreadable.
        """


@runtime_checkable
class Colorizer(Protocol):
    """photo.colorize: put colour on a black-and-white photo, keeping its lightness (Lab L)."""

    ai_made: ClassVar[bool]
    automatic: ClassVar[bool]  # True: colours without hints; False: needs request.hints_path

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        """The photo in colour, same shape and range, same Lab lightness as the input.

        Automatic backends ignore the hints; the hints backend spreads ``request.hints_path``'s colour
        points along the lightness, correcting ``request.auto`` locally when it is given. Raises
        UserError ``photo.errors.no_hints`` when a hints backend has no hint to spread.
        """


@runtime_checkable
class Upscaler(Protocol):
    """photo.upscale: enlarge."""

    ai_made: ClassVar[bool]

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        """The photo enlarged ``request.scale`` times (2 or 4): (H*scale, W*scale, 3) in [0, 1].

        Reports progress per tile. Raises UserError when the model's weights are missing or unreadable.
        """


CONTRACTS: dict[str, type] = {"photo.repair": Repairer, "photo.tone": Toner, "photo.denoise": Denoiser,
                              "photo.faces": FaceFixer, "photo.colorize": Colorizer, "photo.upscale": Upscaler}
