"""A photo too small for a sharp print is said so when it is framed, before the painter is chosen (a 64 x 64
thumbnail was painted and printed on A4 as squares with nothing said), and a phone photo is not."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from pipelines.portrait.make import SMALL_CROP, prepare


def _face(size: int) -> np.ndarray:
    """A drawn face on a blue ground, `size` pixels square."""
    picture = Image.new("RGB", (size, size), (90, 140, 200))
    draw = ImageDraw.Draw(picture)
    c, r = size // 2, size // 4
    draw.ellipse((c - r, c - int(r * 1.25), c + r, c + int(r * 1.25)), fill=(230, 180, 150))
    return np.asarray(picture)


def test_a_thumbnail_is_small_and_a_phone_photo_is_not():
    assert prepare(_face(64)).small
    assert prepare(_face(200)).small
    assert not prepare(_face(1200)).small
    assert prepare(_face(1200)).crop.h >= SMALL_CROP


def test_the_frame_job_tells_the_page(immediate_queue, tmp_path):
    for size, small in ((64, True), (1200, False)):
        source = tmp_path / f"photo-{size}.png"
        Image.fromarray(_face(size)).save(source)
        job = immediate_queue.get(immediate_queue.submit("portrait.frame", {"source": str(source)}))
        assert job.state == "done", job.error
        assert job.result["small"] is small
