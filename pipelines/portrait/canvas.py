"""What every painter style shares: the face and sitter masks, the direction field of the strokes,
palettes, and the surface of the painting (canvas weave, bristle streaks, craquelure).

Images are float32 RGB arrays (H, W, 3) in [0, 1]; masks are float32 (H, W) in [0, 1].
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from .framing import Box


@dataclass
class Scene:
    """The framed photo and what the painter knows about it."""

    rgb: np.ndarray  # (H, W, 3) float32 in [0, 1]
    face: np.ndarray  # (H, W) float32: 1 on the face, feathered to 0 around it
    sitter: np.ndarray  # (H, W) float32: 1 on the person, 0 on the background
    face_box: Box | None
    strength: float  # 0 = "more like me" ... 1 = "more painting"
    rng: np.random.Generator
    notes: dict = field(default_factory=dict)  # what the painter did (stroke counts...), for the bench

    @property
    def shape(self) -> tuple[int, int]:
        return self.rgb.shape[:2]

    @property
    def unit(self) -> float:
        """Pixels per 'brush unit': 1.0 for a 768-pixel-high portrait, proportional otherwise."""
        return self.rgb.shape[0] / 768.0


def to_float(rgb: np.ndarray) -> np.ndarray:
    if rgb.dtype == np.uint8:
        return rgb.astype(np.float32) / 255.0
    return np.clip(rgb.astype(np.float32), 0.0, 1.0)


def to_uint8(rgb: np.ndarray) -> np.ndarray:
    return np.clip(rgb * 255.0 + 0.5, 0, 255).astype(np.uint8)


def luminance(rgb: np.ndarray) -> np.ndarray:
    """Rec. 709 luma of an RGB float image (H, W)."""
    return rgb[..., 0] * 0.2126 + rgb[..., 1] * 0.7152 + rgb[..., 2] * 0.0722


def face_mask(shape: tuple[int, int], face: Box | None) -> np.ndarray:
    """A soft ellipse over the face and hair (1 inside, 0 outside, feathered over ~15 % of the face).

    Without a face, a central ellipse where a sitter's face usually is in a framed portrait.
    """
    h, w = shape
    if face is None:
        face = Box(w * 0.3, h * 0.18, w * 0.4, h * 0.36)
    cx, cy = face.centre
    mask = np.zeros(shape, np.float32)
    axes = (max(2, int(face.w * 0.62)), max(2, int(face.h * 0.78)))
    cv2.ellipse(mask, (int(cx), int(cy - face.h * 0.05)), axes, 0, 0, 360, 1.0, -1)
    sigma = max(1.0, face.w * 0.12)
    return cv2.GaussianBlur(mask, (0, 0), sigma)


def sitter_mask(rgb: np.ndarray, face: Box | None) -> np.ndarray:
    """The person (head and shoulders) against the background, by GrabCut seeded from the face.

    GrabCut (Rother, Kolmogorov & Blake, SIGGRAPH 2004; OpenCV's cv2.grabCut) runs on a copy about
    200 pixels wide; the face ellipse and a torso column under it are "surely the sitter", the top
    corners "surely background". When the cut is implausible (under 12 % or over 92 % of the
    picture), a drawn silhouette of head and shoulders is used instead.
    """
    h, w = rgb.shape[:2]
    scale = 200.0 / w
    small = cv2.resize((rgb * 255).astype(np.uint8), (200, max(8, round(h * scale))), interpolation=cv2.INTER_AREA)
    sh, sw = small.shape[:2]
    if face is None:
        face = Box(w * 0.3, h * 0.18, w * 0.4, h * 0.36)
    f = face.scaled(scale)
    cx, cy = f.centre
    mask = np.full((sh, sw), cv2.GC_PR_BGD, np.uint8)
    cv2.ellipse(mask, (int(cx), int(cy)), (int(f.w * 0.75), int(f.h * 0.95)), 0, 0, 360, cv2.GC_PR_FGD, -1)
    cv2.rectangle(mask, (int(cx - f.w * 1.4), int(cy + f.h * 0.6)), (int(cx + f.w * 1.4), sh), cv2.GC_PR_FGD, -1)
    cv2.ellipse(mask, (int(cx), int(cy)), (int(f.w * 0.35), int(f.h * 0.45)), 0, 0, 360, cv2.GC_FGD, -1)
    cv2.rectangle(mask, (int(cx - f.w * 0.3), int(cy + f.h * 0.5)), (int(cx + f.w * 0.3), sh), cv2.GC_FGD, -1)
    corner_w, corner_h = max(1, int(sw * 0.12)), max(1, int(sh * 0.25))
    mask[:corner_h, :corner_w] = cv2.GC_BGD
    mask[:corner_h, sw - corner_w:] = cv2.GC_BGD
    silhouette = _silhouette((sh, sw), f)
    try:
        bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
        cv2.grabCut(small, mask, None, bgd, fgd, 4, cv2.GC_INIT_WITH_MASK)
        cut = np.isin(mask, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.float32)
    except cv2.error:
        cut = silhouette
    share = float(cut.mean())
    if not 0.12 <= share <= 0.92:
        cut = silhouette
    cut = cv2.morphologyEx(cut, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    full = cv2.resize(cut, (w, h), interpolation=cv2.INTER_LINEAR)
    return np.clip(cv2.GaussianBlur(full, (0, 0), max(1.0, w / 300)), 0, 1)


def _silhouette(shape: tuple[int, int], face: Box) -> np.ndarray:
    h, w = shape
    out = np.zeros(shape, np.float32)
    cx, cy = face.centre
    cv2.ellipse(out, (int(cx), int(cy)), (int(face.w * 0.62), int(face.h * 0.8)), 0, 0, 360, 1.0, -1)
    top = cy + face.h * 0.75
    pts = np.array([[cx - face.w * 0.3, top - face.h * 0.2], [cx + face.w * 0.3, top - face.h * 0.2],
                    [cx + face.w * 1.6, h], [cx - face.w * 1.6, h]], np.int32)
    cv2.fillPoly(out, [pts], 1.0)
    cv2.ellipse(out, (int(cx), int(top + face.h * 0.3)), (int(face.w * 1.3), int(face.h * 0.55)), 0, 180, 360,
                1.0, -1)
    return out


# -- direction field ------------------------------------------------------------------------
def direction_field(grey: np.ndarray, sigma: float,
                    fallback: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors (dx, dy) along the image's edges, from the smoothed structure tensor.

    Strokes are drawn along edges, i.e. perpendicular to the gradient (Hertzmann, "Painterly
    rendering with curved brush strokes of multiple sizes", SIGGRAPH 1998). Where the image is
    flat (low coherence) the angle `fallback` (radians, (H, W)) takes over.
    """
    gx = cv2.Sobel(grey, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(grey, cv2.CV_32F, 0, 1, ksize=3)
    jxx = cv2.GaussianBlur(gx * gx, (0, 0), sigma)
    jxy = cv2.GaussianBlur(gx * gy, (0, 0), sigma)
    jyy = cv2.GaussianBlur(gy * gy, (0, 0), sigma)
    gradient_angle = 0.5 * np.arctan2(2 * jxy, jxx - jyy)
    angle = gradient_angle + np.pi / 2
    if fallback is not None:
        root = np.sqrt((jxx - jyy) ** 2 + 4 * jxy ** 2)
        coherence = root / (jxx + jyy + 1e-6)
        energy = (jxx + jyy) / (float(np.percentile(jxx + jyy, 90)) + 1e-6)
        weight = np.clip(coherence * np.clip(energy * 2, 0, 1), 0, 1)
        # blend angles as doubled-angle vectors (orientations have no sign)
        c = weight * np.cos(2 * angle) + (1 - weight) * np.cos(2 * fallback)
        s = weight * np.sin(2 * angle) + (1 - weight) * np.sin(2 * fallback)
        angle = 0.5 * np.arctan2(s, c)
    return np.cos(angle).astype(np.float32), np.sin(angle).astype(np.float32)


def smooth_noise(shape: tuple[int, int], scale: float, rng: np.random.Generator, octaves: int = 2) -> np.ndarray:
    """Smooth value noise in [0, 1] with features about `scale` pixels wide."""
    h, w = shape
    out = np.zeros(shape, np.float32)
    amp, total = 1.0, 0.0
    for octave in range(octaves):
        step = max(2.0, scale / (2 ** octave))
        gh, gw = int(h / step) + 3, int(w / step) + 3
        grid = rng.random((gh, gw)).astype(np.float32)
        big = cv2.resize(grid, (int(gw * step), int(gh * step)), interpolation=cv2.INTER_CUBIC)
        out += amp * big[:h, :w]
        total += amp
        amp *= 0.5
    out /= total
    lo, hi = float(out.min()), float(out.max())
    return (out - lo) / (hi - lo + 1e-6)


def swirl_angles(shape: tuple[int, int], scale: float, rng: np.random.Generator) -> np.ndarray:
    """A swirling orientation field (radians) for flat areas: angles from smooth noise."""
    return (smooth_noise(shape, scale, rng) * 2 * np.pi * 1.5).astype(np.float32)


# -- palettes -------------------------------------------------------------------------------
def hex_palette(*colours: str) -> np.ndarray:
    """('#1f3a93', ...) -> (K, 3) float32 RGB in [0, 1]."""
    return np.array([[int(c[i:i + 2], 16) / 255.0 for i in (1, 3, 5)] for c in colours], np.float32)


def gradient_map(values: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """Values in [0, 1] (H, W) through colour stops (K, 3) evenly spaced: (H, W, 3)."""
    k = len(stops) - 1
    pos = np.clip(values, 0, 1) * k
    i = np.minimum(pos.astype(np.int32), k - 1)
    frac = (pos - i)[..., None]
    return stops[i] * (1 - frac) + stops[i + 1] * frac


def rgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb.astype(np.float32), cv2.COLOR_RGB2Lab)


def lab_to_rgb(lab: np.ndarray) -> np.ndarray:
    return np.clip(cv2.cvtColor(lab.astype(np.float32), cv2.COLOR_Lab2RGB), 0, 1)


def saturate(rgb: np.ndarray, amount: float) -> np.ndarray:
    """Scale the chroma in Lab by `amount` (1 keeps it)."""
    lab = rgb_to_lab(rgb)
    lab[..., 1:] *= amount
    return lab_to_rgb(lab)


def nearest_colours(pixels: np.ndarray, palette: np.ndarray) -> np.ndarray:
    """Index of the nearest palette colour (in Lab) for each pixel (N, 3) -> (N,)."""
    lab = rgb_to_lab(pixels.reshape(-1, 1, 3)).reshape(-1, 3)
    plab = rgb_to_lab(palette.reshape(-1, 1, 3)).reshape(-1, 3)
    d = ((lab[:, None, :] - plab[None, :, :]) ** 2).sum(-1)
    return np.argmin(d, axis=1)


def kuwahara(rgb: np.ndarray, radius: int) -> np.ndarray:
    """Kuwahara filter (Kuwahara et al., 1976): each pixel takes the mean of the least varied of
    its four (radius+1)-square quadrants. Flattens texture into paint-like patches, keeps edges."""
    if radius < 1:
        return rgb
    size = radius + 1
    grey = luminance(rgb)
    mean = cv2.boxFilter(rgb, -1, (size, size), normalize=True, borderType=cv2.BORDER_REFLECT)
    mean_g = cv2.boxFilter(grey, -1, (size, size), normalize=True, borderType=cv2.BORDER_REFLECT)
    var = cv2.boxFilter(grey * grey, -1, (size, size), normalize=True, borderType=cv2.BORDER_REFLECT) - mean_g ** 2
    # the box filter is centred: shift by half a box to get the four quadrants of each pixel
    half = radius // 2 + 1
    shifts = ((-half, -half), (-half, half), (half, -half), (half, half))
    means = np.stack([np.roll(mean, s, axis=(0, 1)) for s in shifts])
    variances = np.stack([np.roll(var, s, axis=(0, 1)) for s in shifts])
    best = np.argmin(variances, axis=0)
    return np.take_along_axis(means, best[None, ..., None].repeat(3, -1), axis=0)[0]


# -- surface --------------------------------------------------------------------------------
def canvas_weave(shape: tuple[int, int], unit: float, rng: np.random.Generator) -> np.ndarray:
    """A linen canvas weave height map in [-1, 1] (threads about 3 px apart at 768 px)."""
    h, w = shape
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    period = 3.2 * unit
    jitter = smooth_noise(shape, 40 * unit, rng) * 2.0
    warp = np.sin((x + jitter) * 2 * np.pi / period) * np.sin((y - jitter) * 2 * np.pi / period)
    return (0.7 * warp + 0.3 * (rng.random(shape, dtype=np.float32) * 2 - 1)).astype(np.float32)


def bristle_streaks(dx: np.ndarray, dy: np.ndarray, length: float, rng: np.random.Generator) -> np.ndarray:
    """Noise smeared along the stroke directions (a line integral convolution): brush bristles, in [-1, 1]."""
    h, w = dx.shape
    noise = rng.random((h, w), dtype=np.float32)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    total = noise.copy()
    steps = max(2, int(length))
    for sign in (1.0, -1.0):
        px, py = x.copy(), y.copy()
        for _ in range(steps):
            ix = np.clip(px, 0, w - 1).astype(np.int32)
            iy = np.clip(py, 0, h - 1).astype(np.int32)
            px += sign * dx[iy, ix]
            py += sign * dy[iy, ix]
            total += cv2.remap(noise, px, py, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    total /= 2 * steps + 1
    total = (total - total.mean()) / (total.std() + 1e-6)
    return np.clip(total / 2.5, -1, 1)


def emboss(height: np.ndarray, strength: float) -> np.ndarray:
    """Light from the upper left on a height map: a multiplier around 1 for the colours."""
    gx = cv2.Sobel(height, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(height, cv2.CV_32F, 0, 1, ksize=3)
    return (1.0 - strength * (gx + gy) * 0.5).astype(np.float32)


def craquelure(shape: tuple[int, int], unit: float, rng: np.random.Generator, cell: float = 26.0) -> np.ndarray:
    """The crack network of old varnish (0 = no crack, 1 = crack), about `cell` px between cracks.

    Cracks are the borders of a jittered Voronoi tiling drawn in noise-warped coordinates, so
    they wander like the real ones, with finer secondary cracks inside the large islands.
    """
    from scipy.spatial import cKDTree

    h, w = shape
    out = np.zeros(shape, np.float32)
    for size, weight in ((cell * unit, 1.0), (cell * unit * 0.45, 0.45)):
        n = int(h * w / (size * size)) + 4
        seeds = rng.random((n, 2)) * (w, h)
        y, x = np.mgrid[0:h, 0:w].astype(np.float32)
        warp = size * 0.35
        x = x + (smooth_noise(shape, size * 1.5, rng) - 0.5) * warp * 2
        y = y + (smooth_noise(shape, size * 1.5, rng) - 0.5) * warp * 2
        _, labels = cKDTree(seeds).query(np.stack([x.ravel(), y.ravel()], 1), k=1, workers=2)
        labels = labels.reshape(shape).astype(np.int32)
        edge = np.zeros(shape, bool)
        edge[:, 1:] |= labels[:, 1:] != labels[:, :-1]
        edge[1:, :] |= labels[1:, :] != labels[:-1, :]
        out = np.maximum(out, edge.astype(np.float32) * weight)
    return cv2.GaussianBlur(out, (0, 0), 0.5 * max(1.0, unit))


def age_surface(rgb: np.ndarray, scene: Scene, varnish: tuple[float, float, float], cracks: float,
                weave: float) -> np.ndarray:
    """Yellowed varnish (a multiply tint), craquelure (dark cracks with a light lip) and canvas weave."""
    out = rgb * np.array(varnish, np.float32)
    if weave:
        out = out * (1.0 + weave * canvas_weave(scene.shape, scene.unit, scene.rng)[..., None] * 0.5)
    if cracks:
        crack = craquelure(scene.shape, scene.unit, scene.rng)
        lip = np.roll(crack, (1, 1), axis=(0, 1))
        # cracks show less on the face, where restorers work first
        amount = cracks * (1 - 0.6 * scene.face)
        out = out * (1 - (0.55 * crack * amount)[..., None]) + (0.12 * lip * amount)[..., None]
    return np.clip(out, 0, 1)
