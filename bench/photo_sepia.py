"""Sepia portrait prints with foxing: do the faces keep their eyes and their skin?

    python -m bench.photo_sepia [--quick] [--out FILE] [--label START|END]

A sepia-toned portrait with foxing (rust-brown spots, some of them by the eyes), a yellowed paper and a fade, its
original known. Split fixed before any tuning: SEPIA_TUNING (TUNING photos with faces: astronaut, and the drawn
face over astronaut; seeds 901-904) and SEPIA_HELD_OUT (HELD_OUT photos with faces: grace_hopper, chelsea, and
the drawn face over grace_hopper; seeds 951-953), never tuned on.

Per case, for the default restore (the steps the analysis ticks, at the default strength) and for the same with
« Raviver » ticked (the tone step added when the analysis left it off):
- skin clipped: the share of skin pixels (a fixed box per face, eyes left out) whose 8-bit luma is 250 or more
  after the restore, among those under 240 on the original: highlights clipped to paper white;
- luma PSNR / SSIM against the original: the toning is drawn so that it keeps luma (a chroma shift only), so the
  original's luma is the truth whether the restore keeps the tone or takes it off;
- eyes dB: luma PSNR over a box round each eye (fixed per photo; the drawn face's from its geometry, FACE_EYES).
"""
from __future__ import annotations

import sys

import cv2
import numpy as np

from bench._report import Report
from bench._photo_damage import FACE_EYES, SPOT_VISIBLE, _soft_blob, cartoon, default_restore, packaged_photo
from pipelines.photo import quality
from pipelines.photo.imaging import luma

# Face geometry per photo, in pixels of packaged_photo() (x0, y0, x1, y1): each eye's box and the skin's box.
CARTOON_SIDE = 512
_DRAWN_EYES = tuple((int((x - 2.2 * r) * CARTOON_SIDE), int((y - 2.2 * r) * CARTOON_SIDE),
                     int((x + 2.2 * r) * CARTOON_SIDE), int((y + 2.2 * r) * CARTOON_SIDE)) for x, y, r in FACE_EYES)
FACES = {
    "astronaut": {"eyes": ((195, 88, 225, 114), (230, 88, 260, 114)), "skin": (190, 78, 268, 158)},
    "grace_hopper": {"eyes": ((192, 175, 248, 218), (272, 175, 328, 218)), "skin": (165, 140, 350, 300)},
    "chelsea": {"eyes": ((130, 78, 210, 152), (290, 100, 350, 168)), "skin": (100, 40, 390, 270)},
    "drawn": {"eyes": _DRAWN_EYES, "skin": (180, 120, 332, 280)},
}
SEPIA_TUNING = tuple((name, seed) for name in ("astronaut", "astronaut@face") for seed in (901, 902, 903, 904))
SEPIA_HELD_OUT = tuple((name, seed) for name in ("grace_hopper", "chelsea", "grace_hopper@face")
                       for seed in (951, 952, 953))
SEPIA_HUE = np.array([0.14, -0.04, -0.16], np.float32)  # an RGB shift of zero Rec. 601 luma, towards brown
CLIPPED, UNCLIPPED = 250, 240  # 8-bit luma: clipped at or over CLIPPED, among pixels under UNCLIPPED on the original


def face_of(name: str) -> dict:
    return FACES["drawn" if name.endswith("@face") else name.split("@")[0]]


def portrait(name: str) -> np.ndarray:
    """The clean portrait of a case name: a packaged photo, or "X@face" the drawn face over photo X's ground."""
    base = packaged_photo(name.split("@")[0])
    return cartoon(base, CARTOON_SIDE) if name.endswith("@face") else base


def sepia_ageing(seed: int) -> dict:
    """The draw of one aged sepia print: tone strength, paper yellowing, fade (black point lifted, white point
    sunk), foxing (clusters, spot sizes, density, spots by the eyes), grain, JPEG."""
    rng = np.random.default_rng(seed * 7 + 3)
    return {"tone": float(rng.uniform(0.5, 1.0)), "yellow": float(rng.uniform(0.0, 0.12)),
            "black": float(rng.uniform(0.03, 0.2)), "white": float(rng.uniform(0.82, 0.97)),
            "clusters": int(rng.integers(1, 4)), "spots": int(rng.integers(5, 35)),
            "big": float(rng.uniform(0.1, 0.4)), "by_eyes": int(rng.integers(1, 4)),
            "grain": float(rng.uniform(0.003, 0.012)), "jpeg": int(rng.integers(75, 93)) if rng.random() < 0.5 else 0}


def toned(rgb: np.ndarray, strength: float) -> np.ndarray:
    """`rgb` sepia-toned at `strength` 0..1: its luma, shifted towards brown most in the mid-tones (luma kept). At
    strength 1 the mid-tones read a* 12-15, b* 20-24 (a real sepia print of tests/photo/data: b* 27), at 0.5 half."""
    y = luma(rgb)[..., None]
    return np.clip(y + strength * 4 * y * (1 - y) * SEPIA_HUE, 0, 1).astype(np.float32)


def sepia_case(name: str, seed: int) -> tuple[np.ndarray, np.ndarray, dict]:
    """(clean portrait, aged sepia print with foxing, the draw). Float32 (H, W, 3) [0, 1]."""
    import zlib

    p = sepia_ageing(seed)
    truth = portrait(name)
    rng = np.random.default_rng(seed + zlib.crc32(name.encode()) % 1000)
    h, w = truth.shape[:2]
    out = toned(truth, p["tone"])
    out = out * np.array([1.0, 1 - 0.3 * p["yellow"], 1 - p["yellow"]], np.float32)  # the paper yellowed
    out = p["black"] + (p["white"] - p["black"]) * out  # faded
    unstained = out.copy()
    rust_spots = []
    for _ in range(p["clusters"]):
        cx, cy, spread = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.03, 0.15) * min(h, w)
        for _ in range(p["spots"]):
            size = rng.uniform(8, 24) if rng.random() < p["big"] else rng.uniform(2, 8)
            rust_spots.append((cx + rng.normal(0, spread), cy + rng.normal(0, spread), size))
    for _ in range(p["by_eyes"]):
        x0, y0, x1, y1 = face_of(name)["eyes"][int(rng.integers(0, 2))]
        rust_spots.append((rng.uniform(x0 - 6, x1 + 6), rng.uniform(y0 - 6, y1 + 6), rng.uniform(3, 12)))
    for x, y, size in rust_spots:
        alpha = _soft_blob(h, w, rng, x, y, size / 2, rng.uniform(0.4, 1.0), 0.15)
        core = _soft_blob(h, w, rng, x, y, size / 4, 0.8, 0.1)
        rust = np.array([rng.uniform(0.55, 0.7), rng.uniform(0.33, 0.45), rng.uniform(0.15, 0.25)], np.float32)
        a = np.clip((alpha + 0.3 * core) * rng.uniform(0.25, 0.8), 0, 1)[..., None]
        out = out * (1 - a) + a * rust
    from skimage.color import rgb2lab

    moved = np.linalg.norm(rgb2lab(np.clip(out, 0, 1)) - rgb2lab(np.clip(unstained, 0, 1)), axis=-1)
    p["marks"] = moved >= SPOT_VISIBLE  # the foxing's pixels: moved SPOT_VISIBLE (CIE76 ΔE) or more
    out = np.clip(out + p["grain"] * rng.normal(0, 1, (h, w)).astype(np.float32)[..., None], 0, 1)
    if p["jpeg"]:
        u8 = cv2.cvtColor(np.clip(out * 255 + 0.5, 0, 255).astype(np.uint8), cv2.COLOR_RGB2BGR)
        ok, data = cv2.imencode(".jpg", u8, [cv2.IMWRITE_JPEG_QUALITY, p["jpeg"]])
        out = cv2.cvtColor(cv2.imdecode(data, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB).astype(np.float32) / 255.0
    p["spots_drawn"] = len(rust_spots)
    return truth, out.astype(np.float32), p


def skin_mask(name: str, truth: np.ndarray) -> np.ndarray:
    x0, y0, x1, y1 = face_of(name)["skin"]
    mask = np.zeros(truth.shape[:2], bool)
    mask[y0:y1, x0:x1] = True
    for ex0, ey0, ex1, ey1 in face_of(name)["eyes"]:
        mask[ey0:ey1, ex0:ex1] = False
    return mask & (luma(truth) * 255 < UNCLIPPED)


def figures(name: str, truth: np.ndarray, out: np.ndarray) -> tuple[float, float, float, float]:
    """(skin clipped share, luma PSNR, SSIM, eyes' luma PSNR) of a restored print `out`."""
    y = luma(np.clip(out, 0, 1)) * 255
    skin = skin_mask(name, truth)
    clipped = float((y[skin] >= CLIPPED - 0.5).mean()) if skin.any() else 0.0
    db, ssim = quality.luma_scores(out, truth)
    eyes = np.zeros(truth.shape[:2], bool)
    for x0, y0, x1, y1 in face_of(name)["eyes"]:
        eyes[y0:y1, x0:x1] = True
    eye_db = quality.psnr(luma(np.clip(out, 0, 1))[eyes], luma(truth)[eyes])
    return clipped, db, ssim, eye_db


def restore_with_tone(rgb: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """The restore with « Raviver » ticked: the analysis's steps among the default ones, the tone step added."""
    from bench._photo_damage import DEFAULT_STEPS
    from pipelines.photo.analysis import analyse
    from pipelines.photo.chain import RestoreRequest, restore

    found, _ = analyse(rgb)
    steps = [s for s in found.suggested_steps() if s in DEFAULT_STEPS]
    steps = [s for s in DEFAULT_STEPS if s in steps or s == "tone"]
    return restore(rgb, RestoreRequest(steps=steps)).image, steps


def run_split(label: str, cases, say) -> list[tuple]:
    say(f"\n{label}: {len(cases)} sepia portraits with foxing")
    say(f"{'case':22} {'steps':>6} {'clip':>12} {'dB':>13} {'SSIM':>13} {'eyes dB':>13} | "
        f"{'tone on':>7} {'clip':>6} {'dB':>6} {'SSIM':>6} {'eyes':>6}")
    rows = []
    for name, seed in cases:
        truth, aged, p = sepia_case(name, seed)
        c0, d0, s0, e0 = figures(name, truth, aged)
        out, steps, _, _ = default_restore(aged)
        c1, d1, s1, e1 = figures(name, truth, out)
        toned_out, tsteps = restore_with_tone(aged)
        c2, d2, s2, e2 = figures(name, truth, toned_out)
        short = "".join(s[0] for s in steps)
        rows.append((c0, c1, d0, d1, s0, s1, e0, e1, c2, d2, s2, e2))
        say(f"{name + ' #' + str(seed):22} {short:>6} {c0:5.1%}>{c1:5.1%} {d0:6.2f}>{d1:6.2f} {s0:.3f}>{s1:.3f} "
            f"{e0:6.2f}>{e1:6.2f} | {''.join(s[0] for s in tsteps):>7} {c2:6.1%} {d2:6.2f} {s2:6.3f} {e2:6.2f}")
    med = lambda i: float(np.median([r[i] for r in rows]))  # noqa: E731
    worst = lambda i: float(max(r[i] for r in rows))  # noqa: E731
    say(f"{label} medians, default restore: skin clipped {med(0):.1%} -> {med(1):.1%} (worst {worst(1):.1%}), "
        f"dB {med(2):.2f} -> {med(3):.2f}, SSIM {med(4):.3f} -> {med(5):.3f}, eyes dB {med(6):.2f} -> {med(7):.2f} "
        f"(lowest {min(r[7] for r in rows):.2f})")
    say(f"{label} medians, « Raviver » ticked: skin clipped {med(8):.1%} (worst {worst(8):.1%}), dB {med(9):.2f}, "
        f"SSIM {med(10):.3f}, eyes dB {med(11):.2f} (lowest {min(r[11] for r in rows):.2f})")
    return rows


def main(argv: list[str]) -> None:
    report = Report()
    say = report.say
    pick, label = report.opening(argv)
    run_split("tuning", pick(SEPIA_TUNING), say)
    run_split("held-out", pick(SEPIA_HELD_OUT), say)
    report.write(argv, append=True)  # START and END blocks go one after the other in bench/out/photo-sepia.txt


if __name__ == "__main__":
    main(sys.argv[1:])
