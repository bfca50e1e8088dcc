"""CPU comic stylisation of a photographed drawing: ink, flat colours, white paper, halftone dots."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from pipelines.imagegen import stylise, style_names
from pipelines.i18n import UserError, translate
from tests.fixtures.models_imagegen import paper_drawing


@pytest.fixture(scope="module")
def drawing():
    return paper_drawing(400, 300)


@pytest.mark.parametrize("style", style_names())
def test_every_style_keeps_the_size_and_has_a_label(drawing, style):
    out = stylise(drawing, style)
    assert out.size == drawing.size and out.mode == "RGB"
    for language in ("fr", "en"):
        assert not translate(f"imagegen.style.{style}", language).startswith("[")


def test_paper_turns_white_and_strokes_turn_to_ink(drawing):
    out = np.asarray(stylise(drawing, "ligne_claire"), dtype=np.int16)
    src = np.asarray(drawing, dtype=np.int16)
    corner = out[10:40, 10:60]  # empty paper, grey and unevenly lit in the photo
    assert src[10:40, 10:60].mean() < 215 and corner.mean() > 245
    stroke = out[150, 100:110]  # the house's left wall outline (x = 100 at 400 px wide)
    assert stroke.min() < 60


def test_flat_colours_are_few_and_bold(drawing):
    out = np.asarray(stylise(drawing, "ligne_claire"))
    roof = out[120:140, 140:170].reshape(-1, 3)
    assert len(np.unique(roof, axis=0)) <= 3  # one flat red (antialiasing aside)
    assert roof[:, 0].mean() > 1.15 * np.asarray(drawing)[120:140, 140:170, 0].mean() or roof[:, 0].mean() > 200


def test_pop_art_adds_halftone_dots(drawing):
    flat = np.asarray(stylise(drawing, "pop_art", halftone=0.0), dtype=np.int16)
    dots = np.asarray(stylise(drawing, "pop_art"), dtype=np.int16)
    wall = (slice(160, 190), slice(120, 180))

    def light(a):
        return a[wall].mean(axis=2)

    assert light(flat).std() < 3  # one flat colour
    assert light(dots).std() > 15  # dots on a paler ground


def test_manga_is_black_and_white(drawing):
    out = np.asarray(stylise(drawing, "manga"), dtype=np.int16)
    assert np.abs(out[..., 0] - out[..., 1]).max() <= 2 and np.abs(out[..., 1] - out[..., 2]).max() <= 2


def test_same_picture_same_result_and_any_mode_accepted(drawing):
    assert np.array_equal(np.asarray(stylise(drawing, "crayon")), np.asarray(stylise(drawing, "crayon")))
    rgba = drawing.convert("RGBA")
    assert stylise(rgba, "aquarelle").mode == "RGB"
    assert stylise(drawing.convert("L"), "manga").size == drawing.size


def test_bad_input_says_what_is_expected(drawing):
    with pytest.raises(UserError) as caught:
        stylise(drawing, "cubisme")
    assert "cubisme" in caught.value.message("fr")
    with pytest.raises(TypeError, match="PIL image"):
        stylise(np.zeros((10, 10, 3)), "manga")
    with pytest.raises(ValueError, match="at least 16x16"):
        stylise(Image.new("RGB", (8, 8)), "manga")


def test_a_pale_painted_sky_keeps_its_colour(tmp_path):
    """A peach sky and an orange cat (light, but coloured) must not be taken for paper and turn white."""
    from tests.fixtures.models_comics import make_drawing

    with Image.open(make_drawing(tmp_path / "chat.png", sky=(250, 220, 200), body=(240, 150, 60))) as source:
        drawing = source.convert("RGB")
    for style in ("ligne_claire", "aquarelle"):
        out = np.asarray(stylise(drawing, style), dtype=np.int16)
        sky, body = out[20:80, 20:200].reshape(-1, 3), out[280:340, 250:380].reshape(-1, 3)
        assert sky.mean(axis=0)[0] - sky.mean(axis=0)[2] > 20, (style, sky.mean(axis=0))  # still peach
        assert body.mean(axis=0)[0] - body.mean(axis=0)[2] > 80, (style, body.mean(axis=0))  # still orange
        assert np.abs(sky.mean(axis=0) - (250, 220, 200)).max() < 45


def test_a_blank_sheet_or_a_white_background_does_not_break(tmp_path):
    sheet = Image.new("RGB", (200, 150), (238, 236, 230))
    assert np.asarray(stylise(sheet, "ligne_claire")).min() > 240  # empty paper: white
    white = Image.new("RGB", (200, 150), (255, 255, 255))
    assert np.asarray(stylise(white, "manga")).min() > 240
