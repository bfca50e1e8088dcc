"""A plain ground (a night sky, a slide's surround) loses its grain and comes back to black; stars and
textured shadows stay; and the strength slider at 0 leaves a print as it is."""
import cv2
import numpy as np
import pytest

from bench._photo_damage import age, packaged_photo
from pipelines.photo import repair, tone
from pipelines.photo.chain import RestoreRequest, eased, restore
from pipelines.photo.imaging import luma


def _field(ground=0.01, grain=0.01, seed=0):
    """A 192 px star field: a plain dark ground with grain, 40 stars of 1-2 px, and a textured dark band."""
    rng = np.random.default_rng(seed)
    y = np.full((192, 192), ground, np.float32)
    stars = rng.integers(8, 184, (40, 2))
    for r, c in stars:
        cv2.circle(y, (int(c), int(r)), int(rng.integers(1, 3)), 0.9, -1)
    texture = cv2.GaussianBlur(rng.normal(0, 1, (192, 48)).astype(np.float32), (0, 0), 1.2)
    y[:, 144:] = ground + 0.05 + 0.04 * texture / texture.std()  # dark cloth: varies far more than the grain
    noisy = y + rng.normal(0, grain, y.shape).astype(np.float32)
    return np.repeat(np.clip(noisy, 0, 1)[..., None], 3, axis=2), y, stars


def test_a_plain_dark_ground_comes_down_to_black_and_stars_and_texture_stay():
    rgb, clean, stars = _field()  # as the levels leave it: a ground lifted to just above black, grain half clipped
    out = tone.black_ground(rgb, grain=0.01)
    y, before = luma(out), luma(rgb)
    ground = (cv2.dilate((clean > 0.5).astype(np.uint8), np.ones((9, 9), np.uint8)) == 0)
    ground[:, 136:] = False
    assert before[ground].mean() > 0.008 and y[ground].mean() < 0.003  # the mottled grey ground is black now
    peaks = [before[r, c] for r, c in stars if c < 136]
    assert np.allclose([y[r, c] for r, c in stars if c < 136], peaks, atol=0.02)  # the stars are untouched
    assert np.abs(y[:, 150:] - before[:, 150:]).max() < 0.01  # the textured band too


def test_a_ground_well_above_black_is_no_black_ground():
    rgb, _, _ = _field(ground=0.2)
    assert np.array_equal(tone.black_ground(rgb, grain=0.01), rgb)


def test_smoothing_the_plain_areas_takes_the_grain_off_the_ground_not_the_stars():
    rgb, clean, stars = _field(ground=0.3, grain=0.02)
    lightness = luma(rgb) * 100
    out = tone.smooth_plain(lightness, lightness, grain=2.0) / 100
    ground = (cv2.dilate((clean > 0.5).astype(np.uint8), np.ones((9, 9), np.uint8)) == 0)
    ground[:, 136:] = False
    assert out[ground].std() < 0.5 * (lightness / 100)[ground].std()
    assert min(out[r, c] for r, c in stars if c < 136) > 0.85  # a star is neither blurred nor spread
    assert np.abs(out[:, 150:] - lightness[:, 150:] / 100).mean() < 0.01  # texture is not plain


def test_strength_zero_leaves_the_print_as_it_is_and_the_default_is_the_full_step():
    truth = packaged_photo("camera")[::4, ::4]
    aged = age(truth, 7).image
    steps = ["repair", "tone", "denoise"]
    none = restore(aged, RestoreRequest(steps=steps, strength=0.0)).image
    assert np.abs(none - aged).max() < 1e-5
    quarter = restore(aged, RestoreRequest(steps=steps, strength=0.25)).image
    full = restore(aged, RestoreRequest(steps=steps, strength=0.5)).image
    change = [float(np.abs(x - aged).mean()) for x in (quarter, full)]
    assert 0 < change[0] < change[1]
    before, after = np.zeros((2, 2, 3), np.float32), np.ones((2, 2, 3), np.float32)
    assert np.allclose(eased(before, after, 0.25), 0.5) and eased(before, after, 0.8) is after


@pytest.mark.parametrize("given", ["mask_path", "edits_path"])
def test_a_painted_mask_is_repaired_whatever_the_strength(tmp_path, given):
    from PIL import Image

    from pipelines.photo.mask_edits import ADD

    rgb = np.full((64, 64, 3), 0.4, np.float32)
    rgb[30:33, :] = 1.0  # a bright scratch
    mask = np.zeros((64, 64), np.uint8)
    mask[29:34, :] = 255 if given == "mask_path" else ADD  # a whole mask, or the brush's "damage" over the search's
    Image.fromarray(mask).save(tmp_path / "mask.png")
    request = RestoreRequest(steps=["repair"], strength=0.0, **{given: str(tmp_path / "mask.png")})
    assert np.abs(restore(rgb, request).image[30:33] - 0.4).max() < 0.05


def test_at_strength_0_only_what_the_patron_painted_is_repaired(tmp_path):
    """« 0 % : la photo reste telle quelle (sauf ce que tu as peint en rouge) »: the search's own marks follow the
    slider, the brush's do not."""
    from PIL import Image

    from pipelines.photo.mask_edits import ADD

    from .conftest import photo

    rgb = photo("camera")[::2, ::2].copy()  # 256 px
    rgb[60:62, 20:230] = 1.0  # a bright scratch the patron painted
    rgb[190:192, 20:230] = 1.0  # another one, which the search finds even at strength 0
    assert repair.find_damage(rgb, 0.0).mask[190:192, 30:220].mean() > 0.5
    edits = np.zeros(rgb.shape[:2], np.uint8)
    edits[57:65, 15:235] = ADD
    Image.fromarray(edits).save(tmp_path / "edits.png")
    out = restore(rgb, RestoreRequest(steps=["repair"], strength=0.0, edits_path=str(tmp_path / "edits.png"))).image
    assert np.abs(out[60:62, 30:220] - 1.0).mean() > 0.2  # painted: repaired (no longer paper white)
    assert np.array_equal(out[180:200], rgb[180:200])  # found by the search, not painted: as it was at 0 %


def _specks(ground, count=150, seed=1):
    """A 256 px plain picture at `ground` with `count` bright specks of 1-3 px (soft, as stars or dust)."""
    rng = np.random.default_rng(seed)
    y = np.full((256, 256), ground, np.float32)
    for r, c in rng.integers(4, 252, (count, 2)):
        cv2.circle(y, (int(c), int(r)), int(rng.integers(1, 3)), float(rng.uniform(0.5, 1.0)), -1, cv2.LINE_AA)
    y = cv2.GaussianBlur(y, (0, 0), 0.6) + rng.normal(0, 0.004, y.shape).astype(np.float32)
    return np.repeat(np.clip(y, 0, 1)[..., None], 3, axis=2)


def test_a_star_field_with_no_sign_of_age_is_the_picture_but_lone_specks_on_a_grey_ground_are_dust():
    assert repair.find_damage(_specks(0.02), aged=False).fraction < 0.001  # stars on black: left alone
    dusty = _specks(0.45, count=12)  # a dozen specks on a grey ground: dust
    assert repair.find_damage(dusty, aged=False).spots >= 6


def test_a_faintly_faded_print_is_told_old_by_its_dust_a_grey_subject_is_not():
    truth = packaged_photo("camera")
    fixed = {"fade": 0.2, "veil": 0.5, "uneven_fade": 0.0, "dust+1": 60, "dust-1": 60}
    faded = age(truth, 3, kinds=("fade",), **fixed).image
    dusty = age(truth, 3, kinds=("fade", "dust"), **fixed).image
    assert tone.veil(faded) > tone.DUSTY_VEIL and not tone.looks_old(faded)  # a veil alone may be the subject's
    assert tone.looks_old(dusty) and tone.dusty_veil(dusty)
    assert not tone.looks_old(age(truth, 3, kinds=("dust",), **fixed).image)  # specks alone: no veil
    assert not tone.looks_old(packaged_photo("moon"))  # a grey moon: a veil, no dust


def test_a_faded_star_field_counts_as_a_scene_a_lawn_does_not():
    from bench._photo_damage import star_field

    field, lawn = star_field(packaged_photo("moon"), size=256, count=120), packaged_photo("grass")[::2, ::2]
    assert tone.scene_share(field) < 0.7 and tone.ground_share(field) > 0.6  # fine variation, yet a plain ground
    assert tone.ground_share(lawn) < 0.1 < tone.GROUND_FROM  # a lawn gets nothing from the plain-ground rule
    faded = (0.6 * field + 0.4 * 0.5).astype(np.float32)  # a veil of 0.4 over it
    assert tone.fading(faded, old=True) > 0.3


def test_a_faded_low_key_print_is_not_stretched_until_its_ground_is_grey():
    """A star field whose brightest tones were always dark (its 99th percentile under the veil's grey): fading
    cannot have sunk a white there, so the levels lift only the veil both ends support and the ground comes out
    darker than it went in, never lit to a mid grey by a white point taken on the faded stars."""
    _, clean, _ = _field(ground=0.02, grain=0.0, seed=3)
    clean = np.where(clean > 0.5, 0.3, clean)  # faint stars: the scene's white is 0.3
    t, veil = 0.6, 0.5
    faded = np.repeat((t * clean + (1 - t) * veil)[..., None], 3, axis=2).astype(np.float32)
    black, contrast = tone.levels(faded, 0.5, old=True)
    assert contrast > 0.5  # the veil the black supports, not a stretch of the whole range onto the faint stars
    out = luma(tone.revive(faded, 0.5, old=True))
    ground = clean < 0.1
    assert out[ground].mean() < luma(faded)[ground].mean() - 0.1
