"""Scratches and dust: find them (a mask the patron sees and can edit with a brush), then fill them in."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import cv2
import numpy as np

from .imaging import is_greyscale, luma, once_per_photo, toned_monochrome


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


COARSE_STEP = 4  # coarse_grain(): the grain is read on a copy averaged over COARSE_STEP x COARSE_STEP blocks


def coarse_grain(gray: np.ndarray) -> float:
    """Grain of a [0, 1] image read where codecs keep it, told apart from texture, in [0, 1] units (full-size level).

    A JPEG at quality 50-75, a WebP or a HEIC drops or smooths the finest frequencies, where grain_sigma() and
    flat_grain() read the grain, while a GIF's dithering adds some: the same grainy picture read 0 to 4.5 levels by
    grain_sigma() and 0.6 to 3.5 by flat_grain() across its encodings (bench/photo_tone_kinds.py). Averaged over
    COARSE_STEP x COARSE_STEP blocks, independent grain of level n keeps n / COARSE_STEP, a scale every codec keeps
    at the qualities patrons' files come in; grain_sigma() of that copy (its 2x2 halving tells grain from texture)
    times COARSE_STEP gives the grain's full-size level: 3.0-4.2 levels for one drawing over PNG, JPEG q50-95, WebP,
    GIF and HEIC. A texture that only turns grain-like at that scale (a lawn, gravel) reads high, as flat_grain()
    does: count it only where such textures are ruled out or already read as grain.
    """
    k = COARSE_STEP
    h, w = (gray.shape[0] // k) * k, (gray.shape[1] // k) * k
    if min(h, w) < 16 * k:
        return grain_sigma(gray)
    coarse = gray[:h, :w].astype(np.float32).reshape(h // k, k, w // k, k).mean(axis=(1, 3))
    return grain_sigma(coarse) * k


def flat_grain(gray: np.ndarray, block: int = 16) -> float:
    """Grain level of the flattest parts of a [0, 1] image, in [0, 1] units (clumped or JPEG-softened grain too).

    The fine residual (image minus a Gaussian blur of sigma 1 px) is measured as a standard
    deviation in 16x16 blocks; the 10th percentile of the blocks is the level of the plainest
    areas, where only grain is left. Unlike grain_sigma() it does not need the grain to be
    independent from pixel to pixel, but a photo of a pure texture (a lawn) reads as grainy:
    use it only on a print that shows other signs of age.
    """
    g = gray.astype(np.float32)
    h, w = (g.shape[0] // block) * block, (g.shape[1] // block) * block
    if min(h, w) < 2 * block:
        return noise_sigma(g)
    fine = (g - cv2.GaussianBlur(g, (0, 0), 1.0))[:h, :w]
    spread = fine.reshape(h // block, block, w // block, block).std(axis=(1, 3))
    return float(np.percentile(spread, 10))


PRINT_GRAIN_GAIN = 1.2  # print_grain()'s raw reading is about 0.8 of the grain's level (tuning split, see below)


def print_grain(gray: np.ndarray, block: int = 16) -> float:
    """Grain level of an old print, clumped or softened by a JPEG, in [0, 1] units (a standard deviation).

    The residual of a Gaussian blur of sigma 2 px holds nearly all of a grain, even one that is
    clumped over a couple of pixels or smeared by JPEG (which grain_sigma() and flat_grain(),
    built on per-pixel or sigma-1 residuals, read at 0 to 0.6 of its level). Its standard
    deviation in 16x16 blocks, at the 10th percentile of the blocks that are neither clipped
    black nor white, is the level of the plainest areas; that reading is about 0.8 of the grain's
    true level (measured against the grain put in by bench/_photo_damage.py on the tuning split:
    0.75-0.95), hence PRINT_GRAIN_GAIN. A fine texture all over (a lawn, a histology slide)
    reads as grain: use it only on a print that shows other signs of age.
    """
    g = gray.astype(np.float32)
    h, w = (g.shape[0] // block) * block, (g.shape[1] // block) * block
    if min(h, w) < 2 * block:
        return noise_sigma(g)
    fine = (g - cv2.GaussianBlur(g, (0, 0), 2.0))[:h, :w].reshape(h // block, block, w // block, block)
    level = g[:h, :w].reshape(h // block, block, w // block, block).mean(axis=(1, 3))
    spread = fine.std(axis=(1, 3))
    unclipped = (level > 0.06) & (level < 0.94)
    if unclipped.sum() < 8:
        return noise_sigma(g)
    return float(np.percentile(spread[unclipped], 10)) * PRINT_GRAIN_GAIN


def coarseness(gray: np.ndarray, block: int = 16) -> float:
    """How much the plainest areas of a [0, 1] image vary at a coarser scale than at the finest, a ratio >= 0.

    In the 20 % of 16x16 blocks (neither clipped black nor white) with the least fine residual
    (image minus a sigma-2 blur), the median ratio of the next band's spread (sigma-2 minus
    sigma-6 blur) to the fine one's. Grain, even clumped or JPEG-softened, lives almost only in
    the fine band: 0.13-0.5 on the aged prints of bench/photo.py's tuning split. A fine texture
    of the scene (a lawn, gravel, a histology slide, a star field) has its plainest areas textured
    at both scales: 0.6-0.9 on the clean photos of the do-no-harm set.
    """
    g = gray.astype(np.float32)
    h, w = (g.shape[0] // block) * block, (g.shape[1] // block) * block
    if min(h, w) < 2 * block:
        return 1.0
    b2, b6 = cv2.GaussianBlur(g, (0, 0), 2.0), cv2.GaussianBlur(g, (0, 0), 6.0)

    def blocks(a):
        return a[:h, :w].reshape(h // block, block, w // block, block)

    fine, coarse, level = blocks(g - b2).std(axis=(1, 3)), blocks(b2 - b6).std(axis=(1, 3)), blocks(g).mean(axis=(1, 3))
    unclipped = (level > 0.06) & (level < 0.94)
    if unclipped.sum() < 8:
        return 1.0
    plain = unclipped & (fine <= np.percentile(fine[unclipped], 20))
    return float(np.median(coarse[plain] / np.maximum(fine[plain], 1e-6)))


GRAINY = 3.0 / 255  # print_grain() above this, with a coarseness() below GRAIN_COARSENESS, is grain and a sign of age
GRAIN_COARSENESS = 0.55


def grain_like(gray: np.ndarray) -> bool:
    """True when the plainest areas of a [0, 1] image vary like grain, not like a texture of the scene.

    coarseness() below GRAIN_COARSENESS; a JPEG's 8x8 block edges add to the coarser band, so the bar
    rises with its blocking() (0.3 per unit above 1.05; the clean photos of the do-no-harm set with a
    grain-sized print_grain() all read below 1.05, a 12 MP aged scan saved as a JPEG 1.6).
    """
    return coarseness(gray) < GRAIN_COARSENESS + 0.3 * max(0.0, blocking(gray) - 1.05)


def softened_grain(gray: np.ndarray) -> float:
    """print_grain() when the plainest areas vary like grain (grain_like()), else 0; [0, 1] units."""
    return print_grain(gray) if grain_like(gray) else 0.0


def blocking(gray: np.ndarray) -> float:
    """JPEG blocking of a [0, 1] image: mean step across the 8x8 block borders over the mean step inside, >= 0.

    About 1.0 for a photo never compressed or compressed gently; a JPEG at quality 50-60 gives
    1.3-1.5 (bench/_photo_damage.py's re-compression, tuning split). Measured on the photo's own
    pixel grid: only meaningful before any resize or crop.
    """
    g = gray.astype(np.float32)
    if min(g.shape) < 32:
        return 1.0
    dx, dy = np.abs(np.diff(g, axis=1)), np.abs(np.diff(g, axis=0))
    across_x, across_y = np.arange(dx.shape[1]) % 8 == 7, np.arange(dy.shape[0]) % 8 == 7
    inside = dx[:, ~across_x].mean() + dy[~across_y].mean()
    return float((dx[:, across_x].mean() + dy[across_y].mean()) / max(float(inside), 1e-6))


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


def _along_lines(part: np.ndarray, kernels: list[np.ndarray]) -> np.ndarray:
    """The best average of a (H, W) float32 map along a segment through each pixel, over the `kernels`' orientations
    (a running maximum: one response held at a time, not 32)."""
    best = cv2.filter2D(part, -1, kernels[0], borderType=cv2.BORDER_REFLECT)
    for kern in kernels[1:]:
        np.maximum(best, cv2.filter2D(part, -1, kern, borderType=cv2.BORDER_REFLECT), out=best)
    return best


CROWD = 0.02  # a crowd: more than this share of the pixels around a mark are marked too...
CROWD_WEIGHT = 1.0  # ...and they outnumber the mark's own pixels this many times (two specks side by side are dust)
KIN = 0.35  # a neighbour counts when it stands out this share as much as the mark itself
BAND_LONG = 8  # _crowded(): lines this many margins long are not one another's crowd (bright lines, old prints)


PARALLEL_KIN = 3  # _crowded(): this many long lines parallel within FAMILY_ANGLE are the picture's (mortar, blinds)


def _in_parallel_family(labels: np.ndarray, stats: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """The components among `ids` that run parallel (within FAMILY_ANGLE degrees, by their second moments) to
    PARALLEL_KIN - 1 others of `ids` or more: a family of like lines, not scratches drawn every way."""
    if len(ids) < PARALLEL_KIN:
        return np.zeros(0, np.int64)
    return ids[_parallel_pairs(labels, stats, ids).sum(axis=1) >= PARALLEL_KIN]


def _parallel_pairs(labels: np.ndarray, stats: np.ndarray, ids) -> np.ndarray:
    """(n, n) bool for the n components `ids` of `labels` (stats from connectedComponentsWithStats): True where two
    run parallel within FAMILY_ANGLE degrees, each one's direction taken from its second central moments."""
    directions = []
    for i in ids:
        x, y, w, h = stats[i, :4]
        m = cv2.moments((labels[y:y + h, x:x + w] == i).astype(np.uint8), binaryImage=True)
        directions.append(np.degrees(0.5 * np.arctan2(2 * m["mu11"], m["mu20"] - m["mu02"])) % 180.0)
    directions = np.array(directions)
    gap = np.abs(directions[:, None] - directions[None, :])
    return np.minimum(gap, 180.0 - gap) <= FAMILY_ANGLE


def _crowded(labels: np.ndarray, stats: np.ndarray, residual: np.ndarray, grain: np.ndarray,
             margin: int, along: bool = False) -> np.ndarray:
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
    # A long line (a scratch across the print, `along`: bright lines on an old print) has a box that spans much of
    # the picture: the other long lines in it (scratches, cracks, creases) are more damage, not a crowd of like
    # detail. For the lines that run BAND_LONG margins at least, the other such lines are left out of the count.
    long_ones = (np.maximum(stats[:, 2], stats[:, 3]) >= BAND_LONG * max(margin, 1)) & along
    long_ones[0] = False
    long_ones[_in_parallel_family(labels, stats, np.flatnonzero(long_ones))] = False  # the courses of a wall
    long_map = long_ones[grown].reshape(h, w) if long_ones.any() else None
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
        ground = area - own_area
        if long_map is not None and (long_ones & (step == i)).any():
            lines = long_ones & (step == i)
            table = cv2.integral((marked & ~long_map).astype(np.uint8))
            apart = (table[y1, x1] - table[y0, x1] - table[y1, x0] + table[y0, x0]).astype(np.float64)
            table = cv2.integral(long_map.astype(np.uint8))
            taken = (table[y1, x1] - table[y0, x1] - table[y1, x0] + table[y0, x0]).astype(np.float64)
            others[lines], ground[lines] = apart[lines], np.maximum(area - taken, 1.0)[lines]
        here = (step == i) & (others > CROWD * np.maximum(ground, 1.0)) & (others > CROWD_WEIGHT * own)
        crowded |= here
    crowded[0] = False
    return crowded




RIM_DEPTH = 3  # px
RIM_INWARDS = 0.5  # _faint_rim(): a rim whose bright pixels go on inwards along half its length or more is the picture
CHIP_DEPTH = 0.15  # lost paper is followed at most this share of the shorter side in from the border
WORK_SIDE = 1600  # marks are looked for on a copy at most this long (a 12 MP scan is shrunk by 2 or 3)
# A crack network found is followed on up to NETWORK_SEGMENTS line segments, through pixels that stand out
# BRIDGE of the weak level where their segment is strongly line-like (a crack dipping into a knit or a curtain).
NETWORK_SEGMENTS = 8
BRIDGE = 0.25
MAX_WIDTH = 6  # widest scratch or crack looked for, in pixels of a ~500-1600 px working copy


def work_step(h: int, w: int) -> int:
    """The whole factor a (h, w) photo is shrunk by for the damage search: its working copy's longer side is at
    most WORK_SIDE."""
    return max(1, int(np.ceil(max(h, w) / WORK_SIDE)))


RESAMPLE_FACTORS = (1.5, 2.0, 3.0, 4.0, 6.0, 8.0)  # the shrink factors effective_scale() tries
RESAMPLE_CLIFF = 0.3  # detail lost at a factor under this share of the detail lost at twice it: a scan enlarged
RESAMPLE_DETAIL = 2 / 255  # ...when the detail lost at twice the factor is at least this (RMS, luma): not a flat page
RESAMPLE_GRAIN = 0.75  # ...and at least this share of what the scan's grain loses there (else the grain drowns it)
ENLARGED_GRID_LEAST = 2.0  # enlargement_grid(): an enlargement read this many times or more...
ENLARGED_GRID_MATCH = 1.35  # ...under whose factor times this a screen's period is the scan's grid
BLOCK_SIDES = (2, 3, 4, 5, 6, 7, 8)  # repeated_blocks(): the sides of blocks of identical pixels it tries
BLOCK_SHARE = 0.99  # ...a side whose block borders take this share of the changes between neighbours, both axes
BLOCK_CHANGES = 0.01  # ...when the picture changes between this share of neighbouring pixels at least (not blank)
# A nearest-neighbour scan saved as JPEG (its blocks no longer exact): the mean change across one phase of block borders
# over the mean change at the other phases, both axes. Measured on 4 packaged photos and the 2 real prints: 1.00-1.07
# on the photos as they are, 2.9-4.3 (x2, x3) and 5.7-7.5 (x4) enlarged and saved at quality 85, 1.9-3.0 at quality 60.
BLOCK_JPEG_RATIO = 2.5
# ...for sides dividing JPEG's own 8-px grid (4, 8), whose blocking alone reads up to 1.7 (quality 30) and 3.2
# (quality 10) at side 8: the higher bar keeps a photo that was only compressed from reading as enlarged.
BLOCK_JPEG_GRID_RATIO = 4.5


def resample_loss(gray: np.ndarray, factor: float) -> float:
    """The detail a (H, W) [0, 1] luma image loses when shrunk by `factor` (area average) and enlarged back (bicubic):
    the RMS of the difference, in luma units (0 for an image that holds no detail finer than `factor` pixels)."""
    h, w = gray.shape
    small = cv2.resize(gray, (max(4, round(w / factor)), max(4, round(h / factor))), interpolation=cv2.INTER_AREA)
    back = cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
    return float(np.sqrt(np.mean((gray - back) ** 2)))


def effective_scale(gray: np.ndarray) -> float:
    """How many pixels of a (H, W) [0, 1] luma scan carry one pixel's worth of the picture's detail, >= 1.0.

    A small print scanned big, or a scan enlarged after the fact, holds no more detail than the print: its
    spectrum stops short (a cliff) where the print's own resolution ends. Shrinking it by a factor under that
    point and enlarging it back loses almost nothing; shrinking it by twice that factor loses the picture's finest
    detail. The answer is the largest factor f of RESAMPLE_FACTORS whose loss (resample_loss()) is under
    RESAMPLE_CLIFF of the loss at 2 f (at least RESAMPLE_DETAIL there), else 1.0. A photo sharp at its size
    loses detail at every factor, steadily: on packaged photos at their own size the ratio is 0.36-0.65. The two
    real cracked prints enlarged x1.5-x9.4 (Lanczos) read 0.2-0.28 at their own factor (x1.5 -> 1.5, x2 -> 2,
    x3 -> 3, x6.25 -> 6, x9.4 -> 8); a print scanned soft (Gaussian blur of 1 px) reads 2. A scan whose fine grain
    lies over an enlarged picture (the scanner's own noise) loses that grain at every factor: it reads 1.0
    (bench/photo_big_clean.py's x4 scans with grain of 0.02: ratios 0.45-0.67) unless that grain is taken out of
    the losses first. The scanner's grain is independent from pixel to pixel and independent from the picture, so
    its share of each loss adds in squares: the grain's level s is _mean_grain() of the scan (on an enlarged
    picture the finest band holds only the grain), its loss at a factor is s times what white noise of level 1
    loses there (_white_noise_loss()), and the picture's loss is sqrt(loss^2 - (s * that)^2). A factor is then
    read only where the picture's loss at twice it is at least RESAMPLE_GRAIN of the grain's (a soft micrograph
    under strong grain, whose picture the grain drowns, read 1.5-8 without it). On the two real prints enlarged
    x1.5-x6 (Lanczos) with Gaussian grain of 0.01-0.03 this reads the factor (print 1 at x1.5 with grain of 0.01:
    1.0); every packaged photo of bench/_photo_damage.py's TUNING and HELD_OUT splits at its own size, with grain
    of 0-0.04 added, reads 1.0, as do the 143 aged cases of bench/photo.py's splits (tuning, held-out, fresh,
    dye-fresh). A scan whose grain went through JPEG (a newcomer's kind: x3 + grain + JPEG q70 or q90) has lost
    the grain's finest band, where _mean_grain() reads it, and kept its middle bands: white noise of that level
    explains too little of the losses and it read 1.0. The noise's loss at each factor is therefore also read
    where the picture holds nothing, in the scan's plainest blocks (_resample_losses()), and the larger of the two
    is taken out; a picture that is one texture all over (its plainest blocks lose NOISE_PLAIN of the whole loss
    at the coarsest factor: grass) keeps the white-noise reading alone. On the 11 tuning photos shrunk to 320 px,
    enlarged x2, x3 and x4 with grain 0.02 and JPEG q70 or q90 (66 scans, 1.0 before) this reads the factor in 43,
    a smaller one in 7, a larger one in 2 (retina at q90) and 1.0 in 14 (the moon 6, grass 4, rocket 2, coffee 1,
    retina 1); the 143 aged cases still read 1.0, and the packaged photos at their own size with grain 0-0.04 too (cell,
    a soft micrograph, reads 6 with some grain draws, as before). A photo under 64 px, or a factor whose coarse copy
    would be under 32 px, is not tried. A scan made of blocks of identical pixels (nearest neighbour: repeated_blocks())
    reads the blocks' side, with or without the losses.
    """
    return _effective_scales(gray)[0]


def repeated_blocks(gray: np.ndarray) -> int:
    """The side k of the k x k blocks of identical pixels a (H, W) [0, 1] luma scan is made of, 1 when it is not.

    A scan enlarged k times by nearest neighbour (a viewer's or an office program's "enlarge", pixel art) copies each
    source pixel into a k x k block: between neighbours within a block the picture never changes, so every change
    along a row or a column falls on a block border, one position in k. The staircase of its edges holds detail at
    every frequency, so resample_loss() finds no cliff there and effective_scale() read 1.0 (the real cracked prints
    enlarged x2 and x3 so: 75 and 100 % of their cracks left, bench/photo_real_kinds.py). Tried: each side of
    BLOCK_SIDES and each phase of its border; the largest side whose borders take BLOCK_SHARE of the changes in
    both axes (a photo's changes fall evenly on every phase: 1 / k of them), the changes being BLOCK_CHANGES of the
    neighbouring pairs or more. A JPEG of such a scan changes within the blocks too (its ringing): then jpeg_blocks()
    reads the side."""
    g = gray.astype(np.float32)
    changes = [np.abs(np.diff(g, axis=axis)) > 1e-6 for axis in (1, 0)]
    if any(c.size == 0 or c.mean() < BLOCK_CHANGES for c in changes):
        return 1
    rows = [c.sum(axis=axis) for axis, c in enumerate(changes)]  # changes per position along x, then along y
    best = 1
    for k in BLOCK_SIDES:
        if all(len(r) >= 32 * k and max(r[p::k].sum() for p in range(k)) >= BLOCK_SHARE * r.sum() for r in rows):
            best = k
    return best if best > 1 else jpeg_blocks(g)


def jpeg_blocks(gray: np.ndarray) -> int:
    """The side k of the blocks of a (H, W) [0, 1] luma scan enlarged k times by nearest neighbour and then saved as
    JPEG, 1 when it shows none.

    The JPEG's ringing changes every pixel a little, so no change falls on the block borders alone; but the picture's
    own changes still do: for the right side and phase, the mean change between neighbours across the block borders
    is several times the mean change within the blocks, in both axes, where a photo's changes are alike at every
    phase (ratio about 1). The side with the highest such ratio is kept when it reaches BLOCK_JPEG_RATIO, or
    BLOCK_JPEG_GRID_RATIO for sides dividing JPEG's own 8-px grid: a photo that was only compressed shows its 8 x 8
    blocking there, never a whole enlargement's."""
    g = gray.astype(np.float32)
    profiles = [np.abs(np.diff(g, axis=axis)).mean(axis=1 - axis) for axis in (1, 0)]  # change per position, x then y
    best, best_ratio = 1, 0.0
    for k in BLOCK_SIDES:
        if any(len(d) < 32 * k for d in profiles):
            continue
        ratios = []
        for d in profiles:
            phases = np.array([d[p::k].mean() for p in range(k)])
            loud = int(phases.argmax())
            ratios.append(phases[loud] / max(float(np.delete(phases, loud).mean()), 1e-6))
        ratio = min(ratios)
        bar = BLOCK_JPEG_GRID_RATIO if k >= 4 and 8 % k == 0 else BLOCK_JPEG_RATIO
        if ratio >= bar and ratio > best_ratio:
            best, best_ratio = k, ratio
    return best


def held_detail(rgb: np.ndarray, factor: float) -> np.ndarray:
    """A (H, W) or (H, W, C) [0, 1] scan enlarged `factor` times (> 1) brought back to the detail it holds: about
    (H / factor, W / factor), float32.

    An enlargement by a whole factor through interpolation (nearest neighbour, bilinear, Lanczos) keeps each source
    pixel at the centre of its block, or within a quarter of a source pixel of it: the pixel at each block's centre is
    the source's, and a grain the print had is there at its level. An area average blurs it a second time: after a
    bilinear x2 or x4 enlargement the grain of real cracked print 2 read 3.2 levels and its plainest areas no longer
    varied like grain (coarseness() 0.57, over GRAIN_COARSENESS), against 4.4 and 0.48 at its own size; the pixel at
    each centre reads 3.3-3.8 and 0.50-0.53, and exactly the print after nearest neighbour. A scanner's grain laid over
    an enlarged picture (the factor shows only with the grain taken out of effective_scale()'s losses) is no source's:
    there the area average is kept, which takes that grain down as the search's judgement of such scans wants
    (find_damage())."""
    if _effective_scales(luma(rgb) if rgb.ndim == 3 else rgb)[1] < factor:
        h, w = rgb.shape[:2]
        small = (max(1, round(w / factor)), max(1, round(h / factor)))
        return cv2.resize(rgb, small, interpolation=cv2.INTER_AREA).astype(np.float32)
    return block_centres(rgb, factor)


def block_centres(rgb: np.ndarray, factor: float) -> np.ndarray:
    """The pixel at the centre of each `factor` x `factor` block of a (H, W) or (H, W, C) image: (round(H / factor),
    round(W / factor)[, C]) float32. Exactly the source of an enlargement by nearest neighbour by a whole factor."""
    h, w = rgb.shape[:2]
    small_h, small_w = max(1, round(h / factor)), max(1, round(w / factor))
    rows = np.minimum(((np.arange(small_h) + 0.5) * h / small_h).astype(int), h - 1)
    cols = np.minimum(((np.arange(small_w) + 0.5) * w / small_w).astype(int), w - 1)
    return np.ascontiguousarray(rgb[rows][:, cols]).astype(np.float32)


def block_phase(gray: np.ndarray, k: int) -> tuple[int, int]:
    """Where the first whole k x k block of a (H, W) [0, 1] luma scan enlarged k times by nearest neighbour starts:
    (row, column), each 0..k-1. An enlargement cropped afterwards (a phone's or a viewer's crop) starts its blocks
    anywhere: the phase whose borders carry the most change between neighbours, row-wise and column-wise, is theirs
    (on an uncropped enlargement, 0)."""
    g = gray.astype(np.float32)
    phase = []
    for axis in (0, 1):
        profile = np.abs(np.diff(g, axis=axis)).mean(axis=1 - axis)  # change between position i and i + 1
        loud = max(range(k), key=lambda p: float(profile[p::k].mean()) if profile[p::k].size else 0.0)
        phase.append((loud + 1) % k)  # the border lies after position `loud`: a block starts at loud + 1
    return phase[0], phase[1]


def block_grid(shape: tuple[int, ...], k: int, phase: tuple[int, int]) -> tuple[np.ndarray, ...]:
    """The k x k blocks of an image of `shape` (H, W[, C]) whose first whole block starts at `phase` (block_phase):
    (rows, cols) of one pixel inside each block, its middle (the edge's blocks, cut by a crop, count as blocks), and
    (row_block, col_block), each pixel's block, (H,) and (W,) int. `image[rows][:, cols]` is the source, one pixel per
    block; `source[row_block][:, col_block]` puts the blocks back exactly where they were."""
    out = []
    for n, start in zip(shape[:2], phase):
        first = start - k if start else 0
        starts = np.arange(first, n, k)
        out.append(((np.maximum(starts, 0) + np.minimum(starts + k, n) - 1) // 2, (np.arange(n) - first) // k))
    (rows, row_block), (cols, col_block) = out
    return rows, cols, row_block, col_block


def enlargement_grid(gray: np.ndarray, period: float) -> bool:
    """Whether the dot screen stains.halftone_period() read at `period` px on a (H, W) [0, 1] luma scan is the pixel
    grid of an enlarged scan (or its harmonic), not a printed screen.

    An enlarged scan repeats its source's pixel grid every `factor` px in both axes, a square lattice in the
    spectrum as a screen's is (the real cracked print 2, 256 px, enlarged by Lanczos to 1600 and 2400 px read as
    screens of 5.8 and 8.8 px, and its cracks were blurred away with the "dots"); bicubic enlargements x4 and x6
    show its harmonic at about 2 px. Its effective_scale() reads about the factor (6 and 8 there): shrinking it by
    that much loses almost nothing, so no detail finer than twice that survives in it (Nyquist) and a peak at a
    shorter period is no part of the picture. A printed screen is detail at its period, so effective_scale() stays
    under half of it: the 23 halftone prints of bench/_photo_damage.py (HALFTONE_TUNING and HALFTONE_HELD_OUT,
    periods 2.2-8.5 px) read 1.0-1.5, period / scale 2.2-8.5. A grid is therefore a scale of ENLARGED_GRID_LEAST or
    more with a period under ENLARGED_GRID_MATCH times it."""
    scale = effective_scale(gray)
    return scale >= ENLARGED_GRID_LEAST and period <= ENLARGED_GRID_MATCH * scale


@once_per_photo  # read by tone.picture_aged, enlargement_grid() and find_damage() on the same scan
def _effective_scales(gray: np.ndarray) -> tuple[float, float]:
    """(effective_scale() of a (H, W) [0, 1] luma scan, the same read on the losses with the grain left in them)."""
    g = gray.astype(np.float32)
    if min(g.shape) < 64:
        return 1.0, 1.0
    blocks = repeated_blocks(g)  # an enlargement by nearest neighbour, whose staircase shows no cliff in the losses
    if blocks > 1:
        return float(blocks), float(blocks)
    factors = [f for f in RESAMPLE_FACTORS if min(g.shape) / (2 * f) >= 32]  # the coarse copy keeps 32 px or more
    grain = _mean_grain(g)
    loss, picture, noise, plain = {}, {}, {}, {}
    tried = sorted(set(factors) | {2 * f for f in factors})
    for f in tried:
        loss[f], plain[f] = _resample_losses(g, f)
    # A picture that is one texture all over (grass, a wall) loses in its plainest blocks nearly what it loses
    # everywhere, even at the coarsest factor, where a noise's loss is small beside the picture's: its plainest
    # blocks are then no reading of the noise.
    textured = bool(tried) and plain[tried[-1]] >= NOISE_PLAIN * loss[tried[-1]]
    for f in tried:
        noise[f] = max(grain * _white_noise_loss(f), 0.0 if textured else plain[f])
        picture[f] = float(np.sqrt(max(0.0, loss[f] ** 2 - noise[f] ** 2)))  # the picture's own loss

    def scale(lost: dict, floor: float) -> float:
        fits = [f for f in factors if lost[2 * f] >= max(RESAMPLE_DETAIL, floor * noise[2 * f])
                and lost[f] < RESAMPLE_CLIFF * lost[2 * f]]
        return max(fits, default=1.0)

    return scale(picture, RESAMPLE_GRAIN), scale(loss, 0.0)


NOISE_BLOCK = 32  # px (or 4 factors, whichever is more): the blocks over which the noise's own loss is read...
NOISE_SHARE = 20  # ...as this percentile of their losses: the picture's plainest blocks, where the noise is all
NOISE_PLAIN = 0.75  # ...unless those blocks lose this share of the whole loss at the coarsest factor (a texture)


def _resample_losses(gray: np.ndarray, factor: float) -> tuple[float, float]:
    """(resample_loss() of a (H, W) [0, 1] luma scan at `factor`, the loss of its plainest blocks there).

    The second is the NOISE_SHARE-th percentile of the RMS loss over blocks of NOISE_BLOCK px (4 factors when that
    is more), blocks clipped near black or white (mean under 0.04 or over 0.96) left out: the noise lies all over
    the scan, the picture's detail does not, so in its plainest blocks the loss is the noise's alone, whatever its
    spectrum. A scan's grain after JPEG is no longer white: JPEG removes its finest band (where _mean_grain()
    reads it) and leaves its middle bands, which white noise of _mean_grain()'s level would not explain."""
    h, w = gray.shape
    small = cv2.resize(gray, (max(4, round(w / factor)), max(4, round(h / factor))), interpolation=cv2.INTER_AREA)
    lost = (gray - cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)) ** 2
    b = int(max(NOISE_BLOCK, 4 * factor))
    hh, ww = h // b * b, w // b * b
    if hh == 0 or ww == 0:
        return float(np.sqrt(lost.mean())), 0.0
    blocks = np.sqrt(lost[:hh, :ww].reshape(hh // b, b, ww // b, b).mean(axis=(1, 3)))
    level = gray[:hh, :ww].reshape(hh // b, b, ww // b, b).mean(axis=(1, 3))
    kept = (level > 0.04) & (level < 0.96)
    return float(np.sqrt(lost.mean())), float(np.percentile(blocks[kept] if kept.sum() >= 8 else blocks, NOISE_SHARE))


def _mean_grain(gray: np.ndarray, block: int = 16) -> float:
    """The grain's RMS level over a whole (H, W) [0, 1] luma scan, in [0, 1] units: noise_sigma()'s reading (the
    median of Immerkaer's fine high-pass: an edge of the picture does not count) in each 16 x 16 block, squared,
    averaged over the blocks, square-rooted. Where the scan is clipped black or white the grain is cut off, and its
    blocks say so: over an enlarged picture this is the level whose share of resample_loss() adds in squares. On a
    big scan a regular sample of about 4096 blocks is read (every k-th block row and column)."""
    kernel = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)
    response = np.abs(cv2.filter2D(gray, -1, kernel, borderType=cv2.BORDER_REFLECT))
    h, w = (gray.shape[0] // block) * block, (gray.shape[1] // block) * block
    blocks = response[:h, :w].reshape(h // block, block, w // block, block)
    k = max(1, int(np.sqrt((h // block) * (w // block) / 4096)))
    blocks = blocks[::k, :, ::k].transpose(0, 2, 1, 3)
    level = np.median(blocks.reshape(blocks.shape[0], blocks.shape[1], block * block), axis=2) / 0.6745 / 6.0
    return float(np.sqrt(np.mean(level ** 2)))


@functools.lru_cache(maxsize=None)
def _white_noise_loss(factor: float) -> float:
    """resample_loss() of white Gaussian noise of standard deviation 1 (a 512 x 512 draw, seed 0) at `factor`:
    about sqrt(1 - 1 / factor^2) (the noise left after the area average is carried back by the bicubic)."""
    noise = np.random.default_rng(0).normal(0, 1, (512, 512)).astype(np.float32)
    return resample_loss(noise, factor)


def _faint_rim(gray: np.ndarray, big: np.ndarray, paper: float, floor: float, long_side: float) -> np.ndarray:
    """A rubbed rim whose paper shows faintly and broken by the grain, (H, W) bool.

    Where the emulsion is worn thin along an edge, the paper shows through by a fraction of the
    visible floor, pixel by pixel broken by grain: no stretch of it stands out by the floor. Pixels
    within 2 * RIM_DEPTH of the border that stand out from the broad median `big` by half the floor
    and are paper-toned are joined (closed over 5 px along the edge and 3 across); a component is a rim
    when it runs 1.5 * `long_side` along the edge, half of it lies within RIM_DEPTH + 1 px of the border,
    and its standing-out pixels are no more than 1.5 * RIM_DEPTH deep on average (a bright sliver of the scene
    along the edge fills the depth), and they do not go on inwards past the 2 * RIM_DEPTH band (RIM_INWARDS of its
    length or more: a flag's stripe or star, a strap, that the frame cuts).
    """
    h, w = gray.shape
    depth = 2 * RIM_DEPTH
    cand = ((gray - big) > 0.5 * floor) & (gray > paper - 2 * floor)
    out = np.zeros((h, w), bool)
    for side in range(4):  # each edge in turn, as the top rows of a rotated view
        raw = np.rot90(cand, side)[:depth]
        view = cv2.morphologyEx(raw.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((3, 5), np.uint8))
        count, labels, stats, _ = cv2.connectedComponentsWithStats(view, connectivity=8)
        area = np.bincount(labels[raw], minlength=count)  # the pixels that stand out, not the closing's
        keep = (stats[:, 2] >= 1.5 * long_side) & (area <= 1.5 * RIM_DEPTH * stats[:, 2])
        keep &= np.bincount(labels[:RIM_DEPTH + 1].ravel(), minlength=count) >= 0.5 * stats[:, 4]
        # A bright part of the picture that the frame cuts (a flag's stripe or star, a strap) goes on inwards past
        # the band; a rubbed rim fades out within it. Columns where the component reaches the band's inner row and
        # the bright pixels go on in the next RIM_DEPTH rows, on RIM_INWARDS of its columns or more: the picture.
        deeper = np.rot90(cand, side)[depth:depth + RIM_DEPTH].all(axis=0) & (labels[depth - 1] > 0)
        inwards = np.bincount(labels[depth - 1][deeper], minlength=count)
        keep &= inwards < RIM_INWARDS * stats[:, 2]
        keep[0] = False
        band = np.zeros(np.rot90(cand, side).shape, bool)
        band[:depth] = keep[labels] & view.astype(bool)
        out |= np.rot90(band, -side)
    return out


PAPER_BORDER = 0.7  # a white band along this share of a side's rim or more, on three sides or four: a border


def _paper_border(lost: np.ndarray, rim: int) -> bool:
    """Whether the (H, W) bool paper-toned band found along the edges is the print's own white border: it runs
    along PAPER_BORDER or more of three sides or four (`rim` px deep). Chipped or rubbed paper is lost here and
    there; a border printed round the picture (a snapshot's white margin, a photo taken of it on a table and
    squared up) is everywhere, and the repair filled it with picture."""
    sides = (lost[:rim].any(axis=0), lost[-rim:].any(axis=0), lost[:, :rim].any(axis=1), lost[:, -rim:].any(axis=1))
    return sum(float(side.mean()) >= PAPER_BORDER for side in sides) >= 3


def _border_loss(gray: np.ndarray, floor: float) -> np.ndarray:
    """Paper lost at the edges and corners: bright, paper-like areas that touch the border, (H, W) bool.

    A chipped edge shows the paper (the brightest tone of the print) in an irregular band along
    the border. Candidates stand out brightly from a broad median background and lie in the outer
    band (7 % of the shorter side); a component must touch the border. A photo whose own edge is
    bright (a white page, a sky) has that brightness in its background too: nothing stands out.
    What is found grows into the connected paper-toned pixels up to CHIP_DEPTH in that stand out
    from a background three times as broad (a chipped corner is wider than the band).
    """
    h, w = gray.shape
    band = max(4, int(0.07 * min(h, w)))
    size = _odd(np.clip(min(h, w) / 8, 15, 255))
    big = _median(gray, min(size, 255))
    paper = float(np.percentile(gray, 99.5))
    cand = ((gray - big) > floor) & (gray > paper - 2 * floor)
    inner = np.zeros((h, w), bool)
    inner[band:h - band, band:w - band] = True
    cand &= ~inner
    count, labels, stats, _ = cv2.connectedComponentsWithStats(cand.astype(np.uint8), connectivity=8)
    # Lost paper runs along the edge: a component must hold a stretch of the outer rim (3 % of the side),
    # where a white star or a highlight that the frame cuts only touches it. The rim is a few pixels deep:
    # a scan often shows a strip of the scanner's lid or backdrop around the print (a rounded corner).
    rim = max(1, int(0.025 * min(h, w)))
    edge = np.zeros((h, w), bool)
    edge[:rim, :], edge[-rim:, :], edge[:, :rim], edge[:, -rim:] = True, True, True, True
    in_rim = np.bincount(labels[edge], minlength=count)
    long_side = max(3, 0.03 * min(h, w))
    touches = in_rim / rim >= long_side
    # A thin strip of bared paper along the edge (a rubbed rim, RIM_DEPTH px deep or about) lies all in the rim
    # and runs along it; a white stripe of the picture (a flag, a strap) that the frame cuts goes on inwards, a
    # bright sliver of the scene along the edge fills the rim's depth, and a star or a highlight the frame cuts
    # is short (the strip must be 1.5 times the stretch asked of a chip).
    extent = np.maximum(stats[:, 2], stats[:, 3])
    strip = ((in_rim >= 0.8 * stats[:, 4]) & (in_rim / min(rim, RIM_DEPTH) >= long_side)
             & (extent >= 1.5 * long_side) & (in_rim <= RIM_DEPTH * extent))
    touches[0], strip[0] = False, False
    lost = touches[labels]
    if _paper_border(lost, rim):
        return np.zeros((h, w), bool)  # the print's own white border, on three sides or four: no paper lost
    strips = (strip & ~touches)[labels]  # a rubbed rim is as deep as it shows: it is not grown like a chip
    strips |= _faint_rim(gray, big, paper, floor, long_side) & ~lost
    if not lost.any():
        return strips
    # A chipped corner reaches further in than the band, and inside a big chip the paper is its own median
    # background: the lost paper grows into connected paper-toned pixels up to CHIP_DEPTH of the side in,
    # that stand out from a background three times as broad (the picture around the chip, not the chip).
    depth = max(band, int(CHIP_DEPTH * min(h, w)))
    near = np.zeros((h, w), bool)
    near[:depth], near[-depth:], near[:, :depth], near[:, -depth:] = True, True, True, True
    broad = cv2.resize(_median(cv2.resize(gray, (max(8, w // 4), max(8, h // 4)), interpolation=cv2.INTER_AREA),
                               _odd(np.clip(min(h, w) / 4 / 3 * 1.0, 5, 255))), (w, h), interpolation=cv2.INTER_LINEAR)
    grow = (near & ((gray - broad) > floor) & (gray > paper - 2 * floor)).astype(np.uint8)
    found = lost.astype(np.uint8)
    for _ in range(depth):
        nxt = cv2.dilate(found, np.ones((3, 3), np.uint8)) & (grow | found)
        if np.array_equal(nxt, found):
            break
        found = nxt
    return found.astype(bool) | strips


TINY_SEARCH = 200  # px, shorter side: below it the search's windows span a tenth of the picture or more
TINY_SPECK = 0.7  # ...and what stands out of a 5x5 median by this share of the visible floor is taken too,
TINY_MARGIN = 1  # with this many pixels around it
TINY_GRAIN = 5.0  # ...and by this many times the grain level (grain is not specks)
TINY_RELIEF = 0.6  # ...on ground whose 5x5 median changes less than this share of the speck's contrast
TINY_DUSTY = 62  # ...when the print has this many such specks per 10,000 px at least (a dusty print; midway)
TINY_LINE = 12  # px: else only the marks this long (and under 2.5 px wide on average): scratches
TINY_PLAUSIBLE = 0.02  # a tiny print that is not dusty with more than this share marked: the search backs off,
TINY_BACKOFF = 160  # px, shorter side: ...under this (an eye 2 px wide; a 191 px page of print keeps the full search)
SOFT_SPECK = 4.0  # _tiny_specks(): on a copy blurred by 1 px, a speck stands out this many times the copy's spread
HEAVY_GRAIN = 8 / 255  # ...and a print this grainy (noise_sigma()) is dusty with GRAINY_DUSTY of TINY_DUSTY specks:
GRAINY_DUSTY = 0.5  # its grain breaks specks up and hides the faint ones (clean photos read 0.1-2.6/255)


def _tiny_specks(gray: np.ndarray, floor: float) -> tuple[np.ndarray, bool]:
    """Marks of a tiny print (a contact print, a thumbnail under TINY_SEARCH px): ((H, W) bool, dusty).

    On a print a hundred pixels across, the finder's median background (11 px at least) and line
    segments (15 px at least) span a tenth of the picture, and dust and scratch pieces of 1-10 px
    cover a fifth of it or more (bench/_photo_damage.py prints shrunk to 120 px: the finder took
    20-44 % of their marks). Every pixel that stands out of its 5x5 median by TINY_SPECK of the
    visible floor and by TINY_GRAIN times the grain level is a candidate, with a TINY_MARGIN px margin
    (a mark's blurred rim and JPEG ringing). Tuned on the tuning split's '@small' prints (0.5-0.8 of the
    floor, margins of 1-2 px, 0-6 grain levels tried: 0.7, 1 px and 5 beat the baseline on all six).
    At this size an eye and a speck of dust look alike: the candidates are taken only on a dusty print,
    one with TINY_DUSTY specks per 10,000 px or more (damaged prints shrunk to 110-120 px have 72-174,
    clean scikit-image photos shrunk to 100-150 px 3-53), where a speck counted is a lone mark (its 5x5
    median background changes by under TINY_RELIEF of its contrast around it) or in the tone damage
    takes (brighter than the print's 90th percentile, bared paper, or darker than its 5th, binder): the
    mid-toned edges of an eye, a mouth or a badge stand out of a 5x5 median too. Heavy grain (10-13/255 on
    the 128 px held-out print) puts TINY_GRAIN times its level over a quarter of the range: a speck is then
    also taken where it stands out on a copy blurred by 1 px (SOFT_SPECK times that copy's spread; the grain
    averages away, a speck of 2 px or more does not), and a print grainier than HEAVY_GRAIN counts as dusty
    with GRAINY_DUSTY of the specks (tuned on tuning photos shrunk to 128 px with grain 0.035-0.05 and 50-160
    specks: 7 -> 8 of 12 beat the baseline, the '@small' and '@toon' prints unchanged or better by up to
    0.16 dB). Otherwise, under
    TINY_BACKOFF px, only the scratches (counted marks TINY_LINE px long or more, thin) are taken, and
    `dusty` is False.
    """
    background = _median(gray, 5)
    diff = np.abs(gray - background)
    ground = np.ones((5, 5), np.uint8)
    relief = cv2.dilate(background, ground) - cv2.erode(background, ground)
    paper, ink = np.percentile(gray, (90, 5))
    extreme = np.where(gray > background, gray >= paper, gray <= ink)
    grain = noise_sigma(gray)
    stands_out = diff > max(TINY_SPECK * floor, TINY_GRAIN * grain)
    # Heavy grain hides the specks from that test (TINY_GRAIN times a grain of 10-13/255 is over a quarter of the
    # range): a speck of 2 px or more keeps most of its contrast on a copy blurred by 1 px, the grain does not, so a
    # pixel that stands out of the 5x5 median there by SOFT_SPECK times that copy's own spread is a speck too.
    soft = cv2.GaussianBlur(gray, (0, 0), 1.0) - background
    spread = float(np.median(np.abs(soft))) / 0.6745
    same_sign = (soft > 0) == (gray > background)
    stands_out |= (diff > TINY_SPECK * floor) & (np.abs(soft) > SOFT_SPECK * spread) & same_sign
    level = stands_out & ((relief < TINY_RELIEF * diff) | extreme)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(level.astype(np.uint8), connectivity=8)
    dusty = count - 1 >= TINY_DUSTY * (GRAINY_DUSTY if grain >= HEAVY_GRAIN else 1.0) * gray.size / 1e4
    if dusty:  # a dusty print: what stands out of the 5x5 median is taken, lone or not (dust lies in clusters)
        level = stands_out
    if not dusty and min(gray.shape) < TINY_BACKOFF:
        extent = np.hypot(stats[:, 2], stats[:, 3])
        line = (extent >= TINY_LINE) & (stats[:, 4] <= 2.5 * extent)
        line[0] = False
        level = line[labels]
    side = 2 * TINY_MARGIN + 1
    return cv2.dilate(level.astype(np.uint8), np.ones((side, side), np.uint8)).astype(bool), bool(dusty)


SPECK_OUTLIER = 5.0  # _specks_on_texture(): a speck stands out of its 5x5 median this many times the local spread...
SPECK_WEBER = 0.6  # ...and by this share of its ground's own level (plus 0.03): Weber contrast, as the eye sees it
SPECK_TEXTURE = 1.5  # ...where the local spread is this many times the print's grain (a textured ground: knit, cloth)
SPECK_AREA, SPECK_SIDE = 12, 6  # px, on the working copy: a speck's core is this small


def _specks_on_texture(gray: np.ndarray, size: int) -> np.ndarray:
    """Small bright specks on the DARK, TEXTURED parts of an old print (a knit, a curtain), (H, W) bool (cores).

    The main search asks a mark to stand out by a visible amount in luma units (the floor, about a fifth of the
    range) and by many times the local texture level over a `size` px window: on dark cloth a speck of dust or
    a pinhole 1-3 px across is plain to the eye (twice its ground's level or so) but stands out by 0.05-0.15 in
    luma, under the floor. Here the test is relative: a core stands out of its 5x5 median by SPECK_OUTLIER
    times the local spread of that residual (its median absolute value over 2 * size + 1 px / 0.6745) AND by
    SPECK_WEBER of its ground's level plus 0.03 (Weber contrast), on ground darker than midway between the
    print's 5th and 90th percentiles, where the local spread is SPECK_TEXTURE times the print's grain
    (noise_sigma()) or more: a star field's flat, grainy sky is left to the main search and its star-field
    guard. Cores are SPECK_AREA px at most, within SPECK_SIDE px, and lone (_crowded(): glints on a sequinned
    dress or a lit city come in crowds).
    """
    bg5 = _median(gray, 5)
    r = gray - bg5
    spread = np.clip(np.abs(r) * 1020, 0, 255).astype(np.uint8)
    lvl = cv2.medianBlur(spread, _odd(min(size * 2 + 1, 255))).astype(np.float32) / 1020 / 0.6745
    paper, ink = np.percentile(gray, (90, 5))
    cand = ((bg5 < 0.5 * (paper + ink)) & (lvl > SPECK_TEXTURE * max(noise_sigma(gray), 0.5 / 255))
            & (r > SPECK_OUTLIER * lvl) & (r > SPECK_WEBER * (bg5 + 0.03)))
    if not cand.any():
        return cand
    count, labels, stats, _ = cv2.connectedComponentsWithStats(cand.astype(np.uint8), connectivity=8)
    small = (stats[:, 4] <= SPECK_AREA) & (np.maximum(stats[:, 2], stats[:, 3]) <= SPECK_SIDE)
    small &= ~_crowded(labels, stats, r, 3 * lvl, size)
    small[0] = False
    return small[labels]


RIDGE_SIGMAS = (1.0, 1.5, 2.0)  # px: lines about 1-5 px wide on the working copy


def ridge_strength(gray: np.ndarray, sigmas=RIDGE_SIGMAS) -> np.ndarray:
    """How much each pixel of a [0, 1] luma image lies on a thin BRIGHT line, (H, W) float32 >= 0, in luma units.

    Multi-scale Hessian ridge measure (after Sato et al. 1998 and Frangi et al. 1998): at each
    scale s, s^2 times the curvature across the line (the most negative eigenvalue of the Hessian
    of the image blurred by s), less the curvature along it (a bright blob curves both ways) and
    less s times the slope (the bright side of a step edge curves too, but a line's centre is flat).
    The best scale wins. A bright line 1-6 px wide of contrast A reads about 0.2-0.45 A, a step edge about 0.06 A.
    """
    g = gray.astype(np.float32)
    best = np.zeros_like(g)
    for s in sigmas:
        b = cv2.GaussianBlur(g, (0, 0), s)
        dxx = cv2.Sobel(b, cv2.CV_32F, 2, 0, ksize=3) / 4
        dyy = cv2.Sobel(b, cv2.CV_32F, 0, 2, ksize=3) / 4
        dxy = cv2.Sobel(b, cv2.CV_32F, 1, 1, ksize=3) / 4
        slope = np.hypot(cv2.Sobel(b, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(b, cv2.CV_32F, 0, 1, ksize=3)) / 8
        half = np.sqrt((dxx - dyy) ** 2 + 4 * dxy ** 2) / 2
        across, along = (dxx + dyy) / 2 - half, (dxx + dyy) / 2 + half
        best = np.maximum(best, s * s * (np.maximum(-across, 0) - np.maximum(-along, 0)) - s * slope)
    return np.maximum(best, 0)


CRACK_NETWORK = 0.3  # cracked(): bright crack-like lines this many times the print's shorter side long, or more
CRACK_PIECE = 0.05  # ...each piece this share of the shorter side long at least...
CRACK_BAR = 0.25  # ...lighter than the picture beneath it by this much (luma) on average...
CRACK_CROSSING = 0.06  # ...over a picture whose tone changes along it this much (luma standard deviation)...
CRACK_KEEP = 0.3  # ...while its own peak tone changes at most this share of it (the paper showing through)


def crack_network(rgb: np.ndarray) -> float:
    """How much a (H, W, 3) [0, 1] photo shows of bright crack lines, in multiples of its shorter side (0 = none).

    A crack in a print's emulsion bares the paper: a thin bright line (ridge_strength, 1-5 px) that crosses the
    picture without following it, so the picture beneath it changes along the line (its background, a 11 px median,
    varies by CRACK_CROSSING or more) while the line's own peak tone stays the paper's (it varies less than CRACK_KEEP
    of that) and stands CRACK_BAR above the picture. A highlight along a rim or a wire, a text stroke or a tripod's
    edge keeps the picture beneath it (it follows the picture) or takes its tone. Pieces CRACK_PIECE of the shorter
    side long or more, 5 px wide or less on average, are counted, on the copy the damage search works on (work_step).
    Dark cracks (the binder showing) are not counted: a photo's own dark lines (seams, wires, tripod legs) pass the
    same tests too often (bench/photo_cracked_clean.py: clean motorcycles and camera read as high as cracked prints).
    Measured by bench/photo_cracked_clean.py (tuning photos cracked and dusty, nothing else aged): see cracked().
    """
    from skimage.morphology import skeletonize

    h, w = rgb.shape[:2]
    step = work_step(h, w)
    small = rgb if step == 1 else cv2.resize(rgb, (w // step, h // step), interpolation=cv2.INTER_AREA)
    gray = luma(small).astype(np.float32)
    short = min(gray.shape)
    background = _median(gray, 11)
    line = (ridge_strength(gray) > 0.015) & (gray - _median(gray, 7) > 0.04)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(line.astype(np.uint8), connectivity=8)
    skeleton = skeletonize(line)
    ids = labels[skeleton]
    length = np.bincount(ids, minlength=count).astype(np.float64)
    peak = cv2.dilate(gray, np.ones((3, 3), np.uint8))

    def spread(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        mean = np.bincount(ids, values, count) / np.maximum(length, 1)
        square = np.bincount(ids, values * values, count) / np.maximum(length, 1)
        return mean, np.sqrt(np.maximum(square - mean * mean, 0))

    tone, tone_spread = spread(peak[skeleton].astype(np.float64))
    beneath, beneath_spread = spread(background[skeleton].astype(np.float64))
    crack = ((length >= CRACK_PIECE * short) & (stats[:, 4] <= 5 * np.maximum(length, 1))
             & (beneath_spread > CRACK_CROSSING) & (tone_spread < CRACK_KEEP * beneath_spread)
             & (tone - beneath > CRACK_BAR))
    crack[0] = False
    return float(length[crack].sum() / short)


@once_per_photo  # the analysis measures it, then the restore that follows asks again (2-3 s on a 12 MP scan)
def cracked(rgb: np.ndarray) -> bool:
    """True for a photo with a bright crack network (crack_network() CRACK_NETWORK or more): its cracks are a sign of
    age even where nothing else shows it (not faded, tinted or grainy), so it gets find_damage()'s full search.
    Measured (bench/photo_cracked_clean.py, Dec 2026): the undamaged photos of that bench (packaged photos at their
    own size, enlarged to 1600-2400 px, and bench/photo_big_clean.py's scans) read 0-0.15 (minduka_present 0.15,
    flower 0.13, grace_hopper 0.11); tuning photos cracked and dusty read 0-1.75, and 6 of 22 reach the bar (the
    bar is twice the clean photos' highest): the others' cracks are dark, faint on the working copy (1 px on a
    3000 px scan) or lie on a plain ground."""
    return crack_network(rgb) >= CRACK_NETWORK


# Faint cracks and creases (bench/photo_crack_kinds.py, tuning split): a crack over a pale face or wall, or a crease,
# stands out of its ground by less than the visible floor (0.03-0.06 luma on a 0.7 wall), yet well above the grain
# over its length. _ridge_cracks() follows a crack's body into pixels whose ridge stands out FAINT_RIDGE times the
# local ridge level and FAINT_GRAIN times the grain level, and lighter than their median by FAINT_THIN grain levels;
# a component of such faint pixels over FAINT_SHARE of its extent and a segment's length long is a crack by itself.
FAINT_RIDGE, FAINT_GRAIN, FAINT_THIN, FAINT_SHARE = 3.0, 1.0, 3.0, 0.5
RIDGE_WEB = 1.5  # _ridge_cracks(): a network this many segments across is no crowd of like lines (its own branches)
# _find_on_old_print(): a bright line whose segment average stands LINE_FAINT_AROUND times its surroundings and
# LINE_FAINT_ALONG grain levels (the average over a segment takes the grain down, not a long line), each pixel lighter
# than its median by LINE_FAINT_THIN grain levels, over LINE_FAINT_LONG segments or more: a crease's seed.
LINE_FAINT_AROUND, LINE_FAINT_ALONG, LINE_FAINT_THIN, LINE_FAINT_LONG = 2.0, 1.0, 0.5, 2.0
RIDGE_HIGH, RIDGE_LOW = 6.0, 1.5  # a crack's seeds stand out this many times the local ridge level, its body this many


def _ridge_cracks(gray: np.ndarray, thin: np.ndarray, weak_level: np.ndarray, floor: float, length: int,
                  scale: np.ndarray, faint_lines: bool = True) -> np.ndarray:
    """Bright crack networks and creases found by their ridge (ridge_strength), (H, W) bool.

    Seeds are pixels whose ridge stands out RIDGE_HIGH times the local ridge level (the median over
    a segment's length: a knit or a curtain is ridged all over, a flat background is not) and that
    are brighter than their median background by the weak level; they are followed (hysteresis)
    through the connected pixels whose ridge stands out RIDGE_LOW times, so a faint stretch of a
    crack joins its bright stretches; faint pixels (standing out of the grain, not of the visible floor:
    FAINT_RIDGE, FAINT_THIN) join the body too, and a segment-long component mostly made of them is a crack
    over a pale ground by itself. A network is long: a component must reach half a segment's
    length, stay thin (under 4 px on average) and not come in a crowd of like lines, unless it spans RIDGE_WEB
    segments (a network's own branches lie in its box: they are not a crowd).
    """
    ridge = ridge_strength(gray)
    scaled = np.clip(ridge * 1020, 0, 255).astype(np.uint8)
    level = cv2.medianBlur(scaled, _odd(min(length, 255))).astype(np.float32) / 1020
    level = np.maximum(level, 0.25 * scale)
    seeds = (ridge > np.maximum(RIDGE_HIGH * level, 0.25 * floor)) & (thin > weak_level)
    body = (ridge > np.maximum(RIDGE_LOW * level, 0.08 * floor)) & (thin > 0)
    faint = (ridge > np.maximum(FAINT_RIDGE * level, FAINT_GRAIN * scale)) & (thin > FAINT_THIN * scale) & faint_lines
    body |= faint
    count, labels, stats, _ = cv2.connectedComponentsWithStats(body.astype(np.uint8), connectivity=8)
    keep = np.zeros(count, bool)
    keep[np.unique(labels[seeds])] = True
    extent = np.hypot(stats[:, 2], stats[:, 3])
    keep |= (extent >= length) & (np.bincount(labels[faint], minlength=count) >= FAINT_SHARE * extent)
    keep &= (extent >= length // 2) & (stats[:, 4] <= 4 * extent)
    web = extent >= RIDGE_WEB * length
    keep &= ~(_crowded(labels, stats, thin, 3 * scale, length // 4, along=True) & ~web)
    keep[0] = False
    keep &= ~_glyph_rows(labels, stats, keep)
    return keep[labels]


RIM_SIDE = 5  # px: _rims() compares the picture this far either side of a ridge, across it
RIM_STEP = 0.5  # the two sides of a rim differ by this share of its height over the darker side, or more
RIM_ONE_SIDED = 0.7  # a ridge with a bright and a dark side along this share of its pixels or more is an object's rim
RIM_NETWORK = 0.5  # ...unless it lies within this many segments of a ridge with like sides (a crack network's own)


def _rims(lines: np.ndarray, gray: np.ndarray, length: int) -> np.ndarray:
    """The components of the (H, W) bool `lines` that are the lit rims of the picture's objects, (H, W) bool.

    A crack is paper showing through a print: it crosses the picture, which goes on alike either side of it. The
    lit rim of a coin, a cup or a lens lies where one object ends: bright, with the object on one side and a darker
    ground on the other. Per pixel of a component, the luma `gray` RIM_SIDE px either side, across the ridge's
    direction (line_orientations()): one-sided where the two sides differ by more than half the ridge's height over
    the darker side. A component one-sided along RIM_ONE_SIDED of its pixels or more is a rim, unless a long two-sided
    stretch of a component (a crack's) lies within RIM_NETWORK segments (`length` px) of it: a crack network that
    runs along a face's edge for a stretch keeps that stretch; farther off, a long one-sided stretch of a crack's
    component is a rim the crack ran into (a coin's edge joined to the crack that crosses the coin). Used on the ridge
    search's components and the bright lines' (_find_on_old_print). Measured, ridge components only: stained prints
    of bench/_photo_damage.py (SPOT_TUNING) 123 of 453 components one-sided, none on a stain; cracked prints
    (CRACK_TUNING) 20 of 297, none on a crack. The packaged photo of coins aged as old prints (draws no split uses):
    4.5-7 % marked (the coins' rims) -> under 1 %. On the real cracked print 2 (tests/photo/data) the collar's edge is
    kept; at RIM_STEP 0.4 the ear's rim would be too, but the independent crack detector of bench/_photo_damage.py
    (crack_map) counts eyes, lips, ears and collars with the cracks, and its share left rose from 29 % to 35 %.
    """
    if not lines.any():
        return np.zeros(lines.shape, bool)
    count, labels = cv2.connectedComponents(lines.astype(np.uint8), connectivity=8)
    ys, xs = np.nonzero(lines)
    own = labels[ys, xs]
    _, angle = line_orientations(lines)
    across = np.radians(angle[ys, xs] + 90.0)
    h, w = gray.shape

    def side(sign: int) -> np.ndarray:
        yy = np.clip(np.round(ys + sign * RIM_SIDE * np.sin(across)).astype(int), 0, h - 1)
        xx = np.clip(np.round(xs + sign * RIM_SIDE * np.cos(across)).astype(int), 0, w - 1)
        return gray[yy, xx]

    left, right = side(1), side(-1)
    height = np.maximum(gray[ys, xs] - np.minimum(left, right), 1e-3)
    one_sided = np.abs(left - right) > RIM_STEP * height
    share = np.bincount(own, one_sided.astype(np.float64), count) / np.maximum(np.bincount(own, minlength=count), 1)
    rim = share >= RIM_ONE_SIDED
    rim[0] = False
    # A crack network's own stretches (the components that are not rims) keep what lies within RIM_NETWORK segments
    # of them: a crack that runs along a face's edge for a stretch. Farther off, a long one-sided stretch of such a
    # component is a rim the crack ran into (a coin's lit edge joined to the crack that crosses the coin).
    network = lines & ~rim[labels]
    if not network.any():
        return rim[labels]

    def stretches(pixels: np.ndarray, within: np.ndarray) -> np.ndarray:  # runs of them half a segment long or more
        run = np.zeros(gray.shape, np.uint8)
        run[ys[pixels], xs[pixels]] = 1
        run = cv2.morphologyEx(run, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8)) & within.astype(np.uint8)
        n, pieces, stats, _ = cv2.connectedComponentsWithStats(run, connectivity=8)
        long = np.hypot(stats[:, 2], stats[:, 3]) >= length / 2
        long[0] = False
        return long[pieces]

    # (a short two-sided stretch is where two coins touch, or noise: it is no crack's)
    two_sided = stretches(~one_sided, network).astype(np.uint8)
    reach = _odd(2 * RIM_NETWORK * length + 1)
    near = cv2.dilate(two_sided, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (reach, reach))).astype(bool)
    rim[np.unique(labels[near & rim[labels]])] = False
    return rim[labels] | stretches(one_sided, network & ~near)


GLYPH_WINDING = 1.3  # _glyph_rows(): a glyph's skeleton runs this many times its box's diagonal or more (it turns back)
GLYPH_FILL = 0.25  # ...its pixels fill this share of its box or more...
GLYPH_ASPECT = 3.0  # ...its box is no more than this many times as tall as wide, or as wide as tall...
GLYPH_GAP = 3.0  # ...and another such glyph stands beside it on the same row, within this many glyph heights


def _glyph_rows(labels: np.ndarray, stats: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Per component of `labels` among `ids` (bool per label): True for a letter of a row of lettering.

    A caption, a date stamp or a shop sign on a print is made of bright strokes that the ridge search
    (_ridge_cracks) takes for short crack pieces. A letter is compact and its stroke turns back on itself (a
    loop, a bowl, a serif): its skeleton (scikit-image's skeletonize) runs GLYPH_WINDING times its box's diagonal
    or more, its pixels fill GLYPH_FILL of the box, and the box is within GLYPH_ASPECT to 1 either way; letters
    come in rows: another such glyph, of a height within 1.6 times its own, overlaps its height by half and
    stands within GLYPH_GAP heights of it sideways. A crack network winds as much but fills its (big) box
    sparsely: 1-18 % against 29-49 % for the letters of lettering drawn on the tuning photos (DejaVu Sans,
    Atkinson Hyperlegible and Comic Neue, 2.5-6 % of the shorter side, bench/_photo_damage.py's ageing; on a
    grid of 64 such captions the letters marked fell from 22 % to 14 % on average, the damage found did not
    move); a crack piece that fills its box is straight (its
    skeleton about its diagonal: 0.85-1.15 on those prints).
    """
    from skimage.morphology import skeletonize

    glyph = np.zeros(len(stats), bool)
    for i in np.flatnonzero(ids):
        x, y, w, h, area = stats[i]
        if min(w, h) < 3 or max(w, h) > GLYPH_ASPECT * min(w, h) or area < GLYPH_FILL * w * h:
            continue
        skeleton = skeletonize(labels[y:y + h, x:x + w] == i).sum()
        glyph[i] = skeleton >= GLYPH_WINDING * np.hypot(w, h)
    found = np.flatnonzero(glyph)
    row = np.zeros(len(stats), bool)
    for a in found:
        for b in found:
            if a == b:
                continue
            (xa, ya, wa, ha), (xb, yb, wb, hb) = stats[a, :4], stats[b, :4]
            overlap = min(ya + ha, yb + hb) - max(ya, yb)
            gap = max(xa, xb) - min(xa + wa, xb + wb)
            if overlap >= 0.5 * min(ha, hb) and gap <= GLYPH_GAP * max(ha, hb) and max(ha, hb) <= 1.6 * min(ha, hb):
                row[a] = True
                break
    return row


INK_CONTRAST = 0.08  # _inscription(): an inscription's strokes stand out of a 13 px median by this much (luma)...
INK_HEIGHT = (4, 90)  # ...its glyphs are this many pixels tall on the working copy...
ROW_GAP = 1.5  # ...and stand within this many glyph heights of each other, sideways...
ROW_GLYPHS = 4  # ...this many at least in a row, one of them at least a letter whose stroke turns back (a loop)...
ROW_BASELINE = 0.2  # ...standing on one baseline: their bottoms within this many glyph heights of the row's median
ROW_MARGIN = (1.0, 0.5)  # the row's band reaches this many tallest-glyph heights beyond its ends, above and below
ROW_PAGE = 6  # more rows than this of one polarity are a page of print, not an inscription (see _inscription())
ROW_LONGEST = 2.0  # a mark in the band no longer than this many glyph heights is the inscription's; longer, a scratch
PAGE_REACH = 2  # px: the marks this close to lettering's glyphs, of the glyph's polarity, are letters (_page_letters())
PAGE_ROWS = 3  # rows of one polarity from which a long mark along them is their letters or the paper between them...
PAGE_ALONG = 15.0  # ...when it runs within this many degrees of the rows' direction, no thicker than a glyph,
PAGE_INKED = 0.3  # ...and this share of it at least lies on the letters (a scratch along a row lies mostly on paper)


def _inscription(gray: np.ndarray, marks: np.ndarray) -> np.ndarray:
    """The marks of `marks` ((H, W) bool) that belong to a row of lettering on the [0, 1] luma `gray`, (H, W) bool.

    A date or a name written on a print or on its paper border (« Août 1962 - Mamie & Zoé », « 14-07-1962 »,
    a shop sign's « HOTEL ») is a row of glyphs of one polarity: compact ink components (INK_CONTRAST out of a
    13 px median, INK_HEIGHT tall, no more than GLYPH_ASPECT times as tall as wide or as wide as tall unless
    they are small punctuation) of heights within 1.6 of each other, overlapping in height by half, ROW_GAP
    heights apart at most, ROW_GLYPHS at least on one baseline (ROW_BASELINE; a crack network's pieces stand
    anyhow), one of them at least a letter that turns back on itself
    (_glyph_rows' winding and fill). The parts of an inscription that are not loops - dashes, hyphens, the dots
    of i, accents, commas, apostrophes, the bars of T, E or H, whole capital words - are taken by the line
    and dust searches; every connected mark that lies inside a row's band (ROW_MARGIN) and runs no more than
    ROW_LONGEST heights of the row's tallest glyph, with the row's polarity, is the inscription's. A scratch or
    crack crossing the caption is longer and stays; a bright speck on a dark date stays.
    Whatever the number of rows, the letters themselves (the rows' glyphs) are the picture (_page_letters()): a
    page of print (more than ROW_PAGE rows: a letter, a book's page) has dust and hairs between its letters
    everywhere, so its rows' bands are no shelter there, but its letters are, and from PAGE_ROWS rows on, a long
    mark running along them on its letters is those letters run together. The old-print search took whole rows of
    small print for dark dust grown into its halo (skimage's `page` photo aged with stains: 10-12 % of it marked,
    whole words filled in; now 2-7 %). A speck between the letters, and a scratch or a hair across the rows, is
    still damage (bench/photo_pages.py: generated pages, damage found unchanged). Handwriting on ruled paper
    (skimage's `text`, held out) is no row of glyphs on a baseline: 17-20 % of it is still marked.
    On bench/photo_lettering.py's inscriptions (fonts of assets/fonts, 12-40 px, dark and bright, on the picture
    and on a paper border, aged) the letters marked went from 3.1 to 1.5 % (tuning) and 13.9 to 13.2 % (check;
    what is left is mostly letters a crossing scratch covers), the damage found did not move (59.8 %; 65.1 to
    65.0 %); over the 63 aged cases of TUNING, HELD_OUT and FRESH it moved from 65.691 to 65.688 %.
    """
    from skimage.morphology import skeletonize

    thin = gray - _median(gray, 2 * MAX_WIDTH + 1)
    band = np.zeros(gray.shape, np.int8)  # +1: a row of bright ink, -1: of dark ink
    tallest = np.zeros(gray.shape, np.float32)  # the height of its tallest glyph (a capital, a digit)
    page = np.zeros(gray.shape, np.int8)  # a page's glyphs: +1 bright ink, -1 dark ink
    page_tall = 0.0  # its tallest glyph's height
    page_angles: list[float] = []  # its rows' directions (degrees)
    low, high = INK_HEIGHT
    for sign in (1, -1):
        count, labels, stats, centres = cv2.connectedComponentsWithStats((sign * thin > INK_CONTRAST).astype(np.uint8),
                                                                   connectivity=8)
        x, y, w, h, area = (stats[:, i] for i in range(5))
        glyph = (h >= low) & (h <= high) & (w >= 2) & (w <= GLYPH_ASPECT * h) & (area >= 0.15 * w * h)
        glyph[0] = False
        ids = np.flatnonzero(glyph)
        if len(ids) < ROW_GLYPHS or len(ids) > 4000:  # none, or the picture's own texture all over
            continue
        loop = np.zeros(count, bool)
        for i in ids:
            if min(w[i], h[i]) >= 3 and max(w[i], h[i]) <= GLYPH_ASPECT * min(w[i], h[i]) \
                    and area[i] >= GLYPH_FILL * w[i] * h[i]:
                loop[i] = skeletonize(labels[y[i]:y[i] + h[i], x[i]:x[i] + w[i]] == i).sum() \
                    >= GLYPH_WINDING * np.hypot(w[i], h[i])
        # Rows: glyphs joined to their neighbours (union-find over pairs), sorted by their left edge.
        parent = {int(i): int(i) for i in ids}

        def root(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        order = ids[np.argsort(x[ids])]
        for n, a in enumerate(order):
            for b in order[n + 1:]:
                if x[b] - (x[a] + w[a]) > ROW_GAP * max(h[a], h[b]):
                    if x[b] > x[a] + w[a] + ROW_GAP * high:
                        break
                    continue
                overlap = min(y[a] + h[a], y[b] + h[b]) - max(y[a], y[b])
                if overlap >= 0.5 * min(h[a], h[b]) and max(h[a], h[b]) <= 1.6 * min(h[a], h[b]):
                    parent[root(int(a))] = root(int(b))
        rows: dict[int, list[int]] = {}
        for i in ids:
            rows.setdefault(root(int(i)), []).append(int(i))
        lettering = []
        for members in rows.values():  # letters stand on one baseline (descenders and commas hang below it)
            members = np.array(members)
            bottom = y[members] + h[members]
            members = members[np.abs(bottom - np.median(bottom)) <= ROW_BASELINE * np.median(h[members])]
            # (a small print's letters are too small for a loop to show: a long row of glyphs on one baseline is one)
            if len(members) >= ROW_GLYPHS and (loop[members].any() or len(members) >= 2 * ROW_GLYPHS) \
                    and h[members].max() <= 1.6 * h[members].min():
                lettering.append(members)
        if not lettering:
            continue
        glyphs = np.concatenate(lettering)  # the letters themselves are the picture, on a page or in a caption
        page[np.isin(labels, glyphs)] = sign
        page_tall = max(page_tall, float(h[glyphs].max()))
        if len(lettering) >= PAGE_ROWS:
            page_angles += [float(np.degrees(np.arctan(np.polyfit(centres[m, 0], centres[m, 1], 1)[0])))
                            for m in lettering if np.ptp(centres[m, 0]) > 0]
        if len(lettering) > ROW_PAGE:  # a page of print: its letters themselves, not their rows' bands
            continue
        for members in lettering:
            tall = float(h[members].max())
            x0 = int(max(x[members].min() - ROW_MARGIN[0] * tall, 0))
            x1 = int(min((x[members] + w[members]).max() + ROW_MARGIN[0] * tall, gray.shape[1]))
            y0 = int(max(y[members].min() - ROW_MARGIN[1] * tall, 0))
            y1 = int(min((y[members] + h[members]).max() + ROW_MARGIN[1] * tall, gray.shape[0]))
            band[y0:y1, x0:x1] = sign
            tallest[y0:y1, x0:x1] = np.maximum(tallest[y0:y1, x0:x1], tall)
    lettered = (_page_letters(page, page_tall, float(np.median(page_angles)) if page_angles else None, thin, marks)
                if page.any() else np.zeros(gray.shape, bool))
    if not band.any():
        return lettered
    count, labels, stats, _ = cv2.connectedComponentsWithStats(marks.astype(np.uint8), connectivity=8)
    # A mark is the inscription's when it lies in a row's band and has the row's polarity (a bright speck of dust
    # on a dark date is still dust).
    polarity = np.sign(np.bincount(labels.ravel(), thin.ravel().astype(np.float64), count))
    inside = np.bincount(labels.ravel(), (band != 0).ravel(), count) >= stats[:, 4]
    inside &= np.bincount(labels.ravel(), (band.ravel() == polarity[labels.ravel()]), count) >= stats[:, 4]
    inside[0] = False
    rows_tall = np.zeros(count)
    np.maximum.at(rows_tall, labels.ravel(), tallest.ravel())
    keep = inside & (np.maximum(stats[:, 2], stats[:, 3]) <= ROW_LONGEST * rows_tall)
    keep[0] = False
    return keep[labels] | lettered


def _page_letters(page: np.ndarray, tall: float, angle: float | None, thin: np.ndarray,
                  marks: np.ndarray) -> np.ndarray:
    """The marks of `marks` ((H, W) bool) that are lettering's letters or the paper between its rows, (H, W) bool
    (see _inscription()).

    `page`: (H, W) int8, +1 on the glyphs of rows of bright ink, -1 of dark ink; `tall`: the tallest glyph's
    height (px); `angle`: the rows' direction (degrees, image axes: y down), None under PAGE_ROWS rows; `thin`:
    the luma minus its local median (the ink's polarity per pixel).
    - A mark no longer than ROW_LONGEST glyph heights: its pixels within PAGE_REACH px of a glyph, of the glyph's
      polarity or too faint to have one (the rim the search grew around a letter), are the letter's; the whole
      mark when they are half of it or more.
    - A longer mark: the letters of a row run together, with the paper between them, when it runs along the rows
      (within PAGE_ALONG degrees of `angle`), is no thicker than a glyph and lies on the letters for PAGE_INKED of
      its pixels or more; else it is a scratch, a crack or a hair (across the rows, along them on the paper, or
      wider): damage, letters it crosses and all. Without PAGE_INKED, the generated pages' damage found fell from
      40.8 to 29.0 % (tuning split of bench/photo_pages.py); with it 40.6 %.
    """
    reach = np.ones((2 * PAGE_REACH + 1,) * 2, np.uint8)
    dark, bright = (cv2.dilate((page == v).astype(np.uint8), reach).astype(bool) for v in (-1, 1))
    faint = np.abs(thin) < INK_CONTRAST
    on_letters = marks & ((dark & ((thin < 0) | faint)) | (bright & ((thin > 0) | faint)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(marks.astype(np.uint8), connectivity=8)
    share = np.bincount(labels.ravel(), on_letters.ravel(), count) / np.maximum(stats[:, 4], 1)
    short = np.maximum(stats[:, 2], stats[:, 3]) <= ROW_LONGEST * tall
    whole = short & (share >= 0.5)
    if angle is not None:
        for i in np.flatnonzero(~short):
            x, y, w, h, area = stats[i]
            m = cv2.moments((labels[y:y + h, x:x + w] == i).astype(np.uint8), binaryImage=True)
            direction = np.degrees(0.5 * np.arctan2(2 * m["mu11"], m["mu20"] - m["mu02"]))
            turn = abs((direction - angle + 90.0) % 180.0 - 90.0)
            whole[i] = turn <= PAGE_ALONG and area / np.hypot(w, h) <= tall and share[i] >= PAGE_INKED
    whole[0] = False
    return whole[labels] | (on_letters & short[labels])


LATTICE_SHARE = 0.05  # lines found over this share of the picture...
LATTICE_TILES = 0.8  # ...in this share of its 8 x 8 tiles...
LATTICE_ALIGNED = 0.7  # ...and this share of them along two directions (within 10 degrees) is the picture's texture


def line_orientations(lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(share of line pixels per 5-degree direction bin (36,), per-pixel direction in degrees 0..180) of a line mask."""
    soft = cv2.GaussianBlur(lines.astype(np.float32), (0, 0), 1.5)
    gx, gy = cv2.Sobel(soft, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(soft, cv2.CV_32F, 0, 1, ksize=3)
    jxx = cv2.GaussianBlur(gx * gx, (0, 0), 3.0)
    jyy = cv2.GaussianBlur(gy * gy, (0, 0), 3.0)
    jxy = cv2.GaussianBlur(gx * gy, (0, 0), 3.0)
    # The gradient runs across a line: the line's own direction is 90 degrees from the tensor's main axis.
    angle = (np.degrees(0.5 * np.arctan2(2 * jxy, jxx - jyy)) + 90.0) % 180.0
    hist = np.bincount((angle[lines] // 5).astype(int) % 36, minlength=36).astype(np.float64)
    return hist / max(hist.sum(), 1.0), angle


def _texture_of_lines(lines: np.ndarray) -> np.ndarray:
    """The line pixels that are the picture's own texture: mortar, planks, tiles, seen at any angle, (H, W) bool.

    A crack network branches every way, a few scratches are a few lines; the joints of a wall or a
    floor run along two directions (in perspective too, where _grid_lines() finds no fixed period) and
    cover the whole picture. When the lines cover LATTICE_SHARE of the picture, in LATTICE_TILES of its
    8 x 8 tiles (at least 3 % of each marked), and LATTICE_ALIGNED of them lie within 10 degrees of two
    directions, the pixels along those two directions are the texture; a crack crossing it at another
    angle keeps its own. Measured on the tuning split (bench/_photo_damage.py, brick walls straight and in
    perspective: lines over 11-15 % of the picture, in 95-100 % of the tiles, 83-98 % aligned; every other
    tuning print and the two real cracked prints: at most 6 %, 47 % of the tiles).
    """
    h, w = lines.shape
    none = np.zeros((h, w), bool)
    if lines.mean() < LATTICE_SHARE or min(h, w) < 64:
        return none
    tiles = lines[:h // 8 * 8, :w // 8 * 8].reshape(8, h // 8, 8, w // 8).mean(axis=(1, 3))
    if (tiles > 0.03).mean() < LATTICE_TILES:
        return none
    hist, angle = line_orientations(lines)

    def window(centre: int) -> np.ndarray:
        return np.arange(centre - 2, centre + 3) % 36

    first = int(np.argmax([hist[window(i)].sum() for i in range(36)]))
    rest = hist.copy()
    rest[window(first)] = 0
    second = int(np.argmax([rest[window(i)].sum() for i in range(36)]))
    if hist[window(first)].sum() + rest[window(second)].sum() < LATTICE_ALIGNED:
        return none
    along = np.zeros(36, bool)
    along[window(first)], along[window(second)] = True, True
    return lines & along[(angle // 5).astype(int) % 36]


ALONG_ANGLE = 20.0  # degrees: a line pixel runs along the picture's own edge when it is this parallel to it...
ALONG_EDGE = 0.3  # ...and the picture's step across ALONG_SPAN px beside it is this share of the line's contrast
ALONG_SPAN = 3  # px
ALONG_SHARE = 0.5  # a line that does so along this share of its pixels is the picture's (a rim, wood grain, a shelf)


def _along_picture(lines: np.ndarray, gray: np.ndarray, thin: np.ndarray) -> np.ndarray:
    """The line components of `lines` ((H, W) bool) that run along the picture's own edges, (H, W) bool.

    Damage is laid over the picture: a scratch or a crack crosses faces, folds and walls at whatever
    angle it takes, and the picture under it goes its own way. A highlight on a cup's rim, a wheel or a
    shelf's edge, the light streaks of wood grain, are the picture's: the edges of the picture beside
    them run parallel to them. Per pixel of a line: the local edge direction of the luma `gray` beside
    it (structure tensor over ALONG_SPAN px, the line and ALONG_SPAN px around it left out by normalised
    convolution, so the line's own edges do not count) within ALONG_ANGLE of the line's
    (line_orientations()), and the picture's step across ALONG_SPAN px at least ALONG_EDGE of the line's
    own contrast (|thin|, its residual over the median background). A component doing so along
    ALONG_SHARE of its pixels is the picture's. Measured (bench/_photo_damage.py, find_damage only): on
    the tuning, held-out and fresh photos aged with no marks (light_ageing's fade, grain and JPEG), the
    colour prints' false marks fall from 1.5-5.5 % of the picture to 0.6-3.4 %; on the tuning cases the
    marks found fall from 67.8 % to 66.9 % (median), the two real cracked prints are monochrome.
    """
    out = np.zeros(lines.shape, bool)
    if not lines.any():
        return out
    # The picture beside the line, with the line and its blurred rim left out (normalised convolution).
    valid = ~cv2.dilate(lines.astype(np.uint8), np.ones((2 * ALONG_SPAN + 1,) * 2, np.uint8)).astype(bool)
    v = valid.astype(np.float32)
    gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3) / 8
    gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3) / 8
    weight = np.maximum(cv2.GaussianBlur(v, (0, 0), ALONG_SPAN), 1e-3)
    jxx = cv2.GaussianBlur(gx * gx * v, (0, 0), ALONG_SPAN) / weight
    jyy = cv2.GaussianBlur(gy * gy * v, (0, 0), ALONG_SPAN) / weight
    jxy = cv2.GaussianBlur(gx * gy * v, (0, 0), ALONG_SPAN) / weight
    edge_angle = (np.degrees(0.5 * np.arctan2(2 * jxy, jxx - jyy)) + 90.0) % 180.0
    step = ALONG_SPAN * np.sqrt(np.maximum(jxx + jyy, 0))
    _, angle = line_orientations(lines)
    gap = np.abs(edge_angle - angle) % 180.0
    gap = np.minimum(gap, 180.0 - gap)
    along = (gap < ALONG_ANGLE) & (step > ALONG_EDGE * np.abs(thin))
    count, labels = cv2.connectedComponents(lines.astype(np.uint8), connectivity=8)
    pixels = np.maximum(np.bincount(labels.ravel(), minlength=count), 1)
    share = np.bincount(labels.ravel(), (along & lines).ravel().astype(np.float64), count) / pixels
    keep = share >= ALONG_SHARE
    keep[0] = False
    return keep[labels]


FAMILY = 6  # this many separate lines or more, parallel within FAMILY_ANGLE degrees,
FAMILY_ANGLE = 5.0
FAMILY_SHARE = 0.5  # ...and this share of the separate lines, are the picture's lines (mortar courses, blinds)
FAMILY_SHORT = 0.25  # ...when they are short: their median length under this share of the picture's longer side


def _parallel_family(lines: np.ndarray, length: int) -> np.ndarray:
    """The lines that belong to a family of parallel lines: the courses of a wall, blinds, ruled lines, (H, W) bool.

    Scratches and cracks run every way: a print rarely shows FAMILY of them parallel to within
    FAMILY_ANGLE degrees (bench/_photo_damage.py draws up to 8 scratches at random angles). The joints
    of a wall in perspective, found only in part under grain and blur, are such a family. Each separate
    line (a component at least `length` px long) gets the direction of its pixels' spread (second
    moments); the largest family, when it holds FAMILY_SHARE of the separate lines and its lines are short
    (FAMILY_SHORT: a brick's length, where the scratches a film strip's transport draws along it run far), is
    dropped.
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines.astype(np.uint8), connectivity=8)
    long_ones = [i for i in range(1, count) if max(stats[i, 2], stats[i, 3]) >= length]
    if len(long_ones) < FAMILY:
        return np.zeros(lines.shape, bool)
    near = _parallel_pairs(labels, stats, long_ones)
    family = near[int(np.argmax(near.sum(axis=1)))]
    extent = np.hypot(stats[long_ones, 2], stats[long_ones, 3])
    if family.sum() < max(FAMILY, FAMILY_SHARE * len(long_ones)) or np.median(extent[family]) > FAMILY_SHORT * max(
            lines.shape):
        return np.zeros(lines.shape, bool)
    drop = np.zeros(count, bool)
    drop[np.array(long_ones)[family]] = True
    return drop[labels]


SHEAF = 3  # this many lines or more side by side, within SHEAF_ANGLE degrees of one another...
SHEAF_ANGLE = 20.0
SHEAF_GAP = 0.5  # ...each at most this share of its length away from the others (across its direction)...
SHEAF_LONG = 0.4  # ...and none running this share of the picture's longer side, are the picture's (whiskers, hair)
SHEAF_WIDTH = 2.5  # px, or SHEAF_FINE of the shorter side if more: ...when they are fine (pixels over extent)
SHEAF_FINE = 0.01


def _sheaves(lines: np.ndarray, length: int, faint: np.ndarray | None = None) -> np.ndarray:
    """The lines that lie side by side with others like them: whiskers, a lock of hair, a cat's ear, (H, W) bool.

    A scratch is long and crosses the picture's regions alone, at whatever angle it takes; a crack network is one
    connected, branching mark. Fine hair-like lines that come in a sheaf (SHEAF or more, each line at least
    `length` / 2 px long, within SHEAF_ANGLE degrees of SHEAF - 1 others whose middle lies beside it: across its
    direction within SHEAF_GAP of its length, along it within half its length) are the picture's texture when they
    are fine (SHEAF_WIDTH px wide at most, or SHEAF_FINE of the shorter side if more: a hair's width goes with the
    framing; pixels over extent): a wider crack in a crazed corner is damage. A line
    running SHEAF_LONG of the picture's longer side or more is kept whatever lies beside it (a scratch across the
    print). The neighbours are looked for among the lines found and `faint` ((H, W) bool, optional): the picture's
    line-like pixels that stand out half the weak level (most whiskers of a sheaf are too faint to be marked).
    Directions and lengths come from each line's second central moments (a segment of length L spreads
    L^2 / 12 along itself). Motivated by bench/photo_big_clean.py's chelsea sepia x4, whose whiskers the search at
    the photo's own size took for scratches (no threshold was set on it: a sheaf is three lines, as on a face)."""
    h, w = lines.shape
    out = np.zeros((h, w), bool)
    if not lines.any():
        return out
    both = lines if faint is None else lines | faint
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(both.astype(np.uint8), connectivity=8)
    ids = [i for i in range(1, count) if max(stats[i, 2], stats[i, 3]) >= length // 2]
    if len(ids) < SHEAF:
        return out
    axis, half = [], []
    for i in ids:
        x, y, bw, bh = stats[i, :4]
        m = cv2.moments((labels[y:y + bh, x:x + bw] == i).astype(np.uint8), binaryImage=True)
        a, b, c = m["mu20"] / m["m00"], m["mu02"] / m["m00"], m["mu11"] / m["m00"]
        theta = 0.5 * np.arctan2(2 * c, a - b)
        spread = 0.5 * (a + b) + np.sqrt(0.25 * (a - b) ** 2 + c ** 2)
        axis.append((np.cos(theta), np.sin(theta)))
        half.append(np.sqrt(3 * spread))
    axis, half, centre = np.array(axis), np.array(half), centroids[ids]
    gap = np.abs(np.degrees(np.arctan2(axis[:, 1], axis[:, 0]))[:, None]
                 - np.degrees(np.arctan2(axis[:, 1], axis[:, 0]))[None, :]) % 180.0
    parallel = np.minimum(gap, 180.0 - gap) <= SHEAF_ANGLE
    offset = centre[None, :, :] - centre[:, None, :]  # [i, j]: from line i's middle to line j's
    along = np.abs(offset[..., 0] * axis[:, None, 0] + offset[..., 1] * axis[:, None, 1])
    across = np.abs(offset[..., 0] * axis[:, None, 1] - offset[..., 1] * axis[:, None, 0])
    beside = parallel & (along <= half[:, None]) & (across <= SHEAF_GAP * 2 * half[:, None])
    np.fill_diagonal(beside, False)
    texture = (beside.sum(axis=1) >= SHEAF - 1) & (2 * half < SHEAF_LONG * max(h, w))
    drop = np.zeros(count, bool)
    drop[np.array(ids)[texture]] = True
    # Only fine lines are hair-like: a crack of a crazed corner, wider, keeps its own (real print 2 enlarged).
    count, labels, stats, _ = cv2.connectedComponentsWithStats((lines & drop[labels]).astype(np.uint8), connectivity=8)
    fine = stats[:, 4] / np.maximum(np.hypot(stats[:, 2], stats[:, 3]), 1) <= max(SHEAF_WIDTH, SHEAF_FINE * min(h, w))
    fine[0] = False
    return fine[labels]


REGULAR = 0.4  # lines that overlap themselves this much when shifted across x AND across y make a grid
GRID_SHARE = 0.3  # a pixel lies on the grid when it is a line in this share of the grid's tiles
GRID_PEAK = 0.1  # the overlap at a grid's period stands this much above the overlaps either side


def _grid_lines(lines: np.ndarray, least_shift: int) -> np.ndarray:
    """The pixels of a (H, W) bool line mask that belong to a regular grid (mortar, tiles, a fence), (H, W) bool.

    A regular texture's lines come back at a fixed spacing: shifted by a period along x, AND by
    another along y (from `least_shift` px to a third of the side), the lines overlap themselves by
    REGULAR of their pixels or more, and at one of the two periods at least the overlap is a peak
    (GRID_PEAK above the overlaps either side: parallel lines at a regular spacing; along the lines
    any shift overlaps). A crack network branches and wanders and a straight scratch overlaps itself
    only when shifted along its own direction: neither does both. When the lines make a
    grid, its pixels are those that are lines (within a pixel) in GRID_SHARE or more of the grid's tiles
    (one x period wide, two y periods high); a crack crossing the grid keeps its own pixels. Periods
    are measured on a copy at most 400 px long (OR-pooled, so that thin lines stay).
    """
    h, w = lines.shape
    k = int(np.ceil(max(h, w) / 400))
    small = lines
    if k > 1:
        hh, ww = h // k * k, w // k * k
        small = lines[:hh, :ww].reshape(hh // k, k, ww // k, k).any(axis=(1, 3))
    total = max(int(small.sum()), 1)
    least = max(2, least_shift // k)

    def period(axis: int) -> tuple[float, int, bool]:
        # The overlap at each shift; lines along the axis overlap themselves at every shift, falling slowly: the
        # period is the shift whose overlap stands highest above the overlaps `least` px either side (a peak).
        side = small.shape[axis]
        overlap = np.ones(max(side // 3 + least, 1))  # (a mask overlaps itself in full at no shift)
        for d in range(1, min(side // 3 + least, side)):
            a, b = (small[d:], small[:-d]) if axis == 0 else (small[:, d:], small[:, :-d])
            overlap[d] = float((a & b).sum()) / total
        found = (-1.0, 0.0, 0)
        for d in range(least, side // 3):
            found = max(found, (overlap[d] - (overlap[d - least] + overlap[d + least]) / 2, overlap[d], d))
        return found[1], found[2], found[0] >= GRID_PEAK

    (over_y, py, peak_y), (over_x, px, peak_x) = period(0), period(1)
    if min(over_y, over_x) < REGULAR or not (peak_y or peak_x):
        return np.zeros_like(lines)
    # The grid's tile (two periods high: a running bond's joints alternate from course to course): the share of
    # the tiles in which each of its pixels is a line. A pixel on the grid is one in GRID_SHARE of them or more.
    ty, tx = min(2 * py * k, h), min(px * k, w)
    rows, cols = -(-h // ty), -(-w // tx)
    padded, valid = np.zeros((rows * ty, cols * tx), np.float32), np.zeros((rows * ty, cols * tx), np.float32)
    padded[:h, :w], valid[:h, :w] = lines, 1
    share = padded.reshape(rows, ty, cols, tx).sum(axis=(0, 2)) / np.maximum(
        valid.reshape(rows, ty, cols, tx).sum(axis=(0, 2)), 1)
    tile = np.pad((share >= GRID_SHARE).astype(np.uint8), 1, mode="wrap")  # the tiles meet: so do their lines
    tile = cv2.dilate(tile, np.ones((3, 3), np.uint8))[1:-1, 1:-1]
    return lines & np.tile(tile, (rows, cols))[:h, :w].astype(bool)


def _residual_and_level(gray: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(background, residual, level) of a luma image (float32, 0..1): the median background over `size` px
    (odd), the residual gray - background, and the local grain-or-texture level: the robust spread of the
    residual (median absolute value / 0.6745, over 2 * size + 1 px), never under the image's noise sigma,
    so busy areas need a stronger mark to count as damage."""
    sigma = max(noise_sigma(gray), 0.5 / 255)
    background = _median(gray, size)
    diff = gray - background
    spread = np.clip(np.abs(diff) * 1020, 0, 255).astype(np.uint8)
    busy = cv2.medianBlur(spread, _odd(size * 2 + 1)).astype(np.float32) / 1020 / 0.6745
    return background, diff, np.maximum(busy, sigma)


STARS_PER_MPX, STARS_DARK, STARS_GROUND = 200, 0.8, 0.25
STARS_MIN = 20  # _star_field(): bright spots on the dark ground of a photo with no dark speck


def _star_field(labels: np.ndarray, spots: np.ndarray, background: np.ndarray, dusty: bool = True) -> np.ndarray:
    """Per component: True for the bright spots of a star field (the picture, not dust), else False.

    Dust falls all over a print alike; stars (or snowflakes, city lights) crowd a dark ground. Bright
    spots found on a photo with no sign of age are a star field when STARS_PER_MPX or more per megapixel
    sit on a dark ground (their background below STARS_GROUND) and they are STARS_DARK of all its bright
    spots: the do-no-harm set's star field (Hubble's deep field) has about 590 per megapixel, all on
    black; the bench's tuning prints lightly aged with dust, and the clean photos, at most 72 (and at
    most 65 % of their bright spots on a dark ground). A sparser sky (a night scene with a few dozen
    stars) counts too when the photo shows no dark speck anywhere (`dusty` False: dust leaves dark specks
    on the light parts of a print as well) and STARS_MIN bright spots or more sit on its dark ground.
    """
    count = len(spots)
    found = np.flatnonzero(spots)
    if len(found) == 0:
        return np.zeros(count, bool)
    level = np.bincount(labels.ravel(), background.ravel().astype(np.float64), count)
    level /= np.maximum(np.bincount(labels.ravel(), minlength=count), 1)
    dark = spots & (level < STARS_GROUND)
    crowd = STARS_MIN if not dusty else STARS_PER_MPX * labels.size / 1e6
    dense = dark.sum() >= crowd and dark.sum() >= STARS_DARK * len(found)
    return dark if dense else np.zeros(count, bool)


LINE_GAP = 0.02  # count_lines(): pieces of lines this share of the shorter side apart (2 px at least) are one mark...
LINE_TOLD = 0.15  # ...and a mark whose box's diagonal spans this share of the shorter side or more is told


def count_lines(lines: np.ndarray) -> int:
    """The scratches and cracks told to the patron from a (h, w) bool mask of line pixels: its 8-connected pieces,
    those LINE_GAP of the shorter side apart or closer joined (a crack the search broke where it crossed a face or
    dipped into the grain is one crack), each told when it spans LINE_TOLD of the shorter side or more (the
    shorter lines the search keeps are the picture's own as often as damage: they stay marked for the brush).

    The search's seeds were counted before, each piece of a broken crack and each short line: a 300 px scan of 7
    cracks was told « 40 rayures ». Measured (bench/photo_small_scans.py, tuning split, Dec 2026), the count told
    within 2 or 30 % of the cracks drawn: 4 of 20 scans of 200-600 px by the seeds; joined pieces 8 of 20 (gap 0.02;
    0.03: 11, 0.05: 13); told from 0.1 of the side 12, 0.12: 15, 0.15 and 0.2: 17."""
    if not lines.any():
        return 0
    short = min(lines.shape)
    gap = max(2, round(LINE_GAP * short))
    joined = cv2.dilate(lines.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (gap + 1,) * 2))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    return int((np.hypot(stats[1:, 2], stats[1:, 3]) >= LINE_TOLD * short).sum())


def _find_on_fresh_photo(rgb: np.ndarray, strength: float = 0.5) -> Damage:
    """Thin scratches and dust spots on a photo with no sign of age, told apart from grain and its own details.

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
    size = _odd(np.clip(min(h, w) / 70, 7, 25))  # wider than the biggest dust speck we look for
    background, diff, scale = _residual_and_level(gray, size)
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
    spots = 0
    for sign in (1, -1):  # bright marks and dark marks separately: a mark is one or the other
        # Widened by one pixel each side, so a segment slightly off the line's angle still lies on it.
        part = np.maximum(sign * thin, 0)
        along = _along_lines(part, kernels)
        around = cv2.blur(part, (length, length))
        lines = ((along > np.maximum(3.0 * around, 0.5 * floor)) & (sign * thin > weak_level)
                 & (relief < 0.6 * np.abs(thin)))
        count, labels, stats, _ = cv2.connectedComponentsWithStats(lines.astype(np.uint8), connectivity=8)
        long_enough = np.maximum(stats[:, 2], stats[:, 3]) >= length // 2
        long_enough &= ~_crowded(labels, stats, thin, 3 * scale, length // 4)
        long_enough[0] = False
        mask |= long_enough[labels]
    scratches = count_lines(mask)
    # A speck lying on a scratch is not crowded by it: the scratches found are left out of the spots' neighbours.
    lone = np.where(cv2.dilate(mask.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool), 0, diff)
    dusty = False  # dark specks found: the print is dusty, so bright specks on its dark ground may be dust too
    for sign in (-1, 1):
        # Spots: seeds above the strong level, grown into the weak level; the whole blob must stay small.
        count, labels, stats, _ = cv2.connectedComponentsWithStats((weak & (np.sign(diff) == sign)).astype(np.uint8),
                                                                   connectivity=8)
        seeded = np.zeros(count, bool)
        seeded[np.unique(labels[strong & (np.sign(diff) == sign)])] = True
        seeded[0] = False
        small = (stats[:, 4] <= max_spot) & (np.maximum(stats[:, 2], stats[:, 3]) <= spot_side)
        small &= ~_crowded(labels, stats, np.where(labels > 0, diff, lone), 3 * scale, size)
        if sign > 0:
            small &= ~_star_field(labels, seeded & small, background, dusty)
        else:
            small &= ~_face_specks((labels > 0).astype(np.uint8), labels, seeded & small)[0]
            dusty = bool((seeded & small).any())
        spots += int((seeded & small).sum())
        mask |= (seeded & small)[labels]
    # The soft edge of a mark (anti-aliased, blurred) joins the mask where it still shows above the grain.
    fringe = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    mask |= fringe & (np.abs(thin) > np.maximum(2 * scale, 0.04))
    return Damage(mask=mask, scratches=scratches, spots=spots)


@once_per_photo
def find_damage(rgb: np.ndarray, strength: float = 0.5, aged: bool | None = None) -> Damage:
    """The damage of a photo: the full search on an aged print, the cautious one on a photo with no sign of age.

    `aged` None measures it (tone.picture_aged: faded, yellowed or grainy). A photo that shows
    no sign of age is searched only for thin (1-2 px) scratches and small dust on smooth ground
    (_find_on_fresh_photo), so a modern photo's tripod legs, teeth or rims are left alone; an aged
    print gets the full search (_find_on_old_print): wide cracks, crack networks, hairs, big
    dust and lost paper.
    """
    from .stains import descreen, halftone_period

    period = halftone_period(rgb)
    if period is not None and enlargement_grid(luma(rgb), period):
        period = None
    if period is not None:
        # A newspaper or magazine reproduction: its dot screen is the picture, not dust. The search runs on the
        # picture with the screen blurred away, where a speck bigger than a dot still shows, by the cautious search
        # (the blurred screen on its paper reads as a faded print, whose full search takes the picture's lines).
        rgb, aged = descreen(rgb, period), False
    if aged is None:
        from .tone import picture_aged

        aged = picture_aged(rgb)
    full_h, full_w = rgb.shape[:2]
    step = work_step(full_h, full_w)
    # An old print scanned bigger than the detail it holds (effective_scale()) is searched at that detail's
    # resolution: its cracks are then as wide, in pixels of the working copy, as the search's lines (MAX_WIDTH).
    # The working copy stays TINY_SEARCH px or more on its shorter side: under that, the search is a tiny print's.
    scale, grainy_scale = _effective_scales(luma(rgb)) if aged else (1.0, 1.0)
    scale = min(scale, min(full_h, full_w) / TINY_SEARCH)
    both = False
    if scale > max(1.0, grainy_scale):
        # The scan's factor shows only once its grain is taken out: the scanner's grain lies over an enlarged
        # picture, and that grain may be all that made tone.looks_old call it old. Such a scan is judged at the
        # detail it holds (the grain averaged away), where grain is no sign of age: what is left of the scanner's
        # grain, and a modern photo's own JPEG-softened grain, read there as a print's (two clean scans of
        # bench/photo_big_clean.py were searched as old by it). A print with no other sign of age gets the
        # cautious search, as the same scan with no grain does (bench/photo_big_clean.py: 9 of its 10 grainy
        # clean scans). An old one is searched at that detail AND as before: the grain may be the print's own over
        # a soft print, whose small dust the search at the scan's size finds (a blurred, grainy drawn face:
        # tests/photo/test_drawn_features). Both searches take fine lines side by side with like lines (whiskers,
        # hair: _sheaves()) for the picture: at the photo's own detail the search took a cat's whiskers for scratches
        # (bench/photo_big_clean.py chelsea sepia x4: 1.2 -> 3.1 % marked). On prints searched at their own size the
        # rule also dropped real scratches among the picture's fine lines (bench/photo.py --quick, tuning split:
        # grass@slant #11 lost to the baseline, damage left up by 5-19 points on a dozen cases), so it stays here.
        from .tone import looks_old

        small = (round(full_w / scale), round(full_h / scale))
        if looks_old(cv2.resize(rgb, small, interpolation=cv2.INTER_AREA), grain=False):
            both = True
        else:
            aged, scale = False, 1.0
    found = _search_at(rgb, max(float(step), scale), strength, aged, sheaves=both)
    if both:
        before = _search_at(rgb, float(step), strength, aged, sheaves=True)
        found = Damage(mask=found.mask | before.mask, scratches=max(found.scratches, before.scratches),
                       spots=max(found.spots, before.spots))
    return found


MOTIF_SIDE = (5, 48)  # px on the working copy: a mark this wide or tall has a shape of its own (1-4 px specks do not)
MOTIF_AREA = 12  # px: ...and covers this many pixels at least
MOTIF_PAD = 0.25  # the mark's look is its box grown by this share of its longer side (2 px at least) all round
# Another place of the picture looks like a mark when their normalised cross-correlation reaches MOTIF_NCC and their
# luma spreads are within MOTIF_CONTRAST of each other; a mark with MOTIF_KIN look-alikes is one of a motif's elements.
# A mark whose shape is a plain blob (BLOB_FIT or more of it fits an ellipse: a dot, a speck of dust) needs copies:
# BLOB_NCC, BLOB_CONTRAST and BLOB_KIN (dust specks of like size look alike too; a printed dot's copies are exact).
MOTIF_NCC, MOTIF_CONTRAST, MOTIF_KIN = 0.85, 1.25, 3
BLOB_FIT = 0.6
BLOB_AREA = 40  # px: a blob smaller than this (a disc under about 7 px across) is never a motif element
BLOB_NCC, BLOB_CONTRAST, BLOB_KIN = 0.93, 1.15, 3
MOTIF_MARKS = 300  # at most this many marks (the biggest) are compared with the picture...
MOTIF_REACH, MOTIF_NEAR = 12, 160  # ...within this many times their look's side around them (this many px at least)
MOTIF_LIKE = 0.3  # a speck whose side is under the motif's by this share is no element of it (old prints)
# A mark whose second moments make it this many times as long as it is wide (the axes of its inertia ellipse) is a
# line, never a motif's element: a crack's piece, a scratch, a hair. The motif pictures of bench/_photo_motifs.py
# (both halves, the clean elements) reach 1.73 at most (a small T); the pieces of a crack network between the
# bricks of tests/photo/test_print_kinds.py's wall, which recur along its joints, 3.2 at least.
MOTIF_LINE = 2.5


def elongation(labels: np.ndarray, count: int) -> np.ndarray:
    """Per component of `labels` ((H, W) int, 0..count-1, 0 the ground): how many times as long as wide it is, the
    ratio of the axes of the ellipse with its second moments, (count,) float64 >= 1 (1 for a disc, a square, a star
    or a single pixel; a straight line n px long and 1 px wide reads n). A row's or a column's spread is floored
    at a 1 px wide pixel's (1/12 px^2)."""
    ys, xs = np.nonzero(labels)
    own = labels[ys, xs]
    n = np.maximum(np.bincount(own, minlength=count), 1).astype(np.float64)
    xs, ys = xs.astype(np.float64), ys.astype(np.float64)
    mx, my = np.bincount(own, xs, count) / n, np.bincount(own, ys, count) / n
    sxx = np.bincount(own, xs * xs, count) / n - mx * mx
    syy = np.bincount(own, ys * ys, count) / n - my * my
    sxy = np.bincount(own, xs * ys, count) / n - mx * my
    mean, half = (sxx + syy) / 2, np.sqrt(((sxx - syy) / 2) ** 2 + sxy ** 2)
    return np.sqrt(np.maximum(mean + half, 1 / 12) / np.maximum(mean - half, 1 / 12))


def _ellipse_fit(shape: np.ndarray) -> float:
    """How much of a mark's shape ((n, n) bool) is a plain blob, 0..1: its overlap (intersection over union) with
    the ellipse of the same second moments."""
    m = cv2.moments(shape.astype(np.uint8), binaryImage=True)
    if m["m00"] < 1:
        return 0.0
    values, vectors = np.linalg.eigh(np.array([[m["mu20"], m["mu11"]], [m["mu11"], m["mu02"]]]) / m["m00"])
    axes = 2 * np.sqrt(np.maximum(values, 0.05))
    angle = float(np.degrees(np.arctan2(vectors[1, 1], vectors[0, 1])))
    ellipse = np.zeros(shape.shape, np.float32)
    centre = (int(round(m["m10"] / m["m00"] * 16)), int(round(m["m01"] / m["m00"] * 16)))
    cv2.ellipse(ellipse, centre, (int(axes[1] * 16), int(axes[0] * 16)), angle, 0, 360, 1.0, -1, cv2.LINE_AA, shift=4)
    inside = shape.astype(np.float32)
    return float(np.minimum(ellipse, inside).sum() / max(np.maximum(ellipse, inside).sum(), 1.0))


def _grown_boxes(stats: np.ndarray, ids: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """(H, W) bool: the boxes of the components `ids` (stats from connectedComponentsWithStats) each grown by
    MOTIF_PAD of its longer side (2 px at least) all round, as motif_marks() takes an element's look."""
    h, w = shape
    boxes = np.zeros((h + 1, w + 1), np.int32)
    for i in ids:
        x, y, bw, bh = stats[i, :4]
        pad = max(2, int(round(MOTIF_PAD * max(bw, bh))))
        boxes[max(y - pad, 0), max(x - pad, 0)] += 1
        boxes[min(y + bh + pad, h), max(x - pad, 0)] -= 1
        boxes[max(y - pad, 0), min(x + bw + pad, w)] -= 1
        boxes[min(y + bh + pad, h), min(x + bw + pad, w)] += 1
    return boxes.cumsum(0).cumsum(1)[:h, :w] > 0


MOTIF_WORN = 0.8  # _worn_elements(): a mark correlating this much with a motif's element is one, worn or touched


def _worn_elements(gray: np.ndarray, labels: np.ndarray, stats: np.ndarray, ids: np.ndarray,
                   rest: np.ndarray) -> np.ndarray:
    """Per component of `labels` (stats from connectedComponentsWithStats): True for the `rest` ((count,) bool) that
    are elements of the motif whose elements `ids` motif_marks() recognised, though worn or touched by a speck (its
    look is then no element's copy): the [0, 1] luma `gray` around it correlates MOTIF_WORN or more (normalised
    cross-correlation, shifted by up to 2 px) with the look of the motif's median-sized element."""
    out = np.zeros(len(stats), bool)
    if not rest.any():
        return out
    h, w = gray.shape
    image = gray.astype(np.float32)
    sides = np.maximum(stats[:, 2], stats[:, 3])
    model = ids[np.argsort(sides[ids])[len(ids) // 2]]
    n = int(sides[model]) + 2 * max(2, int(round(MOTIF_PAD * sides[model])))

    def window(i: int, grow: int) -> np.ndarray | None:
        x, y, bw, bh = stats[i, :4]
        x0, y0 = x + bw // 2 - n // 2 - grow, y + bh // 2 - n // 2 - grow
        if x0 < 0 or y0 < 0 or x0 + n + 2 * grow > w or y0 + n + 2 * grow > h:
            return None
        return image[y0:y0 + n + 2 * grow, x0:x0 + n + 2 * grow]

    look = window(model, 0)
    if look is None or float(look.std()) < 1e-4:
        return out
    for i in np.flatnonzero(rest):
        there = window(i, 2)
        if there is not None and float(cv2.matchTemplate(there, look, cv2.TM_CCOEFF_NORMED).max()) >= MOTIF_WORN:
            out[i] = True
    return out


def motif_marks(gray: np.ndarray, marks: np.ndarray) -> np.ndarray:
    """The marks of `marks` ((H, W) bool) that are elements of a motif the picture repeats, (H, W) bool.

    Stars on a flag, polka dots, a row of buttons, sequins, a stamped letter: each element is a small isolated
    blob, as a speck of dust is, but the picture repeats it; dust falls anyhow, each speck its own size, shape and
    depth. For each connected mark of MOTIF_SIDE px wide or tall and MOTIF_AREA px at least (a speck of 1-4 px has
    no shape to recur: all of them look alike) that is no line (elongation() under MOTIF_LINE: a crack's piece
    between a wall's bricks, a scratch or a hair recurs along the picture's own lines, but an element is a blob with
    a shape), its look - the [0, 1] luma `gray` over its box grown by MOTIF_PAD
    of its side - is looked for all over the picture (cv2.matchTemplate, normalised cross-correlation): a place
    correlating MOTIF_NCC or more, as contrasted as the mark within MOTIF_CONTRAST, and not the mark's own place
    is a look-alike, marked or not; look-alikes are looked for within MOTIF_REACH times the look's side (MOTIF_NEAR
    px at least) around the mark, so that a dusty scan's hundreds of marks take bounded time (a motif too sparse
    for that stays marked). A mark with MOTIF_KIN look-alikes or more is the picture's. A mark shaped as
    a plain blob (_ellipse_fit() BLOB_FIT or more: a dot, a speck of dust) has no shape of its own to recur, and
    dust specks of like size look alike: it needs BLOB_KIN near-exact copies (BLOB_NCC, BLOB_CONTRAST), as a
    printed pattern's dots are, and BLOB_AREA px at least (small specks of one size are exact copies too). A mark
    of the motif makes the marks too small to be judged that lie wholly inside its grown box (the hole of an O,
    the pieces of a letter) the picture's too. The MOTIF_MARKS biggest marks are looked at (the rest stay
    marked). Elements each turned their own way are not recognised (the correlation is not rotation-invariant).
    """
    h, w = gray.shape
    count, labels, stats, _ = cv2.connectedComponentsWithStats(marks.astype(np.uint8), connectivity=8)
    side = np.maximum(stats[:, 2], stats[:, 3])
    ids = np.flatnonzero((side >= MOTIF_SIDE[0]) & (side <= MOTIF_SIDE[1]) & (stats[:, 4] >= MOTIF_AREA))
    ids = ids[ids > 0]
    out = np.zeros(count, bool)
    if len(ids) == 0:
        return out[labels]
    ids = ids[elongation(labels, count)[ids] < MOTIF_LINE]  # a line (a crack's piece, a scratch, a hair) is none
    ids = ids[np.argsort(-stats[ids, 4], kind="stable")][:MOTIF_MARKS]
    image = gray.astype(np.float32)
    table, squares = cv2.integral2(image, sdepth=cv2.CV_64F)
    for i in ids:
        x, y, bw, bh = stats[i, :4]
        pad = max(2, int(round(MOTIF_PAD * side[i])))
        n = int(side[i]) + 2 * pad
        cx, cy = x + bw // 2, y + bh // 2
        x0, y0 = min(max(cx - n // 2, 0), w - n), min(max(cy - n // 2, 0), h - n)
        if x0 < 0 or y0 < 0:
            continue
        patch = image[y0:y0 + n, x0:x0 + n]
        spread = float(patch.std())
        if spread < 1e-4:
            continue
        reach = max(MOTIF_REACH * n, MOTIF_NEAR)  # look-alikes are looked for this far around (bounded time)
        wx0, wy0 = max(x0 - reach, 0), max(y0 - reach, 0)
        wx1, wy1 = min(x0 + n + reach, w), min(y0 + n + reach, h)
        score = cv2.matchTemplate(image[wy0:wy1, wx0:wx1], patch, cv2.TM_CCOEFF_NORMED)
        peaks = (score >= MOTIF_NCC) & (score >= cv2.dilate(score, np.ones((n, n), np.uint8)))
        py, px = np.nonzero(peaks)
        score = score[py, px]
        py, px = py + wy0, px + wx0
        far = np.maximum(np.abs(px - x0), np.abs(py - y0)) > n // 2
        py, px, score = py[far], px[far], score[far]
        if len(py) < MOTIF_KIN:
            continue
        total = table[py + n, px + n] - table[py, px + n] - table[py + n, px] + table[py, px]
        power = squares[py + n, px + n] - squares[py, px + n] - squares[py + n, px] + squares[py, px]
        there = np.sqrt(np.maximum(power / (n * n) - (total / (n * n)) ** 2, 0))
        # The mark's own shape: its pixels in the patch that depart from the patch's median by half the mark's
        # strongest departure, in that polarity.
        own = cv2.dilate((labels[y0:y0 + n, x0:x0 + n] == i).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        part = patch - np.median(patch)
        if -part[own].min() > part[own].max():
            part = -part
        shape = own & (part > 0.5 * part[own].max())
        blob = _ellipse_fit(shape) >= BLOB_FIT
        if int(shape.sum()) < (BLOB_AREA if blob else MOTIF_AREA):
            continue  # too few pixels to have a shape: all small specks look alike (identical ones too)
        least, contrast, kin = (BLOB_NCC, BLOB_CONTRAST, BLOB_KIN) if blob else (MOTIF_NCC, MOTIF_CONTRAST, MOTIF_KIN)
        alike = (score >= least) & (there <= contrast * spread) & (there * contrast >= spread)
        if int(alike.sum()) < kin:
            continue
        # ...and the look-alike must be alike over the mark and its rim too, not only over the ground around it (a
        # speck on a page of print, whose letters recur all over it).
        ry, rx = np.nonzero(cv2.dilate(shape.astype(np.uint8), np.ones((5, 5), np.uint8)))
        py, px = py[alike], px[alike]
        there = image[py[:, None] + ry, px[:, None] + rx]
        here = patch[ry, rx] - patch[ry, rx].mean()
        there = there - there.mean(axis=1, keepdims=True)
        fit = (there @ here) / np.maximum(np.linalg.norm(there, axis=1) * np.linalg.norm(here), 1e-9)
        out[i] = int((fit >= least).sum()) >= kin
    out[0] = False
    if out.any():  # the small pieces inside an element's box (the hole of an O or a ring, a dot on a star) are its own
        inside = _grown_boxes(stats, np.flatnonzero(out), (h, w))
        share = np.bincount(labels.ravel(), inside.ravel().astype(np.float64), count) / np.maximum(stats[:, 4], 1)
        out |= (share >= 1.0) & ((side < MOTIF_SIDE[0]) | (stats[:, 4] < MOTIF_AREA))
        out[0] = False
    return out[labels]


def _search_at(rgb: np.ndarray, factor: float, strength: float, aged: bool, sheaves: bool = False) -> Damage:
    """find_damage()'s search of a (H, W, 3) [0, 1] photo on a copy shrunk by `factor` (>= 1), its mask at full size.
    `sheaves`: fine lines side by side with like lines are the picture (_sheaves(); old prints only)."""
    full_h, full_w = rgb.shape[:2]
    step = work_step(full_h, full_w)
    # A big scan is searched on a shrunk copy (bounded time and memory); the mask is brought back to size.
    size = (full_w // step, full_h // step) if factor == step else (round(full_w / factor), round(full_h / factor))
    work = rgb if factor == 1 else cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
    found = _find_on_old_print(work, strength, sheaves) if aged else _find_on_fresh_photo(work, strength)
    if found.mask.any():  # whatever search took them, the marks of an inscription's row are the picture
        gray = luma(work).astype(np.float32)
        kept = found.mask & ~_inscription(gray, found.mask)
        # ...and so are the elements of a motif the picture repeats (stars on a flag, dots, buttons in a row)
        kept &= ~motif_marks(gray, kept)
        found = Damage(mask=kept, scratches=found.scratches, spots=found.spots)
    if factor == 1:
        return found
    # Each mark takes the working pixel's whole footprint and a pixel more around (a crack's blurred rim).
    grow = int(np.ceil(factor)) + 1
    mask = cv2.resize(found.mask.astype(np.uint8), (full_w, full_h), interpolation=cv2.INTER_NEAREST)
    mask = cv2.dilate(mask, np.ones((grow, grow), np.uint8)).astype(bool)
    return Damage(mask=mask, scratches=found.scratches, spots=found.spots)


def _find_on_old_print(rgb: np.ndarray, strength: float = 0.5, sheaves: bool = False) -> Damage:
    """Scratches, cracks, creases, hairs, dust and lost paper, told apart from grain and from the picture's details.

    `rgb`: (H, W, 3) float [0, 1]; `strength` 0..1 makes the finder more eager (lower thresholds).

    A mark is bright or dark against a median background (13 px: lines up to MAX_WIDTH wide
    stand out whole) by many times the local grain (or texture) level AND by a visible amount.
    Lines: the residual is averaged along segments in 32 orientations, so a long line stands
    out even where it is faint or broken, while short details (an eyelash, a lip line, an eye)
    and grain average away; seeds found on smooth ground (not on an edge of the picture) grow
    into the connected pixels that stand out half as much (hysteresis), so a crack network is
    followed across a face or a fold; a bright network found is then followed on where it dips into a
    texture (a knit, a curtain) or breaks for a pixel, through pixels whose segment is strongly
    line-like (up to NETWORK_SEGMENTS segments on). A bright line fainter than the visible floor but long
    (LINE_FAINT_LONG segments) and standing out of the grain along its segment (a crease over a pale wall) is
    seeded too. Bright crack networks are also found by their
    multi-scale Hessian ridge (_ridge_cracks), which follows a crack where it crosses a pale face.
    Spots: small isolated blobs up to ~10 px across.
    Marks that come in a crowd of similar detail (a lattice, letters, stars) are the picture, and so are the
    elements of a motif it repeats (motif_marks(): stars on a flag, dots, buttons in a row), which are then left
    out of the neighbours of the smaller specks among them (dust on a flag is still dust).
    Border: paper lost at the edges (_border_loss).
    Every mark then takes the pixels up to two out from it that are lighter than their background by half
    the local grain level: a crack's glow, which Telea would otherwise carry into the fill as a ghost line.
    """
    full_h, full_w = rgb.shape[:2]
    step = work_step(full_h, full_w)
    work = rgb if step == 1 else cv2.resize(rgb, (full_w // step, full_h // step), interpolation=cv2.INTER_AREA)
    gray = luma(work).astype(np.float32)
    h, w = gray.shape
    strength = float(np.clip(strength, 0, 1))
    size = _odd(np.clip(min(h, w) / 35, 11, 31))  # wider than the biggest dust speck we look for
    background, diff, scale = _residual_and_level(gray, size)
    k = 8.0 - 3.0 * strength
    floor = 0.22 * (1.5 - strength)  # a visible mark: about a fifth of the tonal range at 0.5
    # How much the picture itself changes around each pixel: an edge or corner is not dust.
    # (measured on a background twice as broad, so that a big speck does not count as the picture's relief)
    broad = _median(gray, _odd(2 * size + 1))
    ground = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    relief = cv2.dilate(broad, ground) - cv2.erode(broad, ground)
    weak_level = np.maximum(0.5 * k * scale, 0.5 * floor)
    strong = (np.abs(diff) > np.maximum(k * scale, floor)) & (relief < 0.6 * np.abs(diff))
    weak = np.abs(diff) > weak_level
    max_spot = max(20, int(np.pi * (0.011 * min(h, w)) ** 2))
    spot_side = int(np.ceil(2.2 * np.sqrt(max_spot)))
    length = _odd(np.clip(min(h, w) / 20, 15, 81))
    thin = gray - _median(gray, 2 * MAX_WIDTH + 1)
    paper, ink = np.percentile(gray, (90, 5))
    kernels = _line_kernels(min(length, 41))  # longer segments cost more than they add on big copies
    mask = np.zeros((h, w), bool)
    faint = np.zeros((h, w), bool)  # line-like pixels standing out half the weak level: the picture's fine lines too
    rims = np.zeros((h, w), bool)  # the lit rims of the picture's objects among the bright lines (_rims())
    spots = 0
    for sign in (1, -1):  # bright marks and dark marks separately: a mark is one or the other
        part = np.maximum(sign * thin, 0)
        along = _along_lines(part, kernels)
        around = cv2.blur(part, (length, length))
        # Dark lines need more: an image's own lines (seams, lids, folds of cloth) are mostly dark.
        seeds = ((along > np.maximum((2.0 if sign > 0 else 2.5) * around, (0.3 if sign > 0 else 0.5) * floor))
                 & (sign * thin > 0.5 * weak_level) & (relief < 0.6 * np.abs(thin)))
        count, labels, stats, _ = cv2.connectedComponentsWithStats(seeds.astype(np.uint8), connectivity=8)
        long_enough = np.maximum(stats[:, 2], stats[:, 3]) >= (length // 2 if sign > 0 else length)
        long_enough &= ~_crowded(labels, stats, thin, 3 * scale, length // 4, along=sign > 0)
        long_enough[0] = False
        started = long_enough[labels]
        # A faint long line (a crease over a pale wall, a crack over a face) starts lines of its own; not on a big scan
        # searched at the detail it holds (`sheaves`), where the grain averaged away leaves fur and whiskers standing.
        if sign > 0 and not sheaves:
            dim = ((along > np.maximum(LINE_FAINT_AROUND * around, LINE_FAINT_ALONG * scale))
                   & (thin > LINE_FAINT_THIN * scale) & (relief < 0.6 * np.abs(thin)) & ~seeds)
            _, dim_labels, dim_stats, _ = cv2.connectedComponentsWithStats(dim.astype(np.uint8), connectivity=8)
            dim_long = np.maximum(dim_stats[:, 2], dim_stats[:, 3]) >= LINE_FAINT_LONG * length
            dim_long &= dim_stats[:, 4] <= 4 * np.hypot(dim_stats[:, 2], dim_stats[:, 3])
            # (judged apart from the strong seeds: joined to a scratch, its faint pixels would lower the scratch's
            # contrast and so the level at which its neighbours count as a crowd)
            dim_long &= ~_crowded(dim_labels, dim_stats, thin, 3 * scale, length // 4, along=True)
            dim_long[0] = False
            started |= dim_long[dim_labels]
        # Hysteresis: the line grows into connected, line-like pixels of its polarity that stand out half as
        # much, up to three segments on, across faces and folds (a crack is followed, a bright region is not).
        grow = (((sign * thin > 0.5 * weak_level) & (along > np.maximum(1.5 * around, 0.2 * floor)))
                | started).astype(np.uint8)
        faint |= grow.astype(bool)
        found = started.astype(np.uint8)
        for _ in range(3 * length):
            found = cv2.dilate(found, np.ones((3, 3), np.uint8)) & grow
        count, glabels, gstats, _ = cv2.connectedComponentsWithStats(found, connectivity=8)
        # A line is long for its width: an eyebrow, a lip, a cigarette or a collar's edge is not (dark
        # marks, rarer on prints and more often the picture's own lines, must be thinner still).
        extent = np.hypot(gstats[:, 2], gstats[:, 3])
        width = gstats[:, 4] / np.maximum(extent, 1)
        keep = extent >= (10 if sign > 0 else 15) * np.maximum(width, 1)
        # A wide line is damage only in the tone damage takes: the paper (the print's brightest) or the
        # black binder (its darkest). A tripod's leg, a saucer's rim or a seam is wide and mid-toned.
        tone = np.bincount(glabels.ravel(), gray.ravel().astype(np.float64), count) / np.maximum(gstats[:, 4], 1)
        extreme = tone >= paper - 0.15 if sign > 0 else tone <= ink + 0.3
        keep &= (width <= 2.5) | extreme
        if sign < 0:  # an eyebrow or a lid line is a dark line a few segments long: a hair or scratch is longer
            keep &= extent >= 3 * length
        keep[0] = False
        lines = keep[glabels].astype(np.uint8)
        if sign < 0 and lines.any():  # a drawn outline of the picture (a cartoon's face, a coat's edge) is no hair
            keep &= ~_outlines(glabels, keep, work)
            lines = keep[glabels].astype(np.uint8)
        if sign > 0 and lines.any():
            # A crack network is followed on: where it dips into texture (a knit, a curtain) or breaks for a pixel
            # or two, the line stays line-like along its segment even where the pixel itself is faint.
            on = (grow.astype(bool) | ((thin > BRIDGE * weak_level)
                                       & (along > np.maximum(3.0 * around, 0.5 * weak_level)))).astype(np.uint8)
            for _ in range(NETWORK_SEGMENTS * length):
                nxt = cv2.dilate(lines, np.ones((3, 3), np.uint8)) & on
                if np.array_equal(nxt, lines):
                    break
                lines = nxt
            rims |= _rims(lines.astype(bool), gray, length)
        mask |= lines.astype(bool)
    ridges = _ridge_cracks(gray, thin, weak_level, floor, length, scale, faint_lines=not sheaves)
    mask |= ridges
    rims |= _rims(ridges, gray, length)
    # Lines that repeat themselves like a grid (mortar between bricks, tiles, a fence) are the picture; in perspective
    # (no fixed period), lines along two directions all over the picture are too.
    mask &= ~_grid_lines(mask, 2 * MAX_WIDTH)
    if not (is_greyscale(work) or toned_monochrome(work)):
        # On a colour print, the highlights of rims, shelves and wood grain are thin bright lines along the picture's
        # own edges (the hues tell its objects apart; a monochrome print's cracks often run along a face's edge).
        mask &= ~_along_picture(mask, gray, thin)
    texture = _texture_of_lines(mask) | _parallel_family(mask, length)
    if sheaves:  # (a big scan searched at the detail it holds and at its size: see find_damage())
        texture |= _sheaves(mask, length, faint)
    if texture.any():  # what is left of the lines must still be a line (a crack across the wall), not a joint's stub
        mask &= ~texture
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
        long_enough = np.maximum(stats[:, 2], stats[:, 3]) >= length
        long_enough[0] = False
        mask = long_enough[labels]
    # The lit rims are left out once the lines have been judged together (a rim counts among the lines whose
    # family or lattice makes them the picture's, as before).
    mask &= ~rims
    # A crack followed pixel by pixel leaves holes and notches where its broken edge dips into the grain; a
    # hole left unfilled shows as a faint line after the fill. Closing the lines (5x5) rebuilds their body.
    mask = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_CLOSE, cv2.getStructuringElement(
        cv2.MORPH_ELLIPSE, (5, 5))).astype(bool)
    scratches = count_lines(mask)
    # A speck lying on a scratch is not crowded by it: the scratches found are left out of the spots' neighbours.
    lone = np.where(cv2.dilate(mask.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool), 0, diff)
    picture = np.zeros((h, w), bool)  # the blobs of a motif's elements (motif_marks()): never marked by a neighbour
    for sign in (1, -1):
        # Spots: cores above the strong level that stay small and lone, grown a few pixels into the weak level.
        core = strong & (np.sign(diff) == sign)
        count, labels, stats, _ = cv2.connectedComponentsWithStats(core.astype(np.uint8), connectivity=8)
        small = (stats[:, 4] <= max_spot) & (np.maximum(stats[:, 2], stats[:, 3]) <= spot_side)
        around = (weak & (np.sign(diff) == sign)).astype(np.uint8)
        # The elements of a motif the picture repeats (stars on a flag, dots) are the picture, and a speck of dust
        # among them is no less lone for them: they are left out of the neighbours of the specks smaller than them
        # (one of their size or bigger may be an element the motif test missed, worn or touched by a speck: it
        # stays crowded by its like).
        motif = motif_marks(gray, small[labels])
        crowd = np.where(labels > 0, diff, lone)
        crowded = _crowded(labels, stats, crowd, 3 * scale, size)
        if motif.any():
            ids = np.unique(labels[motif])
            sides = np.maximum(stats[:, 2], stats[:, 3])
            like = sides >= (1 - MOTIF_LIKE) * np.median(sides[ids])
            apart = np.where(cv2.dilate(motif.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
                             & (around > 0), 0, crowd)
            crowded = np.where(like, crowded, _crowded(labels, stats, apart, 3 * scale, size))
            small[ids] = False
            small &= ~_worn_elements(gray, labels, stats, ids, small & like & ~crowded)
            # a speck touching an element is grown no further than its core into the element's blob
            _, blobs = cv2.connectedComponents(around, connectivity=8)
            taken = np.zeros(int(blobs.max()) + 1, bool)
            taken[np.unique(blobs[motif])] = True
            taken[0] = False
            grow = np.where(taken[blobs], core, around).astype(np.uint8)
            # (the element's blob within its box grown as motif_marks() grows it: a crack that the weak level joins
            # to an element runs on beyond it and stays marked)
            picture |= taken[blobs] & ~small[labels] & _grown_boxes(stats, ids, (h, w))
        else:
            grow = around
        small &= ~crowded
        if sign < 0:  # eyes, pupils, buttons; a bright core in a big bright blob is on a crack network
            small &= ~_feature_cores(labels, count, around, max_spot)
            of_face, face = _face_specks(around, labels, small)
            small &= ~of_face
            picture |= face
        small[0] = False
        spots += int(small.sum())
        found = small[labels].astype(np.uint8)
        for _ in range(3):
            found = cv2.dilate(found, np.ones((3, 3), np.uint8)) & grow
        mask |= found.astype(bool)
    cloth = _specks_on_texture(gray, size)
    spots += int(cv2.connectedComponents(cloth.astype(np.uint8))[0] - 1)
    mask |= cv2.dilate(cloth.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    mask |= _border_loss(gray, floor)
    tiny = min(h, w) < TINY_SEARCH
    if tiny:
        specks, dusty = _tiny_specks(gray, floor)
        mask |= specks
    # Lines that repeat themselves like a grid (mortar between bricks, tiles, a fence) are the picture, and so is
    # the grid where the frame cuts it (it looks like bared paper along the edge).
    mask &= ~_grid_lines(mask, 2 * MAX_WIDTH)
    # The soft edge of a mark (anti-aliased, blurred) joins the mask where it still shows above the grain.
    # Two pixels out from a line: a crack's broken, blurred rim stays visible after the fill otherwise.
    fringe = cv2.dilate(mask.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    mask |= fringe & (np.abs(thin) > np.maximum(1.5 * scale, 0.03))
    # A bright crack's halo (the paper's glow either side of it, up to two pixels on the working copy) is lighter
    # than the picture around (by half the local grain level): left out, Telea carries it into the fill and a
    # ghost of the line stays.
    mask |= cv2.dilate(mask.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool) & (thin > 0.5 * scale)
    mask &= ~picture  # (a speck's rim and glow stop at an element of the motif it touches)
    if min(h, w) < TINY_BACKOFF and not dusty and mask.mean() > TINY_PLAUSIBLE:
        # Do no harm: on a tiny print that is not dusty, the search's windows span its features (an eye is two
        # pixels, a lip line five) and a share this big is the picture, not damage. Back off to the cautious
        # search (thin scratches and small dust on smooth ground) and the tiny print's scratches.
        cautious = _find_on_fresh_photo(work, strength)
        return Damage(mask=cautious.mask | specks, scratches=max(cautious.scratches, int(
            cv2.connectedComponents(specks.astype(np.uint8))[0] - 1)), spots=cautious.spots)
    if step > 1:
        mask = cv2.resize(mask.astype(np.uint8), (full_w, full_h), interpolation=cv2.INTER_NEAREST).astype(bool)
        mask = cv2.dilate(mask.astype(np.uint8), np.ones((step + 1, step + 1), np.uint8)).astype(bool)
    return Damage(mask=mask, scratches=scratches, spots=spots)


OUTLINE_STEP = 5  # px either side of a dark line where the picture is compared (a drawn line is up to ~5 px wide)
OUTLINE_DE = 12.0  # CIELAB units: the picture differs across the line this much at least...
OUTLINE_TEXTURE = 2.5  # ...and this many times as much as along it, on one side (a texture differs both ways)
OUTLINE_SHARE = 0.5  # ...along this share of the line: a drawn outline, not a hair


def _outlines(labels: np.ndarray, keep: np.ndarray, rgb: np.ndarray) -> np.ndarray:
    """Per dark line component of `labels` kept so far (`keep`): True for a drawn outline of the picture.

    A hair or a scratch lies over the picture: the picture on its two sides is the same (a face, a sky)
    or a texture that differs every way. A drawn outline (a cartoon's face, a coat's edge) separates two
    regions: along most of its length the colours OUTLINE_STEP px either side differ by OUTLINE_DE or more
    (CIELAB, on a copy blurred by 1.5 px), and by OUTLINE_TEXTURE times as much as two points as far apart
    along one side. A line that does so along OUTLINE_SHARE of its pixels is an outline. `rgb`: the (H, W, 3)
    picture the labels were found on. (A hair that touched an outline and was followed along it stays one line:
    taken whole, or left whole when the outline is most of it.)
    """
    out = np.zeros(len(keep), bool)
    lines = keep[labels]
    if not lines.any():
        return out
    from .imaging import rgb_to_lab

    h, w = labels.shape
    lab = rgb_to_lab(cv2.GaussianBlur(rgb.astype(np.float32), (0, 0), 1.5))
    _, angle = line_orientations(lines)
    ys, xs = np.nonzero(lines)
    a = np.radians(angle[ys, xs])
    tx, ty, nx, ny = np.cos(a), np.sin(a), -np.sin(a), np.cos(a)

    def at(dx, dy):
        return lab[np.clip(np.round(ys + dy).astype(int), 0, h - 1), np.clip(np.round(xs + dx).astype(int), 0, w - 1)]

    d = OUTLINE_STEP
    left, right = at(d * nx, d * ny), at(-d * nx, -d * ny)
    across = np.linalg.norm(left - right, axis=1)
    along = np.minimum(np.linalg.norm(at(d * (nx + tx), d * (ny + ty)) - at(d * (nx - tx), d * (ny - ty)), axis=1),
                       np.linalg.norm(at(-d * (nx - tx), -d * (ny - ty)) - at(-d * (nx + tx), -d * (ny + ty)), axis=1))
    edge = (across > OUTLINE_DE) & (across > OUTLINE_TEXTURE * along)
    which = labels[ys, xs]
    pixels = np.maximum(np.bincount(which, minlength=len(keep)), 1)
    share = np.bincount(which, edge.astype(np.float64), len(keep)) / pixels
    out = keep & (share >= OUTLINE_SHARE)
    out[0] = False
    return out


FEATURE_AREA = 2.0  # a spot's core whose whole blob (weak level) is this many max_spot or more is a feature


def _feature_cores(labels: np.ndarray, count: int, blobs: np.ndarray, max_spot: int) -> np.ndarray:
    """Per spot core (component of `labels`): True when it is part of a feature of the picture, not dust.

    A speck of dust is a small solid blob. An eye, a pupil, a button or a dark ring drawn on a face is
    bigger than the median window the residual is taken against: its residual is a ring (the window's median
    inside it is its own tone), broken into cores each as small as a speck, around a hole; or a blob whose
    whole extent at the weak level (`blobs`, (H, W) uint8 of the core's polarity) is FEATURE_AREA times the
    biggest speck looked for (`max_spot` px) or more. A core lying in such a blob is the picture.
    """
    n, blob_labels, blob_stats, _ = cv2.connectedComponentsWithStats(blobs, connectivity=8)
    feature = blob_stats[:, 4] >= FEATURE_AREA * max_spot
    contours, hierarchy = cv2.findContours(blobs, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    if hierarchy is not None:
        for contour, (_, _, _, parent) in zip(contours, hierarchy[0]):
            if parent >= 0 and len(contour) >= 4:  # a hole: its contour runs along the blob's own pixels
                x, y = contour[0, 0]
                feature[blob_labels[y, x]] = True
    feature[0] = False
    of_core = np.zeros(count, np.int64)
    np.maximum.at(of_core, labels.ravel(), blob_labels.ravel())
    return feature[of_core]


FACE_SCAN = 320  # px, shorter side of the working copy: under it a face's eyes are a few pixels across, as dust is
FACE_FEW = 3.0  # _face_features(): specks per 10,000 px at most (more: a dusty print, whose specks pair by chance)
EYE_APART = (1.5, 10.0)  # _face_features(): two eyes' centres lie this many times the eyes' mean width apart...
EYE_LEVEL = 0.35  # ...one above the other by at most this share of that distance (a head tilted by up to ~20 degrees)
EYE_LIKE = 3.0  # ...their blobs' areas within this ratio
EYE_LEAST = 4  # px: ...and this far apart at least (two specks side by side are one speck's pieces)
MOUTH_BELOW = (0.6, 1.6)  # a nose or mouth: a dark blob this many eye distances below the eyes' midpoint...
MOUTH_ASIDE = 0.5  # ...within this share of the eye distance sideways of it
FACE_SHARE = 0.5  # _face_features(): the faces hold this share of the dark cores (specks) at least, or none is told


def _face_features(blobs: np.ndarray, cores: np.ndarray) -> np.ndarray:
    """The dark blobs of a small scan that make a face's eyes, nose or mouth, (H, W) bool.

    `blobs`: (H, W) uint8, the dark pixels at the search's weak level; `cores`: (H, W) bool, the dark spot cores
    taken so far (specks). On a scan a couple of hundred pixels across a face's eyes are dark blobs of 2-6 px, the
    size of dust, and the spot search took them (a 200 x 150 portrait was told « 2 taches », its eyes and mouth
    masked and erased by the fill). Dust falls anywhere; a face's features stand in a fixed arrangement: a blob
    holding a core whose one like (areas within EYE_LIKE; one only: among dust a speck has none or several) stands
    beside it, EYE_APART times their mean width apart (EYE_LEAST px at least) and level with it (EYE_LEVEL of that
    distance), with a third dark blob (nose, mouth) MOUTH_BELOW eye distances below their midpoint and within
    MOUTH_ASIDE of it sideways, is an eye: the two eyes and the blobs below are the picture. On a dusty print (more
    than FACE_FEW cores per 10,000 px) specks pair and line up by chance: nothing is told there (tried on a group
    scan with 25-60 dark specks: without that bound 15-40 % of the dust found was lost). Nor is anything told when the
    faces found hold under FACE_SHARE of the cores: on a face scan the cores are its eyes and mouths, while among
    dust spread thinner than FACE_FEW (a wider scan) a few specks still fall into a face's arrangement by chance,
    the rest lying anywhere. Faces upright or tilted by up to ~20 degrees; a face in profile (one eye), or an eye
    whose like does not reach the weak level, is not told.
    Returns all False when nothing is told.
    """
    out = np.zeros(blobs.shape, bool)
    count, labels, stats, centres = cv2.connectedComponentsWithStats(blobs, connectivity=8)
    specks, of_speck = cv2.connectedComponents(cores.astype(np.uint8), connectivity=8)
    if count < 4 or specks - 1 > FACE_FEW * blobs.size / 1e4:
        return out
    held = np.zeros(count, bool)
    held[np.unique(labels[cores])] = True
    held[0] = False
    eyes = np.flatnonzero(held)
    if len(eyes) == 0:
        return out
    width = np.maximum(stats[:, 2], 1).astype(np.float64)
    area = stats[:, 4].astype(np.float64)
    others = np.arange(1, count)
    face = np.zeros(count, bool)
    for i in eyes:
        dx = centres[others, 0] - centres[i, 0]
        dy = centres[others, 1] - centres[i, 1]
        apart = np.hypot(dx, dy)
        mean_width = 0.5 * (width[i] + width[others])
        like = ((dx > 0) & (apart >= EYE_LEAST) & (apart >= EYE_APART[0] * mean_width)
                & (apart <= EYE_APART[1] * mean_width) & (np.abs(dy) <= EYE_LEVEL * apart)
                & (np.maximum(area[i], area[others]) <= EYE_LIKE * np.minimum(area[i], area[others])))
        if like.sum() != 1:  # an eye has one like beside it; among dust, a speck has none or several
            continue
        for j in others[like]:
            d = float(np.hypot(*(centres[j] - centres[i])))
            mid = 0.5 * (centres[i] + centres[j])
            ux, uy = (centres[j] - centres[i]) / d  # along the eyes; "below" is across it, downwards
            rel_x = (centres[others, 0] - mid[0]) * ux + (centres[others, 1] - mid[1]) * uy
            rel_y = -(centres[others, 0] - mid[0]) * uy + (centres[others, 1] - mid[1]) * ux
            below = ((rel_y >= MOUTH_BELOW[0] * d) & (rel_y <= MOUTH_BELOW[1] * d) & (np.abs(rel_x) <= MOUTH_ASIDE * d)
                     & (others != i) & (others != j))
            if below.any():
                face[[i, j]] = True
                face[others[below]] = True
    face[0] = False
    out = face[labels]
    # On a face scan the dark cores are the faces' eyes and mouths; among dust, chance arrangements take a few specks
    # out of many (a toned cup of 267 x 400 px with 27 dark specks: 11 of them told as "faces").
    told = len(np.unique(of_speck[out & cores]))
    return out if told >= FACE_SHARE * (specks - 1) else np.zeros(blobs.shape, bool)


def _face_specks(blobs: np.ndarray, labels: np.ndarray, specks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The specks a spot search took that are a face's eyes, nose or mouth, on a scan whose shorter side is under
    FACE_SCAN (there a face's features are the size of dust; on a bigger scan nothing is told).

    `blobs`: (H, W) uint8, the dark pixels at the search's weak level; `labels`: (H, W) int, the search's spot
    labels (0: none); `specks`: (count,) bool over those labels, the dark specks taken. Returns ((count,) bool, the
    labels that are a face's features, to leave out of the damage; (H, W) bool, the features: _face_features())."""
    of_face = np.zeros(len(specks), bool)
    if min(labels.shape) >= FACE_SCAN:
        return of_face, np.zeros(labels.shape, bool)
    face = _face_features(blobs, specks[labels])
    of_face[np.unique(labels[face & (labels > 0)])] = True
    return of_face, face


OFF_PRINT = 0.02  # an unmasked area the mask cuts off along the border, under this share of the scan, is off the print


def off_print(mask: np.ndarray) -> np.ndarray:
    """What lies beyond lost paper along the border: the scanner's lid or backdrop, (H, W) bool.

    A rubbed rim or a chipped corner, once marked, cuts a sliver of the scan off from the picture:
    the strip of backdrop between the print's edge and the scan's. Unmasked areas (4-connected) that
    touch the border and are not the biggest are off the print when under OFF_PRINT of the scan.
    """
    h, w = mask.shape
    count, labels, stats, _ = cv2.connectedComponentsWithStats((~mask).astype(np.uint8), connectivity=4)
    if count <= 2:
        return np.zeros((h, w), bool)
    touches = np.zeros(count, bool)
    for edge in (labels[0], labels[-1], labels[:, 0], labels[:, -1]):
        touches[np.unique(edge)] = True
    small = stats[:, 4] < OFF_PRINT * h * w
    small[np.argmax(np.where(np.arange(count) > 0, stats[:, 4], -1))] = False
    small[0] = False
    return (touches & small)[labels] & ~mask


def inpaint(rgb: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Fill the masked pixels from their surroundings (OpenCV, Telea's fast marching method), (H, W, 3) float.

    Lost paper along the border is filled from the picture only: what lies beyond it (off_print(), the
    scanner's backdrop) is no source, and stays as it is.
    """
    if not mask.any():
        return rgb.copy()
    image = np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8)
    holes = mask | off_print(mask)
    filled = cv2.inpaint(image, holes.astype(np.uint8), 3, cv2.INPAINT_TELEA).astype(np.float32) / 255.0
    # Only the masked pixels change: no 8-bit rounding anywhere else.
    return np.where(mask[..., None], filled, rgb)


def overlay(rgb: np.ndarray, mask: np.ndarray, colour=(1.0, 0.15, 0.15)) -> np.ndarray:
    """The photo with the damage drawn on it in red (what the patron sees before the repair)."""
    out = rgb.copy()
    thick = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    out[thick] = out[thick] * 0.3 + np.array(colour, np.float32) * 0.7
    return out


WIDE_PAINT = MAX_WIDTH  # px on the working copy: a painted stroke whose half-width passes this is wider than a scratch
WIDE_SHARE = 0.03  # ...and passes this share of the photo's longer side (a stroke of any one brush is not an area)


def wide_strokes(added: np.ndarray) -> np.ndarray:
    """The painted areas (connected parts of `added`, (H, W) bool: what the patron painted as damage) wider than
    any scratch, (H, W) bool.

    A part is wide when the biggest disk it holds has a radius over WIDE_PAINT px of the search's working copy
    (work_step(): WIDE_PAINT times the step on a big scan), i.e. it is more than about twice MAX_WIDTH across,
    AND over WIDE_SHARE of the photo's longer side plus one pixel (the distance transform counts the centre
    pixel: a band 13 px across reads 7-8). Telea's fill (inpaint()) brings the rim's colours inwards:
    over a wide area it leaves a flat, blurred smear (a face painted over turns into a grey patch). The brush
    is sized on the preview (ui/photos.py: 8, 18 and 36 px across a preview about 700 px on the longer side, so
    0.5-0.6, 1.2-1.3 and 2.4-2.6 % of that side as a radius): on a photo of 1200 px or more the working copy's
    bar alone took every stroke of the finest brush for an area. The share keeps one stroke of any brush under
    the bar at every size, and an area scrubbed over (strokes side by side) over it.
    """
    h, w = added.shape
    if not added.any():
        return np.zeros((h, w), bool)
    radius = cv2.distanceTransform(np.pad(added, 1).astype(np.uint8), cv2.DIST_L2, 5)[1:-1, 1:-1]
    count, labels = cv2.connectedComponents(added.astype(np.uint8), connectivity=8)
    biggest = np.zeros(count, np.float32)
    np.maximum.at(biggest, labels.ravel(), radius.ravel())
    wide = biggest > max(WIDE_PAINT * work_step(h, w), WIDE_SHARE * max(h, w) + 1)  # +1: the disk's own centre
    wide[0] = False
    return wide[labels]
