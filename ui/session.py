"""Who is using this browser: language, workshop, participant; the workshop-code gate of `make serve`."""
from __future__ import annotations

import streamlit as st

from pipelines.config import settings
from pipelines.i18n import LANGUAGES

from .i18n import lang, t
from .runtime import get_store

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
LOCAL_ADDRESSES = ("127.0.0.1", "::1", "localhost", None, "")


def is_local_client() -> bool:
    """True for the facilitator's own machine (or any client when the studio is not served)."""
    if not settings().require_code:
        return True
    try:
        address = st.context.ip_address
    except Exception:  # older servers / tests
        address = None
    return address in LOCAL_ADDRESSES


def is_facilitator() -> bool:
    return is_local_client()


def current_workshop() -> dict | None:
    workshop_id = st.session_state.get("workshop_id")
    return get_store().workshop(workshop_id) if workshop_id else None


def current_participant() -> dict | None:
    participant_id = st.session_state.get("participant_id")
    if not participant_id:
        return None
    participant = get_store().participant(participant_id)
    workshop = current_workshop()
    if participant and workshop and participant["workshop_id"] == workshop["id"]:
        return participant
    return None


def owner_id() -> int | None:
    participant = current_participant()
    return participant["id"] if participant else None


def can_upload_photos() -> bool:
    """A minor's photos are accepted only once a parent's consent is recorded."""
    participant = current_participant()
    return participant is None or not participant["minor"] or bool(participant["consent"])


def join_gate_ui() -> bool:
    """In `make serve` mode a tablet must give the workshop code first. Returns True when allowed in."""
    if is_local_client():
        return True
    if st.session_state.get("workshop_id"):
        workshop = current_workshop()
        if workshop and st.query_params.get("atelier") != workshop["code"]:
            st.query_params["atelier"] = workshop["code"]  # a reload of this address keeps the tablet in
        return True
    remembered = st.query_params.get("atelier")
    if remembered and (workshop := get_store().workshop_by_code(remembered)):
        st.session_state["workshop_id"] = workshop["id"]
        st.session_state.setdefault("lang", workshop["language"])
        return True
    st.title(t("join.title"))
    st.write(t("join.explain"))
    with st.form("join"):
        code = st.text_input(t("join.code"), max_chars=8)
        if st.form_submit_button(t("join.button"), type="primary", width="stretch"):
            workshop = get_store().workshop_by_code(code)
            if workshop:
                st.session_state["workshop_id"] = workshop["id"]
                st.session_state["lang"] = workshop["language"]
                st.rerun()
            st.error(t("join.wrong_code"))
    return False


def restore_from_url() -> None:
    """After a reload (or a tablet waking up), take the participant and the language back from the address."""
    wanted = st.query_params.get("lang")
    if wanted in LANGUAGES and "lang_radio" not in st.session_state:
        st.session_state["lang"] = wanted
    raw = st.query_params.get("p")
    if "participant_id" in st.session_state or not raw or not raw.isdigit():
        return
    participant = get_store().participant(int(raw))
    if participant is None:
        return
    joined = st.session_state.get("workshop_id")
    if not is_local_client() and joined and participant["workshop_id"] != joined:
        return  # a tablet stays in the workshop whose code it gave
    st.session_state["workshop_id"] = participant["workshop_id"]
    st.session_state["participant_id"] = participant["id"]


def keep_in_url() -> None:
    """Write the participant and the language into the address, so a reload keeps them."""
    participant = current_participant()
    if participant:
        if st.query_params.get("p") != str(participant["id"]):
            st.query_params["p"] = str(participant["id"])
    elif "p" in st.query_params:
        del st.query_params["p"]
    if st.query_params.get("lang") != lang():
        st.query_params["lang"] = lang()


def sidebar_ui() -> None:
    """Language, workshop and participant, on every page."""
    store = get_store()
    restore_from_url()
    with st.sidebar:
        st.radio(t("sidebar.language"), LANGUAGES, index=LANGUAGES.index(lang()),
                 format_func=LANGUAGE_NAMES.get, horizontal=True, key="lang_radio")
        if st.session_state.get("dyslexia"):
            st.markdown(DYSLEXIA_CSS, unsafe_allow_html=True)
        workshops = store.workshops()
        if is_facilitator() and workshops:
            ids = [w["id"] for w in workshops]
            current = st.session_state.get("workshop_id")
            index = ids.index(current) if current in ids else 0
            names = {w["id"]: f"{w['name']} ({w['day']})" for w in workshops}
            picked = st.selectbox(t("sidebar.workshop"), ids, index=index, format_func=names.get, key="workshop_pick")
            if picked != current:
                st.session_state["workshop_id"] = picked
                st.session_state.pop("participant_id", None)
        elif not workshops:
            st.info(t("sidebar.no_workshop"))
        workshop = current_workshop()
        if workshop:
            if not is_facilitator():
                st.markdown(f"**{workshop['name']}**")
            people = store.participants(workshop["id"])
            if people:
                ids = [None] + [p["id"] for p in people]
                names = {None: t("sidebar.nobody"), **{p["id"]: p["name"] for p in people}}
                current = st.session_state.get("participant_id")
                picked = st.selectbox(t("sidebar.who"), ids, index=ids.index(current) if current in ids else 0,
                                      format_func=names.get, key="participant_pick")
                st.session_state["participant_id"] = picked
                participant = current_participant()
                if participant and participant["minor"] and not participant["consent"]:
                    st.warning(t("sidebar.no_consent"))
        st.toggle(t("sidebar.dyslexia"), key="dyslexia")
    keep_in_url()


DYSLEXIA_CSS = """
<style>
html, body, [class*="css"], .stMarkdown, p, label, button, input, textarea {
  font-family: "Atkinson Hyperlegible", "Verdana", "DejaVu Sans", sans-serif !important;
  letter-spacing: 0.04em; word-spacing: 0.12em; line-height: 1.6 !important;
}
</style>
"""

BIG_BUTTONS_CSS = """
<style>
.stButton > button, .stDownloadButton > button, .stFormSubmitButton > button {
  min-height: 3rem; font-size: 1.1rem; border-radius: 0.8rem;
}
</style>
"""
