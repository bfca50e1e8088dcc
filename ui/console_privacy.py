"""Facilitator console sections for privacy and faults: tablets bound to a child (code and QR code),
what the retention purge will delete and when, and the state of the job worker."""
from __future__ import annotations

import io

import streamlit as st

from pipelines.config import settings
from pipelines.device import lan_addresses
from pipelines.i18n import decimal_text
from pipelines.store.devices import Devices
from pipelines.store.works import gallery_works

from .i18n import lang, t
from .runtime import get_store, start_worker
from .session import isolated


def tablet_address(code: str) -> str:
    """The address a tablet opens to be bound (what the QR code holds)."""
    port = st.get_option("server.port")
    host = next(iter(lan_addresses()), "localhost")
    return f"http://{host}:{port}/?tablet={code}"


def qr_png(text: str, scale: int = 6) -> bytes:
    """A QR code (segno, error correction M) as PNG bytes."""
    import segno

    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


def tablets_ui(workshop: dict) -> None:
    """One child, one tablet: each participant's tablet code and its QR code."""
    devices = Devices(get_store())
    people = get_store().participants(workshop["id"])
    with st.expander(f"📱 {t('privacy.tablets')}"):
        st.caption(t("privacy.tablets_help"))
        if not settings().require_code:
            st.info(t("privacy.tablets_serve_only"))
        for person in people:
            col1, col2, col3 = st.columns([2, 2, 1])
            col1.markdown(f"**{person['name']}**")
            code = person.get("tablet_code")
            if code:
                col2.markdown(f"<div style='font-size:2rem;font-weight:700;letter-spacing:0.2em'>{code}</div>",
                              unsafe_allow_html=True)  # code: letters of CODE_ALPHABET only
                col2.image(qr_png(tablet_address(code)), alt=t("alt.qr"), width=160, caption=tablet_address(code))
                if col3.button(t("privacy.tablet_renew"), key=f"tablet-renew-{person['id']}"):
                    devices.tablet_code(person["id"], renew=True)
                    st.rerun()
            elif col3.button(t("privacy.tablet_make"), key=f"tablet-make-{person['id']}"):
                devices.tablet_code(person["id"])
                st.rerun()


def retention_ui(workshop: dict) -> None:
    """What the purge will delete, and when (it runs at start-up and every hour in the worker)."""
    store = get_store()
    plan = store.purge_plan(workshop["id"])
    when = plan["when"].strftime("%d/%m/%Y %H:%M")
    with st.expander(f"🗑️ {t('privacy.retention_title', when=when)}"):
        creations = len(gallery_works(store.artifacts(workshop_id=workshop["id"]), store.files_dir))  # its cards
        st.markdown(t("privacy.retention_list", when=when, creations=creations,
                      files=plan["files"], mb=decimal_text(plan["bytes"] / 1e6, 1, lang()), jobs=plan.get("jobs", 0),
                      people=len(store.participants(workshop["id"])), games=plan.get("quiz_games", 0),
                      players=plan.get("quiz_players", 0), tablets=plan.get("devices", 0)))
        st.caption(t("privacy.retention_schedule"))
        sure = st.checkbox(t("privacy.purge_confirm"), key=f"purge-sure-{workshop['id']}")
        if st.button(t("privacy.purge_now"), disabled=not sure, key=f"purge-now-{workshop['id']}"):
            store.purge_workshop(workshop["id"])
            st.session_state.pop("workshop_id", None)
            st.session_state.pop("participant_id", None)
            st.session_state["console_flash"] = t("privacy.purged", name=isolated(workshop["name"]))
            st.rerun()


def worker_ui() -> None:
    """Is the job worker running; was it restarted (a crash), and when."""
    from .runtime import get_queue

    if not get_queue().reachable():
        st.warning(f"🔄 {t('privacy.queue_reconnecting')}")
    supervisor = start_worker()
    if supervisor is None:
        if settings().queue_url:
            st.caption(t("privacy.worker_external"))
        return
    if supervisor.restarts:
        st.warning(t("privacy.worker_restarted", n=supervisor.restarts,
                     at=supervisor.last_restart.strftime("%H:%M:%S") if supervisor.last_restart else "?"))
    elif supervisor.alive:
        st.caption(t("privacy.worker_ok"))
    else:
        st.caption(t("privacy.worker_starting"))
