"""The jobs (analyse, restore, recolour, sheet) through the queue, and the archive command, on real photos."""
import csv

import numpy as np
from PIL import Image

from pipelines.photo import quality
from pipelines.photo.imaging import rgb_to_lab, to_array

from .conftest import photo


def test_restore_recolor_and_sheet_jobs(immediate_queue, store, save_photo, tmp_path):
    truth = photo("astronaut")
    grey = np.repeat(to_array(Image.fromarray((truth * 255).astype(np.uint8)).convert("L").convert("RGB"))[..., :1],
                     3, axis=2)
    source = save_photo(quality.damage(grey, seed=4, yellow=0), "old.png")
    job = immediate_queue.get(immediate_queue.submit("photo.analyze", {"source": str(source)}))
    assert job.state == "done", job.error
    assert job.result["analysis"]["greyscale"] and job.result["analysis"]["spots"] > 10
    params = {"source": str(source), "steps": ["repair", "tone", "denoise", "upscale"], "strength": 0.5, "scale": 2}
    job = immediate_queue.get(immediate_queue.submit("photo.restore", params))
    assert job.state == "done", job.error
    restored = Image.open(job.files()["restored"])
    assert restored.size == (1024, 1024) and job.result["applied"] == ["repair", "tone", "denoise", "upscale"]
    # colour points from the true photo on 1 % of the pixels -> a colour photo close to the truth
    big = np.asarray(Image.fromarray((truth * 255).astype(np.uint8)).resize(restored.size))
    rng = np.random.default_rng(0)
    alpha = (rng.random(big.shape[:2]) < 0.01).astype(np.uint8) * 255
    hints = tmp_path / "hints.png"
    Image.fromarray(np.dstack([big, alpha]), "RGBA").save(hints)
    job = immediate_queue.get(immediate_queue.submit("photo.recolor", {
        "uncoloured": str(job.files()["restored"]), "hints": str(hints)}))
    assert job.state == "done", job.error
    coloured = to_array(Image.open(job.files()["restored"]))
    ab_error = np.abs(rgb_to_lab(coloured)[..., 1:] - rgb_to_lab(big.astype(np.float32) / 255)[..., 1:]).mean()
    assert ab_error < 8, ab_error
    job = immediate_queue.get(immediate_queue.submit("photo.sheet", {
        "before": str(source), "after": str(job.files()["restored"]),
        "caption": "Mamie en 1962", "date": "1962"}))
    assert job.state == "done", job.error
    import pdfplumber

    with pdfplumber.open(job.files()["pdf"]) as pdf:
        text = pdf.pages[0].extract_text()
        assert "Mamie en 1962" in text and "Avant" in text and len(pdf.pages[0].images) == 2
    # the sheet is in the gallery to print again (it was made and then nowhere to be found)
    assert [(a["kind"], a["title"]) for a in store.artifacts() if a["kind"] == "photo_sheet"] == [
        ("photo_sheet", "Mamie en 1962")]


def test_bad_inputs_fail_cleanly_and_the_queue_goes_on(immediate_queue, tmp_path, save_photo):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    job = immediate_queue.get(immediate_queue.submit("photo.analyze", {"source": str(broken)}))
    assert job.state == "failed" and job.error["key"] == "uploads.corrupt"
    colour = save_photo(photo("astronaut"))
    job = immediate_queue.get(immediate_queue.submit("photo.restore", {"source": str(colour), "steps": ["colorize"],
                                                                       "colorize": "hints"}))
    assert job.state == "done" and job.result["notes"] == ["photo.notes.already_colour"]


def test_batch_restore_is_resumable(atelier_env, tmp_path):
    from pipelines.cli import main

    folder = tmp_path / "archive" / "box1"
    folder.mkdir(parents=True)
    base = photo("camera")[::4, ::4]
    for i in range(20):
        Image.fromarray((quality.damage(base, seed=i) * 255).astype(np.uint8)).save(folder / f"scan{i:02d}.png")
    (folder / "scan-broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    out = tmp_path / "out"
    assert main(["photo", "restore", str(tmp_path / "archive"), "--out", str(out), "--steps", "repair,tone"]) == 1
    first = next(out.glob("rapport-*.csv"))
    rows = list(csv.DictReader(first.open(encoding="utf-8-sig")))
    assert sum(r["état"] == "restaurée" for r in rows) == 20 and sum(r["état"] == "erreur" for r in rows) == 1
    # interrupted run: remove 5 results, run again -> only those 5 are redone
    for path in sorted((out / "box1").glob("*.png"))[:5]:
        path.unlink()
    first.rename(out / "first.csv")
    main(["photo", "restore", str(tmp_path / "archive"), "--out", str(out), "--steps", "repair,tone"])
    rows = list(csv.DictReader(next(out.glob("rapport-*.csv")).open(encoding="utf-8-sig")))
    assert sum(r["état"] == "restaurée" for r in rows) == 5
    assert sum(r["état"] == "déjà faite (reprise)" for r in rows) == 15


def test_pipelines_import_no_torch():
    import subprocess
    import sys

    code = ("import sys, pipelines.photo.backends, pipelines.photo.faces, pipelines.photo.jobs, pipelines.photo.cli; "
            "from pipelines import backends; backends.all_backends(); "
            "print([m for m in ('torch', 'spandrel', 'facexlib') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
