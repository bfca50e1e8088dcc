"""A tablet in portrait (820 x 1180): the sidebar starts folded, so the page itself says the first step (pick
your name, in the menu at the top left); once a name is picked there, the menu folds away and the page gets
its width back (it stayed open over a third of the screen)."""
from __future__ import annotations

from tests.e2e.conftest import ARTIFACTS, goto, seed_workshop, shot, wait_ready

FOLDED = "() => document.querySelector('[data-testid=\"stSidebar\"]')?.getAttribute('data-collapsed') === 'true'"


def test_the_first_step_is_said_on_the_page_and_the_menu_folds_once_a_name_is_picked(browser, studio):
    ARTIFACTS.mkdir(exist_ok=True)
    seed_workshop(studio, "Atelier tablette", participants=("Inès", "Malo"))  # the newest: the one picked
    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        goto(page, studio, "comics")
        page.wait_for_function(FOLDED)  # folded on arrival: « Qui es-tu ? » is out of sight
        hint = page.locator(".st-key-pick-name-first")
        hint.wait_for()
        assert "choisis ton prénom" in hint.inner_text()
        shot(page, "tablet-01-name-first")
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.locator(".st-key-participant_pick").get_by_role("combobox").click()
        page.get_by_role("option").filter(has_text="Inès").first.click()
        wait_ready(page)
        page.wait_for_function(FOLDED, timeout=10_000)  # the page has its width back
        assert page.locator(".st-key-pick-name-first").count() == 0
        width = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').getBoundingClientRect().width")
        assert width > 780, width
        shot(page, "tablet-02-name-picked")
        page.locator('[data-testid="stExpandSidebarButton"]').click()  # opened again: it shows the child's name
        assert "Inès" in " ".join(b.input_value() for b in sidebar.locator('input[role="combobox"]').all())
    finally:
        context.close()
