"""A toned (sepia) black-and-white print is told apart from a colour photo, and the page says what revive does to it."""
from pathlib import Path

import numpy as np
import pytest

from bench._photo_damage import packaged_photo
from pipelines.photo import tone
from pipelines.photo.analysis import analyse
from pipelines.photo.chain import open_photo
from pipelines.photo.imaging import rgb_to_lab, toned_monochrome

DATA = Path(__file__).parent / "data"


def _sepia(rgb):
    grey = rgb.mean(axis=2, keepdims=True)
    return np.clip(grey * np.array([1.0, 0.85, 0.65]) + np.array([0.05, 0.04, 0.02]), 0, 1).astype(np.float32)


@pytest.mark.parametrize("name", ["coffee", "chelsea", "astronaut", "rocket"])
def test_a_sepia_picture_is_toned_black_and_white_and_the_colour_photo_is_not(name):
    photo = packaged_photo(name)[::2, ::2]
    assert not toned_monochrome(photo)
    assert toned_monochrome(_sepia(photo))


@pytest.mark.parametrize("name", ["coffee", "chelsea", "astronaut", "rocket", "motorcycle_left"])
def test_a_grainy_scan_of_a_sepia_print_is_still_toned(name):
    """Scanned three times its size with colour grain (each channel its own noise, sigma 10/255): the hues of
    the print scattered pixel by pixel and the page said « En couleurs »; the colour photo stays a colour one."""
    import cv2

    photo = packaged_photo(name)
    rng = np.random.default_rng(7)

    def scanned(rgb):
        big = cv2.resize(rgb, None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC)
        return np.clip(big + rng.normal(0, 10 / 255, big.shape), 0, 1).astype(np.float32)

    assert toned_monochrome(scanned(_sepia(photo)))
    assert not toned_monochrome(scanned(photo))


@pytest.mark.parametrize("file", ["cracked-portrait-1.png", "cracked-portrait-2.png"])
def test_a_real_toned_print_is_named_so_and_its_kept_tone_is_not_called_yellowing(file):
    rgb = open_photo(DATA / file)[0][::2, ::2]
    info, _ = analyse(rgb)
    assert info.toned and not info.greyscale
    assert info.keeps_tone  # the page then names the step 'revive, the sepia tone is kept', with no 'yellowed' chip
    before = float(rgb_to_lab(rgb)[..., 2].mean())
    after = float(rgb_to_lab(tone.revive(rgb, 0.5, old=True))[..., 2].mean())
    assert after > 0.6 * before  # ...and revive does keep it


@pytest.mark.parametrize("file", ["cracked-portrait-1.png", "cracked-portrait-2.png"])
def test_lifting_a_toned_prints_levels_leaves_it_no_warmer(file):
    rgb = open_photo(DATA / file)[0]
    black, contrast = tone.levels(rgb, 0.5, old=True)
    out = tone.revive(rgb, 0.5, old=True)
    before, after = (rgb_to_lab(x)[..., 1:].reshape(-1, 2).mean(axis=0) for x in (rgb, out))
    # Each pixel keeps its a*, b*: stretching the three channels alike made the second print (levels lifted by
    # 0.14, contrast 0.75) 35 % warmer (b* 9.9 to 13.4).
    assert abs(after[1] - before[1]) < 0.05 * before[1] and abs(after[0] - before[0]) < 0.5
    if file.endswith("2.png"):
        assert black > 0.05 and contrast < 0.9  # the levels were lifted indeed


def test_a_yellowed_print_whose_yellow_the_page_offers_to_remove_loses_it():
    rgb = _sepia(packaged_photo("camera")[::2, ::2])
    assert not tone.keeps_tone(rgb)  # the page says 'revive and remove the yellow'...
    before = float(rgb_to_lab(rgb)[..., 2].mean())
    after = float(rgb_to_lab(tone.revive(rgb, 0.5, old=tone.looks_old(rgb)))[..., 2].mean())
    assert before > 10 and after < 0.3 * before  # ...and it goes


@pytest.mark.parametrize("name", ["camera", "astronaut", "coins"])
def test_a_scratched_toned_print_keeps_its_tone_through_repair_revive_and_grain(name):
    """The page says « le ton sépia est gardé »: the chain keeps its word after the repair filled the marks (the
    revive step used to measure the tone again on the repaired print, which could fail, and turned it grey)."""
    from pipelines.photo import quality
    from pipelines.photo.chain import RestoreRequest, restore
    from pipelines.photo.imaging import lab_to_rgb

    lab = rgb_to_lab(np.repeat(packaged_photo(name)[::2, ::2].mean(axis=2, keepdims=True), 3, axis=2))
    warmth = np.sin(np.pi * np.clip(lab[..., 0] / 100, 0, 1))  # toning colours the silver image, not the paper
    lab[..., 1], lab[..., 2] = 3 * warmth, 24 * warmth
    toned_print = np.clip(lab_to_rgb(lab), 0, 1).astype(np.float32)
    damaged = quality.damage(toned_print, seed=1, fade=0, blur=0, grain=0.01, yellow=0)
    assert tone.keeps_tone(damaged)
    out = restore(damaged, RestoreRequest(steps=["repair", "tone", "denoise"])).image

    def mid_b(rgb):
        lab = rgb_to_lab(rgb)
        mids = (lab[..., 0] > np.percentile(lab[..., 0], 30)) & (lab[..., 0] < np.percentile(lab[..., 0], 70))
        return float(lab[..., 2][mids].mean())

    assert mid_b(out) > 0.7 * mid_b(toned_print), "the toned print came out grey"


def test_the_page_calls_a_print_sepia_only_when_the_revive_step_keeps_its_tone():
    """A sepia print whose paper whites stayed white is « viré (sépia) » and keeps its tone; the same picture with
    its whites as warm as its mid-tones (the tint follows the lightness: yellowed paper) is « jauni par le temps »,
    as the revive step takes the tint away."""
    from dataclasses import asdict

    import cv2

    from pipelines.i18n import translate
    from pipelines.photo.imaging import luma
    from ui.photos import YELLOWED_BW, kind_chip

    grey = luma(cv2.resize(packaged_photo("camera"), (256, 256), interpolation=cv2.INTER_AREA))[..., None]
    mids = 4 * grey * (1 - grey)  # the tone lies in the mid-tones, not in the whites
    toned = np.clip(grey + np.concatenate([0.10 * mids, 0.02 * mids, -0.10 * mids], axis=2), 0, 1)
    yellowed = np.clip(grey * np.array([1.0, 0.9, 0.68], np.float32), 0, 1)  # warm in proportion to the lightness
    toned_info, _ = analyse(toned.astype(np.float32))
    yellowed_info, _ = analyse(yellowed.astype(np.float32))
    assert kind_chip(asdict(toned_info)) == "photo.ui.toned_bw" and toned_info.keeps_tone
    assert kind_chip(asdict(yellowed_info)) == YELLOWED_BW and not yellowed_info.keeps_tone
    assert "jauni" in translate(YELLOWED_BW, "fr") and "yellowed" in translate(YELLOWED_BW, "en")
