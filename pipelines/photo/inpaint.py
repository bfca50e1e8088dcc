"""Inpainting a big scan piece by piece: only the tiles that hold damage go through the filler, with context.

A model inpainter (LaMa) costs time and memory in proportion to the pixels it sees; a crack
network on a 12 MP scan touches a share of it. The photo is cut into a grid of TILE x TILE
cores; each core that holds masked pixels is filled from a crop that adds CONTEXT pixels of
surrounding picture on each side (the model sees what lies around the damage), and only the
core's masked pixels are kept. Cores are filled in reading order, so a later crop sees the
earlier fills. Peak memory is that of one crop, whatever the scan's size.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..backends import Progress, no_progress

TILE = 512  # core side, pixels
CONTEXT = 64  # picture added around a core, pixels each side
MULTIPLE = 8  # crops are padded (reflected) to a multiple of this: LaMa's down-sampling needs it


def damaged_tiles(mask: np.ndarray, tile: int = TILE) -> list[tuple[int, int, int, int]]:
    """Cores (y0, y1, x0, x1) of a tile grid that hold at least one masked pixel, in reading order."""
    h, w = mask.shape
    cores = []
    for y in range(0, h, tile):
        for x in range(0, w, tile):
            if mask[y:y + tile, x:x + tile].any():
                cores.append((y, min(h, y + tile), x, min(w, x + tile)))
    return cores


def by_tiles(rgb: np.ndarray, mask: np.ndarray, fill: Callable[[np.ndarray, np.ndarray], np.ndarray],
             tile: int = TILE, context: int = CONTEXT, progress: Progress = no_progress,
             message: str = "photo.progress.repair") -> np.ndarray:
    """`rgb` (H, W, 3) float [0, 1] with `mask` (H, W) bool filled by `fill(crop, crop_mask)` tile by tile.

    `fill` gets crops at most (tile + 2 * context) a side, padded to a multiple of MULTIPLE, and
    returns the filled crop (same shape). Pixels outside the mask are returned unchanged.
    """
    out = rgb.astype(np.float32).copy()
    if not mask.any():
        return out
    h, w = mask.shape
    cores = damaged_tiles(mask, tile)
    for n, (y0, y1, x0, x1) in enumerate(cores):
        cy0, cy1, cx0, cx1 = max(0, y0 - context), min(h, y1 + context), max(0, x0 - context), min(w, x1 + context)
        crop, crop_mask = out[cy0:cy1, cx0:cx1], mask[cy0:cy1, cx0:cx1]
        ph, pw = (-crop.shape[0]) % MULTIPLE, (-crop.shape[1]) % MULTIPLE
        if ph or pw:
            mode = "reflect" if min(crop.shape[:2]) > max(ph, pw) else "edge"
            crop = np.pad(crop, ((0, ph), (0, pw), (0, 0)), mode=mode)
            crop_mask = np.pad(crop_mask, ((0, ph), (0, pw)), mode="constant")
        filled = fill(np.ascontiguousarray(crop), np.ascontiguousarray(crop_mask))
        core = (slice(y0 - cy0, y1 - cy0), slice(x0 - cx0, x1 - cx0))
        here = mask[y0:y1, x0:x1]
        out[y0:y1, x0:x1][here] = filled[core][here]
        progress((n + 1) / len(cores), message)
    return out
