"""Flat prints (bench/photo_flat.py): a drawing's or a poster's plain area at the end of its tones no longer takes
the small tones beyond it to black or white. Before, a newcomer's drawn sepia face came out 94 % pure white with its
eyes' whites gone into it, and a 16-bit grey scan of a drawing 15 % pure white and 18 % pure black."""
import numpy as np

from bench._photo_damage import default_restore
from bench.photo_flat import details_kept, flat_case, newly_clipped
from pipelines.photo import tone
from pipelines.photo.imaging import luma

SEPIA = np.array([1.0, 0.84, 0.62], np.float32)


def _drawn_face() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A toned drawing, faded a little: a grey ground, a face (a plain ellipse, a quarter of the picture) with the
    whites of its eyes brighter than the face and pupils darker than anything, a dark band at the foot.
    Returns (print HxWx3, face mask, eye whites mask)."""
    import cv2

    h, w = 400, 300
    grey = np.full((h, w), 0.6, np.float32)
    face = np.zeros((h, w), np.uint8)
    cv2.ellipse(face, (150, 180), (80, 110), 0, 0, 360, 1, -1)
    grey[face > 0] = 0.7
    whites = np.zeros((h, w), np.uint8)
    for x in (120, 180):
        cv2.ellipse(whites, (x, 150), (9, 5), 0, 0, 360, 1, -1)
    grey[whites > 0] = 0.93
    for x in (120, 180):
        cv2.circle(grey, (x, 150), 3, 0.08, -1)
    grey[330:] = 0.25
    faded = 0.08 + 0.84 * grey
    rng = np.random.default_rng(5)
    rgb = np.clip(faded[..., None] * SEPIA + rng.normal(0, 0.006, (h, w, 3)), 0, 1).astype(np.float32)
    return rgb, (face > 0) & (whites == 0), whites > 0


def test_a_drawn_face_keeps_its_tones_and_its_eyes_whites():
    """Before: the face was the 99th percentile, stretched up to the eyes' whites (face 0.88 luma, the whites 0.12
    above it: the eyes fading into the face); now the face 0.71, the whites 0.29 above it."""
    rgb, face, whites = _drawn_face()
    out, steps, _, _ = default_restore(rgb)
    y = luma(out)
    assert "tone" in steps
    assert float(np.median(y[face])) < 0.8
    assert float(np.median(y[whites])) - float(np.median(y[face])) > 0.2  # the eyes' whites stand out of the face


def test_an_end_on_a_plain_area_moves_out_only_when_tones_lie_beyond_it():
    """_end_off_plateau: a plain area with smaller tones beyond it gives the far percentile; a plain area with
    nothing beyond but its own grain (a faded night sky) is still the end; no plain area, the percentile as before."""
    rng = np.random.default_rng(1)
    plain = np.full(10_000, 0.7) + rng.normal(0, 0.002, 10_000)
    beyond = np.concatenate([plain, np.full(40, 0.93)])
    assert abs(tone._end_off_plateau(plain, 99.0, 99.9) - np.percentile(plain, 99.0)) < 0.005  # within its grain
    assert tone._end_off_plateau(beyond, 99.0, 99.9) > 0.9
    spread = rng.uniform(0, 1, 10_000)
    assert tone._end_off_plateau(spread, 99.0, 99.9) == np.percentile(spread, 99.0)
    # A dark plain ground with coarser grain (a night sky): its far tail is its own grain, no tone of the picture.
    sky = np.full(10_000, 0.2) + rng.normal(0, 0.004, 10_000)
    assert tone._end_off_plateau(sky, 1.0, 0.1) == np.percentile(sky, 1.0)
    assert tone._end_off_plateau(np.concatenate([sky, np.full(40, 0.1)]), 1.0, 0.1) < 0.15  # pupils beyond it


def test_a_faded_flat_print_is_not_clipped_beyond_its_plain_areas():
    """bench/photo_flat.py's tuning case #1209 (toned, faded, a dark ground over 80 % of it with darker details):
    before, 11.1 % of the picture went to black or white that was not near it, 12.6 dB; now under 2 %."""
    rgb, original, draw = flat_case(1209)
    out, _, _, _ = default_restore(rgb)
    assert newly_clipped(original, out) < 0.02
    assert details_kept(original, out, draw["details"]) > 0.5
