"""The comics page with a (tiny) SD-Turbo installed: panels drawn from a sentence, from a drawing and from
the hero's picture; one panel redone alone; hero sheet and magic number reused; a refused sentence."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT
from pipelines.jobs.runner import run_job


@pytest.fixture
def page(sd_turbo_installed, store, workshop, monkeypatch):
    """The comics page in a workshop, jobs run here (in this process) when `_work` is called."""
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    at = AppTest.from_file(str(ROOT / "pages" / "comics.py"), default_timeout=90)
    at.session_state["workshop_id"] = workshop["id"]
    at.run()
    assert not at.exception, at.exception
    return at


def _work(at: AppTest, store) -> list[dict]:
    """Run every queued job (as the worker would), then rerun the page; returns the jobs' params."""
    from pipelines.jobs.queue import JobQueue

    queue = JobQueue(store)
    queued = sorted(queue.list(states=("queued",)), key=lambda j: (j.created_at, j.id))
    for job in queued:
        run_job(job.id, store)
    at.run()
    at.run()  # the finished job is picked up, then shown
    assert not at.exception, at.exception
    return [queue.get(job.id) for job in queued]


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _hero(at, name="Flamme", look="un petit dragon vert avec une écharpe rouge", seed=4242):
    at.text_input(key="comic-hero-name").input(name)
    at.text_area(key="comic-hero-look").input(look)
    at.number_input(key="comic-hero-seed").set_value(seed)
    at.run()


def test_panels_from_sentences_then_one_panel_redone_alone(page, store):
    lines = ["Un dragon mange une glace", "Le dragon vole sur le château", "Un chat arrive dans la forêt"]
    for i, line in enumerate(lines):
        page.text_input(key=f"comic-story-{i}").input(line)
    _hero(page)
    for i in range(3):
        assert any("phrase" in w for w in page.radio(key=f"comic-way-{i}").options)  # offered with a model
        page.radio(key=f"comic-way-{i}").set_value("text")
        page.selectbox(key=f"comic-style-{i}").set_value("manga" if i == 1 else "aquarelle")
    page.run()
    for i in range(3):
        page.button(key=f"comic-make-{i}").click().run()
    jobs = _work(page, store)
    assert [j.state for j in jobs] == ["done"] * 3, [j.error for j in jobs]
    params = sorted((j.params for j in jobs), key=lambda p: lines.index(p["prompt"]))
    assert [p["prompt"] for p in params] == lines
    # the hero sheet and the magic number are the same in every panel
    assert {p["character"] for p in params} == {"Flamme, un petit dragon vert avec une écharpe rouge"}
    assert {p["seed"] for p in params} == {4242} and {j.result["seed"] for j in jobs} == {4242}
    assert [p["style"] for p in params] == ["aquarelle", "manga", "aquarelle"]
    panels = page.session_state["comic"]["panels"]
    assert all(p["ai"] and Path(p["image"]).is_file() for p in panels[:3])
    with Image.open(panels[0]["image"]) as first:
        assert first.size == (512, 512)
    before = {i: (panels[i]["image"], _digest(panels[i]["image"])) for i in range(3)}
    assert any("numéro magique 4242" in c.value for c in page.caption)

    # panel 2 redone with another style: only panel 2 changes
    page.selectbox(key="comic-style-1").set_value("pop_art").run()
    page.button(key="comic-make-1").click().run()
    jobs = _work(page, store)
    assert len(jobs) == 1 and jobs[0].params["style"] == "pop_art" and jobs[0].params["seed"] == 4242
    panels = page.session_state["comic"]["panels"]
    for i in (0, 2):
        assert (panels[i]["image"], _digest(panels[i]["image"])) == before[i]
    assert panels[1]["image"] != before[1][0] and _digest(panels[1]["image"]) != before[1][1]
    assert Path(before[1][0]).is_file()  # the earlier version is kept, not overwritten
    # every AI picture is an artifact of the workshop, labelled as made by the AI
    made = [a for a in store.artifacts(workshop_id=page.session_state["workshop_id"]) if a["kind"] == "image"]
    assert len(made) == 4 and all(a["ai_made"] for a in made)


def test_drawing_and_hero_picture_are_the_starting_points(page, store, drawings):
    panel_zero = page.session_state["comic"]["panels"][0]
    panel_zero["drawing"] = str(drawings[0])
    page.session_state["comic"]["hero"]["ref"] = str(drawings[1])
    page.text_input(key="comic-story-1").input("Le dragon dort")
    _hero(page)
    page.radio(key="comic-way-0").set_value("drawing_ai").run()
    page.slider(key="comic-strength-0").set_value(50)
    page.radio(key="comic-way-1").set_value("text").run()
    page.checkbox(key="comic-use-hero-1").check().run()
    page.button(key="comic-make-0").click().run()
    page.button(key="comic-make-1").click().run()
    jobs = _work(page, store)
    assert [j.state for j in jobs] == ["done", "done"], [j.error for j in jobs]
    first, second = sorted((j.params for j in jobs), key=lambda p: p["prompt"] == "Le dragon dort")
    # a drawing with no line: the hero sheet is what the AI draws, from the child's drawing
    assert first["init_image"] == str(drawings[0]) and first["strength"] == 0.5
    assert first["prompt"] == "Flamme, un petit dragon vert avec une écharpe rouge"
    assert second["init_image"] == str(drawings[1]) and second["prompt"] == "Le dragon dort"
    assert all(p["ai"] for p in page.session_state["comic"]["panels"][:2])


def test_a_refused_sentence_names_the_panel_and_is_counted(page, store):
    page.text_input(key="comic-story-0").input("Un dragon gentil")
    page.text_input(key="comic-story-2").input("Le chevalier prend un pistolet")
    for i in (0, 2):
        page.radio(key=f"comic-way-{i}").set_value("text")
    page.run()
    page.button(key="comic-make-2").click().run()
    errors = [e.value for e in page.error]
    assert any(e.startswith("Case 3 : ") and "pistolet" not in e for e in errors), errors  # the word is not repeated
    assert store.count_events("prompt_blocked", page.session_state["workshop_id"]) == 1
    assert page.session_state["comic"]["panels"][2]["job"] is None  # nothing queued, the line is kept
    assert page.text_input(key="comic-story-2").value == "Le chevalier prend un pistolet"
    # a refused hero sheet blocks the AI panels too, with the same kind sentence
    _hero(page, look="un dragon avec un fusil")
    page.button(key="comic-make-0").click().run()
    assert any(e.value.startswith("Case 1 : ") for e in page.error)
    assert store.count_events("prompt_blocked", page.session_state["workshop_id"]) == 2
