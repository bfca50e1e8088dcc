"""The old photos page and the face models: without weights the step offers the install command; with
them (release-format files, random weights) the step is offered with its licence."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT

from .conftest import photo


@pytest.fixture(autouse=True)
def fresh_resources(atelier_env, monkeypatch):
    """st.cache_resource lives for the whole process: each test gets the store of its own data dir."""
    from ui.runtime import get_queue, get_store

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")  # AppTest runs the script only
    monkeypatch.chdir(ROOT)
    get_store.clear()
    get_queue.clear()
    yield
    get_store.clear()
    get_queue.clear()


def _analysed_page(immediate_queue, save_photo) -> AppTest:
    """The page as it is once a photo was uploaded and analysed (the analysis job already done)."""
    source = save_photo(photo("astronaut")[::2, ::2])
    job_id = immediate_queue.submit("photo.analyze", {"source": str(source)})
    assert immediate_queue.get(job_id).state == "done"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["photo"] = {"source": str(source), "analysis_job": job_id}
    return at.switch_page("pages/photos.py").run()


def _install_commands(at) -> str:
    return " ".join(c.value for c in at.code)


def test_without_face_weights_the_step_offers_the_install_command(immediate_queue, save_photo, fresh_backends):
    at = _analysed_page(immediate_queue, save_photo)
    assert not at.exception
    faces = at.checkbox(key="photo-step-faces-off")
    assert faces.disabled and not faces.value
    commands = _install_commands(at)
    assert "python -m pipelines models download gfpgan-1.4" in commands
    assert "python -m pipelines models download facexlib" in commands
    assert any("installez un modèle" in c.value for c in at.caption)


def test_with_face_weights_the_step_shows_its_licence(immediate_queue, save_photo, fresh_backends,
                                                      install_photo_model):
    install_photo_model("gfpgan-1.4")
    install_photo_model("facexlib")
    at = _analysed_page(immediate_queue, save_photo)
    assert not at.exception
    assert "models download gfpgan-1.4" not in _install_commands(at)
    at.checkbox(key="photo-step-faces").check().run()
    assert not at.exception
    assert at.slider(key="photo-blend").value == 80  # shown in percent, used as 0.8
    assert any("Apache-2.0" in c.value for c in at.caption)


def test_the_strength_slider_governs_the_damage_search_unless_the_patron_cleared_a_zone(immediate_queue, save_photo):
    at = _analysed_page(immediate_queue, save_photo)
    at.checkbox(key="photo-step-repair").check()
    at.slider(key="photo-strength").set_value(90).run()
    at.button(key="photo-go").click().run()
    params = immediate_queue.get(at.session_state["photo"]["restore_job"]).params
    # no mask sent: the repair searches at 90 %, the analysis mask (found at 50 %) would freeze the slider
    assert params["mask_path"] is None and params["strength"] == 0.9 and "repair" in params["steps"]
    at.button(key="photo-again").click().run()  # same photo, other settings: the steps and the slider come back
    assert at.session_state["photo"]["restore_job"] is None and at.slider(key="photo-strength").value == 90


def test_the_sheet_date_starts_empty_and_an_emoji_is_refused_before_printing(immediate_queue, save_photo):
    import subprocess

    from pipelines.jobs.runner import run_job

    at = _analysed_page(immediate_queue, save_photo)
    for step in ("repair", "tone", "denoise"):
        if at.checkbox(key=f"photo-step-{step}").value:
            at.checkbox(key=f"photo-step-{step}").uncheck()
    at.checkbox(key="photo-step-denoise").check()
    at.button(key="photo-go").click().run()
    assert not at.exception
    run_job(at.session_state["photo"]["restore_job"])  # the page's queue has no worker here: run the job
    at.run()
    assert at.text_input(key="photo-date").value == ""  # an old photo's date is not today's
    at.text_input(key="photo-caption").set_value("photo d'identité ✨")
    at.button(key="photo-make-sheet").click().run()
    # an emoji would print as an empty box: refused before printing with the print pages' sentence, no sheet made
    assert not at.session_state["photo"].get("sheet_job")
    assert any("✨" in e.value and "cases vides" in e.value and "Légende de la fiche" in e.value for e in at.error)
    assert at.text_input(key="photo-caption").value == "photo d'identité ✨"  # the words are kept to mend
    at.text_input(key="photo-caption").set_value("Mamie")
    at.button(key="photo-make-sheet").click().run()
    run_job(at.session_state["photo"]["sheet_job"])
    job = immediate_queue.get(at.session_state["photo"]["sheet_job"])
    assert job.params["date"] == ""
    text = subprocess.run(["pdftotext", job.files()["pdf"], "-"], capture_output=True, text=True, check=True).stdout
    assert "Mamie" in text
    assert not any(ch.isdigit() for ch in text.split("Mamie", 1)[1])  # no date in the footer


def test_a_zone_ticked_not_damage_shows_without_red_and_is_left_out_of_the_mask(immediate_queue, save_photo):
    import numpy as np

    from ui.photos import cleared_boxes, overlay_shown

    at = _analysed_page(immediate_queue, save_photo)
    files = immediate_queue.get(at.session_state["photo"]["analysis_job"]).files()
    at.checkbox(key="photo-zone-1-2").check().run()  # the right-hand middle zone
    assert not at.exception
    assert "à droite" in at.checkbox(key="photo-zone-1-2").label  # said in words, not an arrow alone
    import streamlit as st

    st.session_state["photo-zone-1-2"] = True  # the same state outside the script, to draw the overlay
    try:
        assert cleared_boxes() == [(2 / 3, 1 / 3, 1.0, 2 / 3)]
        shown = np.asarray(overlay_shown(files["overlay"], files["photo"]), dtype=np.int16)
    finally:
        del st.session_state["photo-zone-1-2"]
    from PIL import Image

    photo = np.asarray(Image.open(files["photo"]).convert("RGB").resize(shown.shape[1::-1]), dtype=np.int16)
    h, w = shown.shape[:2]
    inner = (slice(h // 3 + 4, 2 * h // 3 - 4), slice(2 * w // 3 + 4, w - 4))
    before = np.asarray(Image.open(files["overlay"]).convert("RGB").resize(shown.shape[1::-1]), dtype=np.int16)
    assert np.abs(before[inner] - photo[inner]).max() > 40  # marks were drawn there before the zone was cleared
    assert np.abs(shown[inner] - photo[inner]).max() <= 2  # the photo itself there now, no red
    at.checkbox(key="photo-step-repair").check()
    at.button(key="photo-go").click().run()
    params = immediate_queue.get(at.session_state["photo"]["restore_job"]).params
    mask = np.asarray(Image.open(params["mask_path"]).convert("L"))
    mh, mw = mask.shape
    assert not mask[mh // 3 + 2:2 * mh // 3 - 2, 2 * mw // 3 + 2:].any()  # nothing repaired in the cleared zone
