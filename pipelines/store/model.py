"""The store's records, typed: a workshop, a participant, an artifact (a creation or an upload).

A record is the row as a plain dict (JSON-ready, read by key as pages always did) whose declared
fields also read as attributes (``workshop.code``) and are known to type checkers. Columns a later
migration adds are in the dict too, readable by key before they are declared here.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class _Record(dict):
    """A database row as a dict whose fields also read as attributes."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None


class Workshop(_Record):
    """One workshop. day: ISO date; age_group: a key of ages.*; language: "fr" | "en";
    retention: "day" | "week" | "month" (how long its creations are kept); code: the 5-letter
    code tablets type; created_at: ISO timestamp."""

    __slots__ = ()
    id: int
    name: str
    day: str
    age_group: str
    language: str
    retention: str
    code: str
    created_at: str

    @classmethod
    def from_row(cls, row) -> "Workshop":
        return cls(dict(row))


class Participant(_Record):
    """A child or adult of a workshop, by first name or pseudonym (unique in the workshop).

    minor: parental consent is needed; consent: it was recorded, by ``consent_by`` at ``consent_at``."""

    __slots__ = ()
    id: int
    workshop_id: int
    name: str
    age_group: str
    minor: bool
    consent: bool
    consent_by: str | None
    consent_at: str | None
    created_at: str

    @classmethod
    def from_row(cls, row) -> "Participant":
        item = dict(row)
        item["minor"], item["consent"] = bool(item["minor"]), bool(item["consent"])
        return cls(item)


class Artifact(_Record):
    """A creation or an upload kept in the gallery until ``expires_at``.

    files: name -> absolute path; params: the settings it was made with; model: what made it
    (a model id, "composer", or "" for a person); ai_made: labelled as made with AI; digests: name -> SHA-256 (hex)
    of the file when it was recorded ({} for records older than the digests, or a file unreadable then)."""

    __slots__ = ()
    id: int
    workshop_id: int | None
    owner: int | None
    kind: str
    title: str
    files: dict[str, str]
    prompt: str
    params: dict
    model: str
    seed: int | None
    ai_made: bool
    created_at: str
    expires_at: str
    digests: dict[str, str]

    @classmethod
    def from_row(cls, row, files_dir: Path) -> "Artifact":
        item = dict(row)
        item["files"] = {k: str(Path(files_dir) / v) for k, v in json.loads(item["files"]).items()}
        item["digests"] = json.loads(item.get("digests") or "{}")
        item["params"] = json.loads(item["params"] or "{}")
        item["ai_made"] = bool(item["ai_made"])
        return cls(item)


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
# The file that is a creation's picture, per kind. A print's preview (a postcard's 4-up sheet with its cut lines,
# a framed portrait's page, their backs) is a picture of a sheet, not a picture: kinds made only of prints, sound
# or documents (portrait_print, music, quiz.results) have none.
PICTURE_FILES = {"image": "image", "portrait": "portrait", "photo": "restored", "comic_page": "png",
                 "storybook": "cover"}
NO_PICTURE_KINDS = {"portrait_print", "music", "quiz.results"}


def creation_picture(item: dict) -> str | None:
    """The path of a creation's own picture (an existing PNG/JPEG/WebP file) to reuse elsewhere, e.g. on a
    postcard's front; None when it has none.

    `item` is an Artifact (or its dict). By kind (PICTURE_FILES); a postcard gives the picture on its front (its
    first card's, from the parameters it was made with), never its sheet preview; a kind not listed gives its first
    picture file that is not a print preview (a key starting with "preview")."""
    files = item.get("files") or {}
    kind = item.get("kind", "")
    if kind in NO_PICTURE_KINDS:
        return None
    if kind == "postcard":
        cards = (item.get("params") or {}).get("cards") or [{}]
        candidates = [cards[0].get("front", "") if isinstance(cards[0], dict) else ""]
    elif kind in PICTURE_FILES:
        candidates = [files.get(PICTURE_FILES[kind], "")]
    else:
        candidates = [path for key, path in files.items() if not key.startswith("preview")]
    return next((str(p) for p in candidates if p and Path(p).suffix.lower() in IMAGE_SUFFIXES and Path(p).is_file()),
                None)
