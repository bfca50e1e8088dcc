"""Comics workshop (BD): layout -> story -> hero -> panels -> bubbles -> print-ready page."""
import streamlit as st

from ui.comics import (bubbles_step_ui, comic_state, export_step_ui, hero_step_ui, layout_step_ui,
                       panel_errors_ui, panels_step_ui, story_step_ui)
from ui.i18n import t
from ui.session import current_workshop
from ui.work import restore_work, save_work_now, start_over
from ui.frame import require_frame

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)


def comics_page() -> None:
    st.title(f"💬 {t('pages.comics.title')}")
    st.caption(t("comics.ui.intro"))
    if not current_workshop():
        st.info(t("comics.ui.no_workshop"))
    if st.button(t("comics.ui.new_comic"), key="comic-new"):
        start_over("comic")
        st.rerun()

    comic = comic_state()
    panel_errors_ui(comic)
    steps = st.tabs([t(f"comics.ui.step_{name}") for name in ("layout", "story", "hero", "panels", "bubbles",
                                                               "export")])
    for tab, step_ui in zip(steps, (layout_step_ui, story_step_ui, hero_step_ui, panels_step_ui, bubbles_step_ui,
                                    export_step_ui)):
        with tab:
            step_ui(comic)


restore_work("comic")  # this participant's page in progress, after a reload or a studio restart
try:
    comics_page()
finally:
    save_work_now("comic")  # after every step, also when a step reruns the page early
