"""Children's AI pictures that wait for the facilitator's OK: a real picture job (tiny SD-Turbo) held,
approved into the gallery, or rejected and deleted, counted by category."""
from __future__ import annotations

from pathlib import Path

from pipelines.jobs.queue import JobQueue
from pipelines.jobs.runner import run_job
from pipelines.safety import approvals

PARAMS = {"prompt": "un chat qui dort", "seed": 3, "steps": 1, "width": 64, "height": 64}


def _picture_job(store, workshop, owner):
    queue = JobQueue(store)
    job_id = queue.submit("imagegen.generate", PARAMS, owner=owner, workshop_id=workshop["id"])
    assert run_job(job_id, store) == "done"
    return queue.get(job_id)


def test_a_childs_picture_waits_then_is_approved(sd_turbo_installed, store, workshop):
    child = store.add_participant(workshop["id"], "Zoé")
    assert not approvals.required(store, workshop["id"])
    approvals.set_required(store, workshop["id"], True)
    job = _picture_job(store, workshop, child["id"])
    assert job.result["review"] == "pending" and "artifact_id" not in job.result
    assert store.artifacts(workshop_id=workshop["id"]) == []  # not in the gallery, nothing to print
    waiting = approvals.pending(store, workshop["id"])
    assert [w["job_id"] for w in waiting] == [job.id] and waiting[0]["owner"] == child["id"]
    assert Path(waiting[0]["image"]).is_file()
    row = approvals.approve(store, job.id)
    assert row["state"] == "approved" and approvals.pending(store, workshop["id"]) == []
    [artifact] = store.artifacts(workshop_id=workshop["id"])
    assert artifact["id"] == row["artifact_id"] and artifact["ai_made"] and artifact["owner"] == child["id"]


def test_a_rejected_picture_is_deleted_and_counted(sd_turbo_installed, store, workshop):
    child = store.add_participant(workshop["id"], "Zoé")
    approvals.set_required(store, workshop["id"], True)
    job = _picture_job(store, workshop, child["id"])
    image = Path(job.files()["image"])
    assert image.is_file()
    assert approvals.reject(store, job.id, "violence")["state"] == "rejected"
    assert not image.exists() and store.artifacts(workshop_id=workshop["id"]) == []
    assert approvals.refusals(store, workshop["id"]) == {"violence": 1}
    try:
        approvals.approve(store, job.id)
    except ValueError:
        pass
    else:
        raise AssertionError("a rejected picture cannot be approved afterwards")


def test_the_facilitators_pictures_and_other_workshops_do_not_wait(sd_turbo_installed, store, workshop):
    approvals.set_required(store, workshop["id"], True)
    job = _picture_job(store, workshop, None)  # the facilitator's own picture
    assert "review" not in job.result and job.result["artifact_id"]
    approvals.set_required(store, workshop["id"], False)
    child = store.add_participant(workshop["id"], "Zoé")
    job = _picture_job(store, workshop, child["id"])
    assert "review" not in job.result and approvals.review(store, job.id) is None
