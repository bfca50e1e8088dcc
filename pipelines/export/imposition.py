"""N-up imposition: several cards on one sheet, backs placed for duplex printing, and a duplex test page.

Cards sit edge to edge in a grid (one cut serves two cards). Without bleed or crop marks the
sheet is A4, for an office printer, printed at 100 %: four A6 cards fill it, so the only cuts are
the inner ones, shown by thin cut lines (`cut_guides`) that an office printer can print (its
unprintable border lies on the paper's own edges, which are the cards' outer edges). With bleed
and crop marks it is SRA4, the print-shop sheet, so that the outer bleed and the marks have room.
For duplex, back sheet slots are mirrored so each card's back lands behind its front when the
sheet is turned over its long edge (or short edge).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from .pdf import MARK_GAP_MM, MARK_LENGTH_MM, Page, PrintDocument, page_size_mm

FLIPS = ("long", "short")
CUT_LINE_MM = 0.1  # a hairline: visible to cut along, gone (or a sliver) once cut
CUT_LINE_GREY = (0.45, 0.45, 0.45)


@dataclass(frozen=True)
class Card:
    """One card to print: how to draw its front and (optionally) its back on a Page of the card's size."""

    draw_front: Callable[[Page], None]
    draw_back: Callable[[Page], None] | None = None


@dataclass(frozen=True)
class SheetLayout:
    """Where the grid of cards sits on the paper (mm, from the sheet's top-left)."""

    sheet: str
    media_mm: tuple[float, float]
    card_mm: tuple[float, float]
    cols: int
    rows: int
    origin_mm: tuple[float, float]
    bleed_mm: float
    crop_marks: bool
    mark_length_mm: float

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    @property
    def block_mm(self) -> tuple[float, float]:
        return self.cols * self.card_mm[0], self.rows * self.card_mm[1]


def grid_layout(card_mm: tuple[float, float], cols: int = 2, rows: int = 2, *, bleed_mm: float = 0.0,
                crop_marks: bool = False) -> SheetLayout:
    """A cols x rows grid of cards on A4 (no bleed, no marks) or SRA4 (room for both), in the orientation that fits."""
    block_w, block_h = cols * card_mm[0], rows * card_mm[1]
    needs_room = crop_marks or bleed_mm > 0
    sheet = "SRA4" if needs_room else "A4"
    need = (bleed_mm + (MARK_GAP_MM + 3.0 if crop_marks else 0.0)) if needs_room else 0.0
    for orientation in ("portrait", "landscape"):
        mw, mh = page_size_mm(sheet, orientation)
        room = min(mw - block_w, mh - block_h) / 2
        if room >= need - 0.01:
            mark = min(MARK_LENGTH_MM, room - bleed_mm - MARK_GAP_MM - 0.5) if crop_marks else 0.0
            return SheetLayout(sheet, (mw, mh), card_mm, cols, rows, ((mw - block_w) / 2, (mh - block_h) / 2),
                               bleed_mm, crop_marks, mark)
    raise ValueError(f"{cols} x {rows} cards of {card_mm[0]} x {card_mm[1]} mm with {bleed_mm} mm bleed "
                     f"{'and crop marks ' if crop_marks else ''}do not fit on {sheet}.")


def _mirror_slot(col: int, row: int, layout: SheetLayout, flip: str) -> tuple[int, int]:
    """The slot behind (col, row) once the sheet is turned over: rows swap for a flip along a horizontal
    edge, columns for a vertical one."""
    mw, mh = layout.media_mm
    horizontal_long_edge = mw >= mh
    turn_over_horizontal = horizontal_long_edge if flip == "long" else not horizontal_long_edge
    if turn_over_horizontal:
        return col, layout.rows - 1 - row
    return layout.cols - 1 - col, row


def _card_page(doc: PrintDocument, sheet: Page, layout: SheetLayout, col: int, row: int) -> Page:
    cw, ch = layout.card_mm
    b = layout.bleed_mm
    bleed = {"left": b if col == 0 else 0.0, "right": b if col == layout.cols - 1 else 0.0,
             "top": b if row == 0 else 0.0, "bottom": b if row == layout.rows - 1 else 0.0}
    return Page(doc, layout.media_mm[1], sheet._trim_x + col * cw, sheet._trim_y + row * ch, cw, ch, bleed)


def _new_sheet(doc: PrintDocument, layout: SheetLayout) -> Page:
    cw, ch = layout.card_mm
    cuts = ({"xs": [c * cw for c in range(layout.cols + 1)], "ys": [r * ch for r in range(layout.rows + 1)]}
            if layout.crop_marks else None)
    bw, bh = layout.block_mm
    return doc.add_sheet(layout.media_mm, (*layout.origin_mm, bw, bh), layout.bleed_mm, cuts=cuts,
                         mark_length_mm=layout.mark_length_mm)


def draw_cut_guides(sheet: Page, layout: SheetLayout) -> None:
    """Thin cut lines across the whole paper along the inner cuts of the grid (office printing)."""
    cw, ch = layout.card_mm
    ox, oy = layout.origin_mm
    mw, mh = layout.media_mm
    for col in range(1, layout.cols):
        sheet.line(col * cw, -oy, col * cw, mh - oy, color=CUT_LINE_GREY, line_mm=CUT_LINE_MM)
    for row in range(1, layout.rows):
        sheet.line(-ox, row * ch, mw - ox, row * ch, color=CUT_LINE_GREY, line_mm=CUT_LINE_MM)


def impose(doc: PrintDocument, cards: Sequence[Card], layout: SheetLayout, *, duplex: bool = False,
           flip: str = "long", cut_guides: bool = False) -> list[list[tuple[int, int]]]:
    """Add sheets of cards (a front sheet, then its back sheet when duplex); returns each sheet's slots used.

    `cut_guides` draws thin cut lines over the front sheets (for sheets without crop marks)."""
    if flip not in FLIPS:
        raise ValueError(f"flip must be one of {FLIPS} but is {flip!r}.")
    if not cards:
        raise ValueError("Imposition needs at least one card.")
    if layout.sheet == "SRA4":
        doc.warn("export.sheet_sra4")
    used: list[list[tuple[int, int]]] = []
    slots = [(c, r) for r in range(layout.rows) for c in range(layout.cols)]
    for start in range(0, len(cards), layout.per_sheet):
        group = cards[start:start + layout.per_sheet]
        sheet = _new_sheet(doc, layout)
        for card, (col, row) in zip(group, slots):
            page = _card_page(doc, sheet, layout, col, row)
            with page.clip_to_bleed():  # a neighbour's bleed must not cover this card
                card.draw_front(page)
        if cut_guides and not layout.crop_marks:
            draw_cut_guides(sheet, layout)
        used.append([slot for _, slot in zip(group, slots)])
        if duplex:
            sheet = _new_sheet(doc, layout)
            for card, (col, row) in zip(group, slots):
                if card.draw_back is None:
                    continue
                page = _card_page(doc, sheet, layout, *_mirror_slot(col, row, layout, flip))
                with page.clip_to_bleed():
                    card.draw_back(page)
            used.append([_mirror_slot(c, r, layout, flip) for _, (c, r) in zip(group, slots)])
    return used


def calibration_positions(size: tuple[float, float], front: tuple[float, float]) -> dict[str, tuple[float, float]]:
    """Where a mark at `front` (mm) lands on the back page for each flip the studio can impose (same rule as
    `impose`: a "long" flip turns a landscape sheet over its horizontal edge)."""
    w, h = size
    positions = {}
    for flip in FLIPS:
        over_horizontal = (w >= h) if flip == "long" else not (w >= h)
        positions[flip] = (front[0], h - front[1]) if over_horizontal else (w - front[0], front[1])
    return positions


def calibration_pdf(language: str = "fr", size: str = "A4", orientation: str = "landscape") -> bytes:
    """The duplex test sheet as PDF bytes (to download from a page): see add_calibration_pages."""
    from ..i18n import translate

    doc = PrintDocument(translate("export.calibration.title", language), language=language)
    add_calibration_pages(doc, size, orientation)
    return doc.pdf_bytes()


def add_calibration_pages(doc: PrintDocument, size: str = "A4", orientation: str = "landscape",
                          flip: str = "long") -> None:
    """Two pages to print double-sided: a cross on the front, and on the back one cross per flip, each named.

    Printed with the print dialog's "long edge" setting, the back cross that sits behind the front
    one (seen against a lamp) names the flip to choose; a 100 mm ruler checks the 100 % scale.
    `flip` is kept for compatibility: both flips are always shown.
    """
    from ..i18n import translate
    from .pdf import PageSpec

    lang = doc.language
    front = doc.add_page(PageSpec(size, orientation, bleed_mm=0))
    w, h = front.width, front.height
    cx, cy = w * 0.3, h * 0.35  # off-centre on purpose: each flip puts the back cross somewhere else
    _cross(front, cx, cy)
    front.text(translate("export.calibration.title", lang), w / 2, 18, size=16, bold=True, align="center")
    front.text(translate("export.calibration.front", lang), w / 2, 27, size=11, align="center")
    front.text(translate("export.calibration.how", lang), w / 2, h - 40, size=10, align="center")
    front.text(translate("export.calibration.flip", lang), w / 2, h - 33, size=10, align="center")
    _ruler(front, (w - 100) / 2, h - 20, translate("export.calibration.ruler", lang))
    front.text("▲ " + translate("export.calibration.top", lang), w - 15, 12, size=10, bold=True, align="right")
    back = doc.add_page(PageSpec(size, orientation, bleed_mm=0))
    back.text(translate("export.calibration.back", lang), w / 2, 18, size=16, bold=True, align="center")
    for name, (bx, by) in calibration_positions((w, h), (cx, cy)).items():
        _cross(back, bx, by)
        back.text(translate(f"export.calibration.if_{name}", lang), bx, by + 20, size=11, bold=True,
                  align="center")
        back.text(translate(f"export.calibration.then_{name}", lang), bx, by + 26, size=9, align="center")
    back.text("▲ " + translate("export.calibration.top", lang), w - 15, 12, size=10, bold=True, align="right")


def _cross(page: Page, x: float, y: float) -> None:
    page.line(x - 12, y, x + 12, y, line_mm=0.4)
    page.line(x, y - 12, x, y + 12, line_mm=0.4)
    page.rect(x - 6, y - 6, 12, 12, line_mm=0.3)


def _ruler(page: Page, x: float, y: float, caption: str) -> None:
    page.line(x, y, x + 100, y, line_mm=0.3)
    for mm in range(0, 101, 5):
        tick = 4 if mm % 10 == 0 else 2
        page.line(x + mm, y, x + mm, y - tick, line_mm=0.2)
    page.text(caption, x + 50, y + 6, size=8, align="center")
