"""A word too long to read in a bubble is refused by name (a hyphen lets it wrap); a second bubble that would
cover the first is placed off the characters, not slid into the middle of the panel."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.comics import bubbles as bub
from pipelines.comics.layouts import get_layout, panel_rects
from pipelines.comics.page import _covered, _free_place, compose, middle_of, page_from_dict, panel_area
from pipelines.config import ROOT
from pipelines.i18n import UserError

WORD = "Supercalifragilisticexpialidocious"  # 34 letters: 7 pt in a panel of classic-6 before


@pytest.mark.parametrize("layout", ["classic-6", "tiers-7", "grid-4"])
def test_a_34_letter_word_is_refused_by_name_in_both_languages(layout):
    page = page_from_dict({"layout": layout, "panels": [{"bubbles": [{"text": f"C'est {WORD} !"}]}]})
    with pytest.raises(UserError) as caught:
        compose(page)
    assert caught.value.message("fr") == (f"Case 1, bulle 1 : le mot «\u00a0{WORD}\u00a0» est trop long pour être lu "
                                          "dans la bulle. Coupe-le avec un tiret (-) ou une espace, ou raccourcis-le.")
    assert f"“{WORD}”" in caught.value.message("en")


def test_with_a_hyphen_the_long_word_wraps_and_reads_big():
    page = page_from_dict({"layout": "classic-6", "panels": [{"bubbles": [
        {"text": "Supercalifragilistic-expialidocious !"}]}]})
    lettering = compose(page).bubbles[0].lettering
    assert lettering.size_pt >= bub.WORD_MIN_PT
    assert lettering.lines[0].endswith("-") and "".join(lettering.lines).replace("\u00a0", " ") == \
        "Supercalifragilistic-expialidocious !"


def test_long_ordinary_words_still_fit_and_a_non_breaking_hyphen_is_not_cut():
    page = page_from_dict({"layout": "classic-6", "panels": [{"bubbles": [
        {"text": "C'est anticonstitutionnellement extraordinaire"}]}]})
    assert compose(page).bubbles[0].lettering.size_pt >= bub.WORD_MIN_PT
    from pipelines.comics.lettering import hyphen_pieces

    assert hyphen_pieces("peut\u2011être") == ["peut\u2011être"] and hyphen_pieces("2-3") == ["2-3"]


def test_the_refusal_comes_when_the_bubble_is_added_and_the_words_stay(atelier_env, drawings, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    app = AppTest.from_file(str(ROOT / "pages" / "comics.py"), default_timeout=60)
    app.run()
    app.session_state["comic"]["panels"][0]["image"] = str(drawings[0])
    words = f"Tu connais {WORD} ?"
    app.text_area(key="comic-bubble-text").input(words).run()
    next(b for b in app.button if b.label == "➕ Ajouter la bulle").click().run()
    assert any(f"«\u00a0{WORD}\u00a0»" in e.value for e in app.error), [e.value for e in app.error]
    assert app.session_state["comic"]["panels"][0]["bubbles"] == []
    assert app.text_area(key="comic-bubble-text").value == words


def test_a_second_bubble_is_not_pushed_onto_the_character():
    """Two long speeches at top-left and top-right overlap; the second used to slide down into the middle."""
    page = page_from_dict({"layout": "classic-6", "panels": [{"bubbles": [
        {"text": "Bonjour ! Je m'appelle Zoé et je cherche mon chat.", "position": "top-left", "tail": "bottom-left"},
        {"text": "Moi je suis le dragon qui garde la bibliothèque.", "position": "top-right",
         "tail": "bottom-right"}]}]})
    panel = panel_rects(get_layout("classic-6"), panel_area())[0]
    first, second = compose(page).bubbles
    a, b = first.box, second.box
    assert not (a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3])
    assert _covered(b, middle_of(panel)) < 0.1  # the middle of the panel, where the character is, stays clear
    speakers = [(panel[0] + fx * panel[2], panel[1] + fy * panel[3]) for fx, fy in [(0.1, 0.95), (0.9, 0.95)]]
    assert not any(b[0] <= x <= b[0] + b[2] and b[1] <= y <= b[1] + b[3] for x, y in speakers)
    assert second.lettering.size_pt >= 10  # set a little narrower, still big


def test_a_bubble_with_room_where_it_was_asked_stays_there():
    panel = (12.0, 34.0, 91.0, 79.0)
    lettering = bub.measure("speech", "Coucou", panel)
    spec = page_from_dict({"panels": [{"bubbles": [{"text": "Coucou", "position": "bottom-right"}]}]})
    asked = bub.shape("speech", lettering, panel, "bottom-right")
    assert _free_place(spec.panels[0].bubbles[0], lettering, panel, [(14.5, 36.5, 30, 20)]).box == asked.box


def test_a_hyphenated_word_that_fits_its_line_is_not_cut():
    page = page_from_dict({"layout": "classic-6", "panels": [{"bubbles": [
        {"text": "Regarde ! Là-bas : un dragon ; il crie « Au secours » !"}]}]})
    lines = compose(page).bubbles[0].lettering.lines
    assert not any(line.endswith("-") for line in lines), lines
    assert any("Là-bas" in line for line in lines)


def test_long_authors_names_stay_on_the_page():
    from pipelines.comics.lettering import text_width_mm
    from pipelines.comics.page import MARGIN, PAGE_W

    page = page_from_dict({"title": "Le dragon", "authors": ["W" * 78]})  # what the 80-letter box lets through
    line = next(t for t in compose(page, by="par ").texts if t[0].startswith("par "))
    assert text_width_mm(line[0], line[3], bold=False) <= PAGE_W - 2 * MARGIN and line[3] >= 7
    page = page_from_dict({"title": "Le dragon", "authors": ["W" * 200]})  # a PAGE.toml can say more
    with pytest.raises(UserError) as caught:
        compose(page, by="par ")
    assert "ne tiennent pas sur une ligne" in caught.value.message("fr")


def test_a_title_too_wide_for_the_page_is_said_where_it_is_typed(atelier_env, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    app = AppTest.from_file(str(ROOT / "pages" / "comics.py"), default_timeout=60)
    app.run()
    app.text_input(key="comic-title").input("W" * 60).run()  # what the 60-letter box lets through
    assert any("Le titre (60 lettres) est trop long" in e.value for e in app.error), [e.value for e in app.error]
    assert app.session_state["comic"]["title"] == "W" * 60  # kept, to shorten
    app.text_input(key="comic-title").input("Le dragon de la médiathèque").run()
    assert not app.error
