"""Pointillism: dots of pure colour from a limited palette, mixed by the eye (Seurat, Signac).

Each dot's colour is drawn between the two palette colours nearest to the photo's colour at that
place, with the probability of their share along the segment joining them: over many dots the
mean colour is kept (an ordered "optical mixing", as in error-free stochastic dithering), while
each dot stays a pure paint colour. Dots are smaller and denser on the face.
"""
from __future__ import annotations

import cv2
import numpy as np

from .canvas import Scene, hex_palette, rgb_to_lab, saturate

# Seurat's palette (after Homer, "Seurat and the Science of Painting", 1964): the spectral colours
# with their tints mixed with white, no black.
SEURAT = hex_palette("#f7f1dc", "#f4e04d", "#e9b949", "#e4812f", "#d4442a", "#c23b6b", "#8e4a9e", "#4d4fa8",
                     "#2a62b8", "#5fa3d9", "#3c8f5a", "#7bbf5e", "#1d3f6e", "#f0b8b0", "#b8d4ec", "#c9e3a6",
                     "#6b3a2a", "#3b2d5c")


def paint_dots(scene: Scene, source: np.ndarray) -> np.ndarray:
    """Dots on a light ground; returns (H, W, 3) float."""
    h, w = scene.shape
    s = scene.strength
    rng = scene.rng
    reference = saturate(cv2.GaussianBlur(source, (0, 0), 1.0), 1.35)
    out = np.empty((h, w, 3), np.uint8)
    out[:] = (np.array([0.95, 0.93, 0.86]) * 255).astype(np.uint8)
    palette_lab = rgb_to_lab(SEURAT.reshape(-1, 1, 3)).reshape(-1, 3)
    spacing_bg = (4.0 + 4.0 * s) * scene.unit
    spacing_face = (2.2 + 1.6 * s) * scene.unit
    layers = [(spacing_bg, None, 0.75), (spacing_bg * 0.8, None, 0.7), (spacing_face, scene.face, 0.68)]
    count = 0
    for spacing, region, size in layers:
        ys, xs = np.mgrid[spacing / 2:h:spacing, spacing / 2:w:spacing]
        xs = (xs + rng.uniform(-0.45, 0.45, xs.shape) * spacing).ravel()
        ys = (ys + rng.uniform(-0.45, 0.45, ys.shape) * spacing).ravel()
        ix = np.clip(xs, 0, w - 1).astype(np.int32)
        iy = np.clip(ys, 0, h - 1).astype(np.int32)
        if region is not None:
            keep = region[iy, ix] > 0.4
            xs, ys, ix, iy = xs[keep], ys[keep], ix[keep], iy[keep]
        target = rgb_to_lab(reference[iy, ix].reshape(-1, 1, 3)).reshape(-1, 3)
        colours = _mix(target, palette_lab, rng)
        radius = max(1, int(round(spacing * size)))
        order = rng.permutation(len(xs))
        rgb_u8 = (SEURAT[colours] * 255).astype(np.int32).tolist()
        px = np.round(xs * 4).astype(np.int32).tolist()
        py = np.round(ys * 4).astype(np.int32).tolist()
        for i in order.tolist():
            cv2.circle(out, (px[i], py[i]), radius * 4, rgb_u8[i], -1, cv2.LINE_AA, 2)
        count += len(xs)
    scene.notes["dots"] = count
    return out.astype(np.float32) / 255.0


def _mix(target: np.ndarray, palette: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """For each Lab colour (N, 3), one palette index: one of its two nearest, chosen by their share."""
    d = ((target[:, None, :] - palette[None, :, :]) ** 2).sum(-1)
    two = np.argsort(d, axis=1)[:, :2]
    a, b = palette[two[:, 0]], palette[two[:, 1]]
    ab = b - a
    t = np.clip(((target - a) * ab).sum(1) / ((ab * ab).sum(1) + 1e-6), 0, 1)
    pick_b = rng.random(len(target)) < t
    return np.where(pick_b, two[:, 1], two[:, 0])
