"""A sitter's name the label's fonts cannot print (Arabic needs shaping, a recent emoji) is not set as loose letters:
the label says « Portrait », on the screen as on the card."""
from __future__ import annotations

import pytest

from pipelines.portrait.label import cartel, printable_sitter


@pytest.mark.parametrize("sitter", ["أمينة", "🦁", "🦁 ✨"])
def test_an_unprintable_name_gives_the_untitled_label(sitter):
    assert printable_sitter(sitter) == ""
    assert cartel("pop-art", sitter, language="fr", library="la médiathèque").title == "Portrait"


@pytest.mark.parametrize("sitter", ["İlayda", "Nguyễn Thị Ánh", "Zoé"])
def test_latin_names_with_any_accent_stay(sitter):
    assert cartel("pop-art", sitter, language="fr", library="la médiathèque").title == sitter


# 🨀 🨁 🨂: chess pieces no face the studio ships draws (they stand for an emoji newer than the fonts)
@pytest.mark.parametrize("sitter, printed, left_out", [
    ("Léo 🨀", "Léo", ["🨀"]), ("🨁 Inès", "Inès", ["🨁"]), ("Zoé 🨂 ", "Zoé", ["🨂"]),
    ("🨂Zoé🨀", "Zoé", ["🨂", "🨀"]),  # in the name's order
    ("Léo 🦖", "Léo 🦖", []), ("Sam 👨\u200d👩\u200d👧", "Sam 👨👩👧", []),  # emoji the print draws (in black) stay
    ("Léo 🥰", "Léo 🥰", []), ("🦩Zoé🥳", "🦩Zoé🥳", [])])  # ... of Unicode 11-12 too (Noto Emoji)
def test_a_name_prints_without_the_signs_the_fonts_lack(sitter, printed, left_out):
    from pipelines.safety.text import printable_name

    assert printable_name(sitter) == (printed, left_out)
    assert printable_sitter(sitter) == printed
    assert cartel("pop-art", sitter, language="fr", library="la médiathèque").title == printed


def test_letters_the_fonts_lack_are_not_cut_out_of_a_name():
    from pipelines.safety.text import printable_name

    assert printable_name("أمينة Léo")[0] == ""  # part of the letters would print another name
    assert printable_name("Jean-Baptiste") == ("Jean-Baptiste", [])


def test_the_label_and_the_card_print_the_name_without_the_emoji(immediate_queue, tmp_path):
    import pypdf
    from PIL import Image

    portrait = tmp_path / "portrait.png"
    Image.new("RGB", (300, 400), (180, 120, 90)).save(portrait)
    job = immediate_queue.get(immediate_queue.submit("portrait.print", {
        "portrait": str(portrait), "style": "pop-art", "sitter": "Léo 🨀", "ai_made": False, "size": "A5",
        "language": "fr", "made_on": "2026-11-01"}))
    assert job.state == "done", job.error
    files = job.files()
    text = pypdf.PdfReader(files["framed"]).pages[0].extract_text()
    assert text.count("Léo") == 2 and "Portrait" not in text, text
    fronts, backs = pypdf.PdfReader(files["postcard"]).pages
    assert "Léo" in fronts.extract_text() + backs.extract_text()


def test_one_note_says_what_the_label_leaves_out_for_the_page_and_the_command_line():
    from pipelines.portrait.label import sitter_note

    assert sitter_note("Léo 🦖", "fr") == ""  # an emoji a print face draws is printed: nothing to say
    said = sitter_note("Léo 🄍", "fr").replace("\u00a0", " ")
    assert said == "L’étiquette et la carte diront « Léo » : 🄍 ne s’imprime pas."
    page = sitter_note("مريم", "fr", "portrait.ui.name_unprintable")  # the child's page, in « tu »
    assert "« Portrait »" in page.replace("\u00a0", " ") and "ton prénom" in page
    assert "--name" in sitter_note("مريم", "en") and "“Portrait”" in sitter_note("مريم", "en")
