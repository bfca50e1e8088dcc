"""Small prints scanned big, on the tuning and held-out photos: `python -m bench.photo_scanned_big [--out FILE]`.

bench/photo_real_kinds.py enlarges the two real cracked prints; here every photo of bench/_photo_damage.py's TUNING and
HELD_OUT splits (the split's own photos, not its variants) is shrunk to SIDE px on its longer side (a small print), aged
with the split's own damage draw (age(), seed 11, every kind but JPEG, which a scanner does not add), and enlarged x2
and x4 by Lanczos (the print scanned big, no grain added by the scanner: the enlarged print's own grain is enlarged with
it); 'x2 + grain' and 'x4 + grain' are the same scans with a scanner's grain added AFTER the enlargement (Gaussian,
sigma GRAIN of the range, per pixel and channel, seed SEED), which the search read as 1.0 until repair.effective_scale()
took the grain's share out of its losses. 'x3 + grain + JPEG q70' and '... q90' are a newcomer's kind: the print
enlarged x3 (its dust of 1-10 px now 3-30 px), the scanner's grain, then saved as JPEG at that quality (Pillow, 4:2:0),
which removes the grain's finest band where _mean_grain() reads it and leaves its middle bands: it read 1.0 until
effective_scale() read the noise's loss in the scan's plainest blocks. The damage search (repair.find_damage, aged) runs
on the enlarged scan twice: as it searched before (the effective scale held at 1.0: the working copy is the scan, or
WORK_SIDE long) and as it searches now (at the detail the scan holds; a grainy scan whose print shows no sign of age at
that detail gets the cautious search). Printed per split and factor, medians over the photos:
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
JPEG_FACTOR = 3  # the JPEG rows: x3 + grain, then JPEG at each of JPEG_QUALITIES
JPEG_QUALITIES = (70, 90)
SEED = 11
GRAIN = 0.02


def _enlarged(image: np.ndarray, k: int) -> np.ndarray:
    h, w = image.shape[:2]
    return np.clip(cv2.resize(image, (w * k, h * k), interpolation=cv2.INTER_LANCZOS4), 0, 1).astype(np.float32)


def _jpeg(image: np.ndarray, quality: int) -> np.ndarray:
    """(H, W, 3) [0, 1] image saved as JPEG at `quality` (Pillow) and read back, float32."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray((np.clip(image, 0, 1) * 255 + 0.5).astype(np.uint8)).save(buffer, "JPEG", quality=quality)
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")).astype(np.float32) / 255


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

    say(f"{'split':9} {'scan':22} {'photos':>6} {'found before':>12} {'found now':>9} {'extra before':>12} "
        f"{'extra now':>9}   (medians; 'extra': marked over 2 print px from any damage)")
    kinds = tuple(k for k in KINDS if k != "jpeg")
    for split, names in (("tuning", TUNING), ("held-out", HELD_OUT)):
        kinds_of_scan = [(k, False, 0) for k in FACTORS] + [(k, True, 0) for k in FACTORS] + [
            (JPEG_FACTOR, True, q) for q in JPEG_QUALITIES]
        rows = {kind: [] for kind in [(1, False, 0)] + kinds_of_scan}
        for name in names:
            photo = packaged_photo(name)
            h, w = photo.shape[:2]
            s = SIDE / max(h, w)
            small = cv2.resize(photo, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA)
            aged = age(small, case_seed(name, SEED), kinds=kinds)
            if not aged.marks.any():
                continue
            found = repair.find_damage(aged.image, aged=True).mask
            rows[(1, False, 0)].append(figures(found, aged.marks, 1) * 2)
            for kind in kinds_of_scan:
                k, grainy, quality = kind
                scan, marks = _enlarged(aged.image, k), _enlarged(aged.marks.astype(np.float32), k) > 0.5
                if grainy:
                    grain = np.random.default_rng(case_seed(name, SEED)).normal(0, GRAIN, scan.shape)
                    scan = np.clip(scan + grain.astype(np.float32), 0, 1)
                if quality:
                    scan = _jpeg(scan, quality)
                now = repair.find_damage(scan, aged=True).mask
                held, repair._effective_scales = repair._effective_scales, lambda gray: (1.0, 1.0)
                try:
                    before = repair.find_damage(scan, aged=True).mask
                finally:
                    repair._effective_scales = held
                rows[kind].append(figures(before, marks, k) + figures(now, marks, k))
        for (k, grainy, quality), values in rows.items():
            if not values:
                continue
            fb, eb, fn, en = np.median(np.array(values), axis=0)
            scan = "own size" if k == 1 else f"x{k}" + (" + grain" if grainy else "") + (
                f" + JPEG q{quality}" if quality else "")
            say(f"{split:9} {scan:22} {len(values):6d} {fb:12.0%} {fn:9.0%} {eb:12.2%} {en:9.2%}")


if __name__ == "__main__":
    if "--out" in sys.argv:
        with open(sys.argv[sys.argv.index("--out") + 1], "w", encoding="utf-8") as out:
            run(out)
    else:
        run()
