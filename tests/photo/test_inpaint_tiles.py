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


def test_fixed_windows_only_use_the_few_sides_and_blend_long_regions():
    rng = np.random.default_rng(2)
    rgb = rng.random((700, 1500, 3), dtype=np.float32)
    mask = np.zeros((700, 1500), bool)
    mask[300:304, 20:1480] = True  # a scratch across: cells of 448 px overlapping, blended
    mask[5:8, 5:8] = True  # a speck in a corner: its window is moved inward, not padded
    mask[600:640, 700:760] = True  # a blot
    seen = []

    def fill(crops, masks):
        seen.extend(crops.shape[1:3])
        assert crops.shape[1] == crops.shape[2] and crops.shape[1] in inpaint.SIZES
        assert crops.shape[0] * crops.shape[1] ** 2 <= inpaint.BATCH_PIXELS
        return np.where(masks[..., None], 0.75, crops).astype(np.float32)

    cells = inpaint.windows(mask)
    assert sorted(c["size"] for c in cells) == [96, 128, 512, 512, 512, 512]
    for cell in cells:
        (wy, wx), (y0, y1, x0, x1), size = cell["window"], cell["core"], cell["size"]
        assert 0 <= wy and wy + size <= 700 and 0 <= wx and wx + size <= 1500  # real picture, no padding
        assert wy <= y0 and y1 <= wy + size and wx <= x0 and x1 <= wx + size
    long = [c for c in cells if c["weight"] is not None]
    assert len(long) == 4 and all(b["core"][2] < a["core"][3] - inpaint.OVERLAP + 1
                                  for a, b in zip(long, long[1:]))  # neighbours overlap
    out = inpaint.by_windows(rgb, mask, fill)
    assert np.array_equal(out[~mask], rgb[~mask]) and np.allclose(out[mask], 0.75)
    small = inpaint.by_windows(rgb[:50, :60], mask[:50, :60], fill)  # smaller than any window: mirrored
    assert np.array_equal(small[~mask[:50, :60]], rgb[:50, :60][~mask[:50, :60]])
