"""Retention: when a workshop's time is up, everything it owned goes, files and rows together.

The workshop is built the way the pages build it (uploads and working copies under the workshop's
folder, jobs run through the real runner, a quiz game with players), its dates are moved back, the
purge runs, and the whole data dir is then read byte by byte: no name, code, job id or uploaded
picture of the workshop may be left anywhere (database, write-ahead log, queue, files).
"""
from __future__ import annotations

import hashlib
import io
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
from PIL import Image

from pipelines.blindtest import pack as packs
from pipelines.blindtest.game import QuizGames
from pipelines.jobs.queue import JobQueue, get_huey
from pipelines.store import write_bytes_atomic
from tests.fixtures.models_blindtest import write_pack


def _picture(seed: int, size: tuple[int, int] = (64, 48)) -> bytes:
    pixels = np.random.default_rng(seed).integers(0, 255, (size[1], size[0], 3), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="PNG")
    return out.getvalue()


def _move_back(store, workshop_id: int, days: int) -> None:
    """What a clock two days later sees: every date of the workshop moved back."""
    def back(text: str | None) -> str | None:
        return (datetime.fromisoformat(text) - timedelta(days=days)).isoformat(timespec="seconds") if text else text

    with store.transaction() as conn:
        day = date.fromisoformat(conn.execute("SELECT day FROM workshops WHERE id=?", (workshop_id,)).fetchone()[0])
        conn.execute("UPDATE workshops SET day=? WHERE id=?", ((day - timedelta(days=days)).isoformat(), workshop_id))
        for table, columns in (("artifacts", ("created_at", "expires_at")), ("jobs", ("created_at", "finished_at")),
                               ("quiz_games", ("created_at",))):
            for row in conn.execute(f"SELECT rowid AS r, {', '.join(columns)} FROM {table} WHERE workshop_id=?",
                                    (workshop_id,)).fetchall():
                conn.execute(f"UPDATE {table} SET {', '.join(c + '=?' for c in columns)} WHERE rowid=?",
                             (*[back(row[c]) for c in columns], row["r"]))


def _build_workshop(store, tmp_path, name: str, kids: tuple[str, str]):
    workshop = store.create_workshop(name, retention="day")
    wid = workshop["id"]
    people = [store.add_participant(wid, kid, consent=True, consent_by="Parent") for kid in kids]
    queue = JobQueue(store, huey=get_huey(immediate=True))
    uploads = {}
    # A patron's photo (old photos page: working folder, then the analysis job).
    photo = write_bytes_atomic(store.artifact_dir(wid, "photos-abc123") / "source.png", _picture(wid * 10 + 1))
    uploads["photo"] = photo.read_bytes()
    queue.submit("photo.analyze", {"source": str(photo)}, owner=people[0]["id"], workshop_id=wid)
    # A child's drawing (comics page), inked on the processor: a gallery creation.
    drawing = write_bytes_atomic(store.artifact_dir(wid, "comics-xyz") / "drawing.png", _picture(wid * 10 + 2))
    uploads["drawing"] = drawing.read_bytes()
    queue.submit("imagegen.stylise", {"image": str(drawing), "style": "manga"}, owner=people[1]["id"],
                 workshop_id=wid)
    # A postcard from an uploaded photo.
    front = write_bytes_atomic(store.artifact_dir(wid, "postcards") / "photo-1234.png", _picture(wid * 10 + 3))
    uploads["postcard"] = front.read_bytes()
    queue.submit("postcards.make", {"cards": [{"front": str(front), "title": f"Carte de {kids[0]}",
                                               "message": f"Bisous, {kids[1]}"}], "copies": 1, "duplex": True},
                 owner=people[0]["id"], workshop_id=wid)
    # A patron's portrait photo (portraits page: working folder, then framing).
    sitter = write_bytes_atomic(store.artifact_dir(wid, "portrait-9f8e") / "photo.png",
                                _picture(wid * 10 + 4, (160, 200)))
    uploads["portrait"] = sitter.read_bytes()
    queue.submit("portrait.frame", {"source": str(sitter)}, owner=people[1]["id"], workshop_id=wid)
    # A quiz game with two pseudonyms and an answer.
    games = QuizGames(store)
    game = games.create(packs.load_folder(write_pack(tmp_path / f"pack-{wid}")), seconds=20, seed=1,
                        workshop_id=wid)
    tokens = [games.join(game["code"], f"{kid}-quiz")[0]["token"] for kid in kids]
    games.next_question(game["id"], -1)
    games.answer(tokens[0], 0, 1)
    store.log_event("prompt_blocked", wid, f"{kids[0]} a écrit un mot bloqué")
    jobs = [j.id for j in queue.list(workshop_id=wid)]
    assert {j.state for j in queue.list(workshop_id=wid)} == {"done"}, [j.error for j in queue.list(workshop_id=wid)]
    return workshop, jobs, uploads, game


def _everything(data_dir) -> dict:
    return {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}


def test_purge_leaves_nothing_of_an_ended_workshop_anywhere_in_the_data_dir(store, atelier_env, tmp_path):
    gone, gone_jobs, gone_uploads, gone_game = _build_workshop(store, tmp_path, "Atelier Photos Mercredi",
                                                               ("Zéphyrine", "Barnabé"))
    kept = store.create_workshop("Atelier Samedi", retention="day")  # still in its day: kept whole
    for kid in ("Ondine", "Hippolyte"):
        store.add_participant(kept["id"], kid)
    kept_photo = write_bytes_atomic(store.artifact_dir(kept["id"], "photos-k") / "source.png", _picture(7))
    kept_job = JobQueue(store, huey=get_huey(immediate=True)).submit(
        "imagegen.stylise", {"image": str(kept_photo), "style": "manga"}, workshop_id=kept["id"])
    folder = store.workshop_folder(gone["id"])
    assert any(p.name == "source.png" for p in folder.rglob("*"))  # uploads live in the workshop's folder
    plan = store.purge_plan(gone["id"])
    assert plan["when"] == datetime.combine(date.today(), datetime.max.time()).replace(microsecond=0)
    assert plan["artifacts"] == 2 and plan["jobs"] == 4 and plan["quiz_games"] == 1 and plan["quiz_players"] == 2
    assert plan["files"] >= 10 and plan["bytes"] > 0

    _move_back(store, gone["id"], days=2)
    counts = store.purge_expired()
    assert counts["workshops"] == 1 and counts["jobs"] == 4 and counts["participants"] == 2

    files = _everything(atelier_env.data_dir)
    secrets = [gone["name"], gone["code"], "Zéphyrine", "Barnabé", "Zéphyrine-quiz", gone_game["code"],
               f"/w{gone['id']}/", *gone_jobs]  # its folder (not "popen-gw1/" of a parallel run's temp dir)
    for path, data in files.items():
        for secret in secrets:
            for encoded in {secret.encode("utf-8"), secret.encode("utf-16-le")}:
                assert encoded not in data, f"{secret!r} is still in {path}"
    hashes = {hashlib.sha256(data).hexdigest() for data in files.values()}
    for kind, data in gone_uploads.items():
        assert hashlib.sha256(data).hexdigest() not in hashes, f"the {kind} upload is still in the data dir"
    assert not folder.exists() and store.workshop(gone["id"]) is None
    # The other workshop, still in its day, keeps all of its things.
    assert store.workshop(kept["id"]) and len(store.participants(kept["id"])) == 2
    assert hashlib.sha256(kept_photo.read_bytes()).hexdigest() in hashes
    kept_result = JobQueue(store, huey=get_huey(immediate=True)).get(kept_job)
    assert kept_result.state == "done" and Path(kept_result.result["files"]["image"]).exists()
    assert len(store.artifacts(workshop_id=kept["id"])) == 1


def test_quiz_games_follow_their_workshop_and_go_without_a_new_game(store, tmp_path):
    week = store.create_workshop("Semaine", retention="week")
    games = QuizGames(store)
    game = games.create(packs.load_folder(write_pack(tmp_path / "pack")), seconds=20, seed=1, workshop_id=week["id"])
    games.join(game["code"], "Léa")
    store.purge_expired(datetime.now() + timedelta(days=3))
    assert games.game(game["id"]) is not None  # within the week
    store.purge_expired(datetime.now() + timedelta(days=8))  # no new game started: the purge alone does it
    assert games.game(game["id"]) is None
    with store.connect() as conn:
        assert conn.execute("SELECT COUNT(*) FROM quiz_players").fetchone()[0] == 0


def test_work_done_outside_any_workshop_goes_after_the_retention_days(store, tmp_path):
    import os
    import time

    queue = JobQueue(store, huey=get_huey(immediate=True))
    upload = write_bytes_atomic(store.artifact_dir(None, "photos-loose") / "source.png", _picture(99))
    job_id = queue.submit("photo.analyze", {"source": str(upload)})
    games = QuizGames(store)
    game = games.create(packs.load_folder(write_pack(tmp_path / "pack")), seconds=20, seed=1)
    games.join(game["code"], "Sans-atelier")
    store.log_event("prompt_blocked", None, "un mot bloqué tapé hors atelier")
    result_dir = store.job_dir(None, job_id)
    assert queue.get(job_id).state == "done" and result_dir.exists()
    store.purge_expired(datetime.now() + timedelta(days=3))
    assert upload.exists() and result_dir.exists() and games.game(game["id"]) is not None
    old = time.time() - 8 * 86400
    for path in store.workshop_folder(None).rglob("*"):
        os.utime(path, (old, old))
    counts = store.purge_expired(datetime.now() + timedelta(days=8))
    assert counts["jobs"] == 1 and counts["quiz_games"] == 1 and counts["files"] >= 1
    assert not upload.exists() and not result_dir.exists() and games.game(game["id"]) is None
    assert store.count_events("prompt_blocked") == 0
