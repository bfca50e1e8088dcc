"""The studio's frame (page config, navigation over pages/, shared sidebar), run by app.py.

Streamlit treats a folder named pages/ next to the entry script as an old-style multipage app
until the first script run calls st.navigation: a first visit straight to /console would run
pages/console.py alone, without this frame (no sidebar, no workshop-code gate). Every page
therefore starts with `require_frame()`, which runs the frame around it when it is missing.
"""
from __future__ import annotations

import threading

import streamlit as st

_run = threading.local()  # one script run per thread


def main() -> None:
    """The whole frame: config, store, worker, gate, navigation, sidebar, then the chosen page."""
    from .i18n import t
    from .nav import HOME, TOOLS, WORKSHOPS, nav_links_ui, visible
    from .runtime import ensure_worker, get_store, warm_words_guard
    from .session import (BIG_BUTTONS_CSS, is_facilitator, join_gate_ui, language_from_url, pick_name_first_ui,
                          sidebar_ui)
    from .words import sync_upload_limit, words_ui
    from .tablet import tablet_layout

    _run.in_frame = True
    try:
        st.set_page_config(page_title="Atelier", page_icon="🎨", layout="wide", initial_sidebar_state="expanded")
        language_from_url()  # first: everything below (menu, Streamlit's own words) speaks the address's language
        st.markdown(BIG_BUTTONS_CSS, unsafe_allow_html=True)
        words_ui()
        sync_upload_limit()
        tablet_layout()
        get_store()
        ensure_worker()
        warm_words_guard()  # read in the background now, not on the first word typed
        if not join_gate_ui():
            st.stop()

        def page(info, default=False):
            return st.Page(info.path, title=t(f"pages.{info.key}.title"), icon=info.icon, default=default)

        facilitator = is_facilitator()
        sections = {
            t("nav.studio"): [page(HOME, default=True)],
            t("nav.workshops"): [page(w) for w in visible(WORKSHOPS, facilitator)],
            t("nav.tools"): [page(p) for p in visible(TOOLS, facilitator)],
        }
        sections = {k: v for k, v in sections.items() if v}
        # Streamlit's own sidebar menu puts <div>s between <ul> and <li> (axe: list/listitem, WCAG 1.3.1):
        # the menu is drawn here with page links instead, one heading per section.
        navigation = st.navigation(sections, position="hidden")
        nav_links_ui(sections)
        sidebar_ui()
        if navigation.url_path in {p.url_path for p in sections.get(t("nav.workshops"), [])}:
            pick_name_first_ui()
        navigation.run()
    finally:
        _run.in_frame = False


def _started_from_app() -> bool:
    """True when this script run was started for app.py (the studio), not for a page on its own."""
    from pathlib import Path

    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx is not None and Path(ctx.main_script_path).name == "app.py"


def require_frame() -> None:
    """First line of every page: make sure the page runs inside the frame.

    A page run on its own on purpose (streamlit's AppTest.from_file on one page) is left alone.
    """
    if not getattr(_run, "in_frame", False) and _started_from_app():
        main()  # runs the frame, which runs this page inside it
        st.stop()  # and nothing more of the frameless run
