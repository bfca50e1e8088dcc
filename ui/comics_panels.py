"""The comics page's panels step: how each panel is made, its job, its picture."""
from __future__ import annotations

import shutil
from pathlib import Path

import streamlit as st

from pipelines.comics.layouts import LAYOUTS
from pipelines.comics.paper import subject_frame
from pipelines.comics.workshop import (FRAME_CENTRED, ai_panel_params, check_ai_panel, hero_ref_ready, img2img_ready,
                                       txt2img_ready)
from pipelines.device import probe
from pipelines.imagegen.speed import first_guess_seconds
from pipelines.i18n import UserError

from .comics_state import save_upload, work_dir
from .i18n import error_text, lang, t
from .jobs import expected_time_text, job_status_ui, submit_job
from .runtime import get_store
from .session import can_upload_photos, current_workshop, owner_id
from .widgets import action_button, backend_choice_ui, percent_slider, picture_uploader
from .work import wkey

WAYS = ("text", "drawing_ai", "stylise", "as_is")


def panels_step_ui(comic: dict) -> None:
    """Each panel: a way to make it, its inputs, a button that runs it as a job, the result."""
    from pipelines.imagegen.styles import STYLES

    ways = [w for w in WAYS if (w != "text" or txt2img_ready()) and (w != "drawing_ai" or img2img_ready())]
    if not txt2img_ready():
        with st.expander(t("comics.ui.no_model")):
            backend_choice_ui("imagegen.txt2img", key="comic-engine-info")
    from .comics import line_refused

    count = LAYOUTS[comic["layout"]].panel_count
    for i in range(count):
        panel = comic["panels"][i]
        with st.container(border=True):
            # a refused line is not shown as the panel's heading (it is said under the line, story step)
            story = f" — {panel['story']}" if panel["story"] and not line_refused(comic, i) else ""
            st.markdown(f"### {t('comics.ui.panel_title', n=i + 1)}" + story)
            if panel["job"]:  # followed first, so the panel's button is free again as soon as it is drawn
                follow_panel_job(comic, i)
            left, right = st.columns([3, 2])
            with left:
                if panel["way"] not in ways:
                    panel["way"] = "stylise"
                panel["way"] = st.radio(t("comics.ui.way"), ways, index=ways.index(panel["way"]),
                                        key=wkey("comic", f"comic-way-{i}"),
                                        format_func=lambda w: t(f"comics.ui.way_{w}"))
                if panel["way"] != "as_is":
                    names = list(STYLES)
                    panel["style"] = st.selectbox(t("comics.ui.style"), names, index=names.index(panel["style"]),
                                                  key=wkey("comic", f"comic-style-{i}"),
                                                  format_func=lambda s: f"{STYLES[s].emoji} {t(STYLES[s].label)}")
                if panel["way"] == "text" and hero_ref_ready(comic):
                    panel["use_hero"] = st.checkbox(t("comics.ui.hero_use_ref"), value=bool(panel.get("use_hero")),
                                                    key=wkey("comic", f"comic-use-hero-{i}"),
                                                    help=t("comics.ui.hero_use_ref_help"))
                if panel["way"] == "drawing_ai" or (panel["way"] == "text" and panel.get("use_hero")
                                                    and hero_ref_ready(comic)):
                    panel["strength"] = percent_slider(t("comics.ui.strength"), float(panel["strength"]),
                                                          wkey("comic", f"comic-strength-{i}"), 0.2, 0.9)
                if panel["way"] != "text" and not can_upload_photos():  # one rule on every page: a drawing
                    st.info(t("comics.ui.no_upload"))  # may be a photo of a child; a minor's waits for consent
                elif panel["way"] != "text":
                    upload = picture_uploader(t("comics.ui.upload"), key=wkey("comic", f"comic-upload-{i}"))
                    if upload is not None:
                        saved = save_upload(upload.getvalue(), work_dir(comic) / f"drawing-{i + 1}.png")
                        if saved:
                            panel["drawing"] = saved
                    if panel["drawing"]:
                        st.caption(f"✅ {t('comics.ui.drawing_saved')}")
                label = "comics.ui.redo_panel" if panel["image"] else "comics.ui.make_panel"
                if action_button(t(label, n=i + 1), key=f"comic-make-{i}", type="primary", width="stretch",
                             disabled=bool(panel["job"])):
                    start_panel_job(comic, i)
                    st.rerun()
                message = st.session_state.pop(f"comic-error-{i}", None)
                if message:  # next to the panel's button, where the child is looking
                    st.error(message)
            with right:
                if panel["image"] and Path(panel["image"]).exists():
                    frame_ui(comic, i)
                    if panel.get("sheet"):
                        st.caption(t("comics.ui.paper_found"))
                    if panel["ai"]:
                        st.caption(t("comics.ui.panel_ai", seed=panel.get("seed") or comic["hero"]["seed"]),
                                   help=t("comics.ui.panel_engine", engine=panel["made_by"])
                                   if panel.get("made_by") else None)
                elif panel["drawing"]:
                    st.image(panel["drawing"], alt=t("alt.drawing"), width="stretch")
                else:
                    st.caption(t("comics.ui.no_panel_yet"))


def auto_frame(comic: dict, i: int) -> None:
    """Panel i's frame where a new picture's starts (paper.subject_frame: its faces, else the drawing's content for
    the panel's shape, else centred), remembered with its layout: a frame the child has not moved follows the
    panel's shape when another layout is chosen."""
    from pipelines.comics.paper import panel_ratio

    panel = comic["panels"][i]
    again = panel["frame_auto"][2] + 1 if panel.get("frame_auto") else 0  # new sliders for a new frame
    panel["frame"] = subject_frame(panel["image"], panel_ratio(comic["layout"], i)) or list(FRAME_CENTRED)
    panel["frame_auto"] = [comic["layout"], list(panel["frame"]), again]


def frame_ui(comic: dict, i: int) -> None:
    """Sliders that move the panel's frame over its picture (left-right, up-down, zoom), and the picture
    with the frame drawn: nothing the child wants (a sun in a corner) has to be cut off. A zoom below 100 %
    widens the frame past the picture (its edge continued around it), down to the whole picture in view."""
    from pipelines.comics.framing import framed_preview, lowest_zoom, panel_crop
    from pipelines.comics.paper import panel_ratio
    from pipelines.comics.render import preview_picture
    from pipelines.export.postcard import draw_crop_frame

    panel = comic["panels"][i]
    auto = panel.get("frame_auto")
    if auto and auto[0] != comic["layout"] and list(panel.get("frame") or []) == auto[1]:
        auto_frame(comic, i)  # not moved by the child: framed again for the new panel's shape
    x, y, zoom = panel.get("frame") or FRAME_CENTRED
    st.caption(t("comics.ui.frame_label", n=i + 1))
    # a new picture, or a new frame for a new shape, gets new sliders, on its faces, its drawing or centred
    again = panel["frame_auto"][2] if panel.get("frame_auto") else 0
    tag = f"{i}-{panel['version']}" + (f"-{again}" if again else "")
    picture = preview_picture(panel["image"]).copy()  # reduced once, not decoded whole at every tap
    picture.thumbnail((480, 480))
    ratio = panel_ratio(comic["layout"], i)
    # the frame's centre in percent of the picture's width and height; the zoom in percent (150 %: the frame
    # is 1/1.5 of the largest one the panel's shape allows; below 100 %, larger than the picture)
    x = percent_slider(t("comics.ui.frame_x"), x, wkey("comic", f"comic-frame-x-{tag}"), step=0.01)
    y = percent_slider(t("comics.ui.frame_y"), y, wkey("comic", f"comic-frame-y-{tag}"), step=0.01)
    low = min(1.0, float(zoom), lowest_zoom(picture.size, ratio))
    zoom = percent_slider(t("comics.ui.frame_zoom"), float(zoom), wkey("comic", f"comic-frame-z-{tag}"),
                          low=low, high=3.0, step=0.05)
    panel["frame"] = [x, y, zoom]
    crop = panel_crop(picture.size, ratio, zoom, x, y)
    shown, crop = framed_preview(picture, crop)
    st.image(draw_crop_frame(shown, crop), caption=t("comics.ui.panel_ready"),
             alt=t("comics.ui.panel_ready"), width="stretch")


def start_panel_job(comic: dict, i: int) -> None:
    """Queue the work that makes panel i (a CPU stylisation, or the AI when installed)."""
    panel = comic["panels"][i]
    try:
        if panel["way"] in ("drawing_ai", "stylise", "as_is") and not panel["drawing"]:
            raise UserError("comics.ui.need_drawing", n=i + 1)
        if panel["way"] == "stylise" or panel["way"] == "as_is":
            params = {"drawing": panel["drawing"], "style": panel["style"], "stylise": panel["way"] == "stylise"}
            panel["job"] = submit_job("comics.panel", params)
            return
        from .comics import typed_refusal

        workshop = current_workshop()
        # the line and the hero sheet were counted when typed (said under them): a refusal then counts nothing more
        counted = typed_refusal(comic, lines=[i]) is not None
        check_ai_panel(comic, i, lang(), store=None if counted else get_store(),
                       workshop_id=workshop["id"] if workshop else None, participant_id=owner_id())
        panel["job"] = submit_job("imagegen.generate", ai_panel_params(comic, i, lang()))
    except UserError as exc:
        st.session_state[f"comic-error-{i}"] = error_text(exc)


def follow_panel_job(comic: dict, i: int) -> None:
    """Show a panel's job; when it is done, keep its picture in the page's folder."""
    panel = comic["panels"][i]
    kind = "imagegen.generate" if panel["way"] in ("text", "drawing_ai") else "comics.panel"
    guess = first_guess_seconds(1, probe().has_gpu) if kind == "imagegen.generate" else None
    job = job_status_ui(panel["job"], key=f"panel-{i}", expected=expected_time_text(kind, guess))
    if job is None:
        return
    panel["job"] = None
    if job.state == "done":
        source = Path(job.files()["image"])
        panel["version"] += 1
        target = work_dir(comic) / f"panel-{i + 1}-v{panel['version']}.png"
        shutil.copyfile(source, target)
        panel["image"] = str(target)
        panel["ai"] = job.kind == "imagegen.generate"
        panel["sheet"] = bool(job.result.get("sheet"))  # found on the table and straightened
        auto_frame(comic, i)  # on its faces, else on the drawing, else centred
        panel["seed"] = job.result.get("seed")  # shown under the panel: the hero's magic number
        panel["made_by"] = job.result.get("engine", "")  # e.g. "OpenVINO bf16", in the caption's tooltip
        if job.result.get("message_key"):  # the safety checker replaced the picture
            st.session_state[f"comic-error-{i}"] = t(job.result["message_key"])


def panel_errors_ui(comic: dict) -> None:
    """Messages of panels the layout no longer shows (a panel's own message shows beside its button).
    Always one container, so the steps below keep their place and the open step stays open."""
    count = LAYOUTS[comic["layout"]].panel_count
    with st.container():
        for i in range(count, len(comic["panels"])):
            message = st.session_state.pop(f"comic-error-{i}", None)
            if message:
                st.error(message)
