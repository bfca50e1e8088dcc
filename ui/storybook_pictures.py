"""The Storybook page's pictures step: for each page none, an AI picture (when a model is installed), the
child's drawing (a photo of the sheet is straightened), or the drawing stylised on the processor."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from pipelines import backends
from pipelines.i18n import UserError
from pipelines.story.pictures import page_picture_params, save_drawing
from pipelines.story.spec import Story

from .i18n import lang, t
from .jobs import expected_time_text, job_status_ui, submit_job
from .runtime import get_store
from .session import can_upload_photos, current_workshop, owner_id
from .storybook_state import current_story, keep_story, key, story_id
from .widgets import action_button, picture_uploader


def _uploads_dir() -> Path:
    """Where the book's drawings are kept (under the workshop's files)."""
    workshop = current_workshop()
    folder = get_store().artifact_dir(workshop["id"] if workshop else None, "story-drawings", owner=owner_id())
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pictures_ui() -> None:
    """A picture per page: none, an AI picture (when a model is installed), the child's drawing, or it stylised."""
    story = current_story()
    ai = bool(backends.available("imagegen.txt2img"))
    modes = ["none"] + (["ai"] if ai else []) + ["drawing", "stylise"]
    labels = {"none": t("story.ui.picture_none"), "ai": t("story.ui.picture_ai"),
              "drawing": t("story.ui.picture_drawing"), "stylise": t("story.ui.picture_stylise")}
    jobs = st.session_state.setdefault("story-picture-jobs", {})
    for number, page in enumerate(story.pages, start=1):
        with st.container(border=True):
            cols = st.columns([1, 2])
            with cols[0]:
                if page.picture and Path(page.picture).exists():
                    st.image(page.picture, alt=t("alt.story_picture"), use_container_width=True)
                else:
                    st.markdown(f"### {number}")
            with cols[1]:
                st.caption(page.text[:140] + ("…" if len(page.text) > 140 else ""))
                chosen = st.session_state.setdefault("story-pic-modes", {})
                mode = chosen.get(str(number), "none")
                mode = st.radio(t("story.ui.page_picture", number=number), modes, format_func=labels.get,
                                horizontal=True, index=modes.index(mode) if mode in modes else 0,
                                key=key(f"story-pic-mode-{story_id()}-{number}"))
                chosen[str(number)] = mode
                _picture_source_ui(story, number, mode, jobs)


def _picture_source_ui(story: Story, number: int, mode: str, jobs: dict) -> None:
    page = story.pages[number - 1]
    slot = str(number)
    if mode == "none":
        if page.picture:
            page.picture = ""
            keep_story(story)
        return
    source = None
    if mode in ("drawing", "stylise"):
        if not can_upload_photos():
            st.warning(t("story.ui.no_upload_consent"))
            return
        upload = picture_uploader(t("story.ui.upload_drawing", number=number),
                                  key=key(f"story-upload-{story_id()}-{number}"))
        if upload is None:
            return
        try:
            data = upload.getvalue()
            source = save_drawing(data, _uploads_dir() / f"drawing-{story_id()}-{number:02d}-{len(data)}.png")
        except UserError as exc:
            st.error(exc.message(lang()))
            return
        if mode == "drawing" and page.picture != source:
            page.picture = source
            st.session_state.setdefault("story-ai-pictures", {}).pop(slot, None)
            keep_story(story)
            st.rerun()
        if mode == "drawing":
            return
    if action_button(t("story.ui.make_picture"), key=f"story-make-pic-{story_id()}-{number}"):
        if mode == "ai":
            jobs[slot] = ("ai", submit_job("imagegen.generate", page_picture_params(story, number)))
        else:
            jobs[slot] = ("stylise", submit_job("imagegen.stylise", {"image": source}))
    if slot in jobs:
        kind, job_id = jobs[slot]
        job = job_status_ui(job_id, f"story-pic-{story_id()}-{number}",
                            expected=expected_time_text("imagegen.generate" if kind == "ai" else "imagegen.stylise"))
        if job is not None:
            jobs.pop(slot)
            if job.state == "done":
                page.picture = job.files()["image"]
                if kind == "ai":
                    st.session_state.setdefault("story-ai-pictures", {})[slot] = True
                keep_story(story)
                st.rerun()
