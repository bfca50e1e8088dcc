"""Children's AI pictures that wait for the facilitator's OK: the console section and the child's side.

The console section (one call from pages/console.py) holds the per-workshop setting, the refusals
counted by category (never the refused text) and the pictures waiting, each with Approve / Reject.
On the child's side, `held_picture` turns a finished picture job that waits into "not finished yet"
(a friendly waiting line, refreshed) and a rejected one into a failed job with a kind sentence:
every page that follows its jobs through ui.jobs.job_status_ui is gated the same way.
"""
from __future__ import annotations

import dataclasses

import streamlit as st

from pipelines.safety import approvals
from pipelines.safety.prompts import CATEGORIES

from .i18n import t
from .runtime import get_store

REJECT_CATEGORIES = ("image",) + CATEGORIES


def held_picture(job):
    """The job as the page may use it: None while its picture waits, a failed job when it was rejected."""
    if job.state != "done" or not (job.result or {}).get("review"):
        return job
    row = approvals.review(get_store(), job.id)
    if row is None or row["state"] == "approved":
        return job
    if row["state"] == "rejected":
        return dataclasses.replace(job, state="failed", error={"key": "safety.approval.rejected", "params": {}})
    _waiting(job.id)
    return None


@st.fragment(run_every=2.0)
def _waiting(job_id: str) -> None:
    row = approvals.review(get_store(), job_id)
    if row is not None and row["state"] != "pending":
        st.rerun()  # the whole page shows the picture (or the kind refusal)
    st.info(f"⏳ {t('safety.approval.waiting')}")


def approvals_console_ui(store, workshop: dict) -> None:
    """The facilitator's section: the setting, refusals by category, the pictures waiting."""
    st.subheader(f"🛡️ {t('safety.console.title')}")
    on = approvals.required(store, workshop["id"])
    wanted = st.toggle(t("safety.console.wait_for_ok"), value=on, key="approve-pictures",
                       help=t("safety.console.wait_for_ok_help"))
    if wanted != on:
        approvals.set_required(store, workshop["id"], wanted)
        st.rerun()
    _waiting_pictures(workshop["id"])


@st.fragment(run_every=3.0)
def _waiting_pictures(workshop_id: int) -> None:
    """Refusals by category (never the refused text) and the pictures waiting, refreshed every 3 s."""
    store = get_store()
    counts = approvals.refusals(store, workshop_id)
    if counts:
        lines = [f"| {t('safety.console.category')} | {t('safety.console.count')} |", "|---|---:|"]
        lines += [f"| {t(f'safety.categories.{c}')} | {n} |" for c, n in sorted(counts.items(), key=lambda kv: -kv[1])]
        st.markdown("\n".join(lines))
    else:
        st.caption(t("safety.console.no_refusals"))
    waiting = approvals.pending(store, workshop_id)
    if not waiting:
        st.caption(t("safety.console.none_waiting"))
        return
    names = {p["id"]: p["name"] for p in store.participants(workshop_id)}
    st.markdown(f"**{t('safety.console.waiting', n=len(waiting))}**")
    columns = st.columns(3)
    for n, row in enumerate(waiting):
        with columns[n % 3].container(border=True, key=f"review-{row['job_id']}"):
            st.image(row["image"], width="stretch")
            st.caption(names.get(row["owner"], "?"))
            ok, no = st.columns(2)
            if ok.button(f"✅ {t('safety.console.approve')}", key=f"approve-{row['job_id']}", type="primary",
                         width="stretch"):
                approvals.approve(store, row["job_id"])
                st.rerun(scope="fragment")
            if no.button(f"❌ {t('safety.console.reject')}", key=f"reject-{row['job_id']}", width="stretch"):
                approvals.reject(store, row["job_id"], st.session_state.get(f"why-{row['job_id']}", "image"))
                st.rerun(scope="fragment")
            st.selectbox(t("safety.console.why"), REJECT_CATEGORIES, key=f"why-{row['job_id']}",
                         format_func=lambda c: t(f"safety.categories.{c}"))

