"""Work in progress of the participant on this tablet: restored after a reload, saved after every step.

Each workshop page calls `restore_work(kind)` before drawing and `save_work_now(kind)` after (also
when the page stops early). The session keeps one participant's work at a time: when the name
picked in the sidebar changes, that kind's keys are dropped and the new participant's work loaded,
so two children sharing a tablet never see (or overwrite) each other's pages. Before any name is picked (no
workshop yet, or "nobody" in the sidebar) the work is kept for this browser, by its device cookie
(pipelines/store/work.py device_work): a reload finds the photo in progress there too.

One participant's work open in two tabs (or on two tablets) is one piece of work: each page run first reads what
is stored, and when another tab saved or started it over since this one last read or saved it, this tab takes
that newer work (with a sentence saying so) instead of overwriting it with its own, older one. Before, the stale
tab's next step saved its old photo over the one just loaded in the other tab, which was lost.
"""
from __future__ import annotations

import hashlib
import json
import re
import secrets
import uuid
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from pipelines.store.files import write_bytes_atomic
from pipelines.store.work import (clear_device_work, clear_work, load_device_work, load_work, save_device_work,
                                  save_work, state_digest)

from .i18n import t
from .runtime import get_store
from .session import current_workshop, device_token, owner_id

# Session keys dropped when the participant changes, and the ones saved: data only, never a widget's own
# key. Widgets take their value from the data (value=/index=) under a key from `wkey`, which changes
# when another participant takes the tablet: a browser keeps a widget's last value by its key, so
# the next child gets new widgets instead of the previous child's words.
PREFIXES = {"comic": ("comic", "pick-comic-"), "story": ("story", "book-", "pick-story-"), "photo": ("photo",),
            "portrait": ("portrait",),
            # not postcard_source*: a picture handed over by another page for this card
            "postcard": ("postcard_front", "postcard_ai", "postcard_model", "postcard_made_by", "postcard_upload_id",
                         "postcard_job", "postcard_name", "postcard_small", "postcard_notes",
                         "postcard_card", "pc-", "pick-pc-", "dvd")}
SAVED = {
    "comic": re.compile(r"^(comic|pick-comic-layout|comic-bubble-(pos|tail))$"),
    "story": re.compile(r"^(story|story-(id|seed|job|choices|drafts|preview|picture-jobs|ai-pictures|pic-modes)"
                        r"|book-(job|files|story|notes)|pick-story-\w+)$"),
    "photo": re.compile(r"^photo$"),
    "portrait": re.compile(r"^portrait$"),
    "postcard": re.compile(r"^(postcard_(front|ai|model|made_by|upload_id|job|job_front|card)|pc-last-source"
                           r"|pick-pc-source)$"),
}


def wkey(kind: str, name: str) -> str:
    """The key of a widget of this kind's page: `name`, plus a mark once another participant took over."""
    return name + st.session_state.get(_gen_key(kind), "")


def _gen_key(kind: str) -> str:
    return f"_work-gen-{kind}"


def _owner_key(kind: str) -> str:
    return f"_work-owner-{kind}"


def _book(kind: str) -> dict:
    """This session's record of its work of this kind: "digest", the digest of the work as it last read, saved or
    started it (`_digest`), and "stored", the stored work's digest then (`state_digest`; "" for none).

    One plain dict, taken before the store is written and filled after: Streamlit stops a run for the next one
    (a tap, a box left) inside any `st.session_state` read or write (SafeSessionState's yield callback), so a run
    that saved and was then stopped on its way to recording it left the session believing the store held its older
    work, and its next run took its own save for another tab's and said so (« Cette page a changé dans un autre
    onglet »), with new, empty widgets. A dict's items are set with no such stop."""
    return st.session_state.setdefault(f"_work-book-{kind}", {})


def _stored_digest(saved: dict | None) -> str:
    """The digest of the work as the store holds it (JSON values, as read back), "" for none."""
    return state_digest(saved)


def _payload(kind: str) -> dict:
    return {k: v for k, v in st.session_state.items() if isinstance(k, str) and SAVED[kind].match(k)}


def _digest(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def _drop(kind: str) -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(PREFIXES[kind])]:
        del st.session_state[key]


def _owner() -> str:
    """Whose work the session holds: "p<id>" for a participant; before a name is picked, "d<workshop id or 0>" for
    this browser (its device cookie); "" when neither is known (nothing is kept)."""
    participant = owner_id()
    if participant:
        return f"p{participant}"
    if device_token():
        workshop = current_workshop()
        return f"d{workshop['id'] if workshop else 0}"
    return ""


def _load(owner: str, kind: str) -> dict | None:
    if owner.startswith("p"):
        return load_work(get_store(), int(owner[1:]), kind)
    if owner.startswith("d"):
        return load_device_work(get_store(), device_token(), int(owner[1:]) or None, kind)
    return None


def restore_work(kind: str) -> None:
    """Make the session hold the current participant's work of this kind (their saved one, or none); before a name
    is picked, this browser's own."""
    owner = _owner()
    previous = st.session_state.get(_owner_key(kind), "unset")
    if previous == owner:
        if owner and _newer_elsewhere(owner, kind):
            st.info(t("work.newer_elsewhere"), icon="🔄")
        return
    if previous != "unset":  # another participant on this tablet: their work goes, new widgets (see PREFIXES)
        _drop(kind)
        st.session_state[_gen_key(kind)] = f"~{secrets.token_hex(3)}"
    saved = _load(owner, kind)
    if saved:
        st.session_state.update(saved)
    book = _book(kind)
    st.session_state[_owner_key(kind)] = owner
    book.update(digest=_digest(_payload(kind)), stored=_stored_digest(saved))


def _newer_elsewhere(owner: str, kind: str) -> bool:
    """When the stored work changed since this session last read or saved it (another tab or tablet of the same
    participant saved or started it over), take it in place of this session's and return True."""
    book = _book(kind)
    saved = _load(owner, kind)
    known = book.get("stored")
    if known is None or _stored_digest(saved) == known:
        return False
    _drop(kind)
    st.session_state[_gen_key(kind)] = f"~{secrets.token_hex(3)}"  # the widgets show the newer work's values
    if saved:
        st.session_state.update(saved)
    book.update(digest=_digest(_payload(kind)), stored=_stored_digest(saved))
    return True


def save_work_now(kind: str) -> None:
    """Save this kind's work for the current participant (or this browser) when it changed since the last save."""
    owner = _owner()
    if not owner or st.session_state.get(_owner_key(kind), "unset") != owner:
        return
    payload = _payload(kind)
    digest = _digest(payload)
    book = _book(kind)  # taken before the write: nothing between the write and its record can stop this run
    if digest == book.get("digest"):
        return
    state = json.loads(json.dumps(payload, default=str))
    # Saved only over the work this session last read or saved: when another tab of the same participant saved
    # between this run's start and now (a photo uploaded there while this tab redrew), nothing is written, and this
    # tab's next run takes the newer work and says so (_newer_elsewhere). The stale tab used to save its older
    # photo over the new one when its run ended after the other tab's save.
    known = book.get("stored")
    if owner.startswith("p"):
        written = save_work(get_store(), int(owner[1:]), kind, state, expected=known)
    else:
        written = save_device_work(get_store(), device_token(), int(owner[1:]) or None, kind, state, expected=known)
    if written:
        book.update(digest=digest, stored=_stored_digest(state))


def start_over(kind: str) -> None:
    """A new comic / story / photo: forget the current one (in the session and in the store)."""
    owner = _owner()
    _drop(kind)
    st.session_state[_gen_key(kind)] = f"~{secrets.token_hex(3)}"  # the new work starts with empty widgets
    st.session_state[_owner_key(kind)] = owner
    book, token = _book(kind), device_token()  # before the store is cleared (see _book)
    book["digest"] = _digest(_payload(kind))
    if owner.startswith("p"):
        clear_work(get_store(), int(owner[1:]), kind)
    elif owner.startswith("d"):
        clear_device_work(get_store(), token, kind)
    book["stored"] = ""


def work_folder(data: dict, prefix: str) -> Path:
    """The folder of one piece of work in progress (`data` is its session-state dict, which remembers the
    folder under "dir"): <participant's files>/<prefix>-<random id> (Store.participant_folder, removed with them),
    or the workshop's when nobody is picked; created when missing."""
    if "dir" not in data:
        workshop = current_workshop()
        data["dir"] = str(get_store().artifact_dir(workshop["id"] if workshop else None,
                                                   f"{prefix}-{uuid.uuid4().hex[:12]}", owner=owner_id()))
    Path(data["dir"]).mkdir(parents=True, exist_ok=True)
    return Path(data["dir"])


def sent_here_key(kind: str) -> str:
    """The session key of the upload id of the file this page's own session sent (`sent_file`)."""
    return f"{kind}-sent-here"


def sent_file(data: dict, picked, *, kind: str, prefix: str, taken_back: str,
              drop: Callable[[dict], bool] = lambda pending: False) -> tuple[dict, bytes] | None:
    """The file to read from an uploader (or camera) of this kind's page, with its "pending" record; None for none.

    The file as sent is kept in the work folder (`upload.bin`, `data["pending"]`) and saved with the work before it
    is read: a big scan or a 48 MP phone photo takes seconds to read, and a reload or a tablet put to sleep meanwhile
    lost it with the uploader's file. A later run finds it there and reads it (`taken_back` says so), unless it was
    taken out of the uploader by this same session (its ✕), or `drop(pending)` says it is not to be brought back."""
    pending = data.get("pending") or {}
    if picked is not None and pending.get("upload_id") != picked.file_id:
        raw = write_bytes_atomic(work_folder(data, prefix) / "upload.bin", picked.getvalue())
        pending = data["pending"] = {"path": str(raw), "upload_id": picked.file_id}
        st.session_state[sent_here_key(kind)] = picked.file_id
        save_work_now(kind)  # before the reading: a reload meanwhile finds the file sent
    elif picked is None:
        if not pending or pending.get("upload_id") == st.session_state.get(sent_here_key(kind)) \
                or not Path(pending["path"]).is_file() or drop(pending):
            forget_sent(data)  # none, taken out of the uploader here, or not to be brought back
            return None
        st.info(t(taken_back))  # sent before a reload (or in another tab): read now
    try:
        return pending, Path(pending["path"]).read_bytes()
    except OSError:  # read and dropped meanwhile by another tab of the same work: its photo comes with the work
        data.pop("pending", None)
        return None


def forget_sent(data: dict) -> None:
    """Forget the file sent and kept until it was read (`sent_file`), and delete it."""
    pending = data.pop("pending", None) or {}
    if pending.get("path"):
        Path(pending["path"]).unlink(missing_ok=True)
