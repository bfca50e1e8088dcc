"""A scan that uses a fraction of its bit depth (an under-exposed 16-bit scan, a sensor's counts with a black
offset) is decoded with its white point where its brightest samples lie, and says so; full-range ones are not."""
import io

import numpy as np
import skimage.data
from PIL import Image

from pipelines.safety.uploads import sanitize_image


def _png16(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array.astype(np.uint16)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_dim_sixteen_bit_scan_is_stretched_to_white(atelier_env):
    coins = skimage.data.coins().astype(np.float64)  # 8-bit grey photo, 0..255
    for gain, offset in ((40.0, 1500.0), (90.0, 600.0), (6.0, 100.0)):  # 16 %, 35 % of 16 bits, 40 % of 12 bits
        counts = coins * gain + offset
        counts[5, 7] = 65535 if gain == 40.0 else counts[5, 7]  # one hot pixel does not hold the white down
        clean = sanitize_image(_png16(counts))
        grey = np.asarray(clean.image)[..., 0].astype(float)
        assert np.percentile(grey, 99.5) > 220, (gain, np.percentile(grey, [50, 99.5]))
        assert "uploads.note_dim_scan" in clean.notes
        # the tones keep their order and proportions: a linear map of the counts, black kept at 0
        expected = counts / np.percentile(counts, 99.95) * 255
        inside = expected < 250
        assert np.abs(grey[inside] - expected[inside]).max() <= 1.0


def test_full_range_scans_are_not_stretched(atelier_env):
    camera = skimage.data.camera().astype(np.float64)
    for top in (65535, 4095):  # a 16-bit scan and a 12-bit scanner's counts, each using their range
        counts = camera / 255 * top
        clean = sanitize_image(_png16(counts))
        grey = np.asarray(clean.image)[..., 0]
        assert np.abs(grey.astype(int) - camera.astype(int)).max() <= 1
        assert "uploads.note_dim_scan" not in clean.notes
    dark = camera * 0.3 * 257  # a dark 8-bit-range photo kept in 16 bits is dim too: under half its range
    assert "uploads.note_dim_scan" in sanitize_image(_png16(dark)).notes
