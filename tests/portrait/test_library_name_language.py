"""The library's name printed on a label, a book or a comic follows the language when nobody gave one (an English
portrait's label ended « 30 November 2026 · la médiathèque »); a name typed in the console is printed as typed."""
from __future__ import annotations

from datetime import date

from pipelines.portrait.label import cartel


def test_the_built_in_library_name_follows_the_language(store):
    english = cartel("pop-art", "Léa", language="en", made_on=date(2026, 11, 30))
    french = cartel("pop-art", "Léa", language="fr", made_on=date(2026, 11, 30))
    assert (english.when, english.library) == ("30 November 2026", "the library")
    assert french.library == "la médiathèque"


def test_the_facilitators_own_name_is_kept_in_every_language(store):
    from pipelines.comics.build import mention_text
    from pipelines.store import library_name

    store.set_setting("library_name", "Médiathèque du Port")
    assert cartel("pop-art", "Léa", language="en").library == "Médiathèque du Port"
    assert "Médiathèque du Port" in mention_text("en")
    assert library_name(language="en") == "Médiathèque du Port"


def test_an_english_comic_mention_says_the_library_in_english(store):
    from pipelines.comics.build import mention_text

    assert "la médiathèque" not in mention_text("en") and "the library" in mention_text("en")


def test_an_english_photo_sheet_says_the_library_in_english(tmp_path, atelier_env):
    """The A4 photo sheet's footer followed the facilitator's default name in French on an English sheet."""
    import numpy as np
    import pdfplumber
    from PIL import Image

    from pipelines.photo.sheet import photo_sheet

    picture = tmp_path / "p.png"
    Image.fromarray(np.full((64, 48, 3), 128, np.uint8)).save(picture)
    out = photo_sheet(picture, picture, tmp_path / "s.pdf", caption="Grandma", date="1962", language="en")
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[0].extract_text()
    assert "the library" in text and "médiathèque" not in text, text
