"""A patron brings a pale colour print whose dyes faded until no black is left: the page says its colours faded and
does not call it well contrasted."""
from __future__ import annotations

import numpy as np
from PIL import Image

from tests.e2e.conftest import goto, nav_link, shot, wait_ready


def _analysed(page, studio, source, name: str) -> None:
    """Open « Vieilles photos », upload `source`, wait for « Ce que je vois » and keep a screenshot `name`."""
    goto(page, studio)
    nav_link(page, "Vieilles photos").click()
    wait_ready(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(source))
    page.get_by_text("Ce que je vois").wait_for(timeout=120_000)
    wait_ready(page)
    shot(page, name)


def test_a_pale_faded_print_is_said_to_have_no_deep_black(browser_page, studio, tmp_path):
    import cv2
    import skimage.data

    from bench._photo_damage import dye_fade

    coffee = skimage.data.coffee().astype(np.float32) / 255
    coffee = cv2.resize(coffee, (300, 200), interpolation=cv2.INTER_AREA)
    faded = dye_fade((0.3 + 0.67 * coffee).astype(np.float32), keep=[0.45, 0.65, 0.9])  # blacks never reached black
    source = tmp_path / "tasse.png"
    Image.fromarray(np.clip(faded * 255 + 0.5, 0, 255).astype(np.uint8)).save(source)
    page = browser_page
    _analysed(page, studio, source, "photos-pale-analysis")
    # its dyes faded (dye_fade): said as faded colours, read on its densities since old pale prints are (tone.py)
    assert page.get_by_text("Couleurs passées", exact=False).count() >= 1
    assert page.get_by_text("Bien contrastée").count() == 0


def test_a_dark_scan_is_said_very_dark_with_the_tone_step_ticked_and_an_icon_is_refused(browser_page, studio,
                                                                                          tmp_path):
    import skimage.data

    camera = skimage.data.camera()[::2, ::2].astype(np.float32) / 255
    dark = tmp_path / "scan-sombre.png"
    Image.fromarray(np.round(np.repeat(camera[..., None], 3, 2) * 0.08 * 255).astype(np.uint8)).save(dark)
    icon = tmp_path / "icone.png"
    Image.fromarray(np.full((12, 16, 3), 120, np.uint8)).save(icon)
    page = browser_page
    goto(page, studio)
    nav_link(page, "Vieilles photos").click()
    wait_ready(page)
    uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    uploader.set_input_files(str(icon))
    page.get_by_text("trop petite pour être restaurée", exact=False).wait_for(timeout=60_000)
    assert page.get_by_text("16 × 12 pixels", exact=False).count() >= 1
    assert page.get_by_text("Ce que je vois").count() == 0  # no analysis of an icon
    uploader.set_input_files(str(dark))
    page.get_by_text("Ce que je vois").wait_for(timeout=120_000)
    wait_ready(page)
    shot(page, "photos-dark-analysis")
    assert page.get_by_text("Très sombre", exact=False).count() >= 1
    assert page.get_by_text("Bien contrastée").count() == 0
    assert page.get_by_role("checkbox", name="Raviver", exact=False).first.is_checked()


def test_a_cyanotype_is_named_so_and_its_tone_is_kept(browser_page, studio, tmp_path):
    """A blue cyanotype was named « En couleurs »: it is named a cyanotype, and the revive step says it keeps the
    print's tone."""
    import skimage.data

    from pipelines.photo.imaging import lab_to_rgb, rgb_to_lab

    grey = skimage.data.camera()[::2, ::2].astype(np.float32) / 255
    lab = rgb_to_lab(np.repeat(grey[..., None], 3, 2))
    dark = 1 - np.clip(lab[..., 0] / 100, 0, 1)
    lab[..., 1], lab[..., 2] = 7.0 * dark, -35.0 * dark  # Prussian blue in the blacks, the paper's white
    source = tmp_path / "cyanotype.jpg"
    Image.fromarray(np.clip(lab_to_rgb(lab) * 255 + 0.5, 0, 255).astype(np.uint8)).save(source, quality=88)
    page = browser_page
    _analysed(page, studio, source, "photos-cyanotype-analysis")
    assert page.get_by_text("Cyanotype", exact=False).count() >= 1
    assert page.get_by_text("🌈 En couleurs", exact=False).count() == 0
    page.get_by_role("checkbox", name="le ton du tirage est gardé", exact=False).first.wait_for(timeout=60_000)


def test_an_all_black_picture_is_said_all_black_and_revive_is_not_ticked(browser_page, studio, tmp_path):
    """A black card scanned was told « Très sombre : « Raviver » l'éclaircit », and the restore changed nothing."""
    black = tmp_path / "noir.png"
    Image.fromarray(np.zeros((200, 300, 3), np.uint8)).save(black)
    page = browser_page
    _analysed(page, studio, black, "photos-black-analysis")
    assert page.get_by_text("Photo toute noire", exact=False).count() >= 1
    assert page.get_by_text("Très sombre", exact=False).count() == 0
    assert not page.get_by_role("checkbox", name="Raviver", exact=False).first.is_checked()
