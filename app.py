"""Atelier: the studio's frame. Page config, navigation over pages/, shared sidebar. No model code."""
import streamlit as st

from ui.i18n import t
from ui.nav import HOME, TOOLS, WORKSHOPS, visible
from ui.runtime import ensure_worker, get_store
from ui.session import BIG_BUTTONS_CSS, is_facilitator, join_gate_ui, sidebar_ui

st.set_page_config(page_title="Atelier", page_icon="🎨", layout="wide", initial_sidebar_state="expanded")
st.markdown(BIG_BUTTONS_CSS, unsafe_allow_html=True)
get_store()
ensure_worker()

if not join_gate_ui():
    st.stop()


def _page(info, default=False):
    return st.Page(info.path, title=t(f"pages.{info.key}.title"), icon=info.icon, default=default)


facilitator = is_facilitator()
sections = {
    t("nav.studio"): [_page(HOME, default=True)],
    t("nav.workshops"): [_page(w) for w in visible(WORKSHOPS, facilitator)],
    t("nav.tools"): [_page(p) for p in visible(TOOLS, facilitator)],
}
navigation = st.navigation({k: v for k, v in sections.items() if v})
sidebar_ui()
navigation.run()
