"""A tablet in portrait (820 x 1180): the sidebar starts folded, so the page itself says the first step (pick
your name, in the menu at the top left); once a name is picked there, the menu folds away and the page gets
its width back (it stayed open over a third of the screen)."""
from __future__ import annotations

from tests.e2e.conftest import ARTIFACTS, goto, seed_workshop, shot, wait_ready

FOLDED = "() => document.querySelector('[data-testid=\"stSidebar\"]')?.getAttribute('data-collapsed') === 'true'"
OPEN = FOLDED.replace("'true'", "'false'")


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
        assert "ouvre le menu" in hint.inner_text() and "dans le menu à gauche" not in hint.inner_text()
        shot(page, "tablet-01-name-first")
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        page.wait_for_function(OPEN)
        # the menu open: no « ouvre le menu » any more, the words say where the name is
        page.wait_for_function("() => !document.querySelector('.st-key-pick-name-first').innerText"
                               ".includes('ouvre le menu')", timeout=5_000)
        assert "dans le menu à gauche" in hint.inner_text()
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.locator(".st-key-participant_pick").get_by_role("combobox").click()
        page.get_by_role("option").filter(has_text="Inès").first.click()
        wait_ready(page)
        page.wait_for_function(FOLDED, timeout=10_000)  # the page has its width back
        page.wait_for_function("() => !document.querySelector('.st-key-pick-name-first')", timeout=10_000)
        width = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').getBoundingClientRect().width")
        assert width > 780, width
        shot(page, "tablet-02-name-picked")
        page.locator('[data-testid="stExpandSidebarButton"]').click()  # opened again: it shows the child's name
        assert "Inès" in " ".join(b.input_value() for b in sidebar.locator('input[role="combobox"]').all())
    finally:
        context.close()


def test_on_a_laptop_the_open_menu_is_not_said_to_be_opened(browser, studio):
    """At 1280 px the sidebar shows open: « ouvre le menu avec les deux petites flèches » made no sense there."""
    seed_workshop(studio, "Atelier portable", participants=("Inès",))
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        goto(page, studio, "storybook")
        page.wait_for_function(OPEN)
        hint = page.locator(".st-key-pick-name-first")
        hint.wait_for()
        assert "dans le menu à gauche" in hint.inner_text() and "ouvre le menu" not in hint.inner_text()
    finally:
        context.close()
