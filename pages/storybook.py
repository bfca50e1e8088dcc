"""Storybook workshop: choices with pictures -> story -> pages edited -> pictures -> music and voice -> book."""
from __future__ import annotations

import streamlit as st

from ui.i18n import error_text, t
from ui.jobs import expected_time_text, job_status_ui, submit_job
from ui.session import current_workshop
from ui.storybook import book_ui, choices_ui, edit_pages_ui, music_voice_ui, spec_from_choices
from ui.storybook_pictures import pictures_ui
from ui.storybook_state import story_from_job
from ui.widgets import action_button, backend_choice_ui, engines_ui
from ui.work import restore_work, save_work_now, start_over
from ui.frame import require_frame

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)


def storybook_page() -> None:
    st.title(f"📖 {t('pages.storybook.title')}")
    st.caption(t("pages.storybook.blurb"))
    if not current_workshop():
        st.info(t("story.ui.hint_no_workshop"))
    if "story" in st.session_state and st.button(t("story.ui.new_story"), key="story-new"):
        start_over("story")
        st.rerun()

    st.header(t("story.ui.step_choices"))
    choices = choices_ui()
    writer = backend_choice_ui("story.write", key="story-writer", label=t("story.ui.writer"))
    cols = st.columns(2)
    # action_button: a tap that lands while a rerun is still drawing the choices above is kept, not lost
    write = action_button(t("story.ui.write"), key="story-write", container=cols[0], type="primary",
                          use_container_width=True)
    again = "story" in st.session_state and action_button(t("story.ui.rewrite"), key="story-again",
                                                          container=cols[1], use_container_width=True)
    if write or again:
        try:
            if again:
                choices["seed"] = st.session_state.get("story-seed", 0) + 1
            st.session_state["story-seed"] = choices.get("seed", 0)
            spec = spec_from_choices(choices)
            st.session_state["story-job"] = submit_job("story.write", {"spec": spec.choices(), "writer": writer or ""})
            st.session_state.pop("book-job", None)
        except Exception as exc:
            # said here, next to the button, whatever stopped it: on a tablet the name's own sentence at the top
            # is out of sight and the button seemed to do nothing; the name stays in its box to change
            said = error_text(exc)
            if said == st.session_state.get("story-name-said"):
                said = t("story.ui.name_refused_above", message=said)
            st.error(said)
    if st.session_state.get("story-job"):
        job = job_status_ui(st.session_state["story-job"], "story-write", expected=expected_time_text("story.write"))
        if job is not None:
            st.session_state.pop("story-job")
            if job.state == "done":
                story_from_job(job)
                st.rerun()  # drawn whole with its story: « Une nouvelle histoire » above does not appear a run later

    if "story" in st.session_state:
        st.header(t("story.ui.step_story"))
        edit_pages_ui()
        st.header(t("story.ui.step_pictures"))
        pictures_ui()
        st.header(t("story.ui.step_music"))
        options = music_voice_ui()
        st.header(t("story.ui.step_book"))
        book_ui(options)

    with st.expander(t("story.ui.engines.title")):
        engines_ui(["story.write", "music.generate", "story.voice"])


restore_work("story")  # this participant's story, after a reload or a studio restart
try:
    storybook_page()
finally:
    save_work_now("story")  # after every step, also when the page stops or reruns early
