"""Widgets of the portrait workshop: consent, photo and framing, painter cards, the painting, the print."""
from __future__ import annotations

import base64
from datetime import date
from pathlib import Path

import streamlit as st

from pipelines import backends
from pipelines.i18n import UserError
from pipelines.portrait.consent import record_adult_agreement
from pipelines.portrait.framing import centred_crop
from pipelines.portrait.label import cartel, sitter_note
from pipelines.portrait.make import WORK_MEGAPIXELS
from pipelines.portrait.samples import missing_samples, sample_path
from pipelines.portrait.styles import STYLES, get_style
from pipelines.safety.uploads import open_picture, sanitize_image
from pipelines.store.files import write_bytes_atomic

from .i18n import error_text, lang, t
from .jobs import expected_time_text, job_status_ui, submit_job
from .runtime import get_store
from .work import forget_sent, sent_file, start_over, wkey, work_folder
from .session import current_participant
from .widgets import action_button, before_after_ui, download_ui, percent_slider, picture_uploader, upload_notes_ui

STATE = "portrait"  # st.session_state[STATE]: the participant's agreement, photo, framing, painter and results,
# saved as their work in progress (ui/work.py, kind "portrait"): a reload or a restart of the studio finds them
KIND = "portrait"


def state() -> dict:
    return st.session_state.setdefault(STATE, {})


def _work_dir() -> Path:
    return work_folder(state(), "portraits")


def _files(job) -> dict[str, str]:
    return job.files()


# 1. consent ------------------------------------------------------------------------------------
def consent_ui() -> dict | None:
    """The sitter (the participant chosen in the sidebar) and their agreement; None until both are there."""
    st.subheader(t("portrait.ui.step_consent"))
    person = current_participant()
    if person is None:
        st.info(t("portrait.ui.pick_name"))
        return None
    if person["minor"] and not person["consent"]:
        st.warning(t("portrait.ui.parent_needed"))
        return None
    agreed = st.checkbox(t("portrait.ui.agree_minor" if person["minor"] else "portrait.ui.agree"),
                         value=bool(state().get("agreed")), key=wkey(KIND, f"portrait-agree-{person['id']}"))
    state()["agreed"] = agreed
    if not agreed:
        return None
    if not person["minor"] and not person["consent"]:
        record_adult_agreement(get_store(), person["id"])
        person = current_participant()
    return person


# 2. the photo ----------------------------------------------------------------------------------
def photo_ui() -> dict | None:
    """The photo (upload or camera), found face and framing; returns the framing job's result once ready."""
    st.subheader(t("portrait.ui.step_photo"))
    if not state().get("frame_job"):
        tab_file, tab_camera = st.tabs([f"🖼️ {t('portrait.ui.upload')}", t("portrait.ui.use_camera")])
        with tab_file:
            upload = picture_uploader(t("portrait.ui.upload"), key=wkey(KIND, "portrait-upload"))
        with tab_camera:
            shot = st.camera_input(t("portrait.ui.camera"), key=wkey(KIND, "portrait-camera"))
        sent = sent_file(state(), upload or shot, kind=KIND, prefix="portraits",
                         taken_back="portrait.ui.upload_taken_back")
        if sent is None:
            return None
        _, data = sent
        try:  # a phone's 108 MP photo takes seconds to read and shrink: the page says so meanwhile
            with st.spinner(t("uploads.reading")):
                clean = sanitize_image(data, downscale=True, fit_megapixels=WORK_MEGAPIXELS)
                source = write_bytes_atomic(_work_dir() / "photo.png", clean.png_bytes())
        except UserError as exc:
            st.error(exc.message(lang()))
            forget_sent(state())
            return None
        forget_sent(state())
        state().update(source=str(source), frame_job=submit_job("portrait.frame", {"source": str(source)}),
                       upload_notes=list(clean.notes))  # said once the photo is framed (the page is drawn again)
        st.rerun()
    job = job_status_ui(state()["frame_job"], "portrait-frame")
    if job is None or job.state != "done":
        if job is not None:
            state().pop("frame_job", None)
        return None
    result = dict(job.result)
    files = _files(job)
    upload_notes_ui(state())
    left, right = st.columns([1, 2])
    left.image(files["framed"], alt=t("alt.portrait"), width="stretch")
    with right:
        if result["found_face"]:
            st.success(t("portrait.ui.face_found"))
        else:
            st.warning(t("portrait.ui.no_face"))
        if result.get("small"):  # said before the painter is chosen, as the postcards say it at upload
            st.warning(t("portrait.ui.small_photo"))
        if not result["found_face"]:
            _manual_crop_ui(files["photo"], result)
        if st.button(t("portrait.ui.new_photo"), key="portrait-reset"):
            reset()
            st.rerun()
    return {**result, "framed": files["framed"]}


def _manual_crop_ui(photo: str, result: dict) -> None:
    """Zoom and move a 4:5 frame on the photo when no face was found."""
    from pipelines.export.postcard import draw_crop_frame

    width, height = result["photo_size"]
    frame = state().setdefault("crop_frame", {"zoom": 1.0, "x": 0.5, "y": 0.45})
    # in percent: the zoom (150 %: the frame is 1/1.5 of the largest 4:5 one), the frame's centre across the
    # photo's width and down its height
    zoom = frame["zoom"] = percent_slider(t("portrait.ui.crop_zoom"), frame["zoom"], wkey(KIND, "portrait-crop-zoom"),
                                          low=1.0, high=3.0, step=0.1)
    cx = frame["x"] = percent_slider(t("portrait.ui.crop_x"), frame["x"], wkey(KIND, "portrait-crop-x"), step=0.02)
    cy = frame["y"] = percent_slider(t("portrait.ui.crop_y"), frame["y"], wkey(KIND, "portrait-crop-y"), step=0.02)
    box = centred_crop((width, height), zoom=zoom, centre_x=cx, centre_y=cy)
    fractions = (box.x / width, box.y / height, (box.x + box.w) / width, (box.y + box.h) / height)
    preview = open_picture(photo)
    preview.thumbnail((480, 480))
    st.image(draw_crop_frame(preview, fractions), alt=t("alt.crop"), width=320)
    if st.button(t("portrait.ui.crop_apply"), key="portrait-crop-apply"):
        state()["frame_job"] = submit_job("portrait.frame", {"source": state()["source"], "crop": box.as_list()})
        _forget_results()
        st.rerun()


# 3. the painter --------------------------------------------------------------------------------
def painter_ui() -> str | None:
    """The painters as picture cards (a sample painted by the CPU painter); returns the chosen style id."""
    st.subheader(t("portrait.ui.step_painter"))
    if missing_samples():
        if not state().get("samples_job"):
            state()["samples_job"] = submit_job("portrait.samples", {})
        st.caption(t("portrait.ui.samples_wait"))
        job = job_status_ui(state()["samples_job"], "portrait-samples")
        if job is None:
            return None
        state().pop("samples_job", None)
        if job.state != "done":
            return None
    chosen = state().get("style")
    columns = st.columns(4)
    for index, style in enumerate(STYLES):
        with columns[index % 4], st.container(border=True):
            name = style.card_name(lang())
            who = t("portrait.after", painter=name, period=style.period(lang())) if style.public_domain() else \
                name.lower()
            _picture(sample_path(style.id), t("portrait.ui.sample_alt", who=who))
            st.markdown(f"**{name}**  \n{style.period(lang())} · {style.years}")
            selected = chosen == style.id
            if st.button(("✔ " if selected else "") + t("portrait.ui.pick"), key=f"portrait-style-{style.id}",
                         type="primary" if selected else "secondary", width="stretch"):
                state()["style"] = style.id
                st.rerun()
    return chosen


def _picture(path: Path, alt: str) -> None:
    """A picture with its alternative text (read aloud by screen readers)."""
    data = base64.b64encode(Path(path).read_bytes()).decode()
    st.markdown(f'<img src="data:image/png;base64,{data}" alt="{alt}" title="{alt}" '
                f'style="width:100%;border-radius:0.5rem">', unsafe_allow_html=True)


# 4. the painting -------------------------------------------------------------------------------
def portrait_ui(person: dict, framing: dict, style_id: str):
    """The slider, who paints, the painting job, before/after and the cartel; returns the done job."""
    st.subheader(t("portrait.ui.step_portrait"))
    strength = state()["strength"] = percent_slider(t("portrait.ui.strength"), state().get("strength", 0.5),
                                                      key=wkey(KIND, "portrait-strength"))
    engine = None
    ready = backends.available("portrait.paint")
    if len(ready) > 1:
        names = [b.name for b in ready]
        kept = state().get("engine")
        engine = state()["engine"] = st.radio(
            t("portrait.ui.engine"), names, format_func=lambda n: t(backends.get(n).label), horizontal=True,
            index=names.index(kept) if kept in names else 0, key=wkey(KIND, "portrait-engine"))
    seed = state().setdefault("seed", 1)
    left, right = st.columns(2)
    paint = action_button(t("portrait.ui.paint"), container=left, type="primary", width="stretch", key="portrait-paint")
    again = action_button(t("portrait.ui.again_seed"), container=right, width="stretch", key="portrait-again",
                         disabled=not state().get("paint_job"))
    if again:
        seed = state()["seed"] = seed + 1
    if paint or again:
        state()["paint_job"] = submit_job("portrait.paint", {
            "framed": framing["framed"], "face": framing.get("face"), "style": style_id, "strength": strength,
            "seed": seed, "backend": engine if engine != "portrait.paint.cpu" else None, "sitter": person["name"],
            "sitter_agrees": True})
        state().pop("print_job", None)
    if not state().get("paint_job"):
        return None
    job = job_status_ui(state()["paint_job"], "portrait-paint",
                        expected=expected_time_text("portrait.paint", first_guess=8.0))
    if job is None or job.state != "done":
        return None
    files = _files(job)
    st.markdown(f"**{t('portrait.ui.before_after')}**")
    picture, label = st.columns([3, 2])
    with picture:
        after = open_picture(files["portrait"])
        size = (440, round(440 * after.height / after.width))  # fits the column of the page
        before_after_ui(open_picture(files["before"]).resize(size), after.resize(size))
    with label:
        _cartel_ui(job.result["style"], person["name"], bool(job.result["ai_made"]), job.result.get("model", ""))
    return job


def _cartel_ui(style_id: str, sitter: str, ai_made: bool, model: str) -> None:
    text = cartel(style_id, sitter, language=lang(), made_on=date.today(), ai_made=ai_made, model=model)
    if note := sitter_note(sitter, lang(), "portrait.ui.name_unprintable"):  # « Léo 🄍 »: the label says « Léo »
        st.info(note)
    with st.container(border=True):
        st.caption(t("portrait.ui.cartel"))
        st.markdown(f"### {text.title}\n*{text.after}*\n\n{text.story}\n\n{text.when} · {text.library}  \n"
                    f"**{text.made_with}**")


# 5. the print ----------------------------------------------------------------------------------
def print_ui(job, person: dict) -> None:
    st.subheader(t("portrait.ui.step_print"))
    files = _files(job)
    sizes = {"A4": t("portrait.ui.size_a4"), "A5": t("portrait.ui.size_a5")}
    size = state()["size"] = st.radio(t("portrait.ui.size"), list(sizes), format_func=sizes.get, horizontal=True,
                                      index=list(sizes).index(state().get("size", "A4")),
                                      key=wkey(KIND, "portrait-size"))
    if action_button(t("portrait.ui.print"), width="stretch", key="portrait-print"):
        state()["print_job"] = submit_job("portrait.print", {
            "portrait": files["portrait"], "style": job.result["style"], "sitter": person["name"],
            "ai_made": bool(job.result["ai_made"]), "model": job.result.get("model", ""),
            "backend": job.result.get("backend", ""), "size": size,
            "language": lang(), "made_on": date.today().isoformat()})
    painter = job.result["style"]  # the style's id ("van-gogh", "pop-art"): short, the same in every language
    download_ui(files["portrait"], t("portrait.ui.download_png"), mime="image/png", key="portrait-dl-png",
                what="portrait", who=person["name"], title=painter)
    if not state().get("print_job"):
        return
    done = job_status_ui(state()["print_job"], "portrait-print")
    if done is None or done.state != "done":
        return
    printed = _files(done)
    left, right = st.columns([1, 2])
    left.image(printed["preview"], alt=t("alt.print_preview"), width="stretch")
    with right:
        download_ui(printed["framed"], t("portrait.ui.download_pdf"), mime="application/pdf", key="portrait-dl-pdf",
                    what="portrait_print", who=person["name"], title=painter)
        if printed.get("postcard"):
            download_ui(printed["postcard"], t("portrait.ui.download_postcard"), mime="application/pdf",
                        key="portrait-dl-postcard", what="portrait_postcard", who=person["name"], title=painter)
        st.caption(t("portrait.ui.print_hint"))
        st.caption(t("portrait.ui.in_gallery"))


def _forget_results() -> None:
    for key in ("paint_job", "print_job"):
        state().pop(key, None)


def reset() -> None:
    """A new photo: the portrait in progress is forgotten (here and in the store), the agreement stays."""
    agreed = state().get("agreed")
    start_over(KIND)
    if agreed:
        state()["agreed"] = True


def error_box(exc: Exception) -> None:
    st.error(error_text(exc))


__all__ = ["consent_ui", "photo_ui", "painter_ui", "portrait_ui", "print_ui", "reset", "get_style"]
