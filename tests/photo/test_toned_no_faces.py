"""Toned prints with no faces (bench/photo_toned.py, its tuning split): the default restore leaves a merely toned print
no worse, a faded one still gains, and dust on a toned print is still found."""
import cv2
import numpy as np
import pytest

from bench._photo_damage import default_restore
from bench.photo_toned import details_kept, toned_case
from pipelines.photo import quality, tone
from pipelines.photo.analysis import analyse
from pipelines.photo.imaging import luma


@pytest.mark.parametrize("name, seed", [("coffee", 1101), ("coins", 1101), ("motorcycle_left", 1101)])
def test_a_merely_toned_print_is_left_no_worse(name, seed):
    """Toned, its paper yellowed, fine grain, nothing faded. Before: coffee 37.3 -> 25.1 dB and 47 % of its small
    bright details kept (the full damage search took the cup's rim and the saucer's highlights), coins 36.0 -> 22.0 dB
    (the levels stretched the coins' own range, the old print's grain reading smoothed their texture), motorcycle
    33.8 -> 23.2 dB and 73 % of its chrome's glints kept."""
    truth, aged, _ = toned_case(name, seed)
    before = quality.luma_scores(aged, truth)[0]
    out, _, _, _ = default_restore(aged)
    assert quality.luma_scores(out, truth)[0] >= before - 0.5
    assert details_kept(truth, out) >= 0.95


def test_a_faded_toned_print_still_gains():
    """Toned, faded (black point 0.06, white 0.81), foxed: 17.8 dB as it came, 27.1 dB restored before the change."""
    truth, aged, _ = toned_case("china", 1103)
    out, steps, _, _ = default_restore(aged)
    assert "tone" in steps
    assert quality.luma_scores(out, truth)[0] >= quality.luma_scores(aged, truth)[0] + 5.0


def test_the_tint_alone_does_not_make_the_search_eager_but_a_fade_does():
    toned_only, faded = toned_case("coffee", 1101)[1], toned_case("coffee", 1103)[1]
    assert tone.looks_old(toned_only)  # the print is old (the page says so)...
    assert not tone.picture_aged(toned_only)  # ...but its picture shows no sign of age: the cautious search
    assert tone.picture_aged(faded)
    # A colour print is judged as looks_old() judges it: its yellowing may be all that shows its age.
    colour = toned_case("coffee", 1101)[0] * np.array([1.0, 0.95, 0.8], np.float32)
    assert tone.picture_aged(colour) == tone.looks_old(colour)


def test_a_toned_prints_own_low_contrast_is_not_stretched_but_a_fade_still_is():
    """Toned coins (veil 0.13: the coins' own range) were levelled in full; the same coins faded still are."""
    truth, toned_only, _ = toned_case("coins", 1101)
    black, contrast = tone.levels(toned_only, 0.5, old=True)
    assert black < 0.01 and contrast > 0.97
    black, contrast = tone.levels(toned_case("coins", 1103)[1], 0.5, old=True)
    assert black > 0.05 and contrast < 0.85


def test_dust_on_a_merely_toned_print_is_still_found_and_taken():
    """90 dark and bright specks (3-5 px) on the toned cup: the cautious search finds most of them (64 %), the page
    ticks the repair, and the default restore takes about half of the specks' error away."""
    truth, aged, _ = toned_case("coffee", 1101)
    rng = np.random.default_rng(5)
    h, w = aged.shape[:2]
    specks = np.zeros((h, w), np.uint8)
    dusty = aged.copy()
    for i in range(90):
        x, y, r = int(rng.integers(10, w - 10)), int(rng.integers(10, h - 10)), int(rng.integers(1, 3))
        one = np.zeros((h, w), np.uint8)
        cv2.circle(one, (x, y), r, 1, -1)
        dusty[one.astype(bool)] = 0.05 if i % 2 else 0.97
        specks |= one
    info, mask = analyse(dusty)
    on = specks.astype(bool)
    assert float(mask[on].mean()) >= 0.55
    assert float(mask[~cv2.dilate(specks, np.ones((7, 7), np.uint8)).astype(bool)].mean()) < 0.01
    assert "repair" in info.suggested_steps()
    out, _, _, _ = default_restore(dusty)
    error = lambda rgb: float(np.sqrt(((luma(rgb) - luma(truth))[on] ** 2).mean()))  # noqa: E731
    assert error(out) < 0.6 * error(dusty)  # 0.53 -> 0.27
