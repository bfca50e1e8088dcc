"""A drawing photographed on paper: find the sheet on the table, straighten it; and a panel's frame.

The sheet is found with the DVD-cover finder (pipelines/export/dvd.py: the largest four-sided shape
with a clear edge all round, refined at full size) and kept only when it looks like paper: its inside
border is light and nearly colourless, and the table around it differs. It is then warped to a
rectangle (perspective removed, the table cut away); the paper is whitened afterwards by the stylisation
(pipelines/imagegen/stylise.py), before the inking.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

PAPER_MIN_L = 150.0  # Lab lightness (OpenCV 0-255 scale) of the sheet's inside border, at least
PAPER_MAX_CHROMA = 22.0  # Lab chroma of the sheet's inside border, at most (white or cream paper)
FACE_NEIGHBOURS = 8  # the face detector's strict setting: a frame moved onto a cat's fur costs more than a miss
TABLE_GAP = 18.0  # Lab distance between the sheet's border and the table around it, at least


def _ring_colour(lab: np.ndarray, mask_out: np.ndarray, mask_in: np.ndarray) -> np.ndarray | None:
    ring = lab[mask_out & ~mask_in]
    return np.median(ring, axis=0) if len(ring) > 50 else None


def find_sheet(photo: Image.Image) -> np.ndarray | None:
    """The four corners (TL, TR, BR, BL, pixels) of a sheet of paper lying on a table, or None when the
    photo shows no sheet with a table around it (a scan, or a drawing filling the whole photo)."""
    import cv2

    from ..export.dvd import find_cover

    rgb = np.asarray(photo.convert("RGB"))
    corners = find_cover(rgb)
    if corners is None:
        return None
    h, w = rgb.shape[:2]
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    quad = corners.astype(np.float32)
    centre = quad.mean(axis=0)
    masks = {}
    for name, scale in (("inner", 0.90), ("edge", 1.0), ("outer", 1.08)):
        mask = np.zeros((h, w), np.uint8)
        cv2.fillConvexPoly(mask, np.round(centre + (quad - centre) * scale).astype(np.int32), 1)
        masks[name] = mask.astype(bool)
    paper = _ring_colour(lab, masks["edge"], masks["inner"])
    table = _ring_colour(lab, masks["outer"], masks["edge"])
    if paper is None or table is None:
        return None
    chroma = float(np.hypot(paper[1] - 128, paper[2] - 128))
    if paper[0] < PAPER_MIN_L or chroma > PAPER_MAX_CHROMA or float(np.linalg.norm(paper - table)) < TABLE_GAP:
        return None
    return corners


def flatten_sheet(photo: Image.Image) -> tuple[Image.Image, bool]:
    """The sheet seen from the front, cut from the table (True), or the photo unchanged (False)."""
    from ..export.dvd import straighten

    corners = find_sheet(photo)
    if corners is None:
        return photo.convert("RGB"), False
    flat = straighten(photo.convert("RGB"), corners)
    w, h = flat.size
    edge = max(2, round(0.01 * min(w, h)))  # a sliver of table may remain along the cut: trim it
    flat = flat.crop((edge, edge, w - edge, h - edge))
    w, h = flat.size
    # A photo from a chair foreshortens the far side: drawing paper is A-series (sides 1 : sqrt 2), so a
    # measured shape anywhere near it is given that shape back.
    paper = 2 ** 0.5 if h >= w else 2 ** -0.5
    if abs((h / w) / paper - 1) < 0.4:
        flat = flat.resize((w, round(w * paper)) if h >= w else (round(h / paper), h), Image.LANCZOS)
    return flat, True


def panel_ratio(layout_id: str, index: int) -> float:
    """Width / height of panel `index` (0-based) of a layout on the printed page."""
    from .layouts import get_layout, panel_rects
    from .page import panel_area

    _, _, w, h = panel_rects(get_layout(layout_id), panel_area())[index]
    return w / h


def frame_picture(source: str, ratio: float, zoom: float, centre_x: float, centre_y: float, target) -> str:
    """The part of `source` the child framed (ratio w/h, zoom > 0, centre in 0-1), written to `target`. Below zoom 1
    the frame is larger than the picture (framing.panel_crop): the band outside it continues the picture's edge
    (framing.cut_frame)."""
    from ..store.files import atomic_path
    from .framing import cut_frame, panel_crop

    with Image.open(source) as image:
        picture = image.convert("RGB")
    crop = panel_crop(picture.size, ratio, zoom, centre_x, centre_y)
    cut = cut_frame(picture, crop)
    with atomic_path(target) as tmp:
        cut.save(tmp, format="PNG")
    return str(target)


def subject_frame(source: str, ratio: float | None = None) -> list[float] | None:
    """Where a new picture's frame starts: [centre x, centre y, zoom 1.0] on its faces; else, with the panel's
    shape `ratio` (w/h), on the drawing's content (framing.content_frame: zoom below 1 when the whole drawing
    must be widened into view); else None (centred).

    A panel narrower or wider than its picture shows a band of it; centred, a wide strip cut the top of a 4:3
    picture's big face. The band is centred on the box holding every frontal face found (the portraits' detector,
    pipelines/portrait/framing.find_faces: scikit-image's LBP cascade, no weights), so a group stays together as
    far as the panel allows (crop_frame keeps the band inside the picture). A drawing whose faces the cascade does
    not know (most cartoons) is framed on its ink against the paper (framing.content_frame), a photo or a picture
with no paper around it starts centred, as before; the child moves the frame either way. The detector runs
    strict (FACE_NEIGHBOURS): at the portraits' setting it found a face in a cat's fur.
    """
    from ..portrait.framing import find_faces

    with Image.open(source) as image:
        picture = np.asarray(image.convert("RGB"))
    faces = find_faces(picture, neighbours=FACE_NEIGHBOURS)
    if not faces:
        if ratio is None:
            return None
        from .framing import content_frame

        found = content_frame(picture, ratio)
        return found[0] if found else None
    h, w = picture.shape[:2]
    left, top = min(f.x for f in faces), min(f.y for f in faces)
    right, bottom = max(f.x + f.w for f in faces), max(f.y + f.h for f in faces)
    return [round((left + right) / 2 / w, 2), round((top + bottom) / 2 / h, 2), 1.0]  # the sliders step 1 %
