"""Printed books on the print engine: A5 pages (screen or print) and the saddle-stitch booklet on A4 sheets.

Booklet imposition: the pages (cover, story, blanks, last page) are padded to a multiple of 4;
sheet i of n pages carries front = (n - 2i, 2i + 1) and back = (2i + 2, n - 2i - 1), left | right.
Print double-sided flipping on the short edge, stack the sheets, fold in the middle, staple.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .book import Book, BookPage
from .pdf import MARK_GAP_MM, MARK_LENGTH_MM, Page, PageSpec, PrintDocument, fit_text

A5 = (148.0, 210.0)
SHEET = (297.0, 210.0)  # A4 landscape: two A5 pages side by side
MARGIN = 12.0
INK = (0.13, 0.13, 0.2)
SOFT = (0.45, 0.45, 0.5)


@dataclass(frozen=True)
class Side:
    """One side of a booklet sheet: page numbers (1-based, None = blank) on its left and right halves."""

    left: int | None
    right: int | None


def padded_count(pages: int) -> int:
    """Pages in the booklet: `pages` rounded up to a multiple of 4."""
    return max(4, -(-pages // 4) * 4)


def booklet_order(pages: int) -> list[tuple[Side, Side]]:
    """(front, back) of each sheet for a booklet of `pages` pages; numbers past `pages` are blanks."""
    n = padded_count(pages)

    def real(number: int) -> int | None:
        return number if number <= pages else None

    sheets = []
    for i in range(n // 4):
        front = Side(real(n - 2 * i), real(2 * i + 1))
        back = Side(real(2 * i + 2), real(n - 2 * i - 1))
        sheets.append((front, back))
    return sheets


def reading_order(book: Book) -> list[tuple[str, BookPage | None]]:
    """The printed pages in reading order: cover, story pages, then the last page ('how it was made')."""
    pages: list[tuple[str, BookPage | None]] = [("cover", None)]
    pages += [("story", page) for page in book.pages]
    if book.end_lines:
        pages.append(("end", None))
    return pages


def booklet_pages(book: Book) -> list[tuple[str, BookPage | None]]:
    """Reading order padded with blanks before the last page, so that it becomes the back cover."""
    pages = reading_order(book)
    blanks = padded_count(len(pages)) - len(pages)
    last = [pages.pop()] if book.end_lines else []
    return pages + [("blank", None)] * blanks + last


# -- drawing one page ------------------------------------------------------------------------
LEADING = 1.35  # the story text's line height, as a multiple of its size


def _has_picture(picture: str | None) -> bool:
    return bool(picture) and Path(picture).exists()


def _picture(page: Page, picture: str | None, x: float, y: float, w: float, h: float, name: str = "") -> None:
    """The picture fitted in its box; nothing at all when there is none (no empty frame on the paper)."""
    if _has_picture(picture):
        page.image(picture, x, y, w, h, fit="contain", bleed=False, name=name or Path(picture).name)


def _text_size(text: str, w: float, h: float, size: float) -> float:
    """The asked size, shrunk by half points (not below 8 pt) until the text fits the box."""
    while size > 8 and not fit_text(text, w, h, size, "readable", leading=LEADING).fits:
        size -= 0.5
    return size


def _text_in_box(page: Page, text: str, x: float, y: float, w: float, h: float, size: float,
                 centred: bool = False) -> None:
    """Story text as large as asked, shrunk step by step until it fits the box; `centred` sets the block in
    the middle of the box's height (a page with no picture)."""
    size = _text_size(text, w, h, size)
    if centred:
        lines = len(fit_text(text, w, h, size, "readable", leading=LEADING).lines)
        y += max(0.0, (h - lines * size * LEADING * 25.4 / 72) / 2)
    page.text_box(text, x, y, w, h, size=size, family="readable", color=INK, leading=LEADING)


def draw_page(page: Page, book: Book, kind: str, item: BookPage | None, number: int, ai_note: bool) -> None:
    """Draw one printed page (cover, story page, blank or last page) inside `page`'s trim."""
    w, h = page.width, page.height
    labels = book.labels
    inner = w - 2 * MARGIN
    if kind == "cover":
        _text_in_box(page, book.title, MARGIN, 16, inner, 34, 24)
        _picture(page, book.cover, MARGIN, 54, inner, h - 100, name=book.cover_name)
        page.text(labels.get("by", book.author), w / 2, h - 32, size=14, family="readable", color=INK, align="center")
        if labels.get("made_with"):
            page.text(labels["made_with"], w / 2, h - 22, size=9, color=SOFT, align="center")
    elif kind == "story":
        text_h = h - 2 * MARGIN - 16  # above the folio
        if _has_picture(item.picture):
            picture_h = h * 0.52
            # A long page keeps the reader's type size: the picture gives up room first (down to a fifth of
            # the page), and only then does the text shrink.
            while picture_h > h * 0.2 and not fit_text(item.text, inner, text_h - picture_h, book.text_pt,
                                                       "readable", leading=LEADING).fits:
                picture_h -= 4
            _picture(page, item.picture, MARGIN, MARGIN, inner, picture_h, name=str(number - 1))  # page n
            _text_in_box(page, item.text, MARGIN, MARGIN + picture_h + 6, inner, text_h - picture_h, book.text_pt)
        else:  # a book without pictures: the text alone, in the middle of the page
            _text_in_box(page, item.text, MARGIN, MARGIN, inner, text_h, book.text_pt, centred=True)
        page.text(str(number - 1), w / 2, h - 8, size=10, color=SOFT, align="center")
    elif kind == "end":
        page.text(book.end_title, w / 2, 24, size=16, bold=True, color=INK, align="center", family="readable")
        y = 34.0
        for line in book.end_lines:
            fit = fit_text(line, inner, h - y - 14, 10.5)
            page.text_box(line, MARGIN, y, inner, h - y - 14, size=10.5, color=INK)
            y += len(fit.lines) * 10.5 * 1.25 / (72 / 25.4) + 4
    if ai_note and kind in ("cover", "story") and book.ai_generated:
        page.ai_note(labels.get("ai_note"), language=book.language)


# -- documents -------------------------------------------------------------------------------
def _document(book: Book) -> PrintDocument:
    return PrintDocument(book.title, author=book.author, subject=book.description, ai_generated=book.ai_generated,
                         language=book.language)


def write_pages_pdf(book: Book, path: str | Path) -> tuple[Path, list]:
    """The book as A5 pages in reading order (to read on screen or print one page per sheet)."""
    doc = _document(book)
    for number, (kind, item) in enumerate(reading_order(book), start=1):
        page = doc.add_page(PageSpec("A5", "portrait", bleed_mm=0))
        draw_page(page, book, kind, item, number, ai_note=True)
    return doc.save(path), doc.warnings


def write_booklet_pdf(book: Book, path: str | Path, crop_marks: bool = False) -> tuple[Path, list]:
    """The saddle-stitch booklet: A4 landscape sheets, both sides, in folding order."""
    doc = _document(book)
    pages = booklet_pages(book)
    numbers = {i: entry for i, entry in enumerate(pages, start=1)}
    margin = 3.0 + MARK_GAP_MM + MARK_LENGTH_MM + 1.0 if crop_marks else 0.0
    bleed = 3.0 if crop_marks else 0.0
    media = (SHEET[0] + 2 * margin, SHEET[1] + 2 * margin)
    half = SHEET[0] / 2
    for front, back in booklet_order(len(pages)):
        for side in (front, back):
            cuts = {"xs": [0.0, half, SHEET[0]], "ys": [0.0, SHEET[1]]} if crop_marks else None
            doc.add_sheet(media, (margin, margin, SHEET[0], SHEET[1]), bleed, cuts=cuts)
            for offset, number in ((0.0, side.left), (half, side.right)):
                if number is None or numbers[number][0] == "blank":
                    continue
                kind, item = numbers[number]
                # The fold has no bleed: each half keeps its drawing on its own side of the fold.
                outer = {"left": bleed if offset == 0 else 0.0, "right": bleed if offset else 0.0,
                         "top": bleed, "bottom": bleed}
                half_page = Page(doc, media[1], margin + offset, margin, half, SHEET[1], outer)
                with half_page.clip_to_bleed():
                    draw_page(half_page, book, kind, item, number, ai_note=True)
    return doc.save(path), doc.warnings
