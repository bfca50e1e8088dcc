"""Uneven prints (light fall-off at the edges): can a fall-off be told from the scene? `python -m bench.photo_uneven`

A vignette darkens a print by a smooth radial factor, 1 - v * r^2 (r 0 at the centre, 1 in the corners: the
damage generator's own model, bench/_photo_damage.py, v drawn in 0-0.3). Correcting it needs v measured from
the print alone, and a clean photo must read about 0 (do no harm). The measure tried here is the one a
flat-field correction would rest on: in each of 8 angular sectors, the bright end (90th percentile of the luma,
on the grain-free copy tone._smoothed(), shrunk to 128 px) of an outer ring (r > 0.7) against an inner ring
(0.2 < r < 0.5), turned into the v that would explain their ratio under the generator's model; the print's
reading is the median over the sectors (a vignette darkens every sector alike, a scene's dark corner is one).

Printed (nothing hard-coded): the reading on the undamaged photos of bench/photo.py's do-no-harm set, on the
tuning split's clean photos and on their aged prints against the generator's v, with the correlation and the
spread of the reading the damage adds. The reading is unbiased (aged minus clean reading rises about 1:1 with
v) but the scene's own reading and the other damage (stains, uneven fading, marks) scatter it by several
times the largest v: no threshold tells a vignetted print from a clean one, so the chain corrects no fall-off.
"""
from __future__ import annotations

import cv2
import numpy as np

from bench._photo_damage import TUNING_CASES, aged_case
from bench.photo import EXTRA, PHOTOS, _photo
from pipelines.photo.imaging import luma
from pipelines.photo.tone import _smoothed

SIDE = 128
INNER, OUTER = (0.2, 0.5), 0.7
SECTORS = 8


def falloff(rgb: np.ndarray) -> float:
    """The vignette strength v (1 - v r^2 model) the print's sectors agree on, median over SECTORS; about 0..0.3
    for a vignette alone, any sign for a scene. `rgb`: (H, W, 3) float [0, 1]."""
    y = luma(_smoothed(rgb))
    h, w = y.shape
    k = SIDE / max(h, w)
    y = cv2.resize(y, (max(8, round(w * k)), max(8, round(h * k))), interpolation=cv2.INTER_AREA)
    h, w = y.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r = np.hypot((xx - w / 2) / (w / 2), (yy - h / 2) / (h / 2)) / np.sqrt(2)
    sector = ((np.arctan2(yy - h / 2, xx - w / 2) + np.pi) / (2 * np.pi) * SECTORS).astype(int) % SECTORS
    inner_r2 = np.mean(np.square(INNER))  # mean r^2 of each ring, near enough for the model
    outer_r2 = (OUTER ** 2 + 1.0) / 2
    readings = []
    for s in range(SECTORS):
        inner = y[(sector == s) & (r > INNER[0]) & (r < INNER[1])]
        outer = y[(sector == s) & (r > OUTER)]
        if inner.size < 5 or outer.size < 5:
            continue
        q = np.percentile(outer, 90) / max(float(np.percentile(inner, 90)), 1e-3)
        readings.append((1 - q) / (outer_r2 - q * inner_r2))  # solves q = (1 - v outer_r2) / (1 - v inner_r2)
    return float(np.median(readings)) if readings else 0.0


def main() -> None:
    clean = {name: falloff(_photo(name)) for name in PHOTOS + EXTRA}
    print("undamaged photo           fall-off reading")
    for name, value in clean.items():
        print(f"{name:24} {value:+8.2f}")
    print(f"undamaged: median {np.median(list(clean.values())):+.2f}, range {min(clean.values()):+.2f} .. "
          f"{max(clean.values()):+.2f}")
    v, aged, truth = [], [], []
    print("\ntuning case               generator v  aged reading  clean reading")
    for name, seed in TUNING_CASES:
        true, print_ = aged_case(name, seed)
        v.append(print_.params.get("vignette", 0.0))
        aged.append(falloff(print_.image))
        truth.append(falloff(true))
        print(f"{name + ' #' + str(seed):24} {v[-1]:11.2f} {aged[-1]:+13.2f} {truth[-1]:+14.2f}", flush=True)
    v, aged, truth = map(np.asarray, (v, aged, truth))
    added = aged - truth
    print(f"\n{len(v)} tuning cases: correlation of the aged reading with v {np.corrcoef(v, aged)[0, 1]:+.2f}; of the "
          f"reading the damage added {np.corrcoef(v, added)[0, 1]:+.2f} (slope {np.polyfit(v, added, 1)[0]:.2f}, "
          f"scatter {added.std():.2f})")
    strong, faint = aged[v > 0.2], aged[v < 0.08]
    print(f"aged reading, v > 0.2 ({strong.size} cases): 10/50/90 % {np.round(np.percentile(strong, (10, 50, 90)), 2)}"
          f"; v < 0.08 ({faint.size} cases): {np.round(np.percentile(faint, (10, 50, 90)), 2)}")
    print(f"clean tuning photos' own reading: 10/50/90 % {np.round(np.percentile(truth, (10, 50, 90)), 2)}")


if __name__ == "__main__":
    main()
