"""A colour photo with no sign of age keeps its warmth through the revive step; an aged, yellowed one loses its cast."""
import numpy as np
import pytest

from bench.photo import colour_shift
from pipelines.photo import quality, tone
from pipelines.photo.chain import RestoreRequest, restore

from .conftest import photo


@pytest.mark.parametrize("name", ["coffee", "chelsea"])  # a cup of coffee, a ginger cat: warm all over, not yellowed
def test_a_clean_warm_colour_photo_keeps_its_colours(name):
    truth = photo(name)
    assert 3.0 < tone.yellowing(truth) < tone.YELLOWED and not tone.looks_old(truth)
    out = restore(truth, RestoreRequest(steps=["tone"])).image  # the patron ticked « raviver » anyway
    assert colour_shift(out, truth) < 1.0  # was 5.4 (coffee) and 4.3 (cat): 4-6 b* units taken off everything


def test_an_aged_yellowed_colour_print_still_loses_its_cast():
    truth = photo("astronaut")
    aged = quality.damage(truth, seed=0, blur=0, grain=0, scratches=0, dust=0, fade=0.3, yellow=0.16)
    assert tone.looks_old(aged)
    out = restore(aged, RestoreRequest(steps=["tone"])).image
    assert colour_shift(out, truth) < colour_shift(aged, truth) - 3.0
    assert np.isfinite(out).all()


def _chroma(rgb) -> float:
    from pipelines.photo.imaging import rgb_to_lab

    return float(np.hypot(*rgb_to_lab(rgb)[..., 1:].transpose(2, 0, 1)).mean())


@pytest.mark.parametrize("yellow", [0.08, 0.16])
def test_a_colour_photo_of_one_warm_hue_under_a_cast_is_not_turned_grey(yellow):
    """A ginger cat under a yellow cast has one hue all over, like a yellowed black-and-white print; but its fur and
    its background differ in chroma at one lightness (imaging.tint_off_the_tone_curve): it keeps its colours."""
    truth = photo("chelsea")
    aged = quality.damage(truth, seed=0, blur=0, grain=0, scratches=0, dust=0, fade=0.3, yellow=yellow)
    out = restore(aged, RestoreRequest(steps=["tone"])).image
    assert _chroma(out) > 0.6 * _chroma(truth)  # was 0: all of its chroma taken as the cast of a toned print


@pytest.mark.parametrize("name", ["camera", "page"])
def test_a_yellowed_black_and_white_print_still_comes_out_grey(name):
    grey = np.repeat(photo(name).mean(axis=2, keepdims=True), 3, axis=2)
    aged = quality.damage(grey, seed=0, blur=0, grain=0, scratches=0, dust=0, fade=0.3, yellow=0.16)
    assert _chroma(aged) > 10
    assert _chroma(restore(aged, RestoreRequest(steps=["tone"])).image) < 1.5


def _small(rgb, side=256):
    import cv2

    return cv2.resize(rgb, (side, side), interpolation=cv2.INTER_AREA)


def test_a_strongly_coloured_photo_of_one_warm_hue_keeps_its_colours_under_a_faint_cast():
    """An orange fundus photo (retina) under a faint yellow cast has one warm hue all over and a chroma that follows
    its lightness, as a toned black-and-white print; but its mean chroma (about 41) is beyond what a tone gives a
    print (tone.TONE_CHROMA): only the shared cast goes. It was turned grey (chroma 0, colour shift 47)."""
    truth = _small(photo("retina"))
    aged = quality.damage(truth, seed=0, blur=0, grain=0, scratches=0, dust=0, fade=0.2, yellow=0.06)
    out = tone.white_balance(aged, 1.0)
    assert _chroma(out) > 0.75 * _chroma(truth)  # 39 of 47
    assert colour_shift(out, truth) < colour_shift(aged, truth) + 2.0  # 8.9 against 7.9 as it came


def test_a_black_and_white_print_under_a_strong_sepia_still_loses_its_whole_tint():
    grey = _small(photo("camera"))
    y = grey[..., 0]
    sepia = np.clip(np.stack([y * 1.16, y, y * 0.74], -1) * 0.85 + grey * 0.15, 0, 1).astype(np.float32)
    assert tone.mean_chroma(sepia) < tone.TONE_CHROMA
    out = tone.white_balance(sepia, 1.0)
    assert _chroma(out) < 1.0


def test_a_red_brown_brick_wall_under_a_yellow_cast_is_not_turned_grey():
    """The tuning split's brick wall (bench/_photo_damage.py, grass@wall #12) yellowed with age: one hue all over and
    a chroma that follows the lightness, as a toned black-and-white print, but red-brown (a* 0.60 of b*, a yellowed
    or sepia print's tone 0.03-0.21: tone.yellow_brown). It lost all its colour (shift 25.2 from the clean wall)."""
    from bench._photo_damage import aged_case

    truth, aged = aged_case("grass@wall", 12)
    out = restore(aged.image, RestoreRequest(steps=["repair", "tone", "denoise"])).image
    assert _chroma(out) > 0.5 * _chroma(truth)
    assert colour_shift(out, truth) < 15.0  # 11.2
