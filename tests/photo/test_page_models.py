"""The old photos page and the face models: without weights the step offers the install command; with
them (release-format files, random weights) the step is offered with its licence."""
from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT

from .conftest import photo


pytestmark = pytest.mark.usefixtures("page_resources")


def _analysed_page(immediate_queue, save_photo, picture=None, **state) -> AppTest:
    """The page as it is once a photo (`picture`, float RGB; the astronaut when None) was uploaded and analysed
    (the analysis job already done); `state`: more of the session (a workshop, a participant)."""
    source = save_photo(photo("astronaut")[::2, ::2] if picture is None else picture)
    job_id = immediate_queue.submit("photo.analyze", {"source": str(source)})
    assert immediate_queue.get(job_id).state == "done"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in state.items():
        at.session_state[name] = value
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
    # the sentence stands first; the commands are folded under « Pour l'animateur » (a patron may sit there)
    assert "Pour restaurer les visages, il faut d'abord installer un modèle d'IA." in [c.value for c in at.caption]
    assert any(e.label.startswith("Pour l'animateur") for e in at.expander)


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


def test_the_strength_slider_governs_the_damage_search_unless_the_patron_paints(immediate_queue, save_photo):
    at = _analysed_page(immediate_queue, save_photo)
    at.checkbox(key="photo-step-repair").check()
    at.slider(key="photo-strength").set_value(90).run()
    at.button(key="photo-go").click().run()
    params = immediate_queue.get(at.session_state["photo"]["restore_job"]).params
    # no mask sent: the repair searches at 90 %, the analysis mask (found at 50 %) would freeze the slider
    assert params.get("mask_path") is None and params["edits_path"] is None
    assert params["strength"] == 0.9 and "repair" in params["steps"]
    at.button(key="photo-again").click().run()  # same photo, other settings: the steps and the slider come back
    assert at.session_state["photo"]["restore_job"] is None and at.slider(key="photo-strength").value == 90


def test_on_a_childs_screen_the_faces_step_says_a_whole_sentence(immediate_queue, save_photo, fresh_backends,
                                                                  store):
    """« Pour restaurer les visages, installez un modèle : » with nothing after it: the command is not shown there."""
    workshop = store.create_workshop("Mercredi")
    zoe = store.add_participant(workshop["id"], "Zoé", consent=True, consent_by="Animatrice")
    at = _analysed_page(immediate_queue, save_photo, workshop_id=workshop["id"], participant_id=zoe["id"])
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert "Pour restaurer les visages, il faut d'abord installer un modèle d'IA." in captions, captions
    assert not [c for c in captions if c.rstrip().endswith(":")], captions
    assert not _install_commands(at)


def test_the_sheet_date_starts_empty_and_an_unprintable_letter_is_refused_before_printing(immediate_queue, save_photo):
    import subprocess

    from pipelines.jobs.runner import run_job

    # a grainy photo, so that the denoise step changes it: a photo given back as it came offers no sheet
    astronaut = photo("astronaut")[::2, ::2]
    grainy = np.clip(astronaut + np.random.default_rng(3).normal(0, 0.04, astronaut.shape), 0, 1).astype(np.float32)
    at = _analysed_page(immediate_queue, save_photo, picture=grainy)
    for step in ("repair", "tone", "denoise", "upscale"):  # « Agrandir » is ticked for a small photo
        if at.checkbox(key=f"photo-step-{step}").value:
            at.checkbox(key=f"photo-step-{step}").uncheck()
    at.checkbox(key="photo-step-denoise").check()
    at.button(key="photo-go").click().run()
    assert not at.exception
    run_job(at.session_state["photo"]["restore_job"])  # the page's queue has no worker here: run the job
    at.run()
    assert at.text_input(key="photo-date").value == ""  # an old photo's date is not today's
    assert any("Petite photo (256 pixels de long)" in c.value for c in at.caption)  # blurred on A4: said
    at.text_input(key="photo-caption").set_value("photo d'identité 猫")
    at.button(key="photo-make-sheet").click().run()
    # a letter no face has would print as an empty box: refused before printing with the print pages' sentence
    assert not at.session_state["photo"].get("sheet_job")
    assert any("猫" in e.value and "cases vides" in e.value and "Légende de la fiche" in e.value for e in at.error)
    assert at.text_input(key="photo-caption").value == "photo d'identité 猫"  # the words are kept to mend
    at.text_input(key="photo-date").set_value("vers 1950").run()
    reload = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)  # a reload: the work in progress comes back
    reload.session_state["photo"] = dict(at.session_state["photo"])
    reload = reload.switch_page("pages/photos.py").run()
    assert reload.text_input(key="photo-caption").value == "photo d'identité 猫"  # and the typed words with it
    assert reload.text_input(key="photo-date").value == "vers 1950"
    at.text_input(key="photo-date").set_value("").run()
    at.text_input(key="photo-caption").set_value("Mamie")
    at.button(key="photo-make-sheet").click().run()
    run_job(at.session_state["photo"]["sheet_job"])
    job = immediate_queue.get(at.session_state["photo"]["sheet_job"])
    assert job.params["date"] == ""
    text = subprocess.run(["pdftotext", job.files()["pdf"], "-"], capture_output=True, text=True, check=True).stdout
    assert "Mamie" in text
    assert not any(ch.isdigit() for ch in text.split("Mamie", 1)[1])  # no date in the footer


def test_the_brush_strokes_reach_the_repair_as_an_edits_layer_and_undo_takes_the_last_off(immediate_queue,
                                                                                          save_photo):
    """The canvas itself is drawn by the browser (tests/e2e/test_photos.py paints on it); here the strokes it
    returned are in the page's state, as after « undo », and travel to the job as the edits layer."""
    import numpy as np
    from PIL import Image

    from pipelines.photo.mask_edits import ADD, BRUSH, CLEAR

    def stroke(tool, y):
        return {"type": "Path", "originX": "center", "originY": "center", "left": 200, "top": y, "width": 300,
                "height": 0, "stroke": BRUSH[tool], "strokeWidth": 18, "path": [["M", 50, y], ["L", 350, y]]}

    at = _analysed_page(immediate_queue, save_photo)
    assert at.expander[0].label.startswith("✏️") and "pinceau" in at.expander[0].label
    assert at.segmented_control(key="photo-brush-tool").value == "add"
    assert at.button(key="photo-brush-undo").disabled  # nothing painted yet
    at.session_state["photo"].update(brush_kept=[stroke("add", 100), stroke("clear", 200), stroke("add", 300)],
                                     brush_round=1)  # as after « undo »: a new canvas starts with these strokes
    at.run()
    at.button(key="photo-brush-undo").click().run()  # the last stroke goes
    assert len(at.session_state["photo"]["brush_kept"]) == 2
    at.checkbox(key="photo-step-repair").check()
    at.button(key="photo-go").click().run()
    assert not at.exception
    params = immediate_queue.get(at.session_state["photo"]["restore_job"]).params
    layer = np.asarray(Image.open(params["edits_path"]))
    from ui.photos import PREVIEW_HEIGHT, PREVIEW_WIDTH

    ow, oh = Image.open(at.session_state["photo"]["overlay_file"]).size
    scale = layer.shape[1] / round(min(PREVIEW_WIDTH, PREVIEW_HEIGHT * ow / oh))  # the canvas the strokes were on
    assert layer[round(100 * scale), round(200 * scale)] == ADD
    assert layer[round(200 * scale), round(200 * scale)] == CLEAR
    assert not layer[round(300 * scale)].any() if round(300 * scale) < layer.shape[0] else True  # undone
    assert layer[round(100 * scale), round(20 * scale)] == 0  # outside the strokes: the search decides
    at.button(key="photo-again").click().run()  # other settings: the two strokes come back...
    assert len(at.session_state["photo"]["brush_kept"]) == 2
    at.segmented_control(key="photo-brush-tool").set_value("clear").run()  # the patron was painting green
    at.button(key="photo-brush-clear").click().run()  # ...and « remove all strokes » removes them all
    assert at.session_state["photo"]["brush_kept"] == [] and at.session_state["photo"]["brush_strokes"] == []
    assert at.segmented_control(key="photo-brush-tool").value == "add"  # starting over paints damage, as at first
    at.checkbox(key="photo-step-repair").check()
    at.button(key="photo-go").click().run()
    assert immediate_queue.get(at.session_state["photo"]["restore_job"]).params["edits_path"] is None


def test_the_brush_strokes_come_back_after_a_reload(immediate_queue, save_photo):
    """A participant's photo in progress comes back from the store after a reload with its strokes: the new
    page's canvas starts with them, and they still reach the repair."""
    import numpy as np
    from PIL import Image

    from pipelines.photo.mask_edits import ADD, BRUSH

    stroke = {"type": "Path", "originX": "center", "originY": "center", "left": 200, "top": 100, "width": 300,
              "height": 0, "stroke": BRUSH["add"], "strokeWidth": 18, "path": [["M", 50, 100], ["L", 350, 100]]}
    at = _analysed_page(immediate_queue, save_photo)
    saved = dict(at.session_state["photo"], brush_strokes=[stroke])  # what the store kept of this photo
    reloaded = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    reloaded.session_state["photo"] = saved
    reloaded.switch_page("pages/photos.py").run()
    assert not reloaded.exception
    assert reloaded.session_state["photo"]["brush_kept"] == [stroke]  # the canvas's first drawing
    reloaded.button(key="photo-go").click().run()
    params = immediate_queue.get(reloaded.session_state["photo"]["restore_job"]).params
    assert params["edits_path"] and (np.asarray(Image.open(params["edits_path"])) == ADD).any()


def test_a_print_on_a_white_card_is_offered_alone_and_its_repair_ticked(immediate_queue, save_photo):
    """A cracked, faded print in the middle of a white card three times its size: the page said « Pas de dégât
    visible » (the card's plain pixels diluted the marks) and offered nothing; it offers the print alone now."""
    import numpy as np

    from bench._photo_damage import aged_case

    _, aged = aged_case("coffee", 11)
    h, w = aged.image.shape[:2]
    card = np.full((h * 3, w * 3, 3), 0.97, np.float32)
    card[h:2 * h, w:2 * w] = aged.image
    at = _analysed_page(immediate_queue, save_photo, picture=card)
    assert not at.exception
    assert any(i.value.startswith("On dirait un tirage posé sur un fond") for i in at.info), [i.value for i in at.info]
    assert at.checkbox(key="photo-step-repair").value  # the print's damage ticks the repair
    assert at.button(key="photo-straighten")


def test_a_small_photo_already_enlarged_is_pointed_to_x4_not_to_the_step_it_had(immediate_queue, save_photo):
    from pipelines.jobs.runner import run_job

    at = _analysed_page(immediate_queue, save_photo, picture=photo("astronaut")[::4, ::4])  # 128 px
    for step in ("repair", "tone", "denoise", "upscale"):
        if at.checkbox(key=f"photo-step-{step}").value:
            at.checkbox(key=f"photo-step-{step}").uncheck()
    at.checkbox(key="photo-step-upscale").check()
    at.run()
    at.radio(key="photo-scale").set_value(2)
    at.button(key="photo-go").click().run()
    assert not at.exception
    run_job(at.session_state["photo"]["restore_job"])
    at.run()
    captions = " ".join(c.value for c in at.caption).replace("\u00a0", " ")
    assert "Petite photo, même agrandie (256 pixels de long)" in captions and "« x4 »" in captions
    assert "puis « Agrandir » la rend" not in captions  # not the step it already had


@pytest.mark.parametrize("colour", [False, True])
def test_colour_points_are_offered_after_a_restore_only_when_colour_was_asked(immediate_queue, save_photo, colour):
    """« Corriger les couleurs » and its colour picker came after every restore, colour asked or not; now only after
    a restore that put colour on the photo (the colour points are a second pass on it)."""
    from pipelines.jobs.runner import run_job

    grey = photo("astronaut")[::2, ::2].mean(axis=2, keepdims=True).repeat(3, axis=2).astype(np.float32)
    at = _analysed_page(immediate_queue, save_photo, picture=grey)
    for step in ("repair", "tone", "denoise", "upscale", "colorize"):
        if at.checkbox(key=f"photo-step-{step}").value:
            at.checkbox(key=f"photo-step-{step}").uncheck()
    at.checkbox(key="photo-step-colorize" if colour else "photo-step-denoise").check().run()
    at.button(key="photo-go").click().run()
    assert not at.exception
    run_job(at.session_state["photo"]["restore_job"])
    at.run()
    assert not at.exception
    assert any(h.value == "Corriger les couleurs" for h in at.subheader) is colour, [h.value for h in at.subheader]


def test_a_scan_enlarged_by_a_program_is_told_so_and_a_photo_is_not(immediate_queue, save_photo):
    """A viewer's « enlarge » (nearest neighbour, x3) leaves blocks of repeated pixels: the page says so and how to
    do better (scan the print), once; the photo as it was is told nothing of the kind."""
    from pipelines.photo.analysis import analyse

    small = photo("astronaut")[::4, ::4]
    big = np.repeat(np.repeat(small, 3, axis=0), 3, axis=1)
    assert analyse(big)[0].enlarged == 3 and analyse(small)[0].enlarged == 1
    at = _analysed_page(immediate_queue, save_photo, picture=big)
    assert not at.exception
    told = [c.value for c in at.caption if "Agrandie par un programme" in c.value]
    assert len(told) == 1 and "3×3" in told[0] and "scanne-le" in told[0]
    at = _analysed_page(immediate_queue, save_photo, picture=small)
    assert not any("Agrandie par un programme" in c.value for c in at.caption)
