"""A tablet in portrait (820 x 1180, sidebar open): card titles keep their words whole, and no English
hint of Streamlit's own shows under a French text field."""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import goto, settled_box, shot, wait_ready

SPLIT_WORDS = """() => { const out = []; for (const h of document.querySelectorAll('h3')) {
  const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT); let n;
  while ((n = walker.nextNode())) { const re = /\\S+/g; let m;
    while ((m = re.exec(n.data))) { const r = document.createRange(); r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      if (new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1) out.push(m[0]); } } }
  return out; }"""


def test_tablet_home_titles_and_french_form(browser, studio):
    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    try:
        goto(page, studio)
        page.locator("h3", has_text="Livre d'histoires").wait_for()
        page.locator("h3", has_text="Portraits de peintre").wait_for()  # the last card
        assert page.evaluate(SPLIT_WORDS) == []  # before: "d'histoire" / "s" on two lines
        goto(page, studio, "console")
        field = page.get_by_label("Nom de l'atelier")
        field.fill("Mercredi")
        page.wait_for_timeout(500)
        visible = page.locator("[data-testid='stMain']").inner_text()
        assert "Press Enter" not in visible
    finally:
        context.close()


FINGER = 44  # px: a child's finger (WCAG 2.5.5, 44 x 44 CSS px)


def _small(page, selector: str) -> list:
    """The visible elements of `selector` under a finger's size: (text, width, height)."""
    return page.evaluate("""(sel) => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility())
      .map(e => [e.innerText || e.getAttribute('aria-label'), e.getBoundingClientRect()])
      .filter(([, r]) => r.height < %d || r.width < %d).map(([t, r]) => [t, r.width, r.height])""" % (FINGER, FINGER),
                         selector)


def test_small_targets_are_a_fingers_size_on_a_tablet(browser, studio, tmp_path):
    """The home's « 👉 Ouvrir » links were 28 px high, the sidebar's open button 28 x 28, a file's remove cross
    12 px, the comics' step tabs 40 px high, the storybook's radio choices (« 4-6 », « Français ») 22 px high."""
    from PIL import Image

    from tests.e2e.conftest import seed_workshop, wait_ready

    seed_workshop(studio, "Atelier des doigts", participants=("Zoé",))
    picture = tmp_path / "photo.png"
    Image.new("RGB", (64, 48), (120, 80, 40)).save(picture)
    context = browser.new_context(viewport={"width": 820, "height": 1180}, has_touch=True)
    page = context.new_page()
    try:
        goto(page, studio)
        page.locator("h3", has_text="Portraits de peintre").wait_for()
        assert _small(page, '[data-testid="stMain"] [data-testid="stPageLink"] a') == []
        assert _small(page, '[data-testid="stExpandSidebarButton"]') == []
        goto(page, studio, "storybook")
        page.locator('[data-testid="stMain"] [data-testid="stRadio"] [role="radiogroup"] label').first.wait_for()
        assert _small(page, '[data-testid="stMain"] [data-testid="stRadio"] [role="radiogroup"] label') == []
        goto(page, studio, "comics")
        page.locator('[data-testid="stTab"]').first.wait_for()
        assert _small(page, '[data-testid="stTab"]') == []
        page.get_by_role("tab", name=re.compile("Héros")).click()
        page.locator("[data-testid=stFileUploaderDropzone]:visible input[type=file]").first.set_input_files(
            str(picture))
        wait_ready(page)
        page.locator('[data-testid="stFileChipDeleteBtn"] button').first.wait_for()
        assert _small(page, '[data-testid="stFileChipDeleteBtn"] button') == []
    finally:
        context.close()


LINKS = """() => [...document.querySelectorAll('[data-testid=stMain] a')].filter(e => e.checkVisibility())
  .map(e => { const r = e.getBoundingClientRect();
    return {name: (e.getAttribute('aria-label') || e.innerText).replace(/\\s+/g, ' ').trim(), height: r.height,
            width: r.width}; })"""


@pytest.mark.parametrize("viewport", [{"width": 820, "height": 1180}, {"width": 1366, "height": 900}])
def test_home_links_say_where_they_go_and_are_a_fingers_size(browser, studio, viewport):
    """The workshop cards' links all read « 👉 Ouvrir » (a screen reader listed the same link six times) and their
    titles each carried a 16 x 16 « Lien vers ce titre »."""
    from ui.nav import WORKSHOPS
    from pipelines.i18n import translate

    context = browser.new_context(viewport=viewport, has_touch=viewport["width"] < 1024)
    page = context.new_page()
    try:
        goto(page, studio)
        page.locator("h3", has_text="Portraits de peintre").wait_for()
        page.wait_for_timeout(500)
        links = page.evaluate(LINKS)
        assert links and [link for link in links if link["height"] < FINGER or link["width"] < FINGER] == []
        names = [link["name"] for link in links]
        assert len(names) == len(set(names)), names
        for info in WORKSHOPS:  # each card's link names its workshop
            title = translate(f"pages.{info.key}.title", "fr")
            if page.locator("h3", has_text=title).count():
                link = page.locator("[data-testid=stMain] [data-testid=stPageLink] a", has_text=title)
                assert link.count() == 1 and "Ouvrir" in link.inner_text(), (title, names)
        shot(page, f"home-links-{viewport['width']}")
    finally:
        context.close()


RADIO_CHOICES = """() => [...document.querySelectorAll('[data-testid=stMain] [data-testid=stRadioOption]')]
  .filter(e => e.checkVisibility()).map(e => { const r = e.getBoundingClientRect();
    const dot = e.querySelector(':scope > div > div:first-child').getBoundingClientRect();
    const style = getComputedStyle(e);
    return {name: e.innerText.trim(), height: r.height, dot: Math.min(dot.width, dot.height),
            framed: style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) >= 1}; })"""


@pytest.mark.parametrize("viewport", [{"width": 820, "height": 1180}, {"width": 1366, "height": 900}])
def test_storybook_radio_choices_are_big_framed_targets(browser, studio, viewport):
    """A radio's choices (« 4-6 », « Français ») showed a 16 px dot and bare words: each is a framed target 44 px
    high with a 24 px dot, and a tap at its bottom edge, under the words, picks it."""
    context = browser.new_context(viewport=viewport, has_touch=True)
    page = context.new_page()
    try:
        goto(page, studio, "storybook")
        choice = page.locator("[data-testid=stMain] [data-testid=stRadioOption]", has_text="4-6")
        choice.wait_for()
        for _ in range(20):  # the studio's styles can land a moment after the radios are drawn
            choices = page.evaluate(RADIO_CHOICES)
            small = [c for c in choices if c["height"] < FINGER or c["dot"] < 24 or not c["framed"]]
            if choices and not small:
                break
            page.wait_for_timeout(500)
        assert choices and small == []
        assert not choice.locator("input").is_checked()
        choice.scroll_into_view_if_needed()
        box = settled_box(page, choice)
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] - 4)  # under the words
        wait_ready(page)
        assert page.locator("[data-testid=stMain] [data-testid=stRadioOption]", has_text="4-6").locator(
            "input").is_checked()
        shot(page, f"storybook-radios-{viewport['width']}")
    finally:
        context.close()


def test_file_uploader_speaks_french(browser, studio):
    """Streamlit's "Upload" and "200MB per file" are said in French, with the studio's own limit (100 MB)."""
    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    try:
        goto(page, studio, "photos")
        zone = page.locator("[data-testid=stFileUploaderDropzone]").first
        zone.wait_for()
        page.wait_for_function("() => document.querySelector('[data-testid=stFileUploaderDropzone]')"
                               ".innerText.includes('Choisir un fichier')", timeout=15_000)
        text = zone.inner_text()
        assert "Upload" not in text and "MB per file" not in text
        assert "100\u00a0Mo au plus par fichier" in text
    finally:
        context.close()


CUT_CAPTIONS = """() => [...document.querySelectorAll('button [data-testid=stMarkdownContainer]')]
  .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


def test_storybook_picture_choices_keep_their_captions_on_a_tablet(browser, studio):
    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    try:
        goto(page, studio, "storybook")
        page.get_by_role("button", name="Lanterne").wait_for()
        page.get_by_role("button", name="Petite fille").first.wait_for()
        wait_ready(page)  # read once the run is over: a rerun still drawing the page can hold half its buttons
        captions = page.locator("button [data-testid=stMarkdownContainer]").all_inner_texts()
        assert any("Petite fille" in c for c in captions) and any("Lanterne" in c for c in captions), captions
        assert page.evaluate(CUT_CAPTIONS) == []  # before: "🏮 Lan…", "✓ 🌲 F…"
    finally:
        context.close()


def test_a_refused_hero_name_is_said_where_the_child_taps_on_a_tablet(browser, studio):
    """A name the guard refuses was said only under the name, at the top: on a tablet in portrait « Écrire
    l'histoire » is a screen lower, and a tap on it seemed to do nothing. It is said next to the button, in
    sight with it, and the name stays in its box."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    try:
        goto(page, studio, "storybook")
        name = page.get_by_label("Le prénom du héros ou de l'héroïne")
        name.fill("Caca")
        name.press("Enter")
        wait_ready(page)
        write = page.get_by_role("button", name="✨ Écrire l'histoire")
        write.scroll_into_view_if_needed()
        write.click()
        said = page.locator("[data-testid=stAlertContentError]", has_text="Change le prénom en haut de la page")
        expect(said).to_be_visible()
        wait_ready(page)
        write.scroll_into_view_if_needed()
        said_box, button_box = settled_box(page, said), settled_box(page, write)
        shot(page, "storybook-refused-name-tablet")
        assert 0 <= said_box["y"] and said_box["y"] + said_box["height"] <= 1180  # in sight with the button
        assert 0 <= said_box["y"] - (button_box["y"] + button_box["height"]) < 120  # right under it
        assert name.input_value() == "Caca"
    finally:
        context.close()


SPLIT_BUTTON_WORDS = SPLIT_WORDS.replace("querySelectorAll('h3')", "querySelectorAll('[data-testid=stMain] button')")


def _seed_gallery(studio) -> None:
    import subprocess
    import sys

    from tests.e2e.conftest import ROOT

    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from pipelines.store import Store, write_bytes_atomic\n"
        "s = Store(); w = s.create_workshop('Galerie tablette')\n"
        "z = s.add_participant(w['id'], 'Zoé', consent=True, consent_by='Animatrice')\n"
        "import io; from PIL import Image; png = io.BytesIO(); Image.new('RGB', (60, 80), 'red').save(png, 'PNG')\n"
        "write_bytes_atomic(s.artifact_dir(w['id'], 'c') / 'page.png', png.getvalue())\n"
        "p = write_bytes_atomic(s.artifact_dir(w['id'], 'c') / 'page.pdf', b'%%PDF-1.4')\n"
        "s.add_artifact(workshop_id=w['id'], owner=z['id'], kind='comic', title='Le dragon',\n"
        "               files={'png': str(p.with_name('page.png')), 'pdf': str(p)})\n" % str(ROOT)
    )
    subprocess.run([sys.executable, "-c", code], env=dict(__import__("os").environ,
                   ATELIER_DATA_DIR=str(studio.data_dir)), check=True)


def test_gallery_cards_keep_their_words_on_a_tablet(browser, studio):
    _seed_gallery(studio)
    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    try:
        goto(page, studio, "gallery")
        page.get_by_role("button", name="Supprimer").wait_for()
        wait_ready(page)  # read once the run is over: the cards' widths come with the page's style, drawn later
        assert page.evaluate(SPLIT_BUTTON_WORDS) == []  # before: "Supprim" / "er", "page.pn" / "g"
    finally:
        context.close()


def test_sidebar_links_gallery_buttons_and_fullscreen_are_a_fingers_size(browser, studio):
    """The sidebar's page links were 40 px high, the gallery's « Supprimer » 153 x 40, « Plein écran » 24 x 24."""
    _seed_gallery(studio)
    context = browser.new_context(viewport={"width": 820, "height": 1180}, has_touch=True)
    page = context.new_page()
    try:
        goto(page, studio, "gallery")
        page.get_by_role("button", name="Supprimer").wait_for()
        side = "() => document.querySelector('[data-testid=\"stSidebar\"]')?.getAttribute('data-collapsed') === '%s'"
        page.wait_for_function(side % "true")  # a tablet starts with it folded (ui/tablet.py): opened here
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        page.wait_for_function(side % "false")
        links = '[data-testid="stSidebar"] a'
        page.locator(links).filter(visible=True).first.wait_for()
        page.wait_for_timeout(500)  # the sidebar slides in
        assert page.locator(links).filter(visible=True).count() >= 5  # the menu is open, its links measured
        assert _small(page, links) == []
        assert _small(page, '[data-testid="stMain"] button') == []
        page.locator('[data-testid="stMain"] [data-testid="stImage"] img').first.hover()
        toolbar = page.locator('[data-testid="stElementToolbarButton"] button').filter(visible=True)
        toolbar.first.wait_for()
        assert _small(page, '[data-testid="stElementToolbarButton"] button') == []
    finally:
        context.close()


CUT_LABELS = """() => [...document.querySelectorAll(
  '[data-testid=stMain] [data-testid=stWidgetLabel] [data-testid=stMarkdownContainer]')]
  .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


def test_postcard_toggle_label_is_whole_on_a_tablet(browser, studio, tmp_path):
    from PIL import Image

    photo = tmp_path / "mamie.jpg"
    Image.new("RGB", (600, 400), "skyblue").save(photo)
    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    try:
        goto(page, studio, "postcards")
        page.get_by_role("button", name="Une photo").click()
        page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(str(photo))
        page.get_by_text("Recto verso").first.wait_for()
        page.wait_for_timeout(500)
        assert page.evaluate(CUT_LABELS) == []  # before: "Recto verso (le d…"
    finally:
        context.close()
