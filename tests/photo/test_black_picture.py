"""A picture all black (a photo taken with the lens covered, a black card scanned) is analysed and restored like any
other: the stain search's tone curve fitted a cubic to pixels all at lightness 0 and the analysis failed. The page says
it is all black, with nothing to bring back, and does not promise that « Raviver » lightens it; a nearly black photo
with a picture in it is still told very dark, and lightened."""
from dataclasses import asdict

import cv2
import numpy as np
import pytest

from pipelines.i18n import translate
from pipelines.photo import analysis, stains
from pipelines.photo.chain import RestoreRequest, restore
from pipelines.photo.imaging import luma

from .conftest import photo


def test_a_black_picture_has_a_flat_tone_curve_and_no_stain():
    black = np.zeros((120, 160, 3), np.float32)
    found = stains.find_stains(black)
    assert found.foxing + found.mould + found.tide == 0 and not found.mask.any()


def test_a_black_picture_is_analysed_and_restored_with_the_suggested_steps():
    black = np.zeros((120, 160, 3), np.float32)
    result, mask = analysis.analyse(black)
    assert result.greyscale and result.scratches == 0 and result.spots == 0 and not mask.any()
    out = restore(black, RestoreRequest(steps=["repair", "tone", "denoise", "upscale"]))
    assert out.image.shape == (240, 320, 3) and np.isfinite(out.image).all() and out.image.max() <= 0.05


def _scan(rgb, level, noise, seed=0):
    """The picture as a dark 8-bit scan: its tones squeezed into [0, level], sensor noise of `noise` (sd)."""
    grain = np.random.default_rng(seed).normal(0, noise, rgb.shape)
    return (np.round(np.clip(rgb * level + grain, 0, 1) * 255) / 255).astype(np.float32)


@pytest.mark.parametrize("noise", [0.0, 0.004, 0.008])
def test_a_black_picture_is_said_all_black_and_revive_is_not_promised(noise):
    """It was told « Très sombre : « Raviver » l'éclaircit », the step ticked, and the restore gave it back black."""
    from ui.photos import contrast_chip

    black = _scan(np.zeros((300, 400, 3)), 0.0, noise)
    info, _ = analysis.analyse(black)
    assert info.all_black and not info.underexposed
    assert "tone" not in info.suggested_steps()
    assert contrast_chip(asdict(info)) == ("photo.ui.tone.all_black", {})
    for language, step in (("fr", "Raviver"), ("en", "Revive")):
        words = translate("photo.ui.tone.all_black", language)
        assert not words.startswith("[") and step not in words


@pytest.mark.parametrize("level", [0.01, 0.03])
def test_a_nearly_black_photo_with_a_picture_in_it_is_still_brightened(level):
    """Underexposed but real (the camera photo squeezed into a few levels): told very dark, and lightened."""
    from ui.photos import contrast_chip

    truth = cv2.resize(photo("camera"), (384, 384), interpolation=cv2.INTER_AREA)
    dark = _scan(truth, level, 0.004, seed=1)
    info, _ = analysis.analyse(dark)
    assert not info.all_black and info.underexposed and "tone" in info.suggested_steps()
    assert contrast_chip(asdict(info)) == ("photo.ui.tone.too_dark", {})
    out = restore(dark, RestoreRequest(steps=["tone"])).image
    assert luma(out).mean() > 5 * luma(dark).mean()
    assert np.percentile(luma(out), 99) > 0.15  # its brightest parts show (they were at 1 % to 3 % grey)
