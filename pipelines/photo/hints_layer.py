"""Colour points clicked on a preview -> the RGBA hint layer at the photo's size (opaque = a colour)."""
from __future__ import annotations

from PIL import Image, ImageColor, ImageDraw


def hint_layer(objects: list[dict], preview: tuple[int, int], size: tuple[int, int]) -> Image.Image:
    """Draw each clicked point (Fabric.js circle objects from the canvas) as a dot on a transparent layer."""
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    sx, sy = size[0] / preview[0], size[1] / preview[1]
    radius = max(2.0, 0.006 * max(size))
    for obj in objects:
        colour = obj.get("fill") or obj.get("stroke")
        if not colour or colour in ("transparent", ""):
            continue
        r = float(obj.get("radius", 0)) * float(obj.get("scaleX", 1))
        # Fabric places a circle by its top-left corner unless its origin is the centre.
        cx = float(obj.get("left", 0)) + (0 if obj.get("originX") == "center" else r)
        cy = float(obj.get("top", 0)) + (0 if obj.get("originY") == "center" else r)
        rgb = ImageColor.getrgb(colour)[:3]
        x, y = cx * sx, cy * sy
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*rgb, 255))
    return layer
