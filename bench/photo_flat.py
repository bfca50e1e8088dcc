"""Flat prints: does the default restore keep a drawing's or a poster's plain areas where they were?

    python -m bench.photo_flat [--out FILE] [--label START|END] [--tuning-only | --held-out-only]

A print made of large plain areas (a drawn portrait, a poster, a studio backdrop, a printed band) with small details
brighter or darker than the area they sit on (the whites of eyes, pupils, buttons, letters): the levels took the 1st
and 99th percentiles as black and white, and when a percentile fell inside a plain area the whole area went to black
or white and the small details beyond it were clipped (a newcomer's drawn sepia face came out 94 % pure white, a
16-bit grey scan of a drawing went from 0 % to 15 % pure white and 18 % pure black).

Each case is drawn from its seed (randomised, fixed before any change to the chain): a ground tone, two to five
plain shapes (ellipses, rectangles, a band along an edge) of their own tones covering 5-40 % of the picture each, and
six to forty small details (2-8 px dots and strokes) brighter or darker than what they sit on; greyscale, or toned
sepia; half of the cases faded (black point lifted 0.05-0.2, white point sunk 0.05-0.2), some with grain and JPEG.
Split by seed before tuning: FLAT_TUNING (seeds 1201-1216) and FLAT_HELD_OUT (1251-1266), never tuned on.

Per case, before (as it came) and after the default restore (bench._photo_damage.default_restore):
- luma PSNR against the original (for a faded case, the print before it faded);
- newly clipped: the share of the picture at or beyond 0.02 / 0.98 luma after the restore that was not within 0.05
  of black or white in the original (a plain area or a detail pushed to black or white);
- details kept: the median over details of |detail - its surround| after / in the original (1 = kept, 0 = gone).
"""
from __future__ import annotations

import io
import sys

import cv2
import numpy as np
from PIL import Image

from bench._photo_damage import default_restore
from bench._report import Report
from pipelines.photo import quality
from pipelines.photo.imaging import luma

FLAT_TUNING = tuple(range(1201, 1217))
FLAT_HELD_OUT = tuple(range(1251, 1267))
SIZE = (360, 480)  # (height, width) of a drawn print
SEPIA = np.array([1.0, 0.84, 0.62], np.float32)  # the tint a toned print's white takes, its greys scaled by it


def flat_case(seed: int) -> tuple[np.ndarray, np.ndarray, dict]:
    """(print as it came, original, draw) for one seed: HxWx3 float32 in [0, 1] each (the original is the print
    before it faded: toned like it, so luma compares like with like)."""
    rng = np.random.default_rng(seed)
    h, w = SIZE
    grey = np.full((h, w), rng.uniform(0.3, 0.85), np.float32)
    shapes = int(rng.integers(2, 6))
    for _ in range(shapes):
        tone = rng.uniform(0.1, 0.95)
        kind = rng.choice(["ellipse", "rect", "band"])
        area = rng.uniform(0.05, 0.4) * h * w
        if kind == "band":
            tall = int(np.clip(area / w, 10, h * 0.4))
            if rng.random() < 0.5:
                grey[h - tall:] = tone
            else:
                grey[:tall] = tone
            continue
        a = np.sqrt(area / (np.pi if kind == "ellipse" else 4)) * rng.uniform(0.7, 1.4)
        b = area / ((np.pi if kind == "ellipse" else 4) * a)
        cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
        canvas = np.zeros((h, w), np.uint8)
        if kind == "ellipse":
            cv2.ellipse(canvas, (int(cx), int(cy)), (int(a), int(b)), float(rng.uniform(0, 180)), 0, 360, 1, -1)
        else:
            cv2.rectangle(canvas, (int(cx - a), int(cy - b)), (int(cx + a), int(cy + b)), 1, -1)
        grey[canvas > 0] = tone
    details = []
    for _ in range(int(rng.integers(6, 41))):
        x, y = int(rng.uniform(10, w - 10)), int(rng.uniform(10, h - 10))
        under = float(grey[y, x])
        step = rng.uniform(0.1, 0.35) * (1 if rng.random() < 0.5 else -1)
        tone = float(np.clip(under + step, 0.0, 1.0))
        if abs(tone - under) < 0.08:
            tone = float(np.clip(under - step, 0.0, 1.0))
        size = int(rng.integers(2, 9))
        canvas = np.zeros((h, w), np.uint8)
        if rng.random() < 0.6:
            cv2.circle(canvas, (x, y), max(1, size // 2), 1, -1)
        else:
            angle = rng.uniform(0, np.pi)
            cv2.line(canvas, (x, y), (int(x + 3 * size * np.cos(angle)), int(y + 3 * size * np.sin(angle))), 1,
                     max(1, size // 3))
        grey[canvas > 0] = tone
        details.append((canvas > 0, under))
    toned = rng.random() < 0.5
    faded = seed % 2 == 1
    black, white = (rng.uniform(0.05, 0.2), 1 - rng.uniform(0.05, 0.2)) if faded else (0.0, 1.0)
    original = grey[..., None] * (SEPIA if toned else np.ones(3, np.float32))
    came = black + (white - black) * grey
    rgb = came[..., None] * (SEPIA if toned else np.ones(3, np.float32))
    grain = rng.uniform(0, 0.02) if rng.random() < 0.5 else 0.0
    rgb = np.clip(rgb + rng.normal(0, grain, rgb.shape).astype(np.float32), 0, 1)
    jpeg = rng.random() < 0.5
    if jpeg:
        buffer = io.BytesIO()
        Image.fromarray((rgb * 255 + 0.5).astype(np.uint8)).save(buffer, "JPEG", quality=int(rng.integers(70, 93)))
        rgb = np.asarray(Image.open(buffer).convert("RGB"), np.float32) / 255
    return rgb.astype(np.float32), original.astype(np.float32), {
        "details": details, "toned": toned, "faded": faded, "grain": grain, "jpeg": jpeg, "shapes": shapes}


def newly_clipped(original: np.ndarray, out: np.ndarray) -> float:
    y0, y1 = luma(original), luma(out)
    clipped = (y1 <= 0.02) | (y1 >= 0.98)
    return float((clipped & (y0 > 0.05) & (y0 < 0.95)).mean())


def details_kept(original: np.ndarray, out: np.ndarray, details: list) -> float:
    y0, y1 = luma(original), luma(out)
    kept = []
    for mask, _ in details:
        ring = cv2.dilate(mask.astype(np.uint8), np.ones((7, 7), np.uint8)).astype(bool) & ~cv2.dilate(
            mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        if not ring.any() or not mask.any():
            continue
        was = abs(float(np.median(y0[mask])) - float(np.median(y0[ring])))
        if was < 0.05:
            continue
        kept.append(abs(float(np.median(y1[mask])) - float(np.median(y1[ring]))) / was)
    return float(np.median(kept)) if kept else 1.0


def run_split(label: str, seeds, say) -> list[tuple]:
    rows = []
    say(f"== {label}")
    for seed in seeds:
        rgb, original, draw = flat_case(seed)
        out, steps, _, _ = default_restore(rgb)
        before = quality.psnr(luma(original), luma(rgb))
        after = quality.psnr(luma(original), luma(out))
        clip_before, clip_after = newly_clipped(original, rgb), newly_clipped(original, out)
        kept = details_kept(original, out, draw["details"])
        kind = ("faded" if draw["faded"] else "flat") + (", toned" if draw["toned"] else ", grey")
        say(f"  #{seed} {kind:13s} steps {'+'.join(steps) or '-':22s} luma {before:5.2f} -> {after:5.2f} dB   "
            f"clipped {100 * clip_before:5.1f} -> {100 * clip_after:5.1f} %   details kept {kept:4.2f}")
        rows.append((draw["faded"], before, after, clip_before, clip_after, kept))
    for name, pick in (("flat (not faded)", lambda r: not r[0]), ("faded", lambda r: r[0])):
        part = [r for r in rows if pick(r)]
        if part:
            med = np.median(np.array([r[1:] for r in part]), axis=0)
            worst = max(r[4] for r in part)
            say(f"  {name:17s} median: luma {med[0]:5.2f} -> {med[1]:5.2f} dB, newly clipped {100 * med[2]:4.1f} -> "
                f"{100 * med[3]:4.1f} % (worst {100 * worst:4.1f} %), details kept {med[4]:4.2f}")
    return rows


def main(argv: list[str]) -> None:
    report = Report()
    label = argv[argv.index("--label") + 1] if "--label" in argv else "RUN"
    report.say(f"# {label}")
    if "--held-out-only" not in argv:
        run_split("tuning (FLAT_TUNING)", FLAT_TUNING, report.say)
    if "--tuning-only" not in argv:
        run_split("held-out (FLAT_HELD_OUT, never tuned on)", FLAT_HELD_OUT, report.say)
    report.write(argv, append=True)


if __name__ == "__main__":
    main(sys.argv[1:])
