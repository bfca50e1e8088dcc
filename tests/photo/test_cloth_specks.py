"""Small bright specks on the dark, textured cloth of an old print (a knit, a curtain): found, and the knit kept."""
import cv2
import numpy as np

from pipelines.photo import repair


def _knit_print(seed: int = 3, specks: int = 40):
    """A 320 px print: a pale wall on top, a dark knit below (luma about 0.15 with a woven texture), with `specks`
    bright specks 1-3 px across on the knit, each about twice as bright as it; ((H, W, 3) float32, (H, W) bool)."""
    rng = np.random.default_rng(seed)
    h = w = 320
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    weave = 0.5 + 0.5 * np.sin(xx * 1.3) * np.sin(yy * 1.1 + 0.6 * np.sin(xx * 0.21))
    texture = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 0.8)
    gray = np.where(yy < 110, 0.62, 0.13 + 0.05 * weave + 0.015 * texture).astype(np.float32)
    gray += rng.normal(0, 0.004, (h, w)).astype(np.float32)  # a little grain
    marks = np.zeros((h, w), bool)
    layer = np.zeros((h, w), np.float32)
    for _ in range(specks):
        x, y = int(rng.uniform(10, w - 10)), int(rng.uniform(125, h - 10))
        r = float(rng.uniform(0.6, 1.5))
        cv2.circle(layer, (x * 16, y * 16), int(r * 16), 1.0, -1, cv2.LINE_AA, shift=4)
    gray = gray * (1 - layer) + layer * (gray + 0.16)
    marks = layer > 0.3
    rgb = np.clip(np.stack([gray * 1.08, gray, gray * 0.85], -1), 0, 1).astype(np.float32)  # a sepia print
    return rgb, marks


def test_bright_specks_on_a_dark_knit_are_found_and_the_knit_is_not():
    rgb, marks = _knit_print()
    found = repair.find_damage(rgb, aged=True).mask
    hit = cv2.dilate(found.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    count, labels = cv2.connectedComponents(marks.astype(np.uint8))
    caught = len(set(np.unique(labels[marks & hit])) - {0}) / (count - 1)
    assert caught > 0.6, f"{caught:.0%} of the specks found"  # today 100 % (seeds 3-5), before this search 0 %
    knit = ~cv2.dilate(marks.astype(np.uint8), np.ones((7, 7), np.uint8)).astype(bool)
    knit[:110] = False
    assert (found & knit).sum() / knit.sum() < 0.01  # the weave itself stays (today 0.2 %)


def test_a_flat_dark_sky_with_stars_is_left_to_the_star_field_guard():
    """The relative test asks for a textured ground: stars on a flat, grainy night sky are not taken by it."""
    rng = np.random.default_rng(5)
    gray = (0.08 + rng.normal(0, 0.01, (320, 320))).astype(np.float32)
    for _ in range(60):
        cv2.circle(gray, (int(rng.uniform(0, 320)), int(rng.uniform(0, 320))), 1, float(rng.uniform(0.3, 0.6)), -1)
    assert not repair._specks_on_texture(gray, 11).any()
