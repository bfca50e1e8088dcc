"""A recycled DVD cover turned into a new work: ink and watercolour on the processor, or repainted as a
watercolour by the image-to-image AI (tiny SD-Turbo) only when one is installed."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT
from pipelines.export.dvd import repaint_params, repaint_size
from pipelines.jobs.runner import run_job
from tests.postcards.test_dvd import _photo

PAGE = str(ROOT / "pages" / "postcards.py")


def test_repaint_keeps_the_proportions_at_the_model_size():
    assert repaint_size((546, 366)) == (512, 344)
    assert repaint_size((300, 1200)) == (128, 512)
    assert all(side % 8 == 0 for side in repaint_size((777, 555)))
    params = repaint_params("/covers/a.png", (546, 366))
    assert params["style"] == "aquarelle" and params["init_image"] == "/covers/a.png"
    assert (params["width"], params["height"]) == (512, 344) and 0.3 <= params["strength"] <= 0.8
    assert params["language"] == "en" and params["prompt"]
    words = repaint_params("/covers/a.png", (546, 366), "un chevalier sur un cheval", "fr", seed=3)
    assert words["prompt"] == "un chevalier sur un cheval" and words["language"] == "fr" and words["seed"] == 3
    with pytest.raises(ValueError, match="positive"):
        repaint_size((0, 10))


def test_the_repaint_job_draws_from_the_cover(sd_turbo_installed, immediate_queue, tmp_path):
    cover = tmp_path / "pochette.png"
    Image.fromarray(_photo(1, "plain")[0]).crop((300, 250, 1250, 950)).save(cover)
    job = immediate_queue.get(immediate_queue.submit("imagegen.generate",
                                                     repaint_params(str(cover), (950, 700), seed=4)))
    assert job.state == "done", job.error
    assert job.result["backend"] == "imagegen.img2img.sd"
    with Image.open(job.files()["image"]) as picture:
        assert picture.size == (512, 376) and picture.info["Mode"] == "drawing-to-image"
        assert picture.info["Style"] == "aquarelle" and picture.info["AI-generated"] == "yes"


@pytest.fixture
def dvd_page(store, workshop, monkeypatch):
    """The postcards page with a DVD cover photo uploaded; jobs run here when `_work` is called."""
    from ui.runtime import get_queue, get_store

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    get_store.clear()
    get_queue.clear()

    def open_page() -> AppTest:
        at = AppTest.from_file(PAGE, default_timeout=90)
        at.session_state["workshop_id"] = workshop["id"]
        at.run()
        next(b for b in at.button if "pochette de DVD" in b.label).click().run()
        buffer = io.BytesIO()
        Image.fromarray(_photo(2, "wood")[0]).save(buffer, format="JPEG", quality=90)
        at.file_uploader(key="pc-dvd").upload("dvd.jpg", buffer.getvalue(), "image/jpeg").run()
        assert not at.exception, at.exception
        return at
    yield open_page
    get_store.clear()
    get_queue.clear()


def _work(at: AppTest, store) -> list:
    from pipelines.jobs.queue import JobQueue

    queue = JobQueue(store)
    queued = queue.list(states=("queued",))
    for job in queued:
        run_job(job.id, store)
    at.run()
    at.run()
    assert not at.exception, at.exception
    return [queue.get(j.id) for j in queued]


def test_without_a_model_only_the_processor_transformation_is_offered(dvd_page, store):
    at = dvd_page()
    assert at.radio(key="pc-transform").options == ["📀 Telle quelle", "🖌️ Encre et aquarelle (sans IA)"]
    at.radio(key="pc-transform").set_value("stylise").run()
    at.button(key="pc-transform-go").click().run()
    [job] = _work(at, store)
    assert job.kind == "imagegen.stylise" and job.state == "done", job.error
    made = at.session_state["pc-transform-made"]
    assert at.session_state["postcard_ai"] is False and made["path"].endswith(".png") and not made["ai"]


def test_with_a_model_the_cover_is_repainted_by_the_ai(sd_turbo_installed, dvd_page, store):
    at = dvd_page()
    assert "✨ Repeinte à l'aquarelle par l'IA" in at.radio(key="pc-transform").options
    at.radio(key="pc-transform").set_value("repaint").run()
    assert any("Stability AI" in c.value for c in at.caption)  # the model's licence is shown
    at.text_input(key="pc-transform-words").input("un soleil sur la mer").run()
    at.button(key="pc-transform-go").click().run()
    [job] = _work(at, store)
    assert job.kind == "imagegen.generate" and job.state == "done", job.error
    assert job.params["init_image"] == at.session_state["pc-transform-made"]["source"]
    assert job.params["style"] == "aquarelle" and job.params["prompt"] == "un soleil sur la mer"
    made = at.session_state["pc-transform-made"]
    assert made["ai"] and at.session_state["postcard_ai"] is True  # the card will carry the AI mention
    with Image.open(made["path"]) as repainted:
        assert max(repainted.size) == 512
    # back to the cover as it is: no AI mention any more
    at.radio(key="pc-transform").set_value("keep").run()
    assert at.session_state["postcard_ai"] is False
    assert Path(made["path"]).is_file()  # the repainted picture is kept for later


def test_repaint_words_too_long_stay_in_their_box_and_are_said(sd_turbo_installed, dvd_page, store):
    """The words box had Streamlit's max_chars=120: a longer paste was dropped whole, and the repaint went without
    the child's words. They stay, a sentence says how many letters to take away, and nothing is sent meanwhile."""
    at = dvd_page()
    at.radio(key="pc-transform").set_value("repaint").run()
    box = at.text_input(key="pc-transform-words")
    assert not box.max_chars
    words = "un soleil sur la mer " * 6 + "et des dauphins"  # 141 letters
    box.input(words).run()
    assert at.text_input(key="pc-transform-words").value == words
    assert any("Ce sont 21 lettres de trop (pas plus de 120)" in w.value for w in at.warning), \
        [w.value for w in at.warning]
    assert at.button(key="pc-transform-go").disabled
