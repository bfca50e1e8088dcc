"""Postcards: a creation, a photo or a recycled DVD cover becomes A6 postcards, printed 4 per A4 sheet."""
from pathlib import Path

import streamlit as st

from pipelines.export.imposition import calibration_pdf
from pipelines.export.names import download_name
from pipelines.export.postcard import (BORDERS, Postcard, check_message, crop_frame, draw_crop_frame, picture_ratio,
                                       print_params)
from pipelines.safety.uploads import open_picture
from pipelines.store import library_name
from pipelines.i18n import UserError
from ui.i18n import error_text, lang, t
from ui.jobs import expected_time_text, job_status_ui, submit_job
from ui.postcards import card_in_progress, card_title_ui, picture_key, postcard_warning, source_ui
from ui.runtime import get_store
from ui.session import current_workshop
from ui.widgets import download_ui, percent_slider
from ui.work import restore_work, save_work_now, wkey
from ui.frame import require_frame

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)

store = get_store()
workshop = current_workshop()
workshop_id = workshop["id"] if workshop else None

restore_work("postcard")  # this participant's card in progress (another child's is never shown here)

st.title(f"💌 {t('pages.postcards.title')}")
st.caption(t("pages.postcards.blurb"))
if not workshop:
    st.info(t("postcards.no_workshop"))

# 1. Where the picture comes from.
front = source_ui(workshop_id)
if st.session_state.get("postcard_job") and st.session_state.get("postcard_job_front") != picture_key(front):
    # cards made from another picture (or this file since rewritten, e.g. another part of a cover): never
    # shown, warned about or offered for download under this one
    st.session_state.pop("postcard_job", None)
    st.session_state.pop("postcard_job_front", None)
if not front or not Path(front).exists():
    save_work_now("postcard")
    st.stop()

# 2. The card: direction, border, crop frame, title, message.
st.header(t("postcards.design"))
picture = open_picture(front)
design_col, frame_col = st.columns([1, 1])
card_data = card_in_progress()  # kept with the work in progress; the widgets start from it
with design_col:
    orientation = card_data["orientation"] = st.radio(
        t("postcards.orientation"), ["landscape", "portrait"], horizontal=True, key=wkey("postcard", "pc-orientation"),
        format_func=lambda o: ("▭ " if o == "landscape" else "▯ ") + t(f"postcards.{o}"))
    border = card_data["border"] = st.radio(t("postcards.border"), BORDERS, horizontal=True,
                                            format_func=lambda b: t(f"postcards.border_{b}"),
                                            key=wkey("postcard", "pc-border"))
    # in percent as on the studio's other pages (« 150 % »: the frame is 1/1.5 of the largest one; the frame's
    # centre across and down the picture); keys of their own, a card saved with the old 1.0-3.0 zoom starts afresh
    zoom = percent_slider(t("postcards.zoom"), 1.0, "pc-zoom-pct", low=1.0, high=3.0, step=0.1)
    move_x = percent_slider(t("postcards.move_x"), 0.5, "pc-mx-pct", step=0.01)
    move_y = percent_slider(t("postcards.move_y"), 0.5, "pc-my-pct", step=0.01)
    title = card_title_ui(card_data)  # None: too long, kept in its box and said
draft = Postcard(front, orientation=orientation, border=border, title=title or "")
crop = crop_frame(picture.size, picture_ratio(draft), zoom, move_x, move_y)
with frame_col:
    st.image(draw_crop_frame(picture, crop), alt=t("alt.crop"), use_container_width=True)
    st.caption(t("postcards.frame_caption"))
message = card_data["message"] = st.text_area(t("postcards.message"), height=120, key=wkey("postcard", "pc-message"))
card = Postcard(front, orientation=orientation, crop=crop, border=border, title=title or "", message=message,
                ai_made=bool(st.session_state.get("postcard_ai")), model=st.session_state.get("postcard_model", ""),
                name=st.session_state.get("postcard_name", "") if st.session_state.get("postcard_upload_id") else "",
                language=lang(),
                library_name=library_name(store, default=""), logo=store.get_setting("library_logo") or "")
try:  # an emoji or a script the fonts cannot draw is said here, at the box, not after "Fabriquer"
    check_message(card, names=[p["name"] for p in store.participants(workshop["id"])] if workshop else None)
    unprintable = ""
except UserError as exc:
    unprintable = error_text(exc)
if unprintable:
    st.warning(unprintable)
elif message.strip():
    st.caption("✅ " + t("postcards.message_ok"))

# 3. Printing.
cols = st.columns(3)
copies = cols[0].number_input(t("postcards.copies"), 1, 8, 4, key="pc-copies")
printer = cols[1].radio(t("postcards.printer"), ["office", "shop"], format_func=lambda p: t(f"postcards.printer_{p}"),
                        key="pc-printer")
duplex = cols[2].toggle(t("postcards.duplex"), value=True, key="pc-duplex")
params = print_params([card], copies, printer, duplex)
params["made_by"] = st.session_state.get("postcard_made_by", "")  # what made the picture: the gallery's "how made"
if copies % 4:
    st.caption(t("postcards.sheet_filled", total=copies + 4 - copies % 4))
if st.button(t("postcards.make"), type="primary", use_container_width=True,
             disabled=bool(unprintable) or title is None):
    st.session_state["postcard_job"] = submit_job("postcards.make", params)
    st.session_state["postcard_job_front"] = picture_key(front)

job_id = st.session_state.get("postcard_job")
if job_id:
    job = job_status_ui(job_id, "postcards", expected=expected_time_text("postcards.make"))
    if job and job.state == "done":
        files = job.files()
        for said in filter(None, (postcard_warning(warning, card) for warning in job.result.get("warnings", []))):
            st.warning(said)
        left, right = st.columns(2)
        left.image(files["preview"], caption=t("postcards.preview_front"),
                   alt=t("postcards.preview_front"), use_container_width=True)
        if "preview_back" in files:
            right.image(files["preview_back"], caption=t("postcards.preview_back"),
                        alt=t("postcards.preview_back"), use_container_width=True)
        download_ui(files["pdf"], t("postcards.download"), mime="application/pdf", key="pc-download", what="postcard",
                    title=title or "")
        st.info(t("postcards.print_tip"))
        st.download_button(t("postcards.calibration"), data=calibration_pdf(lang()),
                           file_name=download_name(t("downloads.calibration"), ext=".pdf"), mime="application/pdf",
                           use_container_width=True, key="pc-calibration", on_click="ignore")
save_work_now("postcard")  # the picture, the words and the print job survive a reload
