"""The pieces that find white crack networks and a rubbed paper rim on an old print, each on a drawn case."""
import cv2
import numpy as np
import pytest

from bench._photo_damage import age, packaged_photo
from pipelines.photo import repair
from pipelines.photo.imaging import luma


def test_the_ridge_measure_reads_a_thin_bright_line_and_not_an_edge_or_a_blob():
    line = np.full((64, 64), 0.4, np.float32)
    line[:, 31:33] += 0.3  # a 2 px crack of contrast 0.3
    edge = np.full((64, 64), 0.4, np.float32)
    edge[:, 32:] += 0.3  # a step of the same contrast (a cheek against the background)
    blob = np.full((64, 64), 0.4, np.float32)
    cv2.circle(blob, (32, 32), 3, 0.7, -1)  # a speck of the same contrast
    on_line = repair.ridge_strength(line)[32, 31:33].max()
    assert 0.2 * 0.3 < on_line < 0.5 * 0.3
    assert repair.ridge_strength(edge).max() < 0.3 * on_line
    assert repair.ridge_strength(blob).max() < 0.6 * on_line
    flat = np.random.default_rng(1).normal(0.4, 0.01, (64, 64)).astype(np.float32)  # grain alone
    assert repair.ridge_strength(flat).max() < 0.5 * on_line


def _faded(name="camera"):
    return luma(age(packaged_photo(name), 3, kinds=("fade",)).image).astype(np.float32)


def test_a_rubbed_paper_rim_along_the_edge_is_lost_paper_but_a_stripe_the_frame_cuts_is_not():
    gray = _faded()
    paper = float(np.percentile(gray, 99.5))
    rim = gray.copy()
    rim[-3:-1, 100:180] = paper  # a strip of bared paper 2 px deep, 80 px along the bottom edge (on the grass)
    found = repair._border_loss(rim, 0.22)
    assert found[-3:-1, 100:180].mean() > 0.85
    assert found[:-40].sum() == 0  # nothing else in the picture
    stripe = gray.copy()
    stripe[-40:, 200:206] = paper  # a white pole of the picture, cut by the bottom edge, going inwards
    stripe[300:306, 0:14] = paper  # a short white bar the left edge cuts (on the dark coat)
    assert not repair._border_loss(stripe, 0.22)[:, 190:216].any()
    assert not repair._border_loss(stripe, 0.22)[290:316].any()


def test_a_faint_stretch_of_a_crack_network_is_followed_from_its_bright_stretches():
    truth = packaged_photo("camera")
    faded = age(truth, 7, kinds=("fade", "grain")).image
    h, w = faded.shape[:2]
    crack = np.zeros((h, w), np.float32)
    cv2.polylines(crack, [np.array([[30, 60], [150, 90], [260, 70], [400, 120]], np.int32)], False, 1.0, 2)
    strength = np.ones((h, w), np.float32)
    strength[:, 150:260] = 0.35  # the middle stretch barely shows (a crack over a pale face)
    alpha = (cv2.GaussianBlur(crack, (0, 0), 0.6) * strength)[..., None]
    cracked = np.clip(faded * (1 - alpha) + alpha * np.array([0.93, 0.9, 0.85], np.float32), 0, 1).astype(np.float32)
    found = repair.find_damage(cracked, aged=True).mask
    on = crack > 0.5
    assert found[on].mean() > 0.85
    middle = on.copy()
    middle[:, :160], middle[:, 250:] = False, False
    assert found[middle].mean() > 0.6  # 0.82 today; 0.10 with the oriented line finder alone


def test_a_faint_rubbed_rim_broken_by_grain_is_lost_paper():
    """The paper shows faintly along a worn edge, 5 px deep, by about a third of the visible floor, broken by grain."""
    gray = _faded()
    h, w = gray.shape
    rng = np.random.default_rng(4)
    worn = gray.copy()
    lift = 0.45 * 0.22 * (1 + 0.6 * rng.standard_normal((5, 200)))  # some pixels stand out, some do not
    worn[:5, 150:350] = np.clip(worn[:5, 150:350] + np.clip(lift, 0, None) + 0.06, 0, 1)
    found = repair._border_loss(worn, 0.22)
    assert found[:5, 150:350].mean() > 0.6
    assert found[8:].sum() == 0  # no deeper than the rim
    assert not repair._border_loss(gray, 0.22)[:8].any()  # the same print without the worn rim


def test_lost_paper_along_the_border_is_filled_from_the_picture_not_from_the_backdrop():
    """A rubbed rim 6 px in from a 2 px strip of the scanner's dark backdrop: the fill takes the picture's tone."""
    picture = np.full((120, 160, 3), 0.55, np.float32)
    scan = picture.copy()
    scan[:, :2] = 0.03  # the backdrop beyond the print's edge
    scan[:, 2:8] = 0.92  # the bared paper of the rim
    mask = np.zeros((120, 160), bool)
    mask[:, 2:8] = True
    off = repair.off_print(mask)
    assert off[:, :2].all() and not off[:, 8:].any()
    filled = repair.inpaint(scan, mask)
    assert np.abs(filled[:, 2:8] - 0.55).max() < 0.05  # today ~0; from both sides it would be grey-dark
    assert np.array_equal(filled[:, :2], scan[:, :2])  # the backdrop stays as it was



def _sepia(rgb):
    grey = rgb.mean(axis=2, keepdims=True)
    return np.clip(grey * np.array([1.0, 0.85, 0.65]) + np.array([0.05, 0.04, 0.02]), 0, 1).astype(np.float32)


@pytest.mark.parametrize("name, side", [("astronaut", 100), ("astronaut", 150), ("coffee", 100), ("rocket", 100)])
def test_a_tiny_print_gets_its_scratches_and_no_mask_on_its_features(name, side):
    rgb = packaged_photo(name)
    h, w = rgb.shape[:2]
    k = side / min(h, w)
    small = _sepia(cv2.resize(rgb, (round(w * k), round(h * k)), interpolation=cv2.INTER_AREA))
    clean = repair.find_damage(small, 0.5, aged=True).mask
    assert clean.mean() < 0.02  # the eyes, mouth, badges and stars were 10-46 % of it
    scratched = small.copy()
    sh, sw = scratched.shape[:2]
    x, y = int(0.3 * sw), int(0.7 * sh)
    scratched[5:sh - 5, x] = 0.97  # a bright scratch down, another across
    scratched[y, 5:sw - 5] = 0.97
    found = repair.find_damage(scratched, 0.5, aged=True).mask
    shows = luma(small) < 0.8  # where a white scratch stands out (on the white suit it is no damage to see)
    assert found[5:sh - 5, x][shows[5:sh - 5, x]].mean() > 0.85
    assert found[y, 5:sw - 5][shows[y, 5:sw - 5]].mean() > 0.85
    assert found.mean() < 0.1
    if name == "astronaut":
        face = (slice(int(0.12 * sh), int(0.39 * sh)), slice(int(0.36 * sw), int(0.58 * sw)))
        assert found[face].mean() < 0.02


@pytest.mark.parametrize("name,width", [("camera", 12), ("astronaut", 20), ("coffee", 8)])
def test_a_prints_own_white_border_is_no_paper_lost(name, width):
    """A snapshot's white margin round the picture (a phone photo of it squared up, a scan of the whole print) is
    on every side: the rim rule took it for paper lost all round, and the repair filled it with picture."""
    gray = _faded(name)
    paper = float(np.percentile(gray, 99.5))
    bordered = cv2.copyMakeBorder(gray, width, width, width, width, cv2.BORDER_CONSTANT, value=paper)
    # a sliver of the table (or the scanner's backdrop) beyond the print's edge, as a squared-up photo keeps
    bordered = cv2.copyMakeBorder(bordered, 3, 3, 3, 3, cv2.BORDER_CONSTANT, value=0.3)
    assert not repair._border_loss(bordered, 0.08).any()
    h, w = bordered.shape
    yy, xx = np.mgrid[0:h, 0:w]  # under a lamp's glare, as on a table: the paper reads brighter than the border
    glare = 0.3 * np.exp(-((xx - 0.6 * w) ** 2 + (yy - 0.3 * h) ** 2) / (2 * (0.2 * w) ** 2))
    assert not repair._border_loss(np.clip(bordered + glare, 0, 1).astype(np.float32), 0.08).any()
