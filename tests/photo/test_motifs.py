"""A picture's repeated motif (stars on a flag, hearts on a dress, a stamped letter, crosses) is the picture, not dust;
the real dust lying beside it is still found."""
import cv2
import numpy as np
import pytest

from bench._photo_damage import age
from bench._photo_motifs import motif_alpha
from pipelines.photo import repair


def _motif_print(shape, size, light, layout, seed, dust=True, motif=True):
    """A 512 px print: a flat panel (a flag, a dress) carrying `shape` elements of `size` px (a staggered grid or a
    row), light on dark or dark on light, faded, grainy and JPEG-compressed, with dust on top (age()).
    Returns (print, motif pixels, dust pixels)."""
    rng = np.random.default_rng(seed)
    side = 512
    ground = np.array((0.1, 0.12, 0.35) if light else (0.8, 0.72, 0.62), np.float32)
    picture = np.empty((side, side, 3), np.float32)
    picture[:] = ground
    picture[:, :96] = (0.55, 0.5, 0.45)  # a wall beside the panel
    colour = np.array((0.95, 0.95, 0.92) if light else (0.12, 0.08, 0.06), np.float32)
    alpha = np.zeros((side, side), np.float32)
    element = motif_alpha(shape, size, "K")
    gap = int(2.4 * size)
    if layout == "row":
        spots = [(120 + i * gap, 250) for i in range(min(12, (side - 140) // gap))]
    else:
        spots = [(120 + c * gap + (gap // 2 if r % 2 else 0), 30 + r * gap)
                 for r in range((side - 60) // gap) for c in range((side - 150) // gap)]
    if motif:
        for x, y in spots:
            alpha[y:y + size, x:x + size] = np.maximum(alpha[y:y + size, x:x + size], element)
    picture = picture * (1 - alpha[..., None]) + alpha[..., None] * colour
    picture += rng.normal(0, 0.01, (side, side, 1)).astype(np.float32) * np.array([1, 1, 1], np.float32)
    kinds = ("fade", "grain", "jpeg") + (("dust",) if dust else ())
    aged = age(np.clip(picture, 0, 1), seed, kinds=kinds, fade=0.2, grain=0.012, jpeg=True, jpeg_quality=80,
               **{"dust+1": 90, "dust-1": 90})
    return aged.image, (alpha > 0.3) & ~aged.marks, aged.dust


CASES = [("star", 15, True, "grid"), ("heart", 12, False, "grid"), ("letters", 14, True, "row"),
         ("cross", 11, False, "grid"), ("ring", 16, True, "row")]


@pytest.mark.parametrize("shape,size,light,layout", CASES)
def test_a_repeated_motif_is_not_taken_for_dust_and_the_dust_beside_it_is_found(shape, size, light, layout,
                                                                                 monkeypatch):
    image, motif, dust = _motif_print(shape, size, light, layout, seed=41)
    found = repair.find_damage(image, aged=True)
    assert (found.mask & motif).sum() <= 0.05 * motif.sum()  # the motif stays (a row of letters: all taken)
    share = (found.mask & dust).sum() / dust.sum()
    assert share >= 0.3  # the dust among it is found (on the same ground with no motif: 47-62 %)
    # ...no less than when the motif is not looked for (its elements then crowd the specks among them)
    monkeypatch.setattr(repair, "motif_marks", lambda gray, marks: np.zeros_like(marks))
    without = repair.find_damage(image, aged=True)
    assert share >= (without.mask & dust).sum() / dust.sum() - 0.05


def test_dust_is_not_taken_for_a_motif(monkeypatch):
    """Dust specks of like size look alike: on a dusty print with no motif the motif test drops next to nothing."""
    image, _, dust = _motif_print("disc", 8, True, "grid", seed=43, motif=False)
    found = repair.find_damage(image, aged=True)
    monkeypatch.setattr(repair, "motif_marks", lambda gray, marks: np.zeros_like(marks))
    without = repair.find_damage(image, aged=True)
    assert (found.mask & dust).sum() >= 0.97 * (without.mask & dust).sum()


def test_motif_marks_takes_the_repeated_elements_not_the_odd_blob():
    rng = np.random.default_rng(3)
    gray = np.full((300, 300), 0.2, np.float32) + rng.normal(0, 0.01, (300, 300)).astype(np.float32)
    star = motif_alpha("star", 16)
    spots = [(30 + 50 * c, 40 + 60 * r) for r in range(3) for c in range(5)]
    for x, y in spots:
        gray[y:y + 16, x:x + 16] += 0.7 * star
    marks = np.zeros_like(gray, bool)
    for x, y in spots:
        marks[y - 1:y + 17, x - 1:x + 17] |= np.pad(star > 0.3, 1)
    cv2.ellipse(gray, (150, 240), (5, 3), 30, 0, 360, 0.9, -1)  # a speck of dust
    marks[234:247, 143:158] |= gray[234:247, 143:158] > 0.5
    taken = repair.motif_marks(gray, marks)
    assert taken[[y + 8 for _, y in spots], [x + 8 for x, _ in spots]].mean() >= 0.9
    assert not taken[234:247, 143:158].any()


def test_a_line_is_never_a_motif_element_however_often_it_recurs(monkeypatch):
    """Short crack pieces in a wall's joints, hairs, scratches recur alike along the picture's own lines: a motif's
    element is a blob with a shape, and a mark as long as a line (its inertia ellipse 2.5 times as long as wide) is
    none, whatever its look-alikes."""
    rng = np.random.default_rng(5)
    gray = np.full((300, 300), 0.3, np.float32) + rng.normal(0, 0.01, (300, 300)).astype(np.float32)
    marks = np.zeros_like(gray, bool)
    spots = [(20 + 55 * c, 30 + 50 * r) for r in range(5) for c in range(5)]
    for x, y in spots:  # pieces 16 px long and 3 px wide, each in a joint of the same look
        gray[y - 6:y + 9, x - 4:x + 20] -= 0.1
        gray[y:y + 3, x:x + 16] = 0.9
        marks[y:y + 3, x:x + 16] = True
    count, labels = cv2.connectedComponents(marks.astype(np.uint8), connectivity=8)
    assert (repair.elongation(labels, count)[1:] > 4).all()
    assert not repair.motif_marks(gray, marks).any()
    # (read as blobs, the same marks would be taken for a motif: the line's test is what leaves them)
    monkeypatch.setattr(repair, "MOTIF_LINE", np.inf)
    assert repair.motif_marks(gray, marks).mean() > 0.5 * marks.mean()


def test_elongation_reads_discs_as_round_and_lines_by_their_length():
    image = np.zeros((60, 120), np.uint8)
    cv2.circle(image, (20, 20), 9, 1, -1)
    image[45, 10:40] = 2  # a straight line 30 px long, 1 px wide
    cv2.line(image, (60, 10), (100, 50), 3, 3)  # a diagonal one, 3 px wide
    ratio = repair.elongation(image.astype(np.int32), 4)
    assert ratio[1] < 1.1
    assert 25 < ratio[2] < 35
    assert ratio[3] > 8
