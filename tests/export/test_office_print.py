"""What a facilitator prints with the default settings comes out at its nominal size on an A4 office printer."""
from __future__ import annotations

import subprocess

import numpy as np
import pypdf
import pytest
from PIL import Image

PT = 72 / 25.4


def _run(args):
    from pipelines.cli import main

    return main(args)


def _size_mm(box) -> tuple[float, float]:
    return round(float(box.width) / PT, 1), round(float(box.height) / PT, 1)


@pytest.fixture
def picture(tmp_path):
    path = tmp_path / "photo.png"
    Image.new("RGB", (1800, 1300), (250, 250, 250)).save(path)
    return path


def test_postcards_default_to_a4_with_thin_cut_lines(atelier_env, tmp_path, picture, capsys):
    out = tmp_path / "cards.pdf"
    assert _run(["postcard", "make", str(picture), "--copies", "4", "--duplex", "--out", str(out)]) == 0
    assert "SRA4" not in capsys.readouterr().err
    reader = pypdf.PdfReader(out)
    assert [_size_mm(p.mediabox) for p in reader.pages] == [(297.0, 210.0)] * 2
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", "-singlefile", str(out),
                    str(tmp_path / "front")], check=True)
    front = np.asarray(Image.open(tmp_path / "front.png").convert("L")).astype(int)
    px = 100 / 25.4
    column = front[int(40 * px), int(140 * px): int(157 * px)]  # across the vertical cut at x = 148.5 mm
    row = front[int(95 * px): int(115 * px), int(60 * px)]  # across the horizontal cut at y = 105 mm
    assert column.min() < 215 and column.argmin() == pytest.approx(8.5 * px, abs=2)
    assert row.min() < 215 and row.argmin() == pytest.approx(10 * px, abs=2)
    assert np.median(column) > 240  # a hairline, not a band


def test_print_shop_gives_bleed_crop_marks_and_sra4(atelier_env, tmp_path, picture, capsys):
    out = tmp_path / "shop.pdf"
    assert _run(["postcard", "make", str(picture), "--copies", "4", "--print", "shop", "--out", str(out)]) == 0
    assert "SRA4" in capsys.readouterr().err
    page = pypdf.PdfReader(out).pages[0]
    assert _size_mm(page.mediabox) == (320.0, 225.0)
    assert _size_mm(page.trimbox) == (296.0, 210.0) and _size_mm(page.bleedbox) == (302.0, 216.0)


def test_comic_page_story_pdf_booklet_and_photo_sheet_are_nominal_sizes(atelier_env, tmp_path):
    picture = tmp_path / "small.png"
    Image.new("RGB", (300, 220), (200, 210, 220)).save(picture)
    (tmp_path / "page.toml").write_text(f'layout = "grid-4"\n[[panels]]\nimage = "{picture}"\n')
    assert _run(["comic", "render", str(tmp_path / "page.toml"), "--out", str(tmp_path / "comic.pdf")]) == 0
    (tmp_path / "spec.toml").write_text('[story]\nhero_name = "Léo"\npages = 4\n[book]\nmusic = false\n')
    assert _run(["story", "make", str(tmp_path / "spec.toml"), "--pdf", str(tmp_path / "a5.pdf"),
                 "--booklet", str(tmp_path / "booklet.pdf")]) == 0
    assert _run(["photo", "restore", str(picture), "--out", str(tmp_path / "o"), "--steps", "tone",
                 "--sheet", str(tmp_path / "sheet.pdf")]) == 0
    expected = {"comic.pdf": (210.0, 297.0), "a5.pdf": (148.0, 210.0), "booklet.pdf": (297.0, 210.0),
                "sheet.pdf": (210.0, 297.0)}
    for name, size in expected.items():
        sizes = {_size_mm(p.mediabox) for p in pypdf.PdfReader(tmp_path / name).pages}
        assert sizes == {size}, name
