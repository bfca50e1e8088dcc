"""A 36 MP phone photo on the Portraits page: framed from a copy reduced to WORK_MEGAPIXELS (the face search, the
two PNG copies and the reading of the whole photo took 97 s at load 8-9 before « J'ai trouvé ton visage »)."""
from __future__ import annotations

import io
import time
from pathlib import Path

from PIL import Image

from pipelines.portrait.make import LONG_SIDE, WORK_MEGAPIXELS
from pipelines.portrait.photos import astronaut
from pipelines.safety.uploads import sanitize_image


def _phone_photo() -> bytes:
    """A 7360 x 4912 JPEG (36 MP, a phone's full size), the astronaut in the middle of a plain wall."""
    wall = Image.new("RGB", (7360, 4912), (180, 170, 160))
    face = Image.fromarray(astronaut()).resize((2400, 2400))
    wall.paste(face, (2480, 1256))
    buffer = io.BytesIO()
    wall.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_a_phone_photo_is_read_at_the_portraits_working_size(atelier_env):
    data = _phone_photo()
    start = time.perf_counter()
    clean = sanitize_image(data, downscale=True, fit_megapixels=WORK_MEGAPIXELS)
    seconds = time.perf_counter() - start
    w, h = clean.image.size
    assert 0.7 * WORK_MEGAPIXELS < w * h / 1e6 <= WORK_MEGAPIXELS and abs(w / h - 7360 / 4912) < 0.01
    assert clean.notes == []  # nothing lost that a portrait needs: not « your photo was reduced »
    assert h // 3 >= LONG_SIDE  # a head and shoulders a third of the photo high is still painted from real pixels
    whole = sanitize_image(data, downscale=True)
    assert whole.image.size == (7360, 4912)  # other workshops keep the whole photo
    print(f"read at {w} x {h} in {seconds:.1f} s")


def test_the_frame_job_frames_a_phone_photo_from_the_reduced_copy(immediate_queue, tmp_path):
    source = tmp_path / "telephone.jpg"  # as the command line or an older page hands it: the whole photo
    source.write_bytes(_phone_photo())
    job = immediate_queue.get(immediate_queue.submit("portrait.frame", {"source": str(source)}))
    assert job.state == "done", job.error
    w, h = job.result["photo_size"]
    assert w * h / 1e6 <= WORK_MEGAPIXELS and job.result["found_face"]
    assert Image.open(job.files()["photo"]).size == (w, h)
    # the page's working copy (a clean PNG at that size) is kept as it is, not written again
    page_copy = tmp_path / "photo.png"
    page_copy.write_bytes(sanitize_image(source.read_bytes(), downscale=True,
                                         fit_megapixels=WORK_MEGAPIXELS).png_bytes())
    again = immediate_queue.get(immediate_queue.submit("portrait.frame", {"source": str(page_copy)}))
    assert again.state == "done" and Path(again.files()["photo"]).read_bytes() == page_copy.read_bytes()
