"""A page of print or writing on an old print (a letter, a book's page): its letters are the picture, the hairs,
scratches and dust over it are damage (bench/photo_pages.py measures both on generated pages)."""
import cv2
import numpy as np
import pytest

from bench._photo_damage import packaged_photo, spot_case
from bench.photo_pages import TUNING_SEEDS, page
from pipelines.photo import repair


@pytest.mark.parametrize("seed", [701, 702])
def test_the_rows_of_a_photographed_page_are_not_dust(seed):
    # skimage's `page` (a tuning photo) aged as an old print: before, 10-13 % of it was marked, whole rows of words
    # taken for dark dust grown into its halo and filled in by the repair.
    _, aged = spot_case("page", seed, stains=False)
    share = repair.find_damage(aged.image).mask.mean()
    assert share < 0.05, f"{share:.1%} of the page marked"


def test_a_clean_page_searched_as_an_old_print_keeps_its_words():
    share = repair.find_damage(packaged_photo("page"), aged=True).mask.mean()
    assert share < 0.05, f"{share:.1%} of the page marked"  # before: 14.2 %


def _page_with_scratch(seed: int):
    """A generated page (a tuning seed) with a bright scratch across its rows, lightly aged (grain): (image, the
    scratch where it shows (H, W) bool). A scratch baring white paper shows only where it crosses ink."""
    rgb, letters = page(seed)
    h, w = letters.shape
    line = np.zeros((h, w), np.uint8)
    cv2.line(line, (int(0.9 * w), 0), (int(0.6 * w), h - 1), 1, 2)
    out = rgb.copy()
    out[line.astype(bool)] = 0.97
    shows = line.astype(bool) & (np.abs(out - rgb).max(axis=-1) > 0.1)
    rng = np.random.default_rng(seed)
    return np.clip(out + rng.normal(0, 0.02, out.shape).astype(np.float32), 0, 1), shows


@pytest.mark.parametrize("seed", TUNING_SEEDS[:3])
def test_a_scratch_across_the_rows_of_a_page_is_still_found(seed):
    # The letters are the picture, but a mark running across the rows is a scratch, letters it crosses and all.
    image, scratch = _page_with_scratch(seed)
    found = repair.find_damage(image, aged=True).mask
    recall = (found & scratch).sum() / scratch.sum()
    assert recall > 0.8, f"{recall:.0%} of the scratch found"
