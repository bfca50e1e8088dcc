"""French spacing of text as children type it: marks against the next word get their space after, times and
scores keep their colon tight, web addresses are untouched."""
from __future__ import annotations

import pytest

from pipelines.export.typography import NBSP, letter_text


@pytest.mark.parametrize("typed,printed", [
    ("Oui:non;peut-être", f"Oui{NBSP}: non{NBSP}; peut-être"),
    ("Il pleut!!!Vraiment?!Oui", f"Il pleut{NBSP}!!! Vraiment{NBSP}?! Oui"),
    ("«Vite!»dit-il", f"«{NBSP}Vite{NBSP}!{NBSP}» dit-il"),
    ("Rendez-vous à 12:30 !", f"Rendez-vous à 12:30{NBSP}!"),
    ("Score 3:0, bravo", "Score 3:0, bravo"),
    ("Il est 8:15:Zoé part", f"Il est 8:15{NBSP}: Zoé part"),
    ("voir https://a.fr:80/x ok", "voir https://a.fr:80/x ok"),
    ("Attention: dragon; «oui»", f"Attention{NBSP}: dragon{NBSP}; «{NBSP}oui{NBSP}»"),
])
def test_french_marks_as_typed(typed, printed):
    assert letter_text(typed, "fr") == printed


def test_english_is_left_tight():
    assert letter_text("Wait !Score 3:0", "en") == "Wait!Score 3:0"


def test_a_postcard_message_gets_french_spacing():
    from pipelines.export.postcard import Postcard, message_fit

    fit = message_fit(Postcard(front="", message="Rendez-vous à 12:30!Oui:non", language="fr"))
    assert " ".join(fit.lines).replace(NBSP, " ") == "Rendez-vous à 12:30 ! Oui : non"


def test_a_photo_sheet_caption_gets_french_spacing():
    from pipelines.photo.sheet import printable_words

    caption, date = printable_words("Noël 1952:la famille!", "30 novembre 2026", "fr")
    assert caption == f"Noël 1952{NBSP}: la famille{NBSP}!" and date == "30 novembre 2026"
