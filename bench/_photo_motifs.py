"""Pictures that carry a repeated motif (stars on a flag, polka dots, buttons in a row, a stamped letter), with real
damage on top: the damage search must leave the motif and still find the dust.

A case is drawn from its seed alone: a ground (a crop of a packaged TUNING photo, or a flat, lightly textured panel
cut from one: a flag, a dress, a wallpaper), a motif (MOTIF_SHAPES, 5-30 px, 5-60 of them, in a grid, a row or
scattered; one colour, light on dark or dark on light, sometimes turned each its own way when scattered), sometimes
aged (fade, tint, stains, grain, blur, JPEG), and always the damage generator's dust and scratches
(bench/_photo_damage.age()). The split is by seed and was fixed before the search was changed: MOTIF_TUNING seeds
are the only ones tuned on, MOTIF_HELD_OUT seeds are looked at to see whether the change generalises.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from bench._photo_damage import TUNING, age, packaged_photo

MOTIF_SHAPES = ("star", "disc", "ring", "heart", "diamond", "cross", "letters")
MOTIF_LAYOUTS = ("grid", "row", "scattered")
MOTIF_TUNING = tuple(range(1001, 1025))  # fixed before any change to the search; tuned on
MOTIF_HELD_OUT = tuple(range(2001, 2025))  # fixed likewise; never tuned on
AGEING = ("blur", "fade", "tint", "stains", "grain", "jpeg")
LETTERS = "ABCEHKMNOPRSTVXZ"


@dataclass
class MotifCase:
    """A motif picture and what it holds."""

    clean: np.ndarray  # (H, W, 3) float32 [0, 1]: the picture with its motif, no damage, no ageing
    image: np.ndarray  # (H, W, 3) float32 [0, 1]: the same aged (sometimes) and damaged
    motif: np.ndarray  # (H, W) bool: the motif's pixels (alpha > 0.3), damage pixels left out
    dust: np.ndarray  # (H, W) bool: the dust specks' pixels
    marks: np.ndarray  # (H, W) bool: every damage pixel (dust, scratches)
    params: dict


def _star(size: int, up: int) -> np.ndarray:
    r = size * up / 2
    angles = -np.pi / 2 + np.arange(10) * np.pi / 5
    radius = np.where(np.arange(10) % 2 == 0, r * 0.98, r * 0.4)
    return np.stack([r + radius * np.cos(angles), r + radius * np.sin(angles)], -1)


def _heart(size: int, up: int) -> np.ndarray:
    t = np.linspace(0, 2 * np.pi, 60)
    x, y = 16 * np.sin(t) ** 3, -(13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t))
    r = size * up / 2
    return np.stack([r + x / 17 * r, r + (y + 2) / 17 * r], -1)


def motif_alpha(shape: str, size: int, text: str = "A", angle: float = 0.0) -> np.ndarray:
    """One motif element: a (size, size) float32 alpha in [0, 1], drawn 8 times bigger and shrunk (anti-aliased).
    shape: one of MOTIF_SHAPES; text: the letters of a "letters" element; angle: degrees it is turned by."""
    up = 8
    n = size * up
    big = np.zeros((n, n), np.float32)
    c = n // 2
    if shape == "star":
        cv2.fillPoly(big, [np.round(_star(size, up)).astype(np.int32)], 1.0)
    elif shape == "heart":
        cv2.fillPoly(big, [np.round(_heart(size, up)).astype(np.int32)], 1.0)
    elif shape == "disc":
        cv2.circle(big, (c, c), int(n * 0.48), 1.0, -1)
    elif shape == "ring":
        cv2.circle(big, (c, c), int(n * 0.4), 1.0, max(up, int(n * 0.16)))
    elif shape == "diamond":
        cv2.fillPoly(big, [np.array([[c, 0], [n - 1, c], [c, n - 1], [0, c]], np.int32)], 1.0)
    elif shape == "cross":
        arm = max(up, int(n * 0.15))
        big[:, c - arm:c + arm] = 1.0
        big[c - arm:c + arm, :] = 1.0
    elif shape == "letters":
        font = cv2.FONT_HERSHEY_DUPLEX
        (tw, th), _ = cv2.getTextSize(text, font, 1.0, 2)
        scale = 0.9 * n / max(tw, th)
        thick = max(up, int(scale * 2.2))
        (tw, th), _ = cv2.getTextSize(text, font, scale, thick)
        ink = np.zeros((n, n), np.uint8)  # (putText draws on 8-bit images only)
        cv2.putText(ink, text, ((n - tw) // 2, (n + th) // 2), font, scale, 255, thick, cv2.LINE_AA)
        big = ink.astype(np.float32) / 255.0
    else:
        raise ValueError(f"unknown motif shape {shape!r}")
    if angle:
        turn = cv2.getRotationMatrix2D((c, c), angle, 1.0)
        big = cv2.warpAffine(big, turn, (n, n), flags=cv2.INTER_LINEAR)
    return cv2.resize(big, (size, size), interpolation=cv2.INTER_AREA)


def _positions(rng, layout: str, count: int, size: int, box: tuple[int, int, int, int]) -> list[tuple[int, int]]:
    """Top-left corners of up to `count` elements of `size` px inside box (x0, y0, x1, y1), not overlapping."""
    x0, y0, x1, y1 = box
    room_w, room_h = x1 - x0 - size, y1 - y0 - size
    if layout == "row":
        gap = rng.uniform(1.4, 3.0) * size
        n = int(min(count, room_w // gap + 1))
        y = y0 + int(rng.uniform(0, room_h))
        start = x0 + int(rng.uniform(0, max(room_w - gap * (n - 1), 0) + 1))
        return [(int(start + i * gap), y) for i in range(n)]
    if layout == "grid":
        gap = rng.uniform(1.5, 3.0) * size
        cols = max(1, int(room_w // gap + 1))
        rows = max(1, int(room_h // gap + 1))
        stagger = rng.random() < 0.4  # every other row shifted by half a step (the stars of a flag)
        cells = [(int(x0 + c * gap + (gap / 2 if stagger and r % 2 else 0)), int(y0 + r * gap))
                 for r in range(rows) for c in range(cols)]
        cells = [(x, y) for x, y in cells if x <= x1 - size and y <= y1 - size]
        return cells[:count]
    out = []
    for _ in range(count * 30):
        if len(out) >= count:
            break
        x, y = int(x0 + rng.uniform(0, room_w)), int(y0 + rng.uniform(0, room_h))
        if all(max(abs(x - a), abs(y - b)) >= 1.3 * size for a, b in out):
            out.append((x, y))
    return out


def motif_picture(seed: int, side: int = 512) -> tuple[np.ndarray, np.ndarray, dict]:
    """(picture (side, side, 3) float32 [0, 1], motif (side, side) bool, parameters) drawn from `seed`."""
    rng = np.random.default_rng(seed)
    name = str(rng.choice(TUNING))
    photo = packaged_photo(name)
    h, w = photo.shape[:2]
    k = side / min(h, w)
    photo = cv2.resize(photo, (max(side, round(w * k)), max(side, round(h * k))), interpolation=cv2.INTER_AREA)
    y, x = int(rng.integers(0, photo.shape[0] - side + 1)), int(rng.integers(0, photo.shape[1] - side + 1))
    picture = photo[y:y + side, x:x + side].copy()
    light = bool(rng.random() < 0.5)  # light motif on a dark ground, else dark on light
    panel = bool(rng.random() < 0.7)  # a flat panel (flag, fabric) carries it, else the photo itself
    if panel:
        pw, ph = int(rng.uniform(0.45, 1.0) * side), int(rng.uniform(0.35, 1.0) * side)
        px, py = int(rng.integers(0, side - pw + 1)), int(rng.integers(0, side - ph + 1))
        hue = rng.uniform(0, 1, 3).astype(np.float32)
        ground = (hue * 0.3 + (0.08 if light else 0.62)).astype(np.float32)
        texture = cv2.cvtColor(picture, cv2.COLOR_RGB2GRAY)
        texture = (texture - cv2.GaussianBlur(texture, (0, 0), 4)) * rng.uniform(0.0, 0.5)
        box = (px, py, px + pw, py + ph)
        picture[py:py + ph, px:px + pw] = np.clip(ground + texture[py:py + ph, px:px + pw, None], 0, 1)
    else:
        box = (0, 0, side, side)
    shape = str(rng.choice(MOTIF_SHAPES))
    size = int(rng.integers(5, 31))
    layout = str(rng.choice(MOTIF_LAYOUTS))
    count = int(rng.integers(5, 61))
    text = "".join(rng.choice(list(LETTERS), int(rng.integers(1, 3))))
    turned = layout == "scattered" and shape not in ("disc", "ring") and rng.random() < 0.3
    margin = 4
    inner = (box[0] + margin, box[1] + margin, box[2] - margin, box[3] - margin)
    spots = _positions(rng, layout, count, size, inner)
    colour = (rng.uniform(0.82, 1.0, 3) if light else rng.uniform(0.0, 0.2, 3)).astype(np.float32)
    if rng.random() < 0.5:  # a coloured motif (gold, red) rather than a white or black one
        colour = np.clip(colour + (rng.uniform(-0.35, 0.0, 3) if light else rng.uniform(0.0, 0.35, 3)), 0, 1)
    alpha = np.zeros((side, side), np.float32)
    element = motif_alpha(shape, size, text)
    for x0, y0 in spots:
        one = motif_alpha(shape, size, text, float(rng.uniform(0, 360))) if turned else element
        np.maximum(alpha[y0:y0 + size, x0:x0 + size], one, out=alpha[y0:y0 + size, x0:x0 + size])
    picture = picture * (1 - alpha[..., None]) + alpha[..., None] * colour
    params = {"ground": name, "panel": panel, "light": light, "shape": shape, "size": size, "layout": layout,
              "count": len(spots), "text": text if shape == "letters" else "", "turned": turned}
    return np.clip(picture, 0, 1).astype(np.float32), alpha > 0.3, params


def motif_case(seed: int, side: int = 512) -> MotifCase:
    """A motif picture (motif_picture()) with dust and scratches on top, aged on about 60 % of the seeds."""
    clean, motif, params = motif_picture(seed, side)
    rng = np.random.default_rng(seed + 500)
    aged = bool(rng.random() < 0.6)
    kinds = ("scratches", "dust") + (AGEING if aged else ())
    fixed = {"dust+1": int(rng.integers(15, 126)), "dust-1": int(rng.integers(15, 126)),
             "scratches": int(rng.integers(0, 4))}
    damaged = age(clean, seed * 7 + 3, kinds=kinds, **fixed)
    params.update(aged=aged, dust=int(fixed["dust+1"] + fixed["dust-1"]), scratches=fixed["scratches"])
    return MotifCase(clean=clean, image=damaged.image, motif=motif & ~damaged.marks, dust=damaged.dust,
                     marks=damaged.marks, params=params)
