"""The patron's brush over the damage mask: strokes that add damage the search missed or clear what is not damage.

A mask-edits layer is an 8-bit grey picture at the photo's size (PNG, mode "L"): ``ADD`` (255) where the patron
painted "damage", ``CLEAR`` (128) where they painted "not damage", 0 where the damage search decides. Keeping the
edits apart from the mask lets the strength slider still govern the search everywhere the patron left alone.

The strokes come from the drawing canvas of the photos page (Fabric.js ``Path`` objects of its free-drawing
brush, as `streamlit-drawable-canvas` returns them in ``json_data["objects"]``); the stroke colour tells the
tool (``BRUSH``). Later strokes win where strokes cross, as they do on the screen.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

_SHIFT = 4  # fractional bits of the coordinates handed to OpenCV's drawing
_ONE = 1 << _SHIFT
ADD, CLEAR = 255, 128  # layer values; 0 = left to the damage search
BRUSH = {"add": "rgba(255, 40, 40, 0.6)", "clear": "rgba(30, 200, 120, 0.75)"}  # tool -> stroke colour on screen
_VALUE = {BRUSH["add"].replace(" ", ""): ADD, BRUSH["clear"].replace(" ", ""): CLEAR}  # as Fabric writes colours


def stroke_points(obj: dict) -> list[tuple[float, float]]:
    """The points a free-drawn Fabric path passes through, in canvas pixels.

    Fabric keeps the path's commands (``M``, ``Q``, ``L``: the last pair of each is the point reached) in
    the coordinates it was drawn in, and places the object by ``left``/``top`` (its centre when ``originX``
    is "center", else its top-left corner) with ``scaleX``/``scaleY``: a stroke the patron moved is read
    where it was dropped. Quadratic segments are sampled at their end points and control points, which
    is within a brush radius of the curve for the short segments the pencil brush makes (one per mouse or
    touch event).
    """
    path = obj.get("path") or []
    points = [(float(c[-2]), float(c[-1])) for c in path if len(c) >= 3]
    if not points:
        return []
    box = points + [(float(c[1]), float(c[2])) for c in path if len(c) == 5]  # with the Q control points
    xs, ys = [p[0] for p in box], [p[1] for p in box]
    mid_x, mid_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    sx, sy = float(obj.get("scaleX", 1) or 1), float(obj.get("scaleY", 1) or 1)
    left, top = float(obj.get("left", mid_x)), float(obj.get("top", mid_y))
    stroke = float(obj.get("strokeWidth", 0) or 0)
    # The object's centre on the canvas: Fabric's box spans the path plus the stroke's width.
    cx = left if obj.get("originX") == "center" else left + (float(obj.get("width", 0)) + stroke) * sx / 2
    cy = top if obj.get("originY") == "center" else top + (float(obj.get("height", 0)) + stroke) * sy / 2
    return [(cx + (x - mid_x) * sx, cy + (y - mid_y) * sy) for x, y in points]


def edits_layer(objects: list[dict], preview: tuple[int, int], size: tuple[int, int]) -> Image.Image:
    """The brush strokes drawn on a `preview` (width, height in px) -> the edits layer at the photo's `size`.

    Each stroke keeps its width relative to the preview (a 20 px brush on a 700 px preview covers 20/700 of the
    photo's width). Objects that are not brush strokes of a known colour are ignored.
    """
    import cv2

    layer = np.zeros((size[1], size[0]), np.uint8)
    sx, sy = size[0] / preview[0], size[1] / preview[1]
    for obj in objects:
        value = _VALUE.get(str(obj.get("stroke", "")).replace(" ", ""))
        points = stroke_points(obj) if value else []
        if not points:
            continue
        # Fixed-point pixel centres (cv2's `shift`): sub-pixel positions of a stroke on a photo larger than the
        # preview are kept.
        scaled = np.round(np.array([(x * sx, y * sy) for x, y in points]) * _ONE).astype(np.int32)
        width = max(1, round(float(obj.get("strokeWidth", 1)) * float(obj.get("scaleX", 1) or 1) * sx))
        # One continuous band, as the screen draws it: Pillow's wide lines left 1 px slits where short segments
        # meet at an angle. Each segment is a thick line with round ends (OpenCV draws them so) and each point a
        # disk of the brush's width, so joins and caps are round whatever the angle.
        if len(scaled) > 1:
            cv2.polylines(layer, [scaled.reshape(-1, 1, 2)], False, int(value), thickness=width,
                          lineType=cv2.LINE_8, shift=_SHIFT)
        for x, y in scaled:
            cv2.circle(layer, (int(x), int(y)), round(width / 2 * _ONE), int(value), thickness=-1,
                       lineType=cv2.LINE_8, shift=_SHIFT)
    return Image.fromarray(layer, "L")



def load_edits(path: str | Path, size: tuple[int, int]) -> np.ndarray:
    """An edits layer file read at the photo's `size` (width, height) -> (H, W) uint8 of ADD / CLEAR / 0."""
    from ..safety.uploads import open_picture

    layer = open_picture(path).convert("L")
    if layer.size != size:
        layer = layer.resize(size, Image.Resampling.NEAREST)  # nearest: the three values stay three values
    return np.asarray(layer)


def painted(edits: np.ndarray, margin: int = 2) -> np.ndarray:
    """Where the patron painted damage (ADD), grown by `margin` px (the fill blends past a mark): (H, W) bool."""
    import cv2

    added = (edits >= (ADD + CLEAR) // 2).astype(np.uint8)
    return cv2.dilate(added, np.ones((2 * margin + 1, 2 * margin + 1), np.uint8)).astype(bool)


def apply_edits(mask: np.ndarray, edits: np.ndarray) -> np.ndarray:
    """The damage mask (H, W) bool with the patron's edits (H, W) uint8: painted damage added, cleared removed."""
    added = edits >= (ADD + CLEAR) // 2
    cleared = (edits >= CLEAR // 2) & ~added
    return (mask & ~cleared) | added
