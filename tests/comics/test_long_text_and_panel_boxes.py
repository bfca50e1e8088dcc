"""Nothing a child types on the comics page is thrown away: a text over its field's limit stays in its box with a
sentence saying how many letters at most (Streamlit's max_chars dropped a longer paste and the old text came
back), and the page is not printed with it. The bubble box's words belong to the panel they were typed for: a
refused bubble waits in its panel and does not follow the child to the next one."""
from __future__ import annotations

import pytest

from tests.conftest import open_page

TITLE = "Les aventures extraordinaires de la petite souris qui voulait voir la mer et les montagnes"  # 90+
BUBBLE = ("Bonjour tout le monde, je suis la petite souris et je vais vous raconter mon grand voyage jusqu'à "
          "la mer, avec mes amis le chat, le chien et le hibou, puis jusqu'aux montagnes où il neige !")


@pytest.fixture
def page(monkeypatch, workshop, store, drawings):
    store.add_participant(workshop["id"], "Léa", consent=True, consent_by="Parent")
    at = open_page(monkeypatch, "comics", workshop_id=workshop["id"])
    for i in range(4):  # four drawn panels
        at.session_state["comic"]["panels"][i]["image"] = str(drawings[i % 2])
    at.run()
    return at


def _add(at):
    next(b for b in at.button if b.label == "➕ Ajouter la bulle").click().run()


def _too_long(at):
    return [e.value for e in at.error if e.value.startswith("Il y a ") and "au plus" in e.value]


def test_a_title_over_the_limit_stays_with_a_kind_sentence_and_is_not_printed(page):
    assert len(TITLE) > 60
    page.text_input(key="comic-title").input("Ma BD").run()
    page.text_input(key="comic-title").input(TITLE).run()
    assert page.text_input(key="comic-title").value == TITLE  # not the previous title
    assert page.session_state["comic"]["title"] == TITLE
    said = _too_long(page)
    assert said and f"{len(TITLE)} signes dans le titre : 60 au plus" in said[0], [e.value for e in page.error]
    next(b for b in page.button if b.label == "🖨️ Créer ma planche (PDF + image)").click().run()
    assert page.session_state["comic"]["render_job"] is None  # not printed with a title cut or lost
    page.text_input(key="comic-title").input("Ma BD").run()
    assert not _too_long(page)


@pytest.mark.parametrize("key, limit, where", [("comic-authors", 80, "les noms des auteurs"),
                                               ("comic-story-2", 160, "la phrase de la case 3"),
                                               ("comic-hero-name", 40, "le prénom du héros")])
def test_other_typed_fields_keep_a_long_text_and_say_the_limit(page, key, limit, where):
    words = ("Léa " * 60)[: limit + 12].strip()
    page.text_input(key=key).input(words).run()
    assert page.text_input(key=key).value == words
    assert any(f"{len(words)} signes dans {where} : {limit} au plus" in s for s in _too_long(page)), \
        [e.value for e in page.error]


def test_the_heros_look_keeps_a_long_text(page):
    words = "un grand chevalier " * 12
    page.text_area(key="comic-hero-look").input(words).run()
    assert page.text_area(key="comic-hero-look").value == words
    assert any("dans la description du héros : 200 au plus" in s for s in _too_long(page))


def test_a_bubble_over_the_limit_stays_in_the_box_and_is_not_added(page):
    assert len(BUBBLE) > 160
    page.text_area(key="comic-bubble-text").input("Coucou !")
    _add(page)
    page.text_area(key="comic-bubble-text").input(BUBBLE).run()
    assert page.text_area(key="comic-bubble-text").value == BUBBLE  # not the previous bubble's words
    _add(page)
    said = _too_long(page)
    assert said and f"{len(BUBBLE)} signes dans la bulle 2 de la case 1 : 160 au plus" in said[0], said
    assert [b["text"] for b in page.session_state["comic"]["panels"][0]["bubbles"]] == ["Coucou !"]
    assert page.text_area(key="comic-bubble-text").value == BUBBLE


def test_a_refused_bubble_stays_in_its_panel_and_does_not_follow_to_another(page):
    panels = page.button_group(key="comic-bubble-panel")
    panels.set_value(3).run()
    page.text_area(key="comic-bubble-text").input("ta gueule connard").run()
    _add(page)
    assert any("(dans la bulle 1 de la case 4)" in e.value for e in page.error), [e.value for e in page.error]
    page.button_group(key="comic-bubble-panel").set_value(1).run()
    assert page.text_area(key="comic-bubble-text").value == ""  # panel 2's own box, empty
    assert not [e.value for e in page.error if "bulle" in e.value]
    page.text_area(key="comic-bubble-text").input("Miaou !").run()
    _add(page)
    assert [b["text"] for b in page.session_state["comic"]["panels"][1]["bubbles"]] == ["Miaou !"]
    page.button_group(key="comic-bubble-panel").set_value(3).run()
    assert page.text_area(key="comic-bubble-text").value == "ta gueule connard"  # waiting there, to mend
    assert not page.session_state["comic"]["panels"][3]["bubbles"]
    assert not page.exception


def test_a_bubble_that_no_longer_fits_its_panel_says_so_and_its_words_come_back_to_shorten(page):
    """Added in a panel of « Classique », a bubble with a 25-letter word no longer fits the narrower panel 1 of
    « Cases hautes »: the bubble says so (the page is not printed past its panel), and removing it puts its words
    back in the box."""
    words = "C'est anticonstitutionnellement vrai"
    page.text_area(key="comic-bubble-text").input(words)
    _add(page)
    assert [b["text"] for b in page.session_state["comic"]["panels"][0]["bubbles"]] == [words]
    next(b for b in page.button if b.label == "Cases hautes · 3 cases").click().run()
    said = ("Cette bulle ne tient plus dans sa case. Enlève-la\u00a0: tes mots reviendront dans la boîte, pour les "
            "raccourcir.")
    assert [w.value for w in page.warning if w.value == said] == [said]
    assert any("anticonstitutionnellement" in e.value and "Coupe-le" in e.value for e in page.error)  # the preview
    next(b for b in page.button if b.key == "comic-remove-0-0").click().run()
    assert page.session_state["comic"]["panels"][0]["bubbles"] == []
    assert page.text_area(key="comic-bubble-text").value == words
    assert not [w.value for w in page.warning if w.value == said] and not page.exception
