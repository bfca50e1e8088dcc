"""Style presets for comic panels: words added to the prompt, and how the CPU stylisation looks."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..i18n import UserError

# Added to every prompt's negative side (used by models that run with guidance; Turbo models
# run without guidance and ignore it).
NEGATIVE_PROMPT = ("nsfw, nude, naked, gore, blood, violence, weapon, scary, horror, text, watermark, "
                   "signature, letters, blurry, deformed, extra fingers, extra limbs, bad anatomy, ugly")


@dataclass(frozen=True)
class Style:
    """One preset: its id, locale label, emoji, prompt words and CPU stylisation settings."""

    name: str
    label: str  # locale key
    emoji: str
    prompt: str  # appended to the child's sentence
    negative: str  # appended to NEGATIVE_PROMPT
    colours: int  # flat colours kept by stylise()
    halftone: float  # 0 = none, 1 = strong dots
    line: float  # ink line strength, 0..1
    grey: bool = False  # black and white (manga)
    soft: bool = False  # washed edges (watercolour)
    pencil: bool = False  # hatched pencil look


STYLES: dict[str, Style] = {s.name: s for s in (
    Style("ligne_claire", "imagegen.style.ligne_claire", "🖋️",
          "ligne claire comic panel, clean uniform black outlines, flat bright colours, franco-belgian bande dessinee, "
          "clear shapes, for children",
          "shading, gradients, photo", colours=10, halftone=0.0, line=1.0),
    Style("manga", "imagegen.style.manga", "🌸",
          "manga panel, black and white ink, screentone shading, expressive big eyes, dynamic lines, for children",
          "colour, photo", colours=4, halftone=0.8, line=1.0, grey=True),
    Style("aquarelle", "imagegen.style.aquarelle", "🎨",
          "watercolour children's book illustration, soft washes of colour, light pencil outlines, paper texture",
          "hard outlines, photo, 3d render", colours=12, halftone=0.0, line=0.35, soft=True),
    Style("crayon", "imagegen.style.crayon", "✏️",
          "coloured pencil drawing, hand drawn, visible pencil strokes, children's illustration, white paper",
          "photo, 3d render, smooth", colours=8, halftone=0.0, line=0.6, pencil=True),
    Style("pop_art", "imagegen.style.pop_art", "💥",
          "pop art comic panel, bold black outlines, bright primary colours, ben-day halftone dots, retro comic book",
          "photo, muted colours", colours=8, halftone=1.0, line=1.0),
)}

DEFAULT_STYLE = "ligne_claire"


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()
    return "_".join(text.replace("-", " ").split())


def get_style(name: str | None) -> Style:
    """The preset called `name` ('ligne claire', 'ligne_claire', 'Pop Art' ...); None gives the default."""
    if not name:
        return STYLES[DEFAULT_STYLE]
    key = _key(name)
    if key not in STYLES:
        raise UserError("imagegen.errors.unknown_style", style=name, valid=", ".join(STYLES))
    return STYLES[key]


def style_names() -> list[str]:
    """Preset ids in display order."""
    return list(STYLES)


def styled_prompt(prompt: str, style: str | None) -> tuple[str, str]:
    """(prompt, negative prompt) for the model: the child's words first, then the style's."""
    chosen = get_style(style)
    return f"{prompt.strip()}, {chosen.prompt}", f"{NEGATIVE_PROMPT}, {chosen.negative}"
