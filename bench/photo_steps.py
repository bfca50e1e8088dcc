"""Where a damaged photo case is lost: `python -m bench.photo_steps NAME#SEED ...` (cases of bench/_photo_damage.py).

For each (photo, seed) case, the luma PSNR / SSIM against the undamaged photo of: the damaged print, the 10-line
OpenCV baseline (quality.opencv_baseline), and the CPU chain cut after each step (repair; repair+tone;
repair+tone+denoise; tone+denoise without the repair). Then the SSIM of the baseline and of the whole chain on the
regions of the undamaged photo (SSIM map of quality.ssim, Gaussian sigma 1.5): plain dark (local luma spread under
0.02 in a Gaussian window of sigma 3 px, local mean under 0.2), plain light (same spread, mean 0.2 or more), detail
(spread 0.02 or more) and the damage marks (dilated 2 px), each with the mean luma bias against the truth; and the
1st / 50th / 99th luma percentiles of truth, baseline and chain (a ground left lifted, whites not reached).
Nothing is tuned here: it reads figures. Without arguments it reads the cases the last whole run lost outside the
tuning split (bench/out/photo-landing7-end.txt).
"""
from __future__ import annotations

import sys

import cv2
import numpy as np

from bench._photo_damage import aged_case, luma
from pipelines.photo import quality
from pipelines.photo.chain import RestoreRequest, restore

CUTS = (("repair",), ("repair", "tone"), ("repair", "tone", "denoise"), ("tone", "denoise"))
LOST = ("hubble_deep_field#11", "hubble_deep_field#201", "minduka_present#11", "minduka_present#12",
        "minduka_present#201", "cell#201")


def ssim_map(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The per-pixel SSIM of two (H, W) [0, 1] pictures whose mean is quality.ssim() (without its 5 px border cut)."""
    a, b = a.astype(np.float64), b.astype(np.float64)
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    blur = lambda x: cv2.GaussianBlur(x, (11, 11), 1.5)  # noqa: E731
    mu_a, mu_b = blur(a), blur(b)
    var_a, var_b, cov = blur(a * a) - mu_a ** 2, blur(b * b) - mu_b ** 2, blur(a * b) - mu_a * mu_b
    return (2 * mu_a * mu_b + c1) * (2 * cov + c2) / ((mu_a ** 2 + mu_b ** 2 + c1) * (var_a + var_b + c2))


def regions(truth: np.ndarray, marks: np.ndarray) -> dict[str, np.ndarray]:
    t = luma(truth).astype(np.float32)
    mean = cv2.GaussianBlur(t, (0, 0), 3)
    spread = np.sqrt(np.maximum(cv2.GaussianBlur(t * t, (0, 0), 3) - mean * mean, 0))
    plain = spread < 0.02
    return {"plain dark": plain & (mean < 0.2), "plain light": plain & (mean >= 0.2), "detail": ~plain,
            "marks": cv2.dilate(marks.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)}


def case(name: str, seed: int) -> None:
    truth, aged = aged_case(name, seed)
    base = quality.opencv_baseline(aged.image)
    cuts = {"+".join(steps): restore(aged.image, RestoreRequest(steps=list(steps))).image for steps in CUTS}
    chain = cuts["repair+tone+denoise"]
    scores = [("damaged", aged.image), ("baseline", base)] + list(cuts.items())
    print(f"\n{name} #{seed} ({truth.shape[1]}x{truth.shape[0]}): "
          + " | ".join(f"{label} {p:.2f}/{s:.3f}" for label, image in scores
                       for p, s in [quality.luma_scores(image, truth)]))
    t = luma(truth)
    for label, image in (("baseline", base), ("chain", chain)):
        y = luma(image)
        m = ssim_map(y, t)
        parts = [f"{region} {mask.mean():.0%}: SSIM {m[mask].mean():.3f} bias {float((y - t)[mask].mean()):+.3f}"
                 for region, mask in regions(truth, aged.marks).items() if mask.any()]
        print(f"  {label:8} " + " | ".join(parts))
    print("  luma 1/50/99 %: " + " | ".join(f"{label} {np.percentile(luma(image), (1, 50, 99)).round(3)}"
                                             for label, image in (("truth", truth), ("baseline", base),
                                                                  ("chain", chain))))


def main(args: list[str]) -> None:
    for arg in args or LOST:
        name, seed = arg.split("#")
        case(name, int(seed))


if __name__ == "__main__":
    main(sys.argv[1:])
