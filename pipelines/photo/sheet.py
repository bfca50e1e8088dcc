"""The A4 photo sheet: before and after side by side (or stacked), a caption and a date."""
from __future__ import annotations

from pathlib import Path

from ..safety.uploads import picture_size
from ..export.pdf import PageSpec, PrintDocument
from ..export.fonts import faces
from ..i18n import translate
from ..safety.text import clean_printable
from ..store import library_name

MARGIN = 15.0  # mm


def printable_words(caption: str, date: str, language: str = "fr") -> tuple[str, str]:
    """(caption, date) cleaned (pipelines.safety.text.clean_printable) for the sheet's font (the sans face);
    UserError naming the characters and the field (« Légende de la fiche ») when it cannot draw them."""
    chain = faces("sans")
    return tuple(clean_printable(text, chain=chain, field=translate(f"photo.ui.sheet_{field}", language))
                 for text, field in ((caption, "caption"), (date, "date")))


def photo_sheet(before: Path, after: Path, out: Path, *, caption: str = "", date: str = "", language: str = "fr",
                ai_made: bool = False) -> Path:
    """Write the sheet PDF: title, the two pictures with their labels, caption, date, library name.

    Raises UserError (text.emoji, text.no_glyph...: pipelines.safety.text) when the caption or the date
    holds characters the sheet's font cannot draw (an emoji would print as an empty box), before printing.
    """
    caption, date = printable_words(caption, date, language)
    # The title is the sheet's own name: a patron's file name or caption never goes into the PDF metadata.
    doc = PrintDocument(title=translate("photo.sheet.title", language), subject=translate(
        "photo.sheet.subject", language), ai_generated=ai_made, language=language)
    page = doc.add_page(PageSpec("A4", "portrait", bleed_mm=0, crop_marks=False))
    width = page.width - 2 * MARGIN
    page.text(translate("photo.sheet.title", language), page.width / 2, MARGIN + 8, size=20, bold=True,
              align="center")
    width_px, height_px = picture_size(after)
    ratio = height_px / width_px
    # Landscape photos are stacked, portrait ones sit side by side.
    if ratio < 1:
        box_w, box_h = width, min((page.height - 2 * MARGIN - 70) / 2, width * ratio)
        places = [(MARGIN, MARGIN + 20), (MARGIN, MARGIN + 20 + box_h + 12)]
    else:
        box_w = (width - 8) / 2
        box_h = min(box_w * ratio, page.height - 2 * MARGIN - 60)
        places = [(MARGIN, MARGIN + 20), (MARGIN + box_w + 8, MARGIN + 20)]
    for (x, y), picture, label in zip(places, (before, after), ("before", "after")):
        page.image(str(picture), x, y, box_w, box_h, fit="contain", bleed=False, name=label)
        page.text(translate(f"photo.sheet.{label}", language), x, y + box_h + 6, size=11, bold=True)
    bottom = max(y for _, y in places) + box_h + 16
    if caption:
        page.text_box(caption, MARGIN, bottom, width, 20, size=13)
    footer = " · ".join(p for p in (date, library_name()) if p)
    page.text(footer, MARGIN, page.height - MARGIN, size=10, color=(0.3, 0.3, 0.3))
    if ai_made:
        page.ai_note()
    return doc.save(out)
