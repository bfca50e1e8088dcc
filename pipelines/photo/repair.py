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


def _tophat_response(gray: np.ndarray, size: int) -> np.ndarray:
    """How much each pixel stands out, brighter or darker, from its surroundings (signed)."""
    # A light Gaussian (not a median: a median would erase the one-pixel scratches we look for).
    smooth = cv2.GaussianBlur(gray, (0, 0), 0.7)
    background = cv2.medianBlur(np.clip(gray * 255 + 0.5, 0, 255).astype(np.uint8), size).astype(np.float32) / 255.0
    return smooth - background


def find_damage(rgb: np.ndarray, strength: float = 0.5) -> Damage:
    """Thin scratches and dust spots, told apart from grain and from the picture's own details.

    A defect is a small bright or dark mark on a smoother surrounding: it stands out from a
    median background by several times the grain level, and it is thin (a line) or small (a spot).
    `strength` 0..1 makes the finder more eager (a lower threshold).
    """
    gray = luma(rgb).astype(np.float32)
    sigma = max(noise_sigma(gray), 1.0 / 255)
    h, w = gray.shape
    size = 7 if min(h, w) < 1200 else 11
    diff = _tophat_response(gray, size)
    # The floor keeps fine texture (hair, fabric) of a clean scan out of the mask.
    threshold = max(sigma * (4.5 - 2.5 * strength), 0.14 - 0.08 * strength)
    # Busy texture (hair, foliage, fabric) stands out everywhere: compare each pixel with how much
    # its neighbourhood stands out on average, so only isolated marks remain.
    busy = cv2.blur(np.abs(diff), (15, 15))
    raw = (np.abs(diff) > np.maximum(threshold, busy * 3.0)).astype(np.uint8)
    # Keep marks that are small or thin; big blobs are parts of the picture (an eye, a button).
    count, labels, stats, _ = cv2.connectedComponentsWithStats(raw, connectivity=8)
    keep = np.zeros(count, bool)
    scratches = spots = 0
    max_spot = max(12, (h * w) // 20000)
    for i in range(1, count):
        x, y, bw, bh, area = stats[i]
        length = max(bw, bh)
        fill = area / float(bw * bh)
        if area <= max_spot and length <= 4 * np.sqrt(max_spot):
            if area >= 2 or strength > 0.7:
                keep[i] = True
                spots += 1
        elif length >= 12 and (fill < 0.35 or min(bw, bh) <= 4):
            keep[i] = True
            scratches += 1
    mask = keep[labels]
    mask = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
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
