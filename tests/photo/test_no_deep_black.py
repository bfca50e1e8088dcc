"""A print that reaches no deep black in any channel is not called well contrasted: the page says the black is missing
(a pale subject or faded tones), and the tone step leaves such a print as it is, unless its dyes faded with a sign of
age that backs it (then the page says the colours faded and the tone step gives the densities back)."""
from dataclasses import asdict

import cv2
import numpy as np

from bench._photo_damage import dye_fade
from pipelines.i18n import translate
from pipelines.photo import quality, tone
from pipelines.photo.analysis import analyse
from pipelines.photo.chain import RestoreRequest, restore

from .conftest import photo


def _small(rgb, side=256):
    h, w = rgb.shape[:2]
    k = side / max(h, w)
    return cv2.resize(rgb, (round(w * k), round(h * k)), interpolation=cv2.INTER_AREA)


def test_a_pale_photo_is_said_to_have_no_deep_black_and_left_as_it_is():
    from ui.photos import contrast_chip

    # The coffee photo whose blacks never reached black (its tones 0.3-0.97: a pale scene).
    pale = (0.3 + 0.67 * _small(photo("coffee"))).astype(np.float32)
    info, _ = analyse(pale)
    assert info.fading <= 0.15 and info.dye_faded <= tone.DYE_FADED  # neither reading fires on it
    assert info.deep_black < tone.NO_DEEP_BLACK  # 0.47: no channel reaches a deep black
    assert contrast_chip(asdict(info)) == ("photo.ui.tone.no_deep_black", {})  # was « Bien contrastée »
    for language in ("fr", "en"):
        assert not translate("photo.ui.tone.no_deep_black", language).startswith("[")
    out = restore(pale, RestoreRequest(steps=["tone"])).image
    assert quality.luma_scores(out, pale)[0] > 35.0


def test_the_same_pale_photo_whose_dyes_faded_is_said_dye_faded_and_given_its_densities_back():
    """Its dyes faded, it reaches no deep black (0.41) and took a yellow cast (b* 8.6: a sign of age a texture does
    not give): the page says the colours faded, and the tone step brings it back (luma 18.1 -> 26.1 dB)."""
    from ui.photos import contrast_chip

    pale = (0.3 + 0.67 * _small(photo("coffee"))).astype(np.float32)
    faded = dye_fade(pale, keep=[0.45, 0.65, 0.9])
    info, _ = analyse(faded)
    assert info.deep_black < tone.NO_DEEP_BLACK and info.dye_faded > tone.DYE_FADED
    assert contrast_chip(asdict(info)) == ("photo.ui.tone.dye_faded", {})
    out = restore(faded, RestoreRequest(steps=["tone"])).image
    assert quality.luma_scores(out, pale)[0] > quality.luma_scores(faded, pale)[0] + 5.0


def test_a_clean_photo_with_a_deep_black_is_still_well_contrasted():
    from ui.photos import contrast_chip

    info, _ = analyse(_small(photo("astronaut")))
    assert info.deep_black > 2.0
    assert contrast_chip(asdict(info)) == ("photo.ui.not_faded", {})
    assert contrast_chip({"fading": 0.4, "deep_black": 0.3}) == ("photo.ui.faded", {"pct": 40})
    assert contrast_chip({"fading": 0.0}) == ("photo.ui.not_faded", {})  # an analysis saved before the reading
