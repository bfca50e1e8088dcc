"""The one print engine of the studio: trimmed pages with bleed and crop marks, pictures at 300 dpi, embedded fonts.

Every workshop prints through here (comics, storybook, photos, blind test, postcards).

Units and coordinates: millimetres, origin at the TOP-LEFT corner of the trim (the finished,
cut page), x to the right, y DOWN. Negative coordinates or coordinates past the trim reach
into the bleed. Text `y` is the baseline.

    from pipelines.export.pdf import PrintDocument, PageSpec

    doc = PrintDocument(title="Ma BD", author="Léa", ai_generated=True, language="fr")
    page = doc.add_page(PageSpec("A4", "portrait", bleed_mm=3, crop_marks=True))
    page.image("panel.png", 0, 0, page.width, 100)   # touches the top/left/right edges:
                                                     # extended into the bleed there
    page.text("Il était une fois", 10, 120, size=14, bold=True)
    fit = page.text_box(long_text, 10, 130, 190, 40, size=11)   # fit.overflow_chars > 0: too long
    page.ai_note()                                   # small visible "made with AI" mention
    doc.save("out.pdf")
    doc.warnings   # [PrintWarning("export.low_dpi", {"name": ..., "dpi": 96, "min": 150}), ...]

Each page carries MediaBox (the paper), BleedBox (trim + bleed) and TrimBox (the cut), so a
print shop (or a test with pypdf) reads the finished size directly. Pictures are resampled to
300 dpi at their printed size (never more); under 150 dpi a warning is collected.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from reportlab import rl_config

from ..i18n import translate
from ..store.files import atomic_path
from . import fonts

# Without reportlab's C accelerator, ASCII85-encoding each picture in pure Python takes seconds;
# binary streams are valid PDF and 20 % smaller. Every PDF of the studio goes through this module.
rl_config.useA85 = 0

MM = 72.0 / 25.4  # points per millimetre
PRINT_DPI = 300
MIN_DPI = 150
DEFAULT_BLEED_MM = 3.0
MARK_LENGTH_MM = 5.0
MARK_GAP_MM = 1.0  # crop marks start this far beyond the bleed, so a cut never shows them
MARK_LINE_MM = 0.25

# Portrait width x height of the finished page. SRA4 is the print-shop sheet for A4 with bleed.
PAGE_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "A6": (105.0, 148.0),
    "Letter": (215.9, 279.4),
    "SRA4": (225.0, 320.0),
}
ORIENTATIONS = ("portrait", "landscape")


def page_size_mm(size: str, orientation: str = "portrait") -> tuple[float, float]:
    """Width and height (mm) of a named size in an orientation."""
    if size not in PAGE_SIZES_MM:
        raise ValueError(f"Unknown page size {size!r}; valid sizes are {list(PAGE_SIZES_MM)}.")
    if orientation not in ORIENTATIONS:
        raise ValueError(f"orientation must be one of {ORIENTATIONS} but is {orientation!r}.")
    w, h = PAGE_SIZES_MM[size]
    return (h, w) if orientation == "landscape" else (w, h)


@dataclass(frozen=True)
class PageSpec:
    """A finished page: its size, orientation, bleed and whether crop marks are drawn around it."""

    size: str = "A4"
    orientation: str = "portrait"
    bleed_mm: float = DEFAULT_BLEED_MM
    crop_marks: bool = False

    def __post_init__(self):
        page_size_mm(self.size, self.orientation)  # validates both
        if not 0 <= self.bleed_mm <= 20:
            raise ValueError(f"bleed_mm must be between 0 and 20 mm but is {self.bleed_mm}.")

    @property
    def trim_mm(self) -> tuple[float, float]:
        return page_size_mm(self.size, self.orientation)

    @property
    def margin_mm(self) -> float:
        """Paper around the trim on each side: the bleed, plus room for the crop marks."""
        if self.crop_marks:
            return self.bleed_mm + MARK_GAP_MM + MARK_LENGTH_MM + 1.0
        return self.bleed_mm

    @property
    def media_mm(self) -> tuple[float, float]:
        w, h = self.trim_mm
        return w + 2 * self.margin_mm, h + 2 * self.margin_mm


@dataclass(frozen=True)
class PrintWarning:
    """Something the user should know about a print (a locale key + its parameters)."""

    key: str
    params: dict = field(default_factory=dict)

    def text(self, language: str = "fr") -> str:
        return translate(self.key, language, **self.params)


@dataclass(frozen=True)
class PlacedImage:
    """Where a picture landed (mm, trim coordinates, bleed included) and at what resolution."""

    x: float
    y: float
    w: float
    h: float
    dpi: float
    pixels: tuple[int, int]


@dataclass(frozen=True)
class TextFit:
    """The lines of a text box that fit, and how many characters did not."""

    lines: list[str]
    overflow_chars: int
    overflow_lines: int

    @property
    def fits(self) -> bool:
        return self.overflow_chars == 0


# Breakable spaces only: U+00A0 and U+202F (French no-break spaces before ! ? ; : » and after «) bind.
_BREAKABLE = re.compile(r"[ \t\u2000-\u200a\u205f\u3000]+")


def wrap_text(text: str, width_mm: float, size: float, family: str = "sans", bold: bool = False) -> list[str]:
    """Break text into lines no wider than width_mm (explicit newlines kept; long words split).

    Lines break at ordinary spaces only, never at a no-break space (U+00A0, U+202F), so a French
    "!" or "»" stays with its word (Unicode UAX #14 classes GL).
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = [word for word in _BREAKABLE.split(paragraph) if word]
        if not words:
            lines.append("")
            continue
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if fonts.text_width_mm(candidate, size, family, bold) <= width_mm:
                current = candidate
                continue
            if current:
                lines.append(current)
            while fonts.text_width_mm(word, size, family, bold) > width_mm and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and fonts.text_width_mm(word[:cut], size, family, bold) > width_mm:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


def fit_text(text: str, width_mm: float, height_mm: float, size: float, family: str = "sans",
             bold: bool = False, leading: float = 1.25) -> TextFit:
    """Which lines of `text` fit in a box; counts the characters left over (to say how much to cut)."""
    lines = wrap_text(text, width_mm, size, family, bold)
    line_mm = size * leading / MM
    capacity = max(0, int((height_mm + 1e-6) // line_mm))
    kept, rest = lines[:capacity], lines[capacity:]
    overflow = sum(len(line) for line in rest) + max(0, len([r for r in rest if r]) - 1)
    return TextFit(lines=kept, overflow_chars=overflow if any(rest) else 0,
                   overflow_lines=len(rest) if any(rest) else 0)


def _load_picture(picture) -> Image.Image:
    """A picture to print through the one loader: oriented, 8-bit sRGB, alpha kept (a soft mask in the PDF),
    and no metadata (a JPEG comment or EXIF block of the source never reaches the PDF)."""
    from ..safety.uploads import open_picture

    if not isinstance(picture, Image.Image) and not Path(picture).is_file():
        raise FileNotFoundError(f"Picture {picture} does not exist.")
    return open_picture(picture, keep_alpha=True)


class Page:
    """A trimmed area of a sheet to draw on, in mm from the trim's top-left corner (y down).

    An imposed sheet (N-up) gives one Page per card, all drawing on the same paper.
    """

    def __init__(self, doc: "PrintDocument", media_h: float, trim_x: float, trim_y: float, width: float,
                 height: float, bleed: dict[str, float]):
        self.doc = doc
        self._media_h = media_h
        self._trim_x = trim_x
        self._trim_y = trim_y
        self.width = width
        self.height = height
        self.bleed = bleed  # mm of bleed available on each side: left, top, right, bottom

    # -- coordinates ------------------------------------------------------------------------
    @property
    def canvas(self):
        """The reportlab canvas, for drawing the engine does not offer (use `to_pt`)."""
        return self.doc._canvas

    def to_pt(self, x: float, y: float) -> tuple[float, float]:
        """A trim point (mm, y down) in the sheet's PDF points (y up)."""
        return (self._trim_x + x) * MM, (self._media_h - self._trim_y - y) * MM

    def trim_rect_pt(self) -> tuple[float, float, float, float]:
        """This page's trim as a PDF rectangle (x0, y0, x1, y1) in points."""
        x0, y1 = self.to_pt(0, 0)
        x1, y0 = self.to_pt(self.width, self.height)
        return x0, y0, x1, y1

    def clip_to_bleed(self):
        """A context manager that clips drawing to this page's trim + bleed (used on imposed sheets)."""
        return _Clip(self)

    # -- pictures ---------------------------------------------------------------------------
    def image(self, picture, x: float, y: float, w: float, h: float, *, fit: str = "cover",
              crop: tuple[float, float, float, float] | None = None, bleed: bool = True,
              name: str = "") -> PlacedImage:
        """Place a picture (PIL image or file path) in a box, at 300 dpi.

        fit="cover" fills the box (centre crop, or `crop` = (left, top, right, bottom) as fractions
        of the picture: what shows inside the box); fit="contain" shows it whole inside the box.
        With bleed=True, box edges lying on the trim are pushed out into the bleed and the
        picture extended with them (the pixels around the crop, mirrored when there are none).
        """
        if w <= 0 or h <= 0:
            raise ValueError(f"An image box needs a positive size but is {w} x {h} mm.")
        if fit not in ("cover", "contain"):
            raise ValueError(f"fit must be 'cover' or 'contain' but is {fit!r}.")
        source = _load_picture(picture)  # RGBA keeps its transparency: the paper (or what is under) shows
        label = name or (Path(picture).name if not isinstance(picture, Image.Image) else "")
        if fit == "contain":
            scale = min(w / source.width, h / source.height)
            cw, ch = source.width * scale, source.height * scale
            return self._place(source, (0, 0, source.width, source.height), x + (w - cw) / 2, y + (h - ch) / 2,
                               cw, ch, label)
        region = _cover_region(source.size, w / h, crop)
        if not bleed:
            return self._place(source, region, x, y, w, h, label)
        ext = self._bleed_extension(x, y, w, h)
        px_per_mm = (region[2] - region[0]) / w
        grown = (region[0] - ext["left"] * px_per_mm, region[1] - ext["top"] * px_per_mm,
                 region[2] + ext["right"] * px_per_mm, region[3] + ext["bottom"] * px_per_mm)
        source, grown = _pad_for(source, grown)
        return self._place(source, grown, x - ext["left"], y - ext["top"], w + ext["left"] + ext["right"],
                           h + ext["top"] + ext["bottom"], label)

    def _bleed_extension(self, x: float, y: float, w: float, h: float) -> dict[str, float]:
        near = 0.05  # mm: a box edge this close to the trim edge is "on" it
        return {"left": self.bleed["left"] if x <= near else 0.0,
                "top": self.bleed["top"] if y <= near else 0.0,
                "right": self.bleed["right"] if x + w >= self.width - near else 0.0,
                "bottom": self.bleed["bottom"] if y + h >= self.height - near else 0.0}

    def _place(self, source: Image.Image, region, x: float, y: float, w: float, h: float,
               label: str) -> PlacedImage:
        left, top, right, bottom = (int(round(v)) for v in region)
        piece = source.crop((left, top, right, bottom))
        target = (max(1, round(w / 25.4 * PRINT_DPI)), max(1, round(h / 25.4 * PRINT_DPI)))
        if piece.width > target[0] * 1.02 or piece.height > target[1] * 1.02:
            piece = piece.resize(target, Image.Resampling.LANCZOS)  # no more pixels than 300 dpi needs
        dpi = min((right - left) / (w / 25.4), (bottom - top) / (h / 25.4))
        if dpi < MIN_DPI:
            self.doc.warn("export.low_dpi", name=label or "?", dpi=int(dpi), min=MIN_DPI)
        x0, y1 = self.to_pt(x, y)
        self.canvas.drawImage(_image_reader(piece), x0, y1 - h * MM, w * MM, h * MM,
                              mask="auto" if piece.mode == "RGBA" else None)
        return PlacedImage(x, y, w, h, dpi, piece.size)

    # -- text -------------------------------------------------------------------------------
    def text(self, text: str, x: float, y: float, *, size: float = 11, family: str = "sans", bold: bool = False,
             color: tuple[float, float, float] = (0, 0, 0), align: str = "left") -> None:
        """One line of text; y is the baseline; align is left, center or right of x."""
        if align not in ("left", "center", "right"):
            raise ValueError(f"align must be left, center or right but is {align!r}.")
        canvas = self.canvas
        canvas.setFillColorRGB(*color)
        px, py = self.to_pt(x, y)
        # letters the family lacks (İ in Atkinson, Cyrillic...) are drawn with the fallback face
        fonts.draw_runs(canvas, px, py, fonts.split_runs(text, fonts.faces(family, bold)), size, align)

    def text_box(self, text: str, x: float, y: float, w: float, h: float, *, size: float = 11,
                 family: str = "sans", bold: bool = False, color=(0, 0, 0), align: str = "left",
                 leading: float = 1.25) -> TextFit:
        """Wrapped text inside a box (top-left at x, y); draws what fits and returns the overflow."""
        fit = fit_text(text, w, h, size, family, bold, leading)
        line_mm = size * leading / MM
        anchor = {"left": x, "center": x + w / 2, "right": x + w}[align]
        for i, line in enumerate(fit.lines):
            self.text(line, anchor, y + size / MM + i * line_mm, size=size, family=family, bold=bold,
                      color=color, align=align)
        return fit

    def ai_note(self, text: str | None = None, size: float = 5.5, language: str | None = None) -> None:
        """The small visible mention that a page holds AI-made pictures (bottom right, inside the trim)."""
        note = text or translate("export.ai_note", language or self.doc.language)
        self.text(note, self.width - 3, self.height - 2.5, size=size, color=(0.35, 0.35, 0.35), align="right")

    # -- shapes -----------------------------------------------------------------------------
    def rect(self, x: float, y: float, w: float, h: float, *, stroke=(0, 0, 0), fill=None, line_mm: float = 0.3,
             radius_mm: float = 0.0, dash: tuple[float, float] | None = None) -> None:
        """A rectangle (stroke and/or fill colours as RGB 0..1; None for none)."""
        canvas = self.canvas
        canvas.saveState()
        canvas.setLineWidth(line_mm * MM)
        if stroke:
            canvas.setStrokeColorRGB(*stroke)
        if fill:
            canvas.setFillColorRGB(*fill)
        if dash:
            canvas.setDash(dash[0] * MM, dash[1] * MM)
        x0, y1 = self.to_pt(x, y)
        args = (x0, y1 - h * MM, w * MM, h * MM)
        if radius_mm:
            canvas.roundRect(*args, radius_mm * MM, stroke=1 if stroke else 0, fill=1 if fill else 0)
        else:
            canvas.rect(*args, stroke=1 if stroke else 0, fill=1 if fill else 0)
        canvas.restoreState()

    def line(self, x1: float, y1: float, x2: float, y2: float, *, color=(0, 0, 0), line_mm: float = 0.3,
             dash: tuple[float, float] | None = None) -> None:
        canvas = self.canvas
        canvas.saveState()
        canvas.setLineWidth(line_mm * MM)
        canvas.setStrokeColorRGB(*color)
        if dash:
            canvas.setDash(dash[0] * MM, dash[1] * MM)
        canvas.line(*self.to_pt(x1, y1), *self.to_pt(x2, y2))
        canvas.restoreState()


class _Clip:
    def __init__(self, page: Page):
        self.page = page

    def __enter__(self):
        page, canvas = self.page, self.page.canvas
        canvas.saveState()
        b = page.bleed
        x0, y1 = page.to_pt(-b["left"], -b["top"])
        x1, y0 = page.to_pt(page.width + b["right"], page.height + b["bottom"])
        path = canvas.beginPath()
        path.rect(x0, y0, x1 - x0, y1 - y0)
        canvas.clipPath(path, stroke=0, fill=0)
        return page

    def __exit__(self, *exc):
        self.page.canvas.restoreState()
        return False


def _cover_region(size: tuple[int, int], box_ratio: float, crop) -> tuple[float, float, float, float]:
    """The source rectangle (pixels) shown in a box of ratio w/h: the given crop, or a centred one."""
    sw, sh = size
    if crop is not None:
        left, top, right, bottom = crop
        if not (0 <= left < right <= 1 and 0 <= top < bottom <= 1):
            raise ValueError(f"crop must be fractions (left, top, right, bottom) with left<right, top<bottom, "
                             f"within 0..1, but is {crop}.")
        return left * sw, top * sh, right * sw, bottom * sh
    if sw / sh > box_ratio:
        cw = sh * box_ratio
        return (sw - cw) / 2, 0.0, (sw + cw) / 2, float(sh)
    ch = sw / box_ratio
    return 0.0, (sh - ch) / 2, float(sw), (sh + ch) / 2


def _pad_for(source: Image.Image, region) -> tuple[Image.Image, tuple]:
    """Mirror the picture's edges when the bleed needs pixels beyond them; shifts the region to match."""
    import numpy as np

    pad_l = max(0, int(np.ceil(-region[0])))
    pad_t = max(0, int(np.ceil(-region[1])))
    pad_r = max(0, int(np.ceil(region[2] - source.width)))
    pad_b = max(0, int(np.ceil(region[3] - source.height)))
    if not any((pad_l, pad_t, pad_r, pad_b)):
        return source, region
    array = np.asarray(source)
    pads = ((pad_t, pad_b), (pad_l, pad_r)) + (((0, 0),) if array.ndim == 3 else ())
    mode = "symmetric" if max(pad_t, pad_b) < source.height and max(pad_l, pad_r) < source.width else "edge"
    padded = Image.fromarray(np.pad(array, pads, mode=mode), source.mode)
    return padded, (region[0] + pad_l, region[1] + pad_t, region[2] + pad_l, region[3] + pad_t)


def _image_reader(piece: Image.Image):
    from reportlab.lib.utils import ImageReader

    buffer = io.BytesIO()
    if piece.mode == "RGBA":
        piece.save(buffer, format="PNG")
    else:
        piece.save(buffer, format="JPEG", quality=92, subsampling=0)  # photos: small files, no visible loss
    buffer.seek(0)
    return ImageReader(buffer)


class PrintDocument:
    """A PDF being built: pages or imposed sheets, metadata, and the warnings collected on the way."""

    def __init__(self, title: str, *, author: str = "", subject: str = "", keywords: tuple[str, ...] | list = (),
                 ai_generated: bool = False, language: str = "fr", creator: str = "Atelier"):
        from reportlab.pdfgen.canvas import Canvas

        self.language = language
        self.warnings: list[PrintWarning] = []
        self.pages: list[Page] = []
        self._buffer = io.BytesIO()
        # The initial font is ours: otherwise reportlab declares a non-embedded Helvetica on every page.
        self._canvas = Canvas(self._buffer, pageCompression=1, lang=language, initialFontName=fonts.font_name("sans"))
        self._open = False
        self._cuts: dict | None = None
        canvas = self._canvas
        canvas.setTitle(title)
        canvas.setAuthor(author)
        canvas.setCreator(creator)
        canvas.setProducer(f"{creator} (reportlab)")
        words = list(keywords)
        if ai_generated:
            note = translate("export.ai_meta", language)
            subject = f"{subject} — {note}" if subject else note
            words += ["AI-generated", note]
        canvas.setSubject(subject)
        canvas.setKeywords(", ".join(words))

    def warn(self, key: str, **params) -> None:
        """Collect a warning once (a locale key and its parameters)."""
        warning = PrintWarning(key, params)
        if warning not in self.warnings:
            self.warnings.append(warning)

    def add_page(self, spec: PageSpec | None = None) -> Page:
        """A new page of the given spec (A4 portrait, 3 mm bleed, no marks by default)."""
        spec = spec or PageSpec()
        tw, th = spec.trim_mm
        m = spec.margin_mm
        cuts = {"xs": [0.0, tw], "ys": [0.0, th]} if spec.crop_marks else None
        page = self.add_sheet(spec.media_mm, (m, m, tw, th), spec.bleed_mm, cuts=cuts)
        return page

    def add_sheet(self, media_mm: tuple[float, float], trim: tuple[float, float, float, float], bleed_mm: float,
                  *, cuts: dict | None = None, mark_length_mm: float = MARK_LENGTH_MM) -> Page:
        """A sheet of paper `media_mm` whose trimmed area is `trim` = (x, y, w, h) from its top-left (mm).

        `cuts` = {"xs": [...], "ys": [...]}: cut positions (mm, relative to the trim) that get crop
        marks outside the trim, e.g. the card edges of an N-up sheet. Imposition builds on this.
        """
        self._finish_page()
        mw, mh = media_mm
        tx, ty, tw, th = trim
        if (tx < bleed_mm - 1e-6 or ty < bleed_mm - 1e-6 or tx + tw + bleed_mm > mw + 1e-6
                or ty + th + bleed_mm > mh + 1e-6):
            raise ValueError(f"Trim {trim} with {bleed_mm} mm bleed does not fit on a {mw} x {mh} mm sheet.")
        canvas = self._canvas
        canvas.setPageSize((mw * MM, mh * MM))
        y0 = mh - ty - th
        canvas.setTrimBox((tx * MM, y0 * MM, (tx + tw) * MM, (y0 + th) * MM))
        canvas.setBleedBox(((tx - bleed_mm) * MM, (y0 - bleed_mm) * MM, (tx + tw + bleed_mm) * MM,
                            (y0 + th + bleed_mm) * MM))
        self._open = True
        self._cuts = dict(cuts, bleed=bleed_mm, length=mark_length_mm, page=None) if cuts else None
        page = Page(self, mh, tx, ty, tw, th, {s: bleed_mm for s in ("left", "top", "right", "bottom")})
        if self._cuts is not None:
            self._cuts["page"] = page
        self.pages.append(page)
        return page

    def _finish_page(self) -> None:
        if not self._open:
            return
        if self._cuts:
            _draw_crop_marks(self._cuts["page"], self._cuts["xs"], self._cuts["ys"], self._cuts["bleed"],
                             self._cuts["length"])
        self._canvas.showPage()
        self._open = False

    def pdf_bytes(self) -> bytes:
        """Finish the document and return the PDF (the document cannot be drawn on afterwards)."""
        if not self.pages:
            raise ValueError("A print document needs at least one page.")
        self._finish_page()
        self._canvas.save()
        return self._buffer.getvalue()

    def save(self, path: Path | str) -> Path:
        """Write the PDF atomically (temporary name, then rename) and return its path."""
        data = self.pdf_bytes()
        with atomic_path(path) as tmp:
            Path(tmp).write_bytes(data)
        return Path(path)


def _draw_crop_marks(page: Page, xs: list[float], ys: list[float], bleed: float, length: float) -> None:
    """Thin marks on each cut line, outside the trim and beyond the bleed, so none survives the cut."""
    gap = bleed + MARK_GAP_MM
    for x in xs:
        page.line(x, -gap, x, -gap - length, line_mm=MARK_LINE_MM)
        page.line(x, page.height + gap, x, page.height + gap + length, line_mm=MARK_LINE_MM)
    for y in ys:
        page.line(-gap, y, -gap - length, y, line_mm=MARK_LINE_MM)
        page.line(page.width + gap, y, page.width + gap + length, y, line_mm=MARK_LINE_MM)
