"""The facilitator console's sections: the tablets' code, the participants, the job queue, the library settings."""
from __future__ import annotations

import functools

import streamlit as st

from pipelines.config import settings
from pipelines.i18n import UserError, long_date
from pipelines.device import lan_addresses
from pipelines.safety.text import printable_name
from pipelines.safety.uploads import sanitize_image
from pipelines.store import Workshop
from pipelines.store.ages import MAX_AGE, participant_group
from pipelines.store.files import write_bytes_atomic

from .i18n import error_text, lang, t
from .jobs import duration_text, kind_label, message_text
from .runtime import get_queue, get_store
from .session import isolated
from .widgets import text_box

CONSENT_BY_MAX = 60  # letters of who recorded a parent's consent


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


@functools.lru_cache(maxsize=512)
def rude_name(name: str) -> bool:
    """True when the guard would refuse `name` as a name typed by a child (`pipelines.safety.names.name_refused`):
    the console says so under the name; nothing is counted (the facilitator typed it)."""
    from pipelines.safety.names import name_refused

    return name_refused(name)


def participants_ui(workshop: Workshop) -> None:
    """The add form (emptied only once someone is added: an error such as a missing consent keeps what was
    typed), then each participant with their consent and a removal that asks before it deletes."""
    store = get_store()
    st.subheader(f"👧 {t('console.participants')}")
    if st.session_state.pop("add-clear", False) or "add-first-name" not in st.session_state:
        st.session_state.update({"add-first-name": "", "add-consent": False, "add-consent-by": "", "add-minor": True,
                                 "add-age": None})
    with st.form("add-participant", clear_on_submit=False):
        col1, col2, col3 = st.columns([2, 1, 1])
        # no limit in the box: a name pasted too long was thrown away whole by it; the store counts the letters (a
        # Mac's decomposed « é » is one) and says how many are too many, the form keeping what was typed
        first_name = col1.text_input(t("console.first_name"), key="add-first-name")
        # an age in years, as a facilitator knows it (« 6 »): the store keeps its group only (pipelines/store/ages.py)
        age = col2.number_input(t("console.age"), min_value=0, max_value=MAX_AGE, value=None, step=1,
                                placeholder=t("console.age_placeholder"), help=t("console.age_help"), key="add-age")
        minor = col3.checkbox(t("console.minor"), key="add-minor", help=t("console.minor_help"))
        consent = st.checkbox(t("console.consent"), key="add-consent")
        consent_by = text_box(t("console.consent_by"), CONSENT_BY_MAX, key="add-consent-by", formal=True)
        if st.form_submit_button(t("console.add_button"), type="primary", width="stretch") and consent_by is not None:
            try:
                group, minor = participant_group(age, minor, workshop.age_group)
                person = store.add_participant(workshop.id, first_name, group, minor, consent, consent_by)
                needs_consent = person.minor and not person.consent  # said now: the child's uploads wait for it
                st.session_state["console_flash"] = t("console.added_no_consent" if needs_consent else "console.added",
                                                      name=isolated(person.name))
                st.session_state["add-clear"] = True
                st.rerun()
            except UserError as exc:  # no name, a name already there, consent without who recorded it
                st.error(error_text(exc, formal=True))

    for person in store.participants(workshop.id):
        col1, col2, col3 = st.columns([2, 3, 1])
        # isolated: « مريم » before « · 7-8 ans » turned the line right to left (« 8-7 · مريم ans »)
        col1.markdown(f"**{isolated(person.name)}** · {t('ages.' + person.age_group)}")
        printed, left_out = printable_name(person.name)
        if left_out:  # said here, where the name can be retyped, before a label or a card comes out without it
            signs = {"chars": " ".join(map(isolated, left_out)), "n": len(left_out)}  # « ✨ 🦄 ne s’impriment pas »
            col1.caption("⚠️ " + (t("console_names.prints_as", name=isolated(printed), **signs) if printed
                                  else t("console_names.not_printed", **signs)))
        if rude_name(person.name):  # said, not refused: « Dick » or « Kuntz » may be a child's real name
            col1.caption("⚠️ " + t("console_names.rude", name=isolated(person.name)))
        if not person.minor:
            col2.write(t("console.adult"))
        elif person.consent:
            col2.write("✅ " + t("console.consent_given", by=isolated(person.consent_by),
                                 at=f"{long_date(person.consent_at, lang())}, {person.consent_at[11:16]}"))
        else:
            # keyed by the participant, open state kept by the server: once this one is done, the popover of
            # whoever comes next in the list does not open in its place
            consent_pop = col2.popover("⚠️ " + t("console.consent_none"), key=f"consent-open-{person.id}",
                                       on_change="rerun")
            col2.caption(t("console.consent_needed_for"))
            if consent_pop.open:
                with consent_pop:
                    by = st.text_input(t("console.consent_by"), key=f"by-{person.id}")
                    if st.button(t("console.consent"), key=f"consent-{person.id}"):
                        if by.strip():
                            store.set_consent(person.id, True, by)
                            st.rerun()
                        st.error(t("console.consent_missing_by"))
        # one tap opens the question; only the second removes. Keyed by the participant: after a removal the
        # next one's question is not left open under the finger (a double tap would delete them too)
        remove_pop = col3.popover(t("console.remove"), key=f"remove-open-{person.id}", on_change="rerun")
        if remove_pop.open:
            with remove_pop:
                st.write(t("console.remove_confirm", name=isolated(person.name)))
                if st.button(t("console.remove_yes", name=isolated(person.name)), key=f"remove-{person.id}",
                             type="primary"):
                    store.remove_participant(person.id)
                    st.rerun()


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
        col1.markdown(f"**{isolated(who)}** · {kind_label(job.kind)}")
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
        logo = st.file_uploader(t("console.logo"))  # any file: sanitize_image says what is wrong, in French first
        if st.button(t("console.save")):
            store.set_setting("library_name", library.strip())
            if logo is not None:
                try:
                    clean = sanitize_image(logo.getvalue())
                    path = write_bytes_atomic(store.files_dir / "library" / "logo.png", clean.png_bytes())
                    store.set_setting("library_logo", str(path))
                except Exception as exc:
                    st.error(error_text(exc, formal=True))
            st.success(t("console.saved"))
