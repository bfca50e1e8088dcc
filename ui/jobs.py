"""Submit jobs for the current participant and follow them with a live progress bar."""
from __future__ import annotations

import streamlit as st

from pipelines.jobs import Job
from pipelines.i18n import translate

from .i18n import error_text, job_error_text, lang, t
from .runtime import ensure_worker, get_queue
from .session import current_workshop, owner_id


def submit_job(kind: str, params: dict) -> str:
    """Queue a job for the current participant and workshop; returns its id (the id of the same job still
    queued or running when there is one: `JobQueue.submit(reuse=True)`)."""
    ensure_worker()
    workshop = current_workshop()
    return get_queue().submit(kind, params, owner=owner_id(), workshop_id=workshop["id"] if workshop else None,
                              reuse=True)


def expected_time_text(kind: str, first_guess: float | None = None, work: float | None = None) -> str:
    """'About 20 s' from the last runs of this kind on this machine (else `first_guess`, else nothing);
    with `work`, scaled to this job's size (JobQueue.expected_seconds)."""
    seconds = get_queue().expected_seconds(kind, work=work) or first_guess
    return t("jobs.expected", time=duration_text(seconds)) if seconds else ""


def still_queued(job_id: str) -> bool:
    """True while the job waits for the worker: its usual duration may be said beside the wait; once it runs, the
    progress line's own estimate is the one shown (two different times side by side read as a contradiction)."""
    try:
        return get_queue().get(job_id).state == "queued"
    except KeyError:
        return False


def duration_text(seconds: float | None) -> str:
    if seconds is None:
        return "…"
    seconds = int(round(seconds))
    if seconds < 60:
        return t("jobs.seconds", n=max(1, seconds))
    return t("jobs.minutes", m=seconds // 60, s=seconds % 60)


def kind_label(kind: str) -> str:
    """What a job does, in words ('Restaurer une photo'), from the locale key kind.<kind>."""
    text = translate(f"kind.{kind}", lang())
    return kind if text.startswith("[") else text


def message_text(message: str) -> str:
    if not message:
        return ""
    text = translate(message, lang())
    return message if text.startswith("[") else text


def job_status_ui(job_id: str, key: str, expected: str = "") -> Job | None:
    """Show a job's progress (live) and return it once finished; None while it runs. `expected` (« Durée prévue :
    environ 5 s », `expected_time_text`) is said in the progress line while the job waits (and while it runs with no
    time left of its own), never once it is over: drawn before the job was read, it stayed beside the finished book."""
    queue = get_queue()
    try:
        job = queue.get(job_id)
    except KeyError:
        return None
    if job.finished:
        from .approvals import held_picture

        job = held_picture(job)  # a child's AI picture may wait for the facilitator's OK
        if job is None:
            return None
        if job.state == "failed":
            st.error(job_error_text(job.error))
        elif job.state == "cancelled":
            st.info(t("jobs.cancelled"))
        return job
    _live_progress(job_id, key, expected)
    return None


@st.fragment(run_every=1.0)
def _live_progress(job_id: str, key: str, expected: str = "") -> None:
    queue = get_queue()
    job = queue.get(job_id)
    if job.finished:
        st.rerun()  # the whole page shows the result
    if job.state == "queued":
        label = t("jobs.waiting", n=(job.position or 0) + 1)
        if not queue.reachable():  # the shared queue server is restarting: the job waits in the store
            st.warning(f"🔄 {t('privacy.queue_reconnecting')}")
    else:
        label = message_text(job.message) or t("jobs.running")
    eta = f" — {t('jobs.eta', time=duration_text(job.eta_seconds))}" if job.eta_seconds is not None else ""
    if expected and (job.state == "queued" or not eta):  # running, its line says the time left instead
        eta = f"{eta} · {expected}"
    st.progress(job.progress, text=f"{label}{eta}")  # in its line: nothing below moves when the job starts
    if st.button(t("jobs.cancel"), key=f"cancel-{key}-{job_id}"):
        try:
            queue.cancel(job_id, by=owner_id())
        except Exception as exc:
            st.error(error_text(exc))
        st.rerun()
