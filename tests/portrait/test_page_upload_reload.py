"""A photo sent to the portrait page, then the page reloaded while the studio still reads it (seconds for a 48 MP
phone photo): the photo is kept with the work before it is read, and the reloaded page reads and frames it instead
of losing it with the uploader's file."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from pipelines.store.work import load_work, save_work
from tests.portrait import test_page_work
from tests.portrait.test_page_work import _open


@pytest.fixture
def people(store, workshop, monkeypatch):
    """Léa and Noah in the workshop, the painters' cards drawn (tests/portrait/test_page_work.py)."""
    return test_page_work.people.__wrapped__(store, workshop, monkeypatch)


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 800), (150, 120, 90)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_photo_sent_before_a_reload_is_read_by_the_reloaded_page(people, tmp_path):
    store, workshop, lea, noah = people
    sent = tmp_path / "upload.bin"
    sent.write_bytes(_jpeg())
    save_work(store, lea["id"], "portrait", {"portrait": {"agreed": True,
                                                         "pending": {"path": str(sent), "upload_id": "sent-1"}}})
    at = _open(workshop, lea)
    portrait = at.session_state["portrait"]
    assert portrait.get("frame_job") and portrait.get("source") and "pending" not in portrait
    with Image.open(portrait["source"]) as kept:
        assert kept.size == (640, 800)
    assert not sent.exists()  # read, then dropped
    assert load_work(store, lea["id"], "portrait")["portrait"]["frame_job"] == portrait["frame_job"]


def test_a_file_refused_after_a_reload_is_said_and_forgotten(people, tmp_path):
    store, workshop, lea, noah = people
    sent = tmp_path / "upload.bin"
    sent.write_bytes(b"ceci n'est pas une image\n")
    save_work(store, lea["id"], "portrait", {"portrait": {"agreed": True,
                                                         "pending": {"path": str(sent), "upload_id": "sent-1"}}})
    at = _open(workshop, lea)
    assert any("pas une image reconnue" in e.value for e in at.error)
    assert "pending" not in at.session_state["portrait"] and not sent.exists()
    at.run()
    assert not at.error  # said once: not brought back at every tap


def test_the_photo_sent_is_saved_with_the_work_before_it_is_read(people):
    store, workshop, lea, noah = people
    at = _open(workshop, lea)
    [c for c in at.checkbox if c.label.startswith("Je suis d'accord")][0].check().run()
    next(u for u in at.get("file_uploader")).upload("telephone.jpg", _jpeg(), "image/jpeg").run()
    assert not at.exception, at.exception
    assert at.session_state["portrait"].get("frame_job")
    assert "pending" not in load_work(store, lea["id"], "portrait")["portrait"]  # read: nothing left to take back


def test_a_photo_taken_out_of_the_uploader_on_the_same_page_is_not_taken_back(people, tmp_path):
    """The portrait page keeps a photo sent as the old photos page does (ui/work.py sent_file, one helper for both):
    one taken out with the uploader's ✕ by the page's own session is forgotten, with no « reprise »."""
    from streamlit.testing.v1 import AppTest

    from tests.portrait.test_page_work import PAGE
    from ui.work import sent_here_key

    store, workshop, lea, noah = people
    sent = tmp_path / "upload.bin"
    sent.write_bytes(_jpeg())
    save_work(store, lea["id"], "portrait", {"portrait": {"agreed": True,
                                                         "pending": {"path": str(sent), "upload_id": "sent-1"}}})
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.session_state["lang"] = "fr"
    at.session_state["workshop_id"] = workshop["id"]
    at.session_state["participant_id"] = lea["id"]
    at.session_state[sent_here_key("portrait")] = "sent-1"
    at.run()
    assert not at.exception, at.exception
    assert not [i for i in at.info if "reprise" in i.value]
    assert "pending" not in at.session_state["portrait"] and not at.session_state["portrait"].get("frame_job")
    assert not sent.exists()
