"""The portrait, postcards and gallery pages in a real room: a tablet (820 x 1180, sidebar folded) and a
laptop (1280 x 800). A file of the wrong kind gets a sentence, an animated GIF is taken (first frame), the
portrait in progress survives a reload, downloads are named for the child, the gallery asks before deleting."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

from PIL import Image

from tests.e2e.conftest import ROOT, assert_axe_clean, assert_no_exception, downloaded, seed_workshop, shot, wait_ready

FOLDED = "document.querySelector('[data-testid=stSidebar]')?.dataset.collapsed === 'true'"  # null while drawing
SCROLL = """(where) => { for (const e of [document.scrollingElement, ...document.querySelectorAll(
  '[data-testid=stMain], [data-testid=stAppViewContainer], [data-testid=stAppScrollToBottomContainer]')]) {
  if (e) e.scrollTop = where === 'end' ? e.scrollHeight : 0; } }"""


def _shots(page, name: str) -> None:
    """Screenshots of the top and the end of the page (the app scrolls inside its own container)."""
    page.evaluate(SCROLL, "top")
    page.wait_for_timeout(300)
    shot(page, f"{name}-top")
    page.evaluate(SCROLL, "end")
    page.wait_for_timeout(300)
    shot(page, f"{name}-end")


def _astronaut_gif(path) -> None:
    import skimage.data

    first = Image.fromarray(skimage.data.astronaut())
    frames = [first, first.transpose(Image.Transpose.FLIP_LEFT_RIGHT), Image.new("RGB", first.size, "blue")]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=200, loop=0)


def _seed_creation(studio, workshop_id: int, owner: int) -> None:
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from PIL import Image\n"
        "from pipelines.store import Store\n"
        "s = Store(); folder = s.artifact_dir(%d, 'portraits-test'); folder.mkdir(parents=True, exist_ok=True)\n"
        "Image.new('RGB', (400, 500), (200, 120, 40)).save(folder / 'tableau.png')\n"
        "s.add_artifact(workshop_id=%d, owner=%d, kind='portrait', files={'portrait': str(folder / 'tableau.png')},"
        " title='Léa', model='portrait.paint.cpu', ai_made=False)\n" % (str(ROOT), workshop_id, workshop_id, owner))
    subprocess.run([sys.executable, "-c", code], env=dict(os.environ, ATELIER_DATA_DIR=str(studio.data_dir)),
                   check=True)


def test_portrait_on_a_tablet_survives_a_reload(browser, studio, tmp_path):
    seeded = seed_workshop(studio, "Portraits du samedi", participants=("Léa",))
    lea = seeded["participants"][0]
    context = browser.new_context(viewport={"width": 820, "height": 1180}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{studio}/portraits?p={lea}&lang=fr")
        wait_ready(page)
        page.wait_for_function(FOLDED, timeout=10_000)  # the sidebar folded away (st.html script)
        page.get_by_text("Je suis d'accord pour que l'ordinateur peigne mon portrait").click()
        wait_ready(page)
        dropzone = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
        pdf = tmp_path / "photo.pdf"
        pdf.write_bytes(b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
        dropzone.set_input_files(str(pdf))
        page.get_by_text("C'est un document PDF, pas une image").wait_for()  # a sentence, not a chip
        assert page.get_by_text("Images acceptées : JPEG, PNG, WebP, HEIC, AVIF, TIFF, BMP, GIF").count() == 1
        gif = tmp_path / "lea.gif"
        _astronaut_gif(gif)
        dropzone.set_input_files(str(gif))
        page.get_by_text("J'ai trouvé ton visage !").wait_for(timeout=60_000)  # the GIF's first frame
        page.get_by_role("button", name="Choisir").first.wait_for(timeout=60_000)
        wait_ready(page)
        page.get_by_role("button", name="Choisir").nth(11).click()  # pop art
        wait_ready(page)
        page.get_by_role("button", name="Peindre mon portrait").click()
        page.get_by_text("Avant / après").wait_for(timeout=60_000)
        wait_ready(page)
        viewer = page.locator(".atelier-before-after")
        viewer.wait_for()
        slider = page.locator("input[type=range][id$='-slider']")
        slider.focus()
        for _ in range(5):
            slider.press("ArrowRight")
        clip = page.locator(".atelier-before-after img[id$='-before']").evaluate("e => e.style.clipPath")
        assert clip != "inset(0px 50% 0px 0px)" and "inset" in clip  # the slider drives the picture

        page.reload()  # the tablet slept, or someone pressed reload
        wait_ready(page)
        page.get_by_text("Avant / après").wait_for(timeout=30_000)
        wait_ready(page)
        assert page.get_by_role("button", name="✔ Choisir").count() == 1  # the painter she chose
        assert page.get_by_text("dans l'esprit du pop art").count() >= 1
        assert_no_exception(page)
        assert_axe_clean(page, "room-portrait-820")  # the before/after viewer included
        got = downloaded(page, page.get_by_role("button", name="⬇️ Mon tableau (PNG)"))
        assert got.suggested_filename == f"portrait-lea-pop-art-{date.today():%Y-%m-%d}.png"
        _shots(page, "room-portrait-820")
        page.set_viewport_size({"width": 1280, "height": 800})
        wait_ready(page)
        _shots(page, "room-portrait-1280")
    finally:
        context.close()


def test_gallery_asks_before_deleting(browser, studio):
    seeded = seed_workshop(studio, "Galerie du samedi", participants=("Léa",))
    lea = seeded["participants"][0]
    _seed_creation(studio, seeded["workshop"]["id"], lea)
    for width, height in ((820, 1180), (1280, 800)):
        context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            page.goto(f"{studio}/gallery?p={lea}&lang=fr")
            wait_ready(page)
            page.get_by_text("Fait par l'ordinateur, sans IA").wait_for()  # how it was made
            got = downloaded(page, page.get_by_role("button", name="⬇️ PNG"))
            assert got.suggested_filename == f"portrait-lea-{date.today():%Y-%m-%d}.png"
            page.get_by_role("button", name="🗑️ Supprimer").click()  # one tap only asks
            page.get_by_text("Supprimer « Léa » ? Cela ne peut pas être annulé.").wait_for()
            shot(page, f"room-gallery-{width}")
            assert_axe_clean(page, f"room-gallery-{width}")  # the question open
            page.keyboard.press("Escape")
            wait_ready(page)
            assert page.get_by_text("Fait par l'ordinateur, sans IA").count() == 1  # still there
        finally:
            context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{studio}/gallery?p={lea}&lang=fr")
        wait_ready(page)
        page.get_by_role("button", name="🗑️ Supprimer").click()
        page.get_by_role("button", name="Oui, supprimer").click()
        wait_ready(page)
        page.get_by_text("Pas encore de création dans cet atelier.").wait_for()
    finally:
        context.close()


def test_postcards_page_on_a_tablet_and_a_laptop(browser, studio):
    seeded = seed_workshop(studio, "Cartes du samedi", participants=("Léa",))
    lea = seeded["participants"][0]
    _seed_creation(studio, seeded["workshop"]["id"], lea)
    for width, height in ((820, 1180), (1280, 800)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            page.goto(f"{studio}/postcards?p={lea}&lang=fr")
            wait_ready(page)
            page.get_by_role("button", name="Choisir").first.click()
            wait_ready(page)
            page.get_by_label("Nombre de cartes").fill("2")
            page.get_by_label("Nombre de cartes").press("Enter")
            wait_ready(page)
            page.get_by_text("elle est complétée avec les mêmes cartes (4 cartes)").wait_for()
            assert_no_exception(page)
            _shots(page, f"room-postcards-{width}")
            assert_axe_clean(page, f"room-postcards-{width}")
        finally:
            context.close()
