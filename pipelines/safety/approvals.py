"""Children's AI pictures that wait for the facilitator's OK (a per-workshop setting).

When a workshop asks for it, a picture the AI drew for a participant (job kind ``imagegen.generate``
with an owner) is held: the job finishes with ``result["review"] = "pending"`` and no artifact, a
row in ``picture_reviews`` keeps what the artifact would have been, and the pages show "waiting for
the facilitator" instead of the picture. The facilitator approves (the artifact is created: the
gallery, prints and shares may use it) or rejects with a category (the picture file is deleted: it
can never reach the gallery or a PDF; the refusal is counted with its category, event
``picture_rejected``). Pictures the facilitator makes (no owner) never wait.
"""
from __future__ import annotations

import json
from pathlib import Path

SETTING = "safety.approve_pictures.{workshop_id}"
STATES = ("pending", "approved", "rejected")


def required(store, workshop_id: int | None) -> bool:
    """Does this workshop hold its children's AI pictures for the facilitator's OK?"""
    if store is None or workshop_id is None:
        return False
    return store.get_setting(SETTING.format(workshop_id=workshop_id), "0") == "1"


def set_required(store, workshop_id: int, on: bool) -> None:
    store.set_setting(SETTING.format(workshop_id=workshop_id), "1" if on else "0")


def hold(store, job_id: str, workshop_id: int | None, owner: int | None, artifact: dict) -> None:
    """Keep a finished picture job waiting; `artifact` is what the runner would have recorded."""
    from ..store.db import _iso, now

    with store.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO picture_reviews(job_id, workshop_id, owner, state, artifact, category, "
                     "created_at) VALUES(?,?,?,?,?,?,?)",
                     (job_id, workshop_id, owner, "pending", json.dumps(artifact), "", _iso(now())))


def review(store, job_id: str) -> dict | None:
    """The review row of a job (state, category, artifact_id...), or None when the picture never waited."""
    with store.connect() as conn:
        row = conn.execute("SELECT * FROM picture_reviews WHERE job_id=?", (job_id,)).fetchone()
    return dict(row) if row else None


def pending(store, workshop_id: int) -> list[dict]:
    """Pictures waiting in a workshop, oldest first, each with the path of its picture ('image')."""
    from ..jobs.model import JobResult

    with store.connect() as conn:
        rows = [dict(r) for r in conn.execute(
            "SELECT r.*, j.result FROM picture_reviews r JOIN jobs j ON j.id = r.job_id "
            "WHERE r.workshop_id=? AND r.state='pending' ORDER BY r.created_at, r.rowid", (workshop_id,))]
    for row in rows:
        row["image"] = JobResult.from_stored(json.loads(row.pop("result") or "{}"), store.files_dir).files.get(
            "image", "")
    return rows


def _job_files(store, job_id: str) -> dict[str, str]:
    from ..jobs.model import JobResult

    with store.connect() as conn:
        row = conn.execute("SELECT result FROM jobs WHERE id=?", (job_id,)).fetchone()
    return JobResult.from_stored(json.loads(row["result"] or "{}"), store.files_dir).files if row else {}


def approve(store, job_id: str) -> dict:
    """The picture may be seen, printed and shared: its artifact is recorded; returns the review row."""
    from ..store.db import _iso, now

    row = review(store, job_id)
    if row is None or row["state"] != "pending":
        raise ValueError(f"No picture waits for job {job_id!r}.")
    artifact = json.loads(row["artifact"])
    files = _job_files(store, job_id)
    keep = artifact.get("files") or list(files)
    created = store.add_artifact(workshop_id=row["workshop_id"], owner=row["owner"], kind=artifact["kind"],
                                 files={k: files[k] for k in keep}, title=artifact.get("title", ""),
                                 prompt=artifact.get("prompt", ""), params=artifact.get("params"),
                                 model=artifact.get("model", ""), seed=artifact.get("seed"),
                                 ai_made=bool(artifact.get("ai_made")), job_id=job_id)
    with store.transaction() as conn:
        conn.execute("UPDATE picture_reviews SET state='approved', artifact_id=?, decided_at=? WHERE job_id=?",
                     (created["id"], _iso(now()), job_id))
    return review(store, job_id)


def reject(store, job_id: str, category: str = "image") -> dict:
    """The picture is refused: its file is deleted and the refusal counted with `category`."""
    from ..store.db import _iso, now

    row = review(store, job_id)
    if row is None or row["state"] != "pending":
        raise ValueError(f"No picture waits for job {job_id!r}.")
    for path in _job_files(store, job_id).values():
        Path(path).unlink(missing_ok=True)
    with store.transaction() as conn:
        conn.execute("UPDATE picture_reviews SET state='rejected', category=?, decided_at=? WHERE job_id=?",
                     (category, _iso(now()), job_id))
    store.log_event("picture_rejected", row["workshop_id"], category, participant_id=row["owner"])
    return review(store, job_id)


def refusals(store, workshop_id: int) -> dict[str, int]:
    """Refusals of a workshop by category: refused sentences, rejected pictures, pictures the checker replaced."""
    counts: dict[str, int] = {}
    for kind in ("prompt_blocked", "picture_rejected"):
        for category, n in store.events_by_detail(kind, workshop_id).items():
            counts[category or "image"] = counts.get(category or "image", 0) + n
    flagged = store.count_events("image_flagged", workshop_id)
    if flagged:
        counts["image"] = counts.get("image", 0) + flagged
    return counts
