"""Every page passes axe-core's WCAG 2.2 A/AA rules with no serious or critical violation, in French and
English, and the menu and the workshops' first steps work with the keyboard alone (Tab / Enter)."""
from __future__ import annotations

import re
from pathlib import Path


import pytest

from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, axe_violations, nav_link, seed_workshop, shot, wait_ready
from tests.e2e.layout_checks import layout_problems
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
    expect(page.get_by_role("heading", name="Bande dessinée").first).to_be_visible(timeout=30_000)
    # the layout cards are drawn after the heading on a loaded machine: Tab only once they are there (a first try
    # in CI tabbed through a page still drawing them)
    page.get_by_role("button", name=re.compile(r"^4 bandes")).first.wait_for(timeout=30_000)
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
    expect(page.get_by_role("button", name="✔ 4 bandes · 4 cases")).to_be_visible(timeout=30_000)  # picked by Enter
    shot(page, "keyboard-comics-layout")
    assert_no_exception(page)


# -- whole workshops with the keyboard alone ---------------------------------------------------
FOCUS = """() => { const e = document.activeElement; if (!e) return {};
  const label = (e.labels && e.labels[0] && e.labels[0].innerText) || e.getAttribute('aria-label') || '';
  const keyed = e.closest('[class*="st-key-"]');
  const key = keyed ? [...keyed.classList].find(c => c.startsWith('st-key-')).slice(7) : '';
  return {tag: e.tagName, role: e.getAttribute('role') || '', type: e.type || '', key: key,
          name: ((e.innerText || '').trim() || label.trim()).replace(/\\s+/g, ' ').slice(0, 90),
          selected: e.getAttribute('aria-selected') || '', checked: !!e.checked, value: String(e.value || '')}; }"""


def focused(page) -> dict:
    """What has the keyboard focus: tag, role, type, accessible-ish name, nearest Streamlit key, value."""
    return page.evaluate(FOCUS)


def tab_to(page, name: str = "", *, key: str = "", kind: str = "", limit: int = 250) -> dict:
    """Press Tab (only Tab) until the focused element's name contains `name` (and its Streamlit key starts
    with `key`, its tag or input type is `kind`); fails naming the last stops when it cannot be reached."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = focused(page)
        seen.append(found.get("name", ""))
        if (name in found.get("name", "") and found.get("key", "").startswith(key)
                and kind in ("", found.get("tag"), found.get("type"), found.get("role"))):
            return found
    raise AssertionError(f"{name or key!r} cannot be reached with Tab; the last stops: {seen[-30:]}")


def press(page, key: str = "Enter") -> None:
    page.keyboard.press(key)
    wait_ready(page)


def step(page, name: str) -> None:
    """Open one of the page's steps (tabs): Tab to the tab list, then the arrow keys."""
    tab_to(page, kind="tab")
    for _ in range(8):
        if focused(page)["name"] == name:
            break
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(150)
    found = focused(page)
    assert found["name"] == name and found["selected"] == "true", found
    wait_ready(page)


def file_choosers(page) -> list:
    """Catch the file choosers the page opens (from now on: catching them from the start avoids a race
    with the first one), newest last."""
    choosers = []
    page.on("filechooser", lambda chooser: choosers.append(chooser))
    return choosers


def choose_file(page, choosers: list, name: str, path) -> None:
    """Tab to an uploader's button, Enter opens the file chooser (the system dialog works with the keyboard)."""
    tab_to(page, name)
    wait_ready(page)
    before = len(choosers)
    page.keyboard.press("Enter")
    for _ in range(100):
        if len(choosers) > before:
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError(f"Enter on {focused(page)} did not open the file chooser")
    choosers[-1].set_files(str(path))
    wait_ready(page)


def test_a_whole_comic_with_the_keyboard(browser_page, studio, tmp_path):
    from tests.fixtures.models_comics import make_drawing

    import pdfplumber

    page = browser_page
    # panel 1's drawing is small (240 px across a 60 mm panel: 100 dpi at most, whatever frame the arrows leave),
    # so the page must say it will print blurry; a 640 px one sat at the 150 dpi line once the frame could widen
    drawings = [make_drawing(tmp_path / "dragon.png", size=(240, 180)),
                make_drawing(tmp_path / "chat.png", sky=(250, 220, 200), body=(240, 150, 60))]
    choosers = file_choosers(page)
    page.goto(studio)
    wait_ready(page)
    tab_to(page, "Bande dessinée", kind="A")
    press(page)
    tab_to(page, "Cases hautes")  # 1. the layout, a picture card's button
    press(page)
    expect(page.get_by_role("button", name="✔ Cases hautes · 3 cases")).to_be_visible(timeout=30_000)

    step(page, "2 · Histoire")
    tab_to(page, "Titre de ta BD", kind="text")
    page.keyboard.type("Le chat et le dragon")
    tab_to(page, "Prénoms des auteurs", kind="text")
    page.keyboard.type("Zoé")
    page.keyboard.press("Tab")  # leaving a box keeps what was typed
    wait_ready(page)

    step(page, "4 · Dessins")  # 4. each panel's picture: the way, the style, the photo, the button
    tab_to(page, "encré et colorié", kind="radio")  # the way to make panel 1: the arrows pick "as it is"
    press(page, "ArrowRight")
    assert page.get_by_role("radio", name="Mon dessin tel quel").first.is_checked()
    for number, drawing in enumerate(drawings, start=1):
        if number == 2:  # panel 2 keeps "inked and coloured", in another style picked from the list
            tab_to(page, "Style", key="comic-style-1")
            page.keyboard.press("ArrowDown")
            page.keyboard.press("ArrowDown")
            press(page, "Enter")
            assert "Ligne claire" not in page.locator('[class*="st-key-comic-style-1"]').inner_text()
        choose_file(page, choosers, "Choisir un fichier", drawing)
        page.get_by_text("Dessin reçu.").nth(number - 1).wait_for(timeout=30_000)
        tab_to(page, f"Dessiner la case {number}")
        press(page)
    for _ in range(120):
        if page.get_by_text("Case prête").count() >= 2:
            break
        page.wait_for_timeout(500)
    wait_ready(page)
    assert page.get_by_text("Case prête").count() == 2
    slider = tab_to(page, "Haut – bas", kind="range")  # the frame over panel 1's picture, with the arrows
    for _ in range(5):
        page.keyboard.press("ArrowLeft")
    wait_ready(page)
    assert int(focused(page)["value"]) < int(slider["value"])  # the frame went up
    shot(page, "keyboard-comics-panels")

    step(page, "5 · Bulles")  # 5. a shout in panel 1: kind, words, place, speaker, add, move
    tab_to(page, "Parole", kind="radio")  # the kinds are big buttons, one Tab stop: the arrows move between them
    for _ in range(2):
        page.keyboard.press("ArrowRight")
    press(page)
    expect(page.locator('[class*="st-key-comic-bubble-kind"] button[aria-checked="true"]')
           ).to_contain_text("Cri")
    tab_to(page, "Texte de la bulle", kind="TEXTAREA")
    page.keyboard.type("Au secours!")
    tab_to(page, key="comic-bubble-pos-bottom-left")
    press(page)
    tab_to(page, key="comic-bubble-tail-right")
    press(page)
    tab_to(page, "Ajouter la bulle")
    press(page)
    page.get_by_text("Bulle 1").first.wait_for()
    wait_ready(page)
    preview = page.get_by_role("img", name="Aperçu de ta planche").first.get_attribute("src")
    tab_to(page, "Monter", key="comic-nudge-0-0-up")
    press(page)
    page.wait_for_function(  # the preview is drawn again with the bubble moved up
        "old => document.querySelector('img[alt=\"Aperçu de ta planche\"]').src !== old", arg=preview,
        timeout=20_000)
    # the step as a tablet and a laptop show it: nudge buttons with their words, nothing cut or on top
    assert layout_problems(page, "layout-comics-bubbles") == {}

    step(page, "6 · Imprimer")  # 6. crop marks with Space, the page with Enter, the PDF with Enter
    tab_to(page, "Traits de coupe", kind="checkbox")
    press(page, "Space")
    tab_to(page, "Créer ma planche")
    press(page)
    # the result's own button, not "Ta planche est prête !": the job's status says it too, a rerun before the
    # result and its print warnings are drawn
    page.get_by_role("button", name="⬇️ PDF à imprimer (A4)").wait_for(timeout=120_000)
    wait_ready(page)
    alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    assert "case 1 sera un peu floue" in alerts and ".png" not in alerts, alerts  # for the child, no file names
    tab_to(page, "PDF à imprimer")
    with page.expect_download() as started:
        page.keyboard.press("Enter")
    pdf = tmp_path / "keyboard-comic.pdf"
    started.value.save_as(str(pdf))
    with pdfplumber.open(pdf) as doc:
        text = doc.pages[0].extract_text()
        assert len(doc.pages[0].images) == 2
    assert "Le chat et le dragon" in text and "secours" in text
    assert layout_problems(page, "layout-comics-print") == {}  # the preview beside, never over, the buttons


def test_a_whole_storybook_with_the_keyboard(browser_page, studio, tmp_path):
    from pypdf import PdfReader

    from tests.fixtures.models_comics import make_drawing

    page = browser_page
    seeded = seed_workshop(studio, "Atelier au clavier", participants=("Zoé",))
    drawing = make_drawing(tmp_path / "ourse.png")
    choosers = file_choosers(page)
    page.goto(f"{studio}/storybook?p={seeded['participants'][0]}&lang=fr")  # Zoé's tablet
    wait_ready(page)
    tab_to(page, "Le prénom du héros", kind="text")
    page.keyboard.press("Control+A")
    page.keyboard.type("Ève")
    tab_to(page, "Petit ours")  # the hero's picture card
    press(page)
    tab_to(page, key="story-gender-bear", kind="radio")  # a group with nothing chosen: Space picks the first
    press(page, "Space")
    assert page.get_by_role("radio", name="👧 une fille (elle)").is_checked()
    tab_to(page, "Chouette")
    press(page)
    tab_to(page, "4 pages", key="story-pages")  # one key press, then « Écrire » at once: 4 pages, not 6
    press(page)
    tab_to(page, "Écrire l'histoire")
    press(page)
    page.get_by_text("Page 4", exact=True).first.wait_for(timeout=120_000)
    wait_ready(page)
    assert page.get_by_text("Page 5", exact=True).count() == 0

    tab_to(page, "Page 1", kind="TEXTAREA")  # the child changes a page's words
    page.keyboard.press("Control+End")
    page.keyboard.type(" Elle sourit.")
    page.keyboard.press("Tab")
    wait_ready(page)
    # the words are sent when the box loses focus: the rerun may start after wait_ready saw the page idle
    page.get_by_text("C'est noté !").wait_for(timeout=30_000)
    assert page.get_by_text("C'est noté !").count() == 1

    tab_to(page, "Pas d'image", key="story-pic-mode", kind="radio")  # page 1's picture: the child's drawing
    press(page, "ArrowRight")
    assert page.get_by_role("radio", name="✏️ Mon dessin").first.is_checked()
    choose_file(page, choosers, "Choisir un fichier", drawing)
    page.get_by_role("img", name="L'image de la page").first.wait_for(timeout=30_000)

    tab_to(page, "Mettre de la musique", kind="checkbox")  # no music: keeps the test short
    press(page, "Space")
    tab_to(page, "Fabriquer mon livre")
    press(page)
    page.get_by_role("button", name="📚 Livret à plier (PDF)").wait_for(timeout=180_000)
    wait_ready(page)
    alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    assert "page 1 sera un peu floue" in alerts and ".png" not in alerts  # said for the child, no file names
    tab_to(page, "Page suivante")
    press(page)
    page.get_by_text("2 / 4", exact=True).wait_for(timeout=30_000)  # the rerun may start after wait_ready
    assert layout_problems(page, "layout-storybook-book") == {}  # choices, pages, pictures, book: both sizes
    tab_to(page, "Pages A5 à lire (PDF)")
    with page.expect_download() as started:
        page.keyboard.press("Enter")
    pdf = tmp_path / "keyboard-story.pdf"
    started.value.save_as(str(pdf))
    reader = PdfReader(str(pdf))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) == 6 and "Ève" in text and "oursonne" in text and "Elle sourit." in text
    assert len(reader.pages[1].images) == 1  # page 1 has the drawing
