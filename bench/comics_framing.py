"""Where a face-less drawing's panel frame starts: `python -m bench.comics_framing`

Generated drawings (nothing hard-coded): a creature of 2-5 outlined shapes and a head (a filled disc, the part a
child misses most), drawn off the middle of a landscape or portrait sheet, some in light pencil grey, on white or
cream paper lit unevenly (a gradient of 20-80 lightness levels in a random direction, a little grain). The
generator keeps the true ink as a mask. For each drawing and each panel shape (the first panel of every layout),
the frame the page printed before (centred, zoom 1) and the one it starts on now (pipelines/comics/framing.py
content_frame; the face detector is left out: drawings), measured against the true ink:
- ink kept: the fraction of the drawing's ink inside the printed frame (mean, and the share of cases >= 95 %);
- head kept: the share of cases whose whole head is inside;
- paper added: the mean share of the panel that is paper outside the picture (a widened frame's cost).
Seeds 0-29 are the tuning split (the thresholds of framing.py were set by looking at drawings like these), 30-59
are held out (never looked at while setting them).

Read in bench/out/comics-framing.txt (60 drawings x 7 panel shapes): ink kept 72 % -> 100 % (tuning) and
74 % -> 99.9 % (held-out), the whole head 51 % -> 100 % and 50 % -> 99 % (held-out: a small head left out by a
zoom-1 frame holding KEEP of the ink); a widened frame adds 8.5 % of the panel as paper on average.
"""
from __future__ import annotations

import sys

import numpy as np
from PIL import Image, ImageDraw

from pipelines.comics.framing import content_frame, panel_crop
from pipelines.comics.layouts import LAYOUTS
from pipelines.comics.paper import panel_ratio
from pipelines.export.postcard import crop_frame

TUNING, HELD_OUT = range(0, 30), range(30, 60)


def drawing(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(RGB picture, ink mask, head mask) of one generated drawing."""
    rng = np.random.default_rng(seed)
    w, h = (700, 495) if rng.random() < 0.6 else (495, 700)
    yy, xx = np.mgrid[0:h, 0:w]
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * (xx / w - 0.5) + np.sin(angle) * (yy / h - 0.5)) + 0.5
    light = 240 - rng.uniform(20, 80) * ramp
    tint = (1.0, 0.985, 0.94) if rng.random() < 0.5 else (1.0, 1.0, 1.0)
    paper = np.stack([light * t for t in tint], -1) + rng.normal(0, 3, (h, w, 1))
    picture = Image.fromarray(np.clip(paper, 0, 255).astype(np.uint8))
    ink_mask, head_mask = Image.new("L", (w, h)), Image.new("L", (w, h))
    draw, ink_draw, head_draw = ImageDraw.Draw(picture), ImageDraw.Draw(ink_mask), ImageDraw.Draw(head_mask)
    grey = int(rng.choice([25, 25, 90]))  # felt pen, or a pencil
    colour = (grey, grey, grey)
    size = rng.uniform(0.35, 0.7) * min(w, h)  # the creature's extent
    cx, cy = rng.uniform(size / 2 + 10, w - size / 2 - 10), rng.uniform(size / 2 + 10, h - size / 2 - 10)
    if w > h:  # a wide creature on a wide sheet, a tall one on a tall sheet
        sx, sy = size * rng.uniform(1.2, 1.8), size * 0.6
    else:
        sx, sy = size * 0.6, size * rng.uniform(1.2, 1.8)
    cx = float(np.clip(cx, sx / 2 + 10, w - sx / 2 - 10))
    cy = float(np.clip(cy, sy / 2 + 10, h - sy / 2 - 10))
    for _ in range(int(rng.integers(2, 6))):
        x0, y0 = cx + rng.uniform(-0.5, 0.2) * sx, cy + rng.uniform(-0.5, 0.2) * sy
        box = (x0, y0, x0 + rng.uniform(0.15, 0.3) * sx, y0 + rng.uniform(0.15, 0.3) * sy)
        for target, fill in ((draw, colour), (ink_draw, 255)):
            target.ellipse(box, outline=fill, width=5)
    corner = rng.integers(0, 4)  # the head at one end of the creature
    hx = cx + (-0.42 if corner % 2 == 0 else 0.42) * sx
    hy = cy + (-0.4 if corner < 2 else 0.4) * sy
    r = 0.08 * min(sx, sy) + 8
    head = (hx - r, hy - r, hx + r, hy + r)
    draw.ellipse(head, fill=tuple(int(c) for c in rng.integers(40, 220, 3)), outline=colour, width=5)
    ink_draw.ellipse(head, fill=255)
    head_draw.ellipse(head, fill=255)
    return np.asarray(picture), np.asarray(ink_mask) > 0, np.asarray(head_mask) > 0


def measure(crop, ink: np.ndarray, head: np.ndarray) -> tuple[float, bool, float]:
    h, w = ink.shape
    x0, y0, x1, y1 = crop
    box = (max(0, round(x0 * w)), max(0, round(y0 * h)), min(w, round(x1 * w)), min(h, round(y1 * h)))
    inside = np.zeros_like(ink)
    inside[box[1]:box[3], box[0]:box[2]] = True
    kept = (ink & inside).sum() / ink.sum()
    head_kept = bool((head & ~inside).sum() == 0)
    frame_area = (x1 - x0) * (y1 - y0)
    picture_part = (min(x1, 1) - max(x0, 0)) * (min(y1, 1) - max(y0, 0))
    return float(kept), head_kept, float(1 - picture_part / frame_area)


def run(seeds) -> dict[str, list]:
    rows = {"before": [], "now": []}
    for seed in seeds:
        picture, ink, head = drawing(seed)
        h, w = ink.shape
        for layout in LAYOUTS:
            ratio = panel_ratio(layout, 0)
            rows["before"].append(measure(crop_frame((w, h), ratio, 1.0, 0.5, 0.5), ink, head))
            found = content_frame(picture, ratio)
            x, y, zoom = found[0] if found else (0.5, 0.5, 1.0)
            rows["now"].append(measure(panel_crop((w, h), ratio, zoom, x, y), ink, head))
    return rows


def report(name: str, rows: dict[str, list]) -> None:
    for when, cases in rows.items():
        kept = np.array([c[0] for c in cases])
        print(f"{name:9} {when:6}: ink kept {kept.mean():.1%} (>= 95 % in {(kept >= 0.95).mean():.0%} of "
              f"{len(cases)}), head kept {np.mean([c[1] for c in cases]):.0%}, paper added "
              f"{np.mean([c[2] for c in cases]):.1%}")


def main(argv: list[str]) -> int:
    for name, seeds in (("tuning", TUNING), ("held-out", HELD_OUT)):
        report(name, run(seeds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
