"""Album pages and scanner beds holding several prints: does the photo page find each print (analysis.find_prints)?

Run: python -m bench.photo_album [tuning|held-out]  (2-4 minutes). A generator lays 2-6 packaged photos out as
prints on a page (black album card, cream paper, grey felt, wood-grain or a scanner's white lid), each with or
without a white border, turned up to 7 degrees, from well apart to nearly touching at a corner, as colour, grey or
sepia prints, the page 1200-2800 px, with sensor noise and JPEG. A page counts as found when find_prints returns as
many prints as were laid and each laid print is matched by one found outline covering it, or the picture inside
its white border (what is restored either way), at an intersection over union of PRINT_IOU or more. Pages with one
print (on a card, a table) and photos that fill the frame must give no album (find_prints empty).

The split is fixed before the finder was written: the tuning pages draw from bench._photo_damage.TUNING photos with
seeds 0-23, the held-out pages from its HELD_OUT photos with seeds 100-123 (never tuned on).
"""
from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from bench._photo_damage import HELD_OUT, TUNING, packaged_photo
from pipelines.photo import analysis

TUNING_SEEDS = tuple(range(0, 24))
HELD_OUT_SEEDS = tuple(range(100, 124))
SINGLE_SEEDS = tuple(range(300, 312))  # one print on a surface: must not be taken for an album (both splits' photos)
PRINT_IOU = 0.85
SURFACES = ("black", "cream", "felt", "wood", "lid")


@dataclass
class Page:
    image: np.ndarray  # (H, W, 3) float32 [0, 1]
    quads: list  # each laid print's four corners, pixels, TL TR BR BL
    pictures: list  # the same for the picture inside each print's white border (the print's own when it has none)
    surface: str


def _surface(rng, kind: str, h: int, w: int) -> np.ndarray:
    if kind == "black":
        ground = np.full((h, w, 3), rng.uniform(0.05, 0.18), np.float32)
    elif kind == "cream":
        ground = np.full((h, w, 3), rng.uniform(0.82, 0.93), np.float32) * np.array([1.0, 0.97, 0.88], np.float32)
    elif kind == "felt":
        ground = np.full((h, w, 3), rng.uniform(0.3, 0.55), np.float32) * np.array([0.9, 1.0, 0.95], np.float32)
        ground += rng.normal(0, 0.03, (h, w, 1)).astype(np.float32)
    elif kind == "wood":
        y = np.arange(h, dtype=np.float32)[:, None]
        x = np.arange(w, dtype=np.float32)[None, :]
        grain = np.sin(x / rng.uniform(6, 14) + 3 * np.sin(y / rng.uniform(60, 200))) * 0.05
        ground = (np.array([0.45, 0.3, 0.18], np.float32) * rng.uniform(0.8, 1.2) + grain[..., None]).astype(np.float32)
    else:  # a scanner's white lid, a little uneven
        ground = np.full((h, w, 3), rng.uniform(0.9, 0.98), np.float32)
        ground *= (1 - 0.04 * np.linspace(0, 1, w, dtype=np.float32))[None, :, None]
    return np.clip(ground, 0, 1)


def _as_print(rng, photo: np.ndarray) -> tuple[np.ndarray, int]:
    """The photo as a colour, grey or sepia print, and the width of the white border around it (px, maybe 0)."""
    style = rng.choice(("colour", "grey", "sepia"))
    if style != "colour":
        grey = photo @ np.array([0.299, 0.587, 0.114], np.float32)
        photo = np.repeat(grey[..., None], 3, axis=2)
        if style == "sepia":
            photo = photo * np.array([1.0, 0.86, 0.66], np.float32) + np.array([0.0, 0.02, 0.04], np.float32)
    border = rng.choice((0.0, 0.0, rng.uniform(0.02, 0.06)))
    pad = int(round(border * max(photo.shape[:2])))
    if pad:
        h, w = photo.shape[:2]
        card = np.full((h + 2 * pad, w + 2 * pad, 3), rng.uniform(0.88, 0.97), np.float32)
        card[pad:pad + h, pad:pad + w] = photo
        photo = card
    return np.clip(photo, 0, 1).astype(np.float32), pad


def _jpeg(rgb: np.ndarray, quality: int) -> np.ndarray:
    buffer = io.BytesIO()
    Image.fromarray((np.clip(rgb, 0, 1) * 255).astype(np.uint8)).save(buffer, format="JPEG", quality=quality)
    return np.asarray(Image.open(buffer).convert("RGB")).astype(np.float32) / 255


def album_page(names: tuple[str, ...], seed: int, count: int | None = None) -> Page:
    """A page of `count` prints (2-6 drawn from the seed when None) chosen from `names`, laid in a loose grid."""
    rng = np.random.default_rng(seed)
    count = int(rng.integers(2, 7)) if count is None else count
    cols = {1: 1, 2: 2, 3: 3, 4: 2, 5: 3, 6: 3}[count] if count != 2 or rng.random() < 0.5 else 1
    rows = -(-count // cols)
    long_side = int(rng.integers(1200, 2801))
    h, w = (long_side * 3 // 4, long_side) if cols >= rows else (long_side, long_side * 3 // 4)
    kind = str(rng.choice(SURFACES))
    page = _surface(rng, kind, h, w)
    cell_h, cell_w = h / rows, w / cols
    quads, pictures = [], []
    for i in range(count):
        row, col = divmod(i, cols)
        printed, pad = _as_print(rng, packaged_photo(str(rng.choice(names))))
        ph, pw = printed.shape[:2]
        angle = np.radians(rng.uniform(-7, 7))
        rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
        half = np.array([[-pw, -ph], [pw, -ph], [pw, ph], [-pw, ph]], np.float64) / 2 @ rot.T
        extent = half.max(axis=0) - half.min(axis=0)  # the turned print's bounding box at scale 1
        # from well apart to a few pixels between neighbours (an album's prints nearly touch at their corners)
        k = rng.uniform(0.6, 0.96) * min(cell_w / extent[0], cell_h / extent[1])
        slack = (np.array([cell_w, cell_h]) - k * extent) / 2 - 0.01 * np.array([cell_w, cell_h])
        centre = np.array([(col + 0.5) * cell_w, (row + 0.5) * cell_h]) + rng.uniform(-1, 1, 2) * np.maximum(slack, 0)
        corners = (half * k + centre).astype(np.float32)
        src = np.array([[0, 0], [pw - 1, 0], [pw - 1, ph - 1], [0, ph - 1]], np.float32)
        warp = cv2.getPerspectiveTransform(src, corners)
        laid = cv2.warpPerspective(printed, warp, (w, h), flags=cv2.INTER_AREA)
        inside = cv2.warpPerspective(np.ones((ph, pw), np.float32), warp, (w, h))[..., None]
        page = page * (1 - inside) + laid * inside
        quads.append(corners)
        inner = np.array([[pad, pad], [pw - 1 - pad, pad], [pw - 1 - pad, ph - 1 - pad], [pad, ph - 1 - pad]],
                         np.float32)
        pictures.append(cv2.perspectiveTransform(inner[None], warp)[0])
    page = page + rng.normal(0, rng.uniform(0.005, 0.02), page.shape).astype(np.float32)
    return Page(_jpeg(page, int(rng.integers(70, 95))), quads, pictures, kind)


def single_print(names: tuple[str, ...], seed: int) -> Page:
    """One print on a surface, the kind find_print offers to crop: no album."""
    return album_page(names, seed, count=1)


def _iou(a: np.ndarray, b: np.ndarray, shape: tuple[int, int]) -> float:
    one, two = np.zeros(shape, np.uint8), np.zeros(shape, np.uint8)
    cv2.fillConvexPoly(one, np.round(a).astype(np.int32), 1)
    cv2.fillConvexPoly(two, np.round(b).astype(np.int32), 1)
    union = np.logical_or(one, two).sum()
    return float(np.logical_and(one, two).sum() / union) if union else 0.0


def judged(page: Page) -> tuple[bool, int, float]:
    """(found, prints found, worst match IoU) for an album page."""
    h, w = page.image.shape[:2]
    found = [np.array(q) * [w, h] for q in analysis.find_prints(page.image)]
    worst = min((max((max(_iou(q, f, (h, w)), _iou(p, f, (h, w))) for f in found), default=0.0)
                 for q, p in zip(page.quads, page.pictures)), default=0.0)
    return len(found) == len(page.quads) and worst >= PRINT_IOU, len(found), worst


def main(argv: list[str]) -> int:
    print("load average", os.getloadavg())
    halves = {"tuning": (TUNING, TUNING_SEEDS), "held-out": (HELD_OUT, HELD_OUT_SEEDS)}
    only = argv[0] if argv else None
    for half, (names, seeds) in halves.items():
        if only and half != only:
            continue
        hits, by_surface = 0, {}
        for seed in seeds:
            page = album_page(names, seed)
            ok, count, worst = judged(page)
            hits += ok
            done = by_surface.setdefault(page.surface, [0, 0])
            done[0] += ok
            done[1] += 1
            print(f"{half:8s} seed {seed:3d} {page.surface:5s} {page.image.shape[1]}x{page.image.shape[0]} laid "
                  f"{len(page.quads)} found {count} worst IoU {worst:.2f} {'ok' if ok else 'MISS'}")
        surfaces = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by_surface.items()))
        print(f"== {half}: album pages found {hits}/{len(seeds)} ({surfaces})")
        wrong = 0
        for seed in SINGLE_SEEDS:
            wrong += bool(analysis.find_prints(single_print(names, seed).image))
        plain = sum(bool(analysis.find_prints(packaged_photo(n))) for n in names)
        print(f"== {half}: one print taken for an album {wrong}/{len(SINGLE_SEEDS)}; "
              f"plain photos taken for an album {plain}/{len(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
