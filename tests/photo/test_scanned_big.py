"""A small print scanned big: its cracks are wider than the damage search's lines unless it is searched at the
detail the scan holds (repair.effective_scale()), with or without the scanner's grain over it; a scan sharp at its
size, grainy or not, is searched as before.

bench/photo_real_kinds.py measures the two real cracked prints enlarged x1.5-x9.4 through the whole chain;
bench/photo_big_clean.py measures clean big scans.
"""
from pathlib import Path

import cv2
import numpy as np
import pytest

from bench._photo_damage import age, packaged_photo
from bench.photo_toned import toned_case
from pipelines.photo import repair, tone
from pipelines.photo.chain import open_photo
from pipelines.photo.imaging import luma

DATA = Path(__file__).parent / "data"


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


def _with_grain(image: np.ndarray, sigma: float = 0.02, seed: int = 0) -> np.ndarray:
    """`image` with a scanner's grain over it: Gaussian, `sigma` of the range, independent per pixel and channel."""
    grain = np.random.default_rng(seed).normal(0, sigma, image.shape).astype(np.float32)
    return np.clip(image + grain, 0, 1).astype(np.float32)


# The handed print 2 (256 px, cracked, yellowed) scanned x4 with the scanner's grain (sigma 0.02) added over the
# enlarged picture: the grain is detail at every factor, so the scan read 1.0 and the search at 1024 px covered
# 3 % of what it marks on the print at its own size. With the grain's share taken out of the losses the scan reads
# 4, and the search at 256 px covers about 90 % of it.
def test_the_cracks_of_a_small_print_scanned_big_with_the_scanners_grain_are_found():
    rgb, _ = open_photo(DATA / "cracked-portrait-2.png")
    at_size = repair.find_damage(rgb, aged=True).mask
    scan = _with_grain(_enlarged(rgb, 4))
    assert repair.effective_scale(luma(scan)) == 4
    found = repair.find_damage(scan, aged=True).mask
    marks = _enlarged(at_size.astype(np.float32), 4) > 0.5
    recall = (found & marks).sum() / marks.sum()
    assert recall > 0.7, f"{recall:.0%} of what the print at its size has marked is found"
    assert found.mean() < 1.6 * at_size.mean() + 0.01


# A clean photo with no sign of age but the scanner's grain, scanned x4: tone.looks_old calls it old (the grain),
# but at the detail it holds it is not, and it gets the cautious search (bench/photo_big_clean.py).
def test_a_clean_photo_scanned_big_with_grain_is_not_searched_as_an_old_print():
    scan = _with_grain(_enlarged(cv2.resize(packaged_photo("camera"), (256, 256), interpolation=cv2.INTER_AREA), 4))
    assert repair.find_damage(scan, aged=True).mask.mean() < 0.002


# A modern photo with its own JPEG-softened grain (the packaged grace_hopper sample, a 300 px crop), scanned x4 with
# the scanner's grain: shrunk to the detail it holds, its own grain reads as a print's, and it was searched as an
# old print there and at the scan's size (4.5 % marked). Grain is no sign of age at that detail: the cautious search.
def test_a_jpeg_photo_scanned_big_with_grain_is_not_taken_for_an_old_print_by_its_own_grain():
    crop = packaged_photo("grace_hopper")[250:550, 200:500]
    scan = _with_grain(_enlarged(crop, 4))
    assert tone.looks_old(cv2.resize(scan, (300, 300), interpolation=cv2.INTER_AREA))  # its grain reads as a print's
    assert repair.find_damage(scan, aged=True).mask.mean() < 0.002


@pytest.mark.parametrize("k", [2, 3, 4])
def test_an_enlarged_scan_reads_its_factor_with_or_without_grain_and_a_sharp_one_reads_one(k):
    photo = luma(packaged_photo("astronaut"))
    assert repair.effective_scale(photo) == 1.0
    assert repair.effective_scale(_with_grain(photo)) == 1.0  # grain over a sharp photo: still sharp
    big = _enlarged(photo, k)
    assert repair.effective_scale(big) == k
    assert repair.effective_scale(_with_grain(big)) == k  # the scanner's grain over it does not hide the factor


# The handed print 1 (sepia, grainy, cracked) scanned x2: the enlargement smoothed its grain away, so its picture
# showed no sign of age, it got the cautious search and 100 % of its cracks stayed. Judged at the detail the scan
# holds (tone.picture_aged) it is the grainy print it is at its own size; a merely toned print scanned x2 is still not.
def test_a_grainy_black_and_white_print_scanned_big_is_still_searched_as_an_old_print():
    rgb, _ = open_photo(DATA / "cracked-portrait-1.png")
    assert tone.picture_aged(rgb)
    assert tone.picture_aged(_enlarged(rgb, 2))
    toned_only = toned_case("coffee", 1101)[1]
    assert not tone.picture_aged(_enlarged(toned_only, 2))


# The handed print 2 (256 px) enlarged by Lanczos to 1600 and 2400 px repeats its source's pixel grid every 6.25 and
# 9.4 px, which stains.halftone_period() read as a newspaper's dot screen (and x4 bicubic its harmonic, 2.1 px): the
# scan was blurred as a screen and given the cautious search, and 98 % of its cracks were left. A period under the
# scan's enlargement is no printed screen (repair.enlargement_grid()).
@pytest.mark.parametrize("kind", ["Lanczos 1600 px", "Lanczos 2400 px", "bicubic x4"])
def test_an_enlarged_prints_pixel_grid_is_no_halftone_screen_and_its_cracks_are_found(kind):
    from PIL import Image

    from pipelines.photo import stains

    rgb, _ = open_photo(DATA / "cracked-portrait-2.png")
    if kind.startswith("Lanczos"):
        side = int(kind.split()[1])
        scan = Image.fromarray(np.round(rgb * 255).astype(np.uint8)).resize((side, side), Image.Resampling.LANCZOS)
        big = np.asarray(scan, np.float32) / 255  # as a scanner or an editor writes it: 8 bits after the resampling
    else:
        big = np.clip(cv2.resize(rgb, None, fx=4, fy=4, interpolation=cv2.INTER_CUBIC), 0, 1).astype(np.float32)
    small = repair.find_damage(rgb).mask.mean()
    assert repair.find_damage(big).mask.mean() > 0.5 * small > 0.02
    period = stains.halftone_period(big)
    assert period is None or repair.enlargement_grid(luma(big), period)


@pytest.mark.parametrize("case", ["tuning", "held-out"])
def test_a_printed_screen_is_never_taken_for_an_enlargements_grid(case):
    from bench._photo_damage import HALFTONE_HELD_OUT, HALFTONE_TUNING, halftone_case
    from pipelines.photo import stains

    for name, seed in HALFTONE_TUNING if case == "tuning" else HALFTONE_HELD_OUT:
        aged = halftone_case(name, seed)
        period = stains.halftone_period(aged.image)
        if period is not None:
            assert not repair.enlargement_grid(luma(aged.image), period), name
