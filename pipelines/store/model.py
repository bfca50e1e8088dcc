"""The store's records as typed objects: a workshop, a participant, an artifact (a creation or an upload).

Pages, jobs and exports receive these instead of database rows. Fields are read as attributes
(``workshop.code``); reading by key (``workshop["code"]``) works too, for pages written against
the earlier dict rows. Columns a later migration adds and this file does not name yet are kept
in ``extra`` and readable by key.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any


class _Record:
    """Key access and construction from a database row, shared by the records below."""

    extra: dict[str, Any]

    @classmethod
    def _from_mapping(cls, row: dict[str, Any]):
        names = {f.name for f in fields(cls)} - {"extra"}  # type: ignore[arg-type]
        record = cls(**{k: v for k, v in row.items() if k in names})
        record.extra = {k: v for k, v in row.items() if k not in names}
        return record

    def __getitem__(self, key: str) -> Any:
        if key in self.extra:
            return self.extra[key]
        if key in {f.name for f in fields(self)} - {"extra"}:  # type: ignore[arg-type]
            return getattr(self, key)
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default


@dataclass
class Workshop(_Record):
    """One workshop. day: ISO date; age_group: a key of ages.*; language: "fr" | "en";
    retention: "day" | "week" | "month" (how long its creations are kept); code: the 5-letter
    code tablets type; created_at: ISO timestamp."""

    id: int
    name: str
    day: str
    age_group: str
    language: str
    retention: str
    code: str
    created_at: str
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_row(cls, row) -> "Workshop":
        return cls._from_mapping(dict(row))


@dataclass
class Participant(_Record):
    """A child or adult of a workshop, by first name or pseudonym (unique in the workshop).

    minor: parental consent is needed; consent: it was recorded, by ``consent_by`` at ``consent_at``."""

    id: int
    workshop_id: int
    name: str
    age_group: str
    minor: bool
    consent: bool
    consent_by: str | None
    consent_at: str | None
    created_at: str
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_row(cls, row) -> "Participant":
        item = dict(row)
        item["minor"], item["consent"] = bool(item["minor"]), bool(item["consent"])
        return cls._from_mapping(item)


@dataclass
class Artifact(_Record):
    """A creation or an upload kept in the gallery until ``expires_at``.

    files: name -> absolute path; params: the settings it was made with; model: what made it
    (a model id, "composer", or "" for a person); ai_made: labelled as made with AI."""

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
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_row(cls, row, files_dir: Path) -> "Artifact":
        item = dict(row)
        item["files"] = {k: str(Path(files_dir) / v) for k, v in json.loads(item["files"]).items()}
        item["params"] = json.loads(item["params"] or "{}")
        item["ai_made"] = bool(item["ai_made"])
        return cls._from_mapping(item)
