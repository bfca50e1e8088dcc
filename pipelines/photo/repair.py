"""Scratches and dust: find them (a mask the patron sees and can clear by area), then fill them in."""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .imaging import luma


@dataclass
class Damage:
    """What the scratch-and-dust finder saw: a mask and how many lines and spots it holds."""

    mask: np.ndarray  # (H, W) bool: pixels to rebuild
    scratches: int
    spots: int

    @property
    def fraction(self) -> float:
        return float(self.mask.mean())


def noise_sigma(gray: np.ndarray) -> float:
    """Grain level of a [0, 1] image (median absolute deviation of a fine high-pass), in [0, 1] units."""
    # The 3x3 Laplacian-like kernel of Immerkaer (1996): its response to a smooth picture is ~0.
    kernel = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)
    response = cv2.filter2D(gray.astype(np.float32), -1, kernel, borderType=cv2.BORDER_REFLECT)
    return float(np.median(np.abs(response)) / 0.6745 / 6.0)


def _odd(n: float) -> int:
    n = int(round(n))
    return n if n % 2 else n + 1


def _median(gray: np.ndarray, size: int) -> np.ndarray:
    """Median background of a [0, 1] image (8-bit: OpenCV's fast median needs it for big windows)."""
    return cv2.medianBlur(np.clip(gray * 255 + 0.5, 0, 255).astype(np.uint8), size).astype(np.float32) / 255.0


def _line_kernels(length: int, count: int = 32) -> list[np.ndarray]:
    """Averaging segments of `length` pixels in `count` orientations (a matched filter for thin lines)."""
    kernels = []
    c = length // 2
    for i in range(count):
        angle = np.pi * i / count
        dx, dy = np.cos(angle) * c, np.sin(angle) * c
        k = np.zeros((length, length), np.float32)
        cv2.line(k, (int(round(c - dx)), int(round(c - dy))), (int(round(c + dx)), int(round(c + dy))), 1.0, 1,
                 cv2.LINE_8)
        kernels.append(k / k.sum())
    return kernels


def find_damage(rgb: np.ndarray, strength: float = 0.5) -> Damage:
    """Thin scratches and dust spots, told apart from grain and from the picture's own details.

    A mark is bright or dark against a median background by many times the local grain (or
    texture) level AND by a visible amount, and it sits on smooth ground (not on an edge of the
    picture). Spots are small isolated blobs; scratches are found by averaging the residual along
    segments in 32 orientations, so a long thin line stands out even where it is faint or broken,
    while short details (an eyelash, a lip line) and grain average away. `strength` 0..1 makes
    the finder more eager (lower thresholds).
    """
    gray = luma(rgb).astype(np.float32)
    h, w = gray.shape
    strength = float(np.clip(strength, 0, 1))
    sigma = max(noise_sigma(gray), 0.5 / 255)
    size = _odd(np.clip(min(h, w) / 70, 7, 25))  # wider than the biggest dust speck we look for
    background = _median(gray, size)
    diff = gray - background
    # Local grain-or-texture level: robust spread of the residual (MAD), so busy areas need more.
    spread = np.clip(np.abs(diff) * 1020, 0, 255).astype(np.uint8)
    busy = cv2.medianBlur(spread, _odd(size * 2 + 1)).astype(np.float32) / 1020 / 0.6745
    scale = np.maximum(busy, sigma)
    k = 8.0 - 3.0 * strength
    floor = 0.25 * (1.5 - strength)  # a visible mark: about a quarter of the tonal range at 0.5
    # How much the picture itself changes around each pixel: an edge or corner is not dust.
    ground = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    relief = cv2.dilate(background, ground) - cv2.erode(background, ground)
    weak_level = np.maximum(0.5 * k * scale, 0.5 * floor)
    strong = (np.abs(diff) > np.maximum(k * scale, floor)) & (relief < 0.6 * np.abs(diff))
    weak = np.abs(diff) > weak_level
    max_spot = max(20, int(h * w / 12000))
    spot_side = int(np.ceil(2.2 * np.sqrt(max_spot)))
    length = _odd(np.clip(min(h, w) / 20, 15, 81))
    thin = gray - _median(gray, 5)  # a 5x5 median erases lines up to 2 pixels wide: scratches
    kernels = _line_kernels(length)
    mask = np.zeros((h, w), bool)
    spots = scratches = 0
    for sign in (1, -1):  # bright marks and dark marks separately: a mark is one or the other
        # Widened by one pixel each side, so a segment slightly off the line's angle still lies on it.
        part = np.maximum(sign * thin, 0)
        along = np.max([cv2.filter2D(part, -1, kern, borderType=cv2.BORDER_REFLECT) for kern in kernels], axis=0)
        around = cv2.blur(part, (length, length))
        lines = ((along > np.maximum(3.0 * around, 0.5 * floor)) & (sign * thin > weak_level)
                 & (relief < 0.6 * np.abs(thin)))
        count, labels, stats, _ = cv2.connectedComponentsWithStats(lines.astype(np.uint8), connectivity=8)
        long_enough = np.maximum(stats[:, 2], stats[:, 3]) >= length // 2
        long_enough[0] = False
        scratches += int(long_enough.sum())
        mask |= long_enough[labels]
        # Spots: seeds above the strong level, grown into the weak level; the whole blob must stay small.
        count, labels, stats, _ = cv2.connectedComponentsWithStats((weak & (np.sign(diff) == sign)).astype(np.uint8),
                                                                   connectivity=8)
        seeded = np.zeros(count, bool)
        seeded[np.unique(labels[strong & (np.sign(diff) == sign)])] = True
        seeded[0] = False
        small = (stats[:, 4] <= max_spot) & (np.maximum(stats[:, 2], stats[:, 3]) <= spot_side)
        spots += int((seeded & small).sum())
        mask |= (seeded & small)[labels]
    # The soft edge of a mark (anti-aliased, blurred) joins the mask where it still shows above the grain.
    fringe = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    mask |= fringe & (np.abs(thin) > np.maximum(2 * scale, 0.04))
    return Damage(mask=mask, scratches=scratches, spots=spots)


def clear_area(mask: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """The mask with one rectangle (x0, y0, x1, y1 as fractions of the size) cleared: 'that is not damage'."""
    h, w = mask.shape
    x0, y0, x1, y1 = box
    out = mask.copy()
    out[int(min(y0, y1) * h):int(np.ceil(max(y0, y1) * h)), int(min(x0, x1) * w):int(np.ceil(max(x0, x1) * w))] = False
    return out


def inpaint(rgb: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Fill the masked pixels from their surroundings (OpenCV, Telea's fast marching method)."""
    if not mask.any():
        return rgb.copy()
    image = np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8)
    filled = cv2.inpaint(image, mask.astype(np.uint8), 3, cv2.INPAINT_TELEA).astype(np.float32) / 255.0
    # Only the masked pixels change: no 8-bit rounding anywhere else.
    return np.where(mask[..., None], filled, rgb)


def overlay(rgb: np.ndarray, mask: np.ndarray, colour=(1.0, 0.15, 0.15)) -> np.ndarray:
    """The photo with the damage drawn on it in red (what the patron sees before the repair)."""
    out = rgb.copy()
    thick = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    out[thick] = out[thick] * 0.3 + np.array(colour, np.float32) * 0.7
    return out
