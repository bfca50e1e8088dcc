"""A sitter's name the label's fonts cannot print (Arabic needs shaping, an emoji) is not set as loose letters:
the label says « Portrait », on the screen as on the card."""
from __future__ import annotations

import pytest

from pipelines.portrait.label import cartel, printable_sitter


@pytest.mark.parametrize("sitter", ["أمينة", "Léo 🦁"])
def test_an_unprintable_name_gives_the_untitled_label(sitter):
    assert printable_sitter(sitter) == ""
    assert cartel("pop-art", sitter, language="fr", library="la médiathèque").title == "Portrait"


@pytest.mark.parametrize("sitter", ["İlayda", "Nguyễn Thị Ánh", "Zoé"])
def test_latin_names_with_any_accent_stay(sitter):
    assert cartel("pop-art", sitter, language="fr", library="la médiathèque").title == sitter
