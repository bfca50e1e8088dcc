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


@pytest.mark.parametrize("typed,printed", [
    ("On y va\n!", f"On y va{NBSP}!"),
    ("On y va\n\n?!", f"On y va{NBSP}?!"),
    ("«Vite\n»", f"«{NBSP}Vite{NBSP}»"),
    ("Il dit\n: bonjour", f"Il dit{NBSP}: bonjour"),
    ("Bonjour\nÇa va ?", f"Bonjour\nÇa va{NBSP}?"),
])
def test_a_mark_typed_alone_on_the_next_line_goes_back_to_its_word(typed, printed):
    """Entrée pressed before « ! » put the mark at the start of a line of the bubble, alone."""
    assert letter_text(typed, "fr") == printed


@pytest.mark.parametrize("space", ["\u2009", "\u2002", "\u200a", "\u3000", "\u205f"])
def test_a_thin_en_or_ideographic_space_before_a_mark_is_the_no_break_space(space):
    """A word processor's thin space (U+2009) before « ! » stayed a place to break before the mark, and an ideographic
    space (U+3000, a Japanese keyboard) was refused as a letter no face has: at the text door they are spaces."""
    from pipelines.safety.text import clean_printable

    typed = clean_printable(f"Attends{space}: regarde{space}!", multiline=True, field="1.1")
    assert letter_text(typed, "fr") == f"Attends{NBSP}: regarde{NBSP}!"


def test_a_figure_space_between_digits_stays_unbroken():
    from pipelines.safety.text import clean_text

    assert clean_text("10\u2007000 étoiles") == f"10{NBSP}000 étoiles"
