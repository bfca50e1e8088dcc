"""The museum label (cartel) and the framed print: the portrait in a drawn frame with its label,
on A5 or A4 (portrait orientation, no bleed, no crop marks: it prints at 100 % on an office printer).

A cartel, as museums write it: the title (here the sitter's first name), "after <painter>, <period>"
(or "in the spirit of <movement>" for a painter still under copyright), two sentences about the
movement, the date, the library, and how the picture was made (the AI model named, or the CPU painter).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..export.imposition import Card, grid_layout, impose
from ..export.pdf import PageSpec, PrintDocument, page_size_mm
from ..i18n import translate
from .styles import get_style

SIZES = ("A5", "A4")


@dataclass(frozen=True)
class Cartel:
    """The label's lines, already in the reader's language."""

    title: str
    after: str
    story: str
    when: str
    library: str
    made_with: str
    ai_made: bool
    language: str


def long_date(day: date, language: str = "fr") -> str:
    """'29 novembre 2026' (French form, '1er' for the first) or '29 November 2026'."""
    months = translate("portrait.months", language)
    first = translate("portrait.first_day", language) if day.day == 1 else str(day.day)
    return f"{first} {months[day.month - 1]} {day.year}"


def made_with_text(ai_made: bool, model: str, language: str = "fr") -> str:
    if ai_made:
        return translate("portrait.made_with_ai", language, model=model or "?")
    return translate("portrait.made_with_cpu", language)


def printable_sitter(sitter: str) -> str:
    """The sitter's name as the label prints it (spaces tidied, at most 40 letters), without the signs the
    print's fonts lack (« Léo 🦖 » -> « Léo »: safety.text.printable_name), or "" when its letters cannot be
    printed (a script that needs shaping such as Arabic would come out as loose letters) or none are left;
    the label is then « Portrait » (portrait.untitled), on the screen as on the paper."""
    from ..safety.text import printable_name
    from ..story.spec import short_name

    return printable_name(short_name(" ".join(str(sitter or "").split())))[0]


def sitter_note(sitter: str, language: str, unprintable_key: str = "portrait.names.not_printed") -> str:
    """What the label leaves out of the sitter's name, in `language`, "" when it prints as typed: the signs no print
    face draws (« Léo 🄍 » prints « Léo », portrait.names.left_out), or `unprintable_key` when none of the name can
    be printed and the label says « Portrait » (the page words it for the child, the command line for its user).
    An emoji a face draws (« Léo 🦖 ») is printed, and nothing is said."""
    from ..safety.text import printable_name

    printed, left_out = printable_sitter(sitter), printable_name(sitter)[1]
    if sitter.strip() and not printed:
        return translate(unprintable_key, language, name=sitter, chars=" ".join(left_out))
    if left_out:
        return translate("portrait.names.left_out", language, name=printed, chars=" ".join(left_out),
                         n=len(left_out))
    return ""


def cartel(style_id: str, sitter: str, *, language: str = "fr", made_on: date | None = None, library: str = "",
           ai_made: bool = False, model: str = "") -> Cartel:
    """The cartel of a portrait of `sitter` in the style `style_id`; `library` "" = the name typed in the console."""
    from ..store import library_name

    style = get_style(style_id)
    day = made_on or date.today()
    title = printable_sitter(sitter) or translate("portrait.untitled", language)
    return Cartel(title=title, after=style.after(language, day), story=style.story(language),
                  when=long_date(day, language), library=library or library_name(language=language),
                  made_with=made_with_text(ai_made, model, language), ai_made=ai_made, language=language)


# -- the print --------------------------------------------------------------------------------
GOLD = ((0.45, 0.32, 0.12), (0.78, 0.6, 0.25), (0.93, 0.8, 0.45), (0.7, 0.52, 0.2), (0.4, 0.28, 0.1))


def draw_frame(page, x: float, y: float, w: float, h: float, width: float) -> None:
    """A gilded moulding around (x, y, w, h) mm, `width` mm wide: bands from dark to light to dark,
    with mitred corners drawn by the band rectangles' overlap, and a thin dark sight edge."""
    steps = len(GOLD)
    band = width / steps
    for i, colour in enumerate(GOLD):
        inset = i * band
        page.rect(x - width + inset, y - width + inset, w + 2 * (width - inset), h + 2 * (width - inset),
                  stroke=None, fill=colour)
    page.rect(x - 0.6, y - 0.6, w + 1.2, h + 1.2, stroke=None, fill=(0.2, 0.14, 0.06))


def print_portrait(portrait: Path | str, label: Cartel, out: Path | str, size: str = "A4") -> Path:
    """Write the framed portrait and its cartel at `size` (A5 or A4) on A4 paper; returns the PDF path.

    A4: one page. A5: two copies side by side on one A4 landscape sheet with a thin cut line between them
    (export.imposition), so that an office printer at its default settings prints them at their nominal size
    (a bare A5 page is enlarged to A4 by "fit to page"). ValueError for another size.
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {SIZES} but is {size!r}.")

    language = label.language
    doc = PrintDocument(title=f"{label.title} — {label.after}", subject=translate("portrait.pdf_subject", language),
                        keywords=["portrait", size, label.made_with],  # how it was made, in the metadata too
                        ai_generated=label.ai_made, language=language)
    if size == "A4":
        _draw_framed(doc.add_page(PageSpec(size, "portrait", bleed_mm=0, crop_marks=False)), portrait, label)
    else:
        card = Card(lambda page: _draw_framed(page, portrait, label))
        impose(doc, [card, card], grid_layout(page_size_mm(size, "portrait"), cols=2, rows=1), cut_guides=True)
    return doc.save(out)


def _draw_framed(page, portrait: Path | str, label: Cartel) -> None:
    """The portrait in its frame and mat, its cartel below, on `page` (any size: drawn to its width)."""
    k = page.width / 210.0  # A4 = 1, A5 ~ 0.7: everything scales with the paper
    margin = 18 * k
    frame_w = 11 * k
    mat = 8 * k
    label_h = 62 * k
    from ..safety.uploads import picture_size

    width_px, height_px = picture_size(portrait)  # as shown: EXIF orientation applied
    ratio = height_px / width_px
    box_w = page.width - 2 * (margin + frame_w + mat)
    box_h = min(box_w * ratio, page.height - 2 * margin - 2 * (frame_w + mat) - label_h - 8 * k)
    box_w = box_h / ratio
    x = (page.width - box_w) / 2
    y = margin + frame_w + mat
    draw_frame(page, x - mat, y - mat, box_w + 2 * mat, box_h + 2 * mat, frame_w)
    page.rect(x - mat, y - mat, box_w + 2 * mat, box_h + 2 * mat, stroke=None, fill=(0.97, 0.95, 0.9))  # the mat
    page.rect(x - 0.3, y - 0.3, box_w + 0.6, box_h + 0.6, stroke=(0.55, 0.5, 0.42), line_mm=0.3)  # bevel
    page.image(str(portrait), x, y, box_w, box_h, fit="contain", bleed=False, name="portrait")
    _draw_cartel(page, label, y + box_h + mat + frame_w + 8 * k, k)
    if label.ai_made:
        page.ai_note()


def _draw_cartel(page, label: Cartel, top: float, k: float) -> None:
    """The label: a white card with a thin border, text left-aligned as in museums."""
    w = 120 * k
    x = (page.width - w) / 2
    pad = 5 * k
    h = page.height - top - 12 * k
    page.rect(x, top, w, h, stroke=(0.6, 0.6, 0.6), fill=(1, 1, 1), line_mm=0.25)
    inner = w - 2 * pad
    y = top + pad + 5 * k
    page.text(label.title, x + pad, y, size=15 * k, bold=True, color=(0.1, 0.1, 0.1))
    y += 6 * k
    fit = page.text_box(label.after, x + pad, y, inner, 10 * k, size=9 * k, color=(0.2, 0.2, 0.2))
    y += (len(fit.lines) * 9 * 1.25 / 2.835 + 2) * k
    fit = page.text_box(label.story, x + pad, y, inner, 24 * k, size=8 * k, color=(0.25, 0.25, 0.25))
    y += (len(fit.lines) * 8 * 1.25 / 2.835 + 3) * k
    page.text(f"{label.when} · {label.library}", x + pad, min(y + 3 * k, top + h - 8 * k), size=7 * k,
              color=(0.35, 0.35, 0.35))
    page.text(label.made_with, x + pad, top + h - pad, size=7 * k, bold=True, color=(0.3, 0.3, 0.3))


def postcard_message(label: Cartel) -> str:
    """The postcard's back: the cartel's words, shortened to fit the ruled lines."""
    from ..export.postcard import Postcard, message_fit

    full = f"{label.title} — {label.after}.\n{label.story}\n{label.made_with}."
    if message_fit(Postcard(front="", orientation="portrait", message=full)).fits:
        return full
    return f"{label.title} — {label.after}.\n{label.made_with}."
