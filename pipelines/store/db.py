"""The SQLite store: workshops, participants, artifacts, jobs and events. Safe to share between threads."""
from __future__ import annotations

import json
import re
import secrets
import sqlite3
import threading
import time
import unicodedata
from collections import OrderedDict
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Iterator

from ..config import RETENTION_CHOICES, Settings, settings
from ..i18n import UserError
from .migrations import MIGRATIONS
from .files import remove_tree
from .model import Artifact, Participant, Workshop

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud to a room
PARTICIPANT_NAME_MAX = 40  # letters of a first name or pseudonym, counted in NFC (an accented letter is one)
DB_WAIT_SECONDS = 20.0  # a page waits this long for a busy database (retrying), then says so
WORKER_DB_WAIT_SECONDS = 300.0  # the worker waits longer: a finished job must not be lost


class DatabaseBusy(UserError):
    """The database stayed locked (another program holds it) longer than the store waits."""

    def __init__(self, seconds: float):
        super().__init__("errors.database_busy", seconds=int(round(seconds)))


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


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


def library_name(store: "Store | None" = None, default: str | None = None, language: str | None = None) -> str:
    """The library's name as typed in the facilitator console, else `default` (the settings' name,
    "la médiathèque" unless configured). Every printed mention (postcards, certificates, comics,
    storybooks, photo sheets) reads it here.

    `language` ("fr", "en"): the built-in name, when nobody gave one, is said in that language (« la
    médiathèque », "the library"): an English portrait's label no longer ends « · la médiathèque »."""
    typed = (store or Store()).get_setting("library_name")
    if typed:
        return typed
    if default is not None:
        return default
    name = settings().library_name
    if language and name == Settings.__dataclass_fields__["library_name"].default:
        from ..i18n import translate

        return translate("postcards.credit_default_library", language)
    return name


_once_lock = threading.Lock()  # guards Store._counted_once
ONCE_KEPT = 20_000  # log_event(): the last this many `once` keys are remembered (a few MB at most; a day's refusals)


class Store:
    """One SQLite database (WAL) plus a files directory; a short-lived connection per operation."""

    def __init__(self, db_path: Path | None = None, files_dir: Path | None = None,
                 wait_seconds: float | None = None):
        cfg = settings()
        self.db_path = Path(db_path or cfg.db_path)
        self.files_dir = Path(files_dir or cfg.files_dir)
        self.wait_seconds = DB_WAIT_SECONDS if wait_seconds is None else float(wait_seconds)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self._migrate_lock = threading.Lock()
        self.migrate()

    # -- connection and schema ---------------------------------------------------------
    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection; a database still locked after the busy timeout raises DatabaseBusy (a sentence)."""
        busy_ms = int(min(5.0, max(0.05, self.wait_seconds)) * 1000)
        conn = sqlite3.connect(self.db_path, timeout=busy_ms / 1000, isolation_level=None)
        conn.row_factory = sqlite3.Row
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA busy_timeout={busy_ms}")
            conn.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left in free pages
            yield conn
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise DatabaseBusy(busy_ms / 1000) from exc
            raise
        finally:
            conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE, retried with back-off for `wait_seconds`; then DatabaseBusy."""
        with self.connect() as conn:
            deadline = time.monotonic() + self.wait_seconds
            pause = 0.05
            while True:
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:
                    left = deadline - time.monotonic()
                    if not _is_busy(exc) or left <= 0:
                        if _is_busy(exc):
                            raise DatabaseBusy(self.wait_seconds) from exc
                        raise
                    time.sleep(min(pause, left))
                    pause = min(pause * 2, 2.0)
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
    def create_workshop(self, name: str, day: date | None = None, age_group: str = "7-8",
                        language: str = "fr", retention: str = "week") -> Workshop:
        """A new workshop with a fresh code; UserError console.no_name for an empty name."""
        from ..safety.text import check_name

        name = check_name(unicodedata.normalize("NFC", name.strip()))  # one spelling for NFD (Mac) input
        if not name:
            raise UserError("console.no_name")
        expiry_for(retention, now())  # validates the choice
        with self.transaction() as conn:
            code = self._new_code(conn)
            cur = conn.execute(
                "INSERT INTO workshops(name, day, age_group, language, retention, code, created_at) "
                "VALUES(?,?,?,?,?,?,?)",
                (name, (day or date.today()).isoformat(), age_group, language, retention, code, _iso(now())))
            return Workshop.from_row(conn.execute("SELECT * FROM workshops WHERE id=?", (cur.lastrowid,)).fetchone())

    @staticmethod
    def _new_code(conn: sqlite3.Connection) -> str:
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(5))
            if not conn.execute("SELECT 1 FROM workshops WHERE code=?", (code,)).fetchone():
                return code

    def workshop_named(self, name: str, day: date | str) -> Workshop | None:
        """The newest workshop called `name` on `day` (a date or an ISO date), or None. Names are compared as
        people read them: NFC, case and runs of spaces ignored, so « BD du  mercredi » finds « BD du Mercredi »."""
        def key(text: str) -> str:
            return " ".join(unicodedata.normalize("NFC", text).casefold().split())

        wanted, iso = key(name), day if isinstance(day, str) else day.isoformat()
        with self.connect() as conn:
            rows = conn.execute("SELECT * FROM workshops WHERE day=? ORDER BY id DESC", (iso,)).fetchall()
        return next((Workshop.from_row(r) for r in rows if wanted and key(r["name"]) == wanted), None)

    def workshops(self) -> list[Workshop]:
        with self.connect() as conn:
            return [Workshop.from_row(r) for r in conn.execute("SELECT * FROM workshops ORDER BY day DESC, id DESC")]

    def workshop(self, workshop_id: int) -> Workshop | None:
        with self.connect() as conn:
            row = conn.execute("SELECT * FROM workshops WHERE id=?", (workshop_id,)).fetchone()
            return Workshop.from_row(row) if row else None

    def workshop_by_code(self, code: str) -> Workshop | None:
        with self.connect() as conn:
            row = conn.execute("SELECT * FROM workshops WHERE code=?", (code.strip().upper(),)).fetchone()
            return Workshop.from_row(row) if row else None

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
    def add_participant(self, workshop_id: int, name: str, age_group: str = "7-8", minor: bool = True,
                        consent: bool = False, consent_by: str = "") -> Participant:
        """Add someone by first name or pseudonym. UserError for an empty name (store.errors.participant_name),
        a name already in the workshop (console.name_taken), a minor's consent without who recorded it
        (console.consent_missing_by), who gave consent typed with the consent not ticked
        (console.consent_not_ticked), a name with invisible characters (safety.text.check_name), a name longer than
        PARTICIPANT_NAME_MAX letters (store.errors.participant_name_long)."""
        from ..safety.text import check_name

        name = check_name(unicodedata.normalize("NFC", " ".join(name.split())))  # NFD (Mac) = NFC (PC)
        if not name:
            raise UserError("store.errors.participant_name")
        if len(name) > PARTICIPANT_NAME_MAX:
            raise UserError("store.errors.participant_name_long", max=PARTICIPANT_NAME_MAX, letters=len(name))
        if minor and consent and not consent_by.strip():
            raise UserError("console.consent_missing_by")
        if consent_by.strip() and not consent:  # a name typed, the box forgotten: ask rather than guess
            raise UserError("console.consent_not_ticked")
        try:
            with self.transaction() as conn:
                taken = [row[0] for row in conn.execute("SELECT name FROM participants WHERE workshop_id=?",
                                                        (workshop_id,))]
                if name.casefold() in {other.casefold() for other in taken}:  # "zoé" and "Zoé": one child on a tablet
                    raise sqlite3.IntegrityError(name)
                cur = conn.execute(
                    "INSERT INTO participants(workshop_id, name, age_group, minor, consent, consent_by, consent_at, "
                    "created_at) VALUES(?,?,?,?,?,?,?,?)",
                    (workshop_id, name, age_group, int(minor), int(bool(consent)),
                     consent_by.strip() if consent else None, _iso(now()) if consent else None, _iso(now())))
                row = conn.execute("SELECT * FROM participants WHERE id=?", (cur.lastrowid,)).fetchone()
        except sqlite3.IntegrityError:  # UNIQUE(workshop_id, name): the only constraint an insert can break
            raise UserError("console.name_taken", name=name) from None
        return Participant.from_row(row)

    def set_consent(self, participant_id: int, consent: bool, by: str) -> None:
        if consent and not by.strip():
            raise UserError("console.consent_missing_by")
        with self.transaction() as conn:
            conn.execute("UPDATE participants SET consent=?, consent_by=?, consent_at=? WHERE id=?",
                         (int(consent), by.strip() or None, _iso(now()), participant_id))

    def participants(self, workshop_id: int) -> list[Participant]:
        with self.connect() as conn:
            return [Participant.from_row(r) for r in conn.execute(
                "SELECT * FROM participants WHERE workshop_id=? ORDER BY name COLLATE NOCASE", (workshop_id,))]

    def participant(self, participant_id: int) -> Participant | None:
        with self.connect() as conn:
            row = conn.execute("SELECT * FROM participants WHERE id=?", (participant_id,)).fetchone()
            return Participant.from_row(row) if row else None

    def remove_participant(self, participant_id: int) -> None:
        """Delete a participant and everything of theirs: their creations (every file of each creation's job),
        their jobs (rows, whose parameters quote their words, and folders, finished or not: a running job finds
        its row gone and keeps nothing), their uploads and work in progress (their folder
        ``participant_folder``), their pictures waiting for review, the events of their refused sentences and
        pictures, their quiz players (with their answers), their tablets and work rows (cascade)."""
        person = self.participant(participant_id)
        with self.transaction() as conn:  # first: a job finishing now either lands before (its creation goes
            jobs = conn.execute("SELECT id, workshop_id, params FROM jobs WHERE owner=?",  # below) or finds no row
                                (participant_id,)).fetchall()
            texts = [r["params"] for r in jobs]
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name='work_in_progress'").fetchone():
                texts += [r["state"] for r in conn.execute("SELECT state FROM work_in_progress WHERE participant_id=?",
                                                           (participant_id,))]
            conn.execute("DELETE FROM jobs WHERE owner=?", (participant_id,))
            # their refused sentences and pictures (counted on the console), their quiz players and answers
            conn.execute("DELETE FROM events WHERE participant_id=?", (participant_id,))
            conn.execute("DELETE FROM quiz_players WHERE participant_id=?", (participant_id,))
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name='picture_reviews'").fetchone():
                conn.execute("DELETE FROM picture_reviews WHERE owner=?", (participant_id,))
        for artifact in self.artifacts(owner=participant_id):
            self.delete_artifact(artifact.id)
        for job in jobs:
            self._remove_job_files(job["workshop_id"], job["id"])
        if person is not None:
            remove_tree(self.participant_folder(person.workshop_id, participant_id))
            self._remove_referenced(person.workshop_id, texts)
        with self.transaction() as conn:
            conn.execute("DELETE FROM participants WHERE id=?", (participant_id,))
        self.checkpoint()

    def _remove_referenced(self, workshop_id: int, texts: list[str]) -> int:
        """Files in the workshop's folder that a removed participant's job parameters or work in progress name
        (uploads kept before each participant had a folder: w<id>/postcards/photo-*.png, w<id>/comics-<id>/...),
        except those of someone else (another participant's folder, another creation's files). A work folder they
        name, or that holds a file they name (<prefix>-<12 hex>: a comic, a photo, a portrait in progress), goes
        whole. Returns how many paths were removed."""
        root = self.workshop_folder(workshop_id).resolve()
        paths: set[Path] = set()

        def collect(value: Any) -> None:
            if isinstance(value, dict):
                for item in value.values():
                    collect(item)
            elif isinstance(value, list):
                for item in value:
                    collect(item)
            elif isinstance(value, str) and value.startswith("/") and len(value) < 4096:
                path = Path(value).resolve()
                if path != root and path.is_relative_to(root):
                    paths.add(path)
                    if len(path.relative_to(root).parts) > 1:  # a file of a piece of work: its folder too
                        paths.add(root / path.relative_to(root).parts[0])

        for text in texts:
            try:
                collect(json.loads(text or "null"))
            except ValueError:
                continue
        with self.connect() as conn:
            others = {(self.files_dir / rel).resolve() for row in conn.execute("SELECT files FROM artifacts")
                      for rel in json.loads(row["files"]).values()}
        removed = 0
        for path in sorted(paths):
            inside = path.relative_to(root).parts
            if inside[0] == "jobs" or (inside[0][:1] == "p" and inside[0][1:].isdigit()) or path in others:
                continue  # job folders go with their rows; a participant's folder with them; someone's creation
            if path.is_file():
                path.unlink(missing_ok=True)
                removed += 1
            elif path.is_dir() and len(inside) == 1 and re.fullmatch(r"[a-z]+-[0-9a-f]{12}", path.name):
                if not any(f.resolve() in others for f in path.rglob("*")):
                    remove_tree(path)
                    removed += 1
        return removed

    def participant_folder(self, workshop_id: int | None, participant_id: int) -> Path:
        """Where a participant's uploads and work in progress live: <files>/w<workshop>/p<participant>/ (removed
        with them, or with their workshop)."""
        return self.workshop_folder(workshop_id) / f"p{participant_id}"

    def _remove_job_files(self, workshop_id: int | None, job_id: str) -> None:
        """A job's folder, its unfinished one, and where results were written before job folders moved under the
        workshop's folder."""
        final = self.job_dir(workshop_id, job_id)
        for folder in (final, final.parent / f".tmp-{job_id}", self.files_dir / "jobs" / job_id,
                       self.files_dir / "jobs" / f".tmp-{job_id}"):
            remove_tree(folder)

    # -- artifacts (creations and uploads) -----------------------------------------------
    def artifact_dir(self, workshop_id: int | None, key: str, owner: int | None = None) -> Path:
        """The folder `key` (e.g. "postcards", "comics-<id>") for uploads and work in progress: inside the
        participant's own folder when `owner` is given (removed with them), else the workshop's (or w0 outside
        any workshop), purged with it."""
        if owner:
            return self.participant_folder(workshop_id, owner) / key
        return self.workshop_folder(workshop_id) / key

    def add_artifact(self, *, workshop_id: int | None, owner: int | None, kind: str, files: dict[str, str],
                     title: str = "", prompt: str = "", params: dict | None = None, model: str = "",
                     seed: int | None = None, ai_made: bool = False, job_id: str | None = None,
                     conn: sqlite3.Connection | None = None, digests: dict[str, str] | None = None) -> Artifact:
        """Record files already written under files_dir; they expire when the workshop's retention ends.

        `job_id` makes the call idempotent: a job re-run after a crash finds its row instead of adding a
        second one. Pass `conn` to write inside the caller's transaction. Each file's SHA-256 is recorded with it
        (`digests`, name -> hex; read from the files when not given).
        """
        workshop = self.workshop(workshop_id) if workshop_id else None
        created = now()
        expires = self.workshop_end(workshop) if workshop else expiry_for("week", created)
        rel = {k: str(Path(v).resolve().relative_to(self.files_dir.resolve())) for k, v in files.items()}
        if digests is None:  # read once here, before the transaction: the gallery compares these, not the files
            from .works import file_digest

            digests = {k: d for k, v in files.items() if (d := file_digest(v)) is not None}
        if conn is None:
            with self.transaction() as own:
                return self.add_artifact(workshop_id=workshop_id, owner=owner, kind=kind, files=files, title=title,
                                         prompt=prompt, params=params, model=model, seed=seed, ai_made=ai_made,
                                         job_id=job_id, conn=own, digests=digests)
        if job_id is not None:
            row = conn.execute("SELECT * FROM artifacts WHERE job_id=?", (job_id,)).fetchone()
            if row is not None:
                return self._artifact_row(row)
        cur = conn.execute(
            "INSERT INTO artifacts(workshop_id, owner, kind, title, files, prompt, params, model, seed, "
            "ai_made, created_at, expires_at, job_id, digests) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (workshop_id, owner, kind, title, json.dumps(rel), prompt, json.dumps(params or {}), model,
             seed, int(ai_made), _iso(created), _iso(expires), job_id, json.dumps(digests)))
        return self._artifact_row(conn.execute("SELECT * FROM artifacts WHERE id=?", (cur.lastrowid,)).fetchone())

    def _artifact_row(self, row: sqlite3.Row) -> Artifact:
        return Artifact.from_row(row, self.files_dir)

    def artifacts(self, workshop_id: int | None = None, owner: int | None = None,
                  kind: str | None = None) -> list[Artifact]:
        clauses, args = [], []
        for column, value in (("workshop_id", workshop_id), ("owner", owner), ("kind", kind)):
            if value is not None:
                clauses.append(f"{column}=?")
                args.append(value)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        with self.connect() as conn:
            return [self._artifact_row(r) for r in
                    conn.execute(f"SELECT * FROM artifacts {where} ORDER BY id DESC", args)]

    def artifact(self, artifact_id: int) -> Artifact | None:
        with self.connect() as conn:
            row = conn.execute("SELECT * FROM artifacts WHERE id=?", (artifact_id,)).fetchone()
            return self._artifact_row(row) if row else None

    def delete_artifact(self, artifact_id: int) -> None:
        """Delete the files, then the row. A creation made by a job goes with every file the job wrote (its
        whole folder: the back of a postcard, previews, working files the record does not list) and with the job's
        row and any review of it (their parameters quote the creation's words)."""
        item = self.artifact(artifact_id)
        if not item:
            return
        job_id = item.get("job_id")
        if job_id:
            with self.connect() as conn:
                row = conn.execute("SELECT workshop_id FROM jobs WHERE id=?", (job_id,)).fetchone()
            self._remove_job_files(item.workshop_id, job_id)
            if row is not None and row["workshop_id"] != item.workshop_id:
                self._remove_job_files(row["workshop_id"], job_id)
            with self.transaction() as conn:
                conn.execute("DELETE FROM jobs WHERE id=? AND state IN ('done', 'failed', 'cancelled')", (job_id,))
                if conn.execute("SELECT 1 FROM sqlite_master WHERE name='picture_reviews'").fetchone():
                    conn.execute("DELETE FROM picture_reviews WHERE job_id=?", (job_id,))
        for path in item.files.values():
            Path(path).unlink(missing_ok=True)
        folders = {Path(p).parent for p in item.files.values()}
        for folder in folders:
            if folder.exists() and folder != self.files_dir and not any(folder.iterdir()):
                folder.rmdir()
        with self.transaction() as conn:
            conn.execute("DELETE FROM artifacts WHERE id=?", (artifact_id,))

    # -- events (counts for the facilitator) ----------------------------------------------
    _counted_once: OrderedDict = OrderedDict()  # log_event's last ONCE_KEPT `once` keys, this process (all stores)

    def log_event(self, kind: str, workshop_id: int | None = None, detail: str = "",
                  participant_id: int | None = None, once: str = "") -> None:
        """Count an event of `kind` (detail: at most 200 characters, e.g. a refusal's category, never a child's
        words). `participant_id`: whose action it was, when known; the event goes with that participant, and
        nothing is counted for a participant removed meanwhile (a job of theirs still running). `once`: a key
        (e.g. a digest of the refused words, never the words) counted once per kind, workshop, participant and
        detail while the studio runs: the same words checked again after a page reload count nothing more (of
        the last ONCE_KEPT keys: an older one counts again, the memory stays bounded)."""
        if once:
            key = (str(self.db_path), kind, workshop_id, participant_id, detail, once)
            with _once_lock:
                if key in Store._counted_once:
                    Store._counted_once.move_to_end(key)
                    return
                Store._counted_once[key] = None
                while len(Store._counted_once) > ONCE_KEPT:
                    Store._counted_once.popitem(last=False)
        with self.transaction() as conn:
            conn.execute("INSERT INTO events(workshop_id, kind, detail, created_at, participant_id) "
                         "SELECT ?,?,?,?,? WHERE ? IS NULL OR EXISTS (SELECT 1 FROM participants WHERE id=?)",
                         (workshop_id, kind, detail[:200], _iso(now()), participant_id, participant_id,
                          participant_id))

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
    # Everything a workshop owns lives under files/w<id>/ (uploads, working copies, job results,
    # thumbnails) or in a row with its workshop_id (any table: artifacts, jobs, quiz games, devices,
    # work in progress...), with participants' rows hanging off those. The workshop ends at
    # expiry_for(retention, its day); purge_workshop() then deletes all of it together.

    def job_dir(self, workshop_id: int | None, job_id: str) -> Path:
        """Where a finished job's files live: inside its workshop's folder (purged with it)."""
        return self.files_dir / f"w{workshop_id or 0}" / "jobs" / job_id

    def workshop_folder(self, workshop_id: int | None) -> Path:
        return self.files_dir / f"w{workshop_id or 0}"

    @staticmethod
    def workshop_end(workshop: dict) -> datetime:
        """When a workshop's data is deleted: its retention counted from its day ('day' = that evening)."""
        return expiry_for(workshop["retention"], datetime.fromisoformat(workshop["day"] + "T00:00:00"))

    def _tables_with(self, conn: sqlite3.Connection, column: str) -> list[str]:
        tables = [r["name"] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                                  "AND name NOT LIKE 'sqlite_%'")]
        return [t for t in tables if any(c["name"] == column for c in conn.execute(f'PRAGMA table_info("{t}")'))]

    def purge_plan(self, workshop_id: int) -> dict:
        """What purge_workshop() will delete and when: {'when': datetime, counts..., 'bytes': n}."""
        workshop = self.workshop(workshop_id)
        if workshop is None:
            raise KeyError(f"No workshop {workshop_id}.")
        plan: dict[str, Any] = {"when": self.workshop_end(workshop)}
        with self.connect() as conn:
            for table in self._tables_with(conn, "workshop_id"):
                if table != "workshops":
                    plan[table] = conn.execute(f'SELECT COUNT(*) FROM "{table}" WHERE workshop_id=?',
                                               (workshop_id,)).fetchone()[0]
            if "quiz_players" in {r["name"] for r in conn.execute("SELECT name FROM sqlite_master")}:
                plan["quiz_players"] = conn.execute(
                    "SELECT COUNT(*) FROM quiz_players JOIN quiz_games ON quiz_games.id = quiz_players.game_id "
                    "WHERE quiz_games.workshop_id=?", (workshop_id,)).fetchone()[0]
        folder = self.workshop_folder(workshop_id)
        files = [f for f in folder.rglob("*") if f.is_file()] if folder.exists() else []
        plan["files"] = len(files)
        plan["bytes"] = sum(f.stat().st_size for f in files)
        return plan

    def purge_workshop(self, workshop_id: int) -> dict[str, int]:
        """Delete a workshop and everything it owns (files first, then rows); returns counts per table."""
        counts: dict[str, int] = {}
        with self.connect() as conn:
            job_ids = [r["id"] for r in conn.execute("SELECT id FROM jobs WHERE workshop_id=?", (workshop_id,))]
        for job_id in job_ids:  # results written before job folders moved under the workshop's folder
            remove_tree(self.files_dir / "jobs" / job_id)
            remove_tree(self.files_dir / "jobs" / f".tmp-{job_id}")
        folder = self.workshop_folder(workshop_id)
        remove_tree(folder)
        if folder.exists():  # a file held open elsewhere: try once more, loudly
            import shutil

            shutil.rmtree(folder)
        counts["files_dir"] = 1
        with self.transaction() as conn:
            people = [r["id"] for r in conn.execute("SELECT id FROM participants WHERE workshop_id=?",
                                                    (workshop_id,))]
            for table in self._tables_with(conn, "workshop_id"):
                if table not in ("workshops", "participants"):
                    counts[table] = conn.execute(f'DELETE FROM "{table}" WHERE workshop_id=?',
                                                 (workshop_id,)).rowcount
            if people:
                marks = ",".join("?" * len(people))
                for column in ("participant_id", "owner"):
                    for table in self._tables_with(conn, column):
                        conn.execute(f'DELETE FROM "{table}" WHERE "{column}" IN ({marks})', people)
            counts["participants"] = conn.execute("DELETE FROM participants WHERE workshop_id=?",
                                                  (workshop_id,)).rowcount
            counts["workshops"] = conn.execute("DELETE FROM workshops WHERE id=?", (workshop_id,)).rowcount
        self.checkpoint()
        return counts

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database and truncate it (deleted rows leave no copy there)."""
        try:
            with self.connect() as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except DatabaseBusy:
            pass  # the next purge truncates it

    def purge_expired(self, moment: datetime | None = None) -> dict[str, int]:
        """Delete what has passed its date: ended workshops (everything they own), expired creations,
        and, for work done outside any workshop, jobs, quiz games and files older than settings.retention_days."""
        moment = moment or now()
        counts = {"artifacts": 0, "jobs": 0, "participants": 0, "workshops": 0, "quiz_games": 0, "files": 0}
        for workshop in self.workshops():
            if self.workshop_end(workshop) < moment:
                done = self.purge_workshop(workshop["id"])
                counts["workshops"] += 1
                for key in ("artifacts", "jobs", "participants", "quiz_games"):
                    counts[key] += done.get(key, 0)
        with self.connect() as conn:
            expired = [r["id"] for r in conn.execute("SELECT id FROM artifacts WHERE expires_at < ?", (_iso(moment),))]
        for artifact_id in expired:
            self.delete_artifact(artifact_id)
            counts["artifacts"] += 1
        limit = moment - timedelta(days=settings().retention_days)
        with self.connect() as conn:
            rows = conn.execute("SELECT id, workshop_id FROM jobs WHERE state IN ('done', 'failed', 'cancelled') "
                                "AND (workshop_id IS NULL OR workshop_id NOT IN (SELECT id FROM workshops)) "
                                "AND created_at < ?", (_iso(limit),)).fetchall()
        for row in rows:
            remove_tree(self.job_dir(row["workshop_id"], row["id"]))
            remove_tree(self.files_dir / "jobs" / row["id"])
            with self.transaction() as conn:
                conn.execute("DELETE FROM jobs WHERE id=?", (row["id"],))
            counts["jobs"] += 1
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name='quiz_games'").fetchone():
                counts["quiz_games"] += conn.execute(
                    "DELETE FROM quiz_games WHERE (workshop_id IS NULL OR workshop_id NOT IN "
                    "(SELECT id FROM workshops)) AND created_at < ?", (_iso(limit),)).rowcount
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name='device_work'").fetchone():
                conn.execute("DELETE FROM device_work WHERE (workshop_id IS NULL OR workshop_id NOT IN "
                             "(SELECT id FROM workshops)) AND updated_at < ?", (_iso(limit),))
            # Events (blocked prompts quote what was typed) of no workshop go after the same delay.
            conn.execute("DELETE FROM events WHERE (workshop_id IS NULL OR workshop_id NOT IN "
                         "(SELECT id FROM workshops)) AND created_at < ?", (_iso(limit),))
        counts["files"] = self._purge_loose_files(limit)
        self.checkpoint()
        return counts

    def _purge_loose_files(self, limit: datetime) -> int:
        """Files of no workshop (folder w0, folders of deleted workshops) older than `limit`."""
        known = {f"w{w['id']}" for w in self.workshops()}
        kept = {self.workshop_folder(None) / "jobs" / r for r in self._live_job_ids()}
        cutoff = limit.timestamp()
        removed = 0
        for folder in self.files_dir.glob("w*"):
            if not folder.is_dir() or folder.name in known or not folder.name[1:].isdigit():
                continue
            if folder.name != "w0":  # the folder of a workshop that no longer exists
                remove_tree(folder)
                removed += 1
                continue
            for path in sorted(folder.rglob("*"), reverse=True):
                if any(path.is_relative_to(k) for k in kept):
                    continue
                if path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink(missing_ok=True)
                    removed += 1
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
        return removed

    def _live_job_ids(self) -> list[str]:
        with self.connect() as conn:
            return [r["id"] for r in conn.execute("SELECT id FROM jobs")]
