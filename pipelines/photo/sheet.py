"""The A4 photo sheet: before and after side by side (or stacked), a caption and a date."""
from __future__ import annotations

from pathlib import Path

from ..safety.uploads import picture_size
from ..export.pdf import MIN_DPI, PageSpec, PrintDocument, fit_text
from ..export.fonts import faces
from ..i18n import UserError, translate
from ..safety.text import check_words, clean_printable
from ..store import library_name

MARGIN = 15.0  # mm


def printable_words(caption: str, date: str, language: str = "fr") -> tuple[str, str]:
    """(caption, date) cleaned (pipelines.safety.text.clean_printable) for the sheet's font (the sans face), the
    caption with the typography of `language` (pipelines.export.typography.letter_text);
    UserError naming the characters and the field (« Légende de la fiche ») when it cannot draw them."""
    from ..export.typography import letter_text

    chain = faces("sans")
    caption, date = (clean_printable(text, chain=chain, field=translate(f"photo.ui.sheet_{field}", language))
                     for text, field in ((caption, "caption"), (date, "date")))
    return letter_text(caption, language), date  # French spacing, as every printed text


CAPTION_SIZES = (13, 12, 11, 10)  # pt: the caption's type, the largest that fits
A4_MM = (210.0, 297.0)


def _places(ratio: float, page_w: float, page_h: float, scale: float = 1.0):
    """The two pictures' box (w, h in mm; `scale` shortens it) and top-left corners, for a photo of `ratio` (height /
    width): stacked or side by side, whichever prints the photo larger (_printed_area). Landscape photos come out
    stacked and portrait ones side by side; a square one, stacked, is 98 mm a side instead of 86."""
    stacked, beside = _stacked(ratio, page_w, page_h, scale), _beside(ratio, page_w, page_h, scale)
    return max((stacked, beside), key=lambda places: _printed_area(ratio, *places[:2]))


def _stacked(ratio: float, page_w: float, page_h: float, scale: float):
    width = page_w - 2 * MARGIN
    box_h = min((page_h - 2 * MARGIN - 70) / 2, width * ratio) * scale
    return width, box_h, [(MARGIN, MARGIN + 20), (MARGIN, MARGIN + 20 + box_h + 12)]


def _beside(ratio: float, page_w: float, page_h: float, scale: float):
    box_w = (page_w - 2 * MARGIN - 8) / 2
    box_h = min(box_w * ratio, page_h - 2 * MARGIN - 60) * scale
    return box_w, box_h, [(MARGIN, MARGIN + 20), (MARGIN + box_w + 8, MARGIN + 20)]


def _printed_area(ratio: float, box_w: float, box_h: float) -> float:
    """The area in mm² a photo of `ratio` (height / width) covers fitted whole ("contain") in a box_w x box_h box."""
    width = min(box_w, box_h / ratio)
    return width * width * ratio


PICTURE_SCALES = (1.0, 0.9, 0.8, 0.7)  # a long caption first gets a smaller type, then smaller pictures


def sheet_print_mm(width: int, height: int) -> float:
    """The longer side, in mm, at which the A4 photo sheet prints a photo of `width` x `height` pixels (its box,
    _places() without a caption, the photo fitted whole): the largest print the studio offers it."""
    box_w, box_h, _ = _places(height / width, *A4_MM)
    printed_w = min(box_w, box_h * width / height)
    return max(printed_w, printed_w * height / width)


def sharp_print_mm(width: int, height: int) -> float:
    """The longer side, in mm, up to which a photo of `width` x `height` pixels prints sharp: MIN_DPI pixels per
    inch (150, pipelines/export/pdf.py: the print engine warns under it, export.low_dpi; 300 is its nominal dpi)."""
    return max(width, height) / MIN_DPI * 25.4


def print_size_note(width: int, height: int) -> tuple[str, dict] | None:
    """The note the photo page gives a photo too small to print well on the A4 sheet (photo.ui.print_small, with its
    size in pixels and the size it prints well at), or None when it prints sharp there (sharp_print_mm() at least
    sheet_print_mm()). A 40 x 40 photo: « ... plus grande que 6 mm. »; a 600 px one: « ... que 10 cm. »"""
    sharp = sharp_print_mm(width, height)
    if sharp >= sheet_print_mm(width, height):
        return None
    # Rounded down (never promised larger than it is): millimetres under 2 cm, whole centimetres above.
    size = f"{int(sharp)} mm" if sharp < 20 else f"{int(sharp // 10)} cm"
    return "photo.ui.print_small", {"width": width, "height": height, "size": size}


def check_caption(caption: str, after: Path, page_w: float = A4_MM[0], page_h: float = A4_MM[1]):
    """(type size in pt, room in mm, the pictures' box and places) for the caption under the pictures of `after`'s
    shape: the largest type down to 10 pt that fits above the footer, the pictures shortened to 70 % if it must.
    Raises UserError photo.errors.caption_too_long (with about how many letters to remove) when it does not fit
    even then: never cut silently."""
    width_px, height_px = picture_size(after)
    width = page_w - 2 * MARGIN
    for scale in PICTURE_SCALES:
        box_w, box_h, places = _places(height_px / width_px, page_w, page_h, scale)
        room = page_h - MARGIN - 8 - (max(y for _, y in places) + box_h + 16)
        fits = [size for size in CAPTION_SIZES if fit_text(caption, width, room, size).fits] if caption else [13]
        if fits:
            return fits[0], room, (box_w, box_h, places)
    cut = fit_text(caption, width, room, CAPTION_SIZES[-1]).overflow_chars
    raise UserError("photo.errors.caption_too_long", cut=cut)


def photo_sheet(before: Path, after: Path, out: Path, *, caption: str = "", date: str = "", language: str = "fr",
                ai_made: bool = False) -> Path:
    """Write the sheet PDF: title, the two pictures with their labels, caption, date, library name.

    Raises UserError (text.emoji, text.no_glyph...: pipelines.safety.text) when the caption or the date
    holds characters the sheet's font cannot draw (an emoji would print as an empty box), and
    photo.errors.caption_too_long when the caption does not fit at 10 pt, then text.words_blocked (the words
    guard's kind sentence naming the caption, safety.text.check_words) for words a children's workshop refuses,
    before printing.
    """
    caption, date = printable_words(caption, date, language)
    # The title is the sheet's own name: a patron's file name or caption never goes into the PDF metadata.
    doc = PrintDocument(title=translate("photo.sheet.title", language), subject=translate(
        "photo.sheet.subject", language), ai_generated=ai_made, language=language)
    page = doc.add_page(PageSpec("A4", "portrait", bleed_mm=0, crop_marks=False))
    page.text(translate("photo.sheet.title", language), page.width / 2, MARGIN + 8, size=20, bold=True,
              align="center")
    size, room, (box_w, box_h, places) = check_caption(caption, after, page.width, page.height)
    check_words(caption, field=translate("photo.ui.sheet_caption", language))  # printed: the words guard too
    for (x, y), picture, label in zip(places, (before, after), ("before", "after")):
        page.image(str(picture), x, y, box_w, box_h, fit="contain", bleed=False, name=label)
        page.text(translate(f"photo.sheet.{label}", language), x + box_w / 2, y + box_h + 6, size=11, bold=True,
                  align="center")  # under the picture, which sits in the middle of its box
    if caption:
        page.text_box(caption, MARGIN, page.height - MARGIN - 8 - room, page.width - 2 * MARGIN, room, size=size)
    footer = " · ".join(p for p in (date, library_name(language=language)) if p)
    page.text(footer, MARGIN, page.height - MARGIN, size=10, color=(0.3, 0.3, 0.3))
    if ai_made:
        page.ai_note()
    return doc.save(out)
