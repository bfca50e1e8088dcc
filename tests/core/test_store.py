"""The store: schema versions, workshops, consent, artifacts and the retention purge (files and rows together)."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pipelines.i18n import UserError
from pipelines.store import Artifact, Participant, Store, Workshop, expiry_for, write_bytes_atomic


def test_schema_is_versioned_and_migrations_are_idempotent(store):
    versions = store.schema_versions()
    assert versions["core"] >= 1
    Store().migrate()
    assert Store().schema_versions() == versions
    with store.connect() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_workshop_code_and_participants(store):
    w = store.create_workshop("Mercredi BD", retention="day")
    assert len(w["code"]) == 5 and store.workshop_by_code(w["code"].lower())["id"] == w["id"]
    with pytest.raises(UserError, match="who recorded") as missing:
        store.add_participant(w["id"], "Zoé", consent=True, consent_by="")
    assert missing.value.key == "console.consent_missing_by"
    with pytest.raises(UserError) as unticked:  # who gave it typed, the box forgotten: asked, not guessed
        store.add_participant(w["id"], "Zoé", consent=False, consent_by="Maman de Zoé")
    assert unticked.value.key == "console.consent_not_ticked" and not store.participants(w["id"])
    zoe = store.add_participant(w["id"], "  Zoé  ", consent=True, consent_by="Animatrice")
    assert zoe["name"] == "Zoé" and zoe["consent"] == 1 and zoe["consent_by"] == "Animatrice" and zoe["consent_at"]
    jb = store.add_participant(w["id"], "Jean-Baptiste")
    assert jb["consent"] == 0 and jb["consent_at"] is None
    store.set_consent(jb["id"], True, "Papa de Jean-Baptiste")
    assert store.participant(jb["id"])["consent"] == 1
    with pytest.raises(UserError) as taken:
        store.add_participant(w["id"], "Zoé")  # same name twice in one workshop
    assert taken.value.key == "console.name_taken" and taken.value.params == {"name": "Zoé"}
    with pytest.raises(UserError) as empty:
        store.add_participant(w["id"], "   ")
    assert empty.value.key == "store.errors.participant_name"
    assert isinstance(w, Workshop) and isinstance(zoe, Participant) and zoe.consent is True and w.code == w["code"]
    with pytest.raises(ValueError):
        store.create_workshop("x", retention="forever")


def test_expiry_rules():
    moment = datetime(2026, 11, 21, 10, 30)
    assert expiry_for("day", moment) == datetime(2026, 11, 21, 23, 59, 59)
    assert expiry_for("week", moment) == moment + timedelta(days=7)
    assert expiry_for("month", moment) == moment + timedelta(days=30)


def _artifact(store, workshop, owner, name="a.png"):
    folder = store.artifact_dir(workshop["id"], f"test-{name}")
    path = write_bytes_atomic(folder / name, b"pixels")
    return store.add_artifact(workshop_id=workshop["id"], owner=owner, kind="image", files={"image": str(path)},
                              title="dragon", ai_made=True, seed=3)


def test_purge_deletes_files_and_rows_together(store):
    today = store.create_workshop("Ce soir", retention="day")
    week = store.create_workshop("Semaine", retention="week")
    zoe = store.add_participant(today["id"], "Zoé")
    short = _artifact(store, today, zoe["id"], "short.png")
    long = _artifact(store, week, None, "long.png")
    assert Path(short["files"]["image"]).exists() and short["ai_made"] and short["seed"] == 3
    assert isinstance(short, Artifact) and short.files == short["files"] and short.ai_made is True
    assert not any(store.purge_expired(datetime.now()).values())
    counts = store.purge_expired(datetime.now() + timedelta(days=1))
    assert counts["artifacts"] == 1
    assert not Path(short["files"]["image"]).exists() and store.artifact(short["id"]) is None
    assert Path(long["files"]["image"]).exists() and store.artifact(long["id"])
    assert counts["participants"] == 1 and store.participants(today["id"]) == []
    store.purge_expired(datetime.now() + timedelta(days=8))
    assert not Path(long["files"]["image"]).exists() and store.artifact(long["id"]) is None


def test_delete_artifact_and_remove_participant(store, workshop):
    zoe = store.add_participant(workshop["id"], "Zoé")
    item = _artifact(store, workshop, zoe["id"])
    store.remove_participant(zoe["id"])
    assert store.artifact(item["id"]) is None and not Path(item["files"]["image"]).exists()


def test_atomic_write_leaves_no_partial_file(tmp_path):
    target = tmp_path / "out.bin"
    from pipelines.store import atomic_path

    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("crash while writing")
    assert not target.exists() and list(tmp_path.iterdir()) == []
    write_bytes_atomic(target, b"whole")
    assert target.read_bytes() == b"whole"


def test_events_and_settings(store, workshop):
    store.log_event("prompt_blocked", workshop["id"], "…")
    store.log_event("prompt_blocked", workshop["id"], "…")
    assert store.count_events("prompt_blocked", workshop["id"]) == 2
    assert store.count_events("image_flagged", workshop["id"]) == 0
    store.set_setting("library_name", "Médiathèque des Tilleuls")
    assert store.get_setting("library_name") == "Médiathèque des Tilleuls"


def test_a_refusal_seen_again_counts_once_and_the_memory_of_it_stays_bounded(store, workshop, monkeypatch):
    from pipelines.store import db

    monkeypatch.setattr(db.Store, "_counted_once", db.OrderedDict())
    monkeypatch.setattr(db, "ONCE_KEPT", 3)
    for _ in range(2):  # the same words checked again after a page reload
        store.log_event("prompt_blocked", workshop["id"], "violence", once="digest-a")
    assert store.count_events("prompt_blocked", workshop["id"]) == 1
    for key in ("b", "c", "d"):
        store.log_event("prompt_blocked", workshop["id"], "violence", once=key)
    assert len(db.Store._counted_once) == 3  # the oldest key ("digest-a") was let go
    store.log_event("prompt_blocked", workshop["id"], "violence", once="d")
    assert store.count_events("prompt_blocked", workshop["id"]) == 4
