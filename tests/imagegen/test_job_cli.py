"""The job kind imagegen.generate (artifact, labelled PNG, counts for the facilitator) and the CLI."""
from __future__ import annotations

import numpy as np
from PIL import Image

from pipelines.cli import main
from pipelines.i18n import translate


def _run(queue, store, params, workshop):
    job = queue.get(queue.submit("imagegen.generate", params, workshop_id=workshop["id"]))
    return job, job.files()


def test_generate_job_stores_a_labelled_ai_image(sd_turbo_installed, immediate_queue, store, workshop):
    job, files = _run(immediate_queue, store, {"prompt": "a cat astronaut", "style": "pop art", "seed": 5,
                                               "steps": 2, "width": 64, "height": 72}, workshop)
    assert job.state == "done", job.error
    image = Image.open(files["image"])
    assert image.size == (64, 72) and image.format == "PNG"
    assert image.text["AI-generated"] == "yes" and image.text["Style"] == "pop_art"
    assert job.result["seed"] == 5 and job.result["flagged"] is False
    artifact = store.artifact(job.result.artifact_id)
    assert artifact["kind"] == "image" and artifact["ai_made"] and artifact["seed"] == 5
    assert artifact["prompt"] == "a cat astronaut"


def test_blocked_prompt_fails_kindly_and_is_counted(sd_turbo_installed, immediate_queue, store, workshop):
    before = store.count_events("prompt_blocked", workshop["id"])
    job, files = _run(immediate_queue, store, {"prompt": "un dragon plein de s@ng", "width": 64, "height": 64},
                      workshop)
    assert job.state == "failed" and job.error["key"] == "safety.prompt.violence" and not files
    assert store.count_events("prompt_blocked", workshop["id"]) == before + 1
    assert store.artifacts(workshop_id=workshop["id"]) == []


def test_flagged_picture_is_replaced_and_counted(sd_turbo_installed, install_safety_checker, immediate_queue,
                                                 store, workshop):
    install_safety_checker(flag_everything=True)
    job, files = _run(immediate_queue, store, {"prompt": "a dog", "seed": 1, "width": 64, "height": 64}, workshop)
    assert job.state == "done" and job.result["flagged"] is True
    assert job.result["message_key"] == "imagegen.flagged"
    assert store.count_events("image_flagged", workshop["id"]) == 1
    picture = np.asarray(Image.open(files["image"]).convert("RGB"), dtype=np.float32)
    # the neutral sky: light and blue-ish everywhere
    assert picture.mean() > 180 and picture[..., 2].mean() > picture[..., 0].mean()


def test_checker_that_passes_keeps_the_picture(sd_turbo_installed, install_safety_checker, immediate_queue,
                                               store, workshop):
    install_safety_checker(flag_everything=False)
    job, _ = _run(immediate_queue, store, {"prompt": "a dog", "seed": 1, "width": 64, "height": 64}, workshop)
    assert job.state == "done" and job.result["flagged"] is False
    assert store.count_events("image_flagged", workshop["id"]) == 0


def test_stylise_job_is_not_marked_ai(immediate_queue, store, workshop, drawing_file):
    job = immediate_queue.get(immediate_queue.submit("imagegen.stylise", {"image": str(drawing_file),
                                                                          "style": "manga"},
                                                     workshop_id=workshop["id"]))
    assert job.state == "done", job.error
    image = Image.open(job.files()["image"])
    assert image.size == (800, 600)
    assert not store.artifact(job.result.artifact_id)["ai_made"]


def test_cli_generate_text_and_drawing(sd_turbo_installed, tmp_path, drawing_file, capsys):
    out = tmp_path / "x.png"
    assert main(["image", "generate", "un chat astronaute", "--out", str(out), "--style", "manga", "--seed", "4",
                 "--steps", "2", "--size", "64x80", "--quiet"]) == 0
    assert Image.open(out).size == (64, 80) and Image.open(out).text["Seed"] == "4"
    out2 = tmp_path / "y.png"
    assert main(["image", "generate", "a red castle", "--out", str(out2), "--from-drawing", str(drawing_file),
                 "--strength", "0.6", "--size", "80x64", "--quiet"]) == 0
    assert Image.open(out2).size == (80, 64) and Image.open(out2).text["Mode"] == "drawing-to-image"
    assert "seed=" in capsys.readouterr().out


def test_cli_refuses_kindly(sd_turbo_installed, tmp_path, capsys):
    out = tmp_path / "x.png"
    assert main(["image", "generate", "a gun", "--out", str(out), "--quiet", "--language", "en"]) == 2
    assert not out.exists()
    assert translate("safety.prompt.weapons", "fr") in capsys.readouterr().err  # the studio's language
    assert main(["image", "generate", "a cat", "--out", str(out), "--size", "500x512", "--quiet"]) == 2
    assert "500" in capsys.readouterr().err and not out.exists()


def test_cli_stylise(tmp_path, drawing_file):
    out = tmp_path / "z.png"
    assert main(["image", "stylise", str(drawing_file), "--out", str(out), "--style", "ligne claire"]) == 0
    assert Image.open(out).size == (800, 600)
