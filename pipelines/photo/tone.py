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
    """Remove a colour cast (yellowing): the mid-tones' mean a*, b* moved towards neutral, lightness kept."""
    lab = rgb_to_lab(rgb)
    a, b = colour_cast(rgb)
    lab[..., 1] -= a * strength
    lab[..., 2] -= b * strength
    out = lab_to_rgb(lab)
    # Shifting a*, b* nudges the brightness of each pixel: put the original luma back, only the cast goes.
    return np.clip(out + (luma(rgb) - luma(out))[..., None], 0, 1).astype(np.float32)


VEIL = 0.5  # the grey a faded print drifts towards (its blacks rise to meet it, its whites sink)


def levels(rgb: np.ndarray) -> tuple[float, float]:
    """The black point and the contrast left (b, t) of a faded photo: photo = t * original + b.

    Fading lays a grey veil over the print: blacks rise, whites sink. Nearly every photograph has
    some true black in at least one colour channel (the 'dark channel'), so the darkest of the
    channels, measured on a smoothed copy (grain and specks do not count), gives how far the
    blacks rose: b = (1 - t) * VEIL. The lightest of the channels must not go beyond white, so t
    is at least (lightest - b). A photo that is not faded gives b ~ 0 and t ~ 1: nothing changes.
    """
    small = cv2.GaussianBlur(rgb[::2, ::2] if min(rgb.shape[:2]) > 1600 else rgb, (0, 0), 1.5)
    black = float(np.percentile(small.min(axis=2), 0.5))
    white = float(np.percentile(small.max(axis=2), 99.5))
    t = float(np.clip(max(1.0 - black / VEIL, white - black), 0.35, 1.0))
    return black, t


def stretch_levels(rgb: np.ndarray, strength: float = 1.0) -> np.ndarray:
    """Revive faded contrast: lift the veil measured by levels(), every channel alike (hues kept)."""
    black, t = levels(rgb)
    if t > 0.98 and black < 0.02:
        return rgb.copy()  # not faded: leave it alone
    lifted = (rgb - black) / t
    return np.clip(rgb + (lifted - rgb) * strength, 0, 1).astype(np.float32)


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
    """The 'revive faded photo' step: lift the veil, remove yellowing, and above 0.5 some local contrast."""
    out = stretch_levels(rgb, strength=float(np.clip(0.4 + 1.2 * strength, 0, 1)))
    _, b = colour_cast(out)
    if abs(b) > 4:  # only a real cast; a blue sky photo is not 'yellowed'
        out = white_balance(out, strength=min(1.0, 0.6 + strength))
    # Local contrast invents tones the print never had: only when the patron asks for a strong revival.
    return local_contrast(out, max(0.0, strength - 0.5) * 0.6)


def denoise(rgb: np.ndarray, strength: float = 0.5) -> np.ndarray:
    """Reduce grain with non-local means, its strength set from the measured grain level."""
    sigma = noise_sigma(luma(rgb)) * 255.0
    if sigma < 0.8:
        return rgb.copy()
    lab = rgb_to_lab(rgb)
    lightness = np.clip(lab[..., 0] * 2.55 + 0.5, 0, 255).astype(np.uint8)
    h = float(sigma * (0.75 + 0.7 * strength))  # about 1.1 x the grain at 0.5
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
