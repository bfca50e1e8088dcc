"""A fresh studio whose first visitor opens a page's address directly still shows the whole frame."""
from __future__ import annotations

from tests.e2e.conftest import nav_menu, shot, wait_ready


def test_first_visit_straight_to_a_page_gets_the_frame(browser_page, studio):
    page = browser_page
    page.goto(f"{studio}/console")  # the very first request this server sees
    page.get_by_text("Animation de l'atelier").wait_for(timeout=60_000)
    wait_ready(page)
    shot(page, "studio-deeplink-console")
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("Langue").is_visible()  # the frame's sidebar, not a bare page
    assert nav_menu(page).get_by_text("Accueil").is_visible()
    assert not nav_menu(page).get_by_text("console", exact=True).count()
    assert page.get_by_text("Animation de l'atelier").is_visible()

