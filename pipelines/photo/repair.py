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


def grain_sigma(gray: np.ndarray) -> float:
    """Film grain of a [0, 1] image, told apart from fine texture (grass, gravel, fabric), in [0, 1] units.

    Grain is independent from pixel to pixel: averaging 2x2 blocks halves it. A texture of the
    scene is correlated over several pixels and barely changes. With the fine-detail level s1 at
    full size and s2 at half size, s1^2 = n^2 + t^2 and s2^2 = n^2 / 4 + t^2 give the grain n.
    Where the texture grows at the coarser scale the estimate falls to 0: a clean photo of a lawn
    is not smoothed as if it were grainy.
    """
    gray = gray.astype(np.float32)
    h, w = (gray.shape[0] // 2) * 2, (gray.shape[1] // 2) * 2
    if min(h, w) < 8:
        return noise_sigma(gray)
    half = gray[:h, :w].reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))
    s1, s2 = noise_sigma(gray), noise_sigma(half)
    return float(np.sqrt(max(0.0, 4.0 / 3.0 * (s1 * s1 - s2 * s2))))


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


CROWD = 0.02  # a crowd: more than this share of the pixels around a mark are marked too...
CROWD_WEIGHT = 1.0  # ...and they outnumber the mark's own pixels this many times (two specks side by side are dust)
KIN = 0.35  # a neighbour counts when it stands out this share as much as the mark itself


def _crowded(labels: np.ndarray, stats: np.ndarray, residual: np.ndarray, grain: np.ndarray,
             margin: int) -> np.ndarray:
    """For each component: True when many OTHER pixels in its box (grown by margin) stand out KIN as much as it does.

    A scratch or a speck of dust is a lone mark on the print: around it there is grain, not more
    of the same. A lattice tower, the letters of a page or the glints on a spoon come in crowds.
    `grain` (a map) is the level below which nothing counts; the component's own soft edge (one
    pixel around it) is its own, not a neighbour.
    """
    h, w = labels.shape
    count = len(stats)
    strength = np.abs(residual)
    grown = cv2.dilate(labels.astype(np.float32), np.ones((3, 3), np.uint8)).astype(np.int64).ravel()
    own_area = np.bincount(grown, minlength=count).astype(np.float64)
    contrast = np.bincount(labels.ravel(), strength.ravel().astype(np.float64), count) / np.maximum(stats[:, 4], 1)
    x0 = np.clip(stats[:, 0] - margin, 0, w)
    y0 = np.clip(stats[:, 1] - margin, 0, h)
    x1 = np.clip(stats[:, 0] + stats[:, 2] + margin, 0, w)
    y1 = np.clip(stats[:, 1] + stats[:, 3] + margin, 0, h)
    area = ((x1 - x0) * (y1 - y0)).astype(np.float64)
    crowded = np.zeros(count, bool)
    # 'KIN as strong' per component, rounded to 12 levels so that each level is one integral image.
    levels = np.geomspace(max(float(contrast[1:].min(initial=1.0)) * KIN, 1e-3), 1.0, 12)
    step = np.searchsorted(levels, contrast * KIN, side="right") - 1
    for i in np.unique(step[1:]):
        level = levels[max(i, 0)]
        marked = strength > np.maximum(level, grain)
        table = cv2.integral(marked.astype(np.uint8))
        own = np.bincount(grown, marked.ravel().astype(np.float64), count)
        box = (table[y1, x1] - table[y0, x1] - table[y1, x0] + table[y0, x0]).astype(np.float64)
        others = np.clip(box - own, 0, None)
        here = (step == i) & (others > CROWD * np.maximum(area - own_area, 1.0)) & (others > CROWD_WEIGHT * own)
        crowded |= here
    crowded[0] = False
    return crowded




def find_damage(rgb: np.ndarray, strength: float = 0.5) -> Damage:
    """Thin scratches and dust spots, told apart from grain and from the picture's own details.

    A mark is bright or dark against a median background by many times the local grain (or
    texture) level AND by a visible amount, and it sits on smooth ground (not on an edge of the
    picture). Spots are small isolated blobs; scratches are found by averaging the residual along
    segments in 32 orientations, so a long thin line stands out even where it is faint or broken,
    while short details (an eyelash, a lip line) and grain average away. Marks that come in a
    crowd of similar detail (a lattice, letters, glints) are the picture, not damage. `strength` 0..1 makes
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
        long_enough &= ~_crowded(labels, stats, thin, 3 * scale, length // 4)
        long_enough[0] = False
        scratches += int(long_enough.sum())
        mask |= long_enough[labels]
    # A speck lying on a scratch is not crowded by it: the scratches found are left out of the spots' neighbours.
    lone = np.where(cv2.dilate(mask.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool), 0, diff)
    for sign in (1, -1):
        # Spots: seeds above the strong level, grown into the weak level; the whole blob must stay small.
        count, labels, stats, _ = cv2.connectedComponentsWithStats((weak & (np.sign(diff) == sign)).astype(np.uint8),
                                                                   connectivity=8)
        seeded = np.zeros(count, bool)
        seeded[np.unique(labels[strong & (np.sign(diff) == sign)])] = True
        seeded[0] = False
        small = (stats[:, 4] <= max_spot) & (np.maximum(stats[:, 2], stats[:, 3]) <= spot_side)
        small &= ~_crowded(labels, stats, np.where(labels > 0, diff, lone), 3 * scale, size)
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
