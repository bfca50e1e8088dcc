"""Work in progress per participant (a comic, a story, a photo being restored, a portrait, a postcard), kept
between steps.

A tablet that reloads, sleeps or reconnects after a restart of the studio finds the participant's
work where it was left. One row per (participant, kind), replaced whole in one SQLite transaction:
a reader sees the previous step or the new one, never half of each. Rows go with their participant
(ON DELETE CASCADE), so removing a child from the workshop removes their work in progress too.

Before a name is picked (no workshop yet, or nobody chosen), the work is kept per browser instead: one row per
(device, kind) in `device_work`, the device being the sha256 of the browser's random HttpOnly token (another
browser cannot read it), with the workshop it was made in (None outside any). Its rows go with that workshop
(Store.purge_workshop), or after settings.retention_days when made outside any (Store.purge_expired).
"""
from __future__ import annotations

import hashlib
import json

from .db import Store, _iso, now

WORK_KINDS = ("comic", "story", "photo", "portrait", "postcard")


def _check(kind: str) -> None:
    if kind not in WORK_KINDS:
        raise ValueError(f"kind must be one of {list(WORK_KINDS)} but is {kind!r}.")


def state_digest(state: dict | None) -> str:
    """The SHA-256 (hex) of a piece of work as JSON with sorted keys; "" for none. A session remembers the digest
    of the work as it last read or saved it, and saves over the stored work only when it is still that one."""
    if not state:
        return ""
    return hashlib.sha256(json.dumps(state, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def save_work(store: Store, participant_id: int, kind: str, state: dict, expected: str | None = None) -> bool:
    """Replace the participant's work of this kind with `state` (plain JSON values; TypeError otherwise).

    `expected`: the state_digest() of the stored work this writer last read or saved ("" for none): when the
    stored work is another one by now (another tab of the same participant saved since), nothing is written and
    False is returned; the read and the write are one transaction, so of two tabs saving at once, one wins and the
    other is told. None: written whatever is stored. Returns True when written."""
    _check(kind)
    text = json.dumps(state, ensure_ascii=False, sort_keys=True)
    with store.transaction() as conn:
        if expected is not None:
            row = conn.execute("SELECT state FROM work_in_progress WHERE participant_id=? AND kind=?",
                               (participant_id, kind)).fetchone()
            if state_digest(json.loads(row["state"]) if row else None) != expected:
                return False
        conn.execute("INSERT INTO work_in_progress(participant_id, kind, state, updated_at) VALUES(?,?,?,?) "
                     "ON CONFLICT(participant_id, kind) DO UPDATE SET state=excluded.state, "
                     "updated_at=excluded.updated_at", (participant_id, kind, text, _iso(now())))
    return True


def load_work(store: Store, participant_id: int, kind: str) -> dict | None:
    """The participant's last saved work of this kind, or None."""
    _check(kind)
    with store.connect() as conn:
        row = conn.execute("SELECT state FROM work_in_progress WHERE participant_id=? AND kind=?",
                           (participant_id, kind)).fetchone()
    return json.loads(row["state"]) if row else None


def clear_work(store: Store, participant_id: int, kind: str) -> None:
    """Forget the participant's work of this kind (a new comic, a new story)."""
    _check(kind)
    with store.transaction() as conn:
        conn.execute("DELETE FROM work_in_progress WHERE participant_id=? AND kind=?", (participant_id, kind))


def _device(token: str) -> str:
    if not token:
        raise ValueError("a device token is needed (the browser's atelier_device cookie)")
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def save_device_work(store: Store, token: str, workshop_id: int | None, kind: str, state: dict,
                     expected: str | None = None) -> bool:
    """Replace this browser's work of this kind (nobody picked) with `state`, made in `workshop_id` (None: none).
    `expected` and the result: as save_work's, the stored work being what load_device_work reads."""
    _check(kind)
    text = json.dumps(state, ensure_ascii=False, sort_keys=True)
    with store.transaction() as conn:
        if expected is not None:
            row = conn.execute("SELECT state FROM device_work WHERE device=? AND kind=? AND workshop_id IS ?",
                               (_device(token), kind, workshop_id)).fetchone()
            if state_digest(json.loads(row["state"]) if row else None) != expected:
                return False
        conn.execute("INSERT INTO device_work(device, kind, workshop_id, state, updated_at) VALUES(?,?,?,?,?) "
                     "ON CONFLICT(device, kind) DO UPDATE SET workshop_id=excluded.workshop_id, "
                     "state=excluded.state, updated_at=excluded.updated_at",
                     (_device(token), kind, workshop_id, text, _iso(now())))
    return True


def load_device_work(store: Store, token: str, workshop_id: int | None, kind: str) -> dict | None:
    """This browser's last saved work of this kind made in `workshop_id` (None: outside any), or None."""
    _check(kind)
    with store.connect() as conn:
        row = conn.execute("SELECT state FROM device_work WHERE device=? AND kind=? AND workshop_id IS ?",
                           (_device(token), kind, workshop_id)).fetchone()
    return json.loads(row["state"]) if row else None


def clear_device_work(store: Store, token: str, kind: str) -> None:
    """Forget this browser's work of this kind (a new comic, a new photo)."""
    _check(kind)
    with store.transaction() as conn:
        conn.execute("DELETE FROM device_work WHERE device=? AND kind=?", (_device(token), kind))
