"""Draw a composed page: to a PNG picture (PIL) or onto a PDF canvas (reportlab), the same way."""
from __future__ import annotations

from pathlib import Path

from .bubbles import LINE_MM, BubbleShape
from .lettering import PT_MM, pdf_font, pil_font
from .page import Composed

MM_PT = 72 / 25.4
INK = "#111111"


def cover_crop(image, aspect: float):
    """The largest centred part of `image` with width/height = `aspect` (the panel's shape)."""
    w, h = image.size
    if w / h > aspect:
        new_w = round(h * aspect)
        left = (w - new_w) // 2
        return image.crop((left, 0, left + new_w, h))
    new_h = round(w / aspect)
    top = (h - new_h) // 2
    return image.crop((0, top, w, top + new_h))


def panel_picture(path: str, width_mm: float, height_mm: float, dpi: int):
    """A panel's picture cropped to the panel's shape and resampled to `dpi` (RGB)."""
    from PIL import Image, ImageOps

    with Image.open(path) as source:
        image = ImageOps.exif_transpose(source).convert("RGB")
    image = cover_crop(image, width_mm / height_mm)
    size = (max(1, round(width_mm / 25.4 * dpi)), max(1, round(height_mm / 25.4 * dpi)))
    return image.resize(size, Image.LANCZOS)


def panel_dpi(path: str, width_mm: float, height_mm: float) -> float:
    """The print resolution a picture reaches in its panel (low values print blurry)."""
    from PIL import Image

    with Image.open(path) as image:
        w, h = image.size
    crop_w = min(w, h * width_mm / height_mm)
    return crop_w / (width_mm / 25.4)


# -- PNG -------------------------------------------------------------------------------------
def render_png(composed: Composed, dpi: int = 150):
    """The page as an RGB picture at `dpi`."""
    from PIL import Image, ImageDraw

    k = dpi / 25.4  # pixels per millimetre
    image = Image.new("RGB", (round(composed.width * k), round(composed.height * k)), "white")
    draw = ImageDraw.Draw(image)
    border = max(1, round(composed.border * k))
    for (x, y, w, h), picture in composed.panels:
        box = (round(x * k), round(y * k), round((x + w) * k), round((y + h) * k))
        if picture and Path(picture).is_file():
            image.paste(panel_picture(picture, w, h, dpi).resize((box[2] - box[0], box[3] - box[1])), box[:2])
        draw.rectangle(box, outline=INK, width=border)
    for bubble in composed.bubbles:
        _bubble_png(draw, bubble, k)
    for text, x, baseline, size, bold, align in composed.texts:
        anchor = {"centre": "ms", "right": "rs", "left": "ls"}[align]
        draw.text((x * k, baseline * k), text, fill=INK, anchor=anchor,
                  font=pil_font(bold, max(6, round(size * PT_MM * k))))
    return image


def _bubble_png(draw, bubble: BubbleShape, k: float) -> None:
    line = max(1, round(LINE_MM * k))
    scaled = lambda points: [(px * k, py * k) for px, py in points]  # noqa: E731
    # Outline first, thick, then the fill over it: body and tail merge into one outlined shape.
    shapes = [bubble.body] + ([bubble.tail] if bubble.tail else [])
    for points in shapes:
        draw.polygon(scaled(points), outline=INK, width=line * 2)
    for points in shapes:
        draw.polygon(scaled(points), fill=bubble.fill)
    for puff in bubble.puffs:
        draw.polygon(scaled(puff), fill=bubble.fill, outline=INK, width=line)
    for line_text, x, baseline, size in text_lines(bubble):
        draw.text((x * k, baseline * k), line_text, fill=INK, anchor="ms",
                  font=pil_font(bubble.lettering.bold, max(6, round(size * PT_MM * k))))


def text_lines(bubble: BubbleShape) -> list[tuple[str, float, float, float]]:
    """Each line of a bubble: text, centre x, baseline y (mm), size (pt)."""
    lettering = bubble.lettering
    x, top, _, _ = bubble.text_box
    cx = x + lettering.width / 2
    size_mm = lettering.size_pt * PT_MM
    first = top + (lettering.line_height - size_mm) / 2 + size_mm * 0.78  # cap height sits in the line
    return [(line, cx, first + i * lettering.line_height, lettering.size_pt) for i, line in enumerate(lettering.lines)]


# -- PDF -------------------------------------------------------------------------------------
def draw_pdf(canvas, composed: Composed, origin: tuple[float, float] = (0.0, 0.0), dpi: int = 300,
             images: dict[int, str] | None = None) -> None:
    """Draw the page on a reportlab canvas; `origin` (points) is the trimmed page's bottom-left corner.
    `images` maps panel index -> a ready picture file (already cropped at print size)."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.utils import ImageReader

    ox, oy = origin
    top = oy + composed.height * MM_PT
    X = lambda mm: ox + mm * MM_PT  # noqa: E731
    Y = lambda mm: top - mm * MM_PT  # noqa: E731  (PDF y grows upwards)
    canvas.setStrokeColor(HexColor(INK))
    canvas.setLineJoin(1)
    for index, ((x, y, w, h), picture) in enumerate(composed.panels):
        ready = (images or {}).get(index)
        if ready or (picture and Path(picture).is_file()):
            source = ImageReader(ready) if ready else ImageReader(panel_picture(picture, w, h, dpi))
            canvas.drawImage(source, X(x), Y(y + h), w * MM_PT, h * MM_PT)
        canvas.setLineWidth(composed.border * MM_PT)
        canvas.rect(X(x), Y(y + h), w * MM_PT, h * MM_PT, stroke=1, fill=0)
    for bubble in composed.bubbles:
        _bubble_pdf(canvas, bubble, X, Y)
    canvas.setFillColor(HexColor(INK))
    for text, x, baseline, size, bold, align in composed.texts:
        canvas.setFont(pdf_font(bold), size)
        draw = {"centre": canvas.drawCentredString, "right": canvas.drawRightString,
                "left": canvas.drawString}[align]
        draw(X(x), Y(baseline), text)


def _path(canvas, points, X, Y):
    path = canvas.beginPath()
    path.moveTo(X(points[0][0]), Y(points[0][1]))
    for px, py in points[1:]:
        path.lineTo(X(px), Y(py))
    path.close()
    return path


def _bubble_pdf(canvas, bubble: BubbleShape, X, Y) -> None:
    from reportlab.lib.colors import HexColor

    shapes = [bubble.body] + ([bubble.tail] if bubble.tail else [])
    canvas.setFillColor(HexColor(bubble.fill))
    canvas.setLineWidth(LINE_MM * 2 * MM_PT)
    for points in shapes:  # outline, then fill over it, as in the PNG
        canvas.drawPath(_path(canvas, points, X, Y), stroke=1, fill=0)
    for points in shapes:
        canvas.drawPath(_path(canvas, points, X, Y), stroke=0, fill=1)
    canvas.setLineWidth(LINE_MM * MM_PT)
    for puff in bubble.puffs:
        canvas.drawPath(_path(canvas, puff, X, Y), stroke=1, fill=1)
    canvas.setFillColor(HexColor(INK))
    for line_text, x, baseline, size in text_lines(bubble):
        canvas.setFont(pdf_font(bubble.lettering.bold), size)
        canvas.drawCentredString(X(x), Y(baseline), line_text)
