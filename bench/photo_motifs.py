"""A picture's repeated motif (stars on a flag, polka dots, buttons, a stamped letter) must not be taken for dust.

    python -m bench.photo_motifs [--quick] [--out FILE]

Cases (bench/_photo_motifs.py, split by seed before the search was changed: MOTIF_TUNING tuned on, MOTIF_HELD_OUT
never): per case the share of the motif's pixels the damage search marks, the share of the real dust pixels it
finds, whether « Réparer » is ticked, and the luma PSNR of the motif's pixels against the clean picture, in the
damaged input and after the default restore (each matched to the clean picture's luma by a least-squares line over
the pixels away from the motif and the damage, so that the tone step's levels do not count).
Then the dust found on the damaged prints of bench/photo.py (TUNING_CASES and FRESH, every DUST_EVERY-th with
--quick), the clean packaged photos of both splits (marked share, ticked), and, as an independent check never tuned
on, grace_hopper clean and stained (#801).
"""
from __future__ import annotations

import os
import sys
import time

import cv2
import numpy as np

from bench._report import Report
from bench._photo_damage import (FRESH, FRESH_PHOTOS, HELD_OUT, TUNING, TUNING_CASES, aged_case, default_restore,
                                 luma, packaged_photo, spot_case)
from bench._photo_motifs import MOTIF_HELD_OUT, MOTIF_TUNING, motif_case
from pipelines.photo import analysis

DUST_EVERY = 3


def matched_psnr(out: np.ndarray, clean: np.ndarray, region: np.ndarray, apart: np.ndarray) -> float:
    """Luma PSNR (dB) of `out` against `clean` over `region` (H, W) bool, once out's luma is matched to clean's by
    a least-squares line over the `apart` pixels (H, W) bool."""
    a, b = luma(np.clip(out, 0, 1)), luma(clean)
    slope, offset = np.polyfit(a[apart], b[apart], 1)
    err = float(np.mean((a[region] * slope + offset - b[region]) ** 2))
    return 99.0 if err <= 1e-10 else float(10 * np.log10(1.0 / err))


def motif_split(label: str, seeds, say) -> list[tuple]:
    say(f"\n{label}: {len(seeds)} motif pictures")
    say(f"{'seed':>5} {'shape':8} {'size':>4} {'layout':9} {'n':>3} {'aged':>4} {'motif %':>8} {'dust %':>7} "
        f"{'tick':>4} {'motif dB':>13}  ground")
    rows = []
    for seed in seeds:
        case = motif_case(seed)
        out, steps, found, mask = default_restore(case.image)
        grown = cv2.dilate((case.motif | case.marks).astype(np.uint8), np.ones((7, 7), np.uint8)).astype(bool)
        marked = float((mask & case.motif).sum() / max(case.motif.sum(), 1))
        dust = float((mask & case.dust).sum() / max(case.dust.sum(), 1))
        before = matched_psnr(case.image, case.clean, case.motif, ~grown)
        after = matched_psnr(out, case.clean, case.motif, ~grown)
        p = case.params
        rows.append((marked, dust, "repair" in steps, before, after))
        say(f"{seed:5d} {p['shape']:8} {p['size']:4d} {p['layout']:9} {p['count']:3d} "
            f"{'yes' if p['aged'] else 'no':>4} {marked:8.1%} {dust:7.1%} {'on' if 'repair' in steps else 'off':>4} "
            f"{before:6.2f}>{after:6.2f}  "
            f"{p['ground']}{' panel' if p['panel'] else ''}{' light' if p['light'] else ' dark'}"
            f"{' turned' if p['turned'] else ''}")
    col = lambda i: np.array([r[i] for r in rows], float)  # noqa: E731
    say(f"{label}: motif marked median {np.median(col(0)):.1%}, mean {col(0).mean():.1%}, cases over 5 % "
        f"{int((col(0) > 0.05).sum())}/{len(rows)}; dust found median {np.median(col(1)):.1%}, mean "
        f"{col(1).mean():.1%}; « Réparer » ticked {int(col(2).sum())}/{len(rows)}; motif dB median "
        f"{np.median(col(3)):.2f} -> {np.median(col(4)):.2f}, worst {col(4).min():.2f}")
    return rows


def dust_split(label: str, cases, say) -> None:
    """Dust found by the analysis on bench/photo.py's damaged prints (the specks drawn by age())."""
    found, kept = [], []
    for name, seed in cases:
        truth, aged = aged_case(name, seed)
        if aged.dust is None or not aged.dust.any():
            continue
        _, mask = analysis.analyse(aged.image)
        found.append(float((mask & aged.dust).sum() / aged.dust.sum()))
        kept.append(name + f" #{seed}")
    found = np.array(found)
    say(f"{label}: dust found on {len(found)} damaged prints of bench/photo.py: median {np.median(found):.1%}, "
        f"mean {found.mean():.1%}, lowest {found.min():.1%} ({kept[int(found.argmin())]})")


def clean_split(label: str, names, say) -> None:
    marked, ticked = [], 0
    for name in names:
        found, mask = analysis.analyse(packaged_photo(name))
        marked.append(mask.mean())
        ticked += found.damaged
        say(f"  {name:24} marked {mask.mean():6.2%} specks {found.specks:4d} {'TICKED' if found.damaged else 'off'}")
    say(f"{label}: median marked {np.median(marked):.2%}, max {max(marked):.2%}; « Réparer » ticked {ticked}/"
        f"{len(names)}")


def independent_check(say) -> None:
    say("\nindependent check (held-out, never tuned on): grace_hopper")
    clean = packaged_photo("grace_hopper")
    out, steps, found, mask = default_restore(clean)
    changed = mask & (np.abs(luma(out) - luma(clean)) > 0.0)
    err = float(np.mean((luma(out)[mask] - luma(clean)[mask]) ** 2)) if mask.any() else 0.0
    say(f"  clean: marked {mask.mean():.2%}, specks {found.specks}, {'TICKED' if found.damaged else 'off'}, luma PSNR "
        f"in the marked pixels {10 * np.log10(1 / max(err, 1e-10)):.2f} dB ({int(changed.sum())} px)")
    truth, aged = spot_case("grace_hopper", 801)
    out, steps, found, mask = default_restore(aged.image)
    say(f"  stained #801: marked {mask.mean():.2%}, specks {found.specks}, {'TICKED' if found.damaged else 'off'}")


def main(argv: list[str]) -> None:
    report = Report()
    say = report.say

    quick = "--quick" in argv
    start = time.time()
    say(f"load average {os.getloadavg()}")
    motif_split("tuning", MOTIF_TUNING, say)
    motif_split("held-out", MOTIF_HELD_OUT, say)
    say("")
    every = DUST_EVERY if quick else 1
    dust_split("dust tuning", TUNING_CASES[::every], say)
    dust_split("dust held-out (FRESH)", FRESH[::every], say)
    say("\nclean packaged photos")
    clean_split("clean tuning", TUNING, say)
    clean_split("clean held-out", tuple(n for n in HELD_OUT + FRESH_PHOTOS if n != "grace_hopper"), say)
    independent_check(say)
    say(f"\n{time.time() - start:.0f} s")
    report.write(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
