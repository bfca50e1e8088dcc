"""A restart of the studio in the middle of a comic (a power cut, the laptop rebooted): the child's
tablet, opened again at the same address, finds the comic where it was."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import seed_workshop, start_studio, stop_studio, wait_ready


def test_the_comic_survives_a_studio_restart(browser, studio, tmp_path):
    seeded = seed_workshop(studio, "Atelier redémarré", participants=("Zoé",))
    address = f"comics?p={seeded['participants'][0]}&lang=fr"
    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{studio}/{address}")
        wait_ready(page)
        page.get_by_role("tab", name="2 · Histoire").click()
        page.get_by_label("Titre de ta BD").fill("Le chat qui vole")
        page.get_by_label("Titre de ta BD").press("Enter")
        wait_ready(page)
        line = page.get_by_label("1. 🦸 Le héros : qui est-ce ?")
        line.fill("Un chat qui rêve de voler")
        line.press("Enter")
        wait_ready(page)
        page.wait_for_timeout(500)  # the step is saved at the end of the run
        stop_studio(studio)  # the studio goes down...
        again = start_studio(studio.data_dir)  # ...and comes back (another port, the same data)
        try:
            page.goto(f"{again}/{address}")
            wait_ready(page)
            page.get_by_role("tab", name="2 · Histoire").click()
            expect(page.get_by_label("Titre de ta BD")).to_have_value("Le chat qui vole", timeout=15_000)
            expect(page.get_by_label("1. 🦸 Le héros : qui est-ce ?")).to_have_value("Un chat qui rêve de voler")
        finally:
            stop_studio(again)
    finally:
        context.close()
