"""Flat colour regions with bold outlines: woodblock prints (ukiyo-e), Art nouveau posters, Pop art.

Regions: an edge-preserving smoothing (bilateral filter) then k-means in Lab (cv2.kmeans) and a
median filter on the labels, so each region is one flat paint colour; the face is quantised with
more colours than the background. Outlines: the extended difference of Gaussians (XDoG,
Winnemöller et al., "XDoG: an eXtended difference-of-Gaussians compendium", 2012) on the luma,
finer on the face, plus the borders between regions.
"""
from __future__ import annotations

import cv2
import numpy as np

from .canvas import Scene, hex_palette, lab_to_rgb, luminance, rgb_to_lab, smooth_noise


def smooth(rgb: np.ndarray, passes: int = 2, sigma_colour: float = 0.12, diameter: int = 9) -> np.ndarray:
    out = rgb.astype(np.float32)
    for _ in range(passes):
        out = cv2.bilateralFilter(out, diameter, sigma_colour, diameter)
    return out


def regions(rgb: np.ndarray, k: int, rng: np.random.Generator, sample: int = 20000) -> tuple[np.ndarray, np.ndarray]:
    """k-means labels (H, W) int32 and the centres' mean colours (k, 3) RGB."""
    h, w = rgb.shape[:2]
    lab = rgb_to_lab(rgb).reshape(-1, 3)
    pick = rng.choice(len(lab), min(sample, len(lab)), replace=False)
    cv2.setRNGSeed(int(rng.integers(0, 2**31)))
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
    _, _, centres = cv2.kmeans(lab[pick].astype(np.float32), k, None, criteria, 2, cv2.KMEANS_PP_CENTERS)
    d = ((lab[:, None, :] - centres[None, :, :]) ** 2).sum(-1)
    labels = np.argmin(d, axis=1).astype(np.uint8).reshape(h, w)
    labels = cv2.medianBlur(labels, 5)
    colours = lab_to_rgb(centres.reshape(-1, 1, 3)).reshape(-1, 3)
    return labels.astype(np.int32), colours


def xdog(grey: np.ndarray, sigma: float, k: float = 1.6, p: float = 20.0, eps: float = -0.005,
         phi: float = 120.0) -> np.ndarray:
    """XDoG line drawing of a luma image: 0 where lines are, 1 elsewhere (soft)."""
    g1 = cv2.GaussianBlur(grey, (0, 0), sigma)
    g2 = cv2.GaussianBlur(grey, (0, 0), sigma * k)
    d = (1 + p) * g1 - p * g2
    return np.where(d >= eps, 1.0, 1.0 + np.tanh(phi * (d - eps))).astype(np.float32)


SPECK_AREA = 24.0  # line pixels (at unit 1, before thickening): a phone photo's noise draws dots this small


def _without_specks(lines: np.ndarray, face: np.ndarray, least: float) -> np.ndarray:
    """`lines` (H, W) in [0, 1] without the isolated dots the XDoG draws on a noisy photo (sensor noise, JPEG
    blocks): a connected piece of line (8-neighbours, strength over 0.25) smaller than `least` pixels is dropped,
    unless it touches the face (`face` (H, W) in [0, 1] over 0.5), where a pupil or a nostril is such a piece."""
    solid = (lines > 0.25).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] < least
    small[0] = False  # the background
    if not small.any():
        return lines
    on_face = np.zeros(count, bool)
    on_face[np.unique(labels[face > 0.5])] = True
    drop = small & ~on_face
    out = lines.copy()
    out[cv2.dilate(drop[labels].astype(np.uint8), np.ones((3, 3), np.uint8)) > 0] = 0.0  # with its soft rim
    return out


def outlines(scene: Scene, rgb: np.ndarray, labels: np.ndarray | None, width: float, face_width: float,
             sigma: float = 1.4) -> np.ndarray:
    """Line strength (H, W) in [0, 1]: XDoG lines (thinner and more on the face) and region borders."""
    grey = luminance(rgb)
    bg = 1.0 - xdog(grey, sigma * scene.unit * (0.8 + 0.6 * scene.strength))
    fine = 1.0 - xdog(grey, 0.9 * scene.unit, p=14.0)
    lines = bg * (1 - scene.face) + fine * scene.face
    lines = _without_specks(lines, scene.face, SPECK_AREA * scene.unit ** 2)
    if labels is not None:
        border = np.zeros(labels.shape, np.float32)
        border[:, 1:] += labels[:, 1:] != labels[:, :-1]
        border[1:, :] += labels[1:, :] != labels[:-1, :]
        lines = np.maximum(lines, np.clip(border, 0, 1) * (1 - scene.face * 0.7))
    size = max(1, int(round(width * scene.unit)))
    thick = cv2.dilate(lines, np.ones((size, size), np.uint8)) if size > 1 else lines
    face_size = max(1, int(round(face_width * scene.unit)))
    thin = cv2.dilate(lines, np.ones((face_size, face_size), np.uint8)) if face_size > 1 else lines
    lines = thick * (1 - scene.face) + thin * scene.face
    return np.clip(cv2.GaussianBlur(lines, (0, 0), 0.6), 0, 1)


def map_to_palette(colours: np.ndarray, palette: np.ndarray, keep_light: float = 0.0) -> np.ndarray:
    """Each region colour (k, 3) to the palette colour nearest in hue and lightness (Lab, chroma weighed less)."""
    lab = rgb_to_lab(colours.reshape(-1, 1, 3)).reshape(-1, 3)
    plab = rgb_to_lab(palette.reshape(-1, 1, 3)).reshape(-1, 3)
    weight = np.array([1.0, 0.6, 0.6], np.float32)
    d = (((lab[:, None, :] - plab[None, :, :]) * weight) ** 2).sum(-1)
    mapped = plab[np.argmin(d, axis=1)].copy()
    mapped[:, 0] = mapped[:, 0] * (1 - keep_light) + lab[:, 0] * keep_light
    return lab_to_rgb(mapped.reshape(-1, 1, 3)).reshape(-1, 3)


# -- ukiyo-e ----------------------------------------------------------------------------------
UKIYOE = hex_palette("#f3e6cf", "#ead2b4", "#e8c39e", "#d9a06b", "#b5452b", "#d2604a", "#e08a8a", "#24375f",
                     "#3c5f86", "#6d8b9e", "#7a8f5a", "#c9a24a", "#2b2622", "#5a4a3e", "#8c6f56")


def paint_ukiyoe(scene: Scene, source: np.ndarray) -> np.ndarray:
    """A woodblock print: flat inks, fine black key lines, pale face, mica background, washi paper."""
    rng = scene.rng
    h, w = scene.shape
    base = smooth(source, passes=3, sigma_colour=0.1)
    labels, colours = regions(base, 9 + int(4 * (1 - scene.strength)), rng)
    mapped = map_to_palette(colours, UKIYOE, keep_light=0.35)
    flat = mapped[labels]
    # the face keeps a little of its modelling, printed with a soft second block
    grey = luminance(base)
    flat = flat * (1 + scene.face[..., None] * 0.5 * (grey - cv2.GaussianBlur(grey, (0, 0), 12))[..., None])
    # mica ground behind the sitter, darker at the top (bokashi gradation)
    y = np.linspace(0, 1, h, dtype=np.float32)[:, None]
    mica = np.array([0.86, 0.8, 0.66], np.float32) * (0.85 + 0.15 * y)[..., None] * np.ones((1, w, 1), np.float32)
    mica *= (1 + 0.05 * (smooth_noise(scene.shape, 6, rng)[..., None] - 0.5))
    out = flat * scene.sitter[..., None] + mica * (1 - scene.sitter[..., None])
    lines = outlines(scene, base, labels, width=1.6, face_width=1.0)
    out = out * (1 - lines[..., None]) + np.array([0.12, 0.1, 0.09], np.float32) * lines[..., None]
    out = _washi(out, scene)
    _seal(out, scene)
    return np.clip(out, 0, 1)


def _washi(rgb: np.ndarray, scene: Scene) -> np.ndarray:
    """Japanese paper: fibres and the grain of the wood block."""
    rng = scene.rng
    h, w = scene.shape
    fibres = np.zeros((h, w), np.float32)
    for _ in range(int(h * w / 900)):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        a = rng.uniform(0, np.pi)
        length = rng.uniform(4, 14) * scene.unit
        cv2.line(fibres, (int(x), int(y)), (int(x + length * np.cos(a)), int(y + length * np.sin(a))), 1.0, 1)
    grain = smooth_noise((h, w), 3, rng)
    grain = cv2.resize(cv2.resize(grain, (w, max(2, h // 12))), (w, h))
    return rgb * (1 - 0.06 * fibres[..., None]) * (0.96 + 0.06 * grain[..., None])


def _seal(rgb: np.ndarray, scene: Scene) -> None:
    """A red seal and a cartouche in the upper corner, as publishers' and censors' marks were."""
    h, w = scene.shape
    u = scene.unit
    x0, y0 = int(w - 70 * u), int(24 * u)
    cv2.rectangle(rgb, (x0, y0), (int(x0 + 40 * u), int(y0 + 150 * u)), (0.96, 0.92, 0.8), -1)
    cv2.rectangle(rgb, (x0, y0), (int(x0 + 40 * u), int(y0 + 150 * u)), (0.15, 0.12, 0.1), max(1, int(2 * u)))
    for i in range(5):  # the title's characters, as brush marks
        y = int(y0 + (18 + 26 * i) * u)
        cv2.line(rgb, (int(x0 + 12 * u), y), (int(x0 + 28 * u), int(y + 8 * u)), (0.2, 0.16, 0.12), max(1, int(3 * u)))
    cv2.rectangle(rgb, (int(x0 - 34 * u), int(y0 + 120 * u)), (int(x0 - 8 * u), int(y0 + 146 * u)),
                  (0.72, 0.16, 0.12), -1)


# -- Art nouveau ------------------------------------------------------------------------------
MUCHA = hex_palette("#f2e6cc", "#e8cfa8", "#e3b98f", "#d49a7a", "#b9735a", "#9c8a5a", "#c9b56b", "#8fa07a",
                    "#6d8466", "#a9b9a8", "#7d93a8", "#4f5d6e", "#5a4034", "#3a2e28", "#d8a7a0")


def paint_art_nouveau(scene: Scene, source: np.ndarray) -> np.ndarray:
    """A Mucha poster: soft flat pastels, flowing brown outlines, a halo circle, an ornamented frame."""
    rng = scene.rng
    h, w = scene.shape
    u = scene.unit
    base = smooth(source, passes=3, sigma_colour=0.12)
    labels, colours = regions(base, 8 + int(4 * (1 - scene.strength)), rng)
    mapped = map_to_palette(colours, MUCHA, keep_light=0.5)
    flat = mapped[labels]
    grey = luminance(base)
    shade = grey - cv2.GaussianBlur(grey, (0, 0), 18)
    flat = flat * (1 + (0.35 + 0.4 * scene.face[..., None]) * shade[..., None])
    background = _mucha_background(scene)
    out = flat * scene.sitter[..., None] + background * (1 - scene.sitter[..., None])
    lines = outlines(scene, base, labels, width=2.4, face_width=1.2, sigma=1.8)
    silhouette = cv2.morphologyEx((scene.sitter > 0.5).astype(np.uint8), cv2.MORPH_GRADIENT,
                                  np.ones((max(2, int(4 * u)),) * 2, np.uint8)).astype(np.float32)
    lines = np.maximum(lines, silhouette)
    ink = np.array([0.3, 0.21, 0.16], np.float32)
    out = out * (1 - lines[..., None]) + ink * lines[..., None]
    _mucha_frame(out, scene)
    return np.clip(out, 0, 1)


def _mucha_background(scene: Scene) -> np.ndarray:
    h, w = scene.shape
    u = scene.unit
    face = scene.face_box
    cx, cy = (face.centre if face is not None else (w / 2, h * 0.36))
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    r = np.sqrt((x - cx) ** 2 + (y - cy) ** 2)
    radius = (face.w * 0.95 if face is not None else w * 0.3)
    out = np.empty((h, w, 3), np.float32)
    out[:] = np.array([0.55, 0.63, 0.58], np.float32)  # sage green ground
    # a mosaic of small tesserae on the ground
    tiles = (np.floor(x / (14 * u)) + np.floor(y / (14 * u)) * 7) % 5
    out *= (0.94 + 0.03 * tiles[..., None])
    halo = r < radius
    out[halo] = np.array([0.93, 0.86, 0.68], np.float32)
    ring = (np.abs(r - radius * 0.92) < 3 * u) | (np.abs(r - radius) < 2.2 * u) | (np.abs(r - radius * 0.7) < 1.5 * u)
    out[ring] = np.array([0.62, 0.47, 0.3], np.float32)
    theta = np.arctan2(y - cy, x - cx)
    studs = (np.abs(r - radius * 0.81) < 5 * u) & (np.cos(theta * 36) > 0.8)
    out[studs] = np.array([0.8, 0.62, 0.36], np.float32)
    return out


def _mucha_frame(rgb: np.ndarray, scene: Scene) -> None:
    """A double border with a rounded arch at the top, as on Mucha's panels."""
    h, w = scene.shape
    u = scene.unit
    ink = (0.3, 0.21, 0.16)
    band = int(14 * u)
    mask = np.zeros((h, w), np.uint8)
    cv2.rectangle(mask, (band, int(w / 2)), (w - band, h - band), 1, -1)
    cv2.ellipse(mask, (w // 2, int(w / 2)), (w // 2 - band, int(w / 2) - band), 0, 180, 360, 1, -1)
    outside = mask == 0
    rgb[outside] = np.array([0.85, 0.75, 0.55], np.float32)
    edge = cv2.morphologyEx(mask, cv2.MORPH_GRADIENT, np.ones((max(2, int(3 * u)),) * 2, np.uint8)) > 0
    rgb[edge] = ink
    cv2.rectangle(rgb, (int(4 * u), int(4 * u)), (w - int(4 * u), h - int(4 * u)), ink, max(1, int(2 * u)))


# -- Pop art ----------------------------------------------------------------------------------
POP_SETS = (
    hex_palette("#111111", "#e6007e", "#ff8fb1", "#ffe600", "#fff6c8"),
    hex_palette("#111111", "#1b3fd1", "#22c3e6", "#ff6a00", "#ffd9a8"),
    hex_palette("#111111", "#7a1fa2", "#ff3d3d", "#9be22d", "#fbff9e"),
)
POP_BACKGROUNDS = hex_palette("#ff7a00", "#00b3ff", "#ffe600", "#ff4fa3", "#38e07b")


def paint_pop(scene: Scene, source: np.ndarray) -> np.ndarray:
    """A silkscreen print: tones posterised to bold colours, Ben-Day dots, thick black lines, a flat ground."""
    rng = scene.rng
    h, w = scene.shape
    u = scene.unit
    base = smooth(source, passes=2, sigma_colour=0.1)
    grey = luminance(base)
    face_values = grey[scene.face > 0.5]
    pool = face_values if face_values.size > 100 else grey.ravel()
    cuts = np.quantile(pool, [0.12, 0.4, 0.75, 0.93])
    levels = np.digitize(cv2.GaussianBlur(grey, (0, 0), 1.2 * u), cuts).astype(np.uint8)
    levels = cv2.medianBlur(levels, 2 * int(round(2 * u)) + 1)  # the levels' ordinal mode: no islands of noise
    palette = POP_SETS[int(rng.integers(len(POP_SETS)))]
    out = palette[levels]
    # Ben-Day dots over the middle tone
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    period = 7 * u
    xr, yr = (x + y) / np.sqrt(2), (x - y) / np.sqrt(2)
    dots = (np.sin(xr * 2 * np.pi / period) * np.sin(yr * 2 * np.pi / period)) > 0.35
    tone = (levels == 2) & dots
    out[tone] = out[tone] * 0.8 + palette[1] * 0.2
    ground = POP_BACKGROUNDS[int(rng.integers(len(POP_BACKGROUNDS)))]
    sitter = scene.sitter[..., None]
    # the colour block is printed slightly off the black screen, as in Warhol's silkscreens
    shift = int(round(4 * u * (0.5 + scene.strength)))
    colour_layer = np.roll(out, (shift, -shift), axis=(0, 1))
    out = colour_layer * sitter + ground * (1 - sitter)
    lines = outlines(scene, base, None, width=3.0, face_width=1.6, sigma=1.6)
    out = out * (1 - lines[..., None]) + 0.07 * lines[..., None]
    return np.clip(out, 0, 1)
