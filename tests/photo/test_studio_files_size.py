"""The studio's own files are not held to the upload's byte limit; enlargements stop at the pixel limit,
said before the run; the announced time follows the photo's size."""
import io

import numpy as np
import pytest
from PIL import Image

from pipelines.i18n import UserError


@pytest.fixture
def small_limits(atelier_env, monkeypatch):
    """Upload limits of 1 MB and 1 MP: the same kind as 25 MB / 50 MP, at a size a test builds in a blink."""
    from pipelines import config

    monkeypatch.setenv("ATELIER_UPLOAD_MAX_MB", "1")
    monkeypatch.setenv("ATELIER_UPLOAD_MAX_MEGAPIXELS", "1")
    config.reset_settings()
    yield config.settings()
    config.reset_settings()


def grainy_scan(size=(800, 800)) -> bytes:
    """A grainy photo as a JPEG under 1 MB whose lossless PNG copy weighs more than 1 MB."""
    rng = np.random.default_rng(3)
    base = np.linspace(40, 210, size[0])[None, :, None] + rng.normal(0, 28, (size[1], size[0], 3))
    buffer = io.BytesIO()
    Image.fromarray(np.clip(base, 0, 255).astype(np.uint8)).save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def test_working_copy_heavier_than_the_upload_is_analysed(small_limits, immediate_queue, tmp_path):
    from pipelines.safety.uploads import open_picture, sanitize_image

    upload = grainy_scan()
    assert len(upload) < 1024 * 1024
    clean = sanitize_image(upload)  # accepted where the person hands it in
    source = tmp_path / "source.png"
    source.write_bytes(clean.png_bytes())
    assert source.stat().st_size > 1024 * 1024  # the working copy weighs more than the upload limit
    with pytest.raises(UserError) as refused:  # the same bytes handed in as an upload are still refused
        sanitize_image(source.read_bytes())
    assert refused.value.key == "uploads.too_big"
    assert open_picture(source).size == (800, 800)
    job = immediate_queue.get(immediate_queue.submit("photo.analyze", {"source": str(source)}))
    assert job.state == "done", job.error
    job = immediate_queue.get(immediate_queue.submit("photo.restore", {"source": str(source), "steps": ["tone"]}))
    assert job.state == "done", job.error
    assert Image.open(job.files()["restored"]).size == (800, 800)


def test_portrait_and_cover_read_heavy_studio_files(small_limits, tmp_path):
    from pipelines.export.dvd import open_cover_photo
    from pipelines.portrait.jobs import _read

    source = tmp_path / "photo.png"
    Image.open(io.BytesIO(grainy_scan())).save(source)
    assert source.stat().st_size > 1024 * 1024
    assert _read(str(source)).shape == (800, 800, 3)
    assert open_cover_photo(source).size == (800, 800)


def test_enlargement_over_the_pixel_limit_is_refused_before_the_run(small_limits):
    from pipelines.photo.chain import RestoreRequest, largest_enlargement, restore

    assert largest_enlargement(800, 800) is None  # 0.64 MP x2 = 2.56 MP > 1 MP
    assert largest_enlargement(400, 300) == 2  # 0.48 MP fits, x4 (1.92 MP) does not
    assert largest_enlargement(200, 200) == 4
    calls = []
    with pytest.raises(UserError) as refused:
        restore(np.full((800, 800, 3), 0.5, np.float32), RestoreRequest(steps=["tone", "upscale"], scale=2),
                progress=lambda *a: calls.append(a))
    assert refused.value.key == "photo.sizes.too_big_to_enlarge" and not calls  # nothing ran
    text = refused.value.message("fr")
    assert "2.56" not in text and "3 Mpx" in text and "1 Mpx" in text, text
    out = restore(np.full((300, 400, 3), 0.5, np.float32), RestoreRequest(steps=["upscale"], scale=2))
    assert out.image.shape == (600, 800, 3)


def test_expected_time_follows_the_photo_size(small_limits, immediate_queue, store, tmp_path):
    from PIL import Image as PILImage

    sizes = {}
    for side in (100, 200):
        path = tmp_path / f"p{side}.png"
        PILImage.new("RGB", (side, side), (120, 110, 100)).save(path)
        job_id = immediate_queue.submit("photo.restore", {"source": str(path), "steps": ["tone"]})
        assert immediate_queue.get(job_id).state == "done"
        sizes[job_id] = side
    with store.transaction() as conn:  # the two runs took 2 s and 8 s: 0.02 MP and 0.08 MP read + made
        for job_id, side in sizes.items():
            conn.execute("UPDATE jobs SET started_at=?, finished_at=? WHERE id=?",
                         ("2026-01-01T10:00:00", f"2026-01-01T10:00:0{2 if side == 100 else 8}", job_id))
    assert immediate_queue.expected_seconds("photo.restore") == pytest.approx(5.0)  # the plain median
    # 100 s per megapixel in both runs: a 6000 x 4000 scan read and made is announced at 4800 s, not 5 s
    assert immediate_queue.expected_seconds("photo.restore", work=48.0) == pytest.approx(4800.0)


def test_the_page_offers_only_the_enlargements_the_studio_can_open(small_limits, immediate_queue, monkeypatch,
                                                                   tmp_path):
    from streamlit.testing.v1 import AppTest

    from pipelines.config import ROOT
    from ui.runtime import get_queue, get_store

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    monkeypatch.chdir(ROOT)
    for side, offered in ((800, None), (400, [2])):  # 0.64 MP: no enlargement under 1 MP; 0.16 MP: x2 only
        get_store.clear()
        get_queue.clear()
        source = tmp_path / f"photo-{side}.png"
        Image.new("RGB", (side, side * 3 // 4), (130, 120, 110)).save(source)
        job_id = immediate_queue.submit("photo.analyze", {"source": str(source)})
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.session_state["photo"] = {"source": str(source), "analysis_job": job_id}
        at.switch_page("pages/photos.py").run()
        assert not at.exception
        if offered is None:
            box = at.checkbox(key="photo-step-upscale-off")
            assert box.disabled and not box.value
            assert any("Pas besoin d’agrandir" in c.value for c in at.caption)
        else:
            at.checkbox(key="photo-step-upscale").check().run()
            assert at.radio(key="photo-scale").options == ["x2"]
    get_store.clear()
    get_queue.clear()
