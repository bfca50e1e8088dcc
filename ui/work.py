"""Work in progress of the participant on this tablet: restored after a reload, saved after every step.

Each workshop page calls `restore_work(kind)` before drawing and `save_work_now(kind)` after (also
when the page stops early). The session keeps one participant's work at a time: when the name
picked in the sidebar changes, that kind's keys are dropped and the new participant's work loaded,
so two children sharing a tablet never see (or overwrite) each other's pages.
"""
from __future__ import annotations

import hashlib
import json
import re

import streamlit as st

from pipelines.store.work import clear_work, load_work, save_work

from .runtime import get_store
from .session import owner_id

# Session keys dropped when the participant changes, and the ones saved (plain values only; widget
# keys listed here are never created with a value= argument, so restoring them raises no warning).
PREFIXES = {"comic": ("comic", "pick-comic-"), "story": ("story", "book-", "pick-story-"), "photo": ("photo",)}
SAVED = {
    "comic": re.compile(r"^(comic|comic-(title|authors|mode|bubble-panel|bubble-pos|bubble-tail|bubble-kind)"
                        r"|pick-comic-layout)$"),
    "story": re.compile(r"^(story|story-(id|seed|job|name|language|pages|age|gender|gender-for|music|theme|voice"
                        r"|voice-name|crop|preview|picture-jobs|ai-pictures|pic-mode-\w+-\d+)"
                        r"|book-(job|files|story|notes)"
                        r"|pick-story-\w+)$"),
    "photo": re.compile(r"^photo$"),
}


def _owner_key(kind: str) -> str:
    return f"_work-owner-{kind}"


def _digest_key(kind: str) -> str:
    return f"_work-digest-{kind}"


def _payload(kind: str) -> dict:
    return {k: v for k, v in st.session_state.items() if isinstance(k, str) and SAVED[kind].match(k)}


def _digest(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def _drop(kind: str) -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(PREFIXES[kind])]:
        del st.session_state[key]


def restore_work(kind: str) -> None:
    """Make the session hold the current participant's work of this kind (their saved one, or none)."""
    participant = owner_id()
    if st.session_state.get(_owner_key(kind), "unset") == participant:
        return
    _drop(kind)
    saved = load_work(get_store(), participant, kind) if participant else None
    if saved:
        st.session_state.update(saved)
    st.session_state[_owner_key(kind)] = participant
    st.session_state[_digest_key(kind)] = _digest(_payload(kind))


def save_work_now(kind: str) -> None:
    """Save this kind's work for the current participant when it changed since the last save."""
    participant = owner_id()
    if not participant or st.session_state.get(_owner_key(kind), "unset") != participant:
        return
    payload = _payload(kind)
    digest = _digest(payload)
    if digest == st.session_state.get(_digest_key(kind)):
        return
    save_work(get_store(), participant, kind, json.loads(json.dumps(payload, default=str)))
    st.session_state[_digest_key(kind)] = digest


def start_over(kind: str) -> None:
    """A new comic / story / photo: forget the current one (in the session and in the store)."""
    participant = owner_id()
    _drop(kind)
    if participant:
        clear_work(get_store(), participant, kind)
    st.session_state[_owner_key(kind)] = participant
    st.session_state[_digest_key(kind)] = _digest(_payload(kind))
