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


def _regions(mask: np.ndarray) -> tuple[np.ndarray, list[tuple[int, tuple[int, int, int, int]]]]:
    """Marks closer than MERGE_GAP px joined into regions: (labels (H, W) int, 0 off the mask;
    [(label, (y0, y1, x0, x1) box of that region's masked pixels, end-exclusive)])."""
    import cv2

    merged = cv2.dilate(mask.astype(np.uint8), np.ones((MERGE_GAP, MERGE_GAP), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(merged, connectivity=8)
    labels = np.where(mask, labels, 0)
    regions = []
    for n in range(1, count):
        x, y, w, h = stats[n, :4]
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == n)
        if len(ys):
            regions.append((n, (y + ys.min(), y + ys.max() + 1, x + xs.min(), x + xs.max() + 1)))
    return labels, regions


def damaged_regions(mask: np.ndarray, tile: int = TILE) -> list[tuple[tuple[int, int, int, int], np.ndarray]]:
    """Cores around each damaged region: [((y0, y1, x0, x1), pixels of the core to fill (bool, core-shaped)), ...].

    Marks closer than MERGE_GAP pixels form one region; a region's core is the bounding box of
    its marks. A region longer than `tile` on a side (a crack across the scan) is cut into the
    `tile` x `tile` cells of its box that hold its marks. Each masked pixel belongs to exactly one core.
    """

    labels, regions = _regions(mask)
    cores = []
    for n, (y0, y1, x0, x1) in regions:
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


SIZES = (96, 128, 192, 256, 384, 512)  # window sides of a fixed-shape engine (OpenVINO compiles one per side)
OVERLAP = 64  # pixels shared by neighbouring windows of a long region, blended with a linear ramp


def _cells(start: int, stop: int, core: int, overlap: int) -> list[tuple[int, int]]:
    """[start, stop) cut into the fewest spans of at most `core` that overlap by at least `overlap`."""
    length = stop - start
    if length <= core:
        return [(start, stop)]
    count = -(-(length - overlap) // (core - overlap))
    step = (length - core) / (count - 1)
    return [(start + round(n * step), start + round(n * step) + core) for n in range(count)]


def _ramp(length: int, overlap: int) -> np.ndarray:
    """Blend weights along a span: rising from 1/overlap to 1 over `overlap` pixels at each end."""
    n = np.arange(length, dtype=np.float32)
    return np.clip(np.minimum(n + 1, length - n) / overlap, 1.0 / overlap, 1.0)


def _window(y0: int, y1: int, size: int, height: int) -> int:
    """Start of a `size` window holding [y0, y1) centred, moved inward at the picture's borders (0 when the
    picture is shorter than the window: it is then extended by mirroring)."""
    if height <= size:
        return 0
    return int(min(max(0, (y0 + y1) // 2 - size // 2), height - size))


def windows(mask: np.ndarray, sizes: tuple[int, ...] = SIZES, context: int = REGION_CONTEXT,
            overlap: int = OVERLAP) -> list[dict]:
    """The fixed-size windows that fill `mask` (H, W) bool, for an engine compiled for a few shapes.

    Each damaged region (marks closer than MERGE_GAP pixels) gets the smallest square window of
    `sizes` that holds its box with `context` pixels on every side; the window is centred on the
    box and moved inward at the picture's borders, so it holds real picture, not padding. A region
    wider than the largest window less its context (448 px with the defaults) is cut into cells of
    that size overlapping by `overlap` pixels, one largest window each, blended with linear ramps.
    Returns [{"size", "window": (y0, x0), "core": (y0, y1, x0, x1), "here": bool core mask,
    "region": int, "weight": float core-shaped array or None (alone: weight 1)}, ...].
    """

    h, w = mask.shape
    largest = max(sizes)
    core_max = largest - 2 * context
    if core_max <= overlap:
        raise ValueError(f"windows of {largest} px leave no core with {context} px of context")
    labels, regions = _regions(mask)
    out = []
    for n, (y0, y1, x0, x1) in regions:
        rows, cols = _cells(y0, y1, core_max, overlap), _cells(x0, x1, core_max, overlap)
        alone = len(rows) == len(cols) == 1
        for cy0, cy1 in rows:
            for cx0, cx1 in cols:
                cy1, cx1 = min(cy1, y1), min(cx1, x1)
                here = labels[cy0:cy1, cx0:cx1] == n
                if not here.any():
                    continue
                need = max(cy1 - cy0, cx1 - cx0) + 2 * context
                size = next(s for s in sorted(sizes) if s >= need)
                weight = None if alone else _ramp(cy1 - cy0, overlap)[:, None] * _ramp(cx1 - cx0, overlap)[None]
                out.append({"size": size, "window": (_window(cy0, cy1, size, h), _window(cx0, cx1, size, w)),
                            "core": (cy0, cy1, cx0, cx1), "here": here, "region": n, "weight": weight})
    return out


def by_windows(rgb: np.ndarray, mask: np.ndarray, fill: Callable[[np.ndarray, np.ndarray], np.ndarray],
               sizes: tuple[int, ...] = SIZES, context: int = REGION_CONTEXT, overlap: int = OVERLAP,
               progress: Progress = no_progress, message: str = "photo.progress.repair") -> np.ndarray:
    """`rgb` (H, W, 3) float [0, 1] with `mask` (H, W) bool filled through square windows of a few sizes.

    For an engine compiled for static shapes (OpenVINO): only the sides in `sizes` ever reach
    `fill(crops (N, s, s, 3) float32, masks (N, s, s) bool) -> (N, s, s, 3)`, N * s * s at most
    BATCH_PIXELS. Windows come from windows(): cut from the photo as it came, extended by mirroring
    only where the photo is smaller than the window; only masked pixels change, and the overlaps of a
    long region's cells are blended (weights normalised per pixel, so a pixel two cells fill gets a
    mean of both, ramped towards each cell's centre).
    """
    out = rgb.astype(np.float32).copy()
    if not mask.any():
        return out
    jobs: dict[int, list[dict]] = {}
    for item in windows(mask, sizes, context, overlap):
        jobs.setdefault(item["size"], []).append(item)
    sums: dict[int, dict] = {}  # region cut into cells -> {core box: (filled core, its marks, blend weights)}
    total, done = sum(len(v) for v in jobs.values()), 0
    for size, items in sorted(jobs.items()):
        per_batch = max(1, BATCH_PIXELS // (size * size))
        for start in range(0, len(items), per_batch):
            batch = items[start:start + per_batch]
            crops, masks = [], []
            for item in batch:
                wy, wx = item["window"]
                crop, crop_mask = rgb[wy:wy + size, wx:wx + size].astype(np.float32), mask[wy:wy + size, wx:wx + size]
                ph, pw = size - crop.shape[0], size - crop.shape[1]
                crops.append(np.pad(crop, ((0, ph), (0, pw), (0, 0)), mode="symmetric"))
                masks.append(np.pad(crop_mask, ((0, ph), (0, pw)), mode="constant"))
            filled = fill(np.stack(crops), np.stack(masks))
            for k, item in enumerate(batch):
                (wy, wx), (y0, y1, x0, x1), here = item["window"], item["core"], item["here"]
                core = filled[k, y0 - wy:y1 - wy, x0 - wx:x1 - wx]
                if item["weight"] is None:
                    out[y0:y1, x0:x1][here] = core[here]
                    continue
                sums.setdefault(item["region"], {})[(y0, y1, x0, x1)] = (core.copy(), here, item["weight"])
            done += len(batch)
            progress(done / total, message)
    for cells in sums.values():
        top, bottom = min(c[0] for c in cells), max(c[1] for c in cells)
        left, right = min(c[2] for c in cells), max(c[3] for c in cells)
        acc = np.zeros((bottom - top, right - left, 3), np.float32)
        weight = np.zeros((bottom - top, right - left), np.float32)
        touched = np.zeros((bottom - top, right - left), bool)
        for (y0, y1, x0, x1), (core, here, ramp) in cells.items():
            part = (slice(y0 - top, y1 - top), slice(x0 - left, x1 - left))
            acc[part] += np.where(here[..., None], core * ramp[..., None], 0)
            weight[part] += np.where(here, ramp, 0)
            touched[part] |= here
        region = out[top:bottom, left:right]
        region[touched] = acc[touched] / weight[touched][:, None]
    return out
