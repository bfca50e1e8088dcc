"""Colour prints whose dyes faded (blacks risen to a reddish grey, whites kept) get their densities back; pale photos
and stained slides whose darks are brown by nature are left as they are."""
import cv2
import numpy as np
import pytest

from bench._photo_damage import dye_fade
from bench.photo import colour_shift
from pipelines.i18n import translate
from pipelines.photo import quality, tone
from pipelines.photo.analysis import analyse
from pipelines.photo.chain import RestoreRequest, restore
from pipelines.photo.imaging import luma, rgb_to_lab

from .conftest import photo


def _small(rgb, side=256):
    h, w = rgb.shape[:2]
    k = side / max(h, w)
    return cv2.resize(rgb, (round(w * k), round(h * k)), interpolation=cv2.INTER_AREA)


@pytest.fixture(scope="module")
def dyed():
    """(truth, print): the astronaut with its cyan dye at 45 % of its density, magenta 65 %, yellow 90 %, and grain."""
    truth = _small(photo("astronaut"))
    faded = dye_fade(truth, keep=[0.45, 0.65, 0.9], shoulder=0.1)
    grain = np.random.default_rng(3).normal(0, 0.02, truth.shape[:2]).astype(np.float32)[..., None]
    return truth, np.clip(faded + grain, 0, 1).astype(np.float32)


def _shadow_cast(rgb) -> float:
    """The chroma (a*, b* length) of the darkest 5 % of the picture, CIELAB units."""
    lab = rgb_to_lab(cv2.GaussianBlur(rgb, (0, 0), 2))
    dark = luma(rgb) <= np.percentile(luma(rgb), 5)
    return float(np.hypot(lab[..., 1][dark].mean(), lab[..., 2][dark].mean()))


def test_a_dye_faded_print_gets_its_black_point_back_and_loses_its_red_cast(dyed):
    truth, aged = dyed
    assert tone.dye_faded(aged) > tone.DYE_FADED and tone.veil(aged) < 0.1  # whites kept: no grey veil to lift
    out = restore(aged, RestoreRequest(steps=["tone"])).image
    black_before, black_after = tone.channel_ends(aged)[0], tone.channel_ends(out)[0]
    assert black_before[0] > 0.15 and black_after[0] < black_before[0] - 0.1  # the red channel's blacks come down
    assert _shadow_cast(out) < 0.5 * _shadow_cast(aged)
    assert colour_shift(out, truth) < colour_shift(aged, truth) - 3.0
    assert quality.luma_scores(out, truth)[0] > quality.luma_scores(aged, truth)[0] + 2.0  # 17.9 -> 20.4 dB
    assert tone.channel_ends(out)[1].max() > 0.9  # the whites stay white


def test_strength_zero_leaves_the_dye_faded_print_as_it_is(dyed):
    _, aged = dyed
    out = restore(aged, RestoreRequest(steps=["tone"], strength=0.0)).image
    assert np.abs(out - aged).max() < 1e-5


def test_the_page_says_the_colours_faded_and_suggests_the_tone_step(dyed):
    _, aged = dyed
    info, _ = analyse(aged)
    assert info.dye_faded > tone.DYE_FADED and "tone" in info.suggested_steps()
    for language in ("fr", "en"):
        assert not translate("photo.ui.tone.dye_faded", language).startswith("[")
        assert not translate("photo.ui.tone.step_tone_dyes", language).startswith("[")


def test_a_clean_pale_colour_photo_is_not_read_as_dye_faded():
    pale = (0.3 + 0.65 * _small(photo("astronaut"))).astype(np.float32)  # every channel's blacks risen alike
    assert tone.dye_fading(pale) == 0.0
    assert np.array_equal(tone.restore_dyes(pale, 0.5, old=True), pale)


def test_a_stained_slide_with_brown_darks_is_left_alone():
    """Immunohistochemistry: its darkest parts are a brown stain and its ground white, as on a dye-faded print, but
    no channel reaches a deep black (the slowest dye of a faded print still does). Shrunk, it is judged old (its
    texture read as clumped grain): its pale range is not taken for faded dyes without grain or a cast."""
    slide = _small(photo("immunohistochemistry"))
    assert tone.dye_fading(slide) == 0.0
    assert tone.dye_faded(slide, 1.0, old=True) == 0.0
    assert np.array_equal(tone.restore_dyes(slide, 1.0, old=True), slide)


def test_an_old_pale_print_whose_dyes_faded_gets_its_densities_back_without_a_black_it_never_had():
    """A pale scene (tones 0.3-0.97) whose dyes faded, grainy: its red blacks rose most, no channel reaches a deep
    black any more. Judged old, it is taken for dye-faded: each channel is brought to the densest one's density
    (the tone step left it as it was, 16.2 dB); no black deeper than that is invented."""
    truth = (0.3 + 0.67 * _small(photo("coffee"))).astype(np.float32)
    grain = np.random.default_rng(3).normal(0, 0.02, truth.shape[:2]).astype(np.float32)[..., None]
    aged = np.clip(dye_fade(truth, keep=[0.35, 0.6, 0.8], shoulder=0.05) + grain, 0, 1).astype(np.float32)
    assert tone.deepest_black(aged) < tone.NO_DEEP_BLACK and tone.dye_fading(aged) == 0.0 and tone.looks_old(aged)
    assert tone.dye_faded(aged, old=True) > tone.DYE_FADED
    out = restore(aged, RestoreRequest(steps=["tone"])).image
    assert quality.luma_scores(out, truth)[0] > quality.luma_scores(aged, truth)[0] + 3.0  # 16.2 -> 21.1 dB
    black_before, black_after = tone.channel_ends(aged)[0], tone.channel_ends(out)[0]
    assert black_after[0] < black_before[0] - 0.15  # the red blacks come down (0.70 -> 0.42; truth 0.30)
    assert black_after.min() > 0.2  # ...to the densest channel's level, not to a black the scene never had
    assert colour_shift(out, truth) < colour_shift(aged, truth)
