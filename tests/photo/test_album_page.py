"""A scan or photo of an album page holding several prints: each print is found and offered alone (it was analysed
as one picture: « Pas de dégât visible », no crop, the page's black card read as the photo's blacks)."""
from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from bench._photo_damage import TUNING, packaged_photo
from bench.photo_album import album_page, judged, single_print
from pipelines.config import ROOT
from pipelines.photo import analysis


@pytest.mark.parametrize("seed", [2, 8, 12, 20])  # tuning pages: black card 6 prints, cream 5, scanner lid 5, cream 6
def test_each_print_of_an_album_page_is_found(seed):
    page = album_page(TUNING, seed)
    found, count, worst = judged(page)
    assert found, (page.surface, len(page.quads), count, worst)


def test_prints_a_few_pixels_apart_are_told_apart():
    """Four prints on a black album card whose corners nearly touch (a few pixels at 800 px): the closing that
    joins a print's dark parts to it had joined them two by two."""
    page = np.full((1200, 1600, 3), 0.1, np.float32)
    boxes = [(90, 80, 760, 585), (770, 80, 1480, 585), (90, 596, 760, 1120), (770, 596, 1480, 1120)]
    for (x0, y0, x1, y1), name in zip(boxes, ("astronaut", "camera", "coffee", "chelsea")):
        import cv2

        page[y0:y1, x0:x1] = cv2.resize(packaged_photo(name), (x1 - x0, y1 - y0), interpolation=cv2.INTER_AREA)
        page[y0:y1, x0:x0 + 12] = page[y0:y1, x1 - 12:x1] = 0.93  # the white border of a print
        page[y0:y0 + 12, x0:x1] = page[y1 - 12:y1, x0:x1] = 0.93
    prints = analysis.find_prints(page)
    assert len(prints) == 4
    centres = [np.mean(np.array(c) * [1600, 1200], axis=0) for c in prints]
    expected = [((x0 + x1) / 2, (y0 + y1) / 2) for x0, y0, x1, y1 in boxes]  # reading order
    assert np.abs(np.array(centres) - np.array(expected)).max() < 20, centres


def test_one_print_and_plain_photos_are_no_album():
    assert analysis.find_prints(single_print(TUNING, 300).image) == []
    for name in ("astronaut", "camera", "coffee"):
        assert analysis.find_prints(packaged_photo(name)) == []


def test_the_analysis_offers_each_print_not_the_page_as_one_print():
    page = album_page(TUNING, 2)
    result, _ = analysis.analyse(page.image)
    assert len(result.prints) == len(page.quads) and result.print_corners is None


def test_the_page_shows_each_print_and_a_tap_restores_that_one_alone(page_resources, immediate_queue, save_photo):
    from PIL import Image

    page = album_page(TUNING, 8)  # five prints on cream paper
    source = save_photo(page.image, "album.png")
    job_id = immediate_queue.submit("photo.analyze", {"source": str(source)})
    job = immediate_queue.get(job_id)
    assert job.state == "done" and {f"print-{n}" for n in range(1, 6)} <= set(job.files())
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["photo"] = {"source": str(source), "analysis_job": job_id}
    at.switch_page("pages/photos.py").run()
    assert not at.exception
    assert any("Cette page porte 5 photos" in i.value for i in at.info), [i.value for i in at.info]
    at.button(key="photo-album-1").click().run()
    assert not at.exception
    straighten = at.session_state["photo"]["straighten_job"]  # the second print is cut out and squared up
    params = immediate_queue.get(straighten).params
    prints = analysis.find_prints(page.image)
    assert params["source"] == str(source) and params["corners"] == prints[1]
    done = immediate_queue.get(immediate_queue.submit("photo.straighten", params))
    cut = np.asarray(Image.open(done.files()["photo"]).convert("RGB")).astype(np.float32) / 255
    h, w = page.image.shape[:2]
    quad = np.array(prints[1]) * [w, h]
    side = np.linalg.norm(quad[1] - quad[0])
    assert abs(cut.shape[1] - side) < 0.05 * side  # that print's width, not the page's
