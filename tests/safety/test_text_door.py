"""Text at the door: NFC, control characters, French no-break spaces kept by line breaking, glyph coverage."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pipelines.i18n import UserError
from pipelines.safety.text import clean_text


def _run(args: list[str]) -> int:
    from pipelines.cli import main

    return main(args)


def test_clean_text_normalises_and_removes_controls():
    assert clean_text("E\u0301lodie") == "Élodie"
    assert clean_text("Zo\x00e\u0301\x0b") == "Zoé"
    assert clean_text("L\u202eéo\u202c \u2066Ana\u2069") == "Léo Ana"
    assert clean_text("a\r\nb", multiline=True) == "a\nb" and clean_text("a\nb") == "a b"
    assert clean_text("♥\ufe0f") == "♥"


@pytest.mark.parametrize("name, key", [("ليلى", "text.needs_shaping"), ("Zoé 🦄", "story.errors.name_letters")])
def test_names_that_cannot_be_printed_are_refused_with_a_sentence(name, key):
    from pipelines.story.spec import clean_name

    with pytest.raises(UserError) as refused:
        clean_name(name)
    assert refused.value.key == key
    assert not refused.value.message("fr").startswith("[") and not refused.value.message("en").startswith("[")


def test_emoji_and_shaping_refused_in_comic_bubbles(atelier_env):
    from pipelines.comics.page import check_page, page_from_dict

    for text, key in (("Bravo 🨀", "text.emoji"), ("مرحبا", "text.needs_shaping")):  # 🨀: no face has it
        page = page_from_dict({"layout": "grid-4", "panels": [{"prompt": "x", "bubbles": [{"text": text}]}]})
        with pytest.raises(UserError) as refused:
            check_page(page, need_images=False)
        assert refused.value.key == key and "la bulle 1 de la case 1" in refused.value.message("fr")
        assert "bubble 1 of panel 1" in refused.value.message("en")


def test_a_print_refusal_names_the_field_in_words_not_in_code_names():
    from pipelines.safety.text import check_printable

    for field, fr, en in (("title", "(dans le titre)", "(in the title)"), ("page 3", "(dans la page 3)", "(in page 3)"),
                          ("hero_name", "(dans le prénom du héros)", "(in the hero's name)"),
                          ("", "(dans le texte)", "(in the text)")):
        with pytest.raises(UserError) as refused:
            check_printable("un chat 🨀", field=field)
        assert refused.value.message("fr").endswith(fr + ".") and refused.value.message("en").endswith(en + ".")
        assert "champ" not in refused.value.message("fr")


def test_wrap_never_breaks_at_a_no_break_space():
    from pipelines.export.pdf import wrap_text

    text = ("Veux-tu être mon amie\u00a0? «\u00a0Oui\u00a0!\u00a0» dit la chouette\u00a0; "
            "elle rit\u00a0: quelle joie\u00a0!")
    for width in range(20, 90, 3):
        for line in wrap_text(text, width, 12, "readable"):
            assert not re.match(r"^[!?:;»]", line), (width, line)
            assert not line.endswith("«")


def test_story_pdf_has_no_line_starting_with_a_french_mark(atelier_env, tmp_path):
    (tmp_path / "spec.toml").write_text('[story]\nhero_name = "Zoé"\ncompanion = "owl"\nproblem = "storm"\n'
                                        'reading_age = "7-8"\npages = 8\nseed = 0\nlanguage = "fr"\n'
                                        '[book]\nmusic = false\n')
    assert _run(["story", "make", str(tmp_path / "spec.toml"), "--pdf", str(tmp_path / "b.pdf")]) == 0
    text = subprocess.run(["pdftotext", str(tmp_path / "b.pdf"), "-"], capture_output=True, text=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert sum("!" in line or "?" in line for line in lines) >= 3  # the story has such marks
    assert not [line for line in lines if re.match(r"^[!?:;»]", line)]


def test_turkish_capital_i_is_printed_with_the_fallback_face(atelier_env, tmp_path):
    (tmp_path / "spec.toml").write_text('[story]\nhero_name = "İlayda"\npages = 4\nseed = 0\nlanguage = "fr"\n'
                                        '[book]\nmusic = false\n')
    assert _run(["story", "make", str(tmp_path / "spec.toml"), "--pdf", str(tmp_path / "b.pdf")]) == 0
    fonts = subprocess.run(["pdffonts", str(tmp_path / "b.pdf")], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts and "Atkinson" in fonts
    text = subprocess.run(["pdftotext", str(tmp_path / "b.pdf"), "-"], capture_output=True, text=True).stdout
    assert "İlayda" in text


def _ink_top(pdf: Path) -> int:
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(pdf.with_suffix(""))], check=True)
    ink = np.asarray(Image.open(pdf.with_suffix(".png")).convert("L")) < 128
    return int(np.argmax(ink.any(axis=1)))


def test_a_letter_the_font_lacks_is_drawn_not_boxed(atelier_env, tmp_path):
    """İ drawn with the readable face (which lacks it) rises above I: the dot is there, not a .notdef box."""
    from pipelines.export.pdf import PageSpec, PrintDocument

    tops = {}
    for letter in ("I", "İ"):
        doc = PrintDocument("t")
        doc.add_page(PageSpec("A6", bleed_mm=0)).text(letter, 20, 60, size=72, family="readable")
        path = doc.save(tmp_path / f"{ord(letter)}.pdf")
        tops[letter] = _ink_top(path)
    assert tops["İ"] < tops["I"] - 10


def test_decomposed_accents_print_as_one_letter_in_the_comic(atelier_env, tmp_path):
    Image.new("RGB", (600, 400), (170, 200, 235)).save(tmp_path / "ciel.png")
    (tmp_path / "page.toml").write_text('title = "E\u0301lodie et Franc\u0327ois"\nlayout = "grid-4"\n'
                                        '[[panels]]\nimage = "ciel.png"\n[[panels.bubbles]]\n'
                                        'text = "C\u0327a, c\'est la fore\u0302t enchante\u0301e !"\n')
    assert _run(["comic", "render", str(tmp_path / "page.toml"), "--out", str(tmp_path / "p.pdf")]) == 0
    text = subprocess.run(["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Élodie et François" in text and "\u0301" not in text and "\u0327" not in text


def test_emoji_the_pictographs_face_draws_print_in_a_comic_page(atelier_env, tmp_path):
    """« Bravo 🎉 », « aie g mal 😭 » were refused everywhere children type them (the book waited until the child
    took them out): they print now, in black, in the pictographs' face (pipelines.export.fonts.PICTOGRAPHS)."""
    import pypdf

    from pipelines.comics.page import check_page, page_from_dict
    from pipelines.export.fonts import PICTOGRAPHS, faces, split_runs
    from pipelines.safety.text import check_printable

    for text in ("Bravo 🎉", "aie aie aie g mal 😭 !!!", "trop mimi 😍", "zoé la + forte 💪", "❤️ maman"):
        check_printable(text)
        page = page_from_dict({"layout": "grid-4", "panels": [{"prompt": "x", "bubbles": [{"text": text}]}]})
        check_page(page, need_images=False)
    runs = split_runs("Bravo 🎉", faces("readable"))
    assert runs[-1][1] == PICTOGRAPHS.regular and runs[-1][2] == "🎉"
    from reportlab.pdfgen import canvas

    from pipelines.export.fonts import draw_runs

    out = tmp_path / "emoji.pdf"
    page = canvas.Canvas(str(out))
    draw_runs(page, 50, 700, runs, 24)
    page.save()
    used = [font.get_object()["/BaseFont"] for font in pypdf.PdfReader(out).pages[0]["/Resources"]["/Font"].values()]
    assert any("Symbola" in name for name in used), used  # embedded, as the other faces are


def test_the_emoji_children_type_now_print_in_black_in_the_emoji_face(atelier_env, tmp_path):
    """« trop bien 🥳 », « bisous 🥰 », « mon doudou 🧸 » were refused with « écris le mot à la place »: the
    pictographs' face (Symbola 2.60) stops at Unicode 9. They print now from Noto Emoji (pipelines.export.fonts.EMOJI),
    embedded in the PDF and drawn on the comic's preview; an older pictograph still comes from Symbola."""
    import pypdf
    from PIL import ImageDraw
    from reportlab.pdfgen import canvas

    from pipelines.comics.page import check_page, page_from_dict
    from pipelines.export.fonts import EMOJI, PICTOGRAPHS, draw_runs, draw_runs_pil, faces, split_runs
    from pipelines.safety.text import check_printable, unprintable

    typed = ("trop bien 🥳", "bisous 🥰🥰", "mon doudou 🧸", "c moi le + fort 🦸", "pls 🥺", "ninja 🥷 !!", "love u 🫶")
    for text in typed:
        check_printable(text)
        assert unprintable(text, faces("readable")) == ("", [])
        check_page(page_from_dict({"layout": "grid-4", "panels": [{"prompt": "x", "bubbles": [{"text": text}]}]}),
                   need_images=False)
    runs = split_runs("Bravo 🥳 🎉", faces("readable"))
    assert [(path, chunk) for _, path, chunk in runs[1:]] == [(EMOJI.regular, "🥳"), (runs[0][1], " "),
                                                             (PICTOGRAPHS.regular, "🎉")]
    out = tmp_path / "emoji.pdf"
    page = canvas.Canvas(str(out))
    draw_runs(page, 50, 700, split_runs("bisous 🥰", faces("sans")), 24)
    page.save()
    used = [font.get_object()["/BaseFont"] for font in pypdf.PdfReader(out).pages[0]["/Resources"]["/Font"].values()]
    assert any("emoji" in name.lower() for name in used), used
    picture = Image.new("L", (200, 60), 255)
    draw_runs_pil(ImageDraw.Draw(picture), (10, 45), split_runs("🥰", faces("sans")), 40, 0)
    assert (np.asarray(picture) < 128).mean() > 0.02  # a glyph is drawn, not an empty box or nothing
    assert unprintable("🨀", faces("readable"))[0] == "text.emoji"  # a sign no face has is still named


@pytest.mark.parametrize("tone", ["\U0001F3FB", "\U0001F3FD", "\U0001F3FF"])
def test_an_emoji_with_a_skin_tone_prints_as_the_emoji(tone):
    """Prints are in black: the emoji faces draw a skin tone alone as a grey swatch, and « Bravo 👍🏽 » printed a
    thumb beside a box. The tone is dropped at the text door, as the variation selectors are."""
    from pipelines.comics.lettering import chain
    from pipelines.export.fonts import split_runs

    typed = f"Bravo \U0001F44D{tone} !"
    assert clean_text(typed) == "Bravo \U0001F44D !"
    assert all(tone not in chunk for _, _, chunk in split_runs(clean_text(typed), chain()))
