"""Quiz items drawn by the studio's text->image AI (a tiny SD-Turbo through the real loading path)."""
from __future__ import annotations


import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from pipelines.blindtest.library import PackLibrary
from pipelines.config import ROOT


def test_a_drawn_picture_becomes_a_which_prompt_item(sd_turbo_installed, immediate_queue):
    library = PackLibrary()
    entry = library.create("Dessins de l'IA", "fr")
    job = immediate_queue.get(immediate_queue.submit("quiz.ai_picture_item", {
        "pack": entry.name, "subject": "un dragon qui mange une glace", "style": "manga", "seed": 5,
        "decoys": ["un chat qui dort", "une fusée"]}))
    assert job.state == "done", job.error
    item = library.entry(entry.folder).items[0]
    assert item["mode"] == "which_prompt" and item["truth"] == "ai" and item["model"] == "sd-turbo"
    assert item["prompt"] == item["choices"][item["answer"]] == "un dragon qui mange une glace, en manga noir et blanc"
    wrong = [c for i, c in enumerate(item["choices"]) if i != item["answer"]]
    assert len(wrong) == 3 and any(c.startswith("un chat qui dort") for c in wrong)
    assert any(c.startswith("un dragon qui mange une glace") for c in wrong)  # same subject, another style
    with Image.open(entry.folder / item["file"]) as picture:
        assert picture.size == (512, 512) and picture.info["AI-generated"] == "yes"
        assert picture.info["Words for the model"].startswith("a dragon eating an ice cream")
    assert job.result["seed"] == 5


def test_ai_or_human_item_and_a_refused_sentence(sd_turbo_installed, immediate_queue, workshop, store):
    library = PackLibrary()
    entry = library.create("Vrai ou IA", "fr")
    job = immediate_queue.get(immediate_queue.submit("quiz.ai_picture_item", {
        "pack": entry.name, "subject": "un château dans la forêt", "ask": "ai_or_human", "style": "aquarelle"}))
    assert job.state == "done", job.error
    item = library.entry(entry.folder).items[0]
    assert item["mode"] == "ai_or_human" and item["prompt"] == "un château dans la forêt"
    refused = immediate_queue.get(immediate_queue.submit("quiz.ai_picture_item", {
        "pack": entry.name, "subject": "un pistolet"}, workshop_id=workshop["id"]))
    assert refused.state == "failed" and refused.error["key"] == "safety.prompt.weapons"
    assert len(library.entry(entry.folder).items) == 1  # nothing half-added
    assert store.count_events("prompt_blocked", workshop["id"]) == 1


@pytest.fixture
def builder(atelier_env, monkeypatch):
    from ui.runtime import get_queue, get_store

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    get_store.clear()
    get_queue.clear()
    PackLibrary().create("Mon pack", "fr")

    def open_page() -> AppTest:
        at = AppTest.from_file(str(ROOT / "pages" / "blindtest.py"), default_timeout=60)
        at.run()
        assert not at.exception, at.exception
        return at
    yield open_page
    get_store.clear()
    get_queue.clear()


def test_the_builder_offers_drawn_items_only_with_a_model(builder, request):
    def labels(at):
        return [e.label for e in at.expander]

    assert not any("dessinée par l'IA" in label for label in labels(builder()))
    request.getfixturevalue("sd_turbo_installed")
    at = builder()
    assert any("dessinée par l'IA" in label for label in labels(at))
    assert any("SD-Turbo" in o for o in at.radio(key="quiz-drawn-backend").options)
    form_inputs = [w for w in at.text_input if "phrase que l'IA dessine" in w.label]
    form_inputs[0].input("un pistolet")
    next(b for b in at.button if "✨" in b.label).click().run()
    assert any("objet magique" in e.value and "pistolet" not in e.value for e in at.error)  # at once, nothing queued
    from pipelines.jobs.queue import JobQueue
    from pipelines.store import Store

    assert JobQueue(Store()).list(states=("queued",)) == []
    form_inputs = [w for w in at.text_input if "phrase que l'IA dessine" in w.label]
    form_inputs[0].input("un robot qui danse")
    next(b for b in at.button if "✨" in b.label).click().run()
    queued = JobQueue(Store()).list(states=("queued",))
    assert [j.kind for j in queued] == ["quiz.ai_picture_item"]
    assert queued[0].params["subject"] == "un robot qui danse" and queued[0].params["backend"] == "imagegen.txt2img.sd"
