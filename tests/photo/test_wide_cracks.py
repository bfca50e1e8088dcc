"""A crack network's trunk, wide and faint over a pale sky: not found yet (bench/out/photo-crack-kinds-wide-*.txt)."""
import cv2
import numpy as np
import pytest

from bench._photo_damage import age, packaged_photo
from pipelines.photo import repair
from pipelines.photo.imaging import luma


def _faded_camera() -> np.ndarray:
    return age(packaged_photo("camera"), 7, kinds=("fade", "grain")).image.astype(np.float32)


def _trunk(shape: tuple[int, int]) -> np.ndarray:
    """A crack's trunk 6 px wide across the camera's sky with a branch 4 px wide, anti-aliased, (H, W) float 0..1."""
    crack = np.zeros(shape, np.float32)
    for points, width in (([[330, 10], [380, 40], [420, 60], [470, 110], [505, 130]], 6),
                          ([[420, 60], [440, 20], [470, 5]], 4)):
        pts = np.round(np.array(points, np.float32) * 16).astype(np.int32)
        cv2.polylines(crack, [pts], False, 1.0, width, cv2.LINE_AA, shift=4)
    return crack


@pytest.mark.xfail(strict=True, reason="a 6 px trunk 3 grain levels over a pale sky is not marked (cover 0 %); the "
                   "half-size ridge search that found it (98 %) marked undamaged held-out prints more and was taken "
                   "back: bench/out/photo-crack-kinds-wide-tried.txt")
def test_a_wide_faint_crack_trunk_over_a_pale_sky_is_found():
    """The paper shows through at 30 %: the trunk stands about 0.06 over the sky (3 grain levels), 6 px wide. The
    13 px median of the line search takes much of its tone and the ridge's scales (1-2 px) see its two edges."""
    faded = _faded_camera()
    crack = _trunk(faded.shape[:2])
    alpha = (0.3 * crack)[..., None]
    cracked = np.clip(faded * (1 - alpha) + alpha * np.array([0.93, 0.9, 0.85], np.float32), 0, 1).astype(np.float32)
    assert 0.04 < float((luma(cracked) - luma(faded))[crack > 0.9].mean()) < 0.08
    found = repair.find_damage(cracked, aged=True).mask
    on = crack > 0.5
    assert found[on].mean() > 0.85
    away = ~cv2.dilate(on.astype(np.uint8), np.ones((9, 9), np.uint8)).astype(bool)
    clean = repair.find_damage(faded, aged=True).mask
    assert found[away].mean() <= clean[away].mean() + 0.002  # nothing else marked for it
