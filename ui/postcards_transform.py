"""Turn a recycled DVD cover into a new work before it becomes a postcard: ink and watercolour on the
processor (no AI), or repainted as a watercolour by the image-to-image AI when one is installed."""
from __future__ import annotations

import shutil
from pathlib import Path

import streamlit as st
from pipelines.safety.uploads import open_picture, picture_size

from pipelines import backends
from pipelines.export.dvd import repaint_params
from pipelines.jobs.registry import KINDS as JOB_KINDS

from .i18n import lang, t
from .jobs import expected_time_text, job_status_ui, submit_job
from .runtime import get_store
from .session import owner_id
from .widgets import action_button, before_after_ui, licence_of, text_box

REPAINT_WORDS_MAX = 120  # the child's words about the cover for the AI repaint: a sentence or two
STATE = "pc-transform-made"  # {"source", "mode", "path", "ai"} of the last transformed cover


def repaint_ready() -> bool:
    """True when an image-to-image engine is installed (the AI repaint is offered only then)."""
    return "imagegen.generate" in JOB_KINDS and bool(backends.available("imagegen.img2img"))


def transform_ui(front: str, workshop_id: int | None) -> str:
    """Offer the transformations; returns the picture to print (the new work once made, else the cover)."""
    modes = ["keep", "stylise"] + (["repaint"] if repaint_ready() else [])
    mode = st.radio(t("postcards.transform.title"), modes, horizontal=True, key="pc-transform",
                    format_func=lambda m: t(f"postcards.transform.{m}"))
    made = st.session_state.get(STATE)
    st.session_state["postcard_ai"] = False  # a photographed cover: only the AI repaint makes it AI-made
    if mode == "keep":
        return front
    if mode == "repaint":
        st.caption(t("postcards.transform.repaint_licence", licence=licence_of(backends.choose("imagegen.img2img"))))
        words = text_box(t("postcards.transform.words"), REPAINT_WORDS_MAX, key="pc-transform-words")
    else:
        words = ""
    kind = "imagegen.generate" if mode == "repaint" else "imagegen.stylise"
    job_id = st.session_state.get("pc-transform-job")
    if job_id:  # followed first, so the button below is free again as soon as the job is over
        job = job_status_ui(job_id, "pc-transform", expected=expected_time_text(kind))
        if job is None:
            return front
        st.session_state.pop("pc-transform-job", None)
        pending = st.session_state.pop("pc-transform-pending", {})
        if job.state == "done":
            result = Path(job.files()["image"])
            folder = get_store().artifact_dir(workshop_id, "postcards", owner=owner_id())
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{Path(front).stem}-{pending.get('mode', mode)}-{job.id[:8]}.png"
            shutil.copyfile(result, target)
            made = {**pending, "path": str(target), "ai": job.kind == "imagegen.generate"}
            st.session_state[STATE] = made
            if (job.result or {}).get("message_key"):
                st.warning(t(job.result["message_key"]))
    if action_button(t("postcards.transform.go"), type="primary", use_container_width=True, key="pc-transform-go",
                 disabled=bool(st.session_state.get("pc-transform-job")) or words is None):  # too long: said
        if mode == "repaint":
            params = repaint_params(front, picture_size(front), words, lang())
        else:
            params = {"image": front, "style": "aquarelle"}
        st.session_state["pc-transform-job"] = submit_job(kind, params)
        st.session_state["pc-transform-pending"] = {"source": front, "mode": mode}
        st.rerun()
    if made and made.get("source") == front and made.get("mode") == mode and Path(made["path"]).exists():
        before_after_ui(open_picture(front), open_picture(made["path"]), height=360)
        st.session_state["postcard_ai"] = bool(made["ai"])
        return made["path"]
    return front
