"""Where a faded print's white point comes from: a small print's plain white card is levelled in full; the marks the
repair rebuilt and the paper lost at the edges are not the photo's white (bench/_photo_damage.py tuning variants)."""
import numpy as np
import pytest

from bench._photo_damage import age, card, packaged_photo
from pipelines.photo import quality, tone
from pipelines.photo.imaging import luma


def _faded(truth):
    return quality.damage(truth, seed=0, blur=0, grain=0, scratches=0, dust=0, fade=0.35, yellow=0)


@pytest.mark.parametrize("name", ("coffee", "camera"))
def test_a_small_print_on_a_white_card_gets_its_white_back(name):
    truth = card(packaged_photo(name))  # 128 px, the photo on a plain white card (0.97)
    faded = _faded(truth)  # the card sank to 0.79
    revived = tone.revive(faded, 0.5, old=True)
    ground = np.s_[:10]  # the card's top margin
    assert np.median(luma(revived)[ground]) > 0.93, np.median(luma(revived)[ground])  # eased before: 0.83
    assert quality.psnr(luma(revived), luma(truth)) > quality.psnr(luma(faded), luma(truth)) + 8  # before: +2


def test_a_small_print_without_a_white_ground_is_still_eased():
    assert tone.white_ground(tone._smoothed(_faded(packaged_photo("moon")))) == 0  # a grey subject: no paper white


def test_the_ends_are_read_away_from_the_marks_the_repair_rebuilt():
    truth = (0.02 + 0.6 * packaged_photo("camera")).astype(np.float32)  # a print whose true white is 0.62
    plain = age(truth, 4, kinds=("fade",), fade=0.3, uneven_fade=0.0)
    marked = age(truth, 4, kinds=("fade", "scratches", "dust"), fade=0.3, uneven_fade=0.0, polarity=1)  # paper marks
    assert np.allclose(plain.image[~marked.marks], marked.image[~marked.marks], atol=0.02)
    b0, t0 = tone.levels(plain.image, old=True)
    b1, t1 = tone.levels(marked.image, old=True, damage=marked.marks)
    assert abs(b1 - b0) < 0.01 and abs(t1 - t0) < 0.01, ((b0, t0), (b1, t1))
    # read on the bright marks, the white is the paper's: the ends move
    b2, t2 = tone.levels(marked.image, old=True)
    assert abs(b2 - b0) + abs(t2 - t0) > 0.05, ((b0, t0), (b2, t2))
