"""A comic's typed words on a tablet (820 x 1180): a refused story line and a toilet word for the hero's name are
said under the box, in a sentence that does not repeat the words, the words stay in the box, and the page is not
printed."""
from __future__ import annotations

from tests.e2e.conftest import assert_no_exception, goto, shot, wait_ready

TABLET = {"width": 820, "height": 1180}
LINE = "il tue le chat avec un couteau"


def _tab(page, name: str):
    page.get_by_role("tab", name=name).click()
    wait_ready(page)
    return page.get_by_role("tabpanel", name=name)


def _alert(tab, where: str):
    alert = tab.locator('[data-testid="stAlert"]').filter(has_text=f"(dans {where})")
    alert.first.wait_for(timeout=20_000)
    return alert.first


def test_refused_words_are_said_under_their_box_and_kept(browser, studio):
    context = browser.new_context(viewport=TABLET, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        goto(page, studio, "comics")  # at 820 px the menu is folded away
        story = _tab(page, "2 · Histoire")
        box = story.get_by_role("textbox", name="2. 🏰 Le lieu")
        box.fill(LINE)
        box.press("Enter")
        wait_ready(page)
        said = _alert(story, "la phrase de la case 2")
        assert "couteau" not in said.inner_text() and "tue" not in said.inner_text().split()
        assert box.input_value() == LINE  # the child's words stay, to change them
        # the sentence is right under its line, before the next line's box
        line_box, alert_box = box.bounding_box(), said.bounding_box()
        next_box = story.get_by_role("textbox", name="3. ⚡").first.bounding_box() if story.get_by_role(
            "textbox", name="3. ⚡").count() else None
        assert alert_box["y"] > line_box["y"] and (next_box is None or alert_box["y"] < next_box["y"])
        said.scroll_into_view_if_needed()
        shot(page, "comics-typed-01-line-refused")

        hero = _tab(page, "3 · Héros")
        name = hero.get_by_role("textbox", name="Nom du héros")
        name.fill("Caca")
        name.press("Enter")
        wait_ready(page)
        said = _alert(hero, "le prénom du héros")
        assert "Caca" not in said.inner_text() and name.input_value() == "Caca"
        assert hero.get_by_text("Caca").count() == 0  # nor on the hero's sheet beside it
        said.scroll_into_view_if_needed()
        shot(page, "comics-typed-02-hero-name-refused")

        printing = _tab(page, "6 · Imprimer")
        printing.get_by_role("button", name="🖨️ Créer ma planche (PDF + image)").click()
        wait_ready(page)
        _alert(printing, "le prénom du héros")  # the first refused field (title, authors, hero, then lines)
        assert page.get_by_text("Ta planche est prête !").count() == 0
        assert_no_exception(page)
    finally:
        context.close()


def test_an_arabic_author_name_lets_the_child_make_the_page(browser, studio):
    """« مريم » cannot be set by the print fonts: it is said under the box, « Créer ma planche » stays ready, and the
    page prints with a dotted line to write the name by hand (it greyed out the button before)."""
    import pdfplumber

    from tests.e2e.conftest import download

    context = browser.new_context(viewport=TABLET, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        goto(page, studio, "comics")
        story = _tab(page, "2 · Histoire")
        authors = story.get_by_role("textbox", name="Prénoms des auteurs (séparés par des virgules)")
        authors.fill("Léo, مريم")
        authors.press("Enter")
        wait_ready(page)
        note = story.locator('[data-testid="stAlert"]').filter(has_text="une ligne pointillée")
        note.first.wait_for(timeout=20_000)
        assert "«\u00a0مريم\u00a0»" in note.first.inner_text()
        assert story.locator('[data-testid="stAlert"]').filter(has_text="ne peut pas encore être imprimée").count() == 0
        note.first.scroll_into_view_if_needed()
        shot(page, "comics-typed-03-arabic-author")

        printing = _tab(page, "6 · Imprimer")
        make = printing.get_by_role("button", name="🖨️ Créer ma planche (PDF + image)")
        assert make.is_enabled()
        make.click()
        page.get_by_text("Ta planche est prête !").first.wait_for(timeout=120_000)
        wait_ready(page)
        assert_no_exception(page)
        shot(page, "comics-typed-04-arabic-author-printed")
        pdf = download(page, printing.get_by_role("button", name="⬇️ PDF à imprimer (A4)"), "comics-arabic-author.pdf")
        with pdfplumber.open(pdf) as doc:
            assert "par Léo et ...................." in doc.pages[0].extract_text()
    finally:
        context.close()
