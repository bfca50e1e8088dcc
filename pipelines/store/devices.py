"""Tablets in serve mode: devices that joined a workshop, and tablets bound to one participant.

A device is known by a random token in an HttpOnly cookie (set by the studio's server on the first
page load); the store keeps only its sha256. A device joins a workshop by giving the workshop's
code (it may then pick any participant not bound to a tablet) or a participant's tablet code, read
from the console or its QR code (it is then bound: it acts as that participant and nobody else).
"""
from __future__ import annotations

import hashlib
import secrets

from .db import CODE_ALPHABET, Store, _iso, now

TABLET_CODE_LENGTH = 6  # one more letter than a workshop code: the two cannot be mistaken


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Devices:
    """Joined devices and tablet codes, stored in the `devices` table and `participants.tablet_code`."""

    def __init__(self, store: Store):
        self.store = store

    def join(self, token: str, workshop_id: int, participant_id: int | None = None) -> None:
        """Record that the device with `token` joined `workshop_id` (bound to `participant_id` if given)."""
        if not token:
            return
        stamp = _iso(now())
        with self.store.transaction() as conn:
            conn.execute("INSERT INTO devices(token_hash, workshop_id, participant_id, joined_at, seen_at) "
                         "VALUES(?,?,?,?,?) ON CONFLICT(token_hash) DO UPDATE SET workshop_id=excluded.workshop_id, "
                         "participant_id=excluded.participant_id, seen_at=excluded.seen_at",
                         (token_hash(token), workshop_id, participant_id, stamp, stamp))

    def lookup(self, token: str | None) -> dict | None:
        """{'workshop_id', 'participant_id'} of a joined device whose workshop still exists, else None."""
        if not token:
            return None
        with self.store.connect() as conn:
            row = conn.execute("SELECT devices.workshop_id, devices.participant_id FROM devices "
                               "JOIN workshops ON workshops.id = devices.workshop_id WHERE token_hash=?",
                               (token_hash(token),)).fetchone()
        return dict(row) if row else None

    def forget(self, token: str) -> None:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM devices WHERE token_hash=?", (token_hash(token),))

    # -- one child, one tablet ------------------------------------------------------------------
    def tablet_code(self, participant_id: int, renew: bool = False) -> str:
        """The participant's tablet code (made on first use). `renew` makes a new one and unbinds the
        tablets that used the old one (a lost or swapped tablet)."""
        with self.store.transaction() as conn:
            row = conn.execute("SELECT tablet_code FROM participants WHERE id=?", (participant_id,)).fetchone()
            if row is None:
                raise KeyError(f"No participant {participant_id}.")
            if row["tablet_code"] and not renew:
                return row["tablet_code"]
            while True:
                code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(TABLET_CODE_LENGTH))
                if not conn.execute("SELECT 1 FROM participants WHERE tablet_code=?", (code,)).fetchone():
                    break
            conn.execute("UPDATE participants SET tablet_code=? WHERE id=?", (code, participant_id))
            if renew:
                conn.execute("DELETE FROM devices WHERE participant_id=?", (participant_id,))
            return code

    def participant_by_tablet_code(self, code: str) -> dict | None:
        code = "".join(str(code).split()).upper()
        if len(code) != TABLET_CODE_LENGTH:
            return None
        with self.store.connect() as conn:
            row = conn.execute("SELECT * FROM participants WHERE tablet_code=?", (code,)).fetchone()
        return dict(row) if row else None

    def bound_participants(self, workshop_id: int) -> set[int]:
        """Participants who have a tablet code: only their own tablet may act as them."""
        with self.store.connect() as conn:
            return {r["id"] for r in conn.execute("SELECT id FROM participants WHERE workshop_id=? AND "
                                                  "tablet_code IS NOT NULL", (workshop_id,))}
