"""A big scan through the page: what the analysis measured is not measured again by the restore that follows,
the damage overlay is a preview, and the analysis's time is announced from the photo's size (on the page, and
while the job waits or starts)."""
from datetime import datetime

import numpy as np
import pytest
from PIL import Image


@pytest.fixture
def memo(monkeypatch):
    """The measurements kept for photos of 10,000 pixels or more (a 12 MP scan's rule, at a test's size)."""
    from pipelines.photo import imaging

    monkeypatch.setattr(imaging, "MEMO_PIXELS", 10_000)
    imaging._memo.clear()
    yield imaging
    imaging._memo.clear()


def test_a_big_photo_is_measured_once_per_content_and_arguments(memo):
    calls = []

    @memo.once_per_photo
    def measure(rgb, strength=0.5, aged=None):
        calls.append(strength)
        return {"mask": rgb[..., 0] > strength}

    rgb = np.random.default_rng(0).random((120, 100, 3), dtype=np.float32)
    first = measure(rgb)
    again = measure(rgb.copy(), 0.5, aged=None)  # the same photo, the defaults written out: the same measurement
    assert calls == [0.5]
    np.testing.assert_array_equal(first["mask"], again["mask"])
    again["mask"][:] = True  # a caller changing what it was given changes nobody else's
    assert not measure(rgb)["mask"].all() and calls == [0.5]
    measure(rgb, 0.7)  # other arguments: measured
    touched = rgb.copy()
    touched[5, 5, 0] += 0.01  # one pixel changed: another photo
    measure(touched)
    assert calls == [0.5, 0.7, 0.5]
    small = rgb[:50, :50]  # under MEMO_PIXELS: measured each time
    measure(small)
    measure(small)
    assert calls == [0.5, 0.7, 0.5, 0.5, 0.5]


def test_the_kept_measurements_stay_within_their_memory(memo, monkeypatch):
    calls = []

    @memo.once_per_photo
    def mask_of(rgb):
        calls.append(1)
        return rgb[..., 0] > 0.5  # 12,000 bytes for a 120 x 100 photo

    monkeypatch.setattr(memo, "MEMO_BYTES", 30_000)  # room for two masks
    photos = [np.random.default_rng(seed).random((120, 100, 3), dtype=np.float32) for seed in range(3)]
    for rgb in photos:
        mask_of(rgb)
    assert len(calls) == 3 and len(memo._memo) == 2
    mask_of(photos[2])
    mask_of(photos[1])
    assert len(calls) == 3  # the last two kept
    mask_of(photos[0])  # the oldest was dropped: measured again
    assert len(calls) == 4


def test_the_restore_after_the_analysis_searches_no_damage_again_and_gives_the_same_photo(memo, monkeypatch,
                                                                                           astronaut):
    from bench._photo_damage import age
    from pipelines.photo import analysis, repair
    from pipelines.photo.chain import RestoreRequest, restore

    aged = age(astronaut[::2, ::2].copy(), 7, tint_mode="sepia", fade=0.35, cracks=2, polarity=1).image
    request = RestoreRequest(steps=["repair", "tone", "denoise"])
    monkeypatch.setattr(memo, "MEMO_PIXELS", 10 ** 9)
    alone = restore(aged, request).image  # nothing kept: the restore as it ran before
    monkeypatch.setattr(memo, "MEMO_PIXELS", 10_000)
    searches = []
    search = repair._search_at
    monkeypatch.setattr(repair, "_search_at", lambda *a, **k: searches.append(1) or search(*a, **k))
    found, mask = analysis.analyse(aged)
    assert found.print_corners is None and searches  # a plain scan: its damage searched on the photo
    seen = len(searches)
    after = restore(aged, request).image
    assert len(searches) == seen  # the restore took the analysis's search (the same photo, the same strength)
    np.testing.assert_array_equal(after, alone)


def test_the_damage_overlay_is_a_bounded_preview_that_keeps_thin_cracks():
    from pipelines.photo.jobs import overlay_preview

    rgb = np.full((600, 800, 3), 0.5, np.float32)
    mask = np.zeros((600, 800), bool)
    mask[301, 40:760] = True  # a crack one pixel wide
    out = overlay_preview(rgb, mask, side=200)
    assert out.shape == (150, 200, 3)
    red = (out[..., 0] > 0.7) & (out[..., 1] < 0.3)
    assert red[74:77, 12:188].any(axis=0).all()  # seen along its whole length on the preview
    assert not red[:60].any() and not red[90:].any()
    small = overlay_preview(rgb[:150, :200], mask[:150, :200], side=200)  # small enough: drawn as it is
    assert small.shape == (150, 200, 3)


def test_the_analysis_time_is_announced_from_the_photo_size(atelier_env, immediate_queue, store, monkeypatch,
                                                            tmp_path):
    from streamlit.testing.v1 import AppTest

    from pipelines.config import ROOT
    from ui.runtime import get_queue, get_store

    sizes = {}
    for side in (100, 200):
        path = tmp_path / f"p{side}.png"
        Image.new("RGB", (side, side), (120, 110, 100)).save(path)
        job_id = immediate_queue.submit("photo.analyze", {"source": str(path)})
        job = immediate_queue.get(job_id)
        assert job.state == "done" and job.result["work"] == pytest.approx(side * side / 1e6)
        sizes[job_id] = side
    with store.transaction() as conn:  # the two analyses took 2 s and 8 s: 200 s per megapixel both
        for job_id, side in sizes.items():
            conn.execute("UPDATE jobs SET started_at=?, finished_at=? WHERE id=?",
                         ("2026-01-01T10:00:00", f"2026-01-01T10:00:0{2 if side == 100 else 8}", job_id))
    assert immediate_queue.expected_seconds("photo.analyze", work=0.25) == pytest.approx(50.0)
    from pipelines.jobs.queue import JobQueue, get_huey

    waiting = JobQueue(store, huey=get_huey(immediate=False))  # a job waiting behind nothing: its own time
    job = waiting.get(waiting.submit("photo.analyze", {"source": str(tmp_path / "p100.png"), "work": 0.25}))
    assert job.state == "queued" and job.eta_seconds == pytest.approx(50.0 * (job.position + 1))
    with store.transaction() as conn:  # ...and just started: the same size's time, not the median of all sizes
        conn.execute("UPDATE jobs SET state='running', progress=0.02, started_at=? WHERE id=?",
                     (datetime.now().isoformat(timespec="seconds"), job.id))
    assert 45 <= waiting.get(job.id).eta_seconds <= 50
    with store.transaction() as conn:
        conn.execute("UPDATE jobs SET state='cancelled' WHERE id=?", (job.id,))
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    monkeypatch.chdir(ROOT)
    get_store.clear()
    get_queue.clear()
    source = tmp_path / "scan.png"
    Image.new("RGB", (500, 500), (130, 120, 110)).save(source)  # 0.25 MP, its analysis not done yet
    queued = waiting.submit("photo.analyze", {"source": str(source), "work": 0.25})  # no worker: it waits
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["photo"] = {"source": str(source), "analysis_job": queued}
    at.switch_page("pages/photos.py").run()
    assert not at.exception
    assert any("Durée prévue : environ 50 s" in c.value for c in at.caption), [c.value for c in at.caption]
    with store.transaction() as conn:  # once it runs, its progress line says the time left, alone
        conn.execute("UPDATE jobs SET state='running', progress=0.5, started_at=? WHERE id=?",
                     (datetime.now().isoformat(timespec="seconds"), queued))
    at.run()
    assert not any("Durée prévue" in c.value for c in at.caption), [c.value for c in at.caption]
    get_store.clear()
    get_queue.clear()
