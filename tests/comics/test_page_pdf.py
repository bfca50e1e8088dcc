"""The printed comic page, checked in the PDF itself: size, margins, bubble text inside its bubble, fonts."""
from __future__ import annotations

import re
import subprocess

import pdfplumber
import pytest
from pypdf import PdfReader

from pipelines.comics.build import build_page
from pipelines.comics.page import MARGIN, PAGE_H, PAGE_W, compose
from pipelines.comics.typography import NBSP

MM = 72 / 25.4


def _boxes(pdf_path):
    reader = PdfReader(str(pdf_path))
    page = reader.pages[0]
    return {name: [float(v) for v in getattr(page, name)] for name in ("mediabox", "trimbox", "bleedbox")}


def test_a4_page_size_with_and_without_bleed(atelier_env, comic_page, tmp_path):
    plain = build_page(comic_page, tmp_path / "plain").files["pdf"]
    boxes = _boxes(plain)
    assert boxes["trimbox"][2] - boxes["trimbox"][0] == pytest.approx(210 * MM, abs=0.5)
    assert boxes["trimbox"][3] - boxes["trimbox"][1] == pytest.approx(297 * MM, abs=0.5)
    bled = build_page(comic_page, tmp_path / "bled", bleed_mm=3, crop_marks=True).files["pdf"]
    boxes = _boxes(bled)
    trim_w = boxes["trimbox"][2] - boxes["trimbox"][0]
    bleed_w = boxes["bleedbox"][2] - boxes["bleedbox"][0]
    assert trim_w == pytest.approx(210 * MM, abs=0.5)
    assert bleed_w - trim_w == pytest.approx(6 * MM, abs=0.5)  # 3 mm each side
    assert boxes["mediabox"][2] > boxes["bleedbox"][2]  # room for the crop marks beyond the bleed


def test_panels_sit_inside_the_margins(atelier_env, comic_page, tmp_path):
    pdf = build_page(comic_page, tmp_path, png=None, panels=False).files["pdf"]
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        images = page.images
        assert len(images) == 4  # one picture per panel
        for image in images:
            assert image["x0"] >= MARGIN * MM - 0.5 and image["x1"] <= (PAGE_W - MARGIN) * MM + 0.5
            assert image["top"] >= MARGIN * MM - 0.5 and image["bottom"] <= (PAGE_H - MARGIN) * MM + 0.5
        lefts = sorted({round(i["x0"]) for i in images})
        assert len(lefts) == 2 and lefts[1] - (lefts[0] + images[0]["width"]) > 2 * MM  # a gutter between


def test_bubble_text_is_present_and_inside_its_bubble(atelier_env, comic_page, tmp_path):
    composed = compose(comic_page)
    pdf = build_page(comic_page, tmp_path, png=None, panels=False).files["pdf"]
    with pdfplumber.open(pdf) as doc:
        chars = doc.pages[0].chars
        text = doc.pages[0].extract_text()
    for phrase in ("Bonjour", "Flamme.", "SECOURS", "glace", "dragon…", "Le dragon gourmand", "par Léa et Malo"):
        assert phrase in text
    # French typography: the "!" is set after a non-breaking space and stays on Bonjour's line.
    assert any(f"Bonjour{NBSP}!" in line for b in composed.bubbles for line in b.lettering.lines)
    assert any(line.strip().startswith("Bonjour !") for line in text.splitlines())
    for bubble in composed.bubbles:
        x, y, w, h = bubble.box
        first_word = bubble.lettering.lines[0].split(" ")[0].split(NBSP)[0]
        inside = [c for c in chars if x * MM <= c["x0"] and c["x1"] <= (x + w) * MM
                  and y * MM <= c["top"] and c["bottom"] <= (y + h) * MM]
        lettered = "".join(c["text"] for c in inside)
        assert first_word in lettered, (bubble.kind, first_word, lettered)
        assert len(inside) >= len("".join(bubble.lettering.lines).replace(" ", "")) - 1


def test_comic_font_is_embedded(atelier_env, comic_page, tmp_path):
    pdf = build_page(comic_page, tmp_path, png=None, panels=False).files["pdf"]
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    assert any("ComicNeue-Bold" in row[0] for row in rows)
    for row in rows:
        assert row[-5] == "yes", f"font not embedded: {row}"  # emb column


def test_ai_mention_only_when_ai_drew(atelier_env, comic_page, tmp_path):
    with_ai = build_page(comic_page, tmp_path / "ai", png=None, panels=False).files["pdf"]
    with pdfplumber.open(with_ai) as doc:
        assert "Créé avec l'IA à la médiathèque" in doc.pages[0].extract_text()
    assert "AI-generated" in (PdfReader(str(with_ai)).metadata.get("/Keywords") or "")
    for panel in comic_page.panels:
        panel.ai = False
    by_hand = build_page(comic_page, tmp_path / "hand", png=None, panels=False).files["pdf"]
    with pdfplumber.open(by_hand) as doc:
        assert "IA" not in doc.pages[0].extract_text()


def test_png_and_each_panel_are_written(atelier_env, comic_page, tmp_path):
    from PIL import Image

    made = build_page(comic_page, tmp_path)
    with Image.open(made.files["png"]) as page:
        assert page.size == (round(210 / 25.4 * 150), round(297 / 25.4 * 150))
        assert page.getpixel((5, 5)) == (255, 255, 255)  # margins stay white
    assert sorted(k for k in made.files if k.startswith("panel-")) == ["panel-1", "panel-2", "panel-3", "panel-4"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_print_warnings_say_what_to_do_without_file_names(atelier_env, comic_page, tmp_path, language):
    from pipelines.i18n import translate

    made = build_page(comic_page, tmp_path / "out", png=None, panels=False)
    texts = [translate(key, language, **params) for key, params in made.warnings]
    assert len(texts) == 4, texts  # 640 px drawings in A4 panels: every panel under 150 dpi
    panel = {"fr": "La case {n} ", "en": "Panel {n} "}[language]
    for n, text in enumerate(texts, start=1):
        assert text.startswith(panel.format(n=n))
        assert "🔍 Zoom" in text  # the frame's zoom control, named as the child sees it
        assert not re.search(r"\.(png|jpe?g|webp)|/|\bdpi\b|\bppp\b|dragon|chat|panel-", text), text
    photo = {"fr": "photo de ton dessin", "en": "photo of your drawing"}[language]
    assert photo in texts[0] and photo not in texts[1]  # panel 2 was drawn by the AI: no photo to retake
