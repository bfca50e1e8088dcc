"""From a photo to a painted portrait: find the face, frame head and shoulders, paint.

    from pipelines.portrait.make import PortraitRequest, prepare, make_portrait
    framed = prepare(rgb)                      # face found (or a centred crop), 4:5, 768 px high
    result = make_portrait(framed, PortraitRequest(style="van-gogh", seed=3))

The request travels as job parameters (plain values). Backends: "cpu" (the CPU painter, always
there) or a model backend of capability `portrait.paint` (pipelines/portrait/backends.py).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from ..backends import Progress, no_progress
from ..i18n import UserError
from .framing import Box, centred_crop, face_in_crop, find_faces, frame, head_and_shoulders
from .styles import get_style

LONG_SIDE = 768  # pixels: the height of a painted portrait (A5 at 300 dpi would be 1400; 768 prints at ~130 dpi
# on A5 and reads as paint, not pixels; the model backends work at 512 and are brought to this size)
# The photo a portrait is framed from, in megapixels: a head and shoulders a third of the photo high still gives
# 768 px (3464 x 2309 at 3:2). A 36 MP phone photo kept whole took 97 s to be read, written twice as PNG and
# searched at load 8-9 before « J'ai trouvé ton visage »; at this size, JPEG decoded at 1/2 or 1/4 scale, a few s.
WORK_MEGAPIXELS = 8.0
# A framed head and shoulders under this many photo pixels high is blown up over three times to LONG_SIDE: the print
# shows the photo's pixels as blocks (a 64 x 64 thumbnail came out as squares on A4), and the page says so.
SMALL_CROP = LONG_SIDE // 3


@dataclass(frozen=True)
class Framed:
    """A framed portrait ready to paint: the picture (H, W, 3 uint8), the face in it, the crop used."""

    image: np.ndarray
    face: Box | None
    crop: Box
    found_face: bool

    @property
    def small(self) -> bool:
        """True when the photo's crop is too few pixels high for a sharp print (SMALL_CROP)."""
        return self.crop.h < SMALL_CROP


@dataclass(frozen=True)
class PortraitRequest:
    style: str = "van-gogh"
    strength: float = 0.5  # 0 = more like me ... 1 = more painting
    seed: int = 0
    backend: str | None = None  # None: the CPU painter; else a backend name of capability portrait.paint

    def __post_init__(self):
        get_style(self.style)
        if not 0.0 <= float(self.strength) <= 1.0:
            raise UserError("portrait.errors.strength", value=self.strength)

    @classmethod
    def from_params(cls, params: dict) -> "PortraitRequest":
        known = {k: v for k, v in params.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def to_params(self) -> dict:
        return asdict(self)


def prepare(rgb: np.ndarray, crop: Box | None = None, long_side: int = LONG_SIDE) -> Framed:
    """Find the face and frame a head-and-shoulders portrait; `crop` (photo pixels) overrides it.

    With no face found and no crop given, the centred 4:5 crop is used (the page then offers
    the manual crop).
    """
    h, w = rgb.shape[:2]
    if min(h, w) < 64:
        raise UserError("portrait.errors.too_small", width=w, height=h)
    faces = find_faces(rgb)
    face = faces[0] if faces else None
    if crop is None:
        crop = head_and_shoulders(face, (w, h)) if face is not None else centred_crop((w, h))
    crop = _inside(crop, w, h)
    image = frame(rgb, crop, long_side)
    inside = face is not None and _contains(crop, face)
    return Framed(image, face_in_crop(face, crop, (image.shape[1], image.shape[0])) if inside else None, crop,
                  face is not None)


def _inside(crop: Box, w: int, h: int) -> Box:
    x0, y0 = max(0.0, crop.x), max(0.0, crop.y)
    x1, y1 = min(float(w), crop.x + crop.w), min(float(h), crop.y + crop.h)
    if x1 - x0 < 16 or y1 - y0 < 16:
        raise UserError("portrait.errors.crop_too_small")
    return Box(x0, y0, x1 - x0, y1 - y0)


def _contains(crop: Box, face: Box) -> bool:
    cx, cy = face.centre
    return crop.x <= cx <= crop.x + crop.w and crop.y <= cy <= crop.y + crop.h


def make_portrait(framed: Framed, request: PortraitRequest, progress: Progress = no_progress):
    """Paint a framed portrait with the requested backend; returns a PortraitResult (backends.py)."""
    from .backends import choose_painter

    backend = choose_painter(request.backend)
    backend.ensure_loaded()
    return backend(framed, request, progress)
