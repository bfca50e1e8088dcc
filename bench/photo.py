"""Old photos benchmark: `python -m bench.photo` (prints measured figures; nothing is hard-coded).

1. CPU chain vs the 10-line OpenCV baseline on self-damaged scikit-image photographs (luma PSNR / SSIM):
   the 6 benchmark photos, then every other photograph or scan scikit-image ships offline.
   'Do no harm': the same chain on the UNDAMAGED photos must leave them as they are (PSNR / SSIM
   against the input, and the share of pixels wrongly marked as scratches or dust).
2. Colour hints on 1 % of the pixels: ab PSNR and time, fast solver vs plain scipy spsolve (same run).
3. A 12-megapixel scan coloured from hints: seconds and peak memory (in a child process, so the
   figure is that run's own peak). `--quick` skips the spsolve reference and the 12 MP run.
"""
from __future__ import annotations

import time

import numpy as np

from pipelines.photo import hints, quality
from pipelines.photo.chain import RestoreRequest, restore
from pipelines.photo.imaging import rgb_to_lab

PHOTOS = ("astronaut", "coffee", "chelsea", "camera", "rocket", "immunohistochemistry")
# Every other real photograph or scan in scikit-image that loads without a download (cat is chelsea again;
# horse, logo, checkerboard... are drawings or synthetic). Mixed on purpose: textures, a page, a star field.
EXTRA = ("brick", "grass", "gravel", "retina", "moon", "page", "text", "coins", "clock", "stereo_motorcycle",
         "hubble_deep_field", "cell")
STEPS = ["repair", "tone", "denoise"]  # the whole CPU chain at the default strength


def _photo(name):
    import skimage.data

    image = getattr(skimage.data, name)()
    if isinstance(image, tuple):  # stereo_motorcycle: (left, right, disparity)
        image = image[0]
    image = np.stack([image] * 3, -1) if image.ndim == 2 else image[..., :3]
    return image.astype(np.float32) / 255


def chain_table(names=PHOTOS) -> int:
    """Luma PSNR/SSIM of damaged input, baseline and CPU chain; returns how many photos the chain wins."""
    print(f"{'photo':22} {'damaged':>13} {'baseline':>13} {'CPU chain':>13} {'dB vs base':>10} "
          f"{'SSIM ratio':>10} {'s base':>7} {'s chain':>7}  beats baseline")
    wins = 0
    for name in names:
        truth = _photo(name)
        damaged = quality.damage(truth, seed=1)
        start = time.perf_counter()
        base = quality.opencv_baseline(damaged)
        t_base = time.perf_counter() - start
        start = time.perf_counter()
        out = restore(damaged, RestoreRequest(steps=STEPS)).image
        t_chain = time.perf_counter() - start
        rows = [quality.luma_scores(x, truth) for x in (damaged, base, out)]
        win = rows[2][0] > rows[1][0] and rows[2][1] > rows[1][1]
        wins += win
        print(f"{name:22} " + " ".join(f"{p:6.2f}/{s:.3f}" for p, s in rows)
              + f" {rows[2][0] - rows[1][0]:+10.2f} {rows[2][1] / rows[1][1]:10.3f} {t_base:7.2f} {t_chain:7.2f}"
              + f"  {'yes' if win else 'NO'}")
    print(f"CPU chain beats the baseline on both figures on {wins} of {len(names)} photos")
    return wins


def no_harm_table(names=PHOTOS + EXTRA) -> int:
    """The CPU chain on undamaged photos: PSNR/SSIM against the input and false damage marks; returns the failures."""
    from pipelines.photo import repair

    print(f"{'undamaged photo':22} {'PSNR dB':>8} {'SSIM':>6} {'marked %':>8} {'s':>5}  unharmed (>= 30 dB)")
    failures = 0
    for name in names:
        truth = _photo(name)
        start = time.perf_counter()
        out = restore(truth, RestoreRequest(steps=STEPS)).image
        seconds = time.perf_counter() - start
        p, s = quality.luma_scores(out, truth)
        marked = repair.find_damage(truth).fraction * 100
        failures += p < 30
        print(f"{name:22} {min(p, 99):8.2f} {s:6.3f} {marked:8.2f} {seconds:5.1f}  {'yes' if p >= 30 else 'NO'}")
    print(f"{len(names) - failures} of {len(names)} undamaged photos come out unharmed")
    return failures


def hints_table(quick: bool = False) -> None:
    truth = _photo("astronaut")
    lab = rgb_to_lab(truth)
    mask = np.random.default_rng(0).random(truth.shape[:2]) < 0.01
    y, ab = lab[..., 0] / 100, lab[..., 1:]
    start = time.perf_counter()
    fast = hints.solve(y, mask, ab)
    t_fast = time.perf_counter() - start
    print(f"{'colour hints 512x512, 1 % points':34} {'seconds':>8} {'ab PSNR dB':>10}")
    print(f"{'fast solver (app)':34} {t_fast:8.2f} {quality.psnr(fast, ab, 255):10.2f}")
    if quick:
        return
    start = time.perf_counter()
    ref = hints.levin_spsolve(y.astype(np.float64), mask, ab.astype(np.float64))
    t_ref = time.perf_counter() - start
    print(f"{'plain Levin, scipy spsolve':34} {t_ref:8.2f} {quality.psnr(ref, ab, 255):10.2f}")
    print(f"speed-up x{t_ref / t_fast:.1f} (target >= 10), ab PSNR of the app "
          f"{quality.psnr(fast, ab, 255):.2f} dB (target >= 29)")


def _colour_12mp() -> None:
    """Child process: colour a 12 MP scan (4000x3000, astronaut enlarged) from 1 % hints."""
    import resource

    import cv2

    truth = cv2.resize(_photo("astronaut"), (4000, 3000), interpolation=cv2.INTER_CUBIC)
    lab = rgb_to_lab(truth)
    mask = np.random.default_rng(0).random(truth.shape[:2]) < 0.01
    grey = np.repeat(truth.mean(axis=2, keepdims=True), 3, axis=2)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    out = hints.colorize(grey, mask, lab[..., 1:])
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ab_psnr = quality.psnr(rgb_to_lab(out)[..., 1:], lab[..., 1:], 255)
    print(f"12 MP scan (4000x3000) from 1 % hints: {seconds:.1f} s (target < 60), ab PSNR {ab_psnr:.2f} dB, "
          f"peak RSS {peak / 1024:.0f} MiB (inputs alone {before / 1024:.0f} MiB)")


def colour_12mp_table() -> None:
    """Run the 12 MP colourisation in a fresh process, so its peak memory is its own."""
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", "from bench.photo import _colour_12mp; _colour_12mp()"], check=True)


if __name__ == "__main__":
    import sys

    quick = "--quick" in sys.argv
    chain_table()
    chain_table(EXTRA)
    no_harm_table()
    hints_table(quick)
    if not quick:
        colour_12mp_table()
