"""A patron brings a real cracked print: in the browser, the cracks go (before / after, judged on what is shown)."""
from __future__ import annotations

import base64
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.e2e.conftest import goto, nav_link, shot, tapped, wait_ready

PRINTS = Path(__file__).resolve().parents[1] / "photo" / "data"


def _shown(image) -> np.ndarray:
    """A picture of the before/after viewer as the browser received it (its data URL), float RGB [0, 1]."""
    data = base64.b64decode(image.get_attribute("src").split(",", 1)[1])
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), np.float32) / 255


@pytest.mark.parametrize("file", ["cracked-portrait-1.png", "cracked-portrait-2.png"])
def test_the_cracks_of_a_real_print_go(browser_page, studio, file):
    from bench._photo_damage import real_print_figures

    page = browser_page
    goto(page, studio)
    nav_link(page, "Vieilles photos").click()
    wait_ready(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(PRINTS / file))
    page.get_by_text("Ce que je vois").wait_for(timeout=120_000)
    wait_ready(page)
    # the suggested steps, default strength; the work's progress bar (or, done already, its result) shows
    tapped(page, page.get_by_role("button", name="Restaurer la photo"),
           page.locator('[data-testid="stProgress"]').or_(page.get_by_text("Avant / après")))
    page.get_by_text("Avant / après").wait_for(timeout=180_000)
    wait_ready(page)
    shot(page, f"photos-cracked-{file[:-4]}-result")
    viewer = page.locator(".atelier-before-after").first  # ui/widgets.before_after_ui, drawn in the page
    viewer.wait_for(timeout=30_000)
    slider = page.locator(".atelier-before-after + input[type=range]").first
    slider.fill("100")  # all 'before'
    shot(page, f"photos-cracked-{file[:-4]}-before")
    slider.fill("0")  # all 'after'
    shot(page, f"photos-cracked-{file[:-4]}-after")
    before = _shown(viewer.locator("img[id$='-before']"))
    after = _shown(viewer.locator("img:not([id$='-before'])"))
    left, kept = real_print_figures(before, after)
    assert left < 0.6, f"{left:.0%} of the crack pixels are still shown"
    assert kept > 0.7, f"only {kept:.0%} of the fine detail away from the cracks is shown"
