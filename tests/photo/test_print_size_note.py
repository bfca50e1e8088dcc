"""A photo too small to print well on the A4 sheet is told so once analysed, with the size it prints well at.

A 40 x 40 photo got no such note: the page suggested « Agrandir » (which invents no detail) and printed it blurred
across half an A4 sheet.
"""
from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT
from pipelines.export.pdf import MIN_DPI
from pipelines.i18n import translate
from pipelines.photo.sheet import print_size_note, sharp_print_mm, sheet_print_mm


def test_a_40_px_photo_prints_well_up_to_6_mm():
    assert sharp_print_mm(40, 40) == pytest.approx(40 / MIN_DPI * 25.4)  # 6.8 mm at 150 dpi
    key, values = print_size_note(40, 40)
    assert translate(key, "fr", **values) == (
        "Ta photo est petite (40 × 40 pixels) : elle sera floue si on l’imprime plus grande que 6 mm.")
    assert translate(key, "en", **values) == (
        "Your photo is small (40 × 40 pixels): it will be blurred if printed larger than 6 mm.")


@pytest.mark.parametrize("width, height, size", [(300, 200, "5 cm"), (600, 400, "10 cm"), (200, 90, "3 cm"),
                                                  (100, 110, "18 mm")])
def test_a_small_photo_is_told_the_size_it_prints_well_at(width, height, size):
    assert sharp_print_mm(width, height) < sheet_print_mm(width, height)
    assert print_size_note(width, height)[1]["size"] == size


@pytest.mark.parametrize("width, height", [(1000, 800), (2000, 1500), (900, 1300), (3000, 3000)])
def test_a_photo_that_prints_sharp_on_the_sheet_gets_no_note(width, height):
    assert sharp_print_mm(width, height) >= sheet_print_mm(width, height)
    assert print_size_note(width, height) is None


def test_the_sheet_prints_a_photo_at_most_a4_less_its_margins():
    for width, height in ((40, 40), (600, 400), (400, 600), (3000, 1000)):
        assert 80 < sheet_print_mm(width, height) <= 297 - 30


@pytest.mark.parametrize("language, words", [("fr", "plus grande que 6 mm"), ("en", "larger than 6 mm")])
def test_the_page_tells_the_patron_once_the_photo_is_analysed(language, words, page_resources, immediate_queue,
                                                               save_photo):
    rng = np.random.default_rng(0)
    tiny = np.clip(0.5 + 0.2 * rng.standard_normal((40, 40, 3)), 0, 1).astype(np.float32)
    source = save_photo(tiny, "tiny.png")
    job_id = immediate_queue.submit("photo.analyze", {"source": str(source)})
    job = immediate_queue.get(job_id)
    assert job.state == "done"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["photo"] = {"source": str(source), "analysis_job": job_id}
    at.session_state["lang"] = language
    at.switch_page("pages/photos.py").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any(words in c and "40 × 40" in c for c in captions), captions
