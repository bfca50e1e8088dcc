"""Inpainting a big scan piece by piece: only the damage goes through the filler, with context around it.

A model inpainter (LaMa) costs time and memory in proportion to the pixels it sees; dust and a
crack network on a 12 MP scan touch a small share of it. by_regions() (what LaMa uses) crops
around each damaged region with REGION_CONTEXT pixels of picture on each side, splits a region
longer than TILE into the TILE cells that hold it, and sends like-sized crops through the model
in batches of bounded size. by_tiles() is the plain grid: each TILE x TILE core that holds masked
pixels is filled from a crop with CONTEXT pixels around it, in reading order. Either way peak
memory is that of one batch, whatever the scan's size, and only masked pixels change.
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


REGION_CONTEXT = 32  # picture added around each damaged region, pixels each side
MERGE_GAP = 8  # marks closer than this are one region (one crop)
BUCKET = 32  # crops are padded to a multiple of this, so that crops of a like size share a batch
BATCH_PIXELS = (TILE + 2 * CONTEXT) ** 2  # at most this many pixels go through the model at once


def damaged_regions(mask: np.ndarray, tile: int = TILE) -> list[tuple[tuple[int, int, int, int], np.ndarray]]:
    """Cores around each damaged region: [((y0, y1, x0, x1), pixels of the core to fill (bool, core-shaped)), ...].

    Marks closer than MERGE_GAP pixels form one region; a region's core is the bounding box of
    its marks. A region longer than `tile` on a side (a crack across the scan) is cut into the
    `tile` x `tile` cells of its box that hold its marks. Each masked pixel belongs to exactly one core.
    """
    import cv2

    merged = cv2.dilate(mask.astype(np.uint8), np.ones((MERGE_GAP, MERGE_GAP), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(merged, connectivity=8)
    labels = np.where(mask, labels, 0)
    cores = []
    for n in range(1, count):
        x, y, w, h = stats[n, :4]
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == n)
        if not len(ys):
            continue
        y0, y1, x0, x1 = y + ys.min(), y + ys.max() + 1, x + xs.min(), x + xs.max() + 1
        for cy in range(y0, y1, tile):
            for cx in range(x0, x1, tile):
                box = (cy, min(y1, cy + tile), cx, min(x1, cx + tile))
                here = labels[box[0]:box[1], box[2]:box[3]] == n
                if here.any():
                    cores.append((box, here))
    return cores


def by_regions(rgb: np.ndarray, mask: np.ndarray, fill: Callable[[np.ndarray, np.ndarray], np.ndarray],
               tile: int = TILE, context: int = REGION_CONTEXT, progress: Progress = no_progress,
               message: str = "photo.progress.repair") -> np.ndarray:
    """`rgb` (H, W, 3) float [0, 1] with `mask` (H, W) bool filled crop by crop around each damaged region.

    Unlike by_tiles(), the model sees only the damage and `context` pixels around it: a speck costs
    a ~70 px crop, not a 640 px tile. Crops (core of damaged_regions() + context, padded by
    reflection to a multiple of BUCKET) of the same size go through `fill` together:
    `fill(crops (N, h, w, 3) float32, masks (N, h, w) bool) -> (N, h, w, 3)`, with N * h * w at most
    BATCH_PIXELS (one 640 px crop's worth), so peak memory is bounded whatever the scan's size.
    All crops are cut from the photo as it came; only each core's own masked pixels are kept.
    """
    out = rgb.astype(np.float32).copy()
    if not mask.any():
        return out
    h, w = mask.shape
    jobs: dict[tuple[int, int], list] = {}
    for (y0, y1, x0, x1), here in damaged_regions(mask, tile):
        cy0, cy1, cx0, cx1 = max(0, y0 - context), min(h, y1 + context), max(0, x0 - context), min(w, x1 + context)
        shape = (-(-(cy1 - cy0) // BUCKET) * BUCKET, -(-(cx1 - cx0) // BUCKET) * BUCKET)
        jobs.setdefault(shape, []).append(((cy0, cy1, cx0, cx1), (y0, y1, x0, x1), here))
    total = sum(len(v) for v in jobs.values())
    done = 0
    for (sh, sw), items in sorted(jobs.items()):
        per_batch = max(1, BATCH_PIXELS // (sh * sw))
        for start in range(0, len(items), per_batch):
            batch = items[start:start + per_batch]
            crops, masks = [], []
            for (cy0, cy1, cx0, cx1), _, _ in batch:
                crop, crop_mask = rgb[cy0:cy1, cx0:cx1].astype(np.float32), mask[cy0:cy1, cx0:cx1]
                ph, pw = sh - crop.shape[0], sw - crop.shape[1]
                mode = "reflect" if min(crop.shape[:2]) > max(ph, pw) else "edge"
                crops.append(np.pad(crop, ((0, ph), (0, pw), (0, 0)), mode=mode))
                masks.append(np.pad(crop_mask, ((0, ph), (0, pw)), mode="constant"))
            filled = fill(np.stack(crops), np.stack(masks))
            for k, ((cy0, _, cx0, _), (y0, y1, x0, x1), here) in enumerate(batch):
                core = filled[k, y0 - cy0:y1 - cy0, x0 - cx0:x1 - cx0]
                out[y0:y1, x0:x1][here] = core[here]
            done += len(batch)
            progress(done / total, message)
    return out
