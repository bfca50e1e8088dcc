"""A6 postcards: a picture front (crop frame, border, title) and a back to write on, printed alone or 4-up."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw

from ..i18n import UserError, long_date, translate
from .imposition import Card, grid_layout, impose
from .pdf import MM, Page, PageSpec, PrintDocument, fit_text, page_size_mm

BORDERS = ("none", "white", "polaroid", "frame")
ORIENTATIONS = ("landscape", "portrait")
MESSAGE_SIZE = 10.0  # pt, the size of the printed message
LINE_GAP_MM = 7.0  # ruled lines on the back, as on a bought postcard
MAX_TITLE = 60


@dataclass(frozen=True)
class Postcard:
    """Everything one postcard needs (plain values: it travels as job parameters)."""

    front: str  # picture file
    orientation: str = "landscape"
    crop: tuple[float, float, float, float] | None = None  # what shows, as fractions of the picture
    border: str = "none"
    title: str = ""
    message: str = ""
    ai_made: bool = False
    library_name: str = ""
    logo: str = ""  # picture file of the library's logo, "" for none
    made_on: str = field(default_factory=lambda: date.today().isoformat())
    language: str = "fr"
    name: str = ""  # the picture as its owner calls it (their file name), for warnings; "" = the file's name
    model: str = ""  # the AI model that made the picture (named in the credit when `ai_made`), "" if unknown

    def __post_init__(self):
        if self.orientation not in ORIENTATIONS:
            raise ValueError(f"orientation must be one of {ORIENTATIONS} but is {self.orientation!r}.")
        if self.border not in BORDERS:
            raise ValueError(f"border must be one of {BORDERS} but is {self.border!r}.")
        if self.crop is not None:
            object.__setattr__(self, "crop", tuple(float(v) for v in self.crop))
        from ..safety.text import clean_text

        object.__setattr__(self, "title", clean_text(self.title))  # NFC, no control or bidi characters
        object.__setattr__(self, "message", clean_text(self.message, multiline=True))

    @property
    def size_mm(self) -> tuple[float, float]:
        return page_size_mm("A6", self.orientation)

    @classmethod
    def from_params(cls, params: dict) -> "Postcard":
        known = {k: v for k, v in params.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def to_params(self) -> dict:
        """Plain JSON fields (the inverse of from_params), as the postcards.make job receives them."""
        params = asdict(self)
        params["crop"] = list(self.crop) if self.crop is not None else None
        return params


def print_params(cards: list[Postcard], copies: int = 4, printer: str = "office", duplex: bool = True) -> dict:
    """The postcards.make job's parameters, 4 cards per sheet, for a printer of `print_options`
    ("office": A4 at nominal size, no bleed; "shop": 3 mm bleed and crop marks). copies: 1..8 of each card."""
    return {"cards": [card.to_params() for card in cards], "copies": int(copies), "sheet": "4up",
            "duplex": bool(duplex), **print_options(printer)}


# -- the front -------------------------------------------------------------------------------
def picture_box(card: Postcard) -> tuple[float, float, float, float]:
    """Where the picture sits on the front (x, y, w, h in mm) for the card's border style."""
    w, h = card.size_mm
    if card.border == "white":
        return 6.0, 6.0, w - 12.0, h - 12.0
    if card.border == "polaroid":
        return 6.0, 6.0, w - 12.0, h - 24.0
    return 0.0, 0.0, w, h


def best_front_dpi(picture_size: tuple[int, int]) -> float:
    """The sharpest a picture of `picture_size` (width, height in px) can print on an A6 card front (148 x 105 mm,
    picture to the edges, uncropped, in the orientation that suits it), in pixels per inch. A border or a zoom
    only lowers it. Under pdf.MIN_DPI (150) the card comes out blurred whatever the child chooses."""
    long_px, short_px = max(picture_size), min(picture_size)
    long_mm, short_mm = page_size_mm("A6", "landscape")
    return min(long_px / long_mm, short_px / short_mm) * 25.4


def picture_ratio(card: Postcard) -> float:
    """Width / height of the crop frame the picture must fill."""
    _, _, w, h = picture_box(card)
    return w / h


def crop_frame(picture_size: tuple[int, int], ratio: float, zoom: float = 1.0, centre_x: float = 0.5,
               centre_y: float = 0.5) -> tuple[float, float, float, float]:
    """The crop (fractions) of ratio w/h: the largest one at zoom 1, smaller when zooming in, kept inside."""
    if zoom < 1:
        raise ValueError(f"zoom must be 1 or more but is {zoom}.")
    pw, ph = picture_size
    if pw / ph > ratio:
        cw, ch = ph * ratio / zoom, ph / zoom
    else:
        cw, ch = pw / zoom, pw / ratio / zoom
    x0 = min(max(centre_x * pw - cw / 2, 0), pw - cw)
    y0 = min(max(centre_y * ph - ch / 2, 0), ph - ch)
    return x0 / pw, y0 / ph, (x0 + cw) / pw, (y0 + ch) / ph


def draw_crop_frame(picture: Image.Image, crop: tuple[float, float, float, float]) -> Image.Image:
    """The picture with the part that will not be printed dimmed and the crop frame drawn (for the page)."""
    shown = picture.convert("RGB").copy()
    w, h = shown.size
    box = (int(crop[0] * w), int(crop[1] * h), int(crop[2] * w), int(crop[3] * h))
    veil = Image.new("RGB", shown.size, (0, 0, 0))
    mask = Image.new("L", shown.size, 140)
    ImageDraw.Draw(mask).rectangle(box, fill=0)
    shown.paste(veil, (0, 0), mask)
    ImageDraw.Draw(shown).rectangle(box, outline=(255, 210, 0), width=max(2, w // 150))
    return shown


def draw_front(card: Postcard, page: Page) -> None:
    """The picture side: picture (extended into the bleed when it reaches the edge), border, title."""
    w, h = card.size_mm
    x, y, bw, bh = picture_box(card)
    if card.border != "none":
        page.rect(-6, -6, w + 12, h + 12, stroke=None, fill=(1, 1, 1))  # white border, bleed included
    page.image(card.front, x, y, bw, bh, crop=card.crop, name=card.name or Path(card.front).name)
    if card.border == "frame":
        page.rect(5, 5, w - 10, h - 10, stroke=(1, 1, 1), line_mm=1.2)
    title = card.title.strip()[:MAX_TITLE]
    if title and card.border == "polaroid":
        page.text(title, w / 2, h - 8, size=_title_size(title, w - 12, 16), bold=True, color=(0.15, 0.15, 0.2),
                  align="center")
    elif title:
        _title_band(page, title, x, y + bh, bw)
    if card.ai_made:
        page.ai_note(language=card.language, size=5)


def _title_size(title: str, width_mm: float, largest: float) -> float:
    from .fonts import text_width_mm

    size = largest
    while size > 8 and text_width_mm(title, size, bold=True) > width_mm:
        size -= 0.5
    return size


def _title_band(page: Page, title: str, x: float, bottom: float, width: float) -> None:
    """The title on a soft dark band near the bottom of the picture, readable over any picture."""
    canvas = page.canvas
    size = _title_size(title, width - 16, 18)
    canvas.saveState()
    canvas.setFillAlpha(0.45)
    x0, y0 = page.to_pt(x, bottom - 6)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.rect(x0, y0, width * MM, 12 * MM, stroke=0, fill=1)
    canvas.restoreState()
    page.text(title, x + width / 2, bottom - 9.5, size=size, bold=True, color=(1, 1, 1), align="center")


# -- the back --------------------------------------------------------------------------------
@dataclass(frozen=True)
class BackLayout:
    """Areas of the back (mm): message, address lines, stamp box, credit line."""

    message: tuple[float, float, float, float]
    address: tuple[float, float, float, float]
    stamp: tuple[float, float, float, float]
    logo: tuple[float, float, float, float]
    credit_y: float
    divider: tuple[float, float, float, float] | None


def back_layout(orientation: str) -> BackLayout:
    """The back's areas: side by side on a landscape card, stacked on a portrait one."""
    w, h = page_size_mm("A6", orientation)
    if orientation == "landscape":
        half = w / 2
        return BackLayout(message=(7, 16, half - 12, h - 30), address=(half + 5, 44, half - 12, 45),
                          stamp=(w - 29, 7, 22, 26), logo=(7, 5, 30, 9), credit_y=h - 5,
                          divider=(half, 12, half, h - 12))
    return BackLayout(message=(7, 16, w - 14, 58), address=(7, 100, w - 40, 36), stamp=(w - 29, 86, 22, 26),
                      logo=(7, 5, 30, 9), credit_y=h - 5, divider=(7, 80, w - 7, 80))


def message_fit(card: Postcard):
    """How the message fits on the ruled lines (TextFit: lines kept, characters over)."""
    x, y, w, h = back_layout(card.orientation).message
    leading = LINE_GAP_MM * MM / MESSAGE_SIZE
    from .typography import letter_text  # French spacing: no line of the card starts with « ! » or « : »

    return fit_text(letter_text(card.message, card.language), w, h, MESSAGE_SIZE, leading=leading)


def check_message(card: Postcard, names=None) -> None:
    """Refuse a title or message the fonts cannot draw (emoji, scripts that need shaping), words a
    children's workshop refuses (`check_words`, with the roster's first `names`), or a message that
    does not fit on the back, saying how many characters to cut."""
    from ..safety.text import check_printable, check_words
    from .fonts import faces

    check_printable(card.title, faces("sans", bold=True), field="title")
    check_printable(card.message, faces("sans"), field="message")
    check_words(card.title, field="title", names=names)
    check_words(card.message, field="message", names=names)
    fit = message_fit(card)
    if not fit.fits:
        raise UserError("postcards.message_too_long", cut=fit.overflow_chars)


def credit_text(card: Postcard) -> str:
    """The small line at the bottom of the back: where, with what, when."""
    day = date.fromisoformat(card.made_on)
    when = long_date(day, card.language)
    library = card.library_name or translate("postcards.credit_default_library", card.language)
    if card.ai_made:
        key = "postcards.credit_ai_model" if card.model else "postcards.credit_ai"
    else:
        key = "postcards.credit_no_ai"
    return translate(key, card.language, library=library, date=when, model=card.model)


def draw_back(card: Postcard, page: Page) -> None:
    """The writing side: message on ruled lines, address lines, stamp box, credit and logo."""
    layout = back_layout(card.orientation)
    grey = (0.55, 0.55, 0.6)
    mx, my, mw, mh = layout.message
    lines = int(mh // LINE_GAP_MM)
    for i in range(1, lines + 1):
        page.line(mx, my + i * LINE_GAP_MM - 1.2, mx + mw, my + i * LINE_GAP_MM - 1.2, color=grey, line_mm=0.15)
    fit = message_fit(card)
    for i, line in enumerate(fit.lines[:lines]):
        page.text(line, mx + 0.5, my + (i + 1) * LINE_GAP_MM - 2.2, size=MESSAGE_SIZE, color=(0.1, 0.1, 0.3))
    ax, ay, aw, ah = layout.address
    for i in range(4):
        line_y = ay + (i + 1) * ah / 4
        page.line(ax, line_y, ax + aw, line_y, color=grey, line_mm=0.2)
    sx, sy, sw, sh = layout.stamp
    page.rect(sx, sy, sw, sh, stroke=grey, line_mm=0.25, dash=(1.0, 0.8))
    page.text(translate("postcards.stamp", card.language), sx + sw / 2, sy + sh / 2 + 1, size=6, color=grey,
              align="center")
    if layout.divider:
        page.line(*layout.divider, color=grey, line_mm=0.2)
    if card.logo and Path(card.logo).exists():
        lx, ly, lw, lh = layout.logo
        page.image(card.logo, lx, ly, lw, lh, fit="contain", bleed=False, name=Path(card.logo).name)
    page.text(credit_text(card), 7, layout.credit_y, size=5.5, color=(0.4, 0.4, 0.45))


# -- documents -------------------------------------------------------------------------------
PRINTERS = ("office", "shop")


def print_options(printer: str = "office", bleed_mm: float | None = None, crop_marks: bool | None = None) -> dict:
    """Bleed and crop marks for a printer: "office" (A4 at 100 %, no bleed, thin cut lines) or "shop"
    (3 mm bleed, crop marks outside the trim, SRA4 sheets); explicit values win."""
    if printer not in PRINTERS:
        raise ValueError(f"printer must be one of {PRINTERS} but is {printer!r}.")
    shop = printer == "shop"
    return {"bleed_mm": (3.0 if shop else 0.0) if bleed_mm is None else float(bleed_mm),
            "crop_marks": shop if crop_marks is None else bool(crop_marks)}


def postcard_document(cards: list[Postcard], *, sheet: str = "4up", duplex: bool = True, bleed_mm: float = 0.0,
                      crop_marks: bool = False, flip: str = "long", title: str = "",
                      author: str = "", cut_guides: bool = True, fill: bool = True) -> PrintDocument:
    """A PDF of postcards: single A6 pages (front, back, front, back...) or 4-up sheets (fronts, then backs).

    With `fill` (the default) the empty cells of the last 4-up sheet take the cards of that sheet again
    (`fill_sheet`): two pictures print twice each, never next to blank cells.

    The default (no bleed, no marks) is an A4 sheet for an office printer at 100 %, with thin cut lines
    on the inner cuts (`cut_guides`); with bleed or crop marks the sheet is SRA4 for a print shop
    (see `print_options`).
    """
    if not cards:
        raise UserError("postcards.no_card")
    if sheet not in ("4up", "single"):
        raise ValueError(f"sheet must be '4up' or 'single' but is {sheet!r}.")
    for card in cards:
        check_message(card)
    language = cards[0].language
    doc = PrintDocument(title or translate("postcards.pdf_title", language), author=author,
                        subject=translate("postcards.pdf_subject", language),
                        keywords=["postcard", "A6", *dict.fromkeys(credit_text(c) for c in cards)],  # how each was made
                        ai_generated=any(c.ai_made for c in cards), language=language)
    if sheet == "single":
        for card in cards:
            spec = PageSpec("A6", card.orientation, bleed_mm=bleed_mm, crop_marks=crop_marks)
            draw_front(card, doc.add_page(spec))
            if duplex:
                draw_back(card, doc.add_page(spec))
        return doc
    orientations = {c.orientation for c in cards}
    if len(orientations) > 1:
        raise UserError("postcards.mixed_orientations")
    layout = grid_layout(cards[0].size_mm, 2, 2, bleed_mm=bleed_mm, crop_marks=crop_marks)
    if fill:
        cards = fill_sheet(cards, layout.per_sheet)
    impose(doc, [Card(lambda p, c=c: draw_front(c, p), lambda p, c=c: draw_back(c, p)) for c in cards],
           layout, duplex=duplex, flip=flip, cut_guides=cut_guides)
    return doc


def fill_sheet(cards: list[Postcard], per_sheet: int = 4) -> list[Postcard]:
    """`cards` with the last sheet's empty cells filled by that sheet's cards again, in order:
    [A, B] -> [A, B, A, B]; [A, B, C] -> [A, B, C, A]; 5 cards -> 4 + the fifth 4 times; 4 -> unchanged."""
    if per_sheet < 1:
        raise ValueError(f"per_sheet must be at least 1 but is {per_sheet}.")
    alone = len(cards) % per_sheet
    if not alone:
        return list(cards)
    last = cards[-alone:]
    return list(cards) + [last[i % alone] for i in range(per_sheet - alone)]


def make_postcards(cards: list[Postcard], out: Path | str, **options) -> PrintDocument:
    """Write the postcards PDF to `out`; returns the document (its `warnings` tell about blurry pictures)."""
    doc = postcard_document(cards, **options)
    doc.save(out)
    return doc


def with_copies(card: Postcard, copies: int) -> list[Postcard]:
    """The same card several times (a full 4-up sheet of one design)."""
    return [replace(card) for _ in range(max(1, copies))]
