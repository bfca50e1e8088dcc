"""Old photos benchmark: `python -m bench.photo` (prints measured figures; nothing is hard-coded).

1. CPU chain vs the 10-line OpenCV baseline on self-damaged scikit-image photographs (luma PSNR / SSIM).
2. Colour hints on 1 % of the pixels: ab PSNR and time, fast solver vs plain scipy spsolve (same run).
"""
from __future__ import annotations

import time

import numpy as np

from pipelines.photo import hints, quality
from pipelines.photo.chain import RestoreRequest, restore
from pipelines.photo.imaging import rgb_to_lab

PHOTOS = ("astronaut", "coffee", "chelsea", "camera", "rocket", "immunohistochemistry")


def _photo(name):
    import skimage.data

    image = getattr(skimage.data, name)()
    image = np.stack([image] * 3, -1) if image.ndim == 2 else image[..., :3]
    return image.astype(np.float32) / 255


def chain_table() -> None:
    print(f"{'photo':22} {'damaged':>14} {'baseline':>14} {'CPU chain':>14}  beats baseline")
    for name in PHOTOS:
        truth = _photo(name)
        damaged = quality.damage(truth, seed=1)
        rows = [quality.luma_scores(x, truth) for x in (damaged, quality.opencv_baseline(damaged), restore(
            damaged, RestoreRequest(steps=["repair", "tone", "denoise"])).image)]
        wins = rows[2][0] > rows[1][0] and rows[2][1] > rows[1][1]
        print(f"{name:22} " + " ".join(f"{p:6.2f}/{s:.3f}" for p, s in rows) + f"  {'yes' if wins else 'NO'}")


def hints_table() -> None:
    truth = _photo("astronaut")
    lab = rgb_to_lab(truth)
    mask = np.random.default_rng(0).random(truth.shape[:2]) < 0.01
    y, ab = lab[..., 0] / 100, lab[..., 1:]
    start = time.perf_counter()
    fast = hints.solve(y, mask, ab)
    t_fast = time.perf_counter() - start
    start = time.perf_counter()
    ref = hints.levin_spsolve(y.astype(np.float64), mask, ab.astype(np.float64))
    t_ref = time.perf_counter() - start
    print(f"hints 512x512, 1 % points: fast {t_fast:.2f} s, ab PSNR {quality.psnr(fast, ab, 255):.2f} dB | "
          f"spsolve {t_ref:.2f} s, ab PSNR {quality.psnr(ref, ab, 255):.2f} dB | speed-up x{t_ref / t_fast:.1f}")


if __name__ == "__main__":
    chain_table()
    hints_table()
