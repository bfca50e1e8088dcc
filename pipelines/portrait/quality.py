"""How much of the sitter a painting keeps, and how far it moved from the photo (bench and tests).

- face_structure: SSIM (Wang et al., 2004; skimage.metrics.structural_similarity) between the
  edge maps (Sobel magnitude of the luma, after a 1 px Gaussian blur) of the photo and the
  painting, inside the face box. 1 = the same edges; a painted face keeping its features is 0.3-0.7.
- colour_copy_residual: RMS (0..1) of what a colour look-up table cannot explain: for each of
  16^3 input colour bins, the mean output colour is the best "colour filter" copy of the photo;
  the residual is what the painting changed beyond recolouring (texture, shapes, light).
- palette_distance: mean Lab distance (ΔE76) between the photo's and the painting's 8-colour
  k-means palettes (each photo colour matched to the nearest painting colour).
- texture_change: mean absolute difference of the local contrast (3x3 Laplacian magnitude).
"""
from __future__ import annotations

import cv2
import numpy as np
from skimage.metrics import structural_similarity

from .framing import Box


def _grey(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255.0


def edges(rgb: np.ndarray) -> np.ndarray:
    grey = cv2.GaussianBlur(_grey(rgb), (0, 0), 1.0)
    gx = cv2.Sobel(grey, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(grey, cv2.CV_32F, 0, 1, ksize=3)
    return np.clip(np.sqrt(gx * gx + gy * gy), 0, 1)


def face_structure(photo: np.ndarray, painting: np.ndarray, face: Box) -> float:
    """SSIM of the edge maps inside the face box (both (H, W, 3) uint8, same size)."""
    x0, y0 = max(0, int(face.x)), max(0, int(face.y))
    x1, y1 = int(face.x + face.w), int(face.y + face.h)
    a, b = edges(photo)[y0:y1, x0:x1], edges(painting)[y0:y1, x0:x1]
    return float(structural_similarity(a, b, data_range=1.0))


def colour_copy_residual(photo: np.ndarray, painting: np.ndarray, bins: int = 16) -> float:
    q = (photo.astype(np.int32) * bins // 256).reshape(-1, 3)
    index = (q[:, 0] * bins + q[:, 1]) * bins + q[:, 2]
    out = painting.reshape(-1, 3).astype(np.float64) / 255.0
    counts = np.maximum(np.bincount(index, minlength=bins ** 3), 1)
    lut = np.stack([np.bincount(index, out[:, c], bins ** 3) / counts for c in range(3)], 1)
    return float(np.sqrt(((out - lut[index]) ** 2).mean()))


def _palette(rgb: np.ndarray, k: int = 8) -> np.ndarray:
    lab = cv2.cvtColor(rgb.astype(np.float32) / 255.0, cv2.COLOR_RGB2Lab).reshape(-1, 3)
    rng = np.random.default_rng(0)
    sample = lab[rng.choice(len(lab), min(20000, len(lab)), replace=False)]
    cv2.setRNGSeed(0)
    _, _, centres = cv2.kmeans(sample, k, None, (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5), 2,
                               cv2.KMEANS_PP_CENTERS)
    return centres


def palette_distance(photo: np.ndarray, painting: np.ndarray) -> float:
    a, b = _palette(photo), _palette(painting)
    d = np.sqrt(((a[:, None] - b[None]) ** 2).sum(-1))
    return float(d.min(1).mean())


def texture_change(photo: np.ndarray, painting: np.ndarray) -> float:
    la = np.abs(cv2.Laplacian(_grey(photo), cv2.CV_32F))
    lb = np.abs(cv2.Laplacian(_grey(painting), cv2.CV_32F))
    return float(np.abs(la - lb).mean())
