"""A small print scanned big: its cracks are wider than the damage search's lines unless it is searched at the
detail the scan holds (repair.effective_scale()); a scan sharp at its size, or grainy, is searched as before.

bench/photo_real_kinds.py measures the two real cracked prints enlarged x1.5-x9.4 through the whole chain;
bench/photo_big_clean.py measures clean big scans.
"""
import cv2
import numpy as np
import pytest

from bench._photo_damage import age, packaged_photo
from pipelines.photo import repair
from pipelines.photo.imaging import luma


def _small_cracked_print(side: int = 240, seed: int = 3):
    """(aged print, its crack marks): the camera photo shrunk to `side` px, faded, with bright crack networks."""
    photo = cv2.resize(packaged_photo("camera"), (side, side), interpolation=cv2.INTER_AREA)
    return age(photo, seed, kinds=("fade", "cracks"), cracks=2, creases=1)


def _enlarged(image: np.ndarray, k: int) -> np.ndarray:
    h, w = image.shape[:2]
    return np.clip(cv2.resize(image, (w * k, h * k), interpolation=cv2.INTER_LANCZOS4), 0, 1).astype(np.float32)


# A print of 240 px (faded, two crack networks and a crease) scanned x4 (960 px): its cracks are 4-16 px wide.
# Searched at 960 px the search found none of their pixels (of the print at its own size: 91 %); searched at the
# 240 px the scan holds, 96 %, marking 9.3 % of the scan against 6.5 % of the print at its own size.
def test_the_cracks_of_a_small_print_scanned_big_are_found():
    aged = _small_cracked_print()
    assert aged.marks.mean() > 0.02
    small = repair.find_damage(aged.image, aged=True).mask
    at_size = (small & aged.marks).sum() / aged.marks.sum()
    big, marks = _enlarged(aged.image, 4), _enlarged(aged.marks.astype(np.float32), 4) > 0.5
    found = repair.find_damage(big, aged=True).mask
    recall = (found & marks).sum() / marks.sum()
    assert recall > 0.7 and recall > at_size - 0.1, f"{recall:.0%} of the cracks found (at its size {at_size:.0%})"
    assert found.mean() < 1.6 * small.mean() + 0.01  # no more of the picture is taken than at the print's size


@pytest.mark.parametrize("k", [2, 3, 4])
def test_an_enlarged_scan_reads_its_factor_and_a_sharp_or_grainy_one_reads_one(k):
    photo = luma(packaged_photo("astronaut"))
    assert repair.effective_scale(photo) == 1.0
    big = _enlarged(photo, k)
    assert repair.effective_scale(big) == k
    grainy = big + np.random.default_rng(0).normal(0, 0.02, big.shape).astype(np.float32)
    assert repair.effective_scale(np.clip(grainy, 0, 1)) == 1.0  # the scanner's grain: searched as before
