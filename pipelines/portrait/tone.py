"""Old-master tone mapping: sfumato (Leonardo), chiaroscuro (Rembrandt), window light (Vermeer),
with glazes, fine brushwork, yellowed varnish and craquelure.

Steps: (1) an edge-preserving smoothing, blurrier away from the face (sfumato: "without lines or
borders, in the manner of smoke"); (2) the colours pulled toward the painter's earth palette by a
gradient map on the luma, keeping some local colour; (3) the light: a spot on the face whose
fall-off sinks the background and the body into shadow, or a raking window light; (4) the
background replaced by the painter's kind of ground (a hazy landscape, a dark umber void, a lit
wall); (5) fine brush texture along the forms, varnish tint, canvas weave and cracks.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .canvas import (Scene, age_surface, bristle_streaks, direction_field, gradient_map, hex_palette, kuwahara,
                     luminance, smooth_noise)
from .flat import smooth


@dataclass(frozen=True)
class ToneStyle:
    palette: np.ndarray  # gradient map stops from shadow to light
    palette_mix: float  # how far the colours go to the gradient map (0..1)
    light: str  # "spot" (chiaroscuro), "soft" (sfumato), "window" (from the left)
    contrast: float  # S-curve strength
    shadow_floor: float  # how dark the unlit parts go (multiplier)
    background: str  # "landscape", "umber", "dark"
    sfumato: float  # blur of the background and the transitions (sigma at 768 px)
    varnish: tuple[float, float, float]
    cracks: float
    highlights: float = 0.0  # Vermeer's pearly dots of light
    clothes: np.ndarray | None = None  # gradient map for the clothes (Vermeer's ultramarine and yellow)


RENAISSANCE = ToneStyle(hex_palette("#1c1712", "#4a3a26", "#8a6a44", "#c7a27a", "#ecd6b3"), 0.45, "soft", 0.25,
                        0.55, "landscape", 2.6, (1.0, 0.95, 0.78), 0.9)
REMBRANDT = ToneStyle(hex_palette("#0d0905", "#3a2410", "#7d4f22", "#c48a45", "#f0cf8c"), 0.55, "spot", 0.6,
                      0.18, "umber", 1.6, (1.0, 0.93, 0.74), 0.7)
VERMEER = ToneStyle(hex_palette("#101418", "#2e3a44", "#6b6a58", "#c9b48a", "#f5ecd6"), 0.3, "window", 0.45,
                    0.3, "dark", 1.2, (1.0, 0.98, 0.9), 0.35, highlights=1.0,
                    clothes=hex_palette("#0e1a3a", "#1f3f8f", "#4d74c4", "#d9b24a", "#f3e2a0"))


def paint_tone(scene: Scene, source: np.ndarray, style: ToneStyle) -> np.ndarray:
    h, w = scene.shape
    u = scene.unit
    s = scene.strength
    face = scene.face[..., None]
    sitter = scene.sitter[..., None]
    # 1. sfumato: smooth everywhere, blur away from the face
    base = smooth(source, passes=2, sigma_colour=0.08, diameter=7)
    soft = cv2.GaussianBlur(base, (0, 0), style.sfumato * u * (0.6 + 0.8 * s))
    keep = np.clip(face * 1.2, 0, 1) * (1 - 0.35 * s)
    base = base * keep + soft * (1 - keep)
    # oil paint: texture flattened into patches, small on the face, broad elsewhere
    painted_bg = kuwahara(base, int(round((3 + 4 * s) * u)))
    painted_face = kuwahara(base, max(1, int(round((1 + 1.5 * s) * u))))
    base = painted_face * keep + painted_bg * (1 - keep)
    # 2. the palette: a gradient map on the luma, mixed with the local colour
    grey = luminance(base)
    mapped = gradient_map(grey, style.palette)
    mix = style.palette_mix * (0.7 + 0.6 * s)
    out = base * (1 - mix) + mapped * mix
    if style.clothes is not None:  # the painter's precious pigments on the clothes
        clothes = (scene.sitter * (1 - np.clip(scene.face * 1.5, 0, 1)))[..., None] * 0.6
        out = out * (1 - clothes) + gradient_map(grey, style.clothes) * clothes
    # 3. the light
    light = _light(scene, style)
    out = out * (style.shadow_floor + (1 - style.shadow_floor) * light)[..., None]
    out = _s_curve(out, style.contrast * (0.6 + 0.8 * s))
    # 4. the ground behind the sitter
    ground = _ground(scene, style, light)
    out = out * sitter + ground * (1 - sitter)
    # 5. the surface: brush texture, highlights, varnish, canvas, cracks
    dx, dy = direction_field(cv2.GaussianBlur(luminance(source), (0, 0), 3 * u), sigma=6 * u,
                             fallback=smooth_noise(scene.shape, 60 * u, scene.rng) * np.pi)
    streaks = bristle_streaks(dx, dy, 5 * u, scene.rng)
    out = out * (1 + (0.05 + 0.05 * s) * (1 - 0.6 * face) * streaks[..., None])
    if style.highlights:
        out = _pearls(out, scene)
    out = age_surface(out, scene, style.varnish, style.cracks * (0.5 + s), weave=0.06)
    return np.clip(out, 0, 1)


def _light(scene: Scene, style: ToneStyle) -> np.ndarray:
    h, w = scene.shape
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    face = scene.face_box
    cx, cy = face.centre if face is not None else (w / 2, h * 0.36)
    fw = face.w if face is not None else w * 0.4
    if style.light == "spot":  # light from the upper left, falling on the face
        lx, ly = cx - fw * 0.25, cy - fw * 0.3
        d = np.sqrt(((x - lx) / (fw * 1.25)) ** 2 + ((y - ly) / (fw * 1.6)) ** 2)
        return np.clip(np.exp(-d ** 2 * 0.9), 0, 1)
    if style.light == "window":  # a window on the left: light falls off to the right and down
        across = np.clip(1.15 - (x / w) * 0.75, 0, 1)
        d = np.sqrt(((x - cx) / (fw * 2.0)) ** 2 + ((y - cy) / (fw * 2.6)) ** 2)
        return np.clip(across * 0.6 + 0.4 * np.exp(-d ** 2), 0, 1)
    d = np.sqrt(((x - cx) / (w * 0.75)) ** 2 + ((y - cy) / (h * 0.75)) ** 2)
    return np.clip(1.05 - d ** 2, 0, 1)


def _s_curve(rgb: np.ndarray, amount: float) -> np.ndarray:
    t = np.clip(rgb, 0, 1)
    curve = t * t * (3 - 2 * t)
    return t * (1 - amount) + curve * amount


def _ground(scene: Scene, style: ToneStyle, light: np.ndarray) -> np.ndarray:
    h, w = scene.shape
    u = scene.unit
    rng = scene.rng
    y = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    noise = smooth_noise(scene.shape, 50 * u, rng)[..., None]
    if style.background == "landscape":  # aerial perspective: blue-green haze above, brown earth below
        horizon = 0.42 + 0.16 * (smooth_noise((1, w), 90 * u, rng)[0] - 0.5)
        sky = np.array([0.62, 0.72, 0.72], np.float32) * (1.0 - 0.3 * y)
        hills = np.array([0.3, 0.4, 0.36], np.float32) * (0.8 + 0.4 * noise)
        earth = np.array([0.35, 0.26, 0.17], np.float32)
        t = np.clip((y[..., 0] - horizon[None, :]) * 6, 0, 1)[..., None]
        far = sky * (1 - t) + hills * t
        far = far * (1 - np.clip((y - 0.75) * 3, 0, 1)) + earth * np.clip((y - 0.75) * 3, 0, 1)
        return cv2.GaussianBlur(far * (0.92 + 0.1 * noise), (0, 0), 6 * u)
    if style.background == "umber":  # a warm dark void, a little light behind the head
        return np.array([0.2, 0.13, 0.07], np.float32) * (0.35 + 0.9 * light[..., None]) * (0.85 + 0.3 * noise)
    # a deep green-black ground, a little lighter on the side of the window
    x = np.linspace(0, 1, w, dtype=np.float32)[None, :, None]
    return np.array([0.09, 0.1, 0.08], np.float32) * (1.5 - 0.8 * x) * (0.85 + 0.3 * noise)


def _pearls(rgb: np.ndarray, scene: Scene) -> np.ndarray:
    """Small soft dots of light on the brightest parts (Vermeer's 'pointillés')."""
    grey = luminance(rgb)
    h, w = scene.shape
    bright = grey > np.quantile(grey[scene.sitter > 0.5], 0.96) if (scene.sitter > 0.5).any() else grey > 0.9
    pick = bright & (scene.rng.random((h, w)) < 0.02)
    dots = cv2.GaussianBlur(pick.astype(np.float32), (0, 0), 1.2 * scene.unit) * 6
    return rgb + np.clip(dots, 0, 0.5)[..., None] * (np.array([1.0, 0.98, 0.9], np.float32) - rgb)
