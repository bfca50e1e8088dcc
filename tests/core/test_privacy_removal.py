"""Removing a participant, or deleting a creation from the gallery, leaves no file of theirs on disk: their uploads
(kept in their own folder), every file their jobs wrote (a postcard's back with their message and name, which the
creation's record does not list), and the job rows quoting their words."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def _picture(path: Path, shade: int) -> str:
    y, x = np.mgrid[0:300, 0:420]
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.stack([x % 256, y % 256, np.full_like(x, shade)], -1).astype(np.uint8)).save(path)
    return str(path)


def _postcard_of(store, queue, workshop, person, message: str) -> str:
    """What the postcards page does for `person`: their photo saved in the store, then a postcards.make job."""
    upload = _picture(store.artifact_dir(workshop["id"], "postcards", owner=person["id"]) / "photo-1a2b3c4d.png",
                      40 * person["id"])
    card = {"front": upload, "title": f"Carte de {person['name']}", "message": message}
    job_id = queue.submit("postcards.make", {"cards": [card], "copies": 4, "sheet": "4up", "duplex": True},
                          owner=person["id"], workshop_id=workshop["id"])
    assert queue.get(job_id).state == "done"
    return job_id


@pytest.fixture
def two_children(store, immediate_queue, workshop):
    tom = store.add_participant(workshop["id"], "Tom", minor=False)
    before_lea = _files(store.files_dir)
    lea = store.add_participant(workshop["id"], "Léa", minor=False)
    lea_job = _postcard_of(store, immediate_queue, workshop, lea, "Bisous de Léa")
    lea_files = _files(store.files_dir) - before_lea
    tom_job = _postcard_of(store, immediate_queue, workshop, tom, "Salut de Tom")
    tom_files = _files(store.files_dir) - before_lea - lea_files
    return lea, lea_job, lea_files, tom, tom_job, tom_files


def test_removing_a_participant_leaves_no_file_or_job_of_theirs(store, immediate_queue, two_children):
    lea, lea_job, lea_files, tom, tom_job, tom_files = two_children
    names = {p.name for p in lea_files}
    assert "apercu-verso.png" in names and "photo-1a2b3c4d.png" in names  # the back and the upload were made
    store.remove_participant(lea["id"])
    left = _files(store.files_dir)
    assert not (left & lea_files), sorted(str(p) for p in left & lea_files)
    assert tom_files <= left  # the other child's card and photo stay
    assert store.participant(lea["id"]) is None and not store.artifacts(owner=lea["id"])
    with pytest.raises(KeyError):
        immediate_queue.get(lea_job)  # the job's row (its parameters quote her message) is gone too
    assert immediate_queue.get(tom_job).state == "done"
    with store.connect() as conn:
        assert not conn.execute("SELECT 1 FROM jobs WHERE params LIKE '%Léa%'").fetchall()


def test_deleting_a_creation_removes_every_file_its_job_wrote(store, immediate_queue, two_children):
    lea, lea_job, lea_files, tom, tom_job, tom_files = two_children
    card = store.artifacts(owner=lea["id"], kind="postcard")[0]
    assert set(card.files) == {"pdf", "preview"}  # the record lists the sheet, not the back with her words
    job_dir = store.job_dir(card.workshop_id, lea_job)
    assert (job_dir / "apercu-verso.png").exists()
    store.delete_artifact(card.id)
    assert not job_dir.exists()
    with pytest.raises(KeyError):
        immediate_queue.get(lea_job)
    assert tom_files <= _files(store.files_dir)


def test_a_job_whose_owner_was_removed_before_it_ran_keeps_nothing(store, workshop):
    from pipelines.jobs.queue import JobQueue
    from pipelines.jobs.runner import run_job

    queue = JobQueue(store)
    zoe = store.add_participant(workshop["id"], "Zoé", minor=False)
    upload = _picture(store.artifact_dir(workshop["id"], "postcards", owner=zoe["id"]) / "photo-z.png", 90)
    job_id = queue.submit("postcards.make", {"cards": [{"front": upload, "message": "Coucou"}]},
                          owner=zoe["id"], workshop_id=workshop["id"])
    store.remove_participant(zoe["id"])
    assert run_job(job_id, store) == "missing"
    assert not _files(store.files_dir) and not store.artifacts(workshop_id=workshop["id"])


def test_files_kept_before_participants_had_a_folder_go_with_them(store, workshop, tmp_path):
    """Uploads and work folders written in the workshop's shared folders (before each participant had their own)
    are found through the participant's work in progress and job parameters; someone else's stay."""
    from pipelines.jobs.queue import JobQueue
    from pipelines.store.work import save_work

    root = store.workshop_folder(workshop["id"])
    lea = store.add_participant(workshop["id"], "Léa", minor=False)
    tom = store.add_participant(workshop["id"], "Tom", minor=False)
    her_photo = _picture(root / "postcards" / "photo-aaaa1111.png", 10)
    her_comic = root / "comics-0123456789ab"
    her_drawing = _picture(her_comic / "drawing-1.png", 20)
    _picture(her_comic / "panel-1-v1.png", 30)  # a file of her comic no row names
    his_photo = _picture(root / "postcards" / "photo-bbbb2222.png", 40)
    shared = _picture(root / "gallery" / "case.png", 50)  # the facilitator's creation she made a card of
    store.add_artifact(workshop_id=workshop["id"], owner=None, kind="image", files={"image": shared})
    save_work(store, lea["id"], "postcard", {"postcard_front": her_photo})
    save_work(store, lea["id"], "comic", {"comic": {"id": "0123456789ab", "panels": [{"drawing": her_drawing}]}})
    save_work(store, tom["id"], "postcard", {"postcard_front": his_photo})
    outside = _picture(tmp_path / "elsewhere" / "outside.png", 60)  # not in the store: never touched
    JobQueue(store).submit("postcards.make", {"cards": [{"front": shared}, {"front": outside}]},
                           owner=lea["id"], workshop_id=workshop["id"])
    store.remove_participant(lea["id"])
    assert not Path(her_photo).exists() and not her_comic.exists()
    assert Path(his_photo).exists() and Path(shared).exists() and Path(outside).exists()


def test_a_job_running_when_its_owner_is_removed_keeps_nothing(plugin_env, store, workshop):
    import threading

    from pipelines.jobs.queue import JobQueue
    from pipelines.jobs.runner import run_job
    from tests.core.conftest import wait_until

    queue = JobQueue(store)
    lea = store.add_participant(workshop["id"], "Léa", minor=False)
    job_id = queue.submit("test.slow", {"seconds": 1.5, "title": "Léa"}, owner=lea["id"], workshop_id=workshop["id"])
    outcome = {}
    worker = threading.Thread(target=lambda: outcome.update(state=run_job(job_id, store)))
    worker.start()
    wait_until(lambda: queue.get(job_id).progress > 0.05, timeout=20)
    store.remove_participant(lea["id"])
    worker.join(timeout=30)
    assert outcome["state"] == "cancelled"
    assert not _files(store.files_dir) and not store.artifacts(workshop_id=workshop["id"])
