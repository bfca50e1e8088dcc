"""The SQLite store: workshops, participants, artifacts, jobs and events. Safe to share between threads."""
from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Iterator

from ..config import RETENTION_CHOICES, settings
from .migrations import MIGRATIONS
from .files import remove_tree

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud to a room


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def expiry_for(retention: str, created: datetime) -> datetime:
    """End of the retention period: 'day' is the end of the creation day."""
    if retention not in RETENTION_CHOICES:
        raise ValueError(f"retention must be one of {list(RETENTION_CHOICES)} but is {retention!r}.")
    days = RETENTION_CHOICES[retention]
    if days == 0:
        return datetime.combine(created.date(), datetime.max.time()).replace(microsecond=0)
    return created + timedelta(days=days)


class Store:
    """One SQLite database (WAL) plus a files directory; a short-lived connection per operation."""

    def __init__(self, db_path: Path | None = None, files_dir: Path | None = None):
        cfg = settings()
        self.db_path = Path(db_path or cfg.db_path)
        self.files_dir = Path(files_dir or cfg.files_dir)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self._migrate_lock = threading.Lock()
        self.migrate()

    # -- connection and schema ---------------------------------------------------------
    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        try:
            yield conn
        finally:
            conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def migrate(self) -> None:
        """Apply each component's pending migrations, in order, recording their versions."""
        with self._migrate_lock, self.connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version "
                         "(component TEXT PRIMARY KEY, version INTEGER NOT NULL)")
            for component, steps in MIGRATIONS.items():
                row = conn.execute("SELECT version FROM schema_version WHERE component=?",
                                   (component,)).fetchone()
                current = row["version"] if row else 0
                for version, sql in enumerate(steps[current:], start=current + 1):
                    conn.execute("BEGIN IMMEDIATE")
                    for statement in [s.strip() for s in sql.split(";") if s.strip()]:
                        conn.execute(statement)
                    conn.execute("INSERT INTO schema_version(component, version) VALUES(?, ?) "
                                 "ON CONFLICT(component) DO UPDATE SET version=excluded.version",
                                 (component, version))
                    conn.execute("COMMIT")

    def schema_versions(self) -> dict[str, int]:
        with self.connect() as conn:
            return {r["component"]: r["version"] for r in conn.execute("SELECT * FROM schema_version")}

    # -- workshops ------------------------------------------------------------------------
    def create_workshop(self, name: str, day: date | None = None, age_group: str = "8-12",
                        language: str = "fr", retention: str = "week") -> dict:
        name = name.strip()
        if not name:
            raise ValueError("A workshop needs a name.")
        expiry_for(retention, now())  # validates the choice
        with self.transaction() as conn:
            code = self._new_code(conn)
            cur = conn.execute(
                "INSERT INTO workshops(name, day, age_group, language, retention, code, created_at) "
                "VALUES(?,?,?,?,?,?,?)",
                (name, (day or date.today()).isoformat(), age_group, language, retention, code, _iso(now())))
            return dict(conn.execute("SELECT * FROM workshops WHERE id=?", (cur.lastrowid,)).fetchone())

    @staticmethod
    def _new_code(conn: sqlite3.Connection) -> str:
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(5))
            if not conn.execute("SELECT 1 FROM workshops WHERE code=?", (code,)).fetchone():
                return code

    def workshops(self) -> list[dict]:
        with self.connect() as conn:
            return [dict(r) for r in conn.execute("SELECT * FROM workshops ORDER BY day DESC, id DESC")]

    def workshop(self, workshop_id: int) -> dict | None:
        with self.connect() as conn:
            row = conn.execute("SELECT * FROM workshops WHERE id=?", (workshop_id,)).fetchone()
            return dict(row) if row else None

    def workshop_by_code(self, code: str) -> dict | None:
        with self.connect() as conn:
            row = conn.execute("SELECT * FROM workshops WHERE code=?", (code.strip().upper(),)).fetchone()
            return dict(row) if row else None

    def update_workshop(self, workshop_id: int, **fields: Any) -> None:
        allowed = {"name", "day", "age_group", "language", "retention"}
        if set(fields) - allowed:
            raise ValueError(f"Unknown workshop fields {sorted(set(fields) - allowed)}; valid: {sorted(allowed)}.")
        if "retention" in fields:
            expiry_for(fields["retention"], now())
        sets = ", ".join(f"{k}=?" for k in fields)
        with self.transaction() as conn:
            conn.execute(f"UPDATE workshops SET {sets} WHERE id=?", (*fields.values(), workshop_id))

    # -- participants ---------------------------------------------------------------------
    def add_participant(self, workshop_id: int, name: str, age_group: str = "8-12", minor: bool = True,
                        consent: bool = False, consent_by: str = "") -> dict:
        name = " ".join(name.split())
        if not name:
            raise ValueError("A participant needs a first name or a pseudonym.")
        if minor and consent and not consent_by.strip():
            raise ValueError("Parental consent needs the name of who recorded it.")
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO participants(workshop_id, name, age_group, minor, consent, consent_by, consent_at, "
                "created_at) VALUES(?,?,?,?,?,?,?,?)",
                (workshop_id, name, age_group, int(minor), int(bool(consent)),
                 consent_by.strip() if consent else None, _iso(now()) if consent else None, _iso(now())))
            return dict(conn.execute("SELECT * FROM participants WHERE id=?", (cur.lastrowid,)).fetchone())

    def set_consent(self, participant_id: int, consent: bool, by: str) -> None:
        if consent and not by.strip():
            raise ValueError("Parental consent needs the name of who recorded it.")
        with self.transaction() as conn:
            conn.execute("UPDATE participants SET consent=?, consent_by=?, consent_at=? WHERE id=?",
                         (int(consent), by.strip() or None, _iso(now()), participant_id))

    def participants(self, workshop_id: int) -> list[dict]:
        with self.connect() as conn:
            return [dict(r) for r in conn.execute(
                "SELECT * FROM participants WHERE workshop_id=? ORDER BY name COLLATE NOCASE", (workshop_id,))]

    def participant(self, participant_id: int) -> dict | None:
        with self.connect() as conn:
            row = conn.execute("SELECT * FROM participants WHERE id=?", (participant_id,)).fetchone()
            return dict(row) if row else None

    def remove_participant(self, participant_id: int) -> None:
        for artifact in self.artifacts(owner=participant_id):
            self.delete_artifact(artifact["id"])
        with self.transaction() as conn:
            conn.execute("UPDATE jobs SET owner=NULL WHERE owner=?", (participant_id,))
            conn.execute("DELETE FROM participants WHERE id=?", (participant_id,))

    # -- artifacts (creations and uploads) -----------------------------------------------
    def artifact_dir(self, workshop_id: int | None, key: str) -> Path:
        return self.files_dir / f"w{workshop_id or 0}" / key

    def add_artifact(self, *, workshop_id: int | None, owner: int | None, kind: str, files: dict[str, str],
                     title: str = "", prompt: str = "", params: dict | None = None, model: str = "",
                     seed: int | None = None, ai_made: bool = False) -> dict:
        """Record files already written under files_dir; they expire with the workshop's retention."""
        workshop = self.workshop(workshop_id) if workshop_id else None
        created = now()
        expires = expiry_for(workshop["retention"] if workshop else "week", created)
        rel = {k: str(Path(v).resolve().relative_to(self.files_dir.resolve())) for k, v in files.items()}
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO artifacts(workshop_id, owner, kind, title, files, prompt, params, model, seed, "
                "ai_made, created_at, expires_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
                (workshop_id, owner, kind, title, json.dumps(rel), prompt, json.dumps(params or {}), model,
                 seed, int(ai_made), _iso(created), _iso(expires)))
            return self._artifact_row(conn.execute("SELECT * FROM artifacts WHERE id=?",
                                                   (cur.lastrowid,)).fetchone())

    def _artifact_row(self, row: sqlite3.Row) -> dict:
        item = dict(row)
        item["files"] = {k: str(self.files_dir / v) for k, v in json.loads(item["files"]).items()}
        item["params"] = json.loads(item["params"] or "{}")
        item["ai_made"] = bool(item["ai_made"])
        return item

    def artifacts(self, workshop_id: int | None = None, owner: int | None = None,
                  kind: str | None = None) -> list[dict]:
        clauses, args = [], []
        for column, value in (("workshop_id", workshop_id), ("owner", owner), ("kind", kind)):
            if value is not None:
                clauses.append(f"{column}=?")
                args.append(value)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        with self.connect() as conn:
            return [self._artifact_row(r) for r in
                    conn.execute(f"SELECT * FROM artifacts {where} ORDER BY id DESC", args)]

    def artifact(self, artifact_id: int) -> dict | None:
        with self.connect() as conn:
            row = conn.execute("SELECT * FROM artifacts WHERE id=?", (artifact_id,)).fetchone()
            return self._artifact_row(row) if row else None

    def delete_artifact(self, artifact_id: int) -> None:
        """Delete the files, then the row."""
        item = self.artifact(artifact_id)
        if not item:
            return
        for path in item["files"].values():
            Path(path).unlink(missing_ok=True)
        folders = {Path(p).parent for p in item["files"].values()}
        for folder in folders:
            if folder.exists() and folder != self.files_dir and not any(folder.iterdir()):
                folder.rmdir()
        with self.transaction() as conn:
            conn.execute("DELETE FROM artifacts WHERE id=?", (artifact_id,))

    # -- events (counts for the facilitator) ----------------------------------------------
    def log_event(self, kind: str, workshop_id: int | None = None, detail: str = "") -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO events(workshop_id, kind, detail, created_at) VALUES(?,?,?,?)",
                         (workshop_id, kind, detail[:200], _iso(now())))

    def count_events(self, kind: str, workshop_id: int | None = None) -> int:
        with self.connect() as conn:
            if workshop_id is None:
                return conn.execute("SELECT COUNT(*) FROM events WHERE kind=?", (kind,)).fetchone()[0]
            return conn.execute("SELECT COUNT(*) FROM events WHERE kind=? AND workshop_id=?",
                                (kind, workshop_id)).fetchone()[0]

    def events_by_detail(self, kind: str, workshop_id: int) -> dict[str, int]:
        """How many events of `kind` a workshop had, per detail (e.g. refusals per category)."""
        with self.connect() as conn:
            rows = conn.execute("SELECT detail, COUNT(*) FROM events WHERE kind=? AND workshop_id=? GROUP BY detail",
                                (kind, workshop_id)).fetchall()
        return {row[0]: row[1] for row in rows}

    # -- key/value settings set in the console (library name, logo) -------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self.connect() as conn:
            row = conn.execute("SELECT value FROM kv WHERE key=?", (key,)).fetchone()
            return row["value"] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO kv(key, value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                         (key, value))

    # -- retention ------------------------------------------------------------------------
    def purge_expired(self, moment: datetime | None = None) -> dict[str, int]:
        """Delete expired artifacts, finished jobs and participants of ended workshops: files and rows together."""
        moment = moment or now()
        counts = {"artifacts": 0, "jobs": 0, "participants": 0}
        with self.connect() as conn:
            expired = [r["id"] for r in conn.execute("SELECT id FROM artifacts WHERE expires_at < ?", (_iso(moment),))]
        for artifact_id in expired:
            self.delete_artifact(artifact_id)
            counts["artifacts"] += 1
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT jobs.id, jobs.workshop_id, jobs.created_at, workshops.retention FROM jobs "
                "LEFT JOIN workshops ON workshops.id = jobs.workshop_id "
                "WHERE jobs.state IN ('done', 'failed', 'cancelled')").fetchall()
            ended = conn.execute("SELECT id, day, retention FROM workshops").fetchall()
        for row in rows:
            created = datetime.fromisoformat(row["created_at"])
            if expiry_for(row["retention"] or "week", created) < moment:
                remove_tree(self.files_dir / "jobs" / row["id"])
                with self.transaction() as conn:
                    conn.execute("DELETE FROM jobs WHERE id=?", (row["id"],))
                counts["jobs"] += 1
        for workshop in ended:
            end = expiry_for(workshop["retention"], datetime.fromisoformat(workshop["day"] + "T00:00:00"))
            if end < moment:
                with self.transaction() as conn:
                    left = conn.execute("SELECT COUNT(*) FROM artifacts WHERE workshop_id=?",
                                        (workshop["id"],)).fetchone()[0]
                    if left == 0:
                        counts["participants"] += conn.execute(
                            "DELETE FROM participants WHERE workshop_id=?", (workshop["id"],)).rowcount
        return counts
