"""Finding the face and framing a head-and-shoulders portrait (portrait orientation, 4:5).

The detector is the LBP frontal-face cascade that scikit-image ships
(`skimage.data.lbp_frontal_face_cascade_filename()`, trained by OpenCV; run with
`skimage.feature.Cascade`): no weights to download. OpenCV 5 no longer packages its Haar files.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

PORTRAIT_RATIO = 4 / 5  # width / height of the framed portrait
DETECT_SIDE = 640  # the photo is searched at this longest side (pixels): fast, and faces stay > 40 px


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels: left, top, width, height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def scaled(self, factor: float) -> "Box":
        return Box(self.x * factor, self.y * factor, self.w * factor, self.h * factor)

    def shifted(self, dx: float, dy: float) -> "Box":
        return Box(self.x + dx, self.y + dy, self.w, self.h)

    def as_list(self) -> list[float]:
        return [round(float(v), 2) for v in (self.x, self.y, self.w, self.h)]

    @classmethod
    def from_list(cls, values) -> "Box":
        x, y, w, h = (float(v) for v in values)
        if w <= 0 or h <= 0:
            raise ValueError(f"A box needs a positive size but is {w} x {h}.")
        return cls(x, y, w, h)


_cascade = None


def _detector():
    global _cascade
    if _cascade is None:
        from skimage.data import lbp_frontal_face_cascade_filename
        from skimage.feature import Cascade

        _cascade = Cascade(lbp_frontal_face_cascade_filename())
    return _cascade


def find_faces(rgb: np.ndarray, neighbours: int = 4) -> list[Box]:
    """Frontal faces in an RGB photo (H, W, 3) uint8 or float in [0, 1], largest first, in pixels.

    Overlapping detections of one face are merged (the cascade reports each face several times). `neighbours`
    (>= 1): how many overlapping detections a face needs. At 4 it finds the cameraman's turned face, and a face in
    a cat's fur (chelsea) and in a cell; at 8 it found none in 50 pictures with no face and missed only the
    cameraman of 6 with one (the packaged photos of bench/_photo_damage.py and skimage's cat and horse, whole and
    cut to 4:3).
    """
    grey = np.asarray(Image.fromarray(_as_uint8(rgb)).convert("L"), dtype=np.float32) / 255.0
    scale = min(1.0, DETECT_SIDE / max(grey.shape))
    if scale < 1.0:
        small = Image.fromarray((grey * 255).astype(np.uint8)).resize(
            (max(1, round(grey.shape[1] * scale)), max(1, round(grey.shape[0] * scale))), Image.Resampling.BILINEAR)
        grey = np.asarray(small, dtype=np.float32) / 255.0
    side = min(grey.shape)
    found = _detector().detect_multi_scale(grey, scale_factor=1.2, step_ratio=1,
                                           min_size=(max(24, side // 14),) * 2, max_size=(side, side),
                                           min_neighbor_number=neighbours)
    boxes = [Box(d["c"], d["r"], d["width"], d["height"]).scaled(1 / scale) for d in found]
    boxes = [b for b in boxes if _skin_fraction(rgb, b) >= 0.12]
    return _merge(sorted(boxes, key=lambda b: -b.w * b.h))


def _skin_fraction(rgb: np.ndarray, box: Box) -> float:
    """Share of skin-coloured pixels in the middle of a box (1.0 for a black-and-white photo).

    Skin in YCbCr: 133 <= Cr <= 173 and 77 <= Cb <= 127 (Chai & Ngan, 1999), a loose test that
    only removes detections on clothes or a background.
    """
    pixels = _as_uint8(rgb)[int(box.y + box.h * 0.25):int(box.y + box.h * 0.8),
                            int(box.x + box.w * 0.2):int(box.x + box.w * 0.8)].reshape(-1, 3).astype(np.float32)
    if not len(pixels):
        return 0.0
    if float(np.abs(pixels - pixels.mean(axis=1, keepdims=True)).mean()) < 4:
        return 1.0
    r, g, b = pixels[:, 0], pixels[:, 1], pixels[:, 2]
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cr, cb = (r - y) * 0.713 + 128, (b - y) * 0.564 + 128
    return float(((cr >= 133) & (cr <= 173) & (cb >= 77) & (cb <= 127)).mean())


def _merge(boxes: list[Box]) -> list[Box]:
    kept: list[Box] = []
    for box in boxes:
        cx, cy = box.centre
        if not any(abs(cx - k.centre[0]) < k.w / 2 and abs(cy - k.centre[1]) < k.h / 2 for k in kept):
            kept.append(box)
    return kept


def head_and_shoulders(face: Box, size: tuple[int, int], ratio: float = PORTRAIT_RATIO) -> Box:
    """The crop of a head-and-shoulders portrait around `face` (photo `size` = (W, H)).

    The face takes about 36 % of the frame's height with its eyes near the upper third, as in
    painted portraits; the crop is 4:5 (portrait orientation), kept inside the photo and shrunk
    when the photo is too small around the face.
    """
    width, height = size
    crop_h = face.h / 0.36
    crop_w = crop_h * ratio
    scale = min(1.0, width / crop_w, height / crop_h)
    crop_w, crop_h = crop_w * scale, crop_h * scale
    cx, cy = face.centre
    top = cy - 0.36 * crop_h  # the face's centre sits at 36 % of the height
    left = cx - crop_w / 2
    left = min(max(left, 0.0), width - crop_w)
    top = min(max(top, 0.0), height - crop_h)
    return Box(left, top, crop_w, crop_h)


def centred_crop(size: tuple[int, int], ratio: float = PORTRAIT_RATIO, zoom: float = 1.0, centre_x: float = 0.5,
                 centre_y: float = 0.45) -> Box:
    """The manual crop when no face is found: the largest 4:5 frame, zoomed and moved (fractions)."""
    if zoom < 1:
        raise ValueError(f"zoom must be 1 or more but is {zoom}.")
    width, height = size
    crop_w, crop_h = (height * ratio, height) if width / height > ratio else (width, width / ratio)
    crop_w, crop_h = crop_w / zoom, crop_h / zoom
    left = min(max(centre_x * width - crop_w / 2, 0.0), width - crop_w)
    top = min(max(centre_y * height - crop_h / 2, 0.0), height - crop_h)
    return Box(left, top, crop_w, crop_h)


def frame(rgb: np.ndarray, crop: Box, long_side: int = 768) -> np.ndarray:
    """The cropped portrait resized so its height is `long_side` pixels (uint8 RGB)."""
    image = Image.fromarray(_as_uint8(rgb))
    box = (round(crop.x), round(crop.y), round(crop.x + crop.w), round(crop.y + crop.h))
    piece = image.crop(box)
    out_h = int(long_side)
    out_w = max(8, round(out_h * piece.width / piece.height))
    return np.asarray(piece.resize((out_w, out_h), Image.Resampling.LANCZOS))


def face_in_crop(face: Box | None, crop: Box, out_size: tuple[int, int]) -> Box | None:
    """The face box in the framed picture's pixels (None when there is no face)."""
    if face is None:
        return None
    factor = out_size[1] / crop.h
    return face.shifted(-crop.x, -crop.y).scaled(factor)


def _as_uint8(rgb: np.ndarray) -> np.ndarray:
    if rgb.dtype == np.uint8:
        return rgb
    return np.clip(np.asarray(rgb, dtype=np.float32) * 255 + 0.5, 0, 255).astype(np.uint8)
