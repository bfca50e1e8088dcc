"""Classical tone steps: revive faded contrast, remove yellowing, reduce grain, sharpen, enlarge."""
from __future__ import annotations

import cv2
import numpy as np

from .imaging import lab_to_rgb, luma, rgb_to_lab
from .repair import noise_sigma


def fading(rgb: np.ndarray) -> float:
    """How faded a photo looks, 0 (full contrast) .. 1 (washed out): from its luma range."""
    low, high = np.percentile(luma(rgb), (1, 99))
    return float(np.clip(1.0 - (high - low) / 0.85, 0.0, 1.0))


def colour_cast(rgb: np.ndarray) -> tuple[float, float]:
    """Mean a*, b* of the mid-tones: a yellowed print has b* well above 0."""
    lab = rgb_to_lab(rgb)
    mid = (lab[..., 0] > 20) & (lab[..., 0] < 90)
    if not mid.any():
        return 0.0, 0.0
    return float(lab[..., 1][mid].mean()), float(lab[..., 2][mid].mean())


def white_balance(rgb: np.ndarray, strength: float = 1.0) -> np.ndarray:
    """Remove a colour cast (yellowing) by moving the mid-tones' mean a*, b* towards neutral."""
    lab = rgb_to_lab(rgb)
    a, b = colour_cast(rgb)
    lab[..., 1] -= a * strength
    lab[..., 2] -= b * strength
    return lab_to_rgb(lab)


def stretch_levels(rgb: np.ndarray, strength: float = 1.0, clip: float = 0.5, margin: float = 0.0) -> np.ndarray:
    """Revive faded contrast: the darkest and lightest tones (percentiles) back to black and white."""
    # Percentiles over every channel value: the lightest and darkest inks, whatever their hue.
    low, high = np.percentile(rgb[::2, ::2], (clip, 100 - clip))
    if high - low < 1e-3:
        return rgb.copy()
    # `margin` keeps the extremes slightly off pure black and white, where real prints rarely sit.
    stretched = margin + (rgb - low) / (high - low) * (1 - 2 * margin)
    return np.clip(rgb + (stretched - rgb) * strength, 0, 1).astype(np.float32)


def local_contrast(rgb: np.ndarray, strength: float = 0.5) -> np.ndarray:
    """CLAHE on the lightness only (colours untouched), blended by strength."""
    if strength <= 0:
        return rgb
    lab = rgb_to_lab(rgb)
    lightness = np.clip(lab[..., 0] * 2.55, 0, 255).astype(np.uint8)
    clahe = cv2.createCLAHE(clipLimit=1.0 + 2.0 * strength, tileGridSize=(8, 8))
    boosted = clahe.apply(lightness).astype(np.float32) / 2.55
    lab[..., 0] = lab[..., 0] + (boosted - lab[..., 0]) * strength * 0.5
    return lab_to_rgb(lab)


def revive(rgb: np.ndarray, strength: float = 0.5) -> np.ndarray:
    """The 'revive faded photo' step: levels, yellowing removal, a touch of local contrast."""
    out = stretch_levels(rgb, strength=min(1.0, 0.4 + strength))
    _, b = colour_cast(out)
    if abs(b) > 4:  # only a real cast; a blue sky photo is not 'yellowed'
        out = white_balance(out, strength=min(1.0, 0.6 + strength))
    return local_contrast(out, strength * 0.3)


def denoise(rgb: np.ndarray, strength: float = 0.5) -> np.ndarray:
    """Reduce grain with non-local means, its strength set from the measured grain level."""
    sigma = noise_sigma(luma(rgb)) * 255.0
    if sigma < 0.8:
        return rgb.copy()
    lab = rgb_to_lab(rgb)
    lightness = np.clip(lab[..., 0] * 2.55 + 0.5, 0, 255).astype(np.uint8)
    h = float(sigma * (0.55 + 0.7 * strength))
    clean = cv2.fastNlMeansDenoising(lightness, None, h=h, templateWindowSize=7, searchWindowSize=21)
    lab[..., 0] = clean.astype(np.float32) / 2.55
    # Colour grain is smoothed more gently: chroma carries little detail.
    for c in (1, 2):
        lab[..., c] = cv2.bilateralFilter(lab[..., c], 5, 8.0 + 8 * strength, 3)
    return lab_to_rgb(lab)


def sharpen(rgb: np.ndarray, amount: float = 0.5, radius: float = 1.2) -> np.ndarray:
    """Unsharp mask on the lightness (no coloured halos)."""
    if amount <= 0:
        return rgb
    lab = rgb_to_lab(rgb)
    lightness = lab[..., 0]
    blurred = cv2.GaussianBlur(lightness, (0, 0), radius)
    lab[..., 0] = np.clip(lightness + amount * (lightness - blurred), 0, 100)
    return lab_to_rgb(lab)


def enlarge(rgb: np.ndarray, scale: int, sharpen_amount: float = 0.4) -> np.ndarray:
    """CPU enlargement: Lanczos, then an unsharp mask scaled to the new size."""
    h, w = rgb.shape[:2]
    big = cv2.resize(rgb, (w * scale, h * scale), interpolation=cv2.INTER_LANCZOS4)
    return sharpen(np.clip(big, 0, 1), amount=sharpen_amount, radius=0.8 * scale)
