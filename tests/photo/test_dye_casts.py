"""Colour prints whose magenta dye faded first (blacks risen to a green grey, a green cast): read as dye-faded like
the common cyan fading, named by the cast they took, and given their densities back by the default steps."""
from dataclasses import asdict

import cv2
import numpy as np

from bench._photo_damage import cast_case, default_restore, dye_fade
from bench.photo_cast import figures
from pipelines.i18n import translate
from pipelines.photo import tone
from pipelines.photo.analysis import analyse
from pipelines.photo.chain import RestoreRequest, restore
from ui.photos import contrast_chip

from .conftest import photo


def _green_print(name: str, seed: int):
    """(truth, print): `name` at 256 px with its magenta dye at 40 % of its density, cyan 88 %, yellow 85 %, grain."""
    truth = photo(name)
    h, w = truth.shape[:2]
    k = 256 / max(h, w)
    truth = cv2.resize(truth, (round(w * k), round(h * k)), interpolation=cv2.INTER_AREA)
    grain = np.random.default_rng(seed).normal(0, 0.02, truth.shape[:2]).astype(np.float32)[..., None]
    return truth, np.clip(dye_fade(truth, keep=[0.88, 0.4, 0.85]) + grain, 0, 1).astype(np.float32)


def test_a_print_whose_magenta_dye_faded_is_read_named_and_mended_by_default():
    truth, aged = _green_print("astronaut", 5)
    info, _ = analyse(aged)
    assert info.dye_faded > tone.DYE_FADED and info.dye_cast == "green"
    assert contrast_chip(asdict(info)) == ("photo.ui.tone.dye_faded_green", {})
    assert "verdis" in translate("photo.ui.tone.dye_faded_green", "fr")
    assert "greenish" in translate("photo.ui.tone.dye_faded_green", "en")
    out, steps, _, _ = default_restore(aged)
    assert "tone" in steps
    before, after = figures(aged, truth), figures(out, truth)
    assert after[0] > before[0] + 1.0  # luma dB
    assert after[3] < 0.7 * before[3]  # the cast left over the whole print


def test_generated_green_cast_prints_lose_most_of_their_cast():
    """Bench cases (bench/_photo_damage.cast_case, tuning split) of the magenta-dye kind that the red-only reading
    left with their cast: the default now takes most of it off."""
    for name, seed in (("rocket", 32), ("coffee", 32)):
        truth, aged = cast_case(name, seed)
        assert aged.params["kind"] == "dyes" and aged.params["keep"][1] < aged.params["keep"][0]
        info, _ = analyse(aged.image)
        assert info.dye_faded > tone.DYE_FADED and info.dye_cast == "green"
        out = restore(aged.image, RestoreRequest(steps=["tone", "denoise"])).image
        assert figures(out, truth)[3] < 0.9 * figures(aged.image, truth)[3]
