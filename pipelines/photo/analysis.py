"""The automatic look at a photo shown to the patron: colour or not, faded, yellowed, damage, faces, tilt."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import cv2
import numpy as np

from . import repair, tone
from .imaging import is_greyscale, toned_monochrome


# The share of the pixels the damage search marks (at the default strength) from which the repair is suggested.
# Measured by bench/photo_damage_tick.py (Nov 2026): 28 undamaged packaged photos (and 4 as CMYK JPEGs) mark
# 0-0.73 % (median 0.12 %; one, grace_hopper, an old grainy portrait, 3.3 %), while aged prints of every split
# mark 1.7-11 % (median 6.3 %): a clean CMYK coffee photo marks 0.42 % (10 "scratches", 20 "spots": rims and
# highlights). The line sits between the two, a little above the clean photos' highest ordinary figure.
REPAIR_SUGGESTED_FRACTION = 0.01


@dataclass
class Analysis:
    """What the page shows before the patron picks the steps (plain JSON with asdict)."""

    width: int
    height: int
    greyscale: bool
    fading: float  # 0..1
    yellowing: float  # b* cast the whole print has taken (tone.yellowing)
    scratches: int
    spots: int
    damage_fraction: float
    faces: int | None = None  # None: no face finder installed
    face_boxes: list = field(default_factory=list)
    print_corners: list | None = None  # a photo of a print taken at an angle: its four corners (fractions)
    toned: bool = False  # a black-and-white picture under one warm tone (imaging.toned_monochrome)
    keeps_tone: bool = False  # the revive step keeps that tone instead of removing the yellow (tone.keeps_tone)
    dye_faded: float = 0.0  # 0..1: a colour print whose dyes faded, blacks risen to a reddish grey (tone.dye_faded)
    deep_black: float = 3.0  # optical density of the deepest black over the white (tone.deepest_black), 0..3
    underexposed: bool = False  # every tone stayed dark (tone.underexposure): the tone step brightens it

    @property
    def damaged(self) -> bool:
        """True when the search marked more than clean photos show (REPAIR_SUGGESTED_FRACTION): the repair is
        suggested and its counts are told; under it the marks are a photo's own details as often as damage."""
        return self.damage_fraction >= REPAIR_SUGGESTED_FRACTION

    def suggested_steps(self) -> list[str]:
        steps = []
        if self.damaged:
            steps.append("repair")
        if (self.fading > 0.15 or abs(self.yellowing) > tone.YELLOWED or self.dye_faded > tone.DYE_FADED
                or self.underexposed):
            steps.append("tone")
        steps.append("denoise")
        if self.faces:
            steps.append("faces")
        return steps

    def to_json(self) -> dict:
        return asdict(self)


def find_print(rgb: np.ndarray) -> list | None:
    """Corners of a paper print photographed at an angle on a plainer surface (a table), or None.

    The surface is what the photo's outer border shows; the print is the big region that differs
    from it. Its convex outline, simplified to four points, gives the corners; a straight frame
    (a plain scan) is not offered for straightening.
    """
    h, w = rgb.shape[:2]
    scale = 800 / max(h, w) if max(h, w) > 800 else 1.0
    small = cv2.resize(rgb, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    small = cv2.GaussianBlur(small.astype(np.float32), (0, 0), 1.5)
    sh, sw = small.shape[:2]
    strip = max(3, min(sh, sw) // 40)
    border = np.ones((sh, sw), bool)
    border[strip:-strip, strip:-strip] = False
    surface = np.median(small[border], axis=0)
    distance = np.abs(small - surface).max(axis=2)
    # The surface's own texture sets the bar: the print must differ from it more than it varies.
    spread = float(np.median(distance[border])) / 0.6745
    foreground = (distance > max(0.05, 4 * spread)).astype(np.uint8)
    if foreground[border].mean() > 0.1:
        return None  # the picture fills the frame: nothing around it to tell a print from
    size = max(3, min(sh, sw) // 40) | 1
    foreground = cv2.morphologyEx(foreground, cv2.MORPH_CLOSE, np.ones((size, size), np.uint8))
    contours, _ = cv2.findContours(foreground, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    area = cv2.contourArea(hull)
    if not 0.2 * sh * sw < area < 0.95 * sh * sw:
        return None
    perimeter = cv2.arcLength(hull, True)
    quad = None
    for eps in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            quad = approx
            break
    if quad is None or cv2.contourArea(quad) < 0.9 * area:
        return None  # not a four-sided sheet
    corners = _order(quad.reshape(4, 2).astype(np.float32))
    # A straight, axis-aligned frame needs no fixing: only tilted shapes are offered.
    x, y, bw, bh = cv2.boundingRect(quad)
    if cv2.contourArea(corners) > 0.93 * bw * bh:
        return None
    return [[float(px / sw), float(py / sh)] for px, py in corners]


def _order(points: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    s = points.sum(axis=1)
    d = np.diff(points, axis=1).ravel()
    return np.array([points[np.argmin(s)], points[np.argmin(d)], points[np.argmax(s)], points[np.argmax(d)]],
                    np.float32)


def print_aspect(src: np.ndarray, width: int, height: int) -> float | None:
    """Width/height of the real print seen as quad `src` (pixels, TL TR BR BL), or None if unknowable.

    Zhang & He (2007, whiteboard scanning): the four corners of a rectangle seen by a pinhole
    camera with its centre in the middle of the photo fix the focal length, hence the true aspect.
    A quad that is (almost) a parallelogram carries no depth cue: then None.
    """
    tl, tr, br, bl = (np.array([x, y, 1.0]) for x, y in src)
    k2 = np.dot(np.cross(tl, br), bl) / np.dot(np.cross(tr, br), bl)
    k3 = np.dot(np.cross(tl, br), tr) / np.dot(np.cross(bl, br), tr)
    n2, n3 = k2 * tr - tl, k3 * bl - tl
    u0, v0 = width / 2, height / 2
    den = n2[2] * n3[2]
    if abs(den) < 1e-6:
        return None
    f2 = -((n2[0] * n3[0] - (n2[0] * n3[2] + n2[2] * n3[0]) * u0 + den * u0 * u0)
           + (n2[1] * n3[1] - (n2[1] * n3[2] + n2[2] * n3[1]) * v0 + den * v0 * v0)) / den
    if not np.isfinite(f2) or f2 <= (0.2 * max(width, height)) ** 2:
        return None  # no plausible camera explains this quad
    inv = np.linalg.inv(np.array([[np.sqrt(f2), 0, u0], [0, np.sqrt(f2), v0], [0, 0, 1]]))
    metric = inv.T @ inv
    return float(np.sqrt((n2 @ metric @ n2) / (n3 @ metric @ n3)))


def straighten(rgb: np.ndarray, corners: list) -> np.ndarray:
    """The print cut out and squared up from its four corners (fractions of the photo size)."""
    h, w = rgb.shape[:2]
    src = np.array([[x * w, y * h] for x, y in corners], np.float32)
    width = max(np.linalg.norm(src[1] - src[0]), np.linalg.norm(src[2] - src[3]))
    height = max(np.linalg.norm(src[3] - src[0]), np.linalg.norm(src[2] - src[1]))
    aspect = print_aspect(src, w, h)
    if aspect is not None and 0.2 < aspect < 5:
        # Keep the detail of the longer side; the other follows the print's true shape.
        size = max(width, height)
        width, height = (size, size / aspect) if aspect >= 1 else (size * aspect, size)
    width, height = int(round(width)), int(round(height))
    dst = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(rgb, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def analyse(rgb: np.ndarray, faces=None) -> tuple[Analysis, np.ndarray]:
    """The analysis and the damage mask. `faces`: a face backend to count faces with, or None."""
    old = tone.looks_old(rgb)  # judged once, as the chain does (it costs seconds on a 20 MP scan)
    damage = repair.find_damage(rgb, aged=old)
    corners = find_print(rgb)
    # A print photographed on a table: its kind is the print's, not the table's (a brown table made a grey print
    # « En couleurs »); the rest is measured on the photo the patron brought, as the steps will see it until
    # « Redresser » is pressed.
    kind_of = straighten(rgb, corners) if corners else rgb
    result = Analysis(width=rgb.shape[1], height=rgb.shape[0], greyscale=is_greyscale(kind_of),
                      fading=tone.fading(rgb),
                      yellowing=tone.yellowing(rgb), scratches=damage.scratches, spots=damage.spots,
                      damage_fraction=damage.fraction, print_corners=corners,
                      toned=toned_monochrome(kind_of), keeps_tone=tone.keeps_tone(rgb, old=old),
                      dye_faded=tone.dye_faded(rgb, old=old), deep_black=tone.deepest_black(rgb),
                      underexposed=tone.underexposure(rgb) != (0.0, 1.0))
    if faces is not None:
        boxes = faces.find_faces(rgb)
        result.faces = len(boxes)
        result.face_boxes = boxes
    return result, damage.mask
