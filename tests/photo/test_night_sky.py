"""A night scene's few dozen stars are the picture, not dust, on a photo with no dark speck anywhere; on a
dusty photo (dark specks on its light parts) bright specks on the dark ground are still dust."""
import cv2
import numpy as np

from pipelines.photo import repair


def _night(stars=40, dark_specks=0, seed=5):
    """A 600x900 clean night scene: a dark blue sky with `stars` sharp 1-2 px stars, a lit house front below
    (light ground), and `dark_specks` dark dust specks of 2-3 px on that light front."""
    rng = np.random.default_rng(seed)
    img = np.zeros((600, 900, 3), np.float32)
    img[:] = (0.03, 0.04, 0.10)
    img[420:, :] = (0.78, 0.72, 0.62)
    cv2.rectangle(img, (380, 470), (520, 600), (0.35, 0.2, 0.1), -1)  # a door
    where = np.column_stack([rng.integers(10, 400, stars), rng.integers(10, 890, stars)])
    for y, x in where:
        cv2.circle(img, (int(x), int(y)), int(rng.integers(1, 3)), (0.95, 0.95, 0.85), -1)
    for _ in range(dark_specks):
        y, x = int(rng.integers(440, 590)), int(rng.choice([rng.integers(10, 370), rng.integers(530, 890)]))
        cv2.circle(img, (x, y), int(rng.integers(2, 4)), (0.1, 0.1, 0.1), -1)
    return np.clip(img + rng.normal(0, 0.004, img.shape).astype(np.float32), 0, 1), where


def _marked(mask, where):
    return sum(bool(mask[max(y - 2, 0):y + 3, max(x - 2, 0):x + 3].any()) for y, x in where)


def test_a_night_skys_stars_are_kept_on_a_photo_without_dust():
    rgb, stars = _night()
    found = repair.find_damage(rgb, aged=False)
    assert _marked(found.mask, stars) <= 2  # the stars stay (they were 34 of 40 marked as dust)


def test_bright_specks_on_a_dusty_photos_dark_ground_are_still_dust():
    rgb, stars = _night(dark_specks=12)
    found = repair.find_damage(rgb, aged=False)
    assert _marked(found.mask, stars) >= 30  # dark dust on the light front: the bright specks are dust too
