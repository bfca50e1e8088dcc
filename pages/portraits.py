"""Portraits workshop: consent -> photo (face framed) -> painter -> painting -> framed print with its cartel."""
import streamlit as st

from ui.frame import require_frame
from ui.i18n import t
from ui.portraits import consent_ui, painter_ui, photo_ui, portrait_ui, print_ui
from ui.session import current_workshop
from ui.work import restore_work, save_work_now

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)

st.title(f"🖼️ {t('pages.portraits.title')}")
st.write(t("portrait.ui.intro"))
if current_workshop() is None:
    st.caption(t("portrait.ui.no_workshop"))


def portraits_page() -> None:
    person = consent_ui()  # 1. no portrait without recorded consent
    if person is None:
        return
    framing = photo_ui()  # 2. the photo, its face found and framed
    if framing is None:
        return
    style = painter_ui()  # 3. the painter
    if style is None:
        return
    job = portrait_ui(person, framing, style)  # 4. the painting, before/after and its cartel
    if job is None:
        return
    print_ui(job, person)  # 5. framed print, postcard, gallery


restore_work("portrait")  # this participant's photo, painter and step, after a reload or a studio restart
try:
    portraits_page()
finally:
    save_work_now("portrait")  # after every step, also when a step reruns the page early
