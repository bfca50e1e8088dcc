"""Foxing, mould and water stains on old prints are found by their colour and levelled; a halftone's dot screen is
the picture, not dust; clean prints, drawn eyes and buttons, stars and freckles are left alone."""
import cv2
import numpy as np
import pytest

from bench._photo_damage import (FACE_BUTTONS, FACE_EYES, HALFTONE_TUNING, cartoon, halftone_case, packaged_photo,
                                 crack_ageing, default_restore, spot_case, star_field)
from bench.photo_spots import left_share
from pipelines.photo import analysis, stains
from pipelines.photo.imaging import luma


def sepia(rgb: np.ndarray) -> np.ndarray:
    y = luma(rgb)
    return np.clip(np.stack([y * 1.08, y, y * 0.86], -1), 0, 1).astype(np.float32)


def test_foxing_on_a_black_and_white_print_is_found_named_ticked_and_mostly_levelled():
    truth, aged = spot_case("camera", 701, kinds=("foxing",))  # a tuning case
    found = stains.find_stains(aged.image)
    assert found.foxing >= 8 and found.mould + found.tide <= 2
    assert (found.mask & aged.marks).sum() >= 0.8 * aged.marks.sum()
    assert (found.mask & ~aged.marks).mean() < 0.01  # the picture around them is not taken
    result, _ = analysis.analyse(aged.image)
    assert result.foxing >= 8 and result.damaged  # « Réparer » is ticked for a foxed print
    out = default_restore(aged.image)[0]
    before, after = (left_share(x, aged.params["reference"], aged.marks) for x in (aged.image, out))
    assert after <= 0.5 * before


def test_a_water_stain_is_found_by_its_tide_line_and_its_inside_levelled():
    truth, aged = spot_case("camera", 701, kinds=("tide",))  # a tuning case
    found = stains.find_stains(aged.image)
    assert found.tide >= 1 and found.inside.any()
    assert ((found.mask | found.inside) & aged.marks).sum() >= 0.7 * aged.marks.sum()
    out = stains.level(aged.image, found)
    before, after = (left_share(x, aged.params["reference"], aged.marks) for x in (aged.image, out))
    assert after <= 0.7 * before  # 0.63 (the step read across the line, point by point); 0.48 by the bands' medians


def test_a_water_stain_across_dark_and_light_leaves_its_inside_as_light_as_it_was():
    """A tide line that crosses the cameraman's dark coat and the light sky of a sepia print: the step it left is read
    across the line point by point, so the coat's dark does not enter it (the bands' medians darkened such an inside
    by 28 grey levels, far more than the stain had)."""
    from skimage import data

    grey = cv2.resize(data.camera().astype(np.float32) / 255, (900, 900))
    ground = np.dstack([grey * 0.95 + 0.05, grey * 0.85 + 0.04, grey * 0.68 + 0.03])  # a sepia print
    ring = np.zeros(grey.shape, np.float32)
    cv2.ellipse(ring, (600, 300), (180, 140), 20, 0, 300, 1.0, 4)
    ring = cv2.GaussianBlur(ring, (0, 0), 1.5)[..., None]
    inside = np.zeros(grey.shape, np.float32)
    cv2.ellipse(inside, (600, 300), (180, 140), 20, 0, 360, 1.0, -1)
    inside = cv2.GaussianBlur(inside, (0, 0), 6)[..., None]
    tint = np.array([0.6, 0.45, 0.25], np.float32)
    wet = ground * (1 - 0.12 * inside) + tint * 0.12 * inside
    wet = (wet * (1 - 0.5 * ring) + tint * 0.5 * ring).astype(np.float32)
    found = stains.find_stains(wet)
    assert found.tide >= 1 and found.inside.any()
    out = stains.level(wet, found)
    sky = np.s_[280:320, 580:620]  # inside the ring, on the sky
    error = abs(luma(out)[sky].mean() - luma(ground)[sky].mean())
    assert error <= abs(luma(wet)[sky].mean() - luma(ground)[sky].mean()) + 0.01, error


def test_levelling_keeps_the_picture_beneath_a_stain():
    rng = np.random.default_rng(4)
    ramp = np.linspace(0.2, 0.95, 400, dtype=np.float32)[:, None, None]  # a grey print's tones, top to bottom
    ground = np.repeat(ramp, 400, axis=1).repeat(3, axis=2) + rng.normal(0, 0.004, (400, 400, 1)).astype(np.float32)
    ground[:, ::6] *= 0.5  # a picture's fine dark lines, 6 px apart
    stained = ground.copy()
    alpha = np.zeros((400, 400), np.float32)
    cv2.circle(alpha, (100, 100), 10, 0.6, -1)  # a foxing spot 20 px across
    alpha = cv2.GaussianBlur(alpha, (0, 0), 2)[..., None]
    stained = stained * (1 - alpha) + alpha * np.array([0.62, 0.4, 0.2], np.float32)
    found = stains.find_stains(stained)
    assert found.foxing >= 1 and found.mould + found.tide == 0 and found.mask[100, 100]
    out = stains.level(stained, found)
    spot = np.s_[92:108, 92:108]
    assert np.abs(out[spot] - ground[spot]).mean() < 0.4 * np.abs(stained[spot] - ground[spot]).mean()
    # the dark lines still stand out of the levelled stain
    # (columns 96 and 102: lines; they keep the contrast the stain left them, 0.4 of their own here)
    assert luma(out)[spot][:, 4::6].mean() < luma(out)[spot][:, 1::6].mean() - 0.05
    assert np.array_equal(out[:40], stained[:40])  # away from the stain nothing moves


@pytest.mark.parametrize("name,seed", HALFTONE_TUNING[:3])
def test_a_halftone_print_is_told_by_its_screen_and_its_dots_are_not_dust(name, seed):
    aged = halftone_case(name, seed)
    period = stains.halftone_period(aged.image)
    assert period is not None and abs(period - aged.params["period"]) < 0.1 * aged.params["period"]
    result, mask = analysis.analyse(aged.image)
    assert not result.damaged
    assert mask.mean() < 0.005


def test_two_straight_scratches_crossing_a_print_make_no_halftone_screen():
    gray = luma(packaged_photo("camera")).copy()
    gray[:, 150] = 0.97  # a bright scratch down and one across: two ridges of the spectrum at 90 degrees
    gray[300, :] = 0.97
    assert stains.halftone_period(gray) is None


@pytest.mark.parametrize("name", ["camera", "page", "moon", "coins", "astronaut", "coffee"])
def test_clean_photos_show_no_stain_and_are_not_changed_by_the_levelling(name):
    rgb = packaged_photo(name)
    assert stains.halftone_period(rgb) is None
    for picture in (rgb, sepia(rgb)):
        found = stains.find_stains(picture)
        assert found.count == 0 and not found.mask.any()
        assert np.array_equal(stains.level(picture, found), picture)


def test_drawn_eyes_buttons_stars_and_freckles_on_a_toned_print_are_no_stain():
    face = sepia(cartoon(packaged_photo("grass")))
    rng = np.random.default_rng(2)
    size = face.shape[0]
    for _ in range(25):  # freckles: small dots of the print's own tone, darker, across the cheeks
        x, y = rng.uniform(0.38, 0.62) * size, rng.uniform(0.4, 0.48) * size
        cv2.circle(face, (int(x), int(y)), 2, tuple(float(v) * 0.75 for v in face[int(y), int(x)]), -1, cv2.LINE_AA)
    found = stains.find_stains(face)
    for x, y, r in FACE_EYES + FACE_BUTTONS:
        c = (int(y * size), int(x * size))
        assert not found.mask[c[0] - 2:c[0] + 3, c[1] - 2:c[1] + 3].any()
    assert found.count == 0
    sky = sepia(star_field(packaged_photo("moon")))
    assert stains.find_stains(sky).count == 0


def test_the_page_names_the_stains_found_in_french_and_english_once_the_repair_is_ticked():
    from pipelines.i18n import translate
    from ui.photos import repair_suggested, stain_chips

    info = {"damage_fraction": 0.002, "longest_scratch": 0.0, "specks": 3, "foxing": 9, "mould": 0, "tide": 1,
            "stained": 0.01}
    assert repair_suggested(info)
    chips = stain_chips(info)
    assert [key for key, _ in chips] == ["photo.ui.stains.foxing", "photo.ui.stains.tide"]
    assert translate(*chips[0][:1], **chips[0][1]) == "🟤 9 piqûres"
    assert translate("photo.ui.stains.tide", "en", n=1) == "💧 1 water stain"
    few = dict(info, foxing=2, tide=0, stained=0.001)  # a few warm details: not ticked, not named
    assert not repair_suggested(few) and stain_chips(few) == []


def test_a_night_photo_of_coloured_lights_is_a_colour_photo_not_a_toned_print():
    """Fireworks over a black sky: most pixels are near black, where no photo has colour; the kind is read on the
    lit pixels, so the coloured lights make it a colour photo and no stain is looked for."""
    rng = np.random.default_rng(11)
    night = np.zeros((600, 800, 3), np.float32)
    for _ in range(60):  # bursts of coloured sparks
        x, y = int(rng.integers(0, 800)), int(rng.integers(0, 600))
        colour = rng.uniform(0.2, 1.0, 3).astype(np.float32)
        colour[rng.integers(0, 3)] *= 0.15  # saturated: one channel low
        cv2.circle(night, (x, y), int(rng.integers(2, 9)), colour.tolist(), -1)
    night = cv2.GaussianBlur(night, (0, 0), 1.2)
    found = stains.find_stains(night)
    assert found.count == 0 and not found.mask.any()


def test_the_page_names_a_foxed_prints_spots_and_ticks_repair(page_resources, immediate_queue, save_photo):
    """A sepia print with clusters of rust spots (drawn here, not by the bench's generator): the photos page says
    « piqûres » among its chips and starts with « Réparer » ticked."""
    from streamlit.testing.v1 import AppTest

    from pipelines.config import ROOT
    from skimage import data

    rng = np.random.default_rng(2026)
    grey = cv2.resize(data.camera().astype(np.float32) / 255, (900, 900))
    sepia = np.dstack([grey * 0.95 + 0.05, grey * 0.85 + 0.04, grey * 0.68 + 0.03])
    spots = np.zeros(grey.shape, np.float32)
    for cx, cy in rng.uniform(50, 850, (4, 2)):  # four clusters of spots 2-9 px in radius
        for _ in range(int(rng.integers(6, 14))):
            cv2.circle(spots, (int(rng.normal(cx, 40)), int(rng.normal(cy, 40))), int(rng.uniform(2, 9)),
                       float(rng.uniform(0.4, 0.9)), -1)
    spots = cv2.GaussianBlur(spots, (0, 0), 1.6)[..., None] * 0.7
    foxed = sepia * (1 - spots) + np.array([0.55, 0.33, 0.15], np.float32) * spots
    source = save_photo(foxed, "foxed.png")
    job_id = immediate_queue.submit("photo.analyze", {"source": str(source)})
    assert immediate_queue.get(job_id).state == "done"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["photo"] = {"source": str(source), "analysis_job": job_id}
    at.switch_page("pages/photos.py").run()
    assert not at.exception
    texts = " ".join(str(m.value) for m in at.markdown) + " ".join(str(c.value) for c in at.caption)
    assert "piqûres" in texts, texts[:2000]
    assert next(c for c in at.checkbox if c.label.startswith("🩹") or "Réparer" in c.label).value


def test_white_cracks_on_a_dark_print_are_cracks_not_foxing():
    """A crack network bares the warm white paper; thinned on the stain search's working copy, a crack over a dark
    coat reads warm and lighter like a rust spot on a dark ground. The damage search marks it: it is filled as a
    crack, and the page names no foxing or water stain (this print read 7 foxing spots before stains.TAKEN)."""
    aged = crack_ageing(packaged_photo("camera"), 31)
    assert stains.find_stains(aged.image).foxing >= 3  # what the stain search alone sees
    info, mask = analysis.analyse(aged.image)
    assert info.damaged and (mask & aged.marks).sum() > 0.5 * aged.marks.sum()
    assert info.foxing + info.tide == 0, (info.foxing, info.tide)


def _flat_poster(seed: int, size=(900, 1200)) -> np.ndarray:
    """A flat-colour picture (an illustration, a poster, a child's painting photographed), JPEG-compressed: 4-6 colours
    of random hues (C* 15-45) at lightnesses at least 9 L* apart, so each lightness holds one colour, as a toned
    print's does; the first, a sky, shades over 12 L* top to bottom; the others fill a ground band and shapes."""
    from skimage.color import lab2rgb

    rng = np.random.default_rng(seed)
    h, w = size
    count = int(rng.integers(4, 7))
    lights = rng.choice(np.arange(25.0, 91.0, 9.0), count, replace=False)
    hues, chromas = rng.uniform(0, 2 * np.pi, count), rng.uniform(15, 45, count)

    def colour(i: int, shade: float = 0.0) -> np.ndarray:
        lab = np.array([[[lights[i] + shade, chromas[i] * np.cos(hues[i]), chromas[i] * np.sin(hues[i])]]])
        return lab2rgb(lab)[0, 0].astype(np.float32)

    image = np.stack([np.broadcast_to(colour(0, shade), (w, 3)) for shade in np.linspace(6, -6, h)])
    image = np.ascontiguousarray(image)
    image[int(h * rng.uniform(0.5, 0.75)):] = colour(1)
    for i in range(2, count):
        for _ in range(int(rng.integers(1, 3))):
            x, y = int(rng.integers(0, w - 100)), int(rng.integers(0, h - 100))
            bw, bh = int(rng.integers(60, w // 3)), int(rng.integers(60, h // 3))
            fill = tuple(float(c) for c in colour(i))
            if rng.random() < 0.5:
                cv2.rectangle(image, (x, y), (x + bw, y + bh), fill, -1)
            else:
                cv2.ellipse(image, (x + bw // 2, y + bh // 2), (bw // 2, bh // 2), 0, 0, 360, fill, -1, cv2.LINE_AA)
    eight_bit = (np.clip(image, 0, 1) * 255).round().astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", eight_bit, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return cv2.imdecode(jpeg, cv2.IMREAD_UNCHANGED).astype(np.float32) / 255


@pytest.mark.parametrize("seed", range(6))
def test_a_flat_colour_picture_is_no_toned_print_and_gets_no_stain(seed):
    """An illustration in flat colours follows "a tone curve" (one colour at each lightness) as a sepia print does;
    its hues tell it apart (stains._hues_apart): no foxing, mould or water stain is named on it (a clean illustration
    was read with 3 foxing spots, 2 moulds and 2 water stains, « Réparer » ticked, and smeared; 5 of these 6 read
    stains before). The damage search is another matter: seed 2's JPEG ringing along a rectangle's edge still reads
    as one scratch."""
    rgb = _flat_poster(seed)
    assert stains.find_stains(rgb).count == 0
    info, _ = analysis.analyse(rgb)
    assert info.foxing + info.mould + info.tide == 0
