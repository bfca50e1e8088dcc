"""Where a panel's frame starts on a drawing with no face: on what the child drew, never on the empty middle.

A tall panel (« Cases hautes ») shows a narrow band of a wide drawing; centred, the band cut a cat's head off when
the cat stood left of the middle. Here the drawing's content is found against its paper (a sheet whose light is
uneven: a phone photo, a window on one side), and the frame is placed to keep it: at zoom 1 when one window of the
panel's shape holds all of it, or nearly all (KEEP of its ink); otherwise the frame is widened past the picture
(zoom below 1) so that the whole drawing is seen, the band outside the picture continuing the paper's edge.

The paper is a smooth light surface: a quadratic surface of lightness fitted (least squares, twice, keeping the
pixels near the first fit) to the light and colourless pixels, so a shade across the sheet is part of the paper
and not ink. Ink is what is darker than that surface by INK_DARKER, or more coloured than the paper by INK_CHROMA.
A picture is a drawing on paper only when most of its border is paper (PAPER_BORDER): a photo or an AI picture
filling its whole frame is left to start centred, as before.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

WORK_SIDE = 256  # the picture is measured at this long side (px): ink boxes are fractions of the picture
PAPER_MIN_L = 120.0  # Lab lightness (OpenCV 0-255) the paper reaches at least, where it is most shaded
PAPER_MAX_CHROMA = 24.0  # Lab chroma of white or cream paper, at most
INK_DARKER = 28.0  # ink: darker than the paper's surface there by this much (Lab L, 0-255)...
INK_CHROMA = 22.0  # ...or more coloured than the paper by this much (a felt pen, a crayon fill)
PAPER_BORDER = 0.6  # a drawing on paper: at least this fraction of the picture's outer ring is paper
MARGIN = 0.03  # room kept around the drawing, as a fraction of the picture's shorter side
KEEP = 0.95  # a window at zoom 1 is kept when it holds this fraction of the ink at least
ZOOM_STEP = 0.05  # the zoom slider's step: a widened frame is rounded down to it (it only grows)


def _quadratic_terms(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.stack([np.ones_like(x), x, y, x * x, x * y, y * y], axis=1)


def ink_mask(rgb: np.ndarray) -> tuple[np.ndarray, tuple[int, int, int]] | None:
    """The drawing's ink (bool, H x W of `rgb`, H x W x 3 uint8) and the paper's colour (RGB, its median), or None
    when the picture is not a drawing on paper (its border is not mostly light and colourless)."""
    import cv2

    lab = cv2.cvtColor(np.ascontiguousarray(rgb[..., :3]), cv2.COLOR_RGB2LAB).astype(np.float32)
    light, chroma = lab[..., 0], np.hypot(lab[..., 1] - 128, lab[..., 2] - 128)
    h, w = light.shape
    yy, xx = np.mgrid[0:h, 0:w]
    x, y = (xx / max(w - 1, 1)).ravel(), (yy / max(h - 1, 1)).ravel()
    flat = light.ravel()
    candidate = (chroma.ravel() <= PAPER_MAX_CHROMA) & (flat >= PAPER_MIN_L)
    if candidate.sum() < 0.2 * flat.size:
        return None
    terms = _quadratic_terms(x, y)
    surface = np.zeros_like(flat)
    for _ in range(2):  # fit, then fit again on the pixels near the first surface (ink and shadows out)
        coef, *_ = np.linalg.lstsq(terms[candidate], flat[candidate], rcond=None)
        surface = terms @ coef
        candidate &= np.abs(flat - surface) < 12.0
        if candidate.sum() < 0.2 * flat.size:
            return None
    paper_chroma = float(np.median(chroma.ravel()[candidate]))
    ink = ((surface - flat > INK_DARKER) | (chroma.ravel() - paper_chroma > INK_CHROMA)).reshape(h, w)
    ink = cv2.morphologyEx(ink.astype(np.uint8), cv2.MORPH_OPEN, np.ones((2, 2), np.uint8)).astype(bool)
    ring = np.ones((h, w), bool)
    edge = max(2, round(0.03 * min(h, w)))
    ring[edge:-edge, edge:-edge] = False
    if candidate.reshape(h, w)[ring].mean() < PAPER_BORDER:
        return None
    paper = np.median(rgb[..., :3].reshape(-1, 3)[candidate], axis=0)
    return ink, (int(paper[0]), int(paper[1]), int(paper[2]))


def frame_size(picture_size: tuple[float, float], ratio: float, zoom: float) -> tuple[float, float]:
    """The frame's width and height (px of the picture) of shape `ratio` (w/h) at `zoom` (> 0): at 1 the largest
    frame inside the picture, below 1 larger than the picture along one side."""
    pw, ph = picture_size
    if pw / ph > ratio:
        return ph * ratio / zoom, ph / zoom
    return pw / zoom, pw / ratio / zoom


def panel_crop(picture_size: tuple[int, int], ratio: float, zoom: float = 1.0, centre_x: float = 0.5,
               centre_y: float = 0.5) -> tuple[float, float, float, float]:
    """The frame (fractions of the picture: x0, y0, x1, y1) of shape `ratio` (w/h) at `zoom` (> 0) around the centre
    (0-1). At zoom >= 1 it is pipelines.export.postcard.crop_frame (kept inside the picture); below 1 the frame is
    larger than the picture along one side, holds the whole picture along it (fractions < 0 or > 1) and stays
    inside it along the other. ValueError for a zoom <= 0."""
    if zoom <= 0:
        raise ValueError(f"zoom must be above 0 but is {zoom}.")
    pw, ph = picture_size
    cw, ch = frame_size(picture_size, ratio, zoom)
    x0 = min(max(centre_x * pw - cw / 2, min(0.0, pw - cw)), max(0.0, pw - cw))
    y0 = min(max(centre_y * ph - ch / 2, min(0.0, ph - ch)), max(0.0, ph - ch))
    return x0 / pw, y0 / ph, (x0 + cw) / pw, (y0 + ch) / ph


def lowest_zoom(picture_size: tuple[int, int], ratio: float) -> float:
    """The zoom (<= 1) at which a frame of shape `ratio` holds the whole picture, rounded down to ZOOM_STEP."""
    pw, ph = picture_size
    r = (pw / ph) / ratio
    return round(max(ZOOM_STEP, float(np.floor(min(r, 1 / r) / ZOOM_STEP)) * ZOOM_STEP), 2)


def framed_preview(picture: Image.Image, crop: tuple[float, float, float, float]
                   ) -> tuple[Image.Image, tuple[float, float, float, float]]:
    """`picture` widened (cut_frame) as far as a frame larger than it reaches (panel_crop below zoom 1), and the
    frame in fractions of that widened picture: what pipelines.export.postcard.draw_crop_frame draws."""
    x0, y0, x1, y1 = crop
    ux0, uy0, ux1, uy1 = min(0.0, x0), min(0.0, y0), max(1.0, x1), max(1.0, y1)
    if (ux0, uy0, ux1, uy1) == (0.0, 0.0, 1.0, 1.0):
        return picture, crop
    wide = cut_frame(picture, (ux0, uy0, ux1, uy1))
    uw, uh = ux1 - ux0, uy1 - uy0
    return wide, ((x0 - ux0) / uw, (y0 - uy0) / uh, (x1 - ux0) / uw, (y1 - uy0) / uh)


def cut_frame(picture: Image.Image, crop: tuple[float, float, float, float]) -> Image.Image:
    """The part of `picture` inside `crop` (panel_crop's fractions). Past the picture's top or bottom (left or right)
    the band continues its edge: the edge's rows (columns) averaged, smoothed along it (a median over a tenth of
    its length: a stroke touching the edge is not drawn out into a streak), repeated, so a sheet lit unevenly has
    no seam; the corners continue the sides."""
    from scipy.ndimage import median_filter

    w, h = picture.size
    box = (round(crop[0] * w), round(crop[1] * h), round(crop[2] * w), round(crop[3] * h))
    if box[0] >= 0 and box[1] >= 0 and box[2] <= w and box[3] <= h:
        return picture.crop(box)
    rgb = np.asarray(picture.convert("RGB"), dtype=np.float32)
    left, top, right, bottom = max(0, -box[0]), max(0, -box[1]), max(0, box[2] - w), max(0, box[3] - h)
    depth = max(2, min(h, w) // 50)

    def edge(strip: np.ndarray, axis: int) -> np.ndarray:
        line = strip.mean(axis=axis)  # (length, 3)
        return median_filter(line, size=(max(3, len(line) // 10), 1), mode="nearest")

    # above and below first, then the sides of that taller picture: its corners continue the sides too
    out = np.concatenate([np.repeat(edge(rgb[:depth], 0)[None], top, axis=0), rgb,
                          np.repeat(edge(rgb[-depth:], 0)[None], bottom, axis=0)], axis=0)
    out = np.concatenate([np.repeat(edge(out[:, :depth], 1)[:, None], left, axis=1), out,
                          np.repeat(edge(out[:, -depth:], 1)[:, None], right, axis=1)], axis=1)
    wide = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))
    return wide.crop((box[0] + left, box[1] + top, box[2] + left, box[3] + top))


def content_frame(rgb: np.ndarray, ratio: float) -> tuple[list[float], tuple[int, int, int]] | None:
    """The frame [centre x, centre y (0-1, to 0.01), zoom] keeping a drawing on paper in a panel of shape `ratio`
    (w/h), and the paper's colour (RGB); None when `rgb` (H x W x 3 uint8) is no drawing on paper or holds no ink.

    Zoom 1 centred on the ink's box (with MARGIN) when a frame of that shape holds the box; else zoom 1 where the
    frame holds the most ink, when that is KEEP of it at least; else the smallest frame holding the box (zoom < 1,
    rounded down to ZOOM_STEP), centred on it."""
    import cv2

    h, w = rgb.shape[:2]
    scale = min(1.0, WORK_SIDE / max(h, w))
    small = cv2.resize(rgb[..., :3], (max(1, round(w * scale)), max(1, round(h * scale))),
                       interpolation=cv2.INTER_AREA) if scale < 1 else rgb[..., :3]
    found = ink_mask(small)
    if found is None:
        return None
    ink, paper = found
    sh, sw = ink.shape
    ys, xs = np.nonzero(ink)
    if len(xs) < 0.001 * ink.size:
        return None
    margin = MARGIN * min(sw, sh)
    left, right = max(0.0, np.quantile(xs, 0.002) - margin), min(sw, np.quantile(xs, 0.998) + 1 + margin)
    top, bottom = max(0.0, np.quantile(ys, 0.002) - margin), min(sh, np.quantile(ys, 0.998) + 1 + margin)
    cw, ch = frame_size((sw, sh), ratio, 1.0)
    bw, bh = right - left, bottom - top
    centre = [round(float(left + right) / 2 / sw, 2), round(float(top + bottom) / 2 / sh, 2)]
    if bw <= cw + 1e-6 and bh <= ch + 1e-6:
        return [*centre, 1.0], paper
    # One side of a zoom-1 frame spans the picture: slide it along the other, where it holds the most ink.
    along_x = cw < sw - 1e-6
    profile = ink.sum(axis=0 if along_x else 1).astype(np.float64)
    span = max(1, int(round(cw if along_x else ch)))
    sums = np.convolve(profile, np.ones(span), mode="valid")
    best = int(np.argmax(sums))
    if sums[best] >= KEEP * profile.sum():
        middle = (best + span / 2) / (sw if along_x else sh)
        return ([round(float(middle), 2), 0.5] if along_x else [0.5, round(float(middle), 2)]) + [1.0], paper
    needed = bw / ratio if bw / bh > ratio else bh  # the height of the smallest frame holding the box
    zoom = max(ZOOM_STEP, np.floor(ch / needed / ZOOM_STEP) * ZOOM_STEP)
    return [*centre, round(float(zoom), 2)], paper

