"""Painterly brush strokes in layers, coarse to fine, each stroke a curve that follows the edges.

Method: Hertzmann, "Painterly Rendering with Curved Brush Strokes of Multiple Sizes" (SIGGRAPH
1998). For each brush radius R (largest first) the source is blurred in proportion to R; where
the canvas differs from that reference by more than a threshold over a grid cell, a stroke starts
at the cell's worst pixel and grows along the direction field (perpendicular to the gradient)
until the reference's colour leaves the stroke's colour. All strokes of a layer are traced at
once with numpy; only the drawing (cv2.polylines) loops over strokes. The face gets extra fine
layers and a lower threshold, so it stays recognisable while the background stays broad.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .canvas import Scene, bristle_streaks, direction_field, emboss

SHIFT = 2  # cv2 drawing with 2 fractional bits: sub-pixel stroke positions


@dataclass(frozen=True)
class BrushStyle:
    """How one style handles its brushes (radii in pixels at 768 px height, strength 0.5)."""

    radii: tuple[float, ...] = (10.0, 6.0, 3.0)  # background layers, largest first
    face_radii: tuple[float, ...] = (2.0, 1.0)  # extra layers painted only on the face
    max_length: int = 10  # control points per stroke
    min_length: int = 2
    curvature: float = 1.0  # 1 = follow the field exactly; lower = smoother curves (filter)
    threshold: float = 0.09  # colour distance (RGB, 0..1) that calls for a stroke
    blur: float = 0.8  # reference blur sigma = blur * R
    jitter_value: float = 0.0  # random brightness change per stroke
    jitter_colour: float = 0.0  # random per-channel change per stroke (broken colour)
    impasto: float = 0.0  # how much the paint's relief shows
    bristles: float = 0.0  # how much bristle streaks show
    ground: tuple[float, float, float] = (0.93, 0.9, 0.84)  # colour of the primed canvas


def paint_strokes(scene: Scene, source: np.ndarray, style: BrushStyle, fallback_angle: np.ndarray | None = None,
                  field_source: np.ndarray | None = None) -> np.ndarray:
    """Paint `source` (H, W, 3 float) stroke by stroke; returns the painting (H, W, 3 float).

    `fallback_angle` (radians) steers strokes where the picture has no clear edge (swirls, waves);
    `field_source` (H, W grey) is the picture the edge directions are read from (default: source).
    """
    h, w = scene.shape
    s = scene.strength
    size = (0.6 + 0.8 * s) * scene.unit  # "more painting": bigger brushes
    canvas = np.empty((h, w, 3), np.uint8)
    canvas[:] = np.array(style.ground) * 255
    height = np.zeros((h, w), np.float32)
    grey_field = field_source if field_source is not None else cv2.cvtColor(source, cv2.COLOR_RGB2GRAY)
    face_radii = [r for r in style.face_radii if r * scene.unit < min(style.radii) * size]
    if s > 0.8:
        face_radii = face_radii[:1]
    layers = [(r * size, False) for r in style.radii] + [(r * scene.unit, True) for r in face_radii]
    counts: list[int] = []
    for index, (radius, face_only) in enumerate(layers):
        reference = cv2.GaussianBlur(source, (0, 0), max(0.5, style.blur * radius))
        reference_u8 = (np.clip(reference, 0, 1) * 255).astype(np.uint8)
        dx, dy = direction_field(cv2.GaussianBlur(grey_field, (0, 0), max(1.0, radius * 0.7)),
                                 sigma=max(2.0, radius * 1.5), fallback=fallback_angle)
        threshold = style.threshold * (0.5 + s) * (1.0 - 0.55 * scene.face)
        starts = _stroke_starts(canvas, reference_u8, radius, threshold, first=index == 0,
                                region=scene.face if face_only else None)
        if not len(starts):
            continue
        lines, lengths = _trace(starts, reference_u8, canvas, dx, dy, radius, style)
        colours = reference[starts[:, 1], starts[:, 0]]
        colours = _jitter(colours, style, scene.rng)
        _draw(canvas, height if style.impasto else None, lines, lengths, colours, radius, scene.rng)
        counts.append(len(starts))
    # strokes are drawn aliased (3x faster than cv2.LINE_AA); a slight blur gives soft paint edges
    painting = cv2.GaussianBlur(canvas, (0, 0), 0.6).astype(np.float32) / 255.0
    scene.notes["strokes"] = counts
    if style.impasto or style.bristles:
        dx, dy = direction_field(cv2.GaussianBlur(grey_field, (0, 0), 2.0), sigma=4.0, fallback=fallback_angle)
        relief = cv2.GaussianBlur(height, (0, 0), 0.8)
        # thinner paint on the face: its relief and bristle marks show less there
        calm = 1.0 - 0.85 * scene.face
        light = 1.0 + (emboss(relief, style.impasto * 4.0) - 1.0) * calm
        streaks = bristle_streaks(dx, dy, 6 * scene.unit, scene.rng) if style.bristles else 0.0
        painting = painting * (light * (1.0 + style.bristles * 0.18 * streaks * calm))[..., None]
    return np.clip(painting, 0, 1)


def _stroke_starts(canvas: np.ndarray, reference: np.ndarray, radius: float, threshold: np.ndarray, first: bool,
                   region: np.ndarray | None) -> np.ndarray:
    """Grid cells (about R apart) whose mean error exceeds the threshold: the worst pixel of each (N, 2) x, y."""
    h, w = canvas.shape[:2]
    g = max(2, int(round(radius)))
    nh, nw = h // g, w // g
    diff = np.sqrt(((canvas.astype(np.float32) - reference.astype(np.float32)) ** 2).sum(-1)) / 255.0
    cells = diff[:nh * g, :nw * g].reshape(nh, g, nw, g).transpose(0, 2, 1, 3).reshape(nh, nw, g * g)
    error = cells.mean(-1)
    worst = cells.argmax(-1)
    ys = np.arange(nh)[:, None] * g + worst // g
    xs = np.arange(nw)[None, :] * g + worst % g
    centre_t = threshold[:nh * g:g, :nw * g:g][:nh, :nw] if np.ndim(threshold) else threshold
    keep = np.ones((nh, nw), bool) if first else error > centre_t
    if region is not None:
        keep &= region[:nh * g:g, :nw * g:g][:nh, :nw] > 0.45
    return np.stack([xs[keep], ys[keep]], 1).astype(np.int32)


def _trace(starts: np.ndarray, reference: np.ndarray, canvas: np.ndarray, dx: np.ndarray, dy: np.ndarray,
           radius: float, style: BrushStyle) -> tuple[np.ndarray, np.ndarray]:
    """Grow every stroke at once along the field; returns points (L+1, N, 2) and lengths (N,)."""
    h, w = dx.shape
    n = len(starts)
    pos = starts.astype(np.float32)
    points = np.empty((style.max_length + 1, n, 2), np.float32)
    points[0] = pos
    colour = reference[starts[:, 1], starts[:, 0]].astype(np.int32)
    lengths = np.zeros(n, np.int32)
    alive = np.ones(n, bool)
    last = np.zeros((n, 2), np.float32)
    for k in range(1, style.max_length + 1):
        ix = np.clip(pos[:, 0], 0, w - 1).astype(np.int32)
        iy = np.clip(pos[:, 1], 0, h - 1).astype(np.int32)
        d = np.stack([dx[iy, ix], dy[iy, ix]], 1)
        flip = (d * last).sum(1) < 0
        d[flip] *= -1
        if k > 1 and style.curvature < 1:
            d = style.curvature * d + (1 - style.curvature) * last
            d /= np.linalg.norm(d, axis=1, keepdims=True) + 1e-6
        new = pos + radius * d
        inside = (new[:, 0] >= 0) & (new[:, 0] <= w - 1) & (new[:, 1] >= 0) & (new[:, 1] <= h - 1)
        nx = np.clip(new[:, 0], 0, w - 1).astype(np.int32)
        ny = np.clip(new[:, 1], 0, h - 1).astype(np.int32)
        ref_err = np.abs(reference[ny, nx].astype(np.int32) - colour).sum(1)
        can_err = np.abs(canvas[ny, nx].astype(np.int32) - colour).sum(1)
        stop = ~inside | ((k > style.min_length) & (ref_err > can_err))
        alive &= ~stop
        pos = np.where(alive[:, None], new, pos)
        last = np.where(alive[:, None], d, last)
        points[k] = pos
        lengths += alive
        if not alive.any():
            points = points[:k + 1]
            break
    return points, lengths


def _jitter(colours: np.ndarray, style: BrushStyle, rng: np.random.Generator) -> np.ndarray:
    n = len(colours)
    out = colours.copy()
    if style.jitter_value:
        out = out * (1 + rng.normal(0, style.jitter_value, (n, 1)).astype(np.float32))
    if style.jitter_colour:
        out = out + rng.normal(0, style.jitter_colour, (n, 3)).astype(np.float32)
    return np.clip(out, 0, 1)


def _draw(canvas: np.ndarray, height: np.ndarray | None, lines: np.ndarray, lengths: np.ndarray, colours: np.ndarray,
          radius: float, rng: np.random.Generator) -> None:
    """Draw the strokes in a random order (as Hertzmann does), with a random paint thickness each."""
    thickness = max(1, int(round(2 * radius)))
    scaled = np.ascontiguousarray(np.round(lines * (1 << SHIFT)).astype(np.int32).transpose(1, 0, 2))
    colours_u8 = (colours * 255).astype(np.int32).tolist()
    relief = rng.uniform(0.3, 1.0, len(lengths)).tolist()
    for i in rng.permutation(len(lengths)).tolist():
        n = int(lengths[i]) + 1
        pts = scaled[i, :n]
        if n == 1:
            pts = np.vstack([pts, pts + 1])
        cv2.polylines(canvas, [pts], False, colours_u8[i], thickness, cv2.LINE_8, SHIFT)
        if height is not None:
            cv2.polylines(height, [pts], False, relief[i], thickness, cv2.LINE_8, SHIFT)
