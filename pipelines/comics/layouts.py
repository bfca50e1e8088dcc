"""Page layouts: where the panels sit on an A4 page, with gutters and borders, and their thumbnails."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..i18n import UserError

Rect = tuple[float, float, float, float]  # x, y, width, height; millimetres from the top-left corner


@dataclass(frozen=True)
class Layout:
    """A page layout: panel rectangles in fractions of the drawing area (they touch; gutters come later)."""

    id: str
    emoji: str
    cells: tuple[Rect, ...]

    @property
    def label(self) -> str:
        return f"comics.layouts.{self.id}"

    @property
    def panel_count(self) -> int:
        return len(self.cells)


def _rows(*rows: tuple[float, tuple[float, ...]]) -> tuple[Rect, ...]:
    """Cells from rows given as (height weight, column weights), read left to right, top to bottom."""
    total = sum(h for h, _ in rows)
    cells, y = [], 0.0
    for height, columns in rows:
        width_total, x = sum(columns), 0.0
        for width in columns:
            cells.append((x / width_total, y / total, width / width_total, height / total))
            x += width
        y += height
    return tuple(cells)


LAYOUTS: dict[str, Layout] = {layout.id: layout for layout in (
    Layout("classic-6", "▦", _rows((1, (1, 1)), (1, (1, 1)), (1, (1, 1)))),  # Franco-Belgian grid
    Layout("strip-4", "☰", _rows((1, (1,)), (1, (1,)), (1, (1,)), (1, (1,)))),
    Layout("tall-3", "▥", _rows((1, (1, 1, 1)))),
    Layout("splash-2", "◳", _rows((2, (1,)), (1, (1, 1)))),
    Layout("grid-4", "⊞", _rows((1, (1, 1)), (1, (1, 1)))),
    # Vertical webtoon: one narrow column read downwards, with wide pauses between the panels.
    Layout("webtoon", "▯", ((0.18, 0.0, 0.64, 0.30), (0.18, 0.35, 0.64, 0.25), (0.18, 0.65, 0.64, 0.35))),
    Layout("tiers-7", "▤", _rows((1, (1, 1)), (1, (1, 1.4, 1)), (1, (1.3, 1)))),
)}

GUTTER_MM = 4.0
BORDER_MM = 0.7


def get_layout(layout_id: str) -> Layout:
    """The layout called `layout_id`; an unknown name is a UserError listing the valid ones."""
    if layout_id not in LAYOUTS:
        raise UserError("comics.errors.unknown_layout", layout=layout_id, valid=", ".join(LAYOUTS))
    return LAYOUTS[layout_id]


def panel_rects(layout: Layout, area: Rect, gutter: float = GUTTER_MM) -> list[Rect]:
    """The panels of `layout` in millimetres inside `area`, with `gutter` between neighbours."""
    ax, ay, aw, ah = area
    rects = []
    for fx, fy, fw, fh in layout.cells:
        # Inset only the sides that face another panel, so outer borders meet the area's edge.
        left = gutter / 2 if fx > 1e-6 else 0.0
        top = gutter / 2 if fy > 1e-6 else 0.0
        right = gutter / 2 if fx + fw < 1 - 1e-6 else 0.0
        bottom = gutter / 2 if fy + fh < 1 - 1e-6 else 0.0
        x, y = ax + fx * aw + left, ay + fy * ah + top
        rects.append((x, y, fw * aw - left - right, fh * ah - top - bottom))
    return rects


def thumbnail(layout: Layout, width: int = 150):
    """A small picture of the layout for the chooser: numbered grey panels on a white page."""
    from PIL import Image, ImageDraw

    from .lettering import pil_font

    height = round(width * 297 / 210)
    scale = width / 210
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    area = (10 * scale, 18 * scale, 190 * scale, 264 * scale)
    draw.rectangle((area[0], 6 * scale, area[0] + area[2] * 0.6, 12 * scale), fill="#9aa5b1")  # the title
    font = pil_font(bold=True, size_px=max(10, width // 9))
    for number, (x, y, w, h) in enumerate(panel_rects(layout, area, gutter=4 * scale), start=1):
        draw.rectangle((x, y, x + w, y + h), fill="#dfe7ef", outline="black", width=max(1, width // 75))
        draw.text((x + w / 2, y + h / 2), str(number), fill="#3b4b5c", font=font, anchor="mm")
    draw.rectangle((0, 0, width - 1, height - 1), outline="#9aa5b1")
    return image


def thumbnail_path(layout: Layout, folder: Path) -> Path:
    """The layout's thumbnail saved as PNG in `folder` (made once, then reused)."""
    path = Path(folder) / f"layout-{layout.id}.png"
    if not path.exists():
        from ..store.files import atomic_path

        with atomic_path(path) as tmp:
            thumbnail(layout).save(tmp, format="PNG")
    return path
