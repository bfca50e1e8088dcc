"""What the damage search marks on undamaged photos against damaged prints: the figures behind the default tick of
« Réparer rayures et poussières » (pipelines.photo.analysis.REPAIR_SUGGESTED_FRACTION).

Run: python -m bench.photo_damage_tick  (about a minute per 20 photos on one core). Prints, for each photo, the
marked share of the pixels (damage_fraction), the scratch and spot counts and whether the print looks old, for
the packaged photos undamaged (as published, and as a CMYK JPEG round trip) and for aged cases of every split.
"""
from __future__ import annotations

import io
import os

import numpy as np
from PIL import Image

from bench._photo_damage import FRESH, HELD_OUT, SEEDS, TUNING, aged_case, packaged_photo
from pipelines.photo import analysis


def cmyk_round_trip(rgb: np.ndarray) -> np.ndarray:
    """The photo saved as a CMYK JPEG (quality 90) and read back through the upload checks."""
    from pipelines.safety.uploads import sanitize_image

    buffer = io.BytesIO()
    Image.fromarray((rgb * 255).astype(np.uint8)).convert("CMYK").save(buffer, format="JPEG", quality=90)
    return np.asarray(sanitize_image(buffer.getvalue()).image).astype(np.float32) / 255


def figures(rgb: np.ndarray) -> tuple[float, int, int, float, int, bool]:
    result, _ = analysis.analyse(rgb)
    return (result.damage_fraction, result.scratches, result.spots, result.longest_scratch, result.specks,
            result.damaged)


def main() -> None:
    print("load average", os.getloadavg())
    clean_names = TUNING + HELD_OUT + ("china", "flower")
    damaged = [(n, s) for n in TUNING[:6] for s in SEEDS[:1]] + [(n, 11) for n in HELD_OUT[:6]] + list(FRESH[:4])
    damaged += [(f"{n}{v}", 11) for n in ("astronaut", "rocket", "coffee") for v in ("~light", "~faint")]
    if os.environ.get("TICK_LIGHT_ONLY"):  # only the lightly and faintly aged prints
        clean_names, damaged = (), damaged[-6:]
    rows = []
    for name in clean_names:
        rgb = packaged_photo(name)
        rows.append(("clean", name, *figures(rgb)))
        if name in ("coffee", "astronaut", "chelsea", "china"):
            rows.append(("clean-cmyk", name, *figures(cmyk_round_trip(rgb))))
    for name, seed in damaged:
        _, aged = aged_case(name, seed)
        rows.append(("damaged", f"{name}/{seed}", *figures(aged.image)))
    for kind, name, fraction, scratches, spots, lines, specks, tick in rows:
        print(f"{kind:11s} {name:28s} marked {fraction * 100:6.3f} %  scratches {scratches:3d}  spots {spots:4d}  "
              f"lines {lines:5.2f}  specks {specks:4d}  tick {'on' if tick else 'off'}")
    for kind in ("clean", "clean-cmyk", "damaged"):
        values = sorted(r[2] for r in rows if r[0] == kind)
        if values:
            print(kind, "marked % min/median/max:",
                  *(f"{v * 100:.3f}" for v in (values[0], values[len(values) // 2], values[-1])))


if __name__ == "__main__":
    main()
