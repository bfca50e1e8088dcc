"""A patron goes from an uploaded photo to the printed framed portrait with its museum label, in the browser."""
from __future__ import annotations

import subprocess
import time

from PIL import Image

from tests.e2e.conftest import ARTIFACTS, download, goto, seed_workshop, shot, wait_ready


def test_upload_to_printed_label(browser_page, studio, tmp_path):
    page = browser_page
    started = time.monotonic()
    try:
        _upload_to_printed_label(page, studio, tmp_path)
    except Exception:
        shot(page, "portraits-failure")
        for log in ("studio.log", "worker.log"):
            path = studio.data_dir / log
            print(f"--- {log}", path.read_text(errors="replace")[-3000:] if path.exists() else "(none)")
        raise
    assert time.monotonic() - started < 120  # photo to printed portrait in under two minutes


def _upload_to_printed_label(page, studio, tmp_path):
    import skimage.data

    photo = tmp_path / "lea.jpg"
    Image.fromarray(skimage.data.astronaut()).save(photo, quality=90)
    seed_workshop(studio, "Nuit de la lecture", participants=("Léa",))
    goto(page, studio)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Portraits de peintre").click()
    wait_ready(page)
    page.get_by_text("Choisis ton prénom à gauche").wait_for(timeout=30_000)  # nothing before the sitter is known
    assert page.locator('[data-testid="stFileUploaderDropzoneInput"]').count() == 0
    page.get_by_label("Qui es-tu ?").click()
    page.get_by_role("option", name="Léa").click()
    wait_ready(page)
    assert page.locator('[data-testid="stFileUploaderDropzoneInput"]').count() == 0  # consent first
    page.get_by_text("Je suis d'accord pour que l'ordinateur peigne mon portrait").click()
    wait_ready(page)
    shot(page, "portraits-01-consent")

    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(photo))
    page.get_by_text("J'ai trouvé ton visage !").wait_for(timeout=60_000)
    page.get_by_role("button", name="Choisir").first.wait_for(timeout=60_000)  # the painters' cards
    wait_ready(page)
    assert page.locator('img[alt^="Exemple : un portrait peint d\'après Vincent van Gogh"]').count() == 1
    shot(page, "portraits-02-painters")
    page.get_by_role("button", name="Choisir").nth(11).click()  # pop art, the last card
    wait_ready(page)
    page.get_by_role("button", name="Peindre mon portrait").click()
    page.get_by_text("Avant / après").wait_for(timeout=60_000)
    wait_ready(page)
    assert page.get_by_text("dans l'esprit du pop art").count() >= 1  # the cartel
    assert page.get_by_text("Peint par l'ordinateur, sans IA").count() >= 1
    shot(page, "portraits-03-painting")

    page.get_by_role("button", name="Préparer l'impression").click()
    button = page.get_by_role("button", name="Tableau et cartel (PDF)")
    button.wait_for(timeout=60_000)
    wait_ready(page)
    shot(page, "portraits-04-print")
    pdf = download(page, button, "portrait-cartel.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Léa" in text and "dans l'esprit du pop art" in text and "Peint par l'ordinateur, sans IA" in text
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-singlefile", str(pdf), str(ARTIFACTS / "portrait-cartel")],
                   check=True)
