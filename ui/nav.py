"""The studio's pages, listed explicitly. A workshop appears here (and on the home page) once it is built."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    key: str  # locale prefix: pages.<key>.title / pages.<key>.blurb
    path: str  # file in pages/
    icon: str  # emoji shown on the card and in the menu
    capabilities: tuple[str, ...] = ()  # engines listed on the home card
    facilitator_only: bool = False
    url_path: str = ""


# Workshops, in the order of the home page cards.
WORKSHOPS: list[PageInfo] = [
    PageInfo("postcards", "pages/postcards.py", "💌", url_path="cartes-postales"),
    PageInfo("comics", "pages/comics.py", "💬", ("imagegen.txt2img", "imagegen.stylise"), url_path="bd"),
    PageInfo("storybook", "pages/storybook.py", "📖", ("story.write", "music.generate", "story.voice"), url_path="livre"),
    PageInfo("blindtest", "pages/blindtest.py", "🎵", ("music.generate", "imagegen.stylise"), facilitator_only=True,
             url_path="blindtest"),
    PageInfo("play", "pages/play.py", "🎯", url_path="jouer"),
]

# Studio pages (facilitator console, gallery, models).
TOOLS: list[PageInfo] = [
    PageInfo("gallery", "pages/gallery.py", "🖼️", url_path="galerie"),
    PageInfo("console", "pages/console.py", "🧑‍🏫", facilitator_only=True, url_path="animation"),
    PageInfo("models", "pages/models.py", "🧠", facilitator_only=True, url_path="modeles"),
]

HOME = PageInfo("home", "pages/home.py", "🏠", url_path="accueil")
