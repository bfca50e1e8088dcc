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
