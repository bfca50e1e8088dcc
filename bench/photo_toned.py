"""Toned prints with no faces: does the default restore leave a merely-toned print no worse, and a faded one better?

    python -m bench.photo_toned [--quick] [--out FILE] [--label START|END] [--old] [--tuning-only | --held-out-only]

A sepia-toned or yellowed print of a subject with its own warm or low-contrast colours and small bright details
(a cup on a wooden table, a deep-sky field of stars, a motorcycle's chrome, a temple's carvings, coins, a rocket on
its gantry, a stained tissue, a retina's vessels, a flower, a gift pack's ribbon), its original known. Three kinds of
print, by seed (seed % 3): 0 only toned (tone, yellowed paper, fine grain: nothing faded, no spot), 1 toned with
foxing (not faded), 2 toned, faded (black point lifted, white point sunk) and foxed. Tone strength, yellowing, fade,
spot count and size, grain and JPEG are drawn from the seed.

Split fixed before any change to the chain, by photo (bench/photo_sepia.py's photos, astronaut, grace_hopper and
chelsea, are not used): TONED_TUNING (coffee, hubble_deep_field, motorcycle_left, china, coins; seeds 1101-1103)
and TONED_HELD_OUT (rocket, immunohistochemistry, retina, flower, minduka_present; seeds 1151-1153), never tuned on.
Each photo is shrunk to SIDE px on its longer side (the bench stays quick on a shared machine).

Per case, before (as it came) and after the default restore (bench._photo_damage.default_restore):
- luma PSNR / SSIM against the original (the toning keeps luma: a chroma shift only, so the original's luma is the
  truth whether the restore keeps the tone or takes it off);
- details kept: the small bright details of the clean original (its luma's white top-hat, a disk of DETAIL_RADIUS px,
  DETAIL_LIFT or more over their surround) and the share of their pixels whose white top-hat on the print still
  reaches half the original's.
With `--old`, bench/photo_sepia.py's held-out split (already seen: reported, never tuned on) is run the same way.
"""
from __future__ import annotations

import sys
import zlib

import cv2
import numpy as np

from bench._photo_damage import SPOT_VISIBLE, _soft_blob, default_restore, packaged_photo
from bench._report import Report
from bench.photo_sepia import SEPIA_HELD_OUT, sepia_case, toned
from pipelines.photo import quality
from pipelines.photo.imaging import luma

TONED_TUNING = tuple((name, seed) for name in ("coffee", "hubble_deep_field", "motorcycle_left", "china", "coins")
                     for seed in (1101, 1102, 1103))
TONED_HELD_OUT = tuple((name, seed) for name in ("rocket", "immunohistochemistry", "retina", "flower",
                                                  "minduka_present") for seed in (1151, 1152, 1153))
KINDS = ("toned", "foxed", "faded")  # seed % 3
SIDE = 400
DETAIL_RADIUS = 3  # px: the white top-hat's disk (details up to about 6 px across)
DETAIL_LIFT = 0.12  # luma over the surround for a pixel to count as a small bright detail
DETAIL_KEPT = 0.5  # a detail pixel is kept when the print's top-hat there reaches this share of the original's


def clean_photo(name: str) -> np.ndarray:
    rgb = packaged_photo(name)
    h, w = rgb.shape[:2]
    k = SIDE / max(h, w)
    return cv2.resize(rgb, (round(w * k), round(h * k)), interpolation=cv2.INTER_AREA) if k < 1 else rgb


def toned_ageing(seed: int, name: str = "") -> dict:
    """The draw of one toned print of photo `name`: its kind (KINDS[seed % 3]), tone strength, paper yellowing,
    fade, foxing, grain, JPEG."""
    rng = np.random.default_rng(seed * 11 + 7 + zlib.crc32(name.encode()) % 997)
    kind = KINDS[seed % 3]
    p = {"kind": kind, "tone": float(rng.uniform(0.3, 1.0)), "yellow": float(rng.uniform(0.0, 0.12)),
         "black": 0.0, "white": 1.0, "clusters": 0, "spots": 0, "big": float(rng.uniform(0.05, 0.3)),
         "grain": float(rng.uniform(0.002, 0.01)), "jpeg": int(rng.integers(75, 93)) if rng.random() < 0.5 else 0}
    if kind == "faded":
        p["black"], p["white"] = float(rng.uniform(0.05, 0.22)), float(rng.uniform(0.78, 0.95))
    if kind != "toned":
        p["clusters"], p["spots"] = int(rng.integers(1, 4)), int(rng.integers(3, 30))
    return p


def toned_case(name: str, seed: int) -> tuple[np.ndarray, np.ndarray, dict]:
    """(clean photo, aged toned print, the draw). Float32 (H, W, 3) [0, 1]."""
    from skimage.color import rgb2lab

    p = toned_ageing(seed, name)
    truth = clean_photo(name)
    rng = np.random.default_rng(seed + zlib.crc32(name.encode()) % 1000)
    h, w = truth.shape[:2]
    out = toned(truth, p["tone"])
    out = out * np.array([1.0, 1 - 0.3 * p["yellow"], 1 - p["yellow"]], np.float32)
    out = p["black"] + (p["white"] - p["black"]) * out
    unstained = out.copy()
    for _ in range(p["clusters"]):
        cx, cy, spread = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.03, 0.15) * min(h, w)
        for _ in range(p["spots"]):
            size = rng.uniform(8, 20) if rng.random() < p["big"] else rng.uniform(2, 7)
            x, y = cx + rng.normal(0, spread), cy + rng.normal(0, spread)
            alpha = _soft_blob(h, w, rng, x, y, size / 2, rng.uniform(0.4, 1.0), 0.15)
            rust = np.array([rng.uniform(0.55, 0.7), rng.uniform(0.33, 0.45), rng.uniform(0.15, 0.25)], np.float32)
            a = np.clip(alpha * rng.uniform(0.25, 0.8), 0, 1)[..., None]
            out = out * (1 - a) + a * rust
    moved = np.linalg.norm(rgb2lab(np.clip(out, 0, 1)) - rgb2lab(np.clip(unstained, 0, 1)), axis=-1)
    p["marks"] = moved >= SPOT_VISIBLE
    out = np.clip(out + p["grain"] * rng.normal(0, 1, (h, w)).astype(np.float32)[..., None], 0, 1)
    if p["jpeg"]:
        u8 = cv2.cvtColor(np.clip(out * 255 + 0.5, 0, 255).astype(np.uint8), cv2.COLOR_RGB2BGR)
        ok, data = cv2.imencode(".jpg", u8, [cv2.IMWRITE_JPEG_QUALITY, p["jpeg"]])
        out = cv2.cvtColor(cv2.imdecode(data, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB).astype(np.float32) / 255.0
    return truth, out.astype(np.float32), p


def top_hat(rgb: np.ndarray) -> np.ndarray:
    """(H, W) float32: the white top-hat of `rgb`'s luma, a disk of DETAIL_RADIUS px."""
    disk = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * DETAIL_RADIUS + 1,) * 2)
    return cv2.morphologyEx(luma(np.clip(rgb, 0, 1)).astype(np.float32), cv2.MORPH_TOPHAT, disk)


def details_kept(truth: np.ndarray, out: np.ndarray, spots: np.ndarray | None = None) -> float:
    """Share (0..1) of the original's small bright detail pixels (top-hat >= DETAIL_LIFT, away from `spots`) whose
    top-hat on `out` reaches DETAIL_KEPT of the original's. 1.0 when the original has none."""
    th = top_hat(truth)
    mask = th >= DETAIL_LIFT
    if spots is not None:
        mask &= ~cv2.dilate(spots.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    if not mask.any():
        return 1.0
    return float((top_hat(out)[mask] >= DETAIL_KEPT * th[mask]).mean())


def run_split(label: str, cases, make, say) -> list[tuple]:
    say(f"\n{label}: {len(cases)} prints")
    say(f"{'case':30} {'kind':>6} {'steps':>6} {'dB':>13} {'SSIM':>13} {'details':>13}")
    rows = []
    for name, seed in cases:
        truth, aged, p = make(name, seed)
        d0, s0 = quality.luma_scores(aged, truth)
        k0 = details_kept(truth, aged, p.get("marks"))
        out, steps, _, _ = default_restore(aged)
        d1, s1 = quality.luma_scores(out, truth)
        k1 = details_kept(truth, out, p.get("marks"))
        rows.append((d0, d1, s0, s1, k0, k1, p.get("kind", "sepia")))
        say(f"{name + ' #' + str(seed):30} {p.get('kind', 'sepia'):>6} {''.join(s[0] for s in steps):>6} "
            f"{d0:6.2f}>{d1:6.2f} {s0:.3f}>{s1:.3f} {k0:6.1%}>{k1:6.1%}")
    med = lambda i, rs=rows: float(np.median([r[i] for r in rs]))  # noqa: E731
    say(f"{label} medians: dB {med(0):.2f} -> {med(1):.2f}, SSIM {med(2):.3f} -> {med(3):.3f}, details kept "
        f"{med(4):.1%} -> {med(5):.1%}; worse by 0.5 dB or more: {sum(r[1] < r[0] - 0.5 for r in rows)}/{len(rows)}, "
        f"worst change {min(r[1] - r[0] for r in rows):+.2f} dB")
    for kind in KINDS:
        rs = [r for r in rows if r[6] == kind]
        if rs:
            say(f"  {kind}: dB {med(0, rs):.2f} -> {med(1, rs):.2f}, SSIM {med(2, rs):.3f} -> {med(3, rs):.3f}, "
                f"details {med(4, rs):.1%} -> {med(5, rs):.1%} (worst change {min(r[1] - r[0] for r in rs):+.2f} dB)")
    return rows


def main(argv: list[str]) -> None:
    report = Report()
    say = report.say
    pick, label = report.opening(argv)
    if "--held-out-only" not in argv:
        run_split("toned, no faces, tuning", pick(TONED_TUNING), toned_case, say)
    if "--tuning-only" not in argv:
        run_split("toned, no faces, held-out", pick(TONED_HELD_OUT), toned_case, say)
    if "--old" in argv:
        run_split("sepia portraits, old held-out (seen)", pick(SEPIA_HELD_OUT), sepia_case, say)
    report.write(argv, append=True)


if __name__ == "__main__":
    main(sys.argv[1:])
