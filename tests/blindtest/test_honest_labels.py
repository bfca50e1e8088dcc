"""Every quiz item says truthfully how it was made: a CPU program is never called an AI."""
from __future__ import annotations

from pipelines.blindtest import pack as packs
from pipelines.blindtest.library import PackLibrary
from pipelines.i18n import long_date, ordinal, translate
from tests.fixtures.models_blindtest import sample_items, write_pack


def test_starter_pack_items_are_made_by_a_program_not_an_ai(immediate_queue):
    job = immediate_queue.get(immediate_queue.submit("quiz.starter", {"language": "fr", "seed": 3}))
    assert job.state == "done", job.error
    items = PackLibrary().entry(PackLibrary().folder(job.result["pack"])).items
    assert {i["truth"] for i in items} == {"program"}
    assert all("sans IA" in i["model"] for i in items)
    prompts = [i for i in items if i["mode"] == "which_prompt"]
    assert prompts and all("prompt" not in i["question"] for i in prompts)  # a program gets instructions
    assert all("programme" in i["question"].lower() for i in prompts)
    for item in prompts:  # the right answer names the style that was really used
        assert item["choices"][item["answer"]] == item["prompt"]


def test_a_program_item_cannot_be_an_ai_or_human_question(tmp_path):
    items = sample_items()
    items[1]["truth"] = "program"  # which_prompt: allowed
    items[0].update(truth="program")  # ai_or_human: neither answer would be true
    problems = packs.check(write_pack(tmp_path / "p", items))
    assert [p.key for p in problems] == ["quiz.pack.err_program_ai_or_human"]


def test_composer_music_is_refused_as_an_ai_or_human_question(immediate_queue):
    entry = PackLibrary().create("Pack", "fr")
    job = immediate_queue.get(immediate_queue.submit("quiz.music_item", {
        "pack": entry.name, "mood": "joy", "instrument": "flute", "ask": "ai_or_human", "seconds": 3,
        "backend": "music.generate.composer"}))
    assert job.state == "failed" and job.error["key"] == "quiz.builder.err_program_ai_or_human"
    assert PackLibrary().entry(entry.folder).items == []


def test_composer_music_item_is_labelled_program(immediate_queue):
    entry = PackLibrary().create("Pack", "fr")
    job = immediate_queue.get(immediate_queue.submit("quiz.music_item", {
        "pack": entry.name, "mood": "calm", "instrument": "piano", "ask": "instrument", "seconds": 3}))
    assert job.state == "done", job.error
    (item,) = PackLibrary().entry(entry.folder).items
    assert item["truth"] == "program" and translate("quiz.reveal.program", "fr") == "Fait par un programme, sans IA"


def test_french_ordinals_and_dates():
    assert [ordinal(n, "fr", feminine=True) for n in (1, 2, 3, 11)] == ["1re", "2e", "3e", "11e"]
    assert ordinal(1, "fr") == "1er"
    assert [ordinal(n, "en") for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]
    assert long_date("2026-11-29", "fr") == "29 novembre 2026"
    assert long_date("2026-02-01T10:00:00", "fr") == "1er février 2026"
    assert long_date("2026-08-01", "en") == "1 August 2026"
    assert translate("quiz.play.rank", "fr", place=ordinal(1, "fr", True), total=12) == \
        "Tu es à la 1re place sur 12"
