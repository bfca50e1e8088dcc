"""A librarian adds a phone photo (HEIC) to a quiz pack: the builder lets it through to the upload checks, which
take it (the file picker used to offer only png/jpg/webp); the pack of one question is then offered to play (its
« how many questions » slider had two equal ends and stopped the page)."""
from __future__ import annotations

import pillow_heif
from PIL import Image

from tests.e2e.conftest import goto, shot, wait_ready


def human_work_with_file(page, studio, title: str, path) -> None:
    """On the pack builder: a new pack `title`, its « œuvre humaine » form opened and `path` given to its picker."""
    goto(page, studio, "blindtest")
    page.get_by_role("tab", name="Fabriquer un pack").click()
    page.get_by_label("Titre du nouveau pack").fill(title)
    page.get_by_role("button", name="Créer le pack").click()
    wait_ready(page)
    page.locator("[data-testid=stExpander] summary", has_text="œuvre humaine").click()
    wait_ready(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(path))


def test_a_heic_photo_goes_into_a_quiz_pack(browser_page, studio, tmp_path):
    pillow_heif.register_heif_opener()
    photo = tmp_path / "IMG_0420.HEIC"
    Image.new("RGB", (320, 240), (40, 160, 90)).save(photo, format="HEIF")
    page = browser_page
    human_work_with_file(page, studio, "Nos photos", photo)
    page.get_by_label("Auteur (crédit)").fill("Léa")
    page.get_by_role("button", name="Ajouter", exact=False).last.click()
    wait_ready(page)
    shot(page, "quiz-builder-heic")
    page.get_by_role("tabpanel", name="Fabriquer un pack").get_by_text("Nos photos — 1 question").wait_for()
    page.get_by_role("tab", name="Jouer").click()  # a pack of one question: no slider with two equal ends
    page.get_by_role("tabpanel", name="Jouer").get_by_text("Nos photos — 1 question").click()
    wait_ready(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    pictures = list((studio.data_dir).rglob("*.png"))
    assert any(Image.open(p).size == (320, 240) for p in pictures)
