"""In the browser: after « Oui, retirer Tom » the next participant's removal question is not left open where Tom's
was (a second tap on the same spot would delete them for good)."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import goto, seed_workshop, shot, wait_ready


def test_after_a_removal_nothing_is_left_open_for_the_next_participant(browser_page, studio):
    page = browser_page
    seed_workshop(studio, "Atelier du retrait", participants=("Léa", "Tom", "🨂Zoé🨀"))
    goto(page, studio, "console")
    page.get_by_text("Tom", exact=True).first.wait_for()
    page.get_by_role("button", name="Retirer", exact=True).nth(1).click()  # the rows: Léa, Tom, 🨂Zoé🨀
    page.get_by_text("Retirer Tom et toutes ses créations ?").wait_for()
    page.get_by_role("button", name="Oui, retirer Tom").click()
    wait_ready(page)
    expect(page.get_by_text("Tom", exact=True)).to_have_count(0)
    page.wait_for_timeout(500)  # the popover would show again on the next frame
    shot(page, "console-after-removal")
    assert page.get_by_role("button", name="Retirer", exact=True).count() == 2  # Léa and Zoé are still there
    assert not page.get_by_role("button", name="Oui, retirer 🨂Zoé🨀").is_visible()
    assert not page.get_by_text("Retirer 🨂Zoé🨀 et toutes ses créations ?").is_visible()
    assert page.get_by_role("button", name="Oui, retirer", exact=False).count() == 0
