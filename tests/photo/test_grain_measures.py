"""Grain that clumping or a JPEG softened: measured at its level, told apart from a texture, and JPEG blocks seen."""
import cv2
import numpy as np
import skimage.data

from pipelines.photo import repair, tone
from pipelines.photo.imaging import luma


def _jpeg(gray: np.ndarray, quality: int) -> np.ndarray:
    u8 = np.clip(gray * 255 + 0.5, 0, 255).astype(np.uint8)
    ok, data = cv2.imencode(".jpg", u8, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE).astype(np.float32) / 255


def test_softened_grain_is_read_near_its_level_and_a_lawn_is_not_grain():
    camera = skimage.data.camera().astype(np.float32) / 255 * 0.6 + 0.2  # a faded print
    rng = np.random.default_rng(4)
    noise = cv2.GaussianBlur(rng.normal(0, 1, camera.shape).astype(np.float32), (0, 0), 0.7)
    grainy = _jpeg(camera + 0.03 * noise / noise.std(), 70)  # clumped grain of 7.7 levels, then a JPEG
    assert repair.grain_sigma(grainy) * 255 < 1.5  # the per-pixel reading misses it
    assert 0.7 * 7.7 < repair.print_grain(grainy) * 255 < 1.3 * 7.7
    assert repair.grain_like(grainy) and repair.softened_grain(grainy) > repair.GRAINY
    lawn = skimage.data.grass().astype(np.float32) / 255  # clean: its fine detail is the scene's
    assert not repair.grain_like(lawn) and repair.softened_grain(lawn) == 0
    assert not tone.looks_old(np.repeat(lawn[..., None], 3, axis=2))
    assert tone.looks_old(np.repeat(grainy[..., None], 3, axis=2))


def test_jpeg_blocking_is_seen_on_the_photo_grid_only():
    gray = luma(skimage.data.astronaut().astype(np.float32) / 255)
    assert repair.blocking(gray) < 1.1
    strong = _jpeg(gray, 50)
    assert repair.blocking(strong) > 1.2
    assert repair.blocking(strong[3:, 3:]) < repair.blocking(strong)  # shifted off the 8-pixel grid
