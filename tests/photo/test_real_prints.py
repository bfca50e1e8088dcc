"""Real cracked prints and generated damage of each kind, judged by figures the chain does not compute itself.

The prints (tests/photo/data, MIT-licensed test photos of an old-photo restoration project) have no
clean original: cracks are counted by bench/_photo_damage.crack_map (scikit-image top-hat + Sato
ridges, a detector the chain does not use) and fine detail is compared away from the cracks.
The bars hold what the chain reaches today (bench/photo.py prints the figures) with a margin.
"""
from pathlib import Path

import pytest

from bench._photo_damage import age, damage_left, packaged_photo, real_print_figures
from pipelines.photo import repair
from pipelines.photo.imaging import luma
from pipelines.photo.chain import RestoreRequest, open_photo, restore

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("file, most_left", [("cracked-portrait-1.png", 0.5), ("cracked-portrait-2.png", 0.6)])
def test_a_real_cracked_print_loses_its_cracks_and_keeps_its_detail(file, most_left):
    rgb, _ = open_photo(DATA / file)
    out = restore(rgb, RestoreRequest(steps=["repair", "tone", "denoise"])).image
    left, kept = real_print_figures(rgb, out)
    assert left < most_left, f"{left:.0%} of the crack pixels are still there"
    assert kept > 0.7, f"only {kept:.0%} of the fine detail away from the cracks is kept"


# Found share today: bright scratches 42 %, dark 40 %, cracks and dust more; lost paper at the edges only ~17 %.
@pytest.mark.parametrize("kinds, polarity, least", [(("scratches",), 1, 0.3), (("scratches",), -1, 0.3),
                                                    (("cracks",), 1, 0.3), (("dust",), None, 0.3),
                                                    (("edges",), None, 0.1)])
def test_each_kind_of_generated_damage_is_found_and_mostly_gone(kinds, polarity, least):
    truth = packaged_photo("camera")
    fixed = {"polarity": polarity} if polarity else {}
    if kinds == ("edges",):
        fixed["edges"] = True
    aged = age(truth, 6, kinds=("fade", "grain") + kinds, **fixed)  # every old print has faded a little
    assert aged.marks.any()
    found = repair.find_damage(aged.image).mask
    recall = (found & aged.marks).sum() / aged.marks.sum()
    repaired = repair.inpaint(aged.image, found)
    assert recall > least, f"{kinds} {polarity}: {recall:.0%} found"
    assert found.mean() < aged.marks.mean() * 2.5 + 0.01  # the picture is not taken for damage
    if kinds == ("edges",):  # no picture is left under lost paper: the fill only takes the paper's white away
        both = found & aged.marks
        assert luma(repaired)[both].mean() < luma(aged.image)[both].mean() - 0.1
        return
    left = damage_left(repaired, truth, aged.marks)
    assert left < damage_left(aged.image, truth, aged.marks) - least * 0.5, f"{kinds}: {left:.0%} left"
