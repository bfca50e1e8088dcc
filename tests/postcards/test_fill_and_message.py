"""Postcards with fewer pictures than cells fill their sheet; the command line prints the message it is given;
the back's credit says how the picture was made; downloads get distinct, safe names."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import numpy as np
import pypdf
import pytest
from PIL import Image

from pipelines.export.names import download_name, slug
from pipelines.export.postcard import Postcard, credit_text, fill_sheet, make_postcards
from tests.conftest import ROOT

COLOURS = {"red": (220, 30, 30), "blue": (30, 30, 220), "green": (30, 200, 30)}


@pytest.fixture
def pictures(tmp_path):
    paths = {}
    for name, colour in COLOURS.items():
        paths[name] = tmp_path / f"{name}.png"
        Image.new("RGB", (600, 420), colour).save(paths[name])
    return paths


def _cells(png_path) -> list[tuple[int, int, int]]:
    """The mean colour at the centre of each of the 4 cells of an A4 sheet (2 x 2 grid)."""
    image = np.asarray(Image.open(png_path).convert("RGB")).astype(float)
    h, w = image.shape[:2]
    return [tuple(int(v) for v in image[int(h * fy) - 3:int(h * fy) + 3, int(w * fx) - 3:int(w * fx) + 3]
                  .reshape(-1, 3).mean(0)) for fy in (0.25, 0.75) for fx in (0.25, 0.75)]


def test_fill_sheet_repeats_the_last_sheets_cards():
    a, b, c = "a", "b", "c"
    assert fill_sheet([a, b]) == [a, b, a, b]
    assert fill_sheet([a, b, c]) == [a, b, c, a]
    assert fill_sheet([a, b, c, a]) == [a, b, c, a]
    assert fill_sheet([a, b, c, a, b]) == [a, b, c, a, b, b, b, b]
    with pytest.raises(ValueError):
        fill_sheet([a], 0)


def test_two_pictures_leave_no_blank_cell(pictures, tmp_path, atelier_env):
    cards = [Postcard(str(pictures["red"])), Postcard(str(pictures["blue"]))]
    out = tmp_path / "cards.pdf"
    make_postcards(cards, out, duplex=False)
    subprocess.run(["pdftoppm", "-png", "-r", "20", "-f", "1", "-singlefile", str(out), str(tmp_path / "sheet")],
                   check=True)
    cells = _cells(tmp_path / "sheet.png")
    assert all(max(cell) - min(cell) > 120 for cell in cells), cells  # four coloured cells, none white
    assert sorted(max(range(3), key=cell.__getitem__) for cell in cells) == [0, 0, 2, 2]  # red twice, blue twice
    make_postcards(cards, tmp_path / "blank.pdf", duplex=False, fill=False)
    subprocess.run(["pdftoppm", "-png", "-r", "20", "-singlefile", str(tmp_path / "blank.pdf"),
                    str(tmp_path / "blank")], check=True)
    assert sum(min(cell) > 240 for cell in _cells(tmp_path / "blank.png")) == 2  # asked for: two blank cells


def test_the_command_line_prints_the_message(pictures, tmp_path, atelier_env):
    out = tmp_path / "cli.pdf"
    run = subprocess.run([sys.executable, "-m", "pipelines", "postcard", "make", str(pictures["red"]),
                          str(pictures["green"]), "--message", "Bons baisers de la médiathèque", "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT,
                         env=dict(os.environ, PYTHONPATH=str(ROOT), ATELIER_LANGUAGE="fr"))
    assert run.returncode == 0, run.stderr
    assert "dos" in run.stderr and "4" in run.stderr  # says the backs were added and the sheet filled
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 2  # the fronts, then the backs
    backs = reader.pages[1].extract_text()
    assert backs.count("Bons baisers de la médiathèque") == 4


def test_the_back_says_how_the_picture_was_made(pictures):
    made_on = date(2026, 11, 29).isoformat()
    person = credit_text(Postcard(str(pictures["red"]), made_on=made_on, library_name="Médiathèque"))
    assert person == "Créé à Médiathèque, sans IA — 29 novembre 2026"
    ai = credit_text(Postcard(str(pictures["red"]), ai_made=True, model="stabilityai/sd-turbo", made_on=made_on,
                              library_name="Médiathèque", language="en"))
    assert ai == "Made at Médiathèque with AI (stabilityai/sd-turbo) — 29 November 2026"


def test_download_names_are_distinct_and_safe():
    day = date(2026, 11, 29)
    assert download_name("tableau-cartel", "Zoé", "Pop art", day=day, ext=".pdf") == \
        "tableau-cartel-zoe-pop-art-2026-11-29.pdf"
    assert download_name("livre", "Jean-Baptiste", "L'œuf de Ève", day="2026-11-29T10:00:00", ext="epub") == \
        "livre-jean-baptiste-l-oeuf-de-eve-2026-11-29.epub"
    assert download_name("bd", "", "", day=day, ext=".PNG") == "bd-2026-11-29.png"
    # the hero's name begins with the child's: said once (was "livre-lea-lea-maelys-…")
    assert download_name("livre", "Léa", "Léa-Maëlys et la grande tempête", day=day, ext=".epub") == \
        "livre-lea-maelys-et-la-grande-tempete-2026-11-29.epub"
    assert download_name("livre", "Léa", "Léanne et le dragon", day=day, ext=".epub") == \
        "livre-lea-leanne-et-le-dragon-2026-11-29.epub"  # another name, kept
    assert slug("Ça / va ? \\ : * « »") == "ca-va"
    assert slug("月") == "月" and slug("قمر") == "قمر"  # no Latin letters: kept, never empty
    assert slug("a" * 80) == "a" * 40
    names = {download_name(kind, who, day=day, ext=".pdf") for kind in ("bd", "livre") for who in ("Zoé", "Léa")}
    assert len(names) == 4


def test_the_pdf_metadata_says_how_the_pictures_were_made(pictures, tmp_path):
    cards = [Postcard(str(pictures["red"]), ai_made=True, model="stabilityai/sd-turbo", made_on="2026-11-29"),
             Postcard(str(pictures["blue"]), made_on="2026-11-29")]
    out = tmp_path / "cards.pdf"
    make_postcards(cards, out)
    keywords = pypdf.PdfReader(out).metadata["/Keywords"]
    assert "avec l'IA (stabilityai/sd-turbo)" in keywords and "sans IA" in keywords
