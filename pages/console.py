"""Facilitator console: workshops, participants and consent, the tablets' code, the job queue."""
from datetime import date

import streamlit as st

from pipelines.config import RETENTION_CHOICES
from pipelines.i18n import UserError, long_date
from pipelines.store.ages import WORKSHOP_AUDIENCES
from ui.i18n import error_text, lang, t
from ui.runtime import get_store
from ui.session import current_workshop, is_facilitator, isolated
from ui.approvals import approvals_console_ui
from ui.console import code_ui, library_settings_ui, participants_ui, queue_ui
from ui.console_privacy import retention_ui, tablets_ui, worker_ui
from ui.frame import require_frame
from ui.widgets import text_box

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)

WORKSHOP_NAME_MAX = 80  # letters of a workshop's name

st.title(f"🧑‍🏫 {t('console.title')}")
if not is_facilitator():
    st.stop()
store = get_store()


def _reopen(workshop_id: int) -> None:
    """Make `workshop_id` the console's workshop (no participant picked yet)."""
    st.session_state["workshop_id"] = workshop_id
    st.session_state.pop("participant_id", None)


if flash := st.session_state.pop("console_flash", None):
    st.success(flash)

# 1. Create or reopen a workshop --------------------------------------------------------------
create_tab, reopen_tab = st.tabs([f"➕ {t('console.create')}", f"📂 {t('console.reopen')}"])
with create_tab:
    # The name is emptied only once a workshop is made (a refusal keeps what was typed). A second press right after
    # (Enter, then the button) is told the workshop is made rather than asked for a name; a name already used on that
    # day is refused with a way to reopen that workshop, not made twice with only a code to tell them apart.
    if st.session_state.pop("create-clear", False):
        st.session_state["create-name"] = ""
    with st.form("create-workshop", clear_on_submit=False):
        name = text_box(t("console.name"), WORKSHOP_NAME_MAX, key="create-name", formal=True)  # kept when too long
        col1, col2, col3, col4 = st.columns(4)
        day = col1.date_input(t("console.day"), value=date.today(), format="DD/MM/YYYY")
        age = col2.selectbox(t("console.age_group"), WORKSHOP_AUDIENCES, index=WORKSHOP_AUDIENCES.index("7-8"),
                             format_func=lambda a: t(f"ages.{a}"))
        language = col3.selectbox(t("console.language"), ["fr", "en"],
                                  format_func={"fr": "Français", "en": "English"}.get, index=0 if lang() == "fr" else 1)
        retention = col4.selectbox(t("console.retention"), list(RETENTION_CHOICES), index=1,
                                   format_func=lambda r: t(f"console.retention_{r}"))
        submitted = st.form_submit_button(t("console.create_button"), type="primary", width="stretch")
    if submitted and name is not None:
        just_made = store.workshop(st.session_state.get("console_created", -1))
        same = store.workshop_named(name, day) if name.strip() else None
        if just_made and just_made["id"] == st.session_state.get("workshop_id") and (
                not name.strip() or (same and same["id"] == just_made["id"])):
            st.info(t("console.already_created", name=isolated(just_made["name"]), code=just_made["code"]))
        elif same:
            st.error(t("console.same_name", name=isolated(same["name"]), day=long_date(same["day"], lang()),
                       code=same["code"]))
            if same["id"] != st.session_state.get("workshop_id"):
                st.button(t("console.reopen_named", name=isolated(same["name"])), key="reopen-same-name",
                          on_click=_reopen, args=(same["id"],))
        else:
            try:
                workshop = store.create_workshop(name, day, age, language, retention)
            except UserError as exc:  # no name
                st.error(error_text(exc, formal=True))
            else:
                _reopen(workshop["id"])
                st.session_state.update({"console_created": workshop["id"], "create-clear": True})
                st.session_state["console_flash"] = t("console.created", name=isolated(workshop["name"]),
                                                      code=workshop["code"])
                st.rerun()
with reopen_tab:
    workshops = store.workshops()
    if not workshops:
        st.info(t("console.none"))
    for item in workshops[:30]:
        label = f"{isolated(item['name'])} — {long_date(item['day'], lang())} ({item['code']})"
        if st.button(label, key=f"reopen-{item['id']}",
                     width="stretch"):
            _reopen(item["id"])
            st.rerun()

workshop = current_workshop()
if not workshop:
    st.info(t("console.none"))
    st.stop()

# 2. The workshop: code, participants, consent -------------------------------------------------
st.header(f"{isolated(workshop['name'])} — {long_date(workshop['day'], lang())}")
code_ui(workshop)
approvals_console_ui(store, workshop)  # children's pictures waiting for the OK; refusals by category

participants_ui(workshop)  # add (the form kept on an error), consent, remove (confirmed)

tablets_ui(workshop)
retention_ui(workshop)

# 3. The job queue (the worker's state first), 4. the library's name and logo -----------------
st.subheader(f"⏳ {t('console.queue')}")
worker_ui()
queue_ui(workshop)
library_settings_ui()
