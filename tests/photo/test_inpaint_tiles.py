"""Tiled inpainting: only the tiles holding damage are filled, each from a bounded crop with context."""
import numpy as np

from pipelines.photo import inpaint


def test_only_damaged_tiles_are_filled_from_bounded_crops():
    rng = np.random.default_rng(0)
    rgb = rng.random((1100, 1300, 3), dtype=np.float32)
    mask = np.zeros((1100, 1300), bool)
    mask[100:104, 50:700] = True  # a scratch across two tiles of the top row
    mask[1050:1060, 1250:1260] = True  # a speck in the bottom-right tile
    seen = []

    def fill(crop, crop_mask):
        seen.append(crop.shape)
        assert crop.shape[0] % inpaint.MULTIPLE == 0 and crop.shape[1] % inpaint.MULTIPLE == 0
        return np.where(crop_mask[..., None], 0.25, crop).astype(np.float32)

    out = inpaint.by_tiles(rgb, mask, fill)
    assert len(seen) == len(inpaint.damaged_tiles(mask)) == 3  # of 9 tiles
    side = inpaint.TILE + 2 * inpaint.CONTEXT
    assert all(h <= side and w <= side for h, w, _ in seen)
    assert np.array_equal(out[~mask], rgb[~mask])
    assert np.allclose(out[mask], 0.25)
    assert np.array_equal(inpaint.by_tiles(rgb, np.zeros_like(mask), fill), rgb) and len(seen) == 3


def test_damage_is_filled_from_small_crops_around_each_region_in_batches():
    rng = np.random.default_rng(1)
    rgb = rng.random((1100, 1300, 3), dtype=np.float32)
    mask = np.zeros((1100, 1300), bool)
    mask[100:104, 50:1250] = True  # a long scratch: cut into cells of at most TILE
    for y, x in ((500, 300), (520, 900), (800, 200), (1090, 1290)):  # lone specks: one small crop each
        mask[y:y + 3, x:x + 3] = True
    batches = []

    def fill(crops, masks):
        batches.append(crops.shape)
        assert crops.shape[:3] == masks.shape and crops.shape[1] % inpaint.BUCKET == 0
        assert crops.shape[0] * crops.shape[1] * crops.shape[2] <= inpaint.BATCH_PIXELS
        return np.where(masks[..., None], 0.75, crops).astype(np.float32)

    out = inpaint.by_regions(rgb, mask, fill)
    cores = inpaint.damaged_regions(mask)
    assert len(cores) == 3 + 4  # 1200 px of scratch in three cells, four specks
    assert sum(n for n, *_ in batches) == len(cores)
    assert any(n == 3 for n, *_ in batches)  # the three inner specks (like-sized crops) share one batch
    seen = sum(h * w * n for n, h, w, _ in batches)
    assert seen < 0.2 * mask.size  # the model sees a fifth of the picture at most
    assert np.array_equal(out[~mask], rgb[~mask])
    assert np.allclose(out[mask], 0.75)
