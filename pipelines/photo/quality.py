"""Quality figures for the benchmark and the tests: a reproducible 'old photo' damage, PSNR, SSIM, a baseline."""
from __future__ import annotations

import cv2
import numpy as np

from .imaging import luma


def damage(rgb: np.ndarray, seed: int = 0, fade: float = 0.35, blur: float = 0.8, grain: float = 0.035,
           scratches: int = 6, dust: int = 120, yellow: float = 0.08) -> np.ndarray:
    """An old-photo version of a clean photo: faded, yellowed, slightly blurred, grainy, scratched, dusty."""
    rng = np.random.default_rng(seed)
    h, w = rgb.shape[:2]
    out = cv2.GaussianBlur(rgb.astype(np.float32), (0, 0), blur) if blur else rgb.astype(np.float32).copy()
    out = out * (1 - fade) + fade * 0.45  # contrast squeezed towards a grey
    out = (out * np.array([1.0, 1.0 - yellow * 0.3, 1.0 - yellow], np.float32)
           + np.array([yellow * 0.4, yellow * 0.2, 0], np.float32))
    out = out + rng.normal(0, grain, (h, w, 1)).astype(np.float32)
    marks = np.zeros((h, w), np.float32)
    for _ in range(scratches):
        x0, y0 = rng.integers(0, w), rng.integers(0, h // 3)
        x1, y1 = int(np.clip(x0 + rng.integers(-w // 6, w // 6), 0, w - 1)), rng.integers(h // 2, h)
        cv2.line(marks, (int(x0), int(y0)), (int(x1), int(y1)), float(rng.choice([-1, 1])), 1, cv2.LINE_AA)
    for _ in range(dust):
        cx, cy = int(rng.integers(0, w)), int(rng.integers(0, h))
        cv2.circle(marks, (cx, cy), int(rng.integers(1, 3)), float(rng.choice([-1, 1])), -1, cv2.LINE_AA)
    out = out + marks[..., None] * 0.55
    return np.clip(out, 0, 1).astype(np.float32)


def psnr(a: np.ndarray, b: np.ndarray, peak: float = 1.0) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return float("inf") if mse == 0 else 10 * np.log10(peak * peak / mse)


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    """Mean SSIM of two [0, 1] greyscale images (Gaussian window, sigma 1.5, as Wang et al. 2004)."""
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    blur = lambda x: cv2.GaussianBlur(x, (11, 11), 1.5)  # noqa: E731
    mu_a, mu_b = blur(a), blur(b)
    var_a = blur(a * a) - mu_a ** 2
    var_b = blur(b * b) - mu_b ** 2
    cov = blur(a * b) - mu_a * mu_b
    num = (2 * mu_a * mu_b + c1) * (2 * cov + c2)
    den = (mu_a ** 2 + mu_b ** 2 + c1) * (var_a + var_b + c2)
    return float((num / den)[5:-5, 5:-5].mean())


def luma_scores(result: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """(PSNR dB, SSIM) of the luma of a result against the undamaged photo."""
    if result.shape != truth.shape:
        result = cv2.resize(result, truth.shape[1::-1], interpolation=cv2.INTER_AREA)
    return psnr(luma(result), luma(truth)), ssim(luma(result), luma(truth))


def opencv_baseline(rgb: np.ndarray) -> np.ndarray:
    """The 10-line OpenCV baseline the CPU chain must beat."""
    img = np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8)
    gray = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    spots = (cv2.absdiff(gray, cv2.medianBlur(gray, 5)) > 30).astype(np.uint8)  # median-difference spot mask
    img = cv2.inpaint(img, cv2.dilate(spots, np.ones((3, 3), np.uint8)), 3, cv2.INPAINT_TELEA)
    img = cv2.fastNlMeansDenoisingColored(img, None, 10, 10, 7, 21)
    low, high = np.percentile(img, (1, 99))
    img = np.clip((img.astype(np.float32) - low) / max(high - low, 1) * 255, 0, 255)
    img = cv2.addWeighted(img, 1.5, cv2.GaussianBlur(img, (0, 0), 2), -0.5, 0)  # unsharp
    return np.clip(img / 255.0, 0, 1).astype(np.float32)
