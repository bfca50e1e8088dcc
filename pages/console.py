"""Facilitator console: workshops, participants and consent, the tablets' code, the job queue."""
from datetime import date

import streamlit as st

from pipelines.config import RETENTION_CHOICES, settings
from pipelines.device import lan_addresses
from pipelines.safety.uploads import sanitize_image
from pipelines.store.files import write_bytes_atomic
from ui.i18n import error_text, lang, t
from ui.jobs import duration_text, kind_label, message_text
from ui.runtime import get_queue, get_store
from ui.session import current_workshop, is_facilitator
from ui.frame import require_frame
from ui.approvals import approvals_console_ui
from ui.console_privacy import retention_ui, tablets_ui, worker_ui

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)

AGE_GROUPS = ["4-6", "7-8", "8-12", "9-10", "11-14", "family", "adults"]

st.title(f"🧑‍🏫 {t('console.title')}")
if not is_facilitator():
    st.stop()
store = get_store()
if flash := st.session_state.pop("console_flash", None):
    st.success(flash)

# 1. Create or reopen a workshop --------------------------------------------------------------
create_tab, reopen_tab = st.tabs([f"➕ {t('console.create')}", f"📂 {t('console.reopen')}"])
with create_tab:
    with st.form("create-workshop", clear_on_submit=True):
        name = st.text_input(t("console.name"), max_chars=80)
        col1, col2, col3, col4 = st.columns(4)
        day = col1.date_input(t("console.day"), value=date.today(), format="DD/MM/YYYY")
        age = col2.selectbox(t("console.age_group"), AGE_GROUPS, index=2, format_func=lambda a: t(f"ages.{a}"))
        language = col3.selectbox(t("console.language"), ["fr", "en"],
                                  format_func={"fr": "Français", "en": "English"}.get, index=0 if lang() == "fr" else 1)
        retention = col4.selectbox(t("console.retention"), list(RETENTION_CHOICES), index=1,
                                   format_func=lambda r: t(f"console.retention_{r}"))
        if st.form_submit_button(t("console.create_button"), type="primary", width="stretch"):
            if not name.strip():
                st.error(t("console.no_name"))
            else:
                workshop = store.create_workshop(name, day, age, language, retention)
                st.session_state["workshop_id"] = workshop["id"]
                st.session_state.pop("participant_id", None)
                st.session_state["console_flash"] = t("console.created", name=workshop["name"], code=workshop["code"])
                st.rerun()
with reopen_tab:
    workshops = store.workshops()
    if not workshops:
        st.info(t("console.none"))
    for item in workshops[:30]:
        if st.button(f"{item['name']} — {item['day']} ({item['code']})", key=f"reopen-{item['id']}",
                     width="stretch"):
            st.session_state["workshop_id"] = item["id"]
            st.session_state.pop("participant_id", None)
            st.rerun()

workshop = current_workshop()
if not workshop:
    st.info(t("console.none"))
    st.stop()

# 2. The workshop: code, participants, consent -------------------------------------------------
st.header(f"{workshop['name']} — {workshop['day']}")
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
approvals_console_ui(store, workshop)  # children's pictures waiting for the OK; refusals by category

st.subheader(f"👧 {t('console.participants')}")
with st.form("add-participant", clear_on_submit=True):
    col1, col2, col3 = st.columns([2, 1, 1])
    first_name = col1.text_input(t("console.first_name"), max_chars=40)
    age = col2.selectbox(t("console.age_group"), AGE_GROUPS, index=AGE_GROUPS.index(workshop["age_group"])
                         if workshop["age_group"] in AGE_GROUPS else 2, format_func=lambda a: t(f"ages.{a}"))
    minor = col3.checkbox(t("console.minor"), value=age != "adults")
    consent = st.checkbox(t("console.consent"))
    consent_by = st.text_input(t("console.consent_by"), max_chars=60)
    if st.form_submit_button(t("console.add_button"), type="primary", width="stretch"):
        try:
            if consent and minor and not consent_by.strip():
                st.error(t("console.consent_missing_by"))
            else:
                person = store.add_participant(workshop["id"], first_name, age, minor, consent, consent_by)
                st.session_state["console_flash"] = t("console.added", name=person["name"])
                st.rerun()
        except ValueError:
            st.error(t("console.first_name"))
        except Exception as exc:  # sqlite3.IntegrityError: the same name twice
            st.error(t("console.name_taken") if "UNIQUE" in str(exc) else error_text(exc))

for person in store.participants(workshop["id"]):
    col1, col2, col3 = st.columns([2, 3, 1])
    col1.markdown(f"**{person['name']}** · {t('ages.' + person['age_group'])}")
    if not person["minor"]:
        col2.write(t("console.adult"))
    elif person["consent"]:
        col2.write("✅ " + t("console.consent_given", by=person["consent_by"],
                             at=person["consent_at"].replace("T", " ")[:16]))
    else:
        with col2.popover("⚠️ " + t("console.consent_none")):
            by = st.text_input(t("console.consent_by"), key=f"by-{person['id']}")
            if st.button(t("console.consent"), key=f"consent-{person['id']}"):
                if by.strip():
                    store.set_consent(person["id"], True, by)
                    st.rerun()
                st.error(t("console.consent_missing_by"))
    if col3.button(t("console.remove"), key=f"remove-{person['id']}"):
        store.remove_participant(person["id"])
        st.rerun()

tablets_ui(workshop)
retention_ui(workshop)

# 3. The job queue ------------------------------------------------------------------------------
st.subheader(f"⏳ {t('console.queue')}")
worker_ui()
queue = get_queue()
names = {p["id"]: p["name"] for p in store.participants(workshop["id"])}


@st.fragment(run_every=2.0)
def queue_ui() -> None:
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


queue_ui()

# 4. Library settings (used on postcards and certificates) -------------------------------------
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
