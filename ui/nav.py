"""The studio's pages, listed explicitly. A workshop appears here (and on the home page) once it is built."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    key: str  # locale prefix: pages.<key>.title / pages.<key>.blurb (/ pages.<key>.capability.<capability>)
    path: str  # file in pages/
    icon: str  # emoji shown on the card and in the menu
    capabilities: tuple[str, ...] = ()  # engines listed on the home card
    facilitator_only: bool = False
    # capabilities the card words as what is done on this page (pages.<key>.capability.<capability>), not by the
    # engine's general name: the blind test's stylisation makes the quiz's pictures, not a comic
    own_wording: tuple[str, ...] = ()
    # The URL is the file's name (/comics): Streamlit also knows pages/ by file name on a first
    # load, so a custom url_path there shows "Page not found" before the page.

    def capability_key(self, capability: str) -> str:
        """The locale key of a capability's line on this page's home card."""
        if capability in self.own_wording:
            return f"pages.{self.key}.capability.{capability}"
        return f"capability.{capability}"


# Workshops, in the order of the home page cards.
WORKSHOPS: list[PageInfo] = [
    PageInfo("comics", "pages/comics.py", "💬", ("imagegen.txt2img", "imagegen.stylise")),
    PageInfo("storybook", "pages/storybook.py", "📖", ("story.write", "music.generate", "story.voice")),
    PageInfo("photos", "pages/photos.py", "📷", ("photo.repair", "photo.faces", "photo.colorize", "photo.upscale")),
    PageInfo("blindtest", "pages/blindtest.py", "🎵", ("music.generate", "imagegen.stylise"), facilitator_only=True,
             own_wording=("imagegen.stylise",)),
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


def nav_links_ui(sections: dict) -> None:
    """The studio's menu in the sidebar: a heading per section, then one link per page (st.Page objects).

    Links are plain <a> elements (no list markup), reachable with Tab and opened with Enter."""
    import streamlit as st

    with st.sidebar:
        with st.container(key="studio-menu"):
            for title, pages in sections.items():
                st.markdown(f"**{title}**")
                for page in pages:
                    st.page_link(page, label=page.title, icon=page.icon, width="stretch")
