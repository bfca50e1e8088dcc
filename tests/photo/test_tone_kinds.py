"""Tone readings that hold: one picture read alike whatever codec saved it, a faded instant print and a magenta-shifted
print read and balanced (their paper back to neutral), wanted tints left alone, a silvered black-and-white print read
as black and white. Pictures and seeds here are none of bench/photo_tone_kinds.py's."""
import numpy as np
import pytest

from bench.photo_tone_kinds import (ENCODINGS, drawing, encoded, frame_chroma, harm_case, instant_print, lab_cast,
                                    magenta_print, photo, silvered, verdict)
from bench._photo_damage import default_restore, framed
from pipelines.photo import tone
from pipelines.photo.analysis import analyse
from pipelines.photo.imaging import silvering


def _noisy(rgb: np.ndarray, fade: float, level: float, seed: int, grey: bool = False) -> np.ndarray:
    rng = np.random.default_rng(seed)
    shape = rgb.shape[:2] + ((1,) if grey else (3,))
    out = (1 - fade) * rgb + fade * 0.5 + rng.normal(0, level / 255, shape).astype(np.float32)
    return np.clip(out, 0, 1).astype(np.float32)


@pytest.mark.parametrize("seed", [301, 305])
def test_a_faded_noisy_drawing_reads_faded_in_every_codec(seed):
    """The tester's kind: a flat drawing under a veil, with noise that each codec keeps its own way. A JPEG at quality
    50 keeps none of a 6-level noise on a flat drawing (its blocks are flat): that one is not asked to agree."""
    rgb = _noisy(drawing(seed), fade=0.3, level=6.0, seed=seed)
    chips = {how: verdict(encoded(rgb, how))[1] for how in ENCODINGS if how != "jpeg50"}
    assert set(chips.values()) == {"photo.ui.faded"}, chips


def test_a_grey_drawing_with_colour_noise_reads_black_and_white_in_every_codec():
    grey = drawing(1)
    grey = np.repeat(grey.mean(axis=2, keepdims=True), 3, axis=2)
    rgb = _noisy(grey, fade=0.1, level=1.5, seed=3)
    kinds = {how: verdict(encoded(rgb, how))[0] for how in ENCODINGS}
    assert set(kinds.values()) == {"photo.ui.grey"}, kinds


def _restored(rgb):
    return default_restore(rgb)[:2]


@pytest.mark.parametrize("name,seed", [("coffee", 7), ("motorcycle_left", 9)])
def test_a_faded_instant_print_is_read_and_its_white_frame_comes_back_neutral(name, seed):
    frame = 0.07
    truth = framed(photo(name), frame, paper=0.96)
    side = round(frame * min(photo(name).shape[:2]))
    aged = instant_print(truth, seed)
    out, steps = _restored(aged)
    assert "tone" in steps
    assert frame_chroma(aged, side) > 5 and frame_chroma(out, side) < 3
    assert lab_cast(out, truth)[0] < 0.9 * lab_cast(aged, truth)[0]  # mean ΔE2000 (the saturation lost stays lost)


@pytest.mark.parametrize("name,seed", [("astronaut", 11), ("chelsea", 12)])
def test_a_print_gone_magenta_all_over_is_read_and_balanced(name, seed):
    truth = photo(name)
    aged = magenta_print(truth, seed)
    a, b, _ = tone.paper_cast(aged)
    assert a > tone.CAST_MAGENTA
    out, steps = _restored(aged)
    assert "tone" in steps
    # the cast left, a*, b*: untouched before (1.0), 0.52 on the ginger cat (the chain's later steps keep some of it)
    assert lab_cast(out, truth)[1] < 0.6 * lab_cast(aged, truth)[1]


@pytest.mark.parametrize("name", ["coffee@warm", "astronaut@cool", "chelsea@candle", "astronaut@sepia", "moon@warm",
                                  "motorcycle_right@cool"])
def test_wanted_tints_and_lit_scenes_take_no_paper_cast(name):
    assert tone.paper_cast(harm_case(name, 0)) == (0.0, 0.0, False)
    assert tone.paper_cast(harm_case("sunset", 9)) == (0.0, 0.0, False)


@pytest.mark.parametrize("name,seed", [("camera", 61), ("grace_hopper", 62)])
def test_a_silvered_black_and_white_print_reads_black_and_white(name, seed):
    rgb = photo(name)
    y = rgb @ np.array([0.299, 0.587, 0.114], np.float32)
    aged = silvered(np.repeat(y[..., None], 3, axis=2), seed)
    found, _ = analyse(aged)
    assert found.greyscale and found.silvering > 0  # the sheen read and named, the print black and white
    assert not analyse(photo("chelsea"))[0].greyscale


def test_a_colour_photo_with_dark_blue_areas_is_no_silvered_print():
    for name in ("chelsea", "coffee", "astronaut"):
        assert silvering(harm_case(f"{name}@cool", 0)) == 0.0
