"""A line drawing saved from a tablet app with a transparent background: its panel is drawn on white paper, the
band a zoom below 100 % adds around it too, whichever way the PNG says « transparent » (an alpha channel, or one
colour marked transparent, as PNG optimisers write a drawing whose pixels are either see-through or not)."""
from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipelines.comics.paper import frame_picture
from pipelines.safety.uploads import sanitize_image

SIZE = (320, 240)
STROKE = (30, 30, 30)


def _line_drawing() -> Image.Image:
    """Dark strokes on a see-through sheet whose hidden colour is black (what most drawing apps store there)."""
    image = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((110, 60, 210, 200), outline=(*STROKE, 255), width=6)
    draw.line((0, 230, SIZE[0], 230), fill=(*STROKE, 255), width=4)  # the ground, touching both sides
    return image


def _png(kind: str) -> bytes:
    drawing = _line_drawing()
    buffer = io.BytesIO()
    if kind == "alpha":
        drawing.save(buffer, format="PNG")
    elif kind == "grey alpha":
        drawing.convert("LA").save(buffer, format="PNG")
    else:  # one colour marked transparent (tRNS): the see-through pixels are stored as that colour
        flat = Image.new("RGB", SIZE, (0, 0, 0))
        flat.paste(drawing.convert("RGB"), mask=drawing.getchannel("A"))
        if kind == "rgb key":
            flat.save(buffer, format="PNG", transparency=(0, 0, 0))
        else:
            flat.convert("L").save(buffer, format="PNG", transparency=0)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["alpha", "grey alpha", "rgb key", "grey key"])
@pytest.mark.parametrize("stylise", [False, True], ids=["as-is", "inked"])
def test_a_transparent_drawing_becomes_a_panel_on_white_paper(immediate_queue, tmp_path, kind, stylise):
    clean = sanitize_image(_png(kind), downscale=True)  # the page's upload (ui/comics_state.save_upload)
    assert "uploads.note_alpha" in clean.notes  # the child is told: « Transparence remplacée par un fond blanc. »
    drawing = tmp_path / "drawing-1.png"
    drawing.write_bytes(clean.png_bytes())
    job = immediate_queue.get(immediate_queue.submit("comics.panel", {"drawing": str(drawing),
                                                                      "style": "ligne_claire", "stylise": stylise}))
    assert job.state == "done", job.error
    panel = np.asarray(Image.open(job.files()["image"]).convert("RGB")).astype(int)
    assert panel[:40, :40].min() > 235 and panel[5, -5].min() > 235  # the corners: paper
    assert panel[130, 112:118].min() < 120  # the stroke of the body is still drawn
    # a tall panel at 60 %: the frame is wider and taller than the drawing, the band around it continues its edge
    framed = np.asarray(Image.open(frame_picture(job.files()["image"], 0.5, 0.6, 0.5, 0.5,
                                                 tmp_path / "framed.png")).convert("RGB")).astype(int)
    h, w, _ = framed.shape
    assert h > SIZE[1] and framed[: h // 8].min() > 235, "the band above the drawing is not white paper"
    assert framed[h // 2, :5].min() > 235 and framed[h // 2, -5:].min() > 235
