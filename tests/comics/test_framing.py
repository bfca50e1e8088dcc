"""A drawing with no face in a panel of another shape: the frame keeps what the child drew (its head too), on
paper lit unevenly, wide or tall, the subject off the middle; a photo with no paper still starts centred."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipelines.comics.framing import ink_mask, lowest_zoom, panel_crop
from pipelines.comics.paper import frame_picture, panel_ratio, subject_frame
from pipelines.export.postcard import crop_frame

EYE = (40, 120, 200)  # the cat's blue eye, in its head
HEAD = (230, 180, 60)  # the giraffe's yellow head


def paper(size, seed=0, dark_right=60):
    """A sheet photographed by a window: bright on the left, `dark_right` Lab-ish levels darker on the right,
    a shade across the middle, a little grain."""
    w, h = size
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    light = 238 - dark_right * (xx / w) - 25 * ((yy / h - 0.4) ** 2)
    base = np.stack([light, light * 0.985, light * 0.94], -1) + rng.normal(0, 3, (h, w, 1))
    return Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))


def wide_cat(path, size=(1400, 990), head_x=0.16, seed=0):
    """A cat drawn across a landscape sheet, its head (with a blue eye) far to the left of the middle."""
    img = paper(size, seed)
    draw, (w, h) = ImageDraw.Draw(img), size
    ink = (30, 30, 30)
    draw.ellipse((w * 0.22, h * 0.42, w * 0.62, h * 0.72), outline=ink, width=9)
    draw.ellipse((w * (head_x - 0.09), h * 0.28, w * (head_x + 0.09), h * 0.56), outline=ink, width=9)
    draw.polygon([(w * (head_x - 0.07), h * 0.33), (w * (head_x - 0.05), h * 0.2), (w * (head_x - 0.01), h * 0.3)],
                 outline=ink, width=8)
    draw.line([(w * 0.62, h * 0.55), (w * 0.72, h * 0.35)], fill=ink, width=9)
    draw.ellipse((w * (head_x - 0.05), h * 0.38, w * (head_x - 0.02), h * 0.42), fill=EYE)
    img.save(path)
    return str(path)


def tall_giraffe(path, size=(990, 1400), seed=1):
    """A giraffe on a portrait sheet: its yellow head at the top right, its legs near the bottom."""
    img = paper(size, seed)
    draw, (w, h) = ImageDraw.Draw(img), size
    ink = (30, 30, 30)
    draw.ellipse((w * 0.55, h * 0.06, w * 0.85, h * 0.2), outline=ink, width=9, fill=HEAD)
    draw.line([(w * 0.62, h * 0.18), (w * 0.5, h * 0.6)], fill=ink, width=12)
    draw.rectangle((w * 0.25, h * 0.6, w * 0.65, h * 0.75), outline=ink, width=9)
    for x in (0.28, 0.6):
        draw.line([(w * x, h * 0.75), (w * x, h * 0.93)], fill=ink, width=9)
    img.save(path)
    return str(path)


def small_bird(path, size=(1400, 990), seed=2):
    """A small red bird in the top-right part of a landscape sheet, the rest of the paper empty."""
    img = paper(size, seed, dark_right=40)
    draw, (w, h) = ImageDraw.Draw(img), size
    draw.ellipse((w * 0.7, h * 0.12, w * 0.82, h * 0.3), outline=(30, 30, 30), width=8, fill=(210, 40, 40))
    img.save(path)
    return str(path)


def colour_count(path_or_image, colour, tolerance=30) -> int:
    image = Image.open(path_or_image) if isinstance(path_or_image, str) else path_or_image
    rgb = np.asarray(image.convert("RGB"), int)
    return int((np.abs(rgb - np.array(colour)).max(axis=2) < tolerance).sum())


def ink_count(image: Image.Image) -> int:
    found = ink_mask(np.asarray(image.convert("RGB")))
    assert found is not None
    return int(found[0].sum())


def test_a_wide_cat_keeps_its_head_in_a_tall_panel(tmp_path):
    cat = wide_cat(tmp_path / "chat.png")
    ratio = panel_ratio("tall-3", 0)
    centred = frame_picture(cat, ratio, 1.0, 0.5, 0.5, tmp_path / "centred.png")
    assert colour_count(centred, EYE) == 0  # what the page printed before: the middle of the body, no head
    frame = subject_frame(cat, ratio)
    assert frame is not None and frame[2] < 1.0  # no window of the panel's shape holds the cat: widened
    framed = frame_picture(cat, ratio, frame[2], frame[0], frame[1], tmp_path / "framed.png")
    with Image.open(framed) as cut, Image.open(cat) as whole:
        assert abs(cut.width / cut.height - ratio) < 0.01
        assert colour_count(cut, EYE) >= 0.95 * colour_count(whole, EYE)  # the whole eye, so the head
        assert ink_count(cut.resize((cut.width // 4, cut.height // 4))) >= 0.9 * ink_count(
            whole.resize((whole.width // 4, whole.height // 4)))  # and the rest of it
        rgb = np.asarray(cut.convert("RGB"), dtype=np.float32)
        assert rgb[:20].reshape(-1, 3).mean(axis=0).min() > 150  # paper above it, not black
        steps = np.median(np.abs(np.diff(rgb.mean(axis=2), axis=0)), axis=1)
        assert steps.max() < 4  # the band continues the paper: no seam where the picture starts or ends


def test_a_tall_giraffe_keeps_its_head_in_a_wide_strip(tmp_path):
    giraffe = tall_giraffe(tmp_path / "girafe.png")
    ratio = panel_ratio("strip-4", 0)
    assert colour_count(frame_picture(giraffe, ratio, 1.0, 0.5, 0.5, tmp_path / "c.png"), HEAD) == 0
    frame = subject_frame(giraffe, ratio)
    framed = frame_picture(giraffe, ratio, frame[2], frame[0], frame[1], tmp_path / "framed.png")
    assert colour_count(framed, HEAD) >= 0.95 * colour_count(giraffe, HEAD)


@pytest.mark.parametrize("layout", ["classic-6", "grid-4", "tall-3", "webtoon"])
def test_a_small_subject_off_the_middle_is_framed_at_full_size(tmp_path, layout):
    """A bird in a corner fits a window of the panel's shape: the frame moves onto it, not zoomed out."""
    bird = small_bird(tmp_path / "oiseau.png")
    ratio = panel_ratio(layout, 0)
    frame = subject_frame(bird, ratio)
    assert frame is not None and frame[2] == 1.0
    x0, y0, x1, y1 = crop_frame((1400, 990), ratio, 1.0, frame[0], frame[1])
    assert x0 <= 0.7 - 0.01 and x1 >= 0.82 + 0.01 and y0 <= 0.12 and y1 >= 0.3  # the whole bird, some paper
    framed = frame_picture(bird, ratio, frame[2], frame[0], frame[1], tmp_path / "framed.png")
    assert colour_count(framed, (210, 40, 40)) >= 0.95 * colour_count(bird, (210, 40, 40))


def test_a_photo_with_no_paper_still_starts_centred(tmp_path):
    from skimage import data

    Image.fromarray(data.chelsea()).save(tmp_path / "cat.png")
    Image.fromarray(data.coffee()).save(tmp_path / "coffee.png")
    for name in ("cat.png", "coffee.png"):
        assert subject_frame(str(tmp_path / name), panel_ratio("tall-3", 0)) is None


def test_a_frame_below_zoom_one_holds_the_whole_picture():
    ratio = panel_ratio("tall-3", 0)
    low = lowest_zoom((1400, 990), ratio)
    x0, y0, x1, y1 = panel_crop((1400, 990), ratio, low, 0.1, 0.9)
    assert x0 <= 0 and x1 >= 1 and y0 < 0 and y1 > 1
    assert abs((x1 - x0) * 1400 / ((y1 - y0) * 990) - ratio) < 1e-6
    assert panel_crop((1400, 990), ratio, 1.5, 0.2, 0.3) == crop_frame((1400, 990), ratio, 1.5, 0.2, 0.3)
    with pytest.raises(ValueError):
        panel_crop((1400, 990), ratio, 0.0)


def test_the_workshop_frames_a_wide_drawing_for_its_panel_and_again_for_a_new_layout(store, monkeypatch, tmp_path):
    """A wide cat used as it is in « Cases hautes »: the frame starts widened on the whole cat and the slider
    shows it; another layout chosen before the child moves it frames it again for the new shape."""
    from streamlit.testing.v1 import AppTest

    from pipelines.comics.workshop import page_spec
    from pipelines.config import ROOT
    from tests.fixtures.models_comics import make_first_panel_as_is

    cat = wide_cat(tmp_path / "chat.png")
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    at = AppTest.from_file(str(ROOT / "pages" / "comics.py"), default_timeout=90)
    at.run()
    next(b for b in at.button if b.label == "Cases hautes · 3 cases").click().run()
    comic = at.session_state["comic"]
    assert comic["layout"] == "tall-3"
    comic["panels"][0]["drawing"] = cat
    make_first_panel_as_is(at, store)
    panel = at.session_state["comic"]["panels"][0]
    x, y, zoom = panel["frame"]
    assert zoom < 1.0 and at.slider(key="comic-frame-z-0-1").value == round(zoom * 100)
    spec = page_spec(at.session_state["comic"], frames_dir=tmp_path)
    assert colour_count(spec.panels[0].image, EYE) > 0.95 * colour_count(cat, EYE)
    next(b for b in at.button if b.label == "Classique · 6 cases").click().run()
    assert not at.exception, at.exception
    panel = at.session_state["comic"]["panels"][0]
    assert panel["frame"] == subject_frame(panel["image"], panel_ratio("classic-6", 0)) != [x, y, zoom]
    assert at.slider(key="comic-frame-z-0-1-1").value == round(panel["frame"][2] * 100)
