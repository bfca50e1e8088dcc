"""Aged colour prints (uneven dye casts, flat-faded instant prints): what the DEFAULT ticks do.

For each case of bench/_photo_damage.py's CAST_TUNING and CAST_HELD_OUT splits (cast_case()): the analysis's
suggested steps run at the default strength; luma PSNR and SSIM against the true print, the mean colour error
(CIEDE2000 ΔE) and the cast left (a*, b* of the whole print off the truth's), before and after, and the share of
cases where the default changes nothing. Then the do-no-harm rows: undamaged packaged photos and warm- and cool-lit
scenes must not get the tone step, nor change.

    python -m bench.photo_cast [--quick]
"""
from __future__ import annotations

import sys

import numpy as np
from skimage.color import deltaE_ciede2000

from bench._photo_damage import CAST_HELD_OUT, CAST_TUNING, cast_case, default_restore
from pipelines.photo import quality, tone
from pipelines.photo.chain import unchanged
from pipelines.photo.imaging import rgb_to_lab


def figures(out: np.ndarray, truth: np.ndarray) -> tuple[float, float, float, float]:
    """(luma PSNR dB, SSIM, mean ΔE2000, cast left: |mean a*, b* difference|) of `out` against `truth`."""
    p, s = quality.luma_scores(out, truth)
    a, b = rgb_to_lab(out), rgb_to_lab(truth)
    de = float(deltaE_ciede2000(a, b).mean())
    cast = float(np.hypot(*(a[..., 1:].mean(axis=(0, 1)) - b[..., 1:].mean(axis=(0, 1)))))
    return p, s, de, cast


def split(label: str, cases) -> list[dict]:
    print(f"\n{label}: {len(cases)} cases")
    print(f"{'case':26} {'kind':5} {'steps':22} {'aged dB/SSIM/dE/cast':>26} {'default':>26}  chip")
    rows = []
    for name, seed in cases:
        truth, aged = cast_case(name, seed)
        out, steps, found, _ = default_restore(aged.image)
        before, after = figures(aged.image, truth), figures(out, truth)
        same = unchanged(aged.image, out)
        from ui.photos import contrast_chip

        chip = contrast_chip(found.to_json())
        rows.append({"before": before, "after": after, "same": same, "tone": "tone" in steps})
        # why the default does what it does: signs of age, the dye reading, the deepest black
        why = (f"age {tone.age_signs(aged.image):.2f} dye {found.dye_faded:.2f} fading {found.fading:.2f} "
               f"black {found.deep_black:.2f} grain {aged.params.get('grain', 0):.3f}")
        print(f"{name + ' #' + str(seed):26} {aged.params['kind']:5} {','.join(steps):22} "
              + " ".join(f"{v[0]:6.2f}/{v[1]:.3f}/{v[2]:5.1f}/{v[3]:4.1f}" for v in (before, after))
              + f"  {chip[0] if chip else '-'}" + ("  UNCHANGED" if same else "") + f"  [{why}]", flush=True)
    med = lambda key, i: float(np.median([r[key][i] for r in rows]))  # noqa: E731
    print(f"{label} medians: dB {med('before', 0):.2f} -> {med('after', 0):.2f}, SSIM {med('before', 1):.3f} -> "
          f"{med('after', 1):.3f}, ΔE {med('before', 2):.1f} -> {med('after', 2):.1f}, cast {med('before', 3):.1f} "
          f"-> {med('after', 3):.1f}; tone ticked {sum(r['tone'] for r in rows)}/{len(rows)}, default unchanged "
          f"{sum(r['same'] for r in rows)}/{len(rows)}")
    return rows


def no_harm(names) -> int:
    """Undamaged photos: the tone step must not be suggested; returns how many were."""
    from bench._photo_damage import packaged_photo

    ticked = 0
    for name in names:
        rgb = packaged_photo(name)
        out, steps, found, _ = default_restore(rgb)
        p, _ = quality.luma_scores(out, rgb)
        ticked += "tone" in steps
        print(f"undamaged {name:22} {','.join(steps):24} {min(p, 99):6.2f} dB  dye {found.dye_faded:.2f}")
    return ticked


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    split("tuning", CAST_TUNING[::2] if quick else CAST_TUNING)
    split("held-out", CAST_HELD_OUT[::2] if quick else CAST_HELD_OUT)
    ticked = no_harm(("coffee", "chelsea", "astronaut", "rocket", "brick", "page", "moon", "china", "flower"))
    print(f"undamaged photos given the tone step: {ticked}")
