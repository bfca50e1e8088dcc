"""The fonts printed pages use: free TTF files shipped in assets/fonts/ (licences beside them), embedded in PDFs."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import ASSETS

FONTS_DIR = ASSETS / "fonts"


@dataclass(frozen=True)
class FontFamily:
    """One family: its regular and bold files, and the licence file that travels with them."""

    key: str
    name: str
    regular: Path
    bold: Path
    licence: Path
    licence_name: str


FAMILIES: dict[str, FontFamily] = {
    # A readable sans with full French coverage: the default for every printed page.
    "sans": FontFamily("sans", "DejaVu Sans", FONTS_DIR / "dejavu" / "DejaVuSans.ttf",
                       FONTS_DIR / "dejavu" / "DejaVuSans-Bold.ttf", FONTS_DIR / "dejavu" / "LICENSE.txt",
                       "Bitstream Vera / DejaVu (free licence)"),
    # Designed for low-vision readers; the studio's "easier to read" (dyslexia) option uses it.
    "readable": FontFamily("readable", "Atkinson Hyperlegible",
                           FONTS_DIR / "atkinson-hyperlegible" / "AtkinsonHyperlegible-Regular.ttf",
                           FONTS_DIR / "atkinson-hyperlegible" / "AtkinsonHyperlegible-Bold.ttf",
                           FONTS_DIR / "atkinson-hyperlegible" / "OFL.txt", "SIL Open Font License 1.1"),
}

_registered: set[str] = set()


def font_name(family: str = "sans", bold: bool = False) -> str:
    """The reportlab name of a family's face, registering (and so embedding) its TTF on first use."""
    if family not in FAMILIES:
        raise ValueError(f"Unknown font family {family!r}; valid ones are {sorted(FAMILIES)}.")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    spec = FAMILIES[family]
    name = f"Atelier-{family}-{'bold' if bold else 'regular'}"
    if name not in _registered:
        path = spec.bold if bold else spec.regular
        if not path.exists():
            raise FileNotFoundError(f"Font file {path} is missing; assets/fonts/ must ship it with its licence.")
        pdfmetrics.registerFont(TTFont(name, str(path)))  # TTFont subsets and embeds the glyphs used
        _registered.add(name)
    return name


def text_width_mm(text: str, size_pt: float, family: str = "sans", bold: bool = False) -> float:
    """Width of one line of text at `size_pt`, in millimetres."""
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.stringWidth(text, font_name(family, bold), size_pt) * 25.4 / 72


def pil_font(size_px: int, family: str = "sans", bold: bool = False):
    """The same face for drawing on pictures with PIL (previews, titles on a postcard front)."""
    from PIL import ImageFont

    spec = FAMILIES[family]
    return ImageFont.truetype(str(spec.bold if bold else spec.regular), size_px)
