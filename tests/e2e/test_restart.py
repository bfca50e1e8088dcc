"""A restart of the studio in the middle of a comic (a power cut, the laptop rebooted): the child's
tablet, opened again at the same address, finds the comic where it was."""
from __future__ import annotations

from playwright.sync_api import expect

import os
import subprocess
import sys

from tests.e2e.conftest import ROOT, seed_workshop, start_studio, stop_studio, wait_ready


def _saved_comic(studio, participant: int) -> str:
    """The comic work the studio's store holds for `participant`, as JSON text ("" when none)."""
    code = ("import json,sys; sys.path.insert(0, %r)\n"
            "from pipelines.store import Store\nfrom pipelines.store.work import load_work\n"
            "print(json.dumps(load_work(Store(), %d, 'comic'), ensure_ascii=False))\n" % (str(ROOT), participant))
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, ATELIER_DATA_DIR=str(studio.data_dir)),
                         capture_output=True, text=True, check=True)
    return out.stdout


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
        participant = seeded["participants"][0]
        for _ in range(60):  # the step is saved at the end of the run: down only once it is in the store
            if "Un chat qui rêve de voler" in _saved_comic(studio, participant):
                break
            page.wait_for_timeout(250)
        assert "Un chat qui rêve de voler" in _saved_comic(studio, participant), "the comic never reached the store"
        stop_studio(studio)  # the studio goes down...
        again = start_studio(studio.data_dir)  # ...and comes back (another port, the same data)
        try:
            page.goto(f"{again}/{address}")
            wait_ready(page)
            page.get_by_role("tab", name="2 · Histoire").click()
            expect(page.get_by_label("Titre de ta BD")).to_have_value("Le chat qui vole", timeout=15_000)
            # the tab draws its title first and its lines after: on a busy machine the lines come seconds later
            expect(page.get_by_label("1. 🦸 Le héros : qui est-ce ?")).to_have_value("Un chat qui rêve de voler",
                                                                                   timeout=30_000)
        finally:
            stop_studio(again)
    finally:
        context.close()
