"""The CPU painter: a framed portrait painted in one style, with no weights.

    from pipelines.portrait.painter import paint
    result = paint(framed_rgb, "van-gogh", face_box, strength=0.5, seed=7)
    result.image   # (H, W, 3) uint8, same size as the input

`strength` runs from 0 ("more like me": fine brushes, faithful colours) to 1 ("more painting":
broad brushes, the painter's palette). The same input, style, strength and seed give the same
picture. About 1-4 s for a 614 x 768 portrait on 2 CPU cores (bench/portrait.py).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import cv2
import numpy as np

from .canvas import (Scene, face_mask, gradient_map, hex_palette, lab_to_rgb, luminance, rgb_to_lab, saturate,
                     sitter_mask, smooth_noise, swirl_angles, to_float, to_uint8)
from .dots import paint_dots
from .facets import paint_facets
from .flat import outlines, paint_art_nouveau, paint_pop, paint_ukiyoe, regions, smooth
from .framing import Box
from .strokes import BrushStyle, paint_strokes
from .styles import get_style
from .tone import REMBRANDT, RENAISSANCE, VERMEER, paint_tone

MIN_SIDE = 64
MAX_SIDE = 2048


@dataclass
class Painting:
    """A painted portrait and how it was made."""

    image: np.ndarray  # (H, W, 3) uint8
    style: str
    strength: float
    seed: int
    seconds: float
    method: str  # the algorithm, in words (for the label's metadata and the bench)
    notes: dict = field(default_factory=dict)


METHODS = {
    "strokes": "layered curved brush strokes along the image gradients (Hertzmann 1998)",
    "dots": "dots of a limited palette with optical mixing",
    "flat": "flat colour regions (bilateral filter + k-means) with XDoG outlines",
    "facets": "Delaunay facets on the edges, shaded planes",
    "tone": "tone mapping (chiaroscuro / sfumato), glazes, varnish and craquelure",
}


def paint(rgb: np.ndarray, style_id: str, face: Box | None = None, strength: float = 0.5, seed: int = 0) -> Painting:
    """Paint a framed portrait (H, W, 3) uint8 in the style `style_id`; `face` in the picture's pixels.

    Raises ValueError for a picture outside 64..2048 pixels a side or a strength outside 0..1,
    UserError for an unknown style.
    """
    style = get_style(style_id)
    if rgb.ndim != 3 or rgb.shape[2] != 3:
        raise ValueError(f"the portrait must be (H, W, 3) RGB but is {rgb.shape}.")
    if not (MIN_SIDE <= min(rgb.shape[:2]) and max(rgb.shape[:2]) <= MAX_SIDE):
        raise ValueError(f"each side must be between {MIN_SIDE} and {MAX_SIDE} pixels but the portrait is "
                         f"{rgb.shape[1]} x {rgb.shape[0]}.")
    if not 0.0 <= strength <= 1.0:
        raise ValueError(f"strength must be between 0 and 1 but is {strength}.")
    started = time.monotonic()
    source = to_float(rgb)
    rng = np.random.default_rng(seed)
    cv2.setRNGSeed(int(seed))
    scene = Scene(source, face_mask(source.shape[:2], face), sitter_mask(source, face), face, float(strength), rng)
    out = PAINTERS[style.id](scene, source)
    return Painting(to_uint8(out), style.id, float(strength), int(seed), time.monotonic() - started,
                    METHODS[style.family], scene.notes)


# -- brush-stroke styles ------------------------------------------------------------------------
def _van_gogh(scene: Scene, source: np.ndarray) -> np.ndarray:
    """Thick swirling strokes; a background of blue-green whirls; vivid complementary colours."""
    u = scene.unit
    colour = saturate(source, 1.5)
    swirl = smooth_noise(scene.shape, 90 * u, scene.rng)
    sky = gradient_map(swirl, hex_palette("#1d3d7a", "#2f6bb0", "#58a4c9", "#9cc8c0", "#e6d27a"))
    sitter = scene.sitter[..., None]
    colour = colour * sitter + sky * (1 - sitter)
    # his outlines: prussian blue lines around the forms
    lines = outlines(scene, smooth(source, 1), None, width=2.0, face_width=1.0, sigma=1.6)
    colour = colour * (1 - 0.6 * lines[..., None]) + np.array([0.1, 0.2, 0.45], np.float32) * 0.6 * lines[..., None]
    style = BrushStyle(radii=(11.0, 7.0, 4.0), face_radii=(2.0, 1.0), max_length=14, curvature=0.75,
                       threshold=0.07, jitter_value=0.08, jitter_colour=0.04, impasto=0.55, bristles=1.0,
                       ground=(0.35, 0.45, 0.55))
    return paint_strokes(scene, colour, style, fallback_angle=swirl_angles(scene.shape, 70 * u, scene.rng),
                         field_source=luminance(source))


def _impressionism(scene: Scene, source: np.ndarray) -> np.ndarray:
    """Short dabs of broken colour, bright daylight, coloured (violet-blue) shadows, no black."""
    lab = rgb_to_lab(source)
    lab[..., 0] = 100 * (lab[..., 0] / 100) ** 0.8  # a brighter key
    lab[..., 1:] *= 1.35
    shadow = np.clip((45 - lab[..., 0]) / 35, 0, 1)
    lab[..., 1] += 8 * shadow  # shadows tinted toward violet
    lab[..., 2] -= 18 * shadow
    lab[..., 0] = np.maximum(lab[..., 0], 18)
    colour = lab_to_rgb(lab)
    style = BrushStyle(radii=(8.0, 5.0, 3.0), face_radii=(2.0, 1.0), max_length=3, min_length=1, curvature=1.0,
                       threshold=0.06, jitter_value=0.07, jitter_colour=0.06, impasto=0.25, bristles=0.5,
                       ground=(0.95, 0.93, 0.86))
    return paint_strokes(scene, colour, style, fallback_angle=swirl_angles(scene.shape, 40 * scene.unit, scene.rng),
                         field_source=luminance(source))


FAUVE = hex_palette("#1b2a80", "#3b7d3a", "#e03c2b", "#f28c28", "#f6d23c", "#e86aa6", "#7b3fa0", "#3fb6a8")


def _fauvism(scene: Scene, source: np.ndarray) -> np.ndarray:
    """Matisse's 'green line': one side of the face warm, the other cool, a green stripe down the
    nose, pure flat colours, a background in bright blocks, broad strokes on a white canvas."""
    h, w = scene.shape
    base = smooth(source, passes=2, sigma_colour=0.12)
    labels, colours = regions(base, 7, scene.rng)
    flat = colours[labels]
    grey = luminance(flat)
    # shadows to blue and violet, half-tones to green, lights to orange, yellow and pink
    wild = gradient_map(grey, hex_palette("#1b2a80", "#6a3fa0", "#2f8f5a", "#e0632b", "#f6d23c", "#fde9b8"))
    colour = saturate(flat, 2.0) * 0.35 + wild * 0.65
    face = scene.face_box
    cx = face.centre[0] if face is not None else w / 2
    fw = face.w if face is not None else w * 0.4
    x = np.arange(w, dtype=np.float32)[None, :]
    side = np.clip((x - cx) / (fw * 0.15), -1, 1)  # -1 left half of the face, +1 right half
    warm = np.array([0.98, 0.62, 0.42], np.float32)
    cool = np.array([0.78, 0.86, 0.42], np.float32)
    cheek = np.where(side[..., None] < 0, warm, cool) * (0.55 + 0.6 * grey[..., None])
    facew = np.clip(scene.face * 1.3, 0, 1)[..., None] * 0.55
    colour = colour * (1 - facew) + cheek * facew
    stripe = np.exp(-((x - cx) / (fw * 0.022)) ** 2) * scene.face * 0.8
    colour = colour * (1 - stripe[..., None]) + np.array([0.25, 0.62, 0.3], np.float32) * stripe[..., None]
    blocks = (smooth_noise(scene.shape, 160 * scene.unit, scene.rng) * 3).astype(np.int32)
    ground = hex_palette("#7b3fa0", "#f28c28", "#3b9d5a")[np.clip(blocks, 0, 2)]
    sitter = scene.sitter[..., None]
    colour = colour * sitter + ground * (1 - sitter)
    style = BrushStyle(radii=(14.0, 8.0, 4.0), face_radii=(2.0, 1.0), max_length=6, curvature=0.9, threshold=0.1,
                       jitter_value=0.04, jitter_colour=0.02, impasto=0.15, bristles=0.6, ground=(0.97, 0.96, 0.92))
    lines = outlines(scene, base, None, width=2.5, face_width=1.0, sigma=1.8)
    painted = paint_strokes(scene, colour, style, field_source=luminance(source))
    return painted * (1 - 0.8 * lines[..., None]) + np.array([0.15, 0.2, 0.55], np.float32) * 0.8 * lines[..., None]


def _expressionism(scene: Scene, source: np.ndarray) -> np.ndarray:
    """Munch: unnatural colours from the tones (deep blue shadows, green-yellow face, orange-red),
    a sky of wavy bands behind the sitter, long wavy strokes, dark outlines."""
    h, w = scene.shape
    u = scene.unit
    base = smooth(source, passes=2, sigma_colour=0.1)
    grey = luminance(base)
    lo, hi = np.quantile(grey, [0.03, 0.97])
    t = np.clip((grey - lo) / (hi - lo + 1e-6), 0, 1)
    mapped = gradient_map(t, hex_palette("#141a3c", "#2a3f7a", "#3d7a5a", "#c9b13b", "#e8772e", "#f6e0a0"))
    colour = mapped * 0.8 + saturate(base, 1.6) * 0.2
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    wave = y / (30 * u) + 1.6 * np.sin(x / (55 * u) + smooth_noise(scene.shape, 100 * u, scene.rng) * 4)
    bands = gradient_map((np.sin(wave) + 1) / 2, hex_palette("#c2291f", "#e8772e", "#f2b33c", "#e8772e",
                                                               "#3a4f8c"))
    sitter = scene.sitter[..., None]
    colour = colour * sitter + bands * (1 - sitter)
    wave_angle = np.arctan(1.6 * np.cos(x / (55 * u)) * (30 * u) / (55 * u)).astype(np.float32)
    style = BrushStyle(radii=(9.0, 6.0, 3.5), face_radii=(2.0, 1.0), max_length=16, curvature=0.6, threshold=0.08,
                       jitter_value=0.05, jitter_colour=0.03, impasto=0.2, bristles=0.8, ground=(0.2, 0.2, 0.3))
    painted = paint_strokes(scene, colour, style, fallback_angle=wave_angle, field_source=luminance(source))
    lines = outlines(scene, base, None, width=2.5, face_width=1.2, sigma=2.0)
    return painted * (1 - 0.85 * lines[..., None]) + np.array([0.08, 0.08, 0.2], np.float32) * 0.85 * lines[..., None]


PAINTERS = {
    "renaissance": lambda scene, src: paint_tone(scene, src, RENAISSANCE),
    "rembrandt": lambda scene, src: paint_tone(scene, src, REMBRANDT),
    "vermeer": lambda scene, src: paint_tone(scene, src, VERMEER),
    "impressionism": _impressionism,
    "pointillism": paint_dots,
    "van-gogh": _van_gogh,
    "fauvism": _fauvism,
    "cubism": paint_facets,
    "expressionism": _expressionism,
    "art-nouveau": paint_art_nouveau,
    "ukiyo-e": paint_ukiyoe,
    "pop-art": paint_pop,
}
