"""Comics workshop (BD): layout -> story -> hero -> panels -> bubbles -> print-ready page."""
import streamlit as st

from ui.comics import (bubbles_step_ui, comic_state, export_step_ui, hero_step_ui, layout_step_ui,
                       panel_errors_ui, panels_step_ui, story_step_ui)
from ui.i18n import t
from ui.session import current_workshop
from ui.frame import require_frame

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)

st.title(f"💬 {t('pages.comics.title')}")
st.caption(t("comics.ui.intro"))
if not current_workshop():
    st.info(t("comics.ui.no_workshop"))

comic = comic_state()
panel_errors_ui(comic)
steps = st.tabs([t(f"comics.ui.step_{name}") for name in ("layout", "story", "hero", "panels", "bubbles", "export")])
with steps[0]:
    layout_step_ui(comic)
with steps[1]:
    story_step_ui(comic)
with steps[2]:
    hero_step_ui(comic)
with steps[3]:
    panels_step_ui(comic)
with steps[4]:
    bubbles_step_ui(comic)
with steps[5]:
    export_step_ui(comic)
