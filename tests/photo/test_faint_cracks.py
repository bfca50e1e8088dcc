"""Faint creases and crack networks over pale ground (issue 10): found by the old print's search, on drawn cases."""
import cv2
import numpy as np

from bench._photo_damage import age, case_seed, crack_ageing, packaged_photo
from pipelines.photo import repair

PAPER = np.array([0.93, 0.91, 0.85], np.float32)


def _pale_print(seed=5):
    """A faded, grainy sepia print of the camera photo: a pale sky over its upper third."""
    return age(packaged_photo("camera"), seed, kinds=("fade", "grain"), fade=0.3, veil=0.55, grain=0.012).image


def _overlay(rgb, line, opacity):
    alpha = (line * opacity)[..., None]
    return np.clip(rgb * (1 - alpha) + alpha * PAPER, 0, 1).astype(np.float32)


def test_a_faint_crease_across_a_pale_sky_is_found_and_nothing_else_is_added():
    rgb = _pale_print()
    h, w = rgb.shape[:2]
    line = np.zeros((h, w), np.float32)
    # a fold across the sky, faint: about 0.045 over the sky's luma (the grain 0.012), under the visible floor
    cv2.line(line, (5, 40), (w - 5, 95), 1.0, 2, cv2.LINE_AA)
    creased = _overlay(rgb, line, 0.25)
    on = line > 0.5
    sky = on.copy()
    sky[:, :360] = False  # the sky right of the man's head: a pale flat ground
    found = repair.find_damage(creased, aged=True).mask
    clean = repair.find_damage(rgb, aged=True).mask
    assert found[sky].mean() > 0.6  # 0.0 before faint lines got seeds of their own
    extra = found & ~clean & ~cv2.dilate(on.astype(np.uint8), np.ones((9, 9), np.uint8)).astype(bool)
    assert extra.mean() < 0.002


def test_a_crack_network_is_not_taken_for_a_crowd_of_its_own_branches():
    """A drawn crack network (bench/_photo_damage.crack_ageing, a tuning photo and a seed of the tuning split):
    its branches lie in one another's box, which the crowd rule read as a lattice of the picture's lines."""
    truth = packaged_photo("rocket")
    aged = crack_ageing(truth, case_seed("rocket", 501))
    rgb = np.round(aged.image * 255).astype(np.float32) / 255
    found = repair.find_damage(rgb, aged=True).mask
    assert found[aged.marks].mean() > 0.8  # 0.65 before
    undamaged = np.round(crack_ageing(truth, case_seed("rocket", 501), damage=False).image * 255) / 255
    assert repair.find_damage(undamaged.astype(np.float32), aged=True).mask.mean() < 0.05
