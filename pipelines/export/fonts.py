"""The fonts printed pages use: free TTF files shipped in assets/fonts/ (licences beside them), embedded in PDFs."""
from __future__ import annotations

import functools
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

# Emoji and pictographs, drawn in black as a printer prints them: the last faces of every chain, so a child's
# « trop mimi 😍 » prints as typed. Symbola 2.60 draws the emoji up to Unicode 9 and the older pictographs (✈, ☂,
# 🕮...); Noto Emoji 3.006 (monochrome) the later emoji children type (🥰 🥳 🥺 🧸 🧁 🥷 🫶, up to Unicode 16).
# An emoji neither face has is still refused by name (pipelines.safety.text).
PICTOGRAPHS = FontFamily("pictographs", "Symbola", FONTS_DIR / "symbola" / "Symbola.ttf",
                         FONTS_DIR / "symbola" / "Symbola.ttf", FONTS_DIR / "symbola" / "LICENSE.txt",
                         "free for any use (Symbola's own licence)")
EMOJI = FontFamily("emoji", "Noto Emoji", FONTS_DIR / "noto-emoji" / "NotoEmoji-Regular.ttf",
                   FONTS_DIR / "noto-emoji" / "NotoEmoji-Regular.ttf", FONTS_DIR / "noto-emoji" / "OFL.txt",
                   "SIL Open Font License 1.1")
_SIGNS = {PICTOGRAPHS.key: PICTOGRAPHS, EMOJI.key: EMOJI}  # the faces no text is set in, only drawn from

_registered: set[str] = set()


def font_name(family: str = "sans", bold: bool = False) -> str:
    """The reportlab name of a family's face, registering (and so embedding) its TTF on first use."""
    if family not in FAMILIES and family not in _SIGNS:
        raise ValueError(f"Unknown font family {family!r}; valid ones are {sorted(FAMILIES)}.")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    spec = FAMILIES.get(family) or _SIGNS[family]
    name = f"Atelier-{family}-{'bold' if bold else 'regular'}"
    if name not in _registered:
        path = spec.bold if bold else spec.regular
        if not path.exists():
            raise FileNotFoundError(f"Font file {path} is missing; assets/fonts/ must ship it with its licence.")
        pdfmetrics.registerFont(TTFont(name, str(path)))  # TTFont subsets and embeds the glyphs used
        _registered.add(name)
    return name


def text_width_mm(text: str, size_pt: float, family: str = "sans", bold: bool = False) -> float:
    """Width of one line of text at `size_pt`, in millimetres (letters the face lacks measured in the fallback)."""
    return runs_width_pt(split_runs(text, faces(family, bold)), size_pt) * 25.4 / 72


def pil_font(size_px: int, family: str = "sans", bold: bool = False):
    """The same face for drawing on pictures with PIL (previews, titles on a postcard front)."""
    from PIL import ImageFont

    spec = FAMILIES[family]
    return ImageFont.truetype(str(spec.bold if bold else spec.regular), size_px)


# -- coverage and fallback --------------------------------------------------------------------
# DejaVu Sans is the fallback for every face: it covers Latin (İ, ŋ, ő...), Greek, Cyrillic and the
# no-break spaces; Symbola (PICTOGRAPHS) then Noto Emoji (EMOJI) draw emoji. What none can draw is refused at
# input time (see pipelines.safety.text).
@functools.cache
def codepoints(path: str | Path) -> frozenset[int]:
    """The Unicode code points a TTF file has a glyph for (its best cmap)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


def faces(family: str = "sans", bold: bool = False) -> list[tuple[str, Path]]:
    """(reportlab name, file) of a family's face, then of the fallback face, then of the pictographs' and the
    emoji faces."""
    spec, fallback = FAMILIES[family], FAMILIES["sans"]
    chain = [(font_name(family, bold), spec.bold if bold else spec.regular)]
    if family != "sans":
        chain.append((font_name("sans", bold), fallback.bold if bold else fallback.regular))
    chain.extend((font_name(signs.key), signs.regular) for signs in _SIGNS.values())
    return chain


@functools.cache
def hanging_marks(path: str | Path) -> frozenset[int]:
    """The combining marks (Unicode category Mn) a TTF file draws over the letter before them with no layout
    engine: no advance and an outline left of the origin, as DejaVu Sans draws them. A face whose marks start
    at the origin (Atkinson Hyperlegible, which places them through its GPOS table) draws them after the letter,
    beside the next one, where neither reportlab nor the preview positions them."""
    import unicodedata

    from fontTools.ttLib import TTFont

    hanging = set()
    with TTFont(str(path), lazy=True) as font:
        glyphs = font["glyf"] if "glyf" in font else None
        metrics = font["hmtx"]
        for point, name in font.getBestCmap().items():
            if unicodedata.category(chr(point)) != "Mn" or glyphs is None:
                continue
            glyph = glyphs[name]
            if metrics[name][0] == 0 and getattr(glyph, "numberOfContours", 0) != 0 and glyph.xMax <= 0:
                hanging.add(point)
    return frozenset(hanging)


def _clusters(text: str) -> list[str]:
    """`text` cut into a letter and the combining marks (category Mn) that follow it."""
    import unicodedata

    out: list[str] = []
    for char in text:
        if out and unicodedata.category(char) == "Mn" and out[-1] not in "\n\r\t ":
            out[-1] += char
        else:
            out.append(char)
    return out


def split_runs(text: str, chain: list[tuple[str, Path]]) -> list[tuple[str, Path, str]]:
    """`text` cut into runs of (font name, font file, characters), each character in the first face of
    `chain` that has it. A letter with combining marks Unicode has no precomposed letter for (Yoruba « ọ̀ »,
    Malagasy « n̈ ») is set whole in the first face that has all of it and hangs its marks over the letter
    (`hanging_marks`), so the accent is printed above its letter, not beside the next one."""
    runs: list[tuple[str, Path, str]] = []
    for cluster in _clusters(text):
        having = [(n, p) for n, p in chain if all(ord(c) in codepoints(p) for c in cluster)]
        if len(cluster) > 1 and having:
            name, path = next(((n, p) for n, p in having
                               if all(ord(c) in hanging_marks(p) for c in cluster[1:])), having[0])
            pieces = [(name, path, cluster)]
        else:
            pieces = [(*next(((n, p) for n, p in chain if ord(c) in codepoints(p)), chain[0]), c) for c in cluster]
        for name, path, chunk in pieces:
            if runs and runs[-1][0] == name:
                runs[-1] = (name, path, runs[-1][2] + chunk)
            else:
                runs.append((name, path, chunk))
    return runs


def missing(text: str, chain: list[tuple[str, Path]]) -> list[str]:
    """The distinct characters of `text` (not spaces or line breaks) that no face of `chain` can draw."""
    seen = []
    for char in text:
        if char in "\n\r\t" or char in seen:
            continue
        if not any(ord(char) in codepoints(p) for _, p in chain):
            seen.append(char)
    return seen


def runs_width_pt(runs: list[tuple[str, Path, str]], size_pt: float) -> float:
    """Width of runs in points, each run measured with its own font's advance widths."""
    from reportlab.pdfbase import pdfmetrics

    return sum(pdfmetrics.stringWidth(chunk, name, size_pt) for name, _, chunk in runs)


def draw_runs(canvas, x_pt: float, y_pt: float, runs: list[tuple[str, Path, str]], size_pt: float,
              align: str = "left") -> None:
    """Draw runs on a reportlab canvas from a baseline point; align is left, center/centre or right of x."""
    width = runs_width_pt(runs, size_pt)
    start = x_pt - {"left": 0.0, "center": width / 2, "centre": width / 2, "right": width}[align]
    text = canvas.beginText(start, y_pt)
    for name, path, chunk in runs:
        text.setFont(name, size_pt)
        for piece, rise in _raised_marks(chunk, path):
            text.setRise(rise * size_pt)
            text.textOut(piece)
        text.setRise(0)
    canvas.drawText(text)


@functools.cache
def _capital_rise(path: str | Path) -> float:
    """How much higher a capital stands than a small letter in a face (« H » against « x », in ems)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        cmap, glyphs = font.getBestCmap(), font["glyf"] if "glyf" in font else None
        if glyphs is None or ord("H") not in cmap or ord("x") not in cmap:
            return 0.0
        return (glyphs[cmap[ord("H")]].yMax - glyphs[cmap[ord("x")]].yMax) / font["head"].unitsPerEm


def _raised_marks(chunk: str, path) -> list[tuple[str, float]]:
    """`chunk` cut into pieces and the rise each is drawn at (in ems): a mark above (combining class 230) that
    hangs over a capital (« Ọ̀ ») is raised by `_capital_rise`, since a face without a layout engine draws its
    marks at the height of small letters, inside the capital. The other pieces at 0."""
    import unicodedata

    pieces: list[tuple[str, float]] = []
    base = ""
    for char in chunk:
        raised = unicodedata.category(char) == "Mn" and unicodedata.combining(char) == 230 and base.isupper()
        rise = _capital_rise(path) if raised and ord(char) in hanging_marks(path) else 0.0
        if unicodedata.category(char) != "Mn":
            base = char
        if pieces and pieces[-1][1] == rise:
            pieces[-1] = (pieces[-1][0] + char, rise)
        else:
            pieces.append((char, rise))
    return pieces


def draw_runs_pil(draw, xy: tuple[float, float], runs: list[tuple[str, Path, str]], size_px: int, fill,
                  align: str = "left") -> None:
    """Draw runs on a PIL picture from a baseline point (the same faces as the PDF)."""
    from PIL import ImageFont

    loaded = [(ImageFont.truetype(str(path), size_px), chunk) for _, path, chunk in runs]
    width = sum(font.getlength(chunk) for font, chunk in loaded)
    x = xy[0] - {"left": 0.0, "center": width / 2, "centre": width / 2, "right": width}[align]
    for font, chunk in loaded:
        draw.text((x, xy[1]), chunk, font=font, fill=fill, anchor="ls")
        x += font.getlength(chunk)
