"""The AI pictures of the Storybook and Postcards workshops in the browser (tiny SD-Turbo installed):
a book with one AI page and one stylised drawing, and a DVD cover repainted as a watercolour."""
from __future__ import annotations

import subprocess
import zipfile

from PIL import Image
from pypdf import PdfReader

from tests.e2e.ai_studio import ai_studio_fixture
from tests.e2e.conftest import (ARTIFACTS, assert_no_exception, book_pages, download, goto, nav_link, shot,
                              wait_ready)
from tests.fixtures.models_imagegen import paper_drawing
from tests.postcards.test_dvd import _photo

studio = ai_studio_fixture()


def _wait_for(page, check, timeout_s: float = 120) -> None:
    for _ in range(int(timeout_s)):
        if check():
            break
        page.wait_for_timeout(1000)
    wait_ready(page)
    assert check()


def story_widget(page, name: str, number: int):
    """A widget of storybook page `number` (its key carries the story's id: story-<name>-<id>-<number>)."""
    return page.locator(f'[class*="st-key-story-{name}-"][class$="-{number}"], '
                        f'[class*="st-key-story-{name}-"][class*="-{number} "]').first


def pic_mode(page, number: int):
    return story_widget(page, "pic-mode", number)


def test_a_book_with_an_ai_picture_and_a_stylised_drawing(browser_page, studio, tmp_path):
    page = browser_page
    drawing = tmp_path / "dessin.jpg"
    paper_drawing(640, 480).save(drawing, quality=90)
    goto(page, studio)
    page.get_by_role("link", name="Livre d'histoires").first.click()
    page.get_by_label("Le prénom du héros ou de l'héroïne").wait_for(timeout=60_000)
    wait_ready(page)
    page.get_by_label("Le prénom du héros ou de l'héroïne").fill("Zoé")
    page.get_by_label("Le prénom du héros ou de l'héroïne").press("Enter")
    wait_ready(page)
    book_pages(page, 4)  # 6 pages -> 4 pages
    page.get_by_role("button", name="✨ Écrire l'histoire").click()
    page.get_by_text("Page 4", exact=True).first.wait_for(timeout=120_000)
    wait_ready(page)

    # page 1: a picture by the AI; page 2: the child's drawing, inked and coloured on the processor
    pic_mode(page, 1).get_by_text("🎨 Image par l'IA").click()
    wait_ready(page)
    story_widget(page, "make-pic", 1).locator("button").click()
    wait_ready(page)
    pic_mode(page, 2).get_by_text("🖍️ Mon dessin transformé").click()
    wait_ready(page)
    story_widget(page, "upload", 2).locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(drawing))
    wait_ready(page)
    story_widget(page, "make-pic", 2).locator("button").click()
    wait_ready(page)
    pictures = page.locator('[data-testid="stImage"] img')
    _wait_for(page, lambda: pictures.count() >= 2 and not page.locator('[data-testid="stProgress"]').count())
    assert_no_exception(page)
    pic_mode(page, 1).scroll_into_view_if_needed()
    shot(page, "storybook-ai-pictures")

    page.get_by_text("🎵 Mettre de la musique").click()  # no music: keeps the test short
    wait_ready(page)
    page.get_by_role("button", name="📖 Fabriquer mon livre").click()
    page.get_by_role("button", name="📱 Livre numérique (EPUB)").wait_for(timeout=180_000)
    wait_ready(page)
    assert_no_exception(page)
    epub = download(page, page.get_by_role("button", name="📱 Livre numérique (EPUB)"), "storybook-ai.epub")
    pdf = download(page, page.get_by_role("button", name="📄 Pages A5 à lire (PDF)"), "storybook-ai-pages.pdf")
    with zipfile.ZipFile(epub) as book:
        images = [n for n in book.namelist() if n.lower().endswith((".png", ".jpg", ".jpeg"))]
    assert len(images) >= 2
    text = " ".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages)
    assert "IA" in text  # the printed book says a picture was made by the AI
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "3", str(pdf),
                    str(ARTIFACTS / "storybook-ai-page")], check=True)


def test_a_dvd_cover_repainted_by_the_ai(browser_page, studio, tmp_path):
    page = browser_page
    photo = tmp_path / "dvd.jpg"
    Image.fromarray(_photo(2, "wood")[0]).save(photo, quality=90)
    goto(page, studio)
    nav_link(page, "Cartes postales").click()
    wait_ready(page)
    page.get_by_role("button", name="Une pochette de DVD").first.click()
    wait_ready(page)
    page.locator(".st-key-pc-dvd [data-testid='stFileUploaderDropzoneInput']").set_input_files(str(photo))
    page.get_by_text("Pochette trouvée").first.wait_for(timeout=60_000)
    wait_ready(page)
    page.locator(".st-key-pc-transform").get_by_text("✨ Repeinte à l'aquarelle par l'IA").click()
    wait_ready(page)
    assert page.get_by_text("Stability AI").count() >= 1  # the model's licence is shown
    page.locator(".st-key-pc-transform-go button").click()
    wait_ready(page)
    frames = page.locator(".atelier-before-after")  # the before/after viewer, in the page (st.html)
    _wait_for(page, lambda: frames.count() >= 1 and not page.locator('[data-testid="stProgress"]').count())
    assert_no_exception(page)
    assert page.locator(".st-key-pc-transform-go button").is_enabled()  # free again once repainted
    page.locator(".st-key-pc-transform").scroll_into_view_if_needed()
    shot(page, "postcards-dvd-repaint")
