"""A scan too big for the studio, shrunk (« Réduire et continuer »), and the page reloaded while the studio is still
reading it (seconds for 60 MP here): the photo comes back, read after the reload and said so, instead of being lost
with the uploader's file."""
from __future__ import annotations

import numpy as np
from PIL import Image

from tests.e2e.conftest import goto, shot, wait_ready


def test_a_reload_while_a_big_scan_is_read_keeps_the_scan(browser, studio, tmp_path):
    scan = tmp_path / "scan-1200dpi.jpg"  # 61 MP: over the 50 MP limit, so it is shrunk while it is read
    rng = np.random.default_rng(3)
    ramp = np.linspace(40, 220, 9500, dtype=np.float32)[None, :, None] + rng.normal(0, 12, (6400, 1, 3))
    Image.fromarray(np.clip(ramp, 0, 255).astype(np.uint8)).save(scan, quality=90)
    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    page.set_default_timeout(120_000)
    goto(page, studio, "photos")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(scan))
    page.get_by_role("button", name="Réduire et continuer").click()
    page.get_by_text("Je lis l'image…").wait_for(timeout=60_000)  # the studio reads it: reloaded now
    page.reload()
    page.get_by_text("La photo envoyée avant le rechargement de la page est reprise").wait_for(timeout=60_000)
    wait_ready(page)
    page.get_by_role("button", name="Une autre photo").wait_for(timeout=120_000)
    shot(page, "photo-kept-through-a-reload")
    assert page.locator('[data-testid="stFileUploaderDropzoneInput"]').count() == 0
    context.close()
