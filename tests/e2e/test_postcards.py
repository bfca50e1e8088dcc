"""A facilitator makes a 4-up postcard sheet from a studio creation, downloads it and looks at it."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pypdf

from tests.e2e.conftest import ARTIFACTS, ROOT, downloaded, goto, nav_link, seed_workshop, shot, wait_ready


def _seed_creation(studio, workshop_id: int) -> None:
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "import numpy as np; from PIL import Image\n"
        "from pipelines.store import Store\n"
        "s = Store(); folder = s.artifact_dir(%d, 'comics'); folder.mkdir(parents=True, exist_ok=True)\n"
        "y, x = np.mgrid[0:700, 0:1000]\n"
        "Image.fromarray(np.stack([x %% 256, y %% 256, (x + y) %% 256], -1).astype(np.uint8))"
        ".save(folder / 'case.png')\n"
        "s.add_artifact(workshop_id=%d, owner=None, kind='comic_panel', files={'image': str(folder / 'case.png')},"
        " title='Dragon', ai_made=True)\n" % (str(ROOT), workshop_id, workshop_id))
    subprocess.run([sys.executable, "-c", code], env=dict(os.environ, ATELIER_DATA_DIR=str(studio.data_dir)),
                   check=True)


def test_make_a_4up_sheet_from_a_creation(browser_page, studio, tmp_path):
    page = browser_page
    seeded = seed_workshop(studio, "Cartes du samedi")
    _seed_creation(studio, seeded["workshop"]["id"])
    goto(page, studio)
    nav_link(page, "Cartes postales").click()
    wait_ready(page)
    shot(page, "postcards-00-open")
    page.get_by_role("button", name="Choisir").first.click()
    wait_ready(page)
    page.get_by_label("Titre sur l'image (facultatif)").fill("Mon dragon")
    page.get_by_label("Ton message au dos").fill("Coucou Mamie ! Regarde mon dragon.")
    page.get_by_label("Ton message au dos").press("Control+Enter")
    wait_ready(page)
    page.get_by_role("button", name="Fabriquer mes cartes").click()
    page.get_by_text("Télécharger le PDF à imprimer").wait_for(timeout=120_000)
    wait_ready(page)
    shot(page, "postcards-01-sheet")
    got = downloaded(page, page.get_by_role("button", name="Télécharger le PDF à imprimer"))
    pdf = tmp_path / "cartes.pdf"
    got.save_as(pdf)
    # the facilitator (no participant): what, title, day
    assert got.suggested_filename == f"cartes-postales-mon-dragon-{date.today():%Y-%m-%d}.pdf"
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == 2  # fronts, then backs
    assert reader.pages[1].extract_text().count("Coucou Mamie") == 4
    assert "avec l'IA" in reader.pages[1].extract_text()  # the creation was recorded as made with AI
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(ARTIFACTS / "postcards-pdf")], check=True)
    assert (ARTIFACTS / "postcards-pdf-1.png").exists() and (ARTIFACTS / "postcards-pdf-2.png").exists()
