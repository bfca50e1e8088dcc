"""A print enlarged by a plain program before it was brought (a viewer's or an office program's "enlarge": bilinear
interpolation, or nearest neighbour's blocks of identical pixels) is judged and searched at the detail it holds, as
a scan enlarged by Lanczos is (tests/photo/test_scanned_big.py); a clean photo enlarged so is left unmarked.

bench/photo_real_kinds.py measures the two real cracked prints enlarged so through the whole chain ('bilinear x2',
'bilinear x4', 'nearest x2', 'nearest x3'); bench/photo_big_clean.py the clean photos ('sepia, bilinear x2',
'sepia, nearest x3').
"""
from pathlib import Path

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from bench._photo_damage import packaged_photo
from pipelines.photo import repair, tone
from pipelines.photo.chain import open_photo
from pipelines.photo.imaging import luma

DATA = Path(__file__).parent / "data"
METHODS = {"bilinear": Image.Resampling.BILINEAR, "nearest": Image.Resampling.NEAREST}


def _enlarged(rgb: np.ndarray, method: str, k: int) -> np.ndarray:
    """`rgb` as an 8-bit file, enlarged `k` times by PIL's `method` ("bilinear", "nearest"), as [0, 1] float32."""
    image = Image.fromarray(np.round(rgb * 255).astype(np.uint8))
    return np.asarray(image.resize((image.width * k, image.height * k), METHODS[method]), np.float32) / 255


def _jpeg(rgb: np.ndarray, quality: int) -> np.ndarray:
    """`rgb` ([0, 1]) saved as a JPEG file at `quality` and read back, as [0, 1] float32."""
    out = io.BytesIO()
    Image.fromarray(np.round(rgb * 255).astype(np.uint8)).save(out, "JPEG", quality=quality)
    return np.asarray(Image.open(io.BytesIO(out.getvalue())).convert("RGB"), np.float32) / 255


@pytest.mark.parametrize("k", [2, 3, 4])
def test_nearest_neighbour_blocks_read_their_side_and_a_photo_none(k):
    photo = packaged_photo("astronaut")
    assert repair.repeated_blocks(luma(photo)) == 1
    big = luma(_enlarged(photo, "nearest", k))
    assert repair.repeated_blocks(big) == k
    assert repair.effective_scale(big) == k  # its staircase showed no cliff in the resampling losses: 1.0 before
    assert repair.repeated_blocks(big[1:, 1:]) == k  # blocks cut at the scan's edge (a crop) keep their side


# A program that enlarged a scan by nearest neighbour saved it as JPEG: its ringing changes every pixel a little, so
# the blocks are no longer exact repeats and the scan read no enlargement (bench/photo_real_kinds.py, 'nearest x2 +
# jpeg q85'). The borders still carry the picture's changes: the side is read, and the crop's phase does not matter.
@pytest.mark.parametrize("k", [2, 3, 4])
@pytest.mark.parametrize("name", ["astronaut", "camera"])
def test_a_nearest_enlargement_saved_as_jpeg_reads_its_side(name, k):
    big = luma(_jpeg(_enlarged(packaged_photo(name), "nearest", k), 85))
    assert repair.repeated_blocks(big) == k
    assert repair.repeated_blocks(big[1:, 1:]) == k
    assert repair.effective_scale(big) == k


# A photo that was only compressed shows JPEG's 8 x 8 blocking, even at a low quality: that is no enlargement by 8.
@pytest.mark.parametrize("quality", [95, 60, 30, 10])
@pytest.mark.parametrize("name", ["astronaut", "camera"])
def test_a_photo_only_saved_as_jpeg_reads_no_blocks(name, quality):
    assert repair.repeated_blocks(luma(_jpeg(packaged_photo(name), quality))) == 1


# The handed print 2 (256 px, cracked, sepia, grainy) enlarged x2 by bilinear interpolation: an area average of the
# scan blurred its grain out of looking like grain, its picture read as not aged and the cautious search left 92 %
# of its cracks (bench/photo_real_kinds.py). Enlarged x3 by nearest neighbour the scan read no enlargement at all
# and was searched, not aged, at 768 px. Both are now searched as the old print they are, at the detail they hold.
# Saved as JPEG after a nearest x3 enlargement, its cracks were 96 % left (bench/photo_real_kinds.py): no side read.
@pytest.mark.parametrize("method, k, quality", [("bilinear", 2, None), ("nearest", 3, None), ("nearest", 3, 85)])
def test_a_cracked_print_enlarged_by_a_program_is_searched_as_the_old_print_it_is(method, k, quality):
    rgb, _ = open_photo(DATA / "cracked-portrait-2.png")
    assert tone.picture_aged(rgb)
    at_size = repair.find_damage(rgb).mask
    big = _enlarged(rgb, method, k) if quality is None else _jpeg(_enlarged(rgb, method, k), quality)
    assert tone.picture_aged(big)
    found = repair.find_damage(big).mask
    marks = cv2.resize(at_size.astype(np.uint8), big.shape[1::-1], interpolation=cv2.INTER_NEAREST).astype(bool)
    recall = (found & marks).sum() / marks.sum()
    assert recall > 0.7, f"{recall:.0%} of what the print at its size has marked is found"
    assert found.mean() < 1.6 * at_size.mean() + 0.01  # no more of the picture is taken than at the print's size


# A clean sepia photo (no grain, no damage) enlarged by a program: judged at the detail it holds, it is the clean
# photo it is at its own size, and nearly nothing is marked (bench/photo_big_clean.py).
@pytest.mark.parametrize("method, k", [("bilinear", 2), ("nearest", 3)])
def test_a_clean_photo_enlarged_by_a_program_is_left_unmarked(method, k):
    grey = luma(cv2.resize(packaged_photo("camera"), (320, 320), interpolation=cv2.INTER_AREA))
    sepia = np.clip(grey[..., None] * np.array([1.0, 0.9, 0.72], np.float32) + 0.06, 0, 1)
    big = _enlarged(sepia, method, k)
    assert repair.find_damage(big).mask.mean() < 0.002


@pytest.mark.parametrize("k", [2, 3, 4])
def test_a_crop_of_an_enlargement_is_read_and_put_back_on_its_own_blocks(k):
    """A crop of a nearest-neighbour enlargement starts its blocks anywhere: one pixel per block is read where the
    blocks lie (repair.block_phase) and the blocks go back exactly there. Read from the top-left corner, a crop of
    astronaut x3 came back with 46 % of its pixels moved by a source pixel."""
    small = packaged_photo("astronaut")[::2, ::2]
    big = np.repeat(np.repeat(small, k, axis=0), k, axis=1)
    for top, left in [(0, 0), (1, 2 % k), (k - 1, 1)]:
        crop = big[top:-1, left:]
        phase = repair.block_phase(luma(crop), k)
        assert phase == ((k - top) % k, (k - left) % k)
        rows, cols, row_block, col_block = repair.block_grid(crop.shape, k, phase)
        source = crop[rows][:, cols]
        assert np.array_equal(source[row_block][:, col_block], crop)
        read, row_back, col_back = repair.source_pixels(crop, k)  # the same in one call, from the scan alone
        assert read.flags.c_contiguous and np.array_equal(read[row_back][:, col_back], crop)


def test_the_grain_of_a_cropped_enlargement_is_cleaned_block_by_block():
    """The denoise cleans a grainy print enlarged x3 then cropped on its source pixels and gives back whole 3 x 3
    blocks, where they were: no block of the result straddles two of the scan's."""
    from pipelines import backends
    from pipelines.photo.contract import PhotoRequest

    rng = np.random.default_rng(7)
    small = np.clip(packaged_photo("camera")[::2, ::2] + rng.normal(0, 0.06, (256, 256, 1)), 0, 1).astype(np.float32)
    crop = np.repeat(np.repeat(small, 3, axis=0), 3, axis=1)[2:-1, 1:]
    out = backends.get("photo.denoise.nlmeans")(PhotoRequest(crop, strength=0.8, old=True, pixel_blocks=3)).image
    assert not np.array_equal(out, crop)  # the grain was cleaned
    rows, cols, row_block, col_block = repair.block_grid(crop.shape, 3, repair.block_phase(luma(crop), 3))
    assert np.array_equal(out[rows][:, cols][row_block][:, col_block], out)
