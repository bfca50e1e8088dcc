"""A picture all black (a photo taken with the lens covered, a black card scanned) is analysed and restored like any
other: the stain search's tone curve fitted a cubic to pixels all at lightness 0 and the analysis failed."""
import numpy as np

from pipelines.photo import analysis, stains
from pipelines.photo.chain import RestoreRequest, restore


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
