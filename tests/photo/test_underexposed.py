"""A photo whose every tone stayed dark (a scan made at a slide's exposure, a flash that did not fire) is said to be
very dark, gets the tone step ticked, and comes out brightened; photos of normal exposure are not touched by it. A
restore that gives the photo back as it came says so instead of showing it as restored."""
from dataclasses import asdict

import cv2
import numpy as np
import pytest

from pipelines.i18n import translate
from pipelines.photo.imaging import luma
from pipelines.photo import tone
from pipelines.photo.analysis import analyse
from pipelines.photo.chain import RestoreRequest, restore, unchanged

from .conftest import photo

PACKAGED = ["camera", "astronaut", "coffee", "chelsea", "hubble_deep_field", "moon", "rocket", "retina", "cell",
            "immunohistochemistry", "page", "text", "coins", "clock", "grass", "gravel", "brick"]


def _small(rgb, side=384):
    h, w = rgb.shape[:2]
    k = side / max(h, w)
    return cv2.resize(rgb, (round(w * k), round(h * k)), interpolation=cv2.INTER_AREA)


def _dark(rgb, level, seed):
    """The photo as an underexposed 8-bit scan: its tones squeezed into [0, level], a little sensor noise."""
    noise = np.random.default_rng(seed).normal(0, 0.004, rgb.shape)
    return (np.round(np.clip(rgb * level + noise, 0, 1) * 255) / 255).astype(np.float32)


@pytest.mark.parametrize("name,level", [("camera", 0.08), ("astronaut", 0.12), ("coffee", 0.2)])
def test_an_underexposed_scan_is_said_very_dark_and_the_tone_step_brightens_it(name, level):
    from ui.photos import contrast_chip

    truth = _small(photo(name))
    dark = _dark(truth, level, seed=len(name))
    info, _ = analyse(dark)
    assert info.underexposed and "tone" in info.suggested_steps()  # was « Bien contrastée », the step unticked
    assert contrast_chip(asdict(info)) == ("photo.ui.tone.too_dark", {})
    out = tone.revive(dark)
    error_before = np.abs(luma(dark) - luma(truth)).mean()
    error_after = np.abs(luma(out) - luma(truth)).mean()
    assert error_after < 0.35 * error_before  # the picture's tones are back, near where they were
    assert luma(out).mean() > 4 * luma(dark).mean()
    for language in ("fr", "en"):
        assert not translate("photo.ui.tone.too_dark", language).startswith("[")


@pytest.mark.parametrize("name", PACKAGED)
def test_photos_of_normal_exposure_are_not_called_underexposed(name):
    rgb = photo(name)
    assert tone.underexposure(rgb) == (0.0, 1.0)
    assert tone.brightened(rgb) is rgb


def test_a_restore_that_changes_nothing_says_so():
    flat = np.full((96, 128, 3), 0.5, np.float32)  # a plain grey card: no grain, nothing to correct
    outcome = restore(flat, RestoreRequest(steps=["denoise"]))
    assert outcome.applied == ["denoise"] and "photo.notes.unchanged" in outcome.notes
    camera = _small(photo("camera"))
    grainy = np.clip(camera + np.random.default_rng(1).normal(0, 0.04, camera.shape), 0, 1)
    changed = restore(grainy.astype(np.float32), RestoreRequest(steps=["denoise"]))
    assert "photo.notes.unchanged" not in changed.notes
    for language in ("fr", "en"):
        assert not translate("photo.notes.unchanged", language).startswith("[")
    # ...and offers no before / after sheet of one picture twice, unless colour was added by hand since
    from ui.photos import exports_offered

    assert not exports_offered(outcome.notes, recoloured=False)
    assert exports_offered(outcome.notes, recoloured=True) and exports_offered(changed.notes, recoloured=False)
    for language in ("fr", "en"):
        assert not translate("photo.ui.unchanged_no_sheet", language).startswith("[")


def test_unchanged_reads_eight_bit_levels_and_sizes():
    a = (np.random.default_rng(0).integers(0, 255, (50, 60, 3)) / 255).astype(np.float32)  # an 8-bit picture
    assert unchanged(a, a + 0.001)  # a quarter of a level: the same 8-bit picture
    b = a.copy()
    b[:10] = np.clip(b[:10] + 0.05, 0, 1)
    assert not unchanged(a, b)
    assert not unchanged(a, np.repeat(np.repeat(a, 2, 0), 2, 1))
