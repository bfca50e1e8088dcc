"""A yellowed print on a dark plain ground (a night sky, a fundus photo's surround): its black point is read once the
cast is gone, so the ground comes back near its true level instead of staying lifted; a yellowed scene, whose dark
parts are textured, is levelled as before."""
import numpy as np

from bench._photo_damage import age, packaged_photo, slide, star_field
from pipelines.photo import tone
from pipelines.photo.imaging import luma

# A faded (grey veil), yellowed print with fine grain and nothing else: blue falls, red rises (bench/_photo_damage.py).
YELLOWED = {"fade": 0.35, "veil": 0.5, "uneven_fade": 0.0, "tint_mode": "yellow", "tint": 0.12, "grain": 0.01}


def _aged(rgb: np.ndarray) -> np.ndarray:
    return age(rgb, 4, kinds=("fade", "tint", "grain"), **YELLOWED).image


def test_a_yellowed_star_field_gets_its_dark_ground_back():
    field = star_field(packaged_photo("moon"), size=256, count=160)
    aged = _aged(field)
    assert tone.dark_ground(aged) >= tone.DARK_GROUND
    # The yellowing pulled the blue channel under the ground: the darkest channel is no black point for the ground.
    assert np.median(aged[..., 2]) < np.median(luma(aged)) - 0.04
    out = tone.revive(aged, 0.5, old=True)
    ground = luma(field) < 0.06  # the night sky of the undamaged field (its faint nebula included)
    truth, got = float(np.median(luma(field)[ground])), float(np.median(luma(out)[ground]))
    # Read from the darkest channel alone the ground stayed at 0.086 for a true 0.046; now within 0.015 of it.
    assert abs(got - truth) < 0.015, (got, truth)
    stars = luma(field) > 0.5
    assert np.median(luma(out)[stars]) > 0.6  # the stars stay bright
    _, b = tone.colour_cast(out)
    assert abs(b) < 1.0  # and the yellow went


def test_a_yellowed_scene_is_levelled_from_its_darkest_channel_as_before():
    scene = packaged_photo("camera")[::2, ::2]
    aged = _aged(scene)
    assert tone.dark_ground(aged) < tone.DARK_GROUND  # a coat, a tripod: textured shadows, no plain ground
    black, t = tone.levels(aged, 0.5, old=True)
    out = tone.revive(aged, 0.5, old=True)
    # The lift is the darkest channel's (its black point maps to 0): the same as revive() gave before.
    clean = tone._smoothed(aged)
    assert abs(black - float(np.percentile(clean.min(axis=2), 1.0))) < 1e-6
    assert float(np.percentile(luma(out), 50)) > 0.3 and abs(tone.colour_cast(out)[1]) < 3.0


def test_a_strongly_yellowed_slide_keeps_a_ground_that_was_never_black():
    """A slide's ground (luma 0.08-0.12) covers most of it: read on the balanced print alone, the darkest of that
    ground is taken for black and the ground crushed to 0.02; read from the darkest channel alone it stays at 0.23.
    Half way, it comes back near its level."""
    truth = slide(packaged_photo("coins"), size=256, seed=7)
    aged = age(truth, 4, kinds=("fade", "tint", "grain"), **{**YELLOWED, "tint": 0.25}).image
    assert tone.dark_ground(aged) >= tone.DARK_GROUND
    out = tone.revive(aged, 0.5, old=True)
    ground = luma(truth) < 0.13
    level, got = float(np.median(luma(truth)[ground])), float(np.median(luma(out)[ground]))
    assert 0.5 * level < got < 1.75 * level, (got, level)
