"""The portrait page keeps the participant's work in progress (Streamlit's AppTest): after a reload (a new
session on the same participant) the agreement, the framed photo and the chosen painter are still there;
another child on the tablet sees none of it."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from pipelines.jobs.queue import JobQueue
from pipelines.jobs.runner import run_job
from pipelines.portrait.photos import astronaut
from pipelines.portrait.samples import sample_path
from pipelines.portrait.styles import STYLES
from pipelines.store.work import load_work
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "portraits.py")


@pytest.fixture
def people(store, workshop, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    for style in STYLES:  # the painters' cards: plain pictures here (painting them is tested with the samples job)
        path = sample_path(style.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (240, 300), (40 + 15 * STYLES.index(style), 90, 140)).save(path)
    lea = store.add_participant(workshop["id"], "Léa", consent=True, consent_by="Animatrice")
    noah = store.add_participant(workshop["id"], "Noah", consent=True, consent_by="Animatrice")
    return store, workshop, lea, noah


def _open(workshop, participant) -> AppTest:
    """The page as a tablet opens it (a new browser session: nothing but the participant and workshop)."""
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.session_state["lang"] = "fr"
    at.session_state["workshop_id"] = workshop["id"]
    at.session_state["participant_id"] = participant["id"]
    at.run()
    assert not at.exception, at.exception
    return at


def _run_jobs(at: AppTest, store) -> None:
    for _ in range(2):  # the framing job
        for job in JobQueue(store).list(states=("queued",)):
            run_job(job.id, store)
        at.run()
        assert not at.exception, at.exception


def _agree(at: AppTest):
    return [c for c in at.checkbox if c.label.startswith("Je suis d'accord")][0]


def test_photo_painter_and_step_survive_a_reload(people):
    store, workshop, lea, noah = people
    at = _open(workshop, lea)
    _agree(at).check().run()
    photo = io.BytesIO()
    Image.fromarray(astronaut()).save(photo, format="JPEG", quality=90)
    at.file_uploader[0].set_value(("lea.jpg", photo.getvalue(), "image/jpeg")).run()
    _run_jobs(at, store)
    assert [s for s in at.success if "visage" in s.value]  # the face was found
    at.button(key="portrait-style-pop-art").click().run()
    assert at.session_state["portrait"]["style"] == "pop-art"
    saved = load_work(store, lea["id"], "portrait")["portrait"]
    assert saved["style"] == "pop-art" and saved["agreed"] and saved["frame_job"]

    from ui.runtime import get_queue, get_store

    get_store.clear()  # the studio restarts: a new store and queue over the same data dir...
    get_queue.clear()
    again = _open(workshop, lea)  # ...and the tablet reloads: a new session
    assert _agree(again).value is True
    assert not again.file_uploader  # no new photo asked: the framed one is shown
    assert [s for s in again.success if "visage" in s.value]
    assert again.button(key="portrait-style-pop-art").label.startswith("✔")
    assert again.button(key="portrait-paint")  # the next step is there

    other = _open(workshop, noah)  # another child on another tablet starts from nothing
    assert _agree(other).value is False and "style" not in other.session_state["portrait"]

    again.button(key="portrait-reset").click().run()  # a new photo: the work goes, the agreement stays
    assert again.file_uploader and _agree(again).value is True
    assert "style" not in load_work(store, lea["id"], "portrait")["portrait"]


def test_without_a_face_the_frame_sliders_say_percent_and_move_the_crop(people):
    """No face found (a photo of a wall): zoom and position sliders read in percent (« 150 % »), and the
    frame asked for is the one they show."""
    import numpy as np

    store, workshop, lea, _ = people
    at = _open(workshop, lea)
    _agree(at).check().run()
    wall = np.tile(np.linspace(60, 200, 500, dtype=np.uint8)[None, :, None], (400, 1, 3))  # 500 x 400, no face
    photo = io.BytesIO()
    Image.fromarray(wall).save(photo, format="PNG")
    at.file_uploader[0].set_value(("mur.png", photo.getvalue(), "image/png")).run()
    _run_jobs(at, store)
    sliders = {s.key: s for s in at.slider if s.key.startswith("portrait-crop-")}
    assert {k: (s.proto.format, s.min, s.max) for k, s in sliders.items()} == {
        "portrait-crop-zoom": ("%d %%", 100, 300), "portrait-crop-x": ("%d %%", 0, 100),
        "portrait-crop-y": ("%d %%", 0, 100)}
    assert sliders["portrait-crop-zoom"].value == 100 and sliders["portrait-crop-x"].value == 50
    sliders["portrait-crop-zoom"].set_value(200)
    at.slider(key="portrait-crop-x").set_value(0).run()
    at.button(key="portrait-crop-apply").click().run()
    assert not at.exception
    job = JobQueue(store).get(at.session_state["portrait"]["frame_job"])
    # the largest 4:5 frame of a 500 x 400 photo is 320 x 400; zoomed 200 %: 160 x 200, at the left edge,
    assert job.params["crop"] == pytest.approx([0.0, 80.0, 160.0, 200.0]), job.params["crop"]  # centre 45 % down


def test_what_the_upload_checks_changed_is_said_once_the_photo_is_framed(people):
    """A 16-bit scan is brought to 8 bits at upload; the page is drawn again for the framing: the note stays."""
    import numpy as np

    store, workshop, lea, _ = people
    at = _open(workshop, lea)
    _agree(at).check().run()
    photo = io.BytesIO()
    Image.fromarray((np.asarray(astronaut()).mean(axis=2) * 257).astype(np.uint16)).save(photo, format="PNG")
    at.file_uploader[0].set_value(("scan.png", photo.getvalue(), "image/png")).run()
    _run_jobs(at, store)
    assert any("Image 16 bits convertie en 8 bits" in i.value for i in at.info)
