"""The « Réparer rayures et poussières » tick on big scans: `python -m bench.photo_big_tick [--out FILE]`.

bench/photo_damage_tick.py measures the tick on photos at their own size (at most 768 px). A patron's scan is
often 1500-4000 px: a small print enlarged x2-x4 by the scanner, with the scanner's grain, saved as a JPEG at
quality 60-90 or as a 16-bit file. Thin scratches and dust then cover a small share of the picture, and a bar on
that share alone (analysis.REPAIR_SUGGESTED_FRACTION) leaves the tick off on a dusty, scratched print.

Cases, per photo of bench/_photo_damage.py's splits (fixed before this bench was written: TUNING for tuning;
HELD_OUT and the fresh photos china and flower never tuned on), every parameter drawn from a seed:
- 'clean': the undamaged photo scanned big (twice, two draws): enlarged by a factor that brings its longer side to
  1500-4000 px (2, 3 or 4, Lanczos or bicubic), a scanner's grain (Gaussian, 0.4-2.5 % of the range), then a JPEG
  at quality 60-90 (Pillow, 4:2:0) or 16-bit quantisation. The tick must stay off (do-no-harm).
- 'print': the photo aged lightly at its own size (scratches() below: 1-5 scratches as age() draws them, 20-200
  specks, faint fading and grain, no cracks, no paper loss), then scanned big as a 'clean' case.
- 'scan': the clean photo scanned big, then scratched at the scan's size (the same draw of marks, drawn on the big
  scan: thin scratches 1-6 px and specks 1-10 px there), then the grain and the file as above.
The tick must be on for 'print' and 'scan'.

Printed per case: the marked share (damage_fraction), the scratch and spot counts, the scale-free figures the tick
reads (analysis.scale_free_marks: the longest scratch in diagonals, the specks) and the tick before (the marked share
alone) and now (analysis.repair_suggested); then, per split and kind, how many are wrongly ticked
(clean) or wrongly left unticked (print, scan). The masks are cached in $PHOTO_TICK_CACHE (default /tmp/photo_tick)
so that the tick's rule can be re-read without running the search again (--cached).
"""
from __future__ import annotations

import io
import json
import os
import sys
import zlib

import cv2
import numpy as np
from PIL import Image

from bench._report import Report
from bench._photo_damage import FRESH_PHOTOS, HELD_OUT, TUNING, age, packaged_photo

SPLITS = {"tuning": TUNING, "held-out": HELD_OUT + FRESH_PHOTOS}
KINDS = ("clean", "clean2", "print", "scan")
CACHE = os.environ.get("PHOTO_TICK_CACHE", "/tmp/photo_tick")
MARK_KINDS = ("blur", "fade", "grain", "scratches", "dust")


def seed_of(name: str, kind: str) -> int:
    return zlib.crc32(f"{name}/{kind}".encode()) % 1_000_000


def marks_params(rng: np.random.Generator) -> dict:
    """A light draw of marks for age(): 1-5 scratches, 20-200 specks (bright about three in four), faint fade and
    grain, a little blur."""
    specks = int(rng.integers(20, 201))
    bright = int(specks * rng.uniform(0.6, 0.95))
    return {"scratches": int(rng.integers(1, 6)), "dust+1": bright, "dust-1": specks - bright,
            "fade": float(rng.uniform(0.0, 0.2)), "uneven_fade": 0.0, "grain": float(rng.uniform(0.003, 0.015)),
            "blur": float(rng.uniform(0.0, 0.8))}


def scanned(rgb: np.ndarray, rng: np.random.Generator, factor: int | None = None,
            finish: bool = True) -> tuple[np.ndarray, dict]:
    """(the photo enlarged by a scanner to a longer side of 1500-4000 px, its draw). With `finish`, the scanner's
    grain and the file's quantisation (JPEG q60-90, or 16-bit) are added."""
    h, w = rgb.shape[:2]
    if factor is None:
        fits = [k for k in (2, 3, 4) if 1500 <= k * max(h, w) <= 4000] or [max(2, round(2400 / max(h, w)))]
        factor = int(rng.choice(fits))
    how = cv2.INTER_LANCZOS4 if rng.random() < 0.5 else cv2.INTER_CUBIC
    big = np.clip(cv2.resize(rgb, (w * factor, h * factor), interpolation=how), 0, 1).astype(np.float32)
    draw = {"factor": factor, "grain": float(rng.uniform(0.004, 0.025)),
            "jpeg": int(rng.integers(60, 91)) if rng.random() < 0.75 else 0}
    return (finished(big, rng, draw) if finish else big), draw


def finished(big: np.ndarray, rng: np.random.Generator, draw: dict) -> np.ndarray:
    big = np.clip(big + rng.normal(0, draw["grain"], big.shape).astype(np.float32), 0, 1)
    if not draw["jpeg"]:
        return (np.round(big * 65535) / 65535).astype(np.float32)
    buffer = io.BytesIO()
    Image.fromarray((big * 255 + 0.5).astype(np.uint8)).save(buffer, "JPEG", quality=draw["jpeg"])
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")).astype(np.float32) / 255


def make_case(name: str, kind: str) -> tuple[np.ndarray, dict]:
    """(the scan of one case, its draw)."""
    rng = np.random.default_rng(seed_of(name, kind))
    photo = packaged_photo(name)
    if kind.startswith("clean"):
        return scanned(photo, rng)
    params = marks_params(rng)
    if kind == "print":
        aged = age(photo, seed_of(name, kind), kinds=MARK_KINDS, **params).image
        scan, draw = scanned(aged, rng)
        return scan, {**draw, **params}
    big, draw = scanned(photo, rng, finish=False)
    aged = age(big, seed_of(name, kind), kinds=MARK_KINDS, **params).image
    return finished(aged, rng, draw), {**draw, **params}


def measured(name: str, kind: str) -> dict:
    """The analysis of one case, from the cache when it was run before."""
    from pipelines.photo import analysis

    path = os.path.join(CACHE, f"{name}-{kind}.npz")
    if os.path.exists(path):
        with np.load(path, allow_pickle=False) as saved:  # figures as JSON text: a cache never runs code
            shape = tuple(int(n) for n in saved["shape"])
            mask = np.unpackbits(saved["mask"])[:int(np.prod(shape))].reshape(shape).astype(bool)
            return {"mask": mask, **json.loads(str(saved["figures"]))}
    scan, draw = make_case(name, kind)
    result, mask = analysis.analyse(scan)
    figures = {"fraction": result.damage_fraction, "scratches": result.scratches, "spots": result.spots,
               "draw": draw, "size": scan.shape[:2]}
    os.makedirs(CACHE, exist_ok=True)
    np.savez(path, mask=np.packbits(mask), shape=np.array(mask.shape),
             figures=np.array(json.dumps(figures, default=lambda v: v.item() if hasattr(v, "item") else str(v))))
    return {"mask": mask, **figures}


def main(argv: list[str]) -> None:
    from pipelines.photo import analysis

    report = Report()
    say = report.say

    say(f"load average {os.getloadavg()}")
    say(f"{'split':9} {'kind':6} {'photo':22} {'size':>10} {'marked':>7} {'scr':>4} {'spots':>5} "
        f"{'longest':>7} {'specks':>6} before now")
    wrong = {}
    for split, names in SPLITS.items():
        for name in names:
            for kind in KINDS:
                got = measured(name, kind)
                longest, specks = analysis.scale_free_marks(got["mask"])
                before = got["fraction"] >= analysis.REPAIR_SUGGESTED_FRACTION  # the marked share alone
                now = analysis.repair_suggested(got["fraction"], longest, specks)
                h, w = got["size"]
                say(f"{split:9} {kind:6} {name:22} {w:>4}x{h:<5} {got['fraction']:7.2%} {got['scratches']:4d} "
                    f"{got['spots']:5d} {longest:7.2f} {specks:6d} {'on' if before else 'off':6} "
                    f"{'on' if now else 'off'}")
                clean = kind.startswith("clean")
                key = (split, "clean" if clean else kind)
                wrong.setdefault(key, []).append((before == clean, now == clean))
    say("wrong tick (clean: ticked; print, scan: left off), before (the marked share alone) -> now:")
    for (split, kind), bads in wrong.items():
        say(f"  {split:9} {kind:6} {sum(b for b, _ in bads):3d} -> {sum(n for _, n in bads):3d} / {len(bads)}")
    report.write(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
