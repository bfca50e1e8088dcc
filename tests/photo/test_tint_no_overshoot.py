"""« Raviver et enlever le jaune » takes a tint off without going past neutral into the opposite cast.

A fresh patron's flat beige and brown drawing came out mauve: beige 200,181,151 became 227,215,218 (its blue channel
past its green). The yellow (b*) was taken off, the red (a*) that a beige or brown tint also carries was left, and the
levels had doubled it. The kinds of bench/photo_tint.py (tinted packaged photos, flat pictures) are checked the same
way: the pixels the original had near-neutral come out no further than neutral along the tint's hue.
"""
import numpy as np
import pytest

from bench.photo_tint import case, measure
from pipelines.photo import tone
from pipelines.photo.chain import RestoreRequest, restore
from pipelines.photo.imaging import rgb_to_lab

BEIGE = np.array([200, 181, 151], np.float32) / 255
BROWN = np.array([120, 90, 60], np.float32) / 255


def beige_with_brown_discs() -> np.ndarray:
    """The reported picture's kind: a flat beige ground with a few flat brown discs."""
    img = np.empty((300, 400, 3), np.float32)
    img[:] = BEIGE
    yy, xx = np.mgrid[:300, :400]
    for cy, cx, r in ((40, 60, 30), (200, 300, 55), (150, 120, 20), (260, 40, 25), (90, 330, 40)):
        img[(yy - cy) ** 2 + (xx - cx) ** 2 < r * r] = BROWN
    return img


def test_a_flat_beige_picture_does_not_turn_mauve():
    out = restore(beige_with_brown_discs(), RestoreRequest(steps=["tone"])).image
    r, g, b = out[10, 200] * 255  # the beige ground
    assert b <= g + 1.0 and g <= r + 1.0, (r, g, b)  # was 227, 215, 218: blue past green
    a_star, b_star = rgb_to_lab(out)[10, 200, 1:]
    assert np.hypot(a_star, b_star) < 2.5  # neutral, or still a little warm: not a cast of its own (was a* 4.6)


@pytest.mark.parametrize("strength", [0.5, 1.0])
def test_no_pixel_of_a_flat_beige_picture_goes_past_neutral(strength):
    given = beige_with_brown_discs()
    lab_in = rgb_to_lab(given)[..., 1:]
    out = rgb_to_lab(restore(given, RestoreRequest(steps=["tone"], strength=strength)).image)[..., 1:]
    hue = lab_in.reshape(-1, 2).mean(axis=0)
    hue /= np.linalg.norm(hue)
    assert float((out @ hue).min()) > -1.5  # along the tint's hue, nothing lands in the opposite cast


def test_a_grey_under_a_cast_loses_no_more_than_its_own_share():
    """cast_removed(): a pixel within the cast's length of neutral comes back neutral, not past it; a real colour
    (a yellowed blue sky) loses the whole cast."""
    ab = np.array([[[2.0, 17.7], [0.5, 4.0], [0.0, -40.0]]], np.float32)
    out = tone.cast_removed(ab, 2.0, 17.7)
    hue = np.array([2.0, 17.7]) / np.hypot(2.0, 17.7)
    assert np.allclose(out[0, 0], 0.0, atol=1e-4)
    assert float(out[0, 1] @ hue) >= -1e-4  # less tinted than the cast: neutral along its hue, not blue
    assert np.allclose(out[0, 2], [-2.0, -57.7], atol=1e-4)  # a sky keeps losing the whole cast


def test_tones_along_the_cast_keep_their_order():
    """Eased between a grey under the cast and a real colour: no two tones along the cast's hue swap places."""
    b = np.linspace(-40, 40, 161, dtype=np.float32)
    ab = np.stack([np.zeros_like(b), b], -1)[None]
    out = tone.cast_removed(ab, 0.0, 10.0)[0, :, 1]
    assert (np.diff(out) >= -1e-5).all()


@pytest.mark.parametrize("kind, name, seed", [
    ("flat", "beige_discs", 1), ("flat", "beige_discs", 2), ("flat", "beige_wall", 1), ("flat", "brown_wall", 2),
    ("flat", "sepia_portrait", 1), ("tinted", "coffee", 1), ("tinted", "coffee", 2), ("tinted", "chelsea", 2),
    ("tinted", "chelsea", 3), ("tinted", "camera", 1), ("tinted", "clock", 2)])
def test_generated_tinted_kinds_do_not_overshoot_past_neutral(kind, name, seed):
    """Cases of bench/photo_tint.py (tuning split): its OVERSHOOT reading, none after the tone step."""
    clean, given, mask, _ = case(kind, name, seed)
    out = restore(given, RestoreRequest(steps=["tone"])).image
    m = measure(clean, given, out, mask)
    assert not m["overshoot"], m
