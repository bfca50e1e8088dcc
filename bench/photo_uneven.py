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

`--more` prints the two answers tried next, with the generator's own v as ground truth:
- a second measure, radial gradient symmetry (Zheng, Lin, Kang et al., "Single-image vignetting correction using
  radial gradient symmetry", CVPR 2008): in a scene the radial derivatives of the log luma are as often positive
  as negative, a fall-off 1 - v r^2 adds -2 v r / (1 - v r^2) to every one of them; the reading is minus the median
  of the radial derivative over 2 r (r 0.3-0.98, luma above 0.05, on the grain-free copy shrunk to 256 px);
- a correction the patron would tick (default off) at the slider's default, v = TICKED taken off before the levels
  (each pixel divided by 1 - v r^2): luma PSNR / SSIM against the undamaged photo on the tuning prints with
  v >= 0.2 and v < 0.08, and against the photo itself on the undamaged set when ticked by mistake (30 dB: unharmed).
Read in bench/out/photo-uneven-p-tone3.txt: the reading correlates +0.30 with v and clean photos spread over
-0.35..+0.47 (10-90 %), wider than v itself; the ticked correction gains a median 0.6 dB on the vignetted prints but
takes 11 of the 18 undamaged photos under 30 dB, so the page offers no such box.
"""
from __future__ import annotations

import sys

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


def radial_symmetry(rgb: np.ndarray, side: int = 256) -> float:
    """The fall-off v (1 - v r^2) that makes the radial log-luma derivatives of a print symmetric about 0 (median),
    about 0..0.3 for a vignette alone, any sign for a scene. `rgb`: (H, W, 3) float [0, 1]."""
    y = luma(_smoothed(rgb))
    h, w = y.shape
    k = side / max(h, w)
    y = cv2.resize(y, (max(8, round(w * k)), max(8, round(h * k))), interpolation=cv2.INTER_AREA)
    h, w = y.shape
    log = np.log(np.maximum(y, 0.02))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    dx, dy = (xx - w / 2) / (w / 2) / np.sqrt(2), (yy - h / 2) / (h / 2) / np.sqrt(2)
    r = np.hypot(dx, dy)
    gx = cv2.Sobel(log, cv2.CV_32F, 1, 0, ksize=3) / 8 * (w / 2) * np.sqrt(2)  # per unit of r along x
    gy = cv2.Sobel(log, cv2.CV_32F, 0, 1, ksize=3) / 8 * (h / 2) * np.sqrt(2)
    radial = (gx * dx + gy * dy) / np.maximum(r, 1e-3)
    keep = (r > 0.3) & (r < 0.98) & (y > 0.05)
    return float(-np.median(radial[keep] / (2 * r[keep]))) if keep.any() else 0.0


TICKED = 0.15  # the fall-off a ticked correction would take off at the slider's default (the generator's mean v)


def lift_falloff(rgb: np.ndarray, v: float) -> np.ndarray:
    """Each pixel divided by 1 - v r^2 (r 0 at the centre, 1 in the corners), float32 RGB: the inverse of the
    generator's fall-off."""
    h, w = rgb.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r2 = (((xx + 0.5 - w / 2) / (w / 2)) ** 2 + ((yy + 0.5 - h / 2) / (h / 2)) ** 2) / 2
    return np.clip(rgb / (1.0 - v * r2)[..., None], 0, 1).astype(np.float32)


def _tone_and_grain(repaired: np.ndarray, old: bool, keep: bool | None, falloff: float) -> np.ndarray:
    from pipelines.photo import tone

    rgb = lift_falloff(repaired, falloff) if falloff > 0 else repaired
    return tone.denoise(tone.revive(rgb, 0.5, old=old, keep_tone=keep), 0.5, old=old)


def more() -> None:
    """The radial-symmetry reading and the ticked correction (module docstring, `--more`)."""
    from pipelines.photo import quality, tone
    from pipelines.photo.chain import RestoreRequest, restore

    clean = {name: _photo(name) for name in PHOTOS + EXTRA}
    readings = {name: radial_symmetry(rgb) for name, rgb in clean.items()}
    print("\nundamaged photo           radial-symmetry reading   ticked correction: PSNR dB / SSIM vs the photo")
    harmed = []
    for name, rgb in clean.items():
        old = tone.looks_old(rgb)
        repaired = restore(rgb, RestoreRequest(steps=["repair"])).image
        ticked = _tone_and_grain(repaired, old, tone.keeps_tone(rgb, old=old), TICKED)
        p, s = quality.luma_scores(ticked, rgb)
        harmed += [name] if p < 30 else []
        print(f"{name:24} {readings[name]:+10.2f}  {p:28.2f} / {s:.3f}", flush=True)
    values = np.asarray(list(readings.values()))
    print(f"undamaged: reading 10/50/90 % {np.round(np.percentile(values, (10, 50, 90)), 2)}; ticked by mistake, "
          f"{len(harmed)} of {len(clean)} fall under 30 dB")
    v, aged_reading, gain = [], [], []
    print("\ntuning case               generator v  reading   chain dB/SSIM   ticked dB/SSIM   gain dB")
    for name, seed in TUNING_CASES:
        truth, print_ = aged_case(name, seed)
        image = print_.image
        old = tone.looks_old(image)
        keep = tone.keeps_tone(image, old=old)
        repaired = restore(image, RestoreRequest(steps=["repair"])).image
        off = quality.luma_scores(_tone_and_grain(repaired, old, keep, 0.0), truth)
        on = quality.luma_scores(_tone_and_grain(repaired, old, keep, TICKED), truth)
        v.append(print_.params.get("vignette", 0.0))
        aged_reading.append(radial_symmetry(image))
        gain.append((on[0] - off[0], on[1] - off[1]))
        print(f"{name + ' #' + str(seed):24} {v[-1]:11.2f} {aged_reading[-1]:+8.2f}   {off[0]:6.2f}/{off[1]:.3f}"
              f"   {on[0]:6.2f}/{on[1]:.3f}  {gain[-1][0]:+7.2f}", flush=True)
    v, aged_reading, gain = np.asarray(v), np.asarray(aged_reading), np.asarray(gain)
    print(f"\n{len(v)} tuning cases: correlation of the radial-symmetry reading with v "
          f"{np.corrcoef(v, aged_reading)[0, 1]:+.2f}; v > 0.2: 10/50/90 % "
          f"{np.round(np.percentile(aged_reading[v > 0.2], (10, 50, 90)), 2)}, v < 0.08: "
          f"{np.round(np.percentile(aged_reading[v < 0.08], (10, 50, 90)), 2)}")
    for label, sel in (("v >= 0.2", v >= 0.2), ("v < 0.08", v < 0.08)):
        g = gain[sel]
        better, worse = int((g[:, 0] > 0).sum()), int((g[:, 0] <= -0.5).sum())
        print(f"ticked correction on the tuning prints with {label} ({sel.sum()}): median gain "
              f"{np.median(g[:, 0]):+.2f} dB, SSIM {np.median(g[:, 1]):+.3f}; better on {better}, worse by 0.5 dB or "
              f"more on {worse}")


def main() -> None:
    if "--more" in sys.argv[1:]:
        more()
        return
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
