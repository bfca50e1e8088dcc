"""Aged prints with no damage to rebuild: is « Réparer rayures et poussières » left unticked, and does the default
restore leave the print no worse than the same restore without the repair?

    python -m bench.photo_undamaged_aged [--quick] [--out FILE] [--label START|END] [--tuning-only | --held-out-only]

Most family photos a patron brings are grainy, a little faded or tinted, and not scratched. Each case is a clean
picture aged by bench/_photo_damage.age() with no kind that leaves marks (no scratch, crack, dust, hair or lost
paper): by seed parity, even seeds "grainy" (grain, JPEG) and odd seeds "aged" (blur, fade, tint, uneven shading,
grain, JPEG); parameters drawn from the seed. Pictures: the packaged photos of bench/_photo_damage.py's splits and the
motif pictures of bench/_photo_motifs.py (stars, dots, letters on a flag or a dress), clean.

Splits fixed before any change to the search, by photo and by motif seed: UNDAMAGED_TUNING (TUNING photos, seeds
41 and 42; MOTIF_TUNING's first 12 seeds) and UNDAMAGED_HELD_OUT (HELD_OUT photos, seeds 41 and 42; MOTIF_HELD_OUT's
first 12), never tuned on. grace_hopper (held-out) is a real film photo whose clean scan the search marks (3.6 %):
the kind this bench measures, which is why it was written.

Per case: whether the analysis ticks the repair (Analysis.damaged), the share it marks, and the luma PSNR against
the clean picture of (a) the print as it came, (b) the default restore (bench._photo_damage.default_restore) and
(c) the same steps without the repair; "harm" is (b) - (c) in dB when the repair is ticked (0 when not).
"""
from __future__ import annotations

import statistics
import sys

import numpy as np

from bench._photo_damage import HELD_OUT, TUNING, age, case_seed, packaged_photo
from bench._photo_motifs import MOTIF_HELD_OUT, MOTIF_TUNING, motif_picture
from bench._report import Report
from pipelines.photo import quality
from pipelines.photo.imaging import luma

SEEDS = (41, 42)
GRAINY = ("grain", "jpeg")
AGED = ("blur", "fade", "tint", "stains", "grain", "jpeg")
UNDAMAGED_TUNING = tuple((name, seed) for name in TUNING for seed in SEEDS) + tuple(
    (f"motif{seed}", seed) for seed in MOTIF_TUNING[:12])
UNDAMAGED_HELD_OUT = tuple((name, seed) for name in HELD_OUT for seed in SEEDS) + tuple(
    (f"motif{seed}", seed) for seed in MOTIF_HELD_OUT[:12])


def undamaged_case(name: str, seed: int) -> tuple[np.ndarray, np.ndarray, str]:
    """(clean picture, aged print with no marks, "grainy" or "aged"), both (H, W, 3) float32 in [0, 1]."""
    clean = motif_picture(seed)[0] if name.startswith("motif") else packaged_photo(name)
    kind = "grainy" if seed % 2 == 0 else "aged"
    return clean, age(clean, case_seed(name, seed), kinds=GRAINY if kind == "grainy" else AGED).image, kind


def run_split(label: str, cases, say) -> list[tuple]:
    from bench._photo_damage import default_restore
    from pipelines.photo.chain import RestoreRequest, restore

    say(f"{label}: {len(cases)} cases")
    say(f"{'case':26} {'kind':6} {'tick':4} {'marked %':>8} {'input dB':>8} {'default':>8} {'no repair':>9} "
        f"{'harm dB':>8}")
    rows = []
    for name, seed in cases:
        clean, print_, kind = undamaged_case(name, seed)
        out, steps, found, _ = default_restore(print_)
        if "repair" in steps:
            without = restore(print_, RestoreRequest(steps=[s for s in steps if s != "repair"])).image
        else:
            without = out
        truth = luma(clean)
        if out.shape != clean.shape:  # a step cut the picture (a border read as a card): not comparable
            say(f"{name + ' #' + str(seed):26} {kind:6} steps {steps} changed its size {clean.shape} -> {out.shape}")
            continue
        db = [quality.psnr(truth, luma(x)) for x in (print_, out, without)]
        harm = db[1] - db[2]
        rows.append((name, seed, kind, found.damaged, found.damage_fraction, *db, harm))
        say(f"{name + ' #' + str(seed):26} {kind:6} {'on' if found.damaged else 'off':4} "
            f"{found.damage_fraction * 100:8.3f} {db[0]:8.2f} {db[1]:8.2f} {db[2]:9.2f} {harm:8.2f}")
    ticked = sum(r[3] for r in rows)
    harms = [r[8] for r in rows if r[3]]
    say(f"{label}: repair ticked on {ticked} of {len(rows)} undamaged prints "
        f"(grainy {sum(r[3] for r in rows if r[2] == 'grainy')} of {sum(r[2] == 'grainy' for r in rows)}, "
        f"aged {sum(r[3] for r in rows if r[2] == 'aged')} of {sum(r[2] == 'aged' for r in rows)}); "
        f"marked % median {statistics.median(r[4] for r in rows) * 100:.3f}, max {max(r[4] for r in rows) * 100:.3f}; "
        f"harm of the ticked repair, median {statistics.median(harms) if harms else 0.0:.2f} dB, "
        f"worst {min(harms) if harms else 0.0:.2f} dB; default restore under the print as it came on "
        f"{sum(r[6] < r[5] - 0.1 for r in rows)}")
    return rows


def main(argv: list[str]) -> None:
    report = Report()
    report.opening(argv)
    # --quick: half the cases, both kinds (the cases come in seed pairs, even and odd: every other one would keep one)
    pick = (lambda cases: [c for i, c in enumerate(cases) if i % 4 in (0, 3)]) if "--quick" in argv else list
    splits = []
    if "--held-out-only" not in argv:
        splits.append(("tuning", run_split("tuning", pick(UNDAMAGED_TUNING), report.say)))
    if "--tuning-only" not in argv:
        splits.append(("held-out", run_split("held-out", pick(UNDAMAGED_HELD_OUT), report.say)))
    if len(splits) == 2:
        (_, a), (_, b) = splits
        rate = [sum(r[3] for r in rows) / len(rows) for rows in (a, b)]
        harm = [statistics.median([r[8] for r in rows if r[3]] or [0.0]) for rows in (a, b)]
        worse = ([f"ticked on {rate[1]:.0%} of its undamaged prints, tuning {rate[0]:.0%}"] if rate[1] > rate[0]
                 else []) + ([f"a ticked repair's harm, median {harm[1]:.2f} dB, tuning {harm[0]:.2f} dB"]
                             if harm[1] < harm[0] else [])
        if worse:
            report.say("held-out is WORSE than tuning: " + "; ".join(worse))
    report.write(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
