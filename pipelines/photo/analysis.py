"""The automatic look at a photo shown to the patron: colour or not, faded, yellowed, damage, faces, tilt."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import cv2
import numpy as np

from . import repair, tone
from .imaging import is_greyscale


@dataclass
class Analysis:
    """What the page shows before the patron picks the steps (plain JSON with asdict)."""

    width: int
    height: int
    greyscale: bool
    fading: float  # 0..1
    yellowing: float  # mean b* of the mid-tones
    scratches: int
    spots: int
    damage_fraction: float
    faces: int | None = None  # None: no face finder installed
    face_boxes: list = field(default_factory=list)
    print_corners: list | None = None  # a photo of a print taken at an angle: its four corners (fractions)

    def suggested_steps(self) -> list[str]:
        steps = []
        if self.scratches or self.spots:
            steps.append("repair")
        if self.fading > 0.15 or abs(self.yellowing) > 6:
            steps.append("tone")
        steps.append("denoise")
        if self.faces:
            steps.append("faces")
        return steps

    def to_json(self) -> dict:
        return asdict(self)


def find_print(rgb: np.ndarray) -> list | None:
    """Corners of a paper print photographed at an angle (a big four-sided shape), or None."""
    h, w = rgb.shape[:2]
    scale = 800 / max(h, w) if max(h, w) > 800 else 1.0
    small = cv2.resize(rgb, (int(w * scale), int(h * scale))) if scale < 1 else rgb
    gray = cv2.GaussianBlur(cv2.cvtColor((small * 255).astype(np.uint8), cv2.COLOR_RGB2GRAY), (5, 5), 0)
    edges = cv2.dilate(cv2.Canny(gray, 40, 120), np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    area_total = small.shape[0] * small.shape[1]
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        area = cv2.contourArea(contour)
        if not 0.2 * area_total < area < 0.95 * area_total:
            continue
        quad = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
        if len(quad) != 4 or not cv2.isContourConvex(quad):
            continue
        corners = _order(quad.reshape(4, 2).astype(np.float32))
        # A straight, axis-aligned frame needs no fixing: only tilted shapes are offered.
        x, y, bw, bh = cv2.boundingRect(quad)
        if cv2.contourArea(corners) > 0.93 * bw * bh:
            continue
        sh, sw = small.shape[:2]
        return [[float(px / sw), float(py / sh)] for px, py in corners]
    return None


def _order(points: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    s = points.sum(axis=1)
    d = np.diff(points, axis=1).ravel()
    return np.array([points[np.argmin(s)], points[np.argmin(d)], points[np.argmax(s)], points[np.argmax(d)]],
                    np.float32)


def straighten(rgb: np.ndarray, corners: list) -> np.ndarray:
    """The print cut out and squared up from its four corners (fractions of the photo size)."""
    h, w = rgb.shape[:2]
    src = np.array([[x * w, y * h] for x, y in corners], np.float32)
    width = int(max(np.linalg.norm(src[1] - src[0]), np.linalg.norm(src[2] - src[3])))
    height = int(max(np.linalg.norm(src[3] - src[0]), np.linalg.norm(src[2] - src[1])))
    dst = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(rgb, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def analyse(rgb: np.ndarray, faces=None) -> tuple[Analysis, np.ndarray]:
    """The analysis and the damage mask. `faces`: a face backend to count faces with, or None."""
    damage = repair.find_damage(rgb)
    _, b = tone.colour_cast(rgb)
    result = Analysis(width=rgb.shape[1], height=rgb.shape[0], greyscale=is_greyscale(rgb), fading=tone.fading(rgb),
                      yellowing=b, scratches=damage.scratches, spots=damage.spots,
                      damage_fraction=damage.fraction, print_corners=find_print(rgb))
    if faces is not None:
        boxes = faces.find_faces(rgb)
        result.faces = len(boxes)
        result.face_boxes = boxes
    return result, damage.mask
