"""A hero's name in a script the book cannot set yet is refused by naming that script's letters, never with
« un prénom se fait avec des lettres » (Hindi's vowel signs are marks, so the name failed the letters rule first)."""
from __future__ import annotations

import pytest

from pipelines.i18n import UserError
from pipelines.story.spec import clean_name


@pytest.mark.parametrize("name", ["अनन्या", "فاطمة", "ณัฐ", "ស្រីមុំ"])
def test_a_name_in_a_script_that_needs_shaping_is_refused_for_its_script(name):
    with pytest.raises(UserError) as info:
        clean_name(name)
    assert info.value.key == "text.needs_shaping"
    assert "écriture" in info.value.message("fr") and "prénom du héros" in info.value.message("fr")


@pytest.mark.parametrize("name,kept", [("Nguyễn Thị Ánh", "Nguyễn Thị Ánh"), ("Αλέξανδρος", "Αλέξανδρος"),
                                       ("Zoë\u200d", "Zoë")])
def test_vietnamese_greek_and_a_stray_joiner_are_names(name, kept):
    assert clean_name(name) == kept


@pytest.mark.parametrize("name", ["🦊🌟", "👩\u200d👧"])
def test_a_name_made_of_emoji_is_told_what_a_name_is_made_of(name):
    with pytest.raises(UserError) as info:
        clean_name(name)
    assert info.value.key in ("story.errors.name_letters", "text.emoji")
