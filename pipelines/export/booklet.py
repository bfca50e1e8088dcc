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
# A book with no picture gives the page to its text: one size for the whole book, as large as lets its longest page
# fill at most TEXT_ONLY_FILL of the text area, between the reader's size and TEXT_ONLY_GROWTH times it (at most
# TEXT_ONLY_MAX_PT); the block sits a little above the middle (TEXT_ONLY_RISE of the room left goes above it), where
# a page's optical centre is. At the reader's size a 3-line page left three quarters of the A5 page empty.
TEXT_ONLY_FILL = 0.6
TEXT_ONLY_GROWTH = 1.8
TEXT_ONLY_MAX_PT = 28.0
TEXT_ONLY_RISE = 0.42


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
    """Story text as large as asked, shrunk step by step until it fits the box; `centred` sets the block at the
    page's optical centre (TEXT_ONLY_RISE of the room left above it: a page with no picture)."""
    size = _text_size(text, w, h, size)
    if centred:
        lines = len(fit_text(text, w, h, size, "readable", leading=LEADING).lines)
        y += max(0.0, (h - lines * size * LEADING * 25.4 / 72) * TEXT_ONLY_RISE)
    page.text_box(text, x, y, w, h, size=size, family="readable", color=INK, leading=LEADING)


def _story_box(w: float, h: float) -> tuple[float, float]:
    """(width, height) in mm of a story page's text area on a page `w` x `h` mm (margins and folio left out)."""
    return w - 2 * MARGIN, h - 2 * MARGIN - 16


def text_only_pt(book: Book, w: float = A5[0], h: float = A5[1]) -> float | None:
    """The story text's size in points for a book with no picture on any page (pages `w` x `h` mm): the largest,
    by half points, at which every page's text fills at most TEXT_ONLY_FILL of its text area, never below the
    reader's size (book.text_pt) nor above TEXT_ONLY_GROWTH times it or TEXT_ONLY_MAX_PT. None when a page has a
    picture (the pictures' book keeps the reader's size)."""
    if any(_has_picture(page.picture) for page in book.pages):
        return None
    inner, text_h = _story_box(w, h)
    size = min(TEXT_ONLY_MAX_PT, book.text_pt * TEXT_ONLY_GROWTH)
    while size > book.text_pt and not all(fit_text(page.text, inner, text_h * TEXT_ONLY_FILL, size, "readable",
                                                   leading=LEADING).fits for page in book.pages):
        size -= 0.5
    return max(size, book.text_pt)


def draw_page(page: Page, book: Book, kind: str, item: BookPage | None, number: int, ai_note: bool,
              text_only: float | None = None) -> None:
    """Draw one printed page (cover, story page, blank or last page) inside `page`'s trim; `text_only`: the story
    text's size in a book with no picture (text_only_pt), None in a book with pictures."""
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
        text_h = _story_box(w, h)[1]  # above the folio
        if _has_picture(item.picture):
            picture_h = h * 0.52
            # A long page keeps the reader's type size: the picture gives up room first (down to a fifth of
            # the page), and only then does the text shrink.
            while picture_h > h * 0.2 and not fit_text(item.text, inner, text_h - picture_h, book.text_pt,
                                                       "readable", leading=LEADING).fits:
                picture_h -= 4
            _picture(page, item.picture, MARGIN, MARGIN, inner, picture_h, name=str(number - 1))  # page n
            _text_in_box(page, item.text, MARGIN, MARGIN + picture_h + 6, inner, text_h - picture_h, book.text_pt)
        else:  # the text alone (a book without pictures: larger, for the page), at the page's optical centre
            _text_in_box(page, item.text, MARGIN, MARGIN, inner, text_h, text_only or book.text_pt, centred=True)
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
    text_only = text_only_pt(book, *A5)
    for number, (kind, item) in enumerate(reading_order(book), start=1):
        page = doc.add_page(PageSpec("A5", "portrait", bleed_mm=0))
        draw_page(page, book, kind, item, number, ai_note=True, text_only=text_only)
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
    text_only = text_only_pt(book, half, SHEET[1])
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
                    draw_page(half_page, book, kind, item, number, ai_note=True, text_only=text_only)
    return doc.save(path), doc.warnings
