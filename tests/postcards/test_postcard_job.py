"""Postcards as a user gets them: the job writes a PDF + preview and an artifact; a long message says how much
to cut."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdf
import pytest
from PIL import Image

from pipelines.export.postcard import Postcard, check_message, crop_frame, message_fit
from pipelines.i18n import UserError


@pytest.fixture
def picture(tmp_path):
    y, x = np.mgrid[0:700, 0:1000]
    path = tmp_path / "dessin.png"
    Image.fromarray(np.stack([x % 256, y % 256, (x + y) % 256], -1).astype(np.uint8)).save(path)
    return str(path)


def test_postcard_job_makes_a_4up_sheet_and_stores_it(immediate_queue, workshop, picture):
    card = {"front": picture, "title": "Mon dragon", "message": "Coucou !", "ai_made": True,
            "library_name": "médiathèque du Port"}
    job_id = immediate_queue.submit("postcards.make", {"cards": [card], "copies": 4, "sheet": "4up", "duplex": True},
                                    workshop_id=workshop["id"])
    job = immediate_queue.get(job_id)
    assert job.state == "done", job.error
    files = {k: Path(v) for k, v in job.files().items()}
    reader = pypdf.PdfReader(files["pdf"])
    assert len(reader.pages) == 2
    text = reader.pages[1].extract_text()
    assert text.count("Coucou") == 4 and "médiathèque du Port avec l'IA" in text
    assert Image.open(files["preview"]).size[0] > 100
    stored = immediate_queue.store.artifacts(workshop_id=workshop["id"], kind="postcard")
    assert len(stored) == 1 and stored[0]["ai_made"] and stored[0]["title"] == "Mon dragon"


def test_too_long_message_fails_the_job_with_how_much_to_cut(immediate_queue, picture):
    message = "Je t'envoie des bisous depuis la médiathèque. " * 12
    job_id = immediate_queue.submit("postcards.make", {"cards": [{"front": picture, "message": message}]})
    job = immediate_queue.get(job_id)
    assert job.state == "failed" and job.error["key"] == "postcards.message_too_long"
    cut = job.error["params"]["cut"]
    assert 0 < cut < len(message)
    shorter = Postcard(picture, message=message[: len(message) - cut - 20])
    check_message(shorter)  # cutting about that much is enough
    with pytest.raises(UserError):
        check_message(Postcard(picture, message=message[: len(message) - cut + 60]))


def test_crop_frame_keeps_the_a6_shape_and_stays_inside():
    for zoom, cx in ((1.0, 0.5), (2.0, 0.95), (3.0, 0.0)):
        left, top, right, bottom = crop_frame((1000, 700), 148 / 105, zoom, cx, 0.5)
        assert 0 <= left < right <= 1 and 0 <= top < bottom <= 1
        assert (right - left) * 1000 / ((bottom - top) * 700) == pytest.approx(148 / 105)
    assert message_fit(Postcard("x.png", message="")).fits
