"""The print engine: page, trim and bleed boxes, crop marks, 300 dpi placement, warnings, fonts, metadata."""
from __future__ import annotations

import numpy as np
import pdfplumber
import pypdf
import pytest
from PIL import Image

from pipelines.export.pdf import MM, PageSpec, PrintDocument, fit_text

PT = 72 / 25.4


def _picture(w, h, seed=0):
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 255, (h, w, 3), dtype=np.uint8))


def _box_mm(box):
    return float(box.right - box.left) / PT, float(box.top - box.bottom) / PT


@pytest.mark.parametrize("size,orientation,expected", [
    ("A4", "portrait", (210, 297)), ("A5", "landscape", (210, 148)), ("A6", "landscape", (148, 105)),
    ("A6", "portrait", (105, 148)), ("Letter", "portrait", (215.9, 279.4)),
])
def test_trim_and_bleed_boxes_read_back(tmp_path, size, orientation, expected):
    doc = PrintDocument("Essai")
    page = doc.add_page(PageSpec(size, orientation, bleed_mm=3, crop_marks=False))
    page.image(_picture(300, 300), 0, 0, page.width, page.height)
    doc.save(tmp_path / "p.pdf")
    pdf_page = pypdf.PdfReader(tmp_path / "p.pdf").pages[0]
    assert _box_mm(pdf_page.trimbox) == pytest.approx(expected, abs=0.05)
    assert _box_mm(pdf_page.bleedbox) == pytest.approx((expected[0] + 6, expected[1] + 6), abs=0.05)
    assert _box_mm(pdf_page.mediabox) == pytest.approx((expected[0] + 6, expected[1] + 6), abs=0.05)


def test_picture_reaching_the_edge_fills_the_bleed(tmp_path):
    doc = PrintDocument("Essai")
    page = doc.add_page(PageSpec("A6", "landscape", bleed_mm=3, crop_marks=True))
    placed = page.image(_picture(2000, 1400), 0, 0, page.width, page.height)
    inner = page.image(_picture(500, 500), 20, 20, 30, 30)
    doc.save(tmp_path / "p.pdf")
    assert (placed.x, placed.y, placed.w, placed.h) == pytest.approx((-3, -3, 154, 111))
    assert (inner.x, inner.y, inner.w, inner.h) == (20, 20, 30, 30)  # away from the edges: not extended
    with pdfplumber.open(tmp_path / "p.pdf") as pdf:
        pdf_page = pdf.pages[0]
        bleed = pypdf.PdfReader(tmp_path / "p.pdf").pages[0].bleedbox
        image = max(pdf_page.images, key=lambda i: i["width"])
        height = float(pdf_page.height)
        assert image["x0"] == pytest.approx(float(bleed.left), abs=0.1)
        assert image["x1"] == pytest.approx(float(bleed.right), abs=0.1)
        assert height - image["bottom"] == pytest.approx(float(bleed.bottom), abs=0.1)


def test_crop_marks_lie_outside_the_trim_and_bleed(tmp_path):
    doc = PrintDocument("Essai")
    page = doc.add_page(PageSpec("A6", "landscape", bleed_mm=3, crop_marks=True))
    page.image(_picture(1800, 1300), 0, 0, page.width, page.height)
    doc.save(tmp_path / "p.pdf")
    bleed = pypdf.PdfReader(tmp_path / "p.pdf").pages[0].bleedbox
    with pdfplumber.open(tmp_path / "p.pdf") as pdf:
        pdf_page = pdf.pages[0]
        h = float(pdf_page.height)
        marks = pdf_page.lines
    assert len(marks) == 8  # two per corner
    for line in marks:
        x0, x1 = line["x0"], line["x1"]
        y0, y1 = h - line["bottom"], h - line["top"]  # back to PDF coordinates
        outside_x = x1 <= float(bleed.left) + 0.01 or x0 >= float(bleed.right) - 0.01
        outside_y = y1 <= float(bleed.bottom) + 0.01 or y0 >= float(bleed.top) - 0.01
        assert outside_x or outside_y, line


def test_pictures_are_placed_at_300_dpi_at_most(tmp_path):
    doc = PrintDocument("Essai")
    page = doc.add_page(PageSpec("A6", "landscape", bleed_mm=0))
    placed = page.image(_picture(4000, 3000), 0, 0, page.width, page.height)
    doc.save(tmp_path / "p.pdf")
    images = list(pypdf.PdfReader(tmp_path / "p.pdf").pages[0].images)
    width = images[0].image.width
    assert width == round(148 / 25.4 * 300) == placed.pixels[0]
    assert doc.warnings == []


def test_low_resolution_picture_is_warned_with_its_dpi(tmp_path):
    doc = PrintDocument("Essai")
    page = doc.add_page(PageSpec("A6", "landscape", bleed_mm=0))
    page.image(_picture(400, 300), 0, 0, page.width, page.height, name="petite.png")
    page.image(_picture(1200, 900), 0, 0, 60, 45, name="nette.png")  # 1200 px on 60 mm: 508 dpi, fine
    doc.save(tmp_path / "p.pdf")
    assert [w.key for w in doc.warnings] == ["export.low_dpi"]
    warning = doc.warnings[0]
    assert warning.params["name"] == "petite.png"
    assert warning.params["dpi"] == int(400 / (148 / 25.4))
    assert "68" in warning.text("fr") and "150" in warning.text("en")


def test_fonts_are_embedded_and_french_text_survives(tmp_path):
    doc = PrintDocument("Essai")
    page = doc.add_page(PageSpec("A5", "portrait"))
    page.text("Noël à l'école : œufs, façade « garçon »", 10, 20, size=12)
    page.text("Titre", 10, 40, size=20, bold=True, family="readable")
    doc.save(tmp_path / "p.pdf")
    reader = pypdf.PdfReader(tmp_path / "p.pdf")
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert len(fonts) == 2
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert "Noël à l'école : œufs, façade « garçon »" in reader.pages[0].extract_text()


def test_metadata_carries_the_ai_note_only_when_ai_was_used(tmp_path):
    for ai, name in ((True, "ai.pdf"), (False, "plain.pdf")):
        doc = PrintDocument("Ma carte", author="Léa", subject="Carte", ai_generated=ai)
        doc.add_page(PageSpec("A6")).text("x", 5, 5)
        doc.save(tmp_path / name)
    ai_meta = pypdf.PdfReader(tmp_path / "ai.pdf").metadata
    plain = pypdf.PdfReader(tmp_path / "plain.pdf").metadata
    assert ai_meta["/Title"] == "Ma carte" and ai_meta["/Author"] == "Léa" and ai_meta["/Creator"] == "Atelier"
    assert "AI-generated" in ai_meta["/Keywords"] and "IA" in ai_meta["/Subject"]
    assert "AI-generated" not in plain["/Keywords"] and plain["/Subject"] == "Carte"


def test_text_box_reports_what_does_not_fit():
    short = fit_text("Bonjour", 50, 10, 10)
    assert short.fits and short.lines == ["Bonjour"]
    long = fit_text("mot " * 200, 50, 10, 10)
    line_mm = 10 * 1.25 / MM
    assert len(long.lines) == int(10 // line_mm)
    assert long.overflow_chars > 0 and long.overflow_chars < len("mot " * 200)


def test_bad_arguments_say_what_is_expected():
    with pytest.raises(ValueError, match="valid sizes"):
        PageSpec("A3")
    with pytest.raises(ValueError, match="orientation"):
        PageSpec("A4", "sideways")
    doc = PrintDocument("x")
    page = doc.add_page()
    with pytest.raises(ValueError, match="crop must be fractions"):
        page.image(_picture(10, 10), 0, 0, 10, 10, crop=(0.5, 0, 0.2, 1))
