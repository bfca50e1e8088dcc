"""The Storybook page's pictures with a (tiny) SD-Turbo installed: AI pictures in the book's fixed style
with one magic number per book, a drawing stylised on the CPU, and the book marked as made with the AI."""
from __future__ import annotations

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from pipelines.jobs.runner import run_job
from tests.conftest import open_page


@pytest.fixture
def page(sd_turbo_installed, store, workshop, monkeypatch):
    """The page in a workshop; its jobs run in this process when `_work` is called."""
    return open_page(monkeypatch, "storybook", workshop_id=workshop["id"])


def _work(at: AppTest, store, rounds: int = 3) -> list:
    """Run every queued job as the worker would, then let the page pick up the results."""
    from pipelines.jobs.queue import JobQueue

    queue = JobQueue(store)
    done = []
    for _ in range(rounds):
        queued = queue.list(states=("queued",))
        for job in queued:
            run_job(job.id, store)
            done.append(queue.get(job.id))
        at.run()
        assert not at.exception, at.exception
    return done


def _written(page, store):
    page.text_input(key="story-name").set_value("Zoé")
    page.button(key="story-pages-4").click().run()
    page.button(key="story-write").click().run()
    _work(page, store)
    assert "story" in page.session_state
    return page


def test_ai_pictures_share_the_book_style_and_magic_number(page, store):
    _written(page, store)
    sid = page.session_state["story-id"]
    for number in (1, 2):
        page.radio(key=f"story-pic-mode-{sid}-{number}").set_value("ai")
    page.run()
    for number in (1, 2):
        page.button(key=f"story-make-pic-{sid}-{number}").click().run()
    jobs = [j for j in _work(page, store) if j.kind == "imagegen.generate"]
    assert [j.state for j in jobs] == ["done", "done"], [j.error for j in jobs]
    story = page.session_state["story"]
    scenes = {story["pages"][0]["scene"], story["pages"][1]["scene"]}
    assert {j.params["prompt"] for j in jobs} == scenes and len(scenes) == 2
    assert {j.params["style"] for j in jobs} == {"aquarelle"}  # the book's fixed style
    assert len({j.params["seed"] for j in jobs}) == 1  # one magic number for the whole book
    assert all(j.params["language"] == "en" for j in jobs)  # the scenes are written in English
    for number in (1, 2):
        with Image.open(story["pages"][number - 1]["picture"]) as picture:
            assert picture.size == (512, 512) and picture.info.get("AI-generated") == "yes"
    assert set(page.session_state["story-ai-pictures"]) == {"1", "2"}


def test_a_drawing_is_stylised_and_kept_in_the_book(page, store, drawing_file):
    _written(page, store)
    sid = page.session_state["story-id"]
    page.radio(key=f"story-pic-mode-{sid}-3").set_value("stylise").run()
    page.file_uploader(key=f"story-upload-{sid}-3").upload("dessin.jpg", drawing_file.read_bytes(), "image/jpeg").run()
    assert not page.exception, page.exception
    page.button(key=f"story-make-pic-{sid}-3").click().run()
    jobs = [j for j in _work(page, store) if j.kind == "imagegen.stylise"]
    assert [j.state for j in jobs] == ["done"], [j.error for j in jobs]
    picture = page.session_state["story"]["pages"][2]["picture"]
    with Image.open(picture) as stylised, Image.open(drawing_file) as drawing:
        assert stylised.size == drawing.size
        corner = stylised.convert("RGB").crop((5, 5, 60, 40))
        assert min(corner.getextrema()[c][0] for c in range(3)) > 235  # grey paper became white
    assert not page.session_state.get("story-ai-pictures")  # no AI here: no AI mention needed
