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


@pytest.mark.parametrize("typed", ["Adébáyọ̀", "Şn̈ura", "Tapig̃ua"])
def test_a_letter_whose_accent_is_a_combining_mark_only_is_a_letter(typed):
    """Yoruba « ọ̀ », Malagasy « n̈ », Guarani « g̃ » have no precomposed letter: NFC keeps the combining mark, and the
    name was refused as if it held something other than letters and accents."""
    assert clean_name(typed) == typed


def test_a_combining_accent_is_printed_over_its_letter(tmp_path):
    """The readable face (Atkinson Hyperlegible) draws its marks from the origin, for a layout engine to place: set in
    it, « ọ̀ »'s grave fell beside the next letter. The letter and its mark are set together in a face that hangs
    its marks over the letter before them."""
    from pipelines.export.fonts import faces, hanging_marks, split_runs

    chain = faces("readable")
    runs = split_runs("Adébáyọ̀ et Şn̈ura", chain)
    for letters in ("ọ̀", "n̈"):
        face = next(path for _, path, chunk in runs if letters in chunk)
        assert all(ord(mark) in hanging_marks(face) for mark in letters[1:])
    assert runs[0][1] == chain[0][1] and runs[0][2].startswith("Adébáy")  # the letters NFC composes stay in the face


def test_the_cover_letter_of_a_georgian_name_is_printed(tmp_path):
    """« ნინო ».upper() is « Ნ » (Mtavruli, Unicode 11), a capital no bundled face has: the cover showed an empty
    box. Georgian names are written without capitals: the letter stays as typed."""
    from PIL import Image, ImageDraw, ImageFont

    from pipelines.export.fonts import faces
    from pipelines.story.book import make_cover
    from pipelines.story.spec import StorySpec
    from pipelines.story.writer import write_story

    story = write_story(StorySpec(hero_name="ნინო", language="fr", pages=4, seed=0))
    story.author = "ნინო"
    box = (350, 350, 550, 550)
    drawn = Image.open(make_cover(story, tmp_path / "cover.png")).convert("L").crop(box)
    expected = Image.new("L", (900, 900), 255)
    face = ImageFont.truetype(str(faces("readable", bold=True)[1][1]), 90)  # DejaVu Sans Bold has « ნ »
    ImageDraw.Draw(expected).text((450, 450), "ნ", font=face, fill=0, anchor="mm")
    ink = sum(Image.eval(drawn, lambda v: 255 if v < 150 else 0).histogram()[255:])
    wanted = sum(Image.eval(expected.crop(box), lambda v: 255 if v < 150 else 0).histogram()[255:])
    assert abs(ink - wanted) < 0.15 * wanted


def test_a_name_typed_in_full_width_letters_is_printed_in_its_letters():
    """A Japanese or Chinese keyboard left in full-width mode types « Ａｙａ » (U+FF21...): refused as letters no
    face has, while they are Latin letters the book prints."""
    assert clean_name("Ａｙａ") == "Aya"
    assert clean_name("Ｌéa") == "Léa"


def test_an_accent_over_a_capital_is_raised_to_the_capital(tmp_path):
    """With no layout engine a hanging mark is drawn at the height of small letters: over « Ọ » the grave of « Ọ̀ »
    fell inside the letter (the preview, laid out by Raqm, showed it above). Over a capital it is raised."""
    import subprocess

    import numpy as np
    from PIL import Image

    from pipelines.export.fonts import _raised_marks, faces
    from pipelines.export.pdf import PageSpec, PrintDocument

    dejavu = faces("readable")[1][1]
    pieces = _raised_marks("Ọ̀ ọ̀", dejavu)
    assert [rise > 0 for _, rise in pieces] == [False, True, False] and pieces[1][0] == "\u0300"
    doc = PrintDocument("Ọ̀")
    page = doc.add_page(PageSpec("A6", "portrait", bleed_mm=0))
    page.text("Ọ̀", 20, 40, size=60)
    doc.save(tmp_path / "o.pdf")
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(tmp_path / "o.pdf"), str(tmp_path / "o")], check=True)
    ink = np.asarray(Image.open(next(tmp_path.glob("o*.png"))).convert("L")) < 128
    rows = np.flatnonzero(ink.any(axis=1))
    gaps = np.flatnonzero(np.diff(rows) > 1)
    assert len(gaps) >= 2  # the grave, the capital and its dot below, each apart: the grave stands over the letter
