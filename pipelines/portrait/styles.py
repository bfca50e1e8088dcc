"""The painters' catalogue: one entry per style, with the algorithm family of the CPU painter,
the painter and their dates (to tell public-domain painters from those still under copyright),
and the words given to an image-to-image model.

Texts shown to people (the period, the two sentences for children) are locale keys:
``portrait.style.<id>.period`` and ``portrait.style.<id>.story`` in assets/locales/*/portrait.toml.

Copyright rule used (EU and France, Directive 2006/116/EC art. 1): an author's work stays
protected for 70 years after the end of the year of their death. A painter who died in year D
is in the public domain from 1 January of D + 71. French war extensions are absorbed by the
70-year term for authors not "mort pour la France" (Cour de cassation, 27 Feb. 2007).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..i18n import UserError, translate

FAMILIES = ("strokes", "dots", "flat", "facets", "tone")


@dataclass(frozen=True)
class Style:
    """One painter style of the workshop."""

    id: str  # "van-gogh": command line, job parameters, file names
    family: str  # the CPU painter's algorithm family (FAMILIES)
    painter: str  # the painter's name, as museums write it
    died: int | None  # year of the painter's death (None: a movement with no single painter named)
    years: str  # when the movement or the painter's portraits were made, e.g. "1886-1890"
    prompt: str  # English words for an image-to-image model (the encoders read English)

    def __post_init__(self):
        if self.family not in FAMILIES:
            raise ValueError(f"family must be one of {FAMILIES} but is {self.family!r}.")

    def public_domain(self, today: date | None = None) -> bool:
        """True when the painter died more than 70 full years before this year (EU rule, see module doc)."""
        year = (today or date.today()).year
        return self.died is not None and year >= self.died + 71

    def period(self, language: str = "fr") -> str:
        return translate(f"portrait.style.{self.id}.period", language)

    def movement(self, language: str = "fr") -> str:
        return translate(f"portrait.style.{self.id}.movement", language)

    def story(self, language: str = "fr") -> str:
        """Two sentences for children about what the movement did."""
        return translate(f"portrait.style.{self.id}.story", language)

    def after(self, language: str = "fr", today: date | None = None) -> str:
        """'d'après Vincent van Gogh, 1886-1890' or, for a painter still under copyright,
        'dans l'esprit du pop art, 1955-1970'."""
        period = f"{self.period(language)}, {self.years}"
        if self.public_domain(today):
            return translate("portrait.after", language, painter=self.painter, period=period)
        movement = self.movement(language)
        if self.period(language).casefold() in movement.casefold():  # « du pop art, Pop art » said it twice
            period = self.years
        return translate("portrait.spirit", language, movement=movement, period=period)

    def card_name(self, language: str = "fr", today: date | None = None) -> str:
        """The name on the picture card: the painter, or the movement for painters under copyright."""
        if self.public_domain(today):
            return self.painter
        return translate("portrait.spirit_short", language, movement=self.movement(language))


STYLES: tuple[Style, ...] = (
    Style("renaissance", "tone", "Léonard de Vinci", 1519, "1500-1519",
          "Renaissance oil portrait, sfumato, soft smoky shading, hazy blue-green landscape background, "
          "old varnish, craquelure, Leonardo da Vinci"),
    Style("rembrandt", "tone", "Rembrandt van Rijn", 1669, "1630-1669",
          "Baroque oil portrait, chiaroscuro, warm golden light on the face, dark brown background, "
          "thick impasto, old varnish, Rembrandt"),
    Style("vermeer", "tone", "Johannes Vermeer", 1675, "1660-1675",
          "Dutch golden age oil portrait, soft light from a window on the left, dark background, "
          "ultramarine and lead-tin yellow, pearly highlights, Vermeer"),
    Style("impressionism", "strokes", "Pierre-Auguste Renoir", 1919, "1870-1890",
          "impressionist oil portrait, small visible brush strokes, broken colour, bright daylight, "
          "soft pastel colours, Renoir"),
    Style("pointillism", "dots", "Georges Seurat", 1891, "1884-1891",
          "pointillist painting, small dots of pure colour, optical mixing, Seurat"),
    Style("van-gogh", "strokes", "Vincent van Gogh", 1890, "1886-1890",
          "post-impressionist oil portrait, thick swirling brush strokes, impasto, vivid blue and yellow, "
          "Van Gogh self-portrait"),
    Style("fauvism", "strokes", "Henri Matisse", 1954, "1905-1908",
          "fauvist portrait, wild flat pure colours, green shadow line on the face, bold brushwork, Matisse"),
    Style("cubism", "facets", "", 1973, "1908-1920",
          "analytic cubist portrait, faceted geometric planes, several viewpoints, ochre and grey palette"),
    Style("expressionism", "strokes", "Edvard Munch", 1944, "1893-1910",
          "expressionist portrait, swirling wavy lines, unnatural colours, blood orange sky, deep blue, Munch"),
    Style("art-nouveau", "flat", "Alfons Mucha", 1939, "1895-1910",
          "art nouveau poster portrait, decorative halo circle, flowing outlines, soft pastel flat colours, Mucha"),
    Style("ukiyo-e", "flat", "Kitagawa Utamaro", 1806, "1790-1804",
          "ukiyo-e woodblock print portrait, flat colours, fine black outlines, mica background, Utamaro"),
    Style("pop-art", "flat", "", 1987, "1955-1970",
          "pop art silkscreen portrait, bold flat unnatural colours, black outlines, halftone dots"),
)

BY_ID = {s.id: s for s in STYLES}


def get_style(style_id: str) -> Style:
    """The style called `style_id`; an unknown id raises a UserError listing the valid ones."""
    try:
        return BY_ID[style_id]
    except KeyError:
        raise UserError("portrait.errors.unknown_style", style=style_id, valid=", ".join(BY_ID)) from None
