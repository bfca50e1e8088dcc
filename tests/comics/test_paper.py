"""A drawing photographed on its sheet, lying on a table at an angle with a shadow: the comics.panel job
finds the sheet, straightens it (A-series shape), whitens the paper and inks it; no table is left. A
photo with no table (a scan, a drawing filling the frame) is left as it is. And a panel's frame: the
part of the picture the child chose, in the panel's shape."""
from __future__ import annotations

import numpy as np
from PIL import Image

from pipelines.comics.paper import find_sheet, flatten_sheet, frame_picture, panel_ratio
from tests.fixtures.models_comics import make_drawing


def photo_on_table(drawing: Image.Image, corners, size=(1600, 1200), seed: int = 1) -> Image.Image:
    """A wooden table, the sheet (A4 shape) warped to `corners`, light falling off from one side."""
    import cv2

    rng = np.random.default_rng(seed)
    w, h = size
    table = np.empty((h, w, 3), np.float32)
    table[:] = (120, 80, 45)
    table += rng.normal(0, 6, table.shape)
    sheet = Image.new("RGB", (840, 1188), (244, 242, 236))
    sheet.paste(drawing.convert("RGB").resize((760, 570)), (40, 300))
    src = np.float32([[0, 0], [839, 0], [839, 1187], [0, 1187]])
    matrix = cv2.getPerspectiveTransform(src, np.float32(corners))
    warped = cv2.warpPerspective(np.asarray(sheet, np.float32), matrix, (w, h))
    inside = cv2.warpPerspective(np.ones((1188, 840), np.float32), matrix, (w, h))[..., None]
    photo = (table * (1 - inside) + warped * inside) * np.linspace(0.75, 1.0, h)[:, None, None]
    return Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))


def test_the_sheet_is_found_straightened_whitened_and_inked(immediate_queue, tmp_path):
    drawing = Image.open(make_drawing(tmp_path / "d.png", sky=(255, 255, 255)))
    photo = photo_on_table(drawing, [[430, 130], [1180, 180], [1250, 1100], [360, 1060]])
    photo.save(tmp_path / "photo.jpg", quality=90)
    flat, found = flatten_sheet(Image.open(tmp_path / "photo.jpg"))
    assert found and abs(flat.height / flat.width - 2 ** 0.5) < 0.02  # the sheet's own shape back
    job = immediate_queue.get(immediate_queue.submit("comics.panel", {"drawing": str(tmp_path / "photo.jpg"),
                                                                      "style": "ligne_claire", "stylise": True}))
    assert job.state == "done", job.error
    assert job.result["sheet"] is True
    with Image.open(job.files()["image"]) as made:
        rgb = np.asarray(made.convert("RGB")).astype(int)
    h, w = rgb.shape[:2]
    for corner in (rgb[: h // 10, : w // 10], rgb[: h // 10, -w // 10:], rgb[-h // 10:, : w // 10],
                   rgb[-h // 10:, -w // 10:]):
        assert np.median(corner) > 235  # white paper in every corner: no table, no shadow
    brown = (rgb[..., 0] > rgb[..., 2] + 40) & (rgb[..., 1] < rgb[..., 0] - 20) & (rgb[..., 0] < 200)
    assert brown.mean() < 0.002  # no wood left
    green = (rgb[..., 1] > rgb[..., 0] + 40) & (rgb[..., 1] > rgb[..., 2] + 40)
    assert green.mean() > 0.05  # the drawing is still there


def test_no_table_means_no_cut(tmp_path):
    drawing = Image.open(make_drawing(tmp_path / "d.png"))
    assert find_sheet(drawing) is None
    flat, found = flatten_sheet(drawing)
    assert not found and flat.size == drawing.size
    house = Image.new("RGB", (1200, 900), (250, 250, 248))  # a drawn house: a big rectangle on the paper
    from PIL import ImageDraw

    ImageDraw.Draw(house).rectangle((200, 150, 1000, 750), outline=(0, 0, 0), width=12)
    assert find_sheet(house) is None


def test_the_frame_keeps_the_part_the_child_chose(tmp_path):
    picture = np.full((400, 800, 3), 255, np.uint8)
    picture[20:80, 700:780] = (255, 200, 0)  # a sun in the top-right corner
    Image.fromarray(picture).save(tmp_path / "sun.png")
    ratio = panel_ratio("classic-6", 0)
    framed = frame_picture(str(tmp_path / "sun.png"), ratio, 1.0, 1.0, 0.0, tmp_path / "framed.png")
    with Image.open(framed) as cut:
        assert abs(cut.width / cut.height - ratio) < 0.02
        sun = np.asarray(cut.convert("RGB"))
        assert ((sun[..., 2] < 50) & (sun[..., 0] > 200)).sum() > 3000  # the whole sun is in the frame
    centred = frame_picture(str(tmp_path / "sun.png"), ratio, 1.0, 0.5, 0.5, tmp_path / "centred.png")
    with Image.open(centred) as cut:
        assert ((np.asarray(cut.convert("RGB"))[..., 2] < 50)).sum() == 0  # centred: the sun was cut off


def test_a_new_pictures_frame_starts_on_its_faces(tmp_path):
    """A 4:3 photo with a face near its top, in a wide strip: centred, the band cut the face; the frame starts on
    it. A picture with no face the detector knows (a cat) starts centred."""
    from skimage import data

    from pipelines.comics.paper import subject_frame
    from pipelines.export.postcard import crop_frame

    Image.fromarray(data.astronaut()[:384]).save(tmp_path / "hero.png")  # her face: rows ~60-170 of 384
    ratio = panel_ratio("strip-4", 0)
    frame = subject_frame(str(tmp_path / "hero.png"))
    assert frame is not None and frame[2] == 1.0
    face_top, face_bottom = 70 / 384, 160 / 384
    _, top, _, bottom = crop_frame((512, 384), ratio, 1.0, 0.5, 0.5)
    assert top > face_top  # centred: the forehead was cut
    _, top, _, bottom = crop_frame((512, 384), ratio, *frame[2:], *frame[:2])
    assert top <= face_top and bottom >= face_bottom
    Image.fromarray(data.chelsea()).save(tmp_path / "cat.png")
    assert subject_frame(str(tmp_path / "cat.png")) is None
