"""Lettering on a print (a caption, a date stamp, a shop sign) is the picture: its letters are not crack pieces."""
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from bench._photo_damage import age, case_photo, case_seed
from pipelines.photo import repair

FONTS = {"sans": "assets/fonts/dejavu/DejaVuSans.ttf",
         "hyperlegible": "assets/fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf"}


def _lettered(name: str, text: str, font: str, size: float, at: tuple[float, float]):
    """A tuning photo with `text` drawn on it in paper white (`size`: share of the shorter side; `at`: its top-left
    as shares of the width and height), aged by bench/_photo_damage.py: (aged print, letters (H, W) bool, marks)."""
    rgb = case_photo(name)
    h, w = rgb.shape[:2]
    picture = Image.fromarray((rgb * 255).astype(np.uint8))
    ink = Image.new("L", (w, h))
    face = ImageFont.truetype(FONTS[font], int(size * min(h, w)))
    for layer, fill in ((ImageDraw.Draw(picture), (245, 240, 230)), (ImageDraw.Draw(ink), 255)):
        layer.text((int(at[0] * w), int(at[1] * h)), text, font=face, fill=fill)
    aged = age(np.asarray(picture).astype(np.float32) / 255, case_seed(name + "#letters", 12))
    return aged.image, np.asarray(ink) > 127, aged.marks


@pytest.mark.parametrize("name, text, font, size, at", [
    ("camera", "Souvenir de Chartres", "sans", 0.05, (0.1, 0.8)),
    ("motorcycle_left", "Souvenir de Chartres", "sans", 0.05, (0.1, 0.15)),
])
def test_a_bright_caption_is_left_and_the_damage_around_it_found(name, text, font, size, at):
    image, letters, marks = _lettered(name, text, font, size, at)
    found = repair.find_damage(image, aged=True).mask
    free = letters & ~marks  # the letters' own pixels, not a scratch's or speck's that falls on them
    share = (found & free).sum() / free.sum()
    assert share < 0.1, f"{share:.0%} of the letters marked as damage"  # today 4-5 %, before _glyph_rows 36-40 %
    recall = (found & marks).sum() / marks.sum()
    assert recall > 0.5, f"{recall:.0%} of the damage found"
