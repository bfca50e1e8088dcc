"""Cubism: the picture broken into faceted planes, each shaded as if tilted, in a muted palette.

Facets are the triangles of a Delaunay triangulation (scipy.spatial.Delaunay) over points taken
on the picture's edges (Canny) and scattered points, denser on the face, so the facets follow
the face's features. Each facet is filled with its mean colour moved to an ochre-grey-green
palette and a linear shading along a random direction ("passage"); some facet edges are drawn
dark, others light, and the face's lines are printed a second time, shifted, as a second viewpoint.
"""
from __future__ import annotations

import cv2
import numpy as np
from scipy.spatial import Delaunay

from .canvas import Scene, canvas_weave, hex_palette, lab_to_rgb, luminance, rgb_to_lab
from .flat import xdog

CUBIST = hex_palette("#2f2a24", "#5b4a36", "#8a6b45", "#b89560", "#d9c08f", "#ece0c2", "#6e7360", "#9aa08a",
                     "#4a4f48", "#7d8270", "#a55a3a")


def paint_facets(scene: Scene, source: np.ndarray) -> np.ndarray:
    rng = scene.rng
    h, w = scene.shape
    u = scene.unit
    s = scene.strength
    grey8 = (luminance(cv2.GaussianBlur(source, (0, 0), 1.5 * u)) * 255).astype(np.uint8)
    edges = cv2.Canny(grey8, 40, 110)
    ey, ex = np.nonzero(edges)
    n_edge = int((350 + 700 * (1 - s)) * u * u)
    pick = rng.choice(len(ex), min(n_edge, len(ex)), replace=False) if len(ex) else np.array([], int)
    face_pts = _scatter(scene.face, int(380 * (1.2 - s) * u * u), rng)
    any_pts = rng.random((int(120 * u * u), 2)) * (w - 1, h - 1)
    corners = np.array([[0, 0], [w - 1, 0], [0, h - 1], [w - 1, h - 1]], np.float64)
    border = np.concatenate([np.stack([np.linspace(0, w - 1, 9), np.zeros(9)], 1),
                             np.stack([np.linspace(0, w - 1, 9), np.full(9, h - 1)], 1),
                             np.stack([np.zeros(11), np.linspace(0, h - 1, 11)], 1),
                             np.stack([np.full(11, w - 1), np.linspace(0, h - 1, 11)], 1)])
    points = np.concatenate([np.stack([ex[pick], ey[pick]], 1).astype(np.float64), face_pts, any_pts, corners,
                             border])
    points = np.unique(np.round(points), axis=0)
    tri = Delaunay(points)
    labels = np.full((h, w), -1, np.int32)
    for i, simplex in enumerate(tri.simplices):
        cv2.fillConvexPoly(labels, points[simplex].astype(np.int32), int(i))
    labels[labels < 0] = 0
    count = len(tri.simplices)
    scene.notes["facets"] = count
    flat_labels = labels.ravel()
    sums = np.stack([np.bincount(flat_labels, source[..., c].ravel(), count) for c in range(3)], 1)
    sizes = np.maximum(np.bincount(flat_labels, minlength=count), 1)[:, None]
    means = (sums / sizes).astype(np.float32)
    colours = _cubist_colours(means, scene.face, labels, count)
    # each facet is a tilted plane: a linear shading along its own direction
    angle = rng.uniform(0, 2 * np.pi, count)
    amount = rng.uniform(0.12, 0.32, count) * (0.6 + 0.8 * s)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    cx = np.bincount(flat_labels, x.ravel(), count) / sizes[:, 0]
    cy = np.bincount(flat_labels, y.ravel(), count) / sizes[:, 0]
    span = np.sqrt(sizes[:, 0]) + 1
    ramp = ((x - cx[labels]) * np.cos(angle)[labels] + (y - cy[labels]) * np.sin(angle)[labels]) / span[labels]
    out = colours[labels] * (1 + amount[labels] * np.clip(ramp, -1.5, 1.5))[..., None]
    # the face keeps its own light and shade under the planes
    face_grey = luminance(source)
    local = face_grey - cv2.GaussianBlur(face_grey, (0, 0), 10 * u)
    out = out * (1 + 0.9 * scene.face[..., None] * local[..., None])
    # facet edges: dark on some, light on others
    border_map = np.zeros((h, w), np.float32)
    border_map[:, 1:] += labels[:, 1:] != labels[:, :-1]
    border_map[1:, :] += labels[1:, :] != labels[:-1, :]
    border_map = np.clip(border_map, 0, 1)
    dark = (rng.random(count) < 0.55)[labels]
    edge_strength = cv2.GaussianBlur(cv2.dilate(border_map, np.ones((2, 2), np.uint8)), (0, 0), 0.8)
    edge_strength *= 0.7 - 0.3 * scene.face
    out = np.where(dark[..., None], out * (1 - edge_strength[..., None]),
                   out + (0.85 - out) * edge_strength[..., None] * 0.35)
    # the face's lines, printed twice: here and shifted, a second viewpoint
    lines = 1 - xdog(luminance(source), 1.0 * u, p=16.0)
    lines *= np.clip(scene.face * 1.6, 0, 1)
    shift = int(round((6 + 10 * s) * u))
    second = np.roll(lines, (-shift // 2, shift), axis=(0, 1)) * 0.5
    ink = np.maximum(lines, second)
    out = out * (1 - 0.8 * ink[..., None]) + np.array([0.15, 0.12, 0.1], np.float32) * 0.8 * ink[..., None]
    weave = canvas_weave(scene.shape, u, rng)
    out = out * (1 + 0.035 * weave[..., None])
    return np.clip(out, 0, 1)


def _scatter(weight: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """n points drawn with a density proportional to `weight` (H, W)."""
    h, w = weight.shape
    p = weight.ravel().astype(np.float64)
    if p.sum() <= 0 or n <= 0:
        return np.zeros((0, 2))
    idx = rng.choice(len(p), n, p=p / p.sum())
    return np.stack([idx % w, idx // w], 1).astype(np.float64) + rng.uniform(-0.5, 0.5, (n, 2))


def _cubist_colours(means: np.ndarray, face: np.ndarray, labels: np.ndarray, count: int) -> np.ndarray:
    """Facet colours moved toward the palette (lightness kept), a little more faithful on the face."""
    lab = rgb_to_lab(means.reshape(-1, 1, 3)).reshape(-1, 3)
    plab = rgb_to_lab(CUBIST.reshape(-1, 1, 3)).reshape(-1, 3)
    d = ((lab[:, None, 1:] - plab[None, :, 1:]) ** 2).sum(-1) + 0.3 * (lab[:, None, 0] - plab[None, :, 0]) ** 2
    target = plab[np.argmin(d, 1)].copy()
    face_share = np.bincount(labels.ravel(), face.ravel(), count) / np.maximum(np.bincount(labels.ravel(),
                                                                                            minlength=count), 1)
    mix = (0.95 - 0.35 * face_share)[:, None]
    out = lab.copy()
    out[:, 1:] = lab[:, 1:] * (1 - mix) + target[:, 1:] * mix
    out[:, 0] = lab[:, 0] * 0.8 + target[:, 0] * 0.2
    return lab_to_rgb(out.reshape(-1, 1, 3)).reshape(-1, 3)
