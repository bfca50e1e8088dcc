"""Small prints scanned big, on the tuning and held-out photos: `python -m bench.photo_scanned_big [--out FILE]`.

bench/photo_real_kinds.py enlarges the two real cracked prints; here every photo of bench/_photo_damage.py's TUNING
and HELD_OUT splits (the split's own photos, not its variants) is shrunk to SIDE px on its longer side (a small
print), aged with the split's own damage draw (age(), seed 11, every kind but JPEG, which a scanner does not add),
and enlarged x2 and x4 by Lanczos (the print scanned big, no grain added by the scanner: the enlarged print's own
grain is enlarged with it); 'x2 + grain' and 'x4 + grain' are the same scans with a scanner's grain added AFTER the
enlargement (Gaussian, sigma GRAIN of the range, per pixel and channel, seed SEED), which the search read as 1.0 until
repair.effective_scale() took the grain's share out of its losses. The damage search (repair.find_damage, aged) runs
on the enlarged scan twice: as it searched before (the effective scale held at 1.0: the working copy is the scan, or
WORK_SIDE long) and as it searches now (at the detail the scan holds; a grainy scan whose print shows no sign of age
at that detail gets the cautious search). Printed per split and factor, medians over the photos:
- found: the share of the damage pixels (the marks, enlarged the same way) the mask covers;
- extra: the share of the picture marked more than 2 px (of the print) from any damage pixel (harm: filled for
  nothing);
and the same two for the print at its own size (what the search does on the small print itself). Nothing here was
tuned on: RESAMPLE_CLIFF was set on the two real prints enlarged, RESAMPLE_GRAIN on packaged photos with grain at
their own size and the two real prints enlarged with grain.
"""
from __future__ import annotations

import sys

import cv2
import numpy as np

SIDE = 320  # px, the small print's longer side
FACTORS = (2, 4)
SEED = 11
GRAIN = 0.02


def _enlarged(image: np.ndarray, k: int) -> np.ndarray:
    h, w = image.shape[:2]
    return np.clip(cv2.resize(image, (w * k, h * k), interpolation=cv2.INTER_LANCZOS4), 0, 1).astype(np.float32)


def figures(mask: np.ndarray, marks: np.ndarray, k: int) -> tuple[float, float]:
    """(found, extra) of a damage mask against the true marks, both (H, W) bool; `k` px is one pixel of the print."""
    near = cv2.dilate(marks.astype(np.uint8), np.ones((4 * k + 1, 4 * k + 1), np.uint8)).astype(bool)
    return float((mask & marks).sum() / max(marks.sum(), 1)), float((mask & ~near).mean())


def run(stream=sys.stdout) -> None:
    from bench._photo_damage import HELD_OUT, KINDS, TUNING, age, case_seed, packaged_photo
    from pipelines.photo import repair

    def say(line: str) -> None:
        print(line, file=stream, flush=True)
        if stream is not sys.stdout:
            print(line, flush=True)

    say(f"{'split':9} {'scan':11} {'photos':>6} {'found before':>12} {'found now':>9} {'extra before':>12} "
        f"{'extra now':>9}   (medians; 'extra': marked over 2 print px from any damage)")
    kinds = tuple(k for k in KINDS if k != "jpeg")
    for split, names in (("tuning", TUNING), ("held-out", HELD_OUT)):
        rows = {k: [] for k in (1,) + FACTORS + tuple(-k for k in FACTORS)}  # -k: x k with the scanner's grain
        for name in names:
            photo = packaged_photo(name)
            h, w = photo.shape[:2]
            s = SIDE / max(h, w)
            small = cv2.resize(photo, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA)
            aged = age(small, case_seed(name, SEED), kinds=kinds)
            if not aged.marks.any():
                continue
            found = repair.find_damage(aged.image, aged=True).mask
            rows[1].append(figures(found, aged.marks, 1) * 2)
            for k in FACTORS + tuple(-k for k in FACTORS):
                scan, marks = _enlarged(aged.image, abs(k)), _enlarged(aged.marks.astype(np.float32), abs(k)) > 0.5
                if k < 0:
                    grain = np.random.default_rng(case_seed(name, SEED)).normal(0, GRAIN, scan.shape)
                    scan = np.clip(scan + grain.astype(np.float32), 0, 1)
                now = repair.find_damage(scan, aged=True).mask
                held, repair._effective_scales = repair._effective_scales, lambda gray: (1.0, 1.0)
                try:
                    before = repair.find_damage(scan, aged=True).mask
                finally:
                    repair._effective_scales = held
                rows[k].append(figures(before, marks, abs(k)) + figures(now, marks, abs(k)))
        for k, values in rows.items():
            if not values:
                continue
            fb, eb, fn, en = np.median(np.array(values), axis=0)
            scan = "own size" if k == 1 else f"x{k}" if k > 0 else f"x{-k} + grain"
            say(f"{split:9} {scan:11} {len(values):6d} {fb:12.0%} {fn:9.0%} {eb:12.2%} {en:9.2%}")


if __name__ == "__main__":
    if "--out" in sys.argv:
        with open(sys.argv[sys.argv.index("--out") + 1], "w", encoding="utf-8") as out:
            run(out)
    else:
        run()
