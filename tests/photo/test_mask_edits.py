"""The patron's brush over the damage mask: Fabric.js strokes as the canvas returns them -> the edits layer ->
the repair fills what was painted red and leaves what was painted green."""
from __future__ import annotations

import copy

import numpy as np

from pipelines.photo import quality, repair
from pipelines.photo.chain import RestoreRequest, restore
from pipelines.photo.imaging import luma
from pipelines.photo.mask_edits import ADD, BRUSH, CLEAR, apply_edits, edits_layer, load_edits, stroke_points

from .conftest import photo

# A stroke as the canvas of the photos page returned it in the browser (Fabric 7.4, free-drawing brush, 20 px,
# dragged from (50, 50) to (240, 145) on a 400 x 300 canvas); only the fields the reading uses, plus some noise.
STROKE = {"type": "Path", "version": "7.4.0", "originX": "center", "originY": "center", "left": 145, "top": 97.5,
          "width": 190.04, "height": 95.04, "fill": None, "stroke": BRUSH["add"].replace(" ", ""), "strokeWidth": 20,
          "strokeLineCap": "round", "scaleX": 1, "scaleY": 1, "angle": 0,
          "path": [["M", 49.98, 49.98]] + [["Q", 50 + 10 * i, 50 + 5 * i, 55 + 10 * i, 52.5 + 5 * i]
                                            for i in range(18)] + [["Q", 230, 140, 235, 142.5], ["L", 240.02, 145.02]]}


def _stroke(tool: str, start, end, width=20) -> dict:
    """A straight stroke of the free-drawing brush in the canvas's layout (centre origin, absolute path)."""
    (x0, y0), (x1, y1) = start, end
    return {"type": "Path", "originX": "center", "originY": "center", "left": (x0 + x1) / 2, "top": (y0 + y1) / 2,
            "width": abs(x1 - x0), "height": abs(y1 - y0), "stroke": BRUSH[tool], "strokeWidth": width,
            "scaleX": 1, "scaleY": 1, "path": [["M", x0, y0], ["L", x1, y1]]}


def test_a_stroke_is_read_where_it_was_drawn_and_where_it_was_moved():
    points = stroke_points(STROKE)
    assert np.allclose(points[0], (49.98, 49.98), atol=0.5) and np.allclose(points[-1], (240.02, 145.02), atol=0.5)
    moved = copy.deepcopy(STROKE)
    moved["left"] += 30
    moved["top"] -= 10
    assert np.allclose(stroke_points(moved)[0], (79.98, 39.98), atol=0.5)
    corner = copy.deepcopy(STROKE)  # a canvas placing objects by their top-left corner (the box spans the stroke)
    corner.update(originX="left", originY="top", left=49.98 - 10, top=49.98 - 10)
    assert np.allclose(stroke_points(corner)[0], (49.98, 49.98), atol=0.5)


def test_the_layer_scales_the_strokes_to_the_photo_and_the_later_stroke_wins():
    add = _stroke("add", (20, 150), (380, 150))  # across the middle of a 400 x 300 preview
    clear = _stroke("clear", (200, 20), (200, 280))  # down the middle, drawn after it
    other = dict(_stroke("add", (20, 20), (380, 20)), stroke="#3a6fd8")  # not a brush colour: ignored
    layer = np.asarray(edits_layer([add, clear, other], (400, 300), (800, 600)))
    assert set(np.unique(layer)) == {0, CLEAR, ADD}
    assert layer[300, 100] == ADD and layer[300, 700] == ADD and layer[300, 400] == CLEAR  # crossing: cleared
    assert layer[300 - 18, 100] == ADD and layer[300 - 24, 100] == 0  # 20 preview px = 40 photo px wide
    assert not layer[:60, :350].any() and not layer[:60, 450:].any()  # the stroke of another colour: nothing


def test_edits_add_and_clear_over_the_search_mask(tmp_path):
    mask = np.zeros((60, 90), bool)
    mask[10:20, :] = True
    edits = np.zeros((60, 90), np.uint8)
    edits[:, 40:50] = CLEAR
    edits[40:45, :] = ADD
    out = apply_edits(mask, edits)
    assert out[15, 10] and not out[15, 45] and out[42, 45] and not out[30, 10]
    from PIL import Image

    Image.fromarray(edits).save(tmp_path / "edits.png")
    assert np.array_equal(load_edits(tmp_path / "edits.png", (180, 120))[::2, ::2], edits)  # nearest: 3 values


def test_the_repair_fills_what_was_painted_and_leaves_what_was_cleared(tmp_path):
    from PIL import Image

    truth = photo("camera")[::2, ::2]  # 256 x 256, grey
    damaged = quality.damage(truth, seed=2, fade=0, blur=0, grain=0, yellow=0, dust=0)
    blot = np.zeros(truth.shape[:2], bool)
    blot[40:70, 180:215] = True  # a 30 px stain: too big for the scratch-and-dust search, the patron paints it
    damaged[blot] = 0.05
    found = repair.find_damage(damaged).mask
    assert found.any() and found[blot].mean() < 0.5
    edits = np.zeros(truth.shape[:2], np.uint8)
    edits[35:75, 175:220] = ADD
    keep = found & (np.arange(256)[None, :] < 128)  # the left half's marks: « not damage » for this patron
    edits[:, :128][found[:, :128]] = CLEAR
    Image.fromarray(edits).save(tmp_path / "edits.png")
    plain = restore(damaged, RestoreRequest(steps=["repair"])).image
    edited = restore(damaged, RestoreRequest(steps=["repair"], edits_path=str(tmp_path / "edits.png"))).image
    err = lambda image: np.abs(luma(image) - luma(truth))[blot].mean()  # noqa: E731
    assert err(edited) < err(plain) / 3, "the painted stain was not filled"
    assert np.abs(edited - damaged)[keep].max() < 1e-3, "a mark painted « not damage » was changed"
    right = np.zeros_like(found)
    right[:, 128:] = True
    right &= found & ~cv_dilate(blot)
    assert np.abs(edited - plain)[right].max() < 0.05  # elsewhere the search's own repair


def cv_dilate(mask: np.ndarray, px: int = 12) -> np.ndarray:
    import cv2

    return cv2.dilate(mask.astype(np.uint8), np.ones((2 * px + 1, 2 * px + 1), np.uint8)).astype(bool)


def test_a_wide_red_stroke_over_a_face_is_said_before_and_after_the_cpu_fill_and_a_thin_one_is_not(tmp_path):
    from PIL import Image

    from pipelines.i18n import translate

    face = photo("astronaut")[::2, ::2][40:200, 60:220]  # 160 x 160: her face
    thin = np.zeros(face.shape[:2], np.uint8)
    thin[60:64, 20:140] = ADD  # a scratch traced over: 4 px wide
    wide = thin.copy()
    wide[50:110, 50:110] = ADD  # the whole face painted over: 60 px wide
    assert not repair.wide_strokes(thin >= ADD).any()
    assert repair.wide_strokes(wide >= ADD)[55, 80] and repair.wide_strokes(wide >= ADD)[61, 25]  # the part is wide
    for edits, said in ((thin, False), (wide, True)):
        Image.fromarray(edits).save(tmp_path / "edits.png")
        notes = restore(face, RestoreRequest(steps=["repair"], edits_path=str(tmp_path / "edits.png"))).notes
        assert ("photo.notes.paint.wide" in notes) is said
    from pipelines.models.manager import load_catalog

    models = {"lama", "telea", "real-esrgan", "realesrgan", "gfpgan", "codeformer", "ddcolor"} | set(load_catalog())
    for lang in ("fr", "en"):
        for key in ("photo.notes.paint.wide", "photo.ui.paint.wide"):  # the patron's page: short, no model names
            text = translate(key, lang)
            assert text.count(".") == 1 and text.endswith(".") and len(text) <= 100, text
            assert not [m for m in models if m in text.lower()], text


def _distance_to_polyline(points, size) -> np.ndarray:
    """(H, W) distance in px from each pixel centre to the polyline through `points`."""
    yy, xx = np.mgrid[0:size[1], 0:size[0]].astype(np.float64)
    best = np.full(xx.shape, np.inf)
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        dx, dy = x1 - x0, y1 - y0
        t = np.clip(((xx - x0) * dx + (yy - y0) * dy) / max(dx * dx + dy * dy, 1e-9), 0, 1)
        best = np.minimum(best, np.hypot(xx - (x0 + t * dx), yy - (y0 + t * dy)))
    return best


def test_a_zigzag_stroke_paints_one_band_with_no_gap_at_the_joins():
    # A hand drawing quickly on a tablet: short segments at sharp turns, the photo larger than the preview.
    rng = np.random.default_rng(5)
    points = [(20.0, 60.0)]
    for i in range(60):
        points.append((points[-1][0] + rng.uniform(1.5, 5), 60 + (14 if i % 2 else -14) + rng.uniform(-4, 4)))
    path = [["M", *points[0]]] + [["L", x, y] for x, y in points[1:]]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    obj = {"type": "Path", "originX": "center", "originY": "center", "left": (min(xs) + max(xs)) / 2,
           "top": (min(ys) + max(ys)) / 2, "width": max(xs) - min(xs), "height": max(ys) - min(ys),
           "stroke": BRUSH["add"], "strokeWidth": 8, "scaleX": 1, "scaleY": 1, "path": path}
    for scale in (1.0, 1.7, 3.0):
        size = (round(300 * scale), round(120 * scale))
        layer = np.asarray(edits_layer([obj], (300, 120), size))
        width = round(8 * scale)
        core = _distance_to_polyline([(x * scale, y * scale) for x, y in points], size) <= width / 2 - 1
        missed = core & (layer != ADD)
        assert not missed.any(), (scale, int(missed.sum()), np.argwhere(missed)[:5])
        assert (layer == ADD).sum() <= ((_distance_to_polyline(
            [(x * scale, y * scale) for x, y in points], size) <= width / 2 + 1.5)).sum()  # a band, not a blob


def _brush_stroke(width: int, y: float) -> dict:
    """A straight stroke of the photos page's brush (`width` px on its canvas) from (100, y) to (400, y + 10)."""
    return {"type": "path", "stroke": BRUSH["add"], "strokeWidth": width, "originX": "left", "originY": "top",
            "left": 100 - width / 2, "top": y - width / 2, "width": 300, "height": 10,
            "path": [["M", 100, y], ["L", 400, y + 10]]}


def test_one_stroke_of_any_brush_is_no_area_on_a_big_scan_and_strokes_side_by_side_are():
    """The brush is sized on the 700 px preview: on a 2400 x 1800 scan its finest stroke (8 px) is 27 px across,
    which the working copy's bar alone (6 px radius) took for an area: every stroke was warned about. On a 256 px
    photo one stroke of the big brush was."""
    from ui.photos import BRUSH_SIZES

    scrubbed = [_brush_stroke(BRUSH_SIZES["medium"], 200 + 14 * k) for k in range(4)]  # a face painted over
    for size in ((2400, 1800), (800, 600), (256, 256)):  # the preview is 700 px wide for each
        preview = (700, round(700 * size[1] / size[0]))
        for width in BRUSH_SIZES.values():
            one = np.asarray(edits_layer([_brush_stroke(width, 200)], preview, size)) >= ADD
            assert not repair.wide_strokes(one).any(), (size, width)
        assert repair.wide_strokes(np.asarray(edits_layer(scrubbed, preview, size)) >= ADD).any(), size
