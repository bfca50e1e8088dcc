"""Foxing, mould and water stains on old prints: find them by their colour, level them to their surround.

A stain is a coloured veil over the picture, not a hole in it: foxing is a rust-brown spot (2-30 px), warmer and
darker than the print around it; mould a greenish or greyish blotch that takes the colour out of the print; a water
stain a tide line (a thin brown arc, darker at the edge of a discoloured area) around a faintly tinted inside. They
are found as deviations of the CIE Lab colour from the local level (a median over a window wider than the biggest
foxing spot) and filled by levelling: the stain's low frequencies are replaced by its surround's, its fine detail
(the picture under the veil) is kept. A halftone reproduction (a newspaper's dot screen) is told by the peaks its
screen makes in the luma's spectrum (halftone_period()).
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import cv2
import numpy as np

from .imaging import lab_to_rgb, luma, rgb_to_lab
from .repair import motif_marks

WORK_SIDE = 640  # px: stains are looked for on a copy at most this long
LEVEL_CELL = 4  # the local level is a median over cells of this many working pixels...
LEVEL_CELLS = 15  # ...this many cells across (60 working px: wider than the biggest foxing spot)
WARM = 5.0  # foxing: b* above the local level by this much (CIE Lab units) at strength 0.5...
WARM_HUE = (25.0, 100.0)  # ...its deviation's hue (degrees in the a*b* plane) in the rust-brown range...
WARM_DARKER = 1.0  # ...and L* under the local level by this much where the ground is light (L* over LIGHT_GROUND)
LIGHT_GROUND = 60.0  # on a darker ground a rust spot may be lighter than the picture
GREEN = 5.0  # mould: a* under the local level by this much (greener), b* not warmer
GROW = 0.35  # hysteresis: a stain takes the connected pixels deviating this share of the seed's bar
RELIEF = 0.7  # a deviation smaller than this share of the local level's own colour change is the picture's edge
RIM = 2  # working px taken around each stain
MIN_AREA = 3  # working px: smaller deviations are grain or JPEG chroma noise
MAX_BLOB = 0.12  # a blotch wider than this share of the shorter side is the picture's, not a stain
TIDE_LONG = 0.12  # a thin warm line this share of the shorter side long, or more, is a tide line
TIDE_WIDTH = 14  # ...its area over its box's diagonal at most this (a ring 5 px wide reads about 11)
RING_FILL = 0.4  # ...and it fills under this share of its box (an outline, not a blot)
TAKEN = 0.5  # a pale blot lighter than its surround, this share of whose pixels the damage search already marks, is
# that damage (a white crack on a dark ground, thinned by the working copy, reads warm), filled by the repair step,
# not a stain; a brown one (a tide line over a dark coat, also lighter, also marked) stays a stain
PALE = 10.0  # C* (90th percentile over the blot): a crack baring the paper reads 6-7, a tide line 15, rust 30 and up
FINE_KEEP = 2.5  # level(): the detail kept under a stain, at most this many times the surround's RMS detail...
FINE_FLOOR = 0.5  # ...plus this (CIE Lab units: grain)
MONOCHROME = 1.8  # a print whose colour strays this far (a*b*) from its tone curve on under a fifth of it: one tone
HUES_APART = 0.05  # a print this share of whose lit pixels are coloured (C* over CHROMATIC) in a hue HUE_GAP or more
HUE_GAP = 60.0  # degrees from its main hue is a colour picture, even where each lightness has one colour (a flat
CHROMATIC = 6.0  # illustration, a poster: sky, grass and a red house at three lightnesses follow "a tone curve")
SHOWS_COLOUR = 15.0  # L*: darker pixels carry no colour to judge a print's kind by (their a*, b* are near 0)
HALFTONE_PEAK = 25.0  # a screen's peak stands this many times above the spectrum's median at its radius
HALFTONE_LEAST = 128  # px: a picture smaller than this on its shorter side is not searched for a screen
HALFTONE_PERIODS = (2.0, 12.0)  # px: dot screens looked for (65-150 lpi at 300-600 dpi: 2-9 px)


@dataclass
class Stains:
    """What the stain finder saw on a (H, W) photo."""

    mask: np.ndarray  # (H, W) bool: the stained pixels (foxing, mould, tide lines)
    inside: np.ndarray  # (H, W) bool: the inside of the water stains (levelled as a whole, not part of `mask`)
    foxing: int = 0  # foxing spots
    mould: int = 0  # mould blotches
    tide: int = 0  # tide lines

    @property
    def count(self) -> int:
        return self.foxing + self.mould + self.tide


def _level(channel: np.ndarray) -> np.ndarray:
    """The local level of a (h, w) float32 channel: a median over LEVEL_CELLS cells of LEVEL_CELL px, same size."""
    h, w = channel.shape
    small = cv2.resize(channel, (max(1, w // LEVEL_CELL), max(1, h // LEVEL_CELL)), interpolation=cv2.INTER_AREA)
    lo, hi = float(small.min()), float(small.max())
    u8 = np.round((small - lo) / max(hi - lo, 1e-6) * 255).astype(np.uint8)
    k = min(LEVEL_CELLS, (min(small.shape) // 2) * 2 - 1)
    med = cv2.medianBlur(u8, k) if k >= 3 else u8
    back = med.astype(np.float32) / 255 * (hi - lo) + lo
    return cv2.resize(back, (w, h), interpolation=cv2.INTER_LINEAR)


def _relief(channel: np.ndarray, size: int) -> np.ndarray:
    ground = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    return cv2.dilate(channel, ground) - cv2.erode(channel, ground)


def find_stains(rgb: np.ndarray, strength: float = 0.5, taken: np.ndarray | None = None) -> Stains:
    """Foxing, mould and tide lines of a (H, W, 3) float [0, 1] photo; `strength` 0..1 lowers the bars; `taken`, an
    (H, W) bool mask of what the damage search marked (cracks, scratches, specks), or None: a blot TAKEN or more of
    which it holds, pale (PALE) and lighter than its surround, is that damage (a crack baring the paper), not a
    stain.

    Returns Stains with the (H, W) masks and the counts. Only a black-and-white or toned print (its colour follows
    its lightness: _off_tone_curve() under MONOCHROME) is searched: there any stain shows by its colour, where the
    local level's own colour is even (RELIEF). A colour photo returns no stain.
    """
    full_h, full_w = rgb.shape[:2]
    k = min(1.0, WORK_SIDE / max(full_h, full_w))
    work = rgb if k == 1.0 else cv2.resize(rgb, (max(1, round(full_w * k)), max(1, round(full_h * k))),
                                           interpolation=cv2.INTER_AREA)
    lab = rgb_to_lab(np.clip(work, 0, 1))
    lab = cv2.GaussianBlur(lab, (0, 0), 0.8)  # grain and JPEG chroma blocks
    h, w = lab.shape[:2]
    # A black-and-white or toned print's colour follows its lightness (its tone curve): a stain is colour off that
    # curve, read against the local level of that colour (a print yellowed unevenly is no stain).
    if _off_tone_curve(lab) >= MONOCHROME or _hues_apart(lab) >= HUES_APART:
        # A colour photo: its own warm and green details on a grey ground (a motorcycle's red parts, a flag) read
        # as stains as often as stains do, even at 2.5-6 times the bars (bench/photo_spots.py): not searched.
        return Stains(mask=np.zeros((full_h, full_w), bool), inside=np.zeros((full_h, full_w), bool))
    curve = _tone_curve(lab)
    off = np.stack([lab[..., c] - np.interp(lab[..., 0], curve[0], curve[c]) for c in (1, 2)], -1)
    back = np.stack([_level(off[..., c]) for c in (0, 1)], -1)
    dl = lab[..., 0] - _level(lab[..., 0])
    da, db = off[..., 0] - back[..., 0], off[..., 1] - back[..., 1]
    bar = 1.4 - 0.8 * float(np.clip(strength, 0, 1))  # 1.0 at the default strength
    ground = np.ones((h, w), bool)
    relief = np.maximum(_relief(back[..., 0], 9), _relief(back[..., 1], 9))
    hue = np.degrees(np.arctan2(db, da))
    # A stain's colour is one the print cannot give there, at its own lightness nor across an edge between the tones
    # round it (_edge_offset(): a sepia portrait's eyes, brows and lips), less a share (EDGE_SLACK) of the colour step
    # across that edge, the share of it that bleeds. Taken as the smaller of the two offsets: edges change, a stain's
    # own rim among them (its dark-to-light step makes a chord too: a blot's found area shrinks by about a seventh).
    edge, span = _edge_offset(lab, curve)
    edge = edge - back
    size = np.maximum(np.hypot(edge[..., 0], edge[..., 1]), 1e-6)
    edge = edge * (np.maximum(size - EDGE_SLACK * span, 0) / size)[..., None]
    warm_level = np.minimum(np.maximum(0.5 * da + db, 0), np.maximum(0.5 * edge[..., 0] + edge[..., 1], 0))
    darker = (dl < -WARM_DARKER * bar) | (lab[..., 0] - dl < LIGHT_GROUND)
    warm = ground & (hue > WARM_HUE[0]) & (hue < WARM_HUE[1]) & darker & (warm_level > RELIEF * relief)
    green_level = np.minimum(np.maximum(-da, 0), np.maximum(-edge[..., 0], 0))
    # where a channel clips (paper white, deep black) a toned print's colour collapses towards grey-green: no mould
    clipped = cv2.dilate(((work.max(axis=-1) >= 0.985) | (lab[..., 0] < 20)).astype(np.uint8),
                         np.ones((5, 5), np.uint8))
    green = ground & (clipped == 0) & (da < 0) & (db < 0.5 * GREEN) & (green_level > RELIEF * relief)
    side = min(h, w)
    marked = None
    if taken is not None and taken.shape == (full_h, full_w) and taken.any():
        marked = taken.astype(np.float32) if k == 1.0 else cv2.resize(taken.astype(np.float32), (w, h),
                                                                      interpolation=cv2.INTER_AREA)
        marked = cv2.dilate((marked > 0.2).astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    found = np.zeros((h, w), bool)
    tide_lines = np.zeros((h, w), bool)
    counts = {"foxing": 0, "mould": 0, "tide": 0}
    for kind, level, cand, seed_bar in (("warm", warm_level, warm, WARM * bar), ("green", green_level, green,
                                                                                    GREEN * bar)):
        weak = (cand & (level > GROW * seed_bar)).astype(np.uint8)
        n, labels, stats, _ = cv2.connectedComponentsWithStats(weak, connectivity=8)
        if n <= 1:
            continue
        # Blots the picture repeats alike (a printed pattern's dots, hearts or stars in colour) are its motif: foxing
        # and mould fall anyhow, each blot its own size and shape (repair.motif_marks(), on the stain's colour level).
        motif = np.zeros(n, bool)
        motif[np.unique(labels[motif_marks(level.astype(np.float32), weak.astype(bool))])] = True
        peak = np.zeros(n, np.float32)
        np.maximum.at(peak, labels.ravel(), level.ravel())
        for i in range(1, n):
            x, y, bw, bh, area = stats[i]
            if peak[i] < seed_bar or area < MIN_AREA or motif[i]:
                continue
            if marked is not None:
                blot = labels[y:y + bh, x:x + bw] == i
                colour = lab[y:y + bh, x:x + bw][blot]
                if (marked[y:y + bh, x:x + bw][blot].mean() >= TAKEN and dl[y:y + bh, x:x + bw][blot].mean() > 0
                        and np.percentile(np.hypot(colour[:, 1], colour[:, 2]), 90) < PALE):
                    continue
            length = float(np.hypot(bw, bh))
            thin = area / max(length, 1.0)
            if kind == "warm" and length >= TIDE_LONG * side and thin <= TIDE_WIDTH and area < RING_FILL * bw * bh:
                counts["tide"] += 1
                tide_lines[y:y + bh, x:x + bw] |= labels[y:y + bh, x:x + bw] == i
                continue
            if max(bw, bh) > MAX_BLOB * side:
                continue
            counts["foxing" if kind == "warm" else "mould"] += 1
            found[y:y + bh, x:x + bw] |= labels[y:y + bh, x:x + bw] == i
    found |= tide_lines
    inside = _tide_inside(tide_lines)
    # a stain's soft rim, fainter than the hysteresis' bar, is levelled with it
    found = cv2.dilate(found.astype(np.uint8), np.ones((2 * RIM + 1, 2 * RIM + 1), np.uint8)).astype(bool)
    if k != 1.0:
        found = cv2.resize(found.astype(np.uint8), (full_w, full_h), interpolation=cv2.INTER_NEAREST).astype(bool)
        inside = cv2.resize(inside.astype(np.uint8), (full_w, full_h), interpolation=cv2.INTER_NEAREST).astype(bool)
    grow = int(np.ceil(1 / k)) + 1
    found = cv2.dilate(found.astype(np.uint8), np.ones((grow, grow), np.uint8)).astype(bool)
    return Stains(mask=found, inside=inside & ~found, **counts)


def _tone_curve(lab: np.ndarray) -> np.ndarray:
    """(3, 21): L* from 0 to 100 in steps of 5, and the a*, b* of a (h, w, 3) Lab picture's tone curve there: the
    median a*, b* of the pixels within 2.5 L* of each step under 20 or over 90 when they are 1 % of the picture or
    more (a toned print's colour fades at paper white and deep black: the medians follow that knee), else a cubic in
    L* fitted by least squares without the pixels 3 median deviations off a first fit (a few stains may crowd a
    rare lightness)."""
    step = max(1, int(np.sqrt(lab.shape[0] * lab.shape[1] / 40000)))
    sample = lab[::step, ::step].reshape(-1, 3)
    grid = np.linspace(0, 100, 21, dtype=np.float32)
    light = sample[:, 0] / 100
    bins = np.clip(np.round(sample[:, 0] / 5).astype(int), 0, 20)
    crowded = (np.bincount(bins, minlength=21) >= 0.01 * len(sample)) & ((grid < 20) | (grid > 90))
    curve = [grid]
    degree = 3 if np.ptp(light) > 0 else 0  # one lightness (a black picture: all 0) fits a constant, not a cubic
    for c in (1, 2):
        with warnings.catch_warnings():  # a print of few tones fits a cubic poorly: the fit is still the best
            warnings.simplefilter("ignore", np.exceptions.RankWarning)
            fit = np.polyfit(light, sample[:, c], degree)
        off = np.abs(sample[:, c] - np.polyval(fit, light))
        keep = off <= 3 * max(float(np.median(off)), 0.2)
        if keep.sum() > 20:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", np.exceptions.RankWarning)
                fit = np.polyfit(light[keep], sample[keep, c], degree)
        values = np.polyval(fit, grid / 100).astype(np.float32)
        for b in np.flatnonzero(crowded):
            values[b] = np.median(sample[bins == b, c])
        curve.append(values)
    return np.vstack(curve)


EDGE_REACH = 3  # working px: _edge_offset() reads the darkest and lightest tone this far round a pixel
EDGE_SLACK = 0.25  # find_stains(): an edge's colour may stray off its chord by this share of the step across it


def _edge_offset(lab: np.ndarray, curve: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """((h, w, 2) float32, (h, w) float32): each pixel's a*, b* less the nearest colour its toned print gives across
    the tones round it, and the length (a*b* units) of the colour step across them (0 on a plain ground).

    On an edge between a dark and a light tone of a toned print, the colour of one side bleeds over the other (a JPEG
    keeps its colour at half the resolution of its lightness; lenses and scans blur both): the rim of a sepia
    portrait's pupil carries the skin's warmth at the pupil's lightness, the skin beside it the pupil's greyness, and
    both stray off the tone curve (`curve`, _tone_curve()) at their own L*. Read as foxing and mould, the eyes, brows
    and lips were levelled to the skin round them and came out as grey smears (bench/photo_sepia.py). Here a pixel is
    measured from the nearest point of the chord between the curve's colours at the darkest and the lightest L* within
    EDGE_REACH px, or of the curve at its own L*: the shorter offset of the two. On a plain ground the chord is a
    point and a stain's middle reads as it did; its rim, a dark-to-light step of its own, reads weaker (six foxing
    blots on a synthetic sepia ramp: all found, their marked area 14 % smaller)."""
    at = lambda light: np.stack([np.interp(light, curve[0], curve[c]) for c in (1, 2)], -1)  # noqa: E731
    ab = lab[..., 1:]
    own = ab - at(lab[..., 0])
    kernel = np.ones((2 * EDGE_REACH + 1,) * 2, np.uint8)
    dark, bright = at(cv2.erode(lab[..., 0], kernel)), at(cv2.dilate(lab[..., 0], kernel))
    chord = bright - dark
    along = np.clip(((ab - dark) * chord).sum(-1) / np.maximum((chord * chord).sum(-1), 1e-6), 0, 1)
    mixed = ab - (dark + along[..., None] * chord)
    nearer = (mixed * mixed).sum(-1) < (own * own).sum(-1)
    span = np.hypot(chord[..., 0], chord[..., 1]).astype(np.float32)
    return np.where(nearer[..., None], mixed, own).astype(np.float32), span


def _off_tone_curve(lab: np.ndarray) -> float:
    """How far (a*b* units, 80th percentile) a (h, w, 3) Lab picture's colour strays from its tone curve: the median
    a*, b* of its pixels of like lightness (20 bins of L*). Low for a black-and-white or toned print (a sepia print's
    colour follows its lightness), high for a colour photo. Read where a colour can show (L* from SHOWS_COLOUR): near
    black every photo is colourless, and a photo that is mostly night (stars, fireworks, a city's lights) would
    otherwise read as one tone."""
    lit = lab[..., 0] >= SHOWS_COLOUR
    pixels = lab[lit] if lit.sum() >= 0.005 * lit.size else lab.reshape(-1, 3)
    bins = np.clip((pixels[:, 0] / 5).astype(int), 0, 19)
    ab = pixels[:, 1:]
    curve = np.zeros((20, 2), np.float32)
    for b in np.unique(bins):
        curve[b] = np.median(ab[bins == b], axis=0)
    off = ab - curve[bins]
    return float(np.percentile(np.hypot(off[:, 0], off[:, 1]), 80))


def _hues_apart(lab: np.ndarray) -> float:
    """The share (0..1) of a (h, w, 3) Lab picture's lit pixels (L* from SHOWS_COLOUR) coloured (C* over CHROMATIC) in
    a hue HUE_GAP degrees or more from its main hue (the chroma-weighted mean direction in the a*b* plane). A toned
    print keeps one hue family (sepia, selenium, a cyanotype's blue): 0.0 for every black-and-white, toned, stained and
    halftone print of bench/photo_spots.py (Dec 2026), tuning and held-out; flat-colour illustrations read 0.09-0.66
    (tests/photo/test_stains.py), a clean phone drawing of a house and two faces 0.47."""
    lit = lab[..., 0] >= SHOWS_COLOUR
    if lit.sum() < 0.005 * lit.size:
        return 0.0
    a, b = lab[..., 1][lit], lab[..., 2][lit]
    chroma = np.hypot(a, b)
    coloured = chroma > CHROMATIC
    if not coloured.any():
        return 0.0
    main = np.arctan2(float(b[coloured].sum()), float(a[coloured].sum()))
    gap = np.degrees(np.abs(np.angle(np.exp(1j * (np.arctan2(b[coloured], a[coloured]) - main)))))
    return float((gap >= HUE_GAP).sum() / lit.sum())


def _tide_inside(lines: np.ndarray) -> np.ndarray:
    """The pixels a (h, w) bool mask of tide lines encloses: each line's convex hull, filled, less the lines (a tide
    line left by a drying drop is a closed, roughly convex outline; one broken in places still bounds its stain)."""
    inside = np.zeros(lines.shape, np.uint8)
    count, labels = cv2.connectedComponents(lines.astype(np.uint8), connectivity=8)
    for i in range(1, count):
        points = cv2.findNonZero((labels == i).astype(np.uint8))
        cv2.fillConvexPoly(inside, cv2.convexHull(points), 1)
    return inside.astype(bool) & ~lines


def _step_across(lab: np.ndarray, inner: np.ndarray, outer: np.ndarray, line: np.ndarray, band: int) -> np.ndarray:
    """The Lab step (3,) a water stain left, read across its tide line: at each point of the line, the mean of the
    band just inside minus the mean of the band just outside, both taken near that point (normalised convolution,
    sigma `band` px); the median over the line's points where both bands are near. Read point by point, a line that
    crosses a dark coat on one side and the sky on the other sees the same picture on both sides of each point, so
    the picture's own light and dark do not enter the step (a median of each band as a whole took them in)."""
    sigma = float(band)

    def near_mean(part: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        weight = cv2.GaussianBlur(part.astype(np.float32), (0, 0), sigma)
        total = cv2.GaussianBlur(lab * part[..., None].astype(np.float32), (0, 0), sigma)
        return total / np.maximum(weight, 1e-4)[..., None], weight

    inside_mean, inside_weight = near_mean(inner)
    outside_mean, outside_weight = near_mean(outer)
    both = line & (inside_weight > 0.05) & (outside_weight > 0.05)
    if both.sum() < 10:
        return np.zeros(3, np.float32)
    return np.median(inside_mean[both] - outside_mean[both], axis=0).astype(np.float32)


def level(rgb: np.ndarray, stains: Stains, detail: float = 2.0) -> np.ndarray:
    """The (H, W, 3) float [0, 1] photo with its stains levelled to their surround, same shape, float32.

    Inside `stains.mask` the CIE Lab colour's low frequencies (a Gaussian of `detail` px) are replaced by the
    surround's, read over the unstained pixels only (normalised convolution, sigma a few spot sizes); the fine
    detail beneath the stain is kept up to FINE_KEEP times the surround's own (a hard-edged spot's rim is not kept
    whole). Inside a water stain (`stains.inside`) the tint the tide left is taken off: the median a*, b* (and L*)
    step from a band just outside its tide line to a band just inside. Only stained pixels change."""
    if not (stains.mask.any() or stains.inside.any()):
        return rgb.astype(np.float32).copy()
    lab = rgb_to_lab(np.clip(rgb, 0, 1))
    h, w = stains.mask.shape
    scale = max(h, w) / WORK_SIDE
    out = lab.copy()
    if stains.inside.any():
        inside = stains.inside.astype(np.uint8)
        band = max(3, int(round(6 * scale)))
        kernel = np.ones((band, band), np.uint8)
        inner = (inside & ~cv2.erode(inside, kernel)).astype(bool) & ~stains.mask
        outer = (cv2.dilate(inside | stains.mask, kernel) & ~cv2.dilate(stains.mask.astype(np.uint8) | inside,
                                                                        np.ones((3, 3), np.uint8))).astype(bool)
        if inner.sum() > 20 and outer.sum() > 20:
            step = _step_across(lab, inner, outer, stains.mask, band)
            soft = cv2.GaussianBlur(stains.inside.astype(np.float32), (0, 0), max(1.0, scale))
            out = out - soft[..., None] * step
    if stains.mask.any():
        keep = (~stains.mask).astype(np.float32)
        sigma = max(3.0, 8 * scale)
        weight = cv2.GaussianBlur(keep, (0, 0), sigma)
        surround = cv2.GaussianBlur(out * keep[..., None], (0, 0), sigma) / np.maximum(weight, 1e-4)[..., None]
        fine = out - cv2.GaussianBlur(out, (0, 0), detail * max(1.0, scale))
        # the picture's detail beneath is kept as far as the surround has detail of its own (FINE_KEEP times its
        # local RMS): a spot's own sharp rim, stronger than the picture's texture, would stay as a ring
        # (read away from the stain: its rim's blur reaches past the mask)
        reach = 2 * int(np.ceil(3 * detail * max(1.0, scale))) + 1
        far = 1 - cv2.dilate(stains.mask.astype(np.uint8), np.ones((reach, reach), np.uint8)).astype(np.float32)
        amplitude = np.sqrt(cv2.GaussianBlur(fine * fine * far[..., None], (0, 0), sigma)
                            / np.maximum(cv2.GaussianBlur(far, (0, 0), sigma), 1e-4)[..., None])
        limit = FINE_KEEP * amplitude + FINE_FLOOR
        levelled = surround + np.clip(fine, -limit, limit)
        soft = cv2.GaussianBlur(stains.mask.astype(np.float32), (0, 0), max(0.8, scale))
        soft = np.maximum(soft, stains.mask.astype(np.float32))
        out = out * (1 - soft[..., None]) + levelled * soft[..., None]
    changed = cv2.dilate((stains.mask | stains.inside).astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    result = rgb.astype(np.float32).copy()
    result[changed] = lab_to_rgb(out)[changed]
    return result


def halftone_period(rgb: np.ndarray, side: int = 512) -> float | None:
    """The dot period (px) of a halftone screen over a (H, W, 3) or (H, W) float [0, 1] picture, or None.

    The luma of a central `side` px crop (Hann-windowed) is Fourier-transformed; a screen is a peak at a period in
    HALFTONE_PERIODS standing HALFTONE_PEAK times above the median magnitude of its ring of the spectrum, alone on
    its ray (a straight scratch or horizon makes a ridge through the origin), with its partner at 90 degrees (a dot
    grid, not a row of stripes) above half that. None under HALFTONE_LEAST px."""
    gray = luma(rgb) if rgb.ndim == 3 else rgb
    h, w = gray.shape
    n = min(side, h, w)
    if n < HALFTONE_LEAST:
        return None
    y0, x0 = (h - n) // 2, (w - n) // 2
    crop = gray[y0:y0 + n, x0:x0 + n].astype(np.float32)
    crop = (crop - crop.mean()) * np.outer(np.hanning(n), np.hanning(n)).astype(np.float32)
    spectrum = np.abs(np.fft.fftshift(np.fft.fft2(crop)))
    yy, xx = np.mgrid[0:n, 0:n] - n // 2
    radius = np.hypot(xx, yy)
    lo, hi = n / HALFTONE_PERIODS[1], n / HALFTONE_PERIODS[0]
    ring = (radius >= lo) & (radius <= min(hi, n // 2 - 1)) & (yy >= 0)
    if not ring.any():
        return None
    rings = np.round(radius).astype(int)
    medians = np.zeros(rings.max() + 1, np.float32)
    for r in range(int(lo), int(min(hi, n // 2 - 1)) + 1):
        sel = rings == r
        medians[r] = np.median(spectrum[sel]) if sel.any() else 0
    score = np.where(ring, spectrum / np.maximum(medians[rings], 1e-9), 0)
    at = np.unravel_index(int(np.argmax(score)), score.shape)
    if score[at] < HALFTONE_PEAK:
        return None
    # A screen's peak is a point; a long straight line (a scratch, a horizon) spreads along a ray of the spectrum
    r0, angle = float(radius[at]), np.arctan2(at[0] - n // 2, at[1] - n // 2)
    for k in (0.75, 1.3):
        ry, rx = int(round(n // 2 + k * r0 * np.sin(angle))), int(round(n // 2 + k * r0 * np.cos(angle)))
        if 0 <= ry < n and 0 <= rx < n and rings[ry, rx] < len(medians) and medians[rings[ry, rx]] > 0 and \
                spectrum[ry, rx] / medians[rings[ry, rx]] > HALFTONE_PEAK / 3:
            return None
    py, px = at[0] - n // 2, at[1] - n // 2
    qy, qx = n // 2 + px, n // 2 - py  # the partner peak, turned 90 degrees
    qy, qx = (qy, qx) if 0 <= qy < n and 0 <= qx < n else (n // 2 - px, n // 2 + py)
    partner = spectrum[max(qy - 1, 0):qy + 2, max(qx - 1, 0):qx + 2].max() / max(
        medians[min(rings[at], len(medians) - 1)], 1e-9)
    if partner < HALFTONE_PEAK / 2:
        return None
    return float(n / radius[at])


def descreen(rgb: np.ndarray, period: float) -> np.ndarray:
    """The picture with its halftone screen (dots `period` px apart) blurred away: a Gaussian of 0.6 period."""
    return cv2.GaussianBlur(rgb.astype(np.float32), (0, 0), 0.6 * period)
