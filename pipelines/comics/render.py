"""Draw a composed page: to a PNG picture (PIL) or onto a PDF canvas (reportlab), the same way."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .bubbles import LINE_MM, BubbleShape
from ..export.fonts import draw_runs, draw_runs_pil
from .lettering import PT_MM, runs
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


# A preview needs few pixels of a panel's picture, and the page draws it at every tap (adding a bubble drew the page
# twice, and each of its four 12 MP drawings was decoded in full each time: 25-42 s greyed at load 8-9). Pictures
# drawn at most PREVIEW_NEED px are taken from a copy reduced once to PREVIEW_SIDE px (kept for the file as it is:
# path, time and size); the print (300 dpi) still reads the whole picture.
PREVIEW_SIDE = 2048
PREVIEW_NEED = 1200


@functools.lru_cache(maxsize=12)
def _reduced(path: str, mtime_ns: int, size: int):
    from PIL import Image

    from ..safety.uploads import open_picture

    image = open_picture(path)
    image.thumbnail((PREVIEW_SIDE, PREVIEW_SIDE), Image.Resampling.LANCZOS)
    return image


def preview_picture(path: str, long_side: int = PREVIEW_NEED):
    """A picture (RGB, through the one loader) to draw at most `long_side` px: the reduced copy when that is at most
    PREVIEW_NEED (never changed in place by callers: crop and resize make new pictures), else the whole picture."""
    from ..safety.uploads import open_picture

    if long_side > PREVIEW_NEED:
        return open_picture(path)
    stat = Path(path).stat()
    return _reduced(str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)


def panel_picture(path: str, width_mm: float, height_mm: float, dpi: int):
    """A panel's picture cropped to the panel's shape and resampled to `dpi` (RGB)."""
    from PIL import Image

    size = (max(1, round(width_mm / 25.4 * dpi)), max(1, round(height_mm / 25.4 * dpi)))
    image = cover_crop(preview_picture(path, max(size)), width_mm / height_mm)
    return image.resize(size, Image.LANCZOS)


@dataclass(frozen=True)
class PaintStep:
    """One step of drawing a bubble, the same for the picture and the PDF: a closed path (mm), filled with
    `fill` (None: not filled), then outlined with a line `stroke_mm` wide centred on the path (0: none)."""

    points: list
    fill: str | None
    stroke_mm: float


def paint_steps(bubble: BubbleShape) -> list[PaintStep]:
    """How a bubble is drawn, in order. Body and tail are outlined first with a double-width line, then
    filled over: the inner half of the line is covered, so body and tail read as one shape with a
    LINE_MM outline. The thought trail's puffs are filled and outlined one by one."""
    shapes = [bubble.body] + ([bubble.tail] if bubble.tail else [])
    return ([PaintStep(points, None, LINE_MM * 2) for points in shapes]
            + [PaintStep(points, bubble.fill, 0.0) for points in shapes]
            + [PaintStep(points, bubble.fill, LINE_MM) for points in bubble.puffs])


# -- PNG -------------------------------------------------------------------------------------
SUPERSAMPLE_BELOW_DPI = 120  # small previews are drawn twice as big, then reduced: outlines stay whole lines


def render_png(composed: Composed, dpi: int = 150):
    """The page as an RGB picture at `dpi` (pixels per inch; the page is `composed.width` x `height` mm).

    Below SUPERSAMPLE_BELOW_DPI the page is drawn at twice the resolution and reduced (Lanczos), so the
    0.45 mm bubble outline (under one pixel at 45 dpi) still shows as a soft line, as in the printed page."""
    from PIL import Image, ImageDraw

    if dpi < SUPERSAMPLE_BELOW_DPI:
        big = render_png(composed, dpi * 2)
        return big.resize((round(composed.width * dpi / 25.4), round(composed.height * dpi / 25.4)), Image.LANCZOS)
    k = dpi / 25.4  # pixels per millimetre
    image = Image.new("RGB", (round(composed.width * k), round(composed.height * k)), "white")
    draw = ImageDraw.Draw(image)
    border = max(1, round(composed.border * k))
    for (x, y, w, h), picture in composed.panels:
        box = (round(x * k), round(y * k), round((x + w) * k), round((y + h) * k))
        if picture and Path(picture).is_file():
            image.paste(panel_picture(picture, w, h, dpi).resize((box[2] - box[0], box[3] - box[1])), box[:2])
        _stroke_png(draw, [box[:2], (box[2], box[1]), box[2:], (box[0], box[3])], border)
    for bubble in composed.bubbles:
        _bubble_png(draw, bubble, k)
    for text, x, baseline, size, bold, align in composed.texts:
        draw_runs_pil(draw, (x * k, baseline * k), runs(text, bold), max(6, round(size * PT_MM * k)), INK, align)
    return image


def _stroke_png(draw, points, width_px: int) -> None:
    """A closed outline centred on the path (as a PDF stroke is), with round joins."""
    closed = list(points) + [points[0], points[1]]  # past the start so the first corner is joined too
    draw.line(closed, fill=INK, width=width_px, joint="curve")


def _bubble_png(draw, bubble: BubbleShape, k: float) -> None:
    scaled = lambda points: [(px * k, py * k) for px, py in points]  # noqa: E731
    for step in paint_steps(bubble):
        points = scaled(step.points)
        if step.fill:
            draw.polygon(points, fill=step.fill)
        if step.stroke_mm:
            _stroke_png(draw, points, max(1, round(step.stroke_mm * k)))
    for line_text, x, baseline, size in text_lines(bubble):
        draw_runs_pil(draw, (x * k, baseline * k), runs(line_text, bubble.lettering.bold),
                      max(6, round(size * PT_MM * k)), INK, "centre")


def text_lines(bubble: BubbleShape) -> list[tuple[str, float, float, float]]:
    """Each line of a bubble: text, centre x, baseline y (mm), size (pt)."""
    lettering = bubble.lettering
    x, top, _, _ = bubble.text_box
    cx = x + lettering.width / 2
    size_mm = lettering.size_pt * PT_MM
    first = top + (lettering.line_height - size_mm) / 2 + size_mm * 0.78  # cap height sits in the line
    return [(line, cx, first + i * lettering.line_height, lettering.size_pt) for i, line in enumerate(lettering.lines)]


# -- PDF -------------------------------------------------------------------------------------
def write_pdf(composed: Composed, out: str | Path, *, title: str, authors: list[str], ai_made: bool,
              language: str = "fr", bleed_mm: float = 0.0, crop_marks: bool = False) -> list:
    """The page as an A4 PDF through the studio's print engine; returns its print warnings."""
    from ..export.pdf import PageSpec as PrintPage
    from ..export.pdf import PrintDocument

    doc = PrintDocument(title or "BD", author=", ".join(authors), subject="Atelier BD", ai_generated=ai_made,
                        language=language)
    page = doc.add_page(PrintPage("A4", "portrait", bleed_mm=bleed_mm, crop_marks=crop_marks))
    draw_pdf(page, composed)
    doc.save(out)
    return doc.warnings


def draw_pdf(page, composed: Composed) -> None:
    """Draw the composed page on a print-engine page (mm from the trim's top-left corner, y down)."""
    from reportlab.lib.colors import HexColor

    canvas = page.canvas
    canvas.saveState()
    canvas.setStrokeColor(HexColor(INK))
    canvas.setLineJoin(1)
    for number, ((x, y, w, h), picture) in enumerate(composed.panels, start=1):
        if picture and Path(picture).is_file():
            page.image(picture, x, y, w, h, fit="cover", bleed=False, name=str(number))  # the panel's number
        canvas.setLineWidth(composed.border * MM_PT)
        x0, y1 = page.to_pt(x, y)
        canvas.rect(x0, y1 - h * MM_PT, w * MM_PT, h * MM_PT, stroke=1, fill=0)
    for bubble in composed.bubbles:
        _bubble_pdf(canvas, bubble, page.to_pt)
    canvas.setFillColor(HexColor(INK))
    for text, x, baseline, size, bold, align in composed.texts:
        draw_runs(canvas, *page.to_pt(x, baseline), runs(text, bold), size, align)
    canvas.restoreState()


def _path(canvas, points, to_pt):
    path = canvas.beginPath()
    path.moveTo(*to_pt(*points[0]))
    for point in points[1:]:
        path.lineTo(*to_pt(*point))
    path.close()
    return path


def _bubble_pdf(canvas, bubble: BubbleShape, to_pt) -> None:
    from reportlab.lib.colors import HexColor

    for step in paint_steps(bubble):
        if step.fill:
            canvas.setFillColor(HexColor(step.fill))
        if step.stroke_mm:
            canvas.setLineWidth(step.stroke_mm * MM_PT)
        canvas.drawPath(_path(canvas, step.points, to_pt), stroke=1 if step.stroke_mm else 0,
                        fill=1 if step.fill else 0)
    canvas.setFillColor(HexColor(INK))
    for line_text, x, baseline, size in text_lines(bubble):
        draw_runs(canvas, *to_pt(x, baseline), runs(line_text, bubble.lettering.bold), size, "centre")
