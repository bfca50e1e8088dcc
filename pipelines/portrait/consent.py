"""No portrait without recorded consent: the sitter agrees (recorded in the store), and for a
minor the parental consent recorded in the facilitator console is required."""
from __future__ import annotations

from ..i18n import UserError


def require_consent(store, participant_id: int | None, sitter_agrees: bool) -> dict:
    """The sitter's participant row when a portrait may be painted; raises UserError otherwise.

    - no participant chosen: portrait.errors.no_sitter
    - a minor without the parental consent recorded in the console: portrait.errors.no_parent_consent
    - an adult whose agreement is not recorded, or a sitter who did not agree: portrait.errors.no_consent
    """
    participant = store.participant(participant_id) if participant_id else None
    if participant is None:
        raise UserError("portrait.errors.no_sitter")
    if participant["minor"] and not participant["consent"]:
        raise UserError("portrait.errors.no_parent_consent", name=participant["name"])
    if not sitter_agrees or not participant["consent"]:
        raise UserError("portrait.errors.no_consent", name=participant["name"])
    return participant


def record_adult_agreement(store, participant_id: int) -> None:
    """An adult sitter's own agreement, recorded like a consent (who: the sitter, when: now).

    A minor's consent is never recorded here: it is the parent's, noted in the console.
    """
    participant = store.participant(participant_id)
    if participant is None:
        raise UserError("portrait.errors.no_sitter")
    if participant["minor"]:
        raise UserError("portrait.errors.no_parent_consent", name=participant["name"])
    if not participant["consent"]:
        store.set_consent(participant_id, True, by=participant["name"])
