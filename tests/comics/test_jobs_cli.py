"""The comics job kinds through the queue, and `python -m pipelines comic render`."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
from PIL import Image

from pipelines.config import ROOT

EXAMPLE = ROOT / "assets" / "comics" / "example-page.toml"


def test_render_job_stores_the_page_as_a_creation(immediate_queue, store, workshop, comic_page):
    job_id = immediate_queue.submit("comics.render", {"page": comic_page.to_dict(), "bleed_mm": 3.0,
                                                      "crop_marks": True}, owner=None, workshop_id=workshop["id"])
    job = immediate_queue.get(job_id)
    assert job.state == "done", job.error
    artifact = store.artifact(job.result.artifact_id)
    assert artifact["kind"] == "comic_page" and artifact["ai_made"] and artifact["title"] == "Le dragon gourmand"
    assert set(artifact["files"]) == {"pdf", "png"}
    assert {"panel-1", "panel-4"} <= set(job.files())
    # 640 px drawings on A4: each blurry panel is named by its number, for the child (no file name)
    assert {"key": "comics.print.blurry_drawing", "params": {"n": 1}} in job.result["warnings"]
    assert {"key": "comics.print.blurry_picture", "params": {"n": 2}} in job.result["warnings"]  # drawn by the AI


def test_render_job_fails_with_the_panel_named(immediate_queue, workshop, comic_page, tmp_path):
    comic_page.panels[1].image = str(tmp_path / "gone.png")
    job = immediate_queue.get(immediate_queue.submit("comics.render", {"page": comic_page.to_dict()},
                                                     owner=None, workshop_id=workshop["id"]))
    assert job.state == "failed" and job.error["key"] == "comics.errors.image_missing"
    assert job.error["params"]["panel"] == 2


def test_panel_job_stylises_a_drawing_on_the_cpu(immediate_queue, drawings):
    job = immediate_queue.get(immediate_queue.submit("comics.panel", {"drawing": str(drawings[0]),
                                                                      "style": "pop_art", "stylise": True}))
    assert job.state == "done", job.error

    out = job.files()["image"]
    with Image.open(out) as made, Image.open(drawings[0]) as source:
        assert made.size == source.size
        assert made.convert("RGB").tobytes() != source.convert("RGB").tobytes()


def test_cli_renders_the_example_page(atelier_env, tmp_path):
    env = dict(os.environ, ATELIER_DATA_DIR=str(atelier_env.data_dir), PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "pipelines", "comic", "render", str(EXAMPLE), "--out",
                          str(tmp_path / "page.pdf"), "--png", str(tmp_path / "page.png"), "--bleed", "3",
                          "--crop-marks"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    with pdfplumber.open(tmp_path / "page.pdf") as doc:
        text = doc.pages[0].extract_text()
    assert "Le dragon gourmand" in text and "Flamme." in text
    assert Path(tmp_path / "page.png").stat().st_size > 10_000


def test_cli_bad_page_says_which_panel(atelier_env, tmp_path):
    page = tmp_path / "page.toml"
    page.write_text('layout = "grid-4"\n[[panels]]\nimage = "nowhere.png"\n', encoding="utf-8")
    env = dict(os.environ, ATELIER_DATA_DIR=str(atelier_env.data_dir), PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "pipelines", "comic", "render", str(page), "--out",
                          str(tmp_path / "x.pdf")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "Case 1, champ «\u00a0image\u00a0»" in run.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_the_panels_the_ai_drew_join_the_page_in_the_gallery(immediate_queue, store, workshop, comic_page, tmp_path):
    """Each AI panel is a picture of the gallery, then a copy on the page: the page and its panels were one card
    each; now the panels on the page are in the page's card (a picture drawn and left out keeps its own)."""
    import shutil

    from pipelines.store.works import works

    lea = store.add_participant(workshop["id"], "Léa")
    folder = store.artifact_dir(workshop["id"], "ai", owner=lea["id"])
    folder.mkdir(parents=True)
    drawn, left_out = folder / "image.png", folder / "autre.png"
    shutil.copyfile(comic_page.panels[1].image, drawn)
    Image.new("RGB", (64, 64), "red").save(left_out)
    for path in (drawn, left_out):
        store.add_artifact(workshop_id=workshop["id"], owner=lea["id"], kind="image", files={"image": str(path)},
                           ai_made=True, model="sd-turbo")
    copy = tmp_path / "panel-2-v1.png"  # the comic's own copy, as the page keeps it
    shutil.copyfile(drawn, copy)
    comic_page.panels[1].image = str(copy)
    job = immediate_queue.get(immediate_queue.submit("comics.render", {"page": comic_page.to_dict()},
                                                     owner=lea["id"], workshop_id=workshop["id"]))
    assert job.state == "done", job.error
    cards = works(store.artifacts(workshop_id=workshop["id"]), store.files_dir)
    assert [(w.main["kind"], [e["kind"] for e in w.extras]) for w in cards] == [("comic_page", ["image"]),
                                                                                 ("image", [])]
    assert Path(cards[0].extras[0]["files"]["image"]) == drawn and Path(cards[1].main["files"]["image"]) == left_out
