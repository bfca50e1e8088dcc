"""A photo sent, then the page reloaded while the studio still reads it (a 60 MP scan takes some 20 s here): the
photo is kept with the work before it is read, and the reloaded page reads it instead of losing it."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT
from pipelines.store.work import load_work, save_work
from ui.work import sent_here_key

pytestmark = pytest.mark.usefixtures("page_resources")


def _reloaded(store, tmp_path, data: bytes, consent: bool = True, sent_here: str = "") -> tuple[AppTest, dict]:
    """The page as a reload finds it: the work saved with the file sent and not read yet (`upload_ui`); with
    `sent_here`, the page's own session sent that file (the same page, its uploader emptied since)."""
    workshop = store.create_workshop("Samedi")
    patron = store.add_participant(workshop["id"], "Germaine", consent=consent,
                                   consent_by="Animatrice" if consent else "")
    sent = tmp_path / "upload.bin"
    sent.write_bytes(data)
    save_work(store, patron["id"], "photo", {"photo": {"pending": {"path": str(sent), "upload_id": "sent-1"}}})
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.session_state["participant_id"] = patron["id"]
    if sent_here:
        at.session_state[sent_here_key("photo")] = sent_here
    return at.switch_page("pages/photos.py").run(), patron


def test_a_photo_sent_before_a_reload_is_read_by_the_reloaded_page(store, tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (150, 120, 90)).save(buffer, "JPEG")
    at, patron = _reloaded(store, tmp_path, buffer.getvalue())
    assert not at.exception
    photo = at.session_state["photo"]
    assert photo.get("source") and photo.get("analysis_job") and "pending" not in photo
    with Image.open(photo["source"]) as kept:
        assert kept.size == (640, 480)
    assert not (tmp_path / "upload.bin").exists()  # read, then dropped
    assert load_work(store, patron["id"], "photo")["photo"]["source"] == photo["source"]


def test_a_file_refused_after_a_reload_is_said_and_forgotten(store, tmp_path):
    at, patron = _reloaded(store, tmp_path, b"%PDF-1.4 not a photo")
    assert not at.exception
    assert at.error and "PDF" in at.error[0].value
    assert "pending" not in at.session_state["photo"] and not at.session_state["photo"].get("source")
    assert not (tmp_path / "upload.bin").exists()
    at.run()  # said once: the next run shows the uploader again, with no error
    assert not at.error


def test_a_consent_noted_on_the_facilitators_screen_is_seen_without_a_reload(store):
    """The tablet says a parent's consent is missing; once the facilitator notes it (on their own screen), « regarder
    à nouveau » shows the uploader: no reload that would lose the child's place."""
    workshop = store.create_workshop("Samedi")
    child = store.add_participant(workshop["id"], "Nino")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.session_state["participant_id"] = child["id"]
    at.switch_page("pages/photos.py").run()
    assert any("accord d'un parent" in w.value for w in at.warning)
    store.set_consent(child["id"], True, "Animatrice")
    at.button(key="photo-consent-again").click().run()
    assert not at.exception
    assert not any("accord d'un parent" in w.value for w in at.warning)
    assert at.tabs  # « Choisis une photo » / « Prendre une photo »


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (150, 120, 90)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_file_taken_out_of_the_uploader_on_the_same_page_is_not_taken_back(store, tmp_path):
    """Refused for its size, then taken out with the uploader's ✕: the page shows the uploader again, without
    « reprise » nor the size refusal coming back."""
    at, _ = _reloaded(store, tmp_path, _jpeg(), sent_here="sent-1")
    assert not at.exception
    assert not at.info and not at.error
    assert "pending" not in at.session_state["photo"] and not at.session_state["photo"].get("source")
    assert not (tmp_path / "upload.bin").exists()


def test_a_photo_kept_when_the_consent_is_withdrawn_is_forgotten(store, tmp_path):
    at, patron = _reloaded(store, tmp_path, _jpeg(), consent=False)
    assert not at.exception
    assert any("accord d'un parent" in w.value for w in at.warning)
    assert "pending" not in at.session_state["photo"]
    assert not (tmp_path / "upload.bin").exists()
    assert "pending" not in load_work(store, patron["id"], "photo")["photo"]


def _too_big() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1400, 1000), (150, 120, 90)).save(buffer, "JPEG")  # 1.4 MP over a 1 MP limit
    return buffer.getvalue()


@pytest.fixture
def one_megapixel(atelier_env, monkeypatch):
    from pipelines import config

    monkeypatch.setenv("ATELIER_UPLOAD_MAX_MEGAPIXELS", "1")
    config.reset_settings()
    yield
    config.reset_settings()


def test_a_photo_left_refused_for_its_size_is_not_brought_back_by_a_later_visit(store, tmp_path, one_megapixel):
    """A 60 MP file refused and left there (no « Réduire et continuer »): minutes later, another visit showed « La
    photo envoyée avant le rechargement est reprise » beside the same refusal. The first visit still offers to shrink
    it; a later one finds the page empty; one where shrinking was asked reads it, shrunk."""
    at, patron = _reloaded(store, tmp_path, _too_big())
    assert not at.exception
    assert at.error and "mégapixels" in at.error[0].value and at.button(key="photo-downscale")
    assert load_work(store, patron["id"], "photo")["photo"]["pending"]["refused"] is True
    later = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    later.session_state["workshop_id"] = at.session_state["workshop_id"]
    later.session_state["participant_id"] = patron["id"]
    later.switch_page("pages/photos.py").run()
    assert not later.exception and not later.error, [e.value for e in later.error]
    assert not [i for i in later.info if "reprise" in i.value]
    assert not (tmp_path / "upload.bin").exists()


def test_a_photo_whose_shrinking_was_asked_is_read_shrunk_after_a_reload(store, tmp_path, one_megapixel):
    at, patron = _reloaded(store, tmp_path, _too_big())
    work = load_work(store, patron["id"], "photo")
    work["photo"]["downscale"] = True  # « Réduire et continuer » pressed, then the page reloaded during the reading
    save_work(store, patron["id"], "photo", work)
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    again.session_state["workshop_id"] = at.session_state["workshop_id"]
    again.session_state["participant_id"] = patron["id"]
    again.switch_page("pages/photos.py").run()
    assert not again.exception and not again.error
    with Image.open(again.session_state["photo"]["source"]) as kept:
        assert kept.width * kept.height <= 1_000_000
