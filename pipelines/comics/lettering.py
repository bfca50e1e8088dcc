"""Lettering: the comic font, text measured in millimetres, wrapped and auto-sized to fit a box."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..config import ASSETS

FONT_DIR = ASSETS / "fonts" / "comic-neue"
FONT_FILES = {False: FONT_DIR / "ComicNeue-Regular.ttf", True: FONT_DIR / "ComicNeue-Bold.ttf"}
PDF_NAMES = {False: "ComicNeue-Regular", True: "ComicNeue-Bold"}
PT_MM = 25.4 / 72  # one typographic point in millimetres
LINE_SPACING = 1.12  # line height as a multiple of the font size


@functools.cache
def pdf_font(bold: bool = True) -> str:
    """Register the comic font with reportlab (once) and return its name; it is embedded as a subset."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = PDF_NAMES[bold]
    pdfmetrics.registerFont(TTFont(name, str(FONT_FILES[bold])))
    return name


@functools.cache
def pil_font(bold: bool = True, size_px: int = 24):
    """The comic font for drawing on a picture, at a size in pixels."""
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_FILES[bold]), size_px)


def chain(bold: bool = True) -> list:
    """The comic face, then the studio's fallback face for letters it lacks (İ, Cyrillic, U+202F...), then the
    pictographs' face for emoji (fonts.PICTOGRAPHS)."""
    from ..export.fonts import faces

    return [(pdf_font(bold), FONT_FILES[bold]), *faces("sans", bold)]


def runs(text: str, bold: bool = True) -> list:
    """`text` as runs of (font name, file, characters) over the comic face and its fallback."""
    from ..export.fonts import split_runs

    return split_runs(text, chain(bold))


def text_width_mm(text: str, size_pt: float, bold: bool = True) -> float:
    """Width of one line of text in millimetres, from the fonts' own advance widths."""
    from ..export.fonts import runs_width_pt

    return runs_width_pt(runs(text, bold), size_pt) * PT_MM


_AFTER_HYPHEN = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])")


def hyphen_pieces(word: str) -> list[str]:
    """`word` cut after each hyphen between two letters ("super-héros" -> ["super-", "héros"]): where a line
    may end inside it. A non-breaking hyphen (U+2011) is not a place to cut."""
    return _AFTER_HYPHEN.split(word)


def wrap(text: str, size_pt: float, max_width_mm: float, bold: bool = True, cut: bool = True) -> list[str] | None:
    """Lines of `text` no wider than `max_width_mm`, broken at ordinary spaces (never at a
    non-breaking one), or (`cut`) after a hyphen inside a word too wide for a line; None when a word (a piece)
    alone is too wide."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            if not word:
                continue
            whole = not cut or text_width_mm(word, size_pt, bold) <= max_width_mm  # cut at a hyphen only if needed
            for index, piece in enumerate([word] if whole else hyphen_pieces(word)):
                if text_width_mm(piece, size_pt, bold) > max_width_mm:
                    return None
                joint = "" if index else " "
                candidate = f"{current}{joint}{piece}" if current else piece
                if text_width_mm(candidate, size_pt, bold) <= max_width_mm:
                    current = candidate
                else:
                    lines.append(current)
                    current = piece
        lines.append(current)
    return lines


@dataclass(frozen=True)
class Lettering:
    """Text set in lines at one size; its block measured in millimetres."""

    lines: tuple[str, ...]
    size_pt: float
    bold: bool
    width: float
    height: float

    @property
    def line_height(self) -> float:
        return self.size_pt * PT_MM * LINE_SPACING


def set_text(text: str, size_pt: float, max_width_mm: float, bold: bool = True, cut: bool = True) -> Lettering | None:
    """The text wrapped at `max_width_mm` and measured; None if a word does not fit (`cut`: see wrap)."""
    lines = wrap(text, size_pt, max_width_mm, bold, cut)
    if lines is None:
        return None
    width = max(text_width_mm(line, size_pt, bold) for line in lines)
    return Lettering(tuple(lines), size_pt, bold, width, len(lines) * size_pt * PT_MM * LINE_SPACING)


def fit_text(text: str, box_width: float, box_height: float, *, max_pt: float, min_pt: float,
             bold: bool = True, aspect: float | None = None) -> Lettering | None:
    """The largest lettering (from max_pt down to min_pt, half-point steps) that fits the box.

    With `aspect` (width/height wanted), among the wrap widths that fit at a size the one whose
    block is closest to that shape is kept, so bubbles look round rather than long and thin. A word is cut after
    its hyphen ("Attends-" / "moi") only when no wrap at that size keeps every word whole.
    None when the text does not fit even at `min_pt`.
    """
    size = max_pt
    while size >= min_pt - 1e-9:
        widths = [box_width] if aspect is None else [box_width * f / 10 for f in range(3, 11)]
        for cut in (False, True):
            best: Lettering | None = None
            for width in widths:
                lettering = set_text(text, size, width, bold, cut)
                if lettering is None or lettering.width > box_width + 1e-6 or lettering.height > box_height + 1e-6:
                    continue
                if best is None or (aspect is not None and abs(lettering.width / lettering.height - aspect)
                                    < abs(best.width / best.height - aspect)):
                    best = lettering
            if best is not None:
                return best
        size -= 0.5
    return None
