"""Before any workshop exists (or with nobody picked), a reload of the photos page keeps the photo in progress,
for this browser only."""
from __future__ import annotations

from PIL import Image

from tests.e2e.conftest import goto, shot, wait_ready


def test_a_reload_without_a_name_keeps_the_photo_for_this_browser_only(browser, studio, tmp_path):
    photo = tmp_path / "grand-mere.jpg"
    Image.new("RGB", (400, 300), (150, 120, 90)).save(photo)
    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    page.set_default_timeout(60_000)
    goto(page, studio, "photos")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(photo))
    page.get_by_role("button", name="Une autre photo").wait_for()
    wait_ready(page)
    page.reload()
    wait_ready(page)
    page.get_by_role("button", name="Une autre photo").wait_for(timeout=30_000)  # the photo is still there
    assert page.locator('[data-testid="stFileUploaderDropzoneInput"]').count() == 0
    shot(page, "photos-kept-without-a-name")
    other = browser.new_context(viewport={"width": 820, "height": 1180})  # another tablet: its own empty page
    stranger = other.new_page()
    goto(stranger, studio, "photos")
    stranger.locator('[data-testid="stFileUploaderDropzoneInput"]').wait_for(state="attached")
    assert stranger.get_by_role("button", name="Une autre photo").count() == 0
    page.get_by_role("button", name="Une autre photo").click()  # started over: a reload stays empty
    wait_ready(page)
    page.reload()
    wait_ready(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').wait_for(state="attached")
    assert page.get_by_role("button", name="Une autre photo").count() == 0
    context.close()
    other.close()
