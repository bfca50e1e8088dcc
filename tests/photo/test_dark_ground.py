"""A faded print that is mostly a plain dark ground (a star field, a microscope slide): its black point is the
ground's own luma, so a yellow cast (whose blue channel lies under the ground) does not leave the ground lifted,
and the ground is not then crushed to black."""
import cv2
import numpy as np
import pytest

from bench._photo_damage import luma, slide, star_field
from pipelines.photo import tone

from .conftest import photo


def _aged(truth, tint, f=0.35, veil=0.5, grain=0.012, seed=3):
    """`truth` faded towards a grey `veil` by `f`, yellowed by `tint` (blue falls, red rises, as
    bench/_photo_damage.age() does) and grainy: no marks, so only the tone step is judged."""
    rng = np.random.default_rng(seed)
    out = truth * (1 - f) + f * veil
    out = out * np.array([1.0, 1 - 0.3 * tint, 1 - tint], np.float32)
    out = out + np.array([0.4 * tint, 0.2 * tint, 0], np.float32)
    out = out + grain * rng.normal(0, 1, truth.shape[:2]).astype(np.float32)[..., None]
    return np.clip(out, 0, 1).astype(np.float32)


def _ground(truth):
    return cv2.GaussianBlur(luma(truth), (0, 0), 3) < 0.15


def test_a_yellowed_star_fields_ground_comes_back_near_its_level():
    truth = star_field(photo("moon"), size=256, count=110)  # ground luma about 0.05
    ground = _ground(truth)
    revived = tone.revive(_aged(truth, tint=0.1), 0.5, old=True)
    level, true_level = np.median(luma(revived)[ground]), np.median(luma(truth)[ground])
    # from the darkest (blue) channel the ground stayed at 1.7 times its level (0.078 for 0.046)
    assert 0.5 * true_level < level < 1.4 * true_level, (level, true_level)


@pytest.mark.parametrize("tint", [0.0, 0.1])
def test_a_slides_grey_ground_is_not_crushed_to_black(tint):
    truth = slide(photo("retina"), size=256, count=10)  # ground luma about 0.1
    ground = _ground(truth)
    level = np.median(luma(tone.revive(_aged(truth, tint=tint), 0.5, old=True))[ground])
    assert level > 0.02, level  # taken down to black by black_ground() it read 0.015
