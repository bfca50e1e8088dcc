"""The A4 before / after sheet prints the photo as large as its two arrangements allow, whole and on the page."""
import subprocess

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from pipelines.photo.sheet import photo_sheet

DPI = 50


def _pictures_mm(pdf, tmp_path) -> list[tuple[float, float, float, float]]:
    """The grey pictures printed on the sheet's page, as (left, top, width, height) in mm, read off a rendering."""
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    page = np.asarray(Image.open(tmp_path / "page.png").convert("L")).astype(int)
    grey = np.abs(page - 128) < 6
    labels, count = ndimage.label(grey)
    mm = 25.4 / DPI
    boxes = []
    for found in ndimage.find_objects(labels):
        rows, cols = found
        height, width = rows.stop - rows.start, cols.stop - cols.start
        if height * width * mm * mm > 1000:  # the pictures, not the grey of the footer's letters
            boxes.append((cols.start * mm, rows.start * mm, width * mm, height * mm))
    return sorted(boxes)


@pytest.mark.parametrize("shape, least", [
    ((600, 600), (97, 97)),  # square: stacked, 98.5 mm a side (side by side gave 86 mm)
    ((800, 600), (85, 113)),  # portrait 3:4, side by side
    ((600, 800), (130, 97)),  # landscape 4:3, stacked
])
def test_the_photo_is_printed_as_large_as_the_page_allows(tmp_path, shape, least):
    picture = tmp_path / "p.png"
    Image.fromarray(np.full((*shape, 3), 128, np.uint8)).save(picture)
    out = photo_sheet(picture, picture, tmp_path / "sheet.pdf", caption="Mamie en 1962", date="vers 1960")
    boxes = _pictures_mm(out, tmp_path)
    assert len(boxes) == 2, boxes
    for left, top, width, height in boxes:
        assert width >= least[0] - 1.5 and height >= least[1] - 1.5, boxes
        assert abs(height / width - shape[0] / shape[1]) < 0.03, boxes  # whole, not cropped or stretched
        assert left >= 14 and top >= 14 and left + width <= 196 and top + height <= 283, boxes  # within the margins
    (l1, t1, w1, h1), (l2, t2, w2, h2) = boxes
    assert l1 + w1 <= l2 or t1 + h1 <= t2 or t2 + h2 <= t1, boxes  # apart
