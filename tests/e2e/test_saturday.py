"""A whole Saturday in the room: a facilitator at the desk (1280 x 800) and three children on tablets
(820 x 1180). Léa makes a comic, Noah two storybooks in a row, Inès postcards; each reloads the page in
the middle. Nothing is lost, nothing is mixed, and the story preview plays its music.

Every page is photographed at both sizes in test-artifacts/ (saturday-*.png)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import zipfile

import pdfplumber
from playwright.sync_api import expect

from tests.e2e.conftest import (ROOT, assert_axe_clean, assert_no_exception, book_pages, download, shot, tapped,
                              wait_ready)
from tests.fixtures.models_comics import make_drawing

TABLET = {"width": 820, "height": 1180}
DESK = {"width": 1280, "height": 800}
PAGES = ["", "comics", "storybook", "photos", "postcards", "gallery", "console", "models", "play", "blindtest"]


def _people(studio, workshop: str) -> dict[str, dict]:
    code = ("import json,sys; sys.path.insert(0, %r)\nfrom pipelines.store import Store\ns = Store()\n"
            "w = [w for w in s.workshops() if w['name'] == %r][0]\n"
            "print(json.dumps({p['name']: p for p in s.participants(w['id'])}))\n" % (str(ROOT), workshop))
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, ATELIER_DATA_DIR=str(studio.data_dir)),
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _creations(studio, owner: int) -> list[dict]:
    code = ("import json,sys; sys.path.insert(0, %r)\nfrom pipelines.store import Store\n"
            "print(json.dumps([{'kind': a['kind'], 'title': a['title']} for a in Store().artifacts(owner=%d)]))\n"
            % (str(ROOT), owner))
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, ATELIER_DATA_DIR=str(studio.data_dir)),
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _page(browser, viewport):
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def _open(page, url: str) -> None:
    page.goto(url)
    wait_ready(page)
    assert_no_exception(page)


def _reload(page) -> None:
    page.reload()
    wait_ready(page)
    assert_no_exception(page)


def _eventually(check, timeout_s: float = 15) -> None:
    """Wait until `check()` is true (a reloaded page fills its boxes a moment after it first shows)."""
    deadline = time.time() + timeout_s
    while not check():
        assert time.time() < deadline, "the page never got there"
        time.sleep(0.3)


def _tab(page, name: str):
    page.get_by_role("tab", name=name).click()
    page.wait_for_timeout(300)
    return page.get_by_role("tabpanel", name=name)


def _wait_text(page, text: str, timeout_s: float = 120) -> None:
    page.get_by_text(text).first.wait_for(timeout=timeout_s * 1000)
    wait_ready(page)


def _facilitator(page, studio) -> None:
    _open(page, f"{studio}/console")
    page.get_by_label("Nom de l'atelier").fill("Samedi au studio")
    page.get_by_role("button", name="Créer l'atelier").click()
    _wait_text(page, "Code pour les tablettes")
    form = page.locator('[data-testid="stForm"]').filter(has_text="Prénom ou pseudonyme")
    for name, age, group in (("Léa", "6", "6 ans et moins"), ("Noah", "8", "7-8 ans"), ("Inès", "9", "9-10 ans")):
        form.get_by_label("Prénom ou pseudonyme").fill(name)
        form.get_by_label("Âge", exact=True).fill(age)  # an age as the facilitator knows it; the store keeps its group
        form.get_by_text("Un parent a donné son accord").click()
        form.get_by_label("Accord noté par").fill("Animatrice")
        form.get_by_role("button", name="Ajouter").click()
        _wait_text(page, f"{name} a rejoint l'atelier.")
        page.get_by_text(f"{name} · {group}").wait_for()
        assert form.get_by_label("Prénom ou pseudonyme").input_value() == ""  # cleared once added
    # a consent error keeps what was typed
    form.get_by_label("Prénom ou pseudonyme").fill("Sam")
    form.get_by_text("Un parent a donné son accord").click()
    form.get_by_role("button", name="Ajouter").click()
    _wait_text(page, "Indiquez qui a noté l'accord du parent.")
    assert form.get_by_label("Prénom ou pseudonyme").input_value() == "Sam"
    form.get_by_label("Accord noté par").fill("Animatrice")
    form.get_by_role("button", name="Ajouter").click()
    _wait_text(page, "Sam a rejoint l'atelier.")
    # "Retirer" asks first: one tap removes nobody
    page.get_by_role("button", name="Retirer").last.click()
    page.get_by_text("Retirer Sam et toutes ses créations ?").wait_for()
    assert "Sam" in _people(studio, "Samedi au studio")
    page.get_by_role("button", name="Oui, retirer Sam").click()
    wait_ready(page)
    assert set(_people(studio, "Samedi au studio")) == {"Léa", "Noah", "Inès"}
    shot(page, "saturday-console-1280")
    assert_axe_clean(page, "saturday-console-1280")


def _panel_button(bubbles, number: str):
    """The big button of one panel in the bubbles step (a segmented control: one button per panel)."""
    return bubbles.locator('[class*="st-key-comic-bubble-panel"] button').filter(
        has_text=re.compile(rf"^\s*{number}\s*$"))


def _lea_comic(page, studio, lea: dict, tmp_path) -> None:
    _open(page, f"{studio}/comics?p={lea['id']}&lang=fr")
    page.wait_for_function("document.querySelector('[data-testid=stSidebar]').dataset.collapsed === 'true'",
                           timeout=10_000)  # the sidebar is folded away on a tablet
    shot(page, "saturday-comics-layout-820")
    story = _tab(page, "2 · Histoire")
    story.get_by_label("Titre de ta BD").fill("Le dragon de Léa")
    story.get_by_label("Titre de ta BD").press("Enter")
    wait_ready(page)
    panels = _tab(page, "4 · Dessins")
    panels.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        str(make_drawing(tmp_path / "dragon.png")))
    _wait_text(page, "Dessin reçu.")
    page.get_by_role("button", name="🎨 Dessiner la case 1").click()
    panels.get_by_text("Case prête").first.wait_for(timeout=120_000)
    wait_ready(page)
    shot(page, "saturday-comics-panels-820")
    assert_axe_clean(page, "saturday-comics-panels-820")
    _reload(page)  # the tablet reloads in the middle of the comic
    expect(_tab(page, "2 · Histoire").get_by_label("Titre de ta BD")).to_have_value("Le dragon de Léa")
    expect(_tab(page, "4 · Dessins").get_by_text("Case prête")).to_have_count(1)
    bubbles = _tab(page, "5 · Bulles")
    _panel_button(bubbles, "2").click()
    wait_ready(page)
    assert bubbles.get_by_text("La case 2 n'a pas encore d'image").count() == 1  # said here, in her words
    assert bubbles.get_by_role("button", name="➕ Ajouter la bulle").is_disabled()
    _panel_button(bubbles, "1").click()
    wait_ready(page)
    text_box = bubbles.get_by_label("Texte de la bulle")
    expect(text_box).to_have_count(1, timeout=10_000)  # panel 2's box may linger a moment after the switch
    text_box.fill("Coucou les amis !")
    text_box.press("Control+Enter")
    wait_ready(page)
    bubbles.get_by_role("button", name="➕ Ajouter la bulle").click()
    wait_ready(page)
    expect(bubbles.get_by_label("Texte de la bulle")).to_have_value("", timeout=10_000)  # no duplicate by a 2nd tap
    expect(bubbles.get_by_text("Coucou les amis !")).to_have_count(1)  # the bubble, listed once
    for label in ("⬆️ Monter", "⬇️ Descendre", "⬅️ Gauche", "➡️ Droite", "🗑️ Enlever"):
        button = bubbles.get_by_role("button", name=label)
        assert button.count() == 1 and button.bounding_box()["width"] > 60, label
    shot(page, "saturday-comics-bubbles-820")
    assert_axe_clean(page, "saturday-comics-bubbles-820")
    export = _tab(page, "6 · Imprimer")
    export.get_by_role("button", name="🖨️ Créer ma planche (PDF + image)").click()
    _wait_text(page, "Ta planche est prête !")
    shot(page, "saturday-comics-export-820")
    assert_axe_clean(page, "saturday-comics-export-820")
    preview = export.locator('[data-testid="stImage"]').first.bounding_box()
    button = export.get_by_role("button", name="🖨️ Créer ma planche (PDF + image)").bounding_box()
    assert preview["x"] + preview["width"] <= button["x"] + 1 or preview["y"] >= button["y"] + button["height"]
    pdf = download(page, page.get_by_role("button", name="⬇️ PDF à imprimer (A4)"), "saturday-comic.pdf")
    with pdfplumber.open(pdf) as doc:
        text = " ".join(doc.pages[0].extract_text().split())
    assert "Le dragon de Léa" in text and "Coucou les amis" in text


def _write_story(page, hero_name: str) -> None:
    page.get_by_label("Le prénom du héros ou de l'héroïne").fill(hero_name)
    page.get_by_label("Le prénom du héros ou de l'héroïne").press("Enter")
    wait_ready(page)
    page.get_by_role("button", name="✨ Écrire l'histoire").click()
    page.get_by_text("Page 4", exact=True).first.wait_for(timeout=120_000)
    _eventually(lambda: hero_name in _story_texts(page), 120)
    wait_ready(page)


def _story_texts(page) -> str:
    return page.evaluate("() => Array.from(document.querySelectorAll('textarea')).map(t => t.value).join(' ')")


def _noah_storybooks(page, studio, noah: dict) -> None:
    _open(page, f"{studio}/storybook?p={noah['id']}&lang=fr")
    expect(page.get_by_label("Le prénom du héros ou de l'héroïne")).to_have_value("Noah")  # the child's name
    tapped(page, page.get_by_role("button", name="🦉  Chouette"),  # a tap lost in a redraw is tapped again
           page.get_by_role("button", name="✔ 🦉  Chouette"))
    wait_ready(page)
    book_pages(page, 4)  # 6 pages -> 4 pages
    shot(page, "saturday-storybook-choices-820")
    _write_story(page, "Zoé")
    first = _story_texts(page)
    assert "Zoé" in first and "chouette" in first.lower()
    assert page.get_by_text("C'est noté !").count() == 0  # untouched pages are not "edited"
    _reload(page)  # the tablet reloads in the middle of the first book
    expect(page.get_by_label("Le prénom du héros ou de l'héroïne")).to_have_value("Zoé")
    _eventually(lambda: _story_texts(page) == first)
    page.get_by_role("button", name="📖 Fabriquer mon livre").click()  # with its music
    page.get_by_role("button", name="📱 Livre numérique (EPUB)").wait_for(timeout=180_000)
    wait_ready(page)
    assert page.get_by_text("C'est noté !").count() == 0
    shot(page, "saturday-storybook-book-820")
    assert_axe_clean(page, "saturday-storybook-book-820")
    audio = page.locator("audio").first
    audio.wait_for(state="attached")
    sound = audio.evaluate("""a => new Promise(done => {
        const report = () => done({src: a.currentSrc || a.src, duration: a.duration, error: a.error && a.error.code});
        if (a.readyState >= 1) return report();
        a.addEventListener('loadedmetadata', report); a.addEventListener('error', report); a.load();
        setTimeout(report, 15000); })""")
    assert sound["error"] is None and sound["duration"] > 5, sound  # the page's music loads and plays
    response = page.request.get(sound["src"])
    assert response.status == 200 and len(response.body()) > 10_000
    first_book = download(page, page.get_by_role("button", name="📄 Pages A5 à lire (PDF)"), "saturday-zoe.pdf")
    with pdfplumber.open(first_book) as doc:
        assert "Noah" in doc.pages[0].extract_text()  # credited to the child who made it

    # the second book in a row: Zoé's pages are never saved into it
    _write_story(page, "Jean-Baptiste")
    second = _story_texts(page)
    assert "Jean-Baptiste" in second and "Zoé" not in second
    assert page.get_by_text("C'est noté !").count() == 0
    _reload(page)  # and a reload in the middle of the second one
    _eventually(lambda: _story_texts(page) == second)
    page.get_by_text("🎵 Mettre de la musique").click()
    wait_ready(page)
    page.get_by_role("button", name="📖 Fabriquer mon livre").click()
    page.get_by_role("button", name="📱 Livre numérique (EPUB)").wait_for(timeout=180_000)
    wait_ready(page)
    epub = download(page, page.get_by_role("button", name="📱 Livre numérique (EPUB)"), "saturday-jean-baptiste.epub")
    with zipfile.ZipFile(epub) as z:
        text = " ".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml"))
    assert "Jean-Baptiste" in text and "Zoé" not in text
    shot(page, "saturday-storybook-second-820")
    books = sorted(c["title"] for c in _creations(studio, noah["id"]) if c["kind"] == "storybook")
    assert len(books) == 2 and books[0].startswith("Jean-Baptiste") and books[1].startswith("Zoé")  # two books


def _ines_postcards(page, studio, ines: dict, tmp_path) -> None:
    _open(page, f"{studio}/postcards?p={ines['id']}&lang=fr")
    # the creations of Léa and Noah are theirs: Inès has none yet
    assert page.get_by_role("button", name="Choisir").count() == 0
    page.get_by_role("button", name="📷  Une photo").click()
    wait_ready(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        str(make_drawing(tmp_path / "chat.png", sky=(250, 220, 200), body=(240, 150, 60))))
    page.get_by_label("Ton message au dos").wait_for(timeout=60_000)
    wait_ready(page)
    page.get_by_label("Ton message au dos").fill("Bisous de la médiathèque !")
    page.get_by_label("Ton message au dos").press("Control+Enter")
    wait_ready(page)
    _reload(page)  # a reload in the middle of the card
    expect(page.get_by_label("Ton message au dos")).to_have_value("Bisous de la médiathèque !")
    shot(page, "saturday-postcards-820")
    assert_axe_clean(page, "saturday-postcards-820")
    page.get_by_role("button", name="💌 Fabriquer mes cartes").click()
    page.get_by_text("⬇️ Télécharger le PDF à imprimer").wait_for(timeout=120_000)
    wait_ready(page)
    pdf = download(page, page.get_by_text("⬇️ Télécharger le PDF à imprimer"), "saturday-postcards.pdf")
    with pdfplumber.open(pdf) as doc:
        assert "Bisous de la médiathèque" in doc.pages[-1].extract_text()


def _every_page(browser, studio, who: dict) -> None:
    for name, viewport in (("820", TABLET), ("1280", DESK)):
        page = _page(browser, viewport)
        try:
            for path in PAGES:
                _open(page, f"{studio}/{path}?p={who['id']}&lang=fr")
                _eventually(lambda: page.locator('[data-testid="stSkeleton"]').count() == 0)  # drawn, not loading
                page.wait_for_timeout(300)
                shot(page, f"saturday-page-{path or 'home'}-{name}")
        finally:
            page.context.close()


def test_a_saturday_in_the_room(browser, studio, tmp_path):
    desk = _page(browser, DESK)
    try:
        _facilitator(desk, studio)
    finally:
        desk.context.close()
    people = _people(studio, "Samedi au studio")
    tablets = [_page(browser, TABLET) for _ in range(3)]
    try:
        _lea_comic(tablets[0], studio, people["Léa"], tmp_path)
        _noah_storybooks(tablets[1], studio, people["Noah"])
        _ines_postcards(tablets[2], studio, people["Inès"], tmp_path)
        # nothing mixed: Léa's tablet still shows her comic, not Noah's story
        _reload(tablets[0])
        expect(_tab(tablets[0], "2 · Histoire").get_by_label("Titre de ta BD")).to_have_value("Le dragon de Léa")
        for page in tablets:
            assert_no_exception(page)
    finally:
        for page in tablets:
            page.context.close()
    _every_page(browser, studio, people["Léa"])
