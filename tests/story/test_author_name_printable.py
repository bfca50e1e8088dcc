"""A participant's name the book's fonts cannot print (Arabic needs shaping, a recent emoji) never reaches the PDF as
loose letters or boxes: the page says so and the book names the hero instead; the engine refuses it by field."""
from __future__ import annotations

import pytest

from pipelines.i18n import UserError
from pipelines.story.spec import StorySpec
from tests.conftest import open_page


@pytest.mark.parametrize("author", ["أمينة", "Amina 🨀"])
def test_the_engine_refuses_an_author_it_cannot_print(author):
    with pytest.raises(UserError) as caught:
        StorySpec(hero_name="Zoé", author=author).checked()
    assert "les noms des auteurs" in caught.value.message("fr")


def test_latin_vietnamese_and_turkish_authors_print():
    for author in ("Nguyễn Thị Ánh", "İlayda", "Zoé"):
        assert StorySpec(hero_name="Zoé", author=author).checked().author == author


def test_the_page_says_it_and_keeps_the_book_going(store, workshop, monkeypatch):
    amina = store.add_participant(workshop["id"], "أمينة", consent=True, consent_by="Animatrice")
    at = open_page(monkeypatch, "storybook", workshop_id=workshop["id"], participant_id=amina["id"])
    said = [i.value for i in at.info]
    assert any("ne sait pas encore imprimer le prénom «\u00a0أمينة\u00a0»" in line for line in said), said


def test_a_long_name_is_cut_between_its_parts_on_the_book_and_the_label():
    from pipelines.portrait.label import cartel

    long = "Marie-Charlotte-Alexandrine-Éléonore-Bénédicte-Anne-Sophie"  # 58 letters, as typed in the console
    assert StorySpec(hero_name="Zoé", author=long).checked().author == "Marie-Charlotte-Alexandrine-Éléonore"
    assert cartel("pop-art", long, library="la médiathèque").title == "Marie-Charlotte-Alexandrine-Éléonore"
    assert StorySpec(hero_name="Zoé", author="A" * 50).checked().author == "A" * 40  # one part: cut at 40
