"""Recycled DVD covers: find the cover in a photo taken at an angle, straighten it, propose postcard fronts."""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from ..i18n import UserError

DETECT_SIDE = 900  # px: detection runs on a copy this size (fast); corners are then refined at full size
MIN_AREA = 0.12  # the cover must fill at least this share of the photo


@dataclass(frozen=True)
class Proposal:
    """A suggested postcard front cut from the straightened cover: a name (locale key) and a crop."""

    key: str
    orientation: str
    crop: tuple[float, float, float, float]


def order_corners(points) -> np.ndarray:
    """Four points as top-left, top-right, bottom-right, bottom-left."""
    pts = np.asarray(points, dtype=np.float64).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]  # clockwise on screen (y down), starting near the left
    start = int(np.argmin(pts.sum(axis=1)))  # top-left has the smallest x + y
    return np.roll(pts, -start, axis=0)


def _to_array(photo) -> np.ndarray:
    if isinstance(photo, Image.Image):
        return np.asarray(photo.convert("RGB"))
    return np.asarray(photo)


def find_cover(photo) -> np.ndarray | None:
    """The four corners (TL, TR, BR, BL, in pixels) of the largest rectangle-like shape, or None."""
    import cv2

    rgb = _to_array(photo)
    h, w = rgb.shape[:2]
    scale = min(1.0, DETECT_SIDE / max(h, w))
    small = cv2.resize(rgb, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    for mask in _candidate_masks(small):
        for quad in _quads(mask):
            corners = _refine(rgb, order_corners(quad / scale))
            if corners is not None:  # a real cover has a clear edge all along its four sides
                return corners
    return None


def _candidate_masks(rgb: np.ndarray):
    """Binary pictures in which the cover may stand out: edges first, then colour/brightness splits."""
    import cv2

    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    blur = cv2.GaussianBlur(gray, (5, 5), 0)
    median = float(np.median(blur))
    edges = cv2.Canny(blur, int(max(0, 0.66 * median)), int(min(255, 1.33 * median)) or 50)
    yield cv2.morphologyEx(cv2.dilate(edges, np.ones((3, 3), np.uint8)), cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    _, otsu = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    yield otsu
    yield 255 - otsu
    hsv = cv2.cvtColor(cv2.GaussianBlur(rgb, (5, 5), 0), cv2.COLOR_RGB2HSV)
    _, sat = cv2.threshold(hsv[:, :, 1], 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    yield sat


def _quads(mask: np.ndarray):
    """Convex four-sided shapes big enough to be the cover, largest first."""
    import cv2

    h, w = mask.shape[:2]
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:8]:
        area = cv2.contourArea(contour)
        if area < MIN_AREA * w * h or area > 0.98 * w * h:  # too small, or the photo's own frame
            continue
        hull = cv2.convexHull(contour)
        for eps in (0.015, 0.02, 0.03, 0.045):
            approx = cv2.approxPolyDP(hull, eps * cv2.arcLength(hull, True), True)
            if len(approx) == 4 and cv2.isContourConvex(approx):
                yield approx.reshape(4, 2).astype(np.float64)
                break


def _refine(rgb: np.ndarray, corners: np.ndarray) -> np.ndarray | None:
    """Sharpen each side at full resolution: fit a line to the strongest edge near it, intersect neighbours.

    None when a side has no clear edge along most of its length (not a cover, e.g. a shape in a picture)."""
    import cv2

    gray = cv2.GaussianBlur(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), (3, 3), 0).astype(np.float32)
    gx, gy = cv2.Sobel(gray, cv2.CV_32F, 1, 0), cv2.Sobel(gray, cv2.CV_32F, 0, 1)
    h, w = gray.shape
    band = max(4.0, 0.012 * max(h, w))
    lines = []
    for i in range(4):
        a, b = corners[i], corners[(i + 1) % 4]
        length = np.linalg.norm(b - a)
        normal = np.array([-(b - a)[1], (b - a)[0]]) / length
        points = []
        for t in np.linspace(0.1, 0.9, 60):  # stay away from the corners, where two edges meet
            base = a + t * (b - a)
            offsets = np.arange(-band, band + 0.5, 0.5)
            xs, ys = base[0] + offsets * normal[0], base[1] + offsets * normal[1]
            inside = (xs >= 1) & (xs < w - 1) & (ys >= 1) & (ys < h - 1)
            if inside.sum() < 3:
                continue
            xi, yi = xs[inside].astype(int), ys[inside].astype(int)
            strength = np.abs(gx[yi, xi] * normal[0] + gy[yi, xi] * normal[1])
            if strength.max() < 20:
                continue
            k = int(np.argmax(strength))
            points.append((xs[inside][k], ys[inside][k]))
        if len(points) < 45:  # of 60 samples
            return None
        vx, vy, x0, y0 = cv2.fitLine(np.array(points, np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0], np.float64), np.array([vx, vy], np.float64)))
    refined = []
    for i in range(4):
        (p1, d1), (p2, d2) = lines[i - 1], lines[i]
        matrix = np.array([d1, -d2]).T
        if abs(np.linalg.det(matrix)) < 1e-6:
            return None
        s = np.linalg.solve(matrix, p2 - p1)[0]
        refined.append(p1 + s * d1)
    refined = np.array(refined)
    if np.max(np.linalg.norm(refined - corners, axis=1)) > 3 * band:
        return None  # a refinement that moved far latched on something else
    return refined


def check_corners(corners, size: tuple[int, int]) -> np.ndarray:
    """Corners given by hand, ordered and checked: inside the photo and forming a convex shape."""
    import cv2

    pts = order_corners(corners)
    w, h = size
    if (pts[:, 0] < -1).any() or (pts[:, 0] > w + 1).any() or (pts[:, 1] < -1).any() or (pts[:, 1] > h + 1).any():
        raise UserError("postcards.bad_corners")
    if not cv2.isContourConvex(pts.astype(np.float32).reshape(4, 1, 2)) or cv2.contourArea(
            pts.astype(np.float32)) < 0.01 * w * h:
        raise UserError("postcards.bad_corners")
    return pts


def straighten(photo, corners) -> Image.Image:
    """The cover seen from the front: the quad's inside warped to a rectangle of its measured size."""
    import cv2

    rgb = _to_array(photo)
    pts = order_corners(corners).astype(np.float32)
    width = int(round(max(np.linalg.norm(pts[1] - pts[0]), np.linalg.norm(pts[2] - pts[3]))))
    height = int(round(max(np.linalg.norm(pts[3] - pts[0]), np.linalg.norm(pts[2] - pts[1]))))
    if width < 8 or height < 8:
        raise UserError("postcards.bad_corners")
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(pts, target)
    flat = cv2.warpPerspective(rgb, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    return Image.fromarray(flat)


def propose_fronts(cover_size: tuple[int, int]) -> list[Proposal]:
    """Postcard fronts to offer from a straightened cover: a jacket's front and back panels, and the whole."""
    from .postcard import crop_frame

    w, h = cover_size
    landscape, portrait = 148 / 105, 105 / 148
    proposals = [Proposal("postcards.part_whole", "landscape" if w >= h else "portrait",
                          crop_frame((w, h), landscape if w >= h else portrait))]
    if w / h > 1.25:  # a whole jacket (back | spine | front): each panel is a portrait card
        half = (int(w * 0.47), h)
        front = crop_frame(half, portrait)
        back = crop_frame(half, portrait)
        proposals.append(Proposal("postcards.part_front", "portrait",
                                  (1 - 0.47 + front[0] * 0.47, front[1], 1 - 0.47 + front[2] * 0.47, front[3])))
        proposals.append(Proposal("postcards.part_back", "portrait",
                                  (back[0] * 0.47, back[1], back[2] * 0.47, back[3])))
    else:  # a front panel alone: its top and bottom as landscape cards
        top = crop_frame((w, h), landscape, centre_y=0.0)
        bottom = crop_frame((w, h), landscape, centre_y=1.0)
        proposals.append(Proposal("postcards.part_top", "landscape", top))
        proposals.append(Proposal("postcards.part_bottom", "landscape", bottom))
    return proposals


@dataclass(frozen=True)
class StraightCover:
    """A DVD cover seen from the front, and the postcard fronts it offers.

    corners: (4, 2) float, TL, TR, BR, BL in the photo's pixels; found: True when they were found
    automatically; image: the straightened cover (RGB, its measured size); proposals: fronts to cut.
    """

    corners: np.ndarray
    found: bool
    image: Image.Image
    proposals: tuple[Proposal, ...]

    def part(self, index: int) -> Image.Image:
        """The cover cut to proposal `index` (a postcard front)."""
        w, h = self.image.size
        left, top, right, bottom = self.proposals[index].crop
        return self.image.crop((round(left * w), round(top * h), round(right * w), round(bottom * h)))


_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 8
_cache_lock = threading.Lock()


def straighten_cover(photo: Image.Image, corners=None) -> StraightCover:
    """The DVD flow, the one the page, the CLI and the postcards.dvd job call.

    corners None: the cover is found (UserError postcards.no_cover when there is none); else the
    four corners (pixels, any order) are checked (UserError postcards.bad_corners). Results are
    kept for the last few (photo, corners) pairs, so a page re-running on every widget change
    straightens a cover once per corner position.
    """
    digest = hashlib.blake2b(photo.tobytes(), digest_size=16)
    digest.update(repr((photo.mode, photo.size)).encode())
    key = (digest.hexdigest(), None if corners is None else tuple(np.round(np.asarray(corners, float).ravel(), 2)))
    with _cache_lock:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    found = corners is None
    points = find_cover(photo) if found else check_corners(corners, photo.size)
    if points is None:
        raise UserError("postcards.no_cover")
    image = straighten(photo, points)
    result = StraightCover(corners=points, found=found, image=image, proposals=tuple(propose_fronts(image.size)))
    with _cache_lock:
        _CACHE[key] = result
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return result


def open_cover_photo(path: str | Path, downscale: bool = False) -> Image.Image:
    """A photo file through the upload checks; UserError postcards.unreadable when it cannot be read."""
    from ..safety.uploads import read_studio_file

    path = Path(path)
    try:
        return read_studio_file(path.read_bytes(), downscale=downscale).image
    except (FileNotFoundError, IsADirectoryError):
        raise UserError("postcards.unreadable", name=path.name) from None


REPAINT_STRENGTH = 0.55  # enough to become a painting, little enough to keep the cover's layout
REPAINT_SIDE = 512  # the Turbo models' native size


def repaint_size(size: tuple[int, int], side: int = REPAINT_SIDE) -> tuple[int, int]:
    """The picture's proportions with its long side at `side`, both sides multiples of 8 (model input)."""
    w, h = size
    if w <= 0 or h <= 0:
        raise ValueError(f"a picture size must be positive but is {w}x{h}.")
    scale = side / max(w, h)
    return max(64, round(w * scale / 8) * 8), max(64, round(h * scale / 8) * 8)


def repaint_params(cover: str, size: tuple[int, int], words: str = "", language: str = "fr",
                   seed: int | None = None) -> dict:
    """The imagegen.generate request that repaints a straightened cover as a watercolour (image-to-image):
    the child's words about it when given, else a plain description."""
    width, height = repaint_size(size)
    prompt, lang = (words.strip(), language) if words.strip() else ("a colourful poster", "en")
    params = {"prompt": prompt, "style": "aquarelle", "init_image": str(cover), "strength": REPAINT_STRENGTH,
              "width": width, "height": height, "language": lang}
    if seed is not None:
        params["seed"] = int(seed)
    return params
