"""Foxing, mould and water stains on old prints, and halftone reproductions: what the DEFAULT restore does.

    python -m bench.photo_spots [--quick] [--out FILE]

Cases from bench/_photo_damage.py, split before any tuning (SPOT_TUNING / SPOT_HELD_OUT, HALFTONE_TUNING /
HALFTONE_HELD_OUT; the held-out halves were never tuned on):
- stained prints (spotted()): per case the spot pixels (the stains moved them by SPOT_VISIBLE ΔE or more), the
  share of them the search found (the damage mask or the stain mask), the share left after the default restore
  (the restore's colours matched to the unstained print by a per-channel Lab line over the unstained pixels, then
  still SPOT_VISIBLE ΔE off), whether « Réparer » is ticked, and luma PSNR / SSIM against the clean photo, before
  -> after;
- halftone prints (halftone()) and the clean packaged photos: the share the damage search marks, the stain mask's
  share, and whether « Réparer » is ticked (do-no-harm: both must stay 0 and unticked).
"""
from __future__ import annotations

import os
import sys

import numpy as np
from skimage.color import rgb2lab

from bench._report import Report
from bench._photo_damage import (FRESH_PHOTOS, HALFTONE_HELD_OUT, HALFTONE_TUNING, HELD_OUT, SPOT_HELD_OUT,
                                 SPOT_TUNING, SPOT_VISIBLE, TUNING, default_restore, halftone_case, packaged_photo,
                                 spot_case)
from pipelines.photo import analysis, quality


def stain_mask(rgb: np.ndarray) -> np.ndarray:
    """The stain search's mask when the studio has one (pipelines.photo.stains), else nothing."""
    try:
        from pipelines.photo import stains
    except ImportError:
        return np.zeros(rgb.shape[:2], bool)
    found = stains.find_stains(rgb)
    return found.mask | found.inside


def left_share(out: np.ndarray, reference: np.ndarray, marks: np.ndarray) -> float:
    """Share of the spot pixels `marks` still SPOT_VISIBLE ΔE off the unstained `reference` once `out`'s Lab is
    matched to the reference's by a least-squares line per channel over the unstained pixels."""
    if not marks.any():
        return 0.0
    a, b = rgb2lab(np.clip(out, 0, 1)), rgb2lab(np.clip(reference, 0, 1))
    keep = ~marks
    for c in range(3):
        slope, offset = np.polyfit(a[..., c][keep], b[..., c][keep], 1)
        a[..., c] = a[..., c] * slope + offset
    return float((np.linalg.norm(a - b, axis=-1)[marks] >= SPOT_VISIBLE).mean())


def stained_split(label: str, cases, say) -> None:
    say(f"\n{label}: {len(cases)} stained prints")
    say(f"{'case':24} {'kinds':18} {'spots':>6} {'found':>6} {'left':>11} {'tick':>4} {'dB':>13} {'SSIM':>13}  chips")
    rows = []
    for name, seed in cases:
        truth, aged = spot_case(name, seed)
        out, steps, found, mask = default_restore(aged.image)
        marks = aged.marks
        seen = float((marks & (mask | stain_mask(aged.image))).sum() / max(marks.sum(), 1))
        before, after = left_share(aged.image, aged.params["reference"], marks), left_share(
            out, aged.params["reference"], marks)
        (p0, s0), (p1, s1) = quality.luma_scores(aged.image, truth), quality.luma_scores(out, truth)
        named = ",".join(k for k in ("foxing", "mould", "tide") if getattr(found, k, 0))
        rows.append((marks.mean(), seen, before, after, "repair" in steps, p0, p1, s0, s1))
        say(f"{name + ' #' + str(seed):24} {'+'.join(aged.params['kinds']):18} {marks.mean():6.2%} {seen:6.1%} "
            f"{before:5.1%}>{after:5.1%} {'on' if 'repair' in steps else 'off':>4} {p0:6.2f}>{p1:6.2f} "
            f"{s0:.3f}>{s1:.3f}  {named or '-'}")
    med = lambda i: float(np.median([r[i] for r in rows]))  # noqa: E731
    say(f"{label} medians: found {med(1):.1%}, left {med(2):.1%} -> {med(3):.1%}, dB {med(5):.2f} -> {med(6):.2f}, "
        f"SSIM {med(7):.3f} -> {med(8):.3f}; « Réparer » ticked {sum(r[4] for r in rows)}/{len(rows)}")


def unharmed_split(label: str, cases, say) -> None:
    say(f"\n{label}: {len(cases)} prints that must stay unmarked")
    ticked, marked = 0, []
    for name, image in cases:
        found, mask = analysis.analyse(image)
        spots = stain_mask(image).mean()
        ticked += found.damaged
        marked.append(mask.mean() + spots)
        say(f"{name:28} marked {mask.mean():6.2%} stains {spots:6.2%} specks {found.specks:4d} "
            f"{'TICKED' if found.damaged else 'off'}")
    say(f"{label}: median marked {np.median(marked):.2%}, max {max(marked):.2%}; « Réparer » ticked {ticked}/"
        f"{len(cases)}")


def main(argv: list[str]) -> None:
    report = Report()
    say = report.say

    quick = "--quick" in argv
    pick = (lambda c: c[::2]) if quick else (lambda c: c)
    say(f"load average {os.getloadavg()}")
    stained_split("tuning", pick(SPOT_TUNING), say)
    stained_split("held-out", pick(SPOT_HELD_OUT), say)
    unharmed_split("halftone tuning", [(f"{n} #{s}", halftone_case(n, s).image) for n, s in pick(HALFTONE_TUNING)],
                   say)
    unharmed_split("halftone held-out", [(f"{n} #{s}", halftone_case(n, s).image)
                                         for n, s in pick(HALFTONE_HELD_OUT)], say)
    unharmed_split("clean tuning", [(n, packaged_photo(n)) for n in pick(TUNING)], say)
    unharmed_split("clean held-out", [(n, packaged_photo(n)) for n in pick(HELD_OUT + FRESH_PHOTOS)], say)
    report.write(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
