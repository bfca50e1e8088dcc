"""The facilitator console's sections: the tablets' code, the job queue, the library settings."""
from __future__ import annotations

import streamlit as st

from pipelines.config import settings
from pipelines.device import lan_addresses
from pipelines.safety.uploads import sanitize_image
from pipelines.store import Workshop
from pipelines.store.files import write_bytes_atomic

from .i18n import error_text, t
from .jobs import duration_text, kind_label, message_text
from .runtime import get_queue, get_store


def code_ui(workshop: Workshop) -> None:
    """The code tablets type (and the studio's addresses when it is served), the safety counters."""
    store = get_store()
    code_col, count_col1, count_col2 = st.columns([2, 1, 1])
    with code_col:
        st.markdown(f"**{t('console.code')}**")
        st.markdown(f"<div style='font-size:3rem;font-weight:700;letter-spacing:0.3em'>{workshop['code']}</div>",
                    unsafe_allow_html=True)
        st.caption(t("console.code_help"))
        if settings().require_code:
            port = st.get_option("server.port")
            for address in lan_addresses():
                st.markdown(f"📶 `http://{address}:{port}`")
    count_col1.metric(t("console.blocked_prompts"), store.count_events("prompt_blocked", workshop["id"]))
    count_col2.metric(t("console.flagged_images"), store.count_events("image_flagged", workshop["id"]))


def queue_ui(workshop: Workshop) -> None:
    """Every waiting and running job, whoever asked for it, with its progress and a cancel button."""
    names = {p.id: p.name for p in get_store().participants(workshop.id)}
    _queue_fragment(names)


@st.fragment(run_every=2.0)
def _queue_fragment(names: dict[int, str]) -> None:
    queue = get_queue()
    jobs = queue.list(states=("queued", "running"))
    if not jobs:
        st.caption(t("console.queue_empty"))
    for job in sorted(jobs, key=lambda j: (j.state != "running", j.created_at)):
        job = queue.get(job.id)
        who = names.get(job.owner, t("gallery.facilitator"))
        col1, col2, col3 = st.columns([2, 3, 1])
        col1.markdown(f"**{who}** · {kind_label(job.kind)}")
        state = message_text(job.message) if job.state == "running" else t("jobs.waiting", n=(job.position or 0) + 1)
        eta = f" — {t('jobs.eta', time=duration_text(job.eta_seconds))}" if job.eta_seconds is not None else ""
        col2.progress(job.progress, text=f"{state}{eta}")
        if col3.button(t("console.cancel"), key=f"cancel-{job.id}"):
            queue.cancel(job.id)  # the facilitator may cancel any job
            st.rerun(scope="fragment")


def library_settings_ui() -> None:
    """The library's name and logo, printed on everything the workshops make (store.library_name)."""
    store = get_store()
    with st.expander(f"🏛️ {t('console.settings')}"):
        library = st.text_input(t("console.library_name"), value=store.get_setting("library_name", "") or "")
        logo = st.file_uploader(t("console.logo"), type=["png", "jpg", "jpeg", "webp"])
        if st.button(t("console.save")):
            store.set_setting("library_name", library.strip())
            if logo is not None:
                try:
                    clean = sanitize_image(logo.getvalue())
                    path = write_bytes_atomic(store.files_dir / "library" / "logo.png", clean.png_bytes())
                    store.set_setting("library_logo", str(path))
                except Exception as exc:
                    st.error(error_text(exc))
            st.success(t("console.saved"))
