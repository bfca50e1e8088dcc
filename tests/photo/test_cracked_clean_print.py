"""A print with no sign of age but its cracks (not faded, tinted or grainy: a grey or colour photo with white crack
networks and dust) gets the full damage search and « Réparer » ticked: its cracks are the sign of age
(repair.cracked). A clean photo with thin lines of its own (a camera's tripod, letters) keeps the cautious search."""
import pytest

from bench._photo_damage import case_seed, packaged_photo
from bench.photo_cracked_clean import cracked
from pipelines.photo import analysis, repair

from .conftest import photo


def test_a_clean_looking_print_with_white_cracks_is_searched_in_full_and_ticked():
    # bench/photo_cracked_clean.py's tuning case motorcycle_right/32: 1258 x 1865 px, cracks 1-4 px and dust;
    # searched as a modern photo it marked 0.35 % (a fifth of the cracks): « Pas de dégât visible »
    image, marks = cracked(packaged_photo("motorcycle_right"), case_seed("motorcycle_right", 32))
    info, mask = analysis.analyse(image)
    assert info.damaged and "repair" in info.suggested_steps(), info.damage_fraction
    assert mask[marks].mean() > 0.5  # most of the drawn cracks and dust are marked
    assert info.cracked and repair.crack_network(image) >= repair.CRACK_NETWORK


@pytest.mark.parametrize("name", ["camera", "text", "page", "astronaut", "coins"])
def test_a_clean_photo_with_thin_lines_keeps_the_cautious_search(name):
    image = photo(name)
    info, _ = analysis.analyse(image)
    assert not info.damaged, info.damage_fraction
    assert not info.cracked and repair.crack_network(image) < repair.CRACK_NETWORK / 2
