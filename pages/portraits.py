"""Portraits workshop: consent -> photo (face framed) -> painter -> painting -> framed print with its cartel."""
import streamlit as st

from ui.frame import require_frame
from ui.i18n import t
from ui.portraits import consent_ui, painter_ui, photo_ui, portrait_ui, print_ui
from ui.session import current_workshop

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)

st.title(f"🖼️ {t('pages.portraits.title')}")
st.write(t("portrait.ui.intro"))
if current_workshop() is None:
    st.caption(t("portrait.ui.no_workshop"))

person = consent_ui()  # 1. no portrait without recorded consent
if person is None:
    st.stop()
framing = photo_ui()  # 2. the photo, its face found and framed
if framing is None:
    st.stop()
style = painter_ui()  # 3. the painter
if style is None:
    st.stop()
job = portrait_ui(person, framing, style)  # 4. the painting, before/after and its cartel
if job is None:
    st.stop()
print_ui(job, person)  # 5. framed print, postcard, gallery
