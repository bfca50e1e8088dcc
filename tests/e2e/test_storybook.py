"""A person makes a 4-page storybook in the browser and downloads the ebook and the booklet."""
from __future__ import annotations

import subprocess
import zipfile

from pypdf import PdfReader

from tests.e2e.conftest import assert_no_exception, book_pages, download, goto, shot, tapped, wait_ready


def test_make_a_four_page_book_and_download_it(browser_page, studio):
    page = browser_page
    goto(page, studio)
    page.get_by_role("link", name="Livre d'histoires").first.click()
    page.get_by_label("Le prénom du héros ou de l'héroïne").wait_for(timeout=60_000)
    wait_ready(page)
    shot(page, "storybook-start")
    page.get_by_label("Le prénom du héros ou de l'héroïne").fill("Zoé")
    page.get_by_label("Le prénom du héros ou de l'héroïne").press("Enter")
    wait_ready(page)
    tapped(page, page.get_by_role("button", name="🦉  Chouette"),  # a tap lost in a redraw is tapped again
           page.get_by_role("button", name="✔ 🦉  Chouette"))
    wait_ready(page)
    book_pages(page, 4)  # 6 pages -> 4 pages
    page.get_by_role("button", name="✨ Écrire l'histoire").click()
    page.get_by_text("Page 4", exact=True).first.wait_for(timeout=120_000)
    wait_ready(page)
    assert_no_exception(page)
    assert page.get_by_text("Page 5", exact=True).count() == 0
    assert "chouette" in " ".join(page.locator("textarea").nth(i).input_value() for i in range(4)).lower()
    page.get_by_text("🎵 Mettre de la musique").click()  # no music: keeps the test short
    wait_ready(page)
    page.get_by_role("button", name="📖 Fabriquer mon livre").click()
    page.get_by_role("button", name="📱 Livre numérique (EPUB)").wait_for(timeout=180_000)
    wait_ready(page)
    assert_no_exception(page)
    shot(page, "storybook-done")
    epub = download(page, page.get_by_role("button", name="📱 Livre numérique (EPUB)"), "storybook.epub")
    booklet = download(page, page.get_by_role("button", name="📚 Livret à plier (PDF)"), "storybook-booklet.pdf")
    with zipfile.ZipFile(epub) as z:
        pages = [n for n in z.namelist() if n.startswith("EPUB/page-")]
        text = " ".join(z.read(n).decode() for n in pages)
    assert len(pages) == 4 and "chouette" in text.lower()
    check = subprocess.run(["java", "-jar", "/usr/share/java/epubcheck.jar", str(epub)], capture_output=True,
                           text=True, timeout=300)
    assert "0 errors / 0 warnings" in check.stdout, check.stdout
    assert len(PdfReader(str(booklet)).pages) == 4  # cover + 4 pages + last page + 2 blanks = 8 -> 2 sheets x 2 sides
