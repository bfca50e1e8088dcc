"""The before/after viewer (ui/widgets.before_after_ui) on a laptop screen: a portrait restored at 900x1170 was drawn
1170 px tall on a 1366x768 screen, its slider out of sight below it. It now fits most of the window's height, keeps
the picture's ratio, and its slider sits right under it in sight, at tablet and laptop sizes."""
from __future__ import annotations

import pytest
from PIL import Image

import ui.widgets as widgets


def _viewer_html(monkeypatch, size: tuple[int, int]) -> str:
    drawn = []
    monkeypatch.setattr(widgets.st, "html", lambda html, **_: drawn.append(html))
    widgets.before_after_ui(Image.new("RGB", size, (90, 80, 70)), Image.new("RGB", size, (200, 190, 170)))
    return drawn[0]


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 768}, {"width": 820, "height": 1180}])
@pytest.mark.parametrize("size", [(900, 1170), (1600, 1000), (300, 2000)])
def test_the_viewer_and_its_slider_fit_in_the_window(browser, monkeypatch, viewport, size):
    page = browser.new_page(viewport=viewport)
    try:
        page.set_content(f"<main style='width:{min(viewport['width'] - 40, 1000)}px'>"
                         f"{_viewer_html(monkeypatch, size)}</main>")
        box = page.locator(".atelier-before-after").bounding_box()
        slider = page.locator(".atelier-before-after + input[type=range]").bounding_box()
        assert box["height"] <= widgets.TALLEST_VH / 100 * viewport["height"] + 1, (box, viewport)
        assert abs(box["width"] / box["height"] - size[0] / size[1]) < 0.02  # the picture's own ratio
        assert slider["y"] + slider["height"] <= viewport["height"]  # in sight, under the picture
        assert abs(slider["width"] - box["width"]) < 1  # as wide as the picture it drives
    finally:
        page.close()
