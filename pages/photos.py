"""Old photos workshop: upload -> analysis -> steps -> one job -> before/after -> colour points -> exports."""
import streamlit as st

from ui.i18n import t
from ui.jobs import job_status_ui, submit_job
from ui.photos import (analysis_ui, export_ui, exports_offered, forget_pending, hints_ui, mask_brush_ui, reset_ui,
                       result_ui, state, steps_ui, upload_ui)
from ui.session import can_upload_photos, current_workshop
from ui.work import restore_work, save_work_now
from ui.frame import require_frame

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)


def photos_page() -> None:
    st.title(f"📷 {t('pages.photos.title')}")
    st.write(t("photo.ui.intro"))
    if current_workshop() is None:
        st.caption(t("photo.ui.no_workshop"))
    if not can_upload_photos():
        forget_pending()  # a photo sent before the consent was withdrawn is not kept for later
        st.warning(t("photo.ui.no_consent"))
        # the facilitator notes the consent on their own screen: this tablet looks again without a reload
        st.button(t("photo.ui.consent_look_again"), key="photo-consent-again")
        return

    # 1. The photo.
    if not state().get("source"):
        upload_ui()
        return
    reset_ui()

    # 2. What the analysis found, and the steps the patron picks.
    info = analysis_ui()
    if info is None:
        return
    if not state().get("restore_job"):
        edits = mask_brush_ui()  # offered even when nothing was found: the patron can paint what was missed
        params = steps_ui(info)
        if params is not None:
            edits_path = edits if "repair" in params["steps"] else None
            state()["restore_job"] = submit_job("photo.restore", {"source": state()["photo_file"], **params,
                                                                  "edits_path": edits_path})
            st.rerun()
        return

    # 3. The job, then before / after, colour points and exports.
    job = job_status_ui(state()["restore_job"], "photo-restore")
    if job is None:
        return
    if job.state != "done":
        state()["restore_job"] = None
        return
    files = result_ui(job)
    if state().get("colour_points", True):
        hints_ui(files)
    recoloured = bool(state().get("recolored") and files.get("uncoloured"))
    made_by = ", ".join(filter(None, [(job.result.get("artifact") or {}).get("model"),
                                      "photo.colorize.hints" if recoloured else ""]))
    if not exports_offered(job.result.get("notes") or [], recoloured):
        st.caption(t("photo.ui.unchanged_no_sheet"))
        return
    export_ui(files, ai_made=bool(job.result.get("ai_made")) or recoloured, model=made_by)


restore_work("photo")  # this participant's photo in progress, after a reload or a studio restart
try:
    photos_page()
finally:
    save_work_now("photo")
