"""The page picture (the preview in the page and the downloaded PNG) draws the bubbles as the printed PDF does:
the same outline around body and tail, the same thought puffs, at preview and print resolutions."""
from __future__ import annotations

import math
import subprocess

import numpy as np
import pytest
from PIL import Image, ImageFilter

from pipelines.comics.bubbles import LINE_MM
from pipelines.comics.page import compose
from pipelines.comics.render import render_png, write_pdf

DARK = 150  # an outline pixel, even softened by anti-aliasing, is darker than this (the skies are ~205)


def _darkest_near(image: Image.Image) -> np.ndarray:
    """For each pixel, the darkest grey within one pixel (lines one pixel off still count)."""
    return np.asarray(image.convert("L").filter(ImageFilter.MinFilter(3))).astype(int)


def _outline_samples(shape: list, k: float) -> list[tuple[int, int]]:
    """Pixels along a closed outline, every 0.5 mm, just outside the path (where the visible half of the
    outline sits once the fill covers the inner half)."""
    cx = sum(p[0] for p in shape) / len(shape)
    cy = sum(p[1] for p in shape) / len(shape)
    samples = []
    for (x0, y0), (x1, y1) in zip(shape, shape[1:] + shape[:1]):
        steps = max(1, int(math.dist((x0, y0), (x1, y1)) / 0.5))
        for i in range(steps):
            x, y = x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps
            d = math.hypot(x - cx, y - cy) or 1
            out = LINE_MM / 2
            samples.append((round((x + (x - cx) / d * out) * k), round((y + (y - cy) / d * out) * k)))
    return samples


@pytest.mark.parametrize("dpi", [45, 60, 150])
def test_bubbles_in_the_picture_are_outlined_like_the_print(atelier_env, comic_page, tmp_path, dpi):
    composed = compose(comic_page)
    preview = render_png(composed, dpi=dpi)
    write_pdf(composed, tmp_path / "page.pdf", title="t", authors=["a"], ai_made=False)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(tmp_path / "page.pdf"),
                    str(tmp_path / "print")], check=True)
    printed = Image.open(tmp_path / "print.png")
    assert abs(printed.size[0] - preview.size[0]) <= 1 and abs(printed.size[1] - preview.size[1]) <= 1
    got, want = _darkest_near(preview), _darkest_near(printed)
    k = dpi / 25.4
    kinds = set()
    for bubble in composed.bubbles:
        for part, shapes in (("body", [bubble.body]), ("tail", [bubble.tail] if bubble.tail else []),
                             ("puffs", bubble.puffs)):
            samples = [(x, y) for shape in shapes for x, y in _outline_samples(shape, k)]
            if not samples:
                continue
            inked = [(x, y) for x, y in samples if want[y, x] < DARK]
            assert len(inked) > 0.5 * len(samples), f"the print has no outline on the {bubble.kind}'s {part}"
            shown = sum(got[y, x] < DARK for x, y in inked) / len(inked)
            assert shown > 0.9, (f"{bubble.kind}'s {part} at {dpi} dpi: the picture shows only {shown:.0%} "
                                 "of the printed outline")
            kinds.add((bubble.kind, part))
    assert {("speech", "tail"), ("thought", "puffs"), ("shout", "tail"), ("caption", "body")} <= kinds


def test_a_preview_reads_a_large_drawing_once_reduced(tmp_path):
    """Adding a bubble drew the page twice, and each 12 MP panel picture was decoded whole each time (25-42 s
    greyed at load 8-9): a preview reads a copy reduced once (again when the file changes); the print reads it
    whole."""
    import os

    from PIL import Image

    from pipelines.comics.render import PREVIEW_NEED, PREVIEW_SIDE, panel_picture, preview_picture

    path = tmp_path / "dessin.png"
    Image.new("RGB", (4000, 3000), (200, 120, 40)).save(path)
    small = preview_picture(str(path))
    assert max(small.size) == PREVIEW_SIDE and small.size[0] / small.size[1] == 4 / 3
    assert preview_picture(str(path)) is small  # not decoded again
    assert panel_picture(str(path), 90, 60, 60).size == (213, 142)  # a preview's panel, from the reduced copy
    assert preview_picture(str(path), PREVIEW_NEED + 1).size == (4000, 3000)  # the print's: the whole picture
    Image.new("RGB", (4000, 3000), (20, 120, 240)).save(path)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    again = preview_picture(str(path))
    assert again is not small and again.getpixel((0, 0)) == (20, 120, 240)
