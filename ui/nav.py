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
    # The URL is the file's name (/comics): Streamlit also knows pages/ by file name on a first
    # load, so a custom url_path there shows "Page not found" before the page.


# Workshops, in the order of the home page cards.
WORKSHOPS: list[PageInfo] = [
    PageInfo("comics", "pages/comics.py", "💬", ("imagegen.txt2img", "imagegen.stylise")),
    PageInfo("storybook", "pages/storybook.py", "📖", ("story.write", "music.generate", "story.voice")),
    PageInfo("photos", "pages/photos.py", "📷", ("photo.repair", "photo.faces", "photo.colorize", "photo.upscale")),
    PageInfo("blindtest", "pages/blindtest.py", "🎵", ("music.generate", "imagegen.stylise"), facilitator_only=True),
    PageInfo("play", "pages/play.py", "🎯"),
    PageInfo("postcards", "pages/postcards.py", "💌"),
    PageInfo("portraits", "pages/portraits.py", "🖼️", ("portrait.paint",)),
]

# Studio pages (facilitator console, gallery, models).
TOOLS: list[PageInfo] = [
    PageInfo("gallery", "pages/gallery.py", "🖼️"),
    PageInfo("console", "pages/console.py", "🧑‍🏫", facilitator_only=True),
    PageInfo("models", "pages/models.py", "🧠", facilitator_only=True),
]

HOME = PageInfo("home", "pages/home.py", "🏠")


def visible(pages: list[PageInfo], facilitator: bool) -> list[PageInfo]:
    """The pages this browser may open (tablets in `make serve` mode see no facilitator pages)."""
    return [p for p in pages if facilitator or not p.facilitator_only]
