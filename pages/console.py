"""Facilitator console: workshops, participants and consent, the tablets' code, the job queue."""
from datetime import date

import streamlit as st

from pipelines.config import RETENTION_CHOICES
from ui.i18n import lang, t
from ui.runtime import get_store
from ui.session import current_workshop, is_facilitator
from ui.approvals import approvals_console_ui
from ui.console import code_ui, library_settings_ui, participants_ui, queue_ui
from ui.console_privacy import retention_ui, tablets_ui, worker_ui
from ui.frame import require_frame

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
code_ui(workshop)
approvals_console_ui(store, workshop)  # children's pictures waiting for the OK; refusals by category

participants_ui(workshop, AGE_GROUPS)  # add (the form kept on an error), consent, remove (confirmed)

tablets_ui(workshop)
retention_ui(workshop)

# 3. The job queue (the worker's state first), 4. the library's name and logo -----------------
st.subheader(f"⏳ {t('console.queue')}")
worker_ui()
queue_ui(workshop)
library_settings_ui()
