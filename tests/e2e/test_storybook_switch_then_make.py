"""On a tablet, « 📖 Fabriquer mon livre » tapped right after switching the music off did nothing: the theme's box
above it went away, the button moved up, and the finger landed on the preview's title. A switch of the music
step never moves the button; a tap where it was made the book."""
from __future__ import annotations

import sqlite3

from tests.e2e.conftest import assert_no_exception, settled_box, wait_ready

TABLET = {"width": 820, "height": 1180}


def _books(studio) -> int:
    with sqlite3.connect(studio.data_dir / "atelier.db") as conn:
        return conn.execute("SELECT COUNT(*) FROM jobs WHERE kind='story.make'").fetchone()[0]


def test_a_tap_on_make_right_after_the_music_switch_makes_the_book(browser, studio):
    context = browser.new_context(viewport=TABLET, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{studio}/storybook")
        wait_ready(page)
        name = page.get_by_label("Le prénom du héros ou de l'héroïne")
        name.fill("Zoé")
        name.press("Enter")
        wait_ready(page)
        page.get_by_role("button", name="✨ Écrire l'histoire").click()
        page.get_by_text("Page 4", exact=True).first.wait_for(timeout=120_000)
        wait_ready(page)
        make = page.get_by_role("button", name="📖 Fabriquer mon livre")
        make.scroll_into_view_if_needed()
        for switch in ("🎵 Mettre de la musique", "🎵 Mettre de la musique"):  # off, then on again
            before = settled_box(page, make)
            page.get_by_text(switch).click()
            wait_ready(page)
            after = settled_box(page, make)
            assert abs(after["y"] - before["y"]) < 1 and abs(after["x"] - before["x"]) < 1, (switch, before, after)
        page.get_by_text("🎵 Mettre de la musique").click()  # off: the book is quick to make
        wait_ready(page)
        books = _books(studio)
        page.touchscreen.tap(before["x"] + before["width"] / 2, before["y"] + before["height"] / 2)
        page.wait_for_function("() => !!document.querySelector('[data-testid=stProgress]') || "
                               "[...document.querySelectorAll('button')].some(b => b.innerText.includes('EPUB'))",
                               timeout=30_000)
        assert _books(studio) == books + 1
        assert_no_exception(page)
    finally:
        context.close()
