"""Every page passes axe-core's WCAG 2.2 A/AA rules with no serious or critical violation, in French and
English, and the menu and the workshops' first steps work with the keyboard alone (Tab / Enter)."""
from __future__ import annotations

from pathlib import Path


import pytest

from tests.e2e.conftest import assert_no_exception, axe_violations, nav_link, seed_workshop, shot, wait_ready
from pipelines.i18n import translate
from ui.nav import HOME, TOOLS, WORKSHOPS

PAGES = [HOME, *WORKSHOPS, *TOOLS]

@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_has_no_serious_wcag_violation(browser, studio, language):
    seed_workshop(studio, "Atelier accessible", participants=("Zoé",))
    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        report = {}
        for info in PAGES:  # each page's address, with the language kept in it (?lang=en) as after a reload
            path = "" if info is HOME else Path(info.path).stem
            page.goto(f"{studio}/{path}" + ("?lang=en" if language == "en" else ""))
            wait_ready(page)
            assert_no_exception(page)
            label = translate("sidebar.language", language)  # the frame speaks the address's language
            page.get_by_text(label, exact=True).first.wait_for(state="attached", timeout=30_000)
            wait_ready(page)
            violations = axe_violations(page)
            if violations:
                report[info.key] = violations
                shot(page, f"axe-{language}-{info.key}")
        assert report == {}, f"axe found serious violations: {report}"
    finally:
        context.close()


def test_menu_and_first_steps_with_the_keyboard(browser_page, studio):
    page = browser_page
    page.goto(studio)
    wait_ready(page)
    link = nav_link(page, "Bande dessinée")
    link.focus()  # the menu's links are reachable in the tab order
    assert page.evaluate("document.activeElement.tagName") == "A"
    page.keyboard.press("Enter")
    wait_ready(page)
    assert page.get_by_role("heading", name="Bande dessinée").first.is_visible()
    # Tab from the page's first control reaches a layout button; Enter picks it
    page.get_by_role("tab", name="1 · Cases").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.innerText || ''").strip().startswith("4 bandes"):
            break
    else:
        raise AssertionError("the layout buttons cannot be reached with Tab")
    page.keyboard.press("Enter")
    wait_ready(page)
    assert page.get_by_role("button", name="✔ 4 bandes · 4 cases").is_visible()  # picked with Enter
    shot(page, "keyboard-comics-layout")
    assert_no_exception(page)
