"""4-up postcards: sheet sizes, crop marks, and backs that land behind their fronts (computed from the PDF)."""
from __future__ import annotations

import re

import numpy as np
import pdfplumber
import pypdf
import pytest
from PIL import Image

from pipelines.export.imposition import Card, add_calibration_pages, grid_layout, impose
from pipelines.export.pdf import PrintDocument
from pipelines.export.postcard import Postcard, back_layout, make_postcards

PT = 72 / 25.4


@pytest.fixture
def fronts(tmp_path):
    paths = []
    for i in range(4):
        y, x = np.mgrid[0:300, 0:420]
        path = tmp_path / f"front{i}.png"
        Image.fromarray(np.stack([x % 256, y % 256, np.full_like(x, 60 * i)], -1).astype(np.uint8)).save(path)
        paths.append(str(path))
    return paths


def _cards(fronts, orientation="landscape"):
    return [Postcard(f, orientation=orientation, message=f"Carte{i} bonjour", title="", ai_made=True)
            for i, f in enumerate(fronts)]


def _front_rects(pdf_page, trim) -> list[tuple[float, float, float, float]]:
    """Each card's trim on a front sheet: its picture's box cut by the sheet's trim (mm, from the top-left)."""
    h = float(pdf_page.height)
    rects = []
    for image in pdf_page.images:
        x0, x1 = max(image["x0"], float(trim.left)), min(image["x1"], float(trim.right))
        top = max(image["top"], h - float(trim.top))
        bottom = min(image["bottom"], h - float(trim.bottom))
        rects.append((x0 / PT, top / PT, x1 / PT, bottom / PT))
    return sorted(rects, key=lambda r: (round(r[1]), r[0]))


def _back_rects(pdf_page, orientation) -> dict[int, tuple[float, float, float, float]]:
    """Each card's trim on a back sheet, found from its stamp box and named by its message."""
    layout = back_layout(orientation)
    sx, sy, sw, sh = layout.stamp
    w, h = (148, 105) if orientation == "landscape" else (105, 148)
    stamps = [r for r in pdf_page.rects if abs(r["width"] / PT - sw) < 0.2 and abs(r["height"] / PT - sh) < 0.2]
    words = [w_ for w_ in pdf_page.extract_words() if re.fullmatch(r"Carte\d", w_["text"])]
    found = {}
    for stamp in stamps:
        x0, top = stamp["x0"] / PT - sx, stamp["top"] / PT - sy
        rect = (x0, top, x0 + w, top + h)
        inside = [w_ for w_ in words if rect[0] <= w_["x0"] / PT <= rect[2] and rect[1] <= w_["top"] / PT <= rect[3]]
        assert len(inside) == 1
        found[int(inside[0]["text"][-1])] = rect
    return found


@pytest.mark.parametrize("bleed,marks,sheet", [(0, False, (297, 210)), (3, True, (320, 225))])
def test_4up_backs_land_behind_their_fronts_after_a_long_edge_flip(tmp_path, fronts, bleed, marks, sheet):
    cards = _cards(fronts)
    make_postcards(cards, tmp_path / "cards.pdf", sheet="4up", duplex=True, bleed_mm=bleed, crop_marks=marks)
    reader = pypdf.PdfReader(tmp_path / "cards.pdf")
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert (float(page.mediabox.width) / PT, float(page.mediabox.height) / PT) == pytest.approx(sheet, abs=0.05)
        assert (float(page.trimbox.width) / PT, float(page.trimbox.height) / PT) == pytest.approx((296, 210), abs=0.05)
    with pdfplumber.open(tmp_path / "cards.pdf") as pdf:
        front_rects = _front_rects(pdf.pages[0], reader.pages[0].trimbox)
        back_rects = _back_rects(pdf.pages[1], "landscape")
        sheet_h = float(pdf.pages[0].height) / PT
    assert len(front_rects) == 4 and sorted(back_rects) == [0, 1, 2, 3]
    for i, front in enumerate(front_rects):  # cards are laid row by row
        assert front[2] - front[0] == pytest.approx(148, abs=0.5) and front[3] - front[1] == pytest.approx(105, abs=0.5)
        x0, top, x1, bottom = back_rects[i]
        flipped = (x0, sheet_h - bottom, x1, sheet_h - top)  # turned over its long (horizontal) edge
        assert np.abs(np.array(flipped) - np.array(front)).max() < 0.5, (i, flipped, front)


def test_portrait_cards_flip_the_other_way(tmp_path, fronts):
    cards = _cards(fronts, "portrait")
    make_postcards(cards, tmp_path / "cards.pdf", sheet="4up", duplex=True)
    with pdfplumber.open(tmp_path / "cards.pdf") as pdf:
        reader = pypdf.PdfReader(tmp_path / "cards.pdf")
        front_rects = _front_rects(pdf.pages[0], reader.pages[0].trimbox)
        back_rects = _back_rects(pdf.pages[1], "portrait")
        sheet_w, sheet_h = float(pdf.pages[0].width) / PT, float(pdf.pages[0].height) / PT
    assert sheet_h > sheet_w  # A4 portrait holds 2 x 2 portrait A6
    for i, front in enumerate(front_rects):
        x0, top, x1, bottom = back_rects[i]
        flipped = (sheet_w - x1, top, sheet_w - x0, bottom)  # long edge is vertical: turned over left-right
        assert np.abs(np.array(flipped) - np.array(front)).max() < 0.5


def test_4up_crop_marks_sit_outside_the_block(tmp_path, fronts):
    make_postcards(_cards(fronts), tmp_path / "cards.pdf", sheet="4up", duplex=False, bleed_mm=3, crop_marks=True)
    reader = pypdf.PdfReader(tmp_path / "cards.pdf")
    bleed = reader.pages[0].bleedbox
    with pdfplumber.open(tmp_path / "cards.pdf") as pdf:
        page = pdf.pages[0]
        h = float(page.height)
        marks = list(page.lines)
    assert len(marks) == 2 * 3 + 2 * 3  # 3 cut lines each way, a mark at both ends
    for line in marks:
        y0, y1 = h - line["bottom"], h - line["top"]
        outside = (line["x1"] <= float(bleed.left) + 0.01 or line["x0"] >= float(bleed.right) - 0.01
                   or y1 <= float(bleed.bottom) + 0.01 or y0 >= float(bleed.top) - 0.01)
        assert outside and line["x0"] >= 0 and line["x1"] <= float(page.width) and y0 >= 0 and y1 <= h


def test_five_cards_make_two_sheets_and_a_grid_that_does_not_fit_is_refused(tmp_path, fronts):
    doc = PrintDocument("x")
    layout = grid_layout((148, 105), 2, 2)
    used = impose(doc, [Card(lambda p: p.rect(0, 0, 10, 10))] * 5, layout, duplex=False)
    assert [len(u) for u in used] == [4, 1]
    with pytest.raises(ValueError, match="do not fit"):
        grid_layout((148, 105), 3, 2)


def test_calibration_back_names_the_flip_under_each_cross(tmp_path):
    """The back holds one cross per flip; the one behind the front cross after a long-edge flip is captioned
    "bord long", the one behind it after a short-edge flip "bord court"."""
    doc = PrintDocument("cal")
    add_calibration_pages(doc, "A4", "landscape")
    doc.save(tmp_path / "cal.pdf")
    with pdfplumber.open(tmp_path / "cal.pdf") as pdf:
        def centres(page):
            return [((r["x0"] + r["x1"]) / 2 / PT, (r["top"] + r["bottom"]) / 2 / PT) for r in page.rects
                    if abs(r["width"] / PT - 12) < 0.1]
        (fx, fy), = centres(pdf.pages[0])
        back = centres(pdf.pages[1])
        w, h = float(pdf.pages[0].width) / PT, float(pdf.pages[0].height) / PT
        lines = pdf.pages[1].extract_text_lines()
    assert len(back) == 2
    long_cross = next(c for c in back if c == pytest.approx((fx, h - fy), abs=0.1))  # turned over the long edge
    short_cross = next(c for c in back if c == pytest.approx((w - fx, fy), abs=0.1))  # turned over the short edge

    def caption_under(cross):
        below = [line for line in lines if 0 < line["top"] / PT - cross[1] < 35
                 and abs((line["x0"] + line["x1"]) / 2 / PT - cross[0]) < 5]
        return " ".join(line["text"] for line in below)

    assert "bord long" in caption_under(long_cross) and "bord court" in caption_under(short_cross)
    assert fy != pytest.approx(h / 2, abs=5)  # off-centre: the two flips put the back cross in different places
