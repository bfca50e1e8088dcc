"""A cyanotype and a selenium print are named as such, and the revive step keeps their tone; a colour photo under a
cool light is still a colour photo.

A cyanotype (Prussian blue in the shadows to the paper's white) was named « En couleurs »: its blue lies outside
sRGB in its shadows, a scan clips it and its hue turns with the lightness, past the one-hue test that was written
for warm tones (imaging.TONE_HUES). The prints here are drawn in the test, not taken from a bench.
"""
import cv2
import numpy as np
import pytest

from bench._photo_damage import packaged_photo
from pipelines.photo import tone
from pipelines.photo.analysis import analyse
from pipelines.photo.imaging import lab_to_rgb, monochrome_tone, rgb_to_lab
from ui.photos import kind_chip


def _scan(rgb, seed, quality=85):
    """A colour scan of a print: each channel its own noise (1.5 / 255), saved as a JPEG."""
    rng = np.random.default_rng(seed)
    noisy = np.clip(rgb + rng.normal(0, 1.5 / 255, rgb.shape), 0, 1)
    ok, data = cv2.imencode(".jpg", cv2.cvtColor((noisy * 255 + 0.5).astype(np.uint8), cv2.COLOR_RGB2BGR),
                            [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.cvtColor(cv2.imdecode(data, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB).astype(np.float32) / 255


def _luma_lab(name):
    rgb = packaged_photo(name)
    y = rgb @ np.array([0.299, 0.587, 0.114], np.float32)
    return rgb_to_lab(np.repeat(y[..., None], 3, 2).astype(np.float32))


def cyanotype(name, depth=35.0, seed=0):
    """Prussian blue (b* -depth, a* a fifth of it the other way) in the blacks, down to the paper's white."""
    lab = _luma_lab(name)
    dark = 1 - np.clip(lab[..., 0] / 100, 0, 1)
    lab[..., 1], lab[..., 2] = 0.2 * depth * dark, -depth * dark
    return _scan(np.clip(lab_to_rgb(lab), 0, 1).astype(np.float32), seed)


def selenium(name, chroma=9.0, seed=0):
    """Purple-brown in the mid-tones (a* chroma, b* a quarter of it): toning colours the silver, not the paper."""
    lab = _luma_lab(name)
    mids = np.sin(np.pi * np.clip(lab[..., 0] / 100, 0, 1))
    lab[..., 1], lab[..., 2] = chroma * mids, 0.25 * chroma * mids
    return _scan(np.clip(lab_to_rgb(lab), 0, 1).astype(np.float32), seed)


def cool_light(name, red=0.55, green=0.8, seed=0):
    """A colour photo under a blue hour's light: red and green fall against blue in linear light."""
    rgb = packaged_photo(name).astype(np.float64)
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4) * np.array([red, green, 1.0])
    out = np.where(lin <= 0.0031308, lin * 12.92, 1.055 * np.clip(lin, 0, 1) ** (1 / 2.4) - 0.055)
    return _scan(np.clip(out, 0, 1).astype(np.float32), seed)


@pytest.mark.parametrize("name,depth", [("coins", 30.0), ("page", 40.0), ("chelsea", 45.0), ("clock", 28.0)])
def test_a_cyanotype_is_named_a_cyanotype_and_keeps_its_blue(name, depth):
    print_ = cyanotype(name, depth)
    info, _ = analyse(print_)
    assert info.tone == "cyanotype" and info.toned and info.keeps_tone
    assert kind_chip(info.__dict__) == "photo.ui.tone.cyanotype"
    before = float(rgb_to_lab(print_)[..., 2].mean())
    after = float(rgb_to_lab(tone.revive(print_, 0.5, old=True, keep_tone=info.keeps_tone))[..., 2].mean())
    assert before < -5 and after < 0.7 * before  # still as blue (b* below 0), not white-balanced to grey


@pytest.mark.parametrize("name", ["coins", "camera", "clock"])
def test_a_selenium_print_is_named_toned_not_colour(name):
    info, _ = analyse(selenium(name))
    assert info.greyscale or info.tone == "selenium"
    if not info.greyscale:
        assert kind_chip(info.__dict__) == "photo.ui.tone.selenium" and info.keeps_tone


@pytest.mark.parametrize("name", ["astronaut", "chelsea", "coffee", "rocket", "motorcycle_left"])
def test_a_colour_photo_under_a_cool_light_is_still_a_colour_photo(name):
    photo = cool_light(name)
    assert monochrome_tone(photo) is None
    info, _ = analyse(photo)
    assert kind_chip(info.__dict__) == "photo.ui.colour"


def test_a_sepia_print_is_still_named_warm():
    lab = _luma_lab("camera")
    mids = np.sin(np.pi * np.clip(lab[..., 0] / 100, 0, 1))
    lab[..., 1], lab[..., 2] = 2.5 * mids, 18.0 * mids
    assert monochrome_tone(_scan(np.clip(lab_to_rgb(lab), 0, 1).astype(np.float32), 1)) == "warm"
