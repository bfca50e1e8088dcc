"""Recycled DVD covers: a known picture warped onto a background by a homography is found and straightened."""
from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from pipelines.export.dvd import check_corners, find_cover, order_corners, propose_fronts, straighten
from pipelines.i18n import UserError

W, H = 1600, 1200


def _cover() -> np.ndarray:
    cover = np.zeros((366, 546, 3), np.uint8)
    cover[:] = (40, 70, 190)
    cv2.circle(cover, (400, 180), 90, (250, 220, 30), -1)
    cv2.rectangle(cover, (30, 250), (250, 330), (240, 240, 240), -1)
    return cover


def _photo(seed: int, background: str):
    """The cover photographed at an angle on a table; returns the photo and the true corners."""
    rng = np.random.default_rng(seed)
    if background == "wood":
        table = rng.normal(120, 25, (H // 8, W // 8, 3)).clip(0, 255).astype(np.uint8)
        table = cv2.resize(table, (W, H), interpolation=cv2.INTER_CUBIC)
    else:
        table = np.full((H, W, 3), 230, np.uint8)
    base = np.array([[300, 250], [1250, 320], [1180, 950], [350, 900]], np.float32)
    truth = (base + rng.uniform(-70, 70, (4, 2))).astype(np.float32)
    cover = _cover()
    src = np.array([[0, 0], [546, 0], [546, 366], [0, 366]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, truth)
    warped = cv2.warpPerspective(cover, matrix, (W, H), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full(cover.shape[:2], 255, np.uint8), matrix, (W, H))
    photo = table.copy()
    photo[mask > 127] = warped[mask > 127]
    return photo, truth


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("background", ["wood", "plain"])
def test_cover_corners_are_found_within_one_percent_of_the_diagonal(seed, background):
    photo, truth = _photo(seed, background)
    corners = find_cover(Image.fromarray(photo))
    assert corners is not None
    error = np.linalg.norm(corners - truth, axis=1).max() / np.hypot(W, H)
    assert error < 0.01, error


def test_straightened_cover_matches_the_original_picture():
    photo, truth = _photo(1, "wood")
    flat = straighten(photo, find_cover(photo))
    original = _cover()
    ratio = flat.width / flat.height
    assert ratio == pytest.approx(546 / 366, rel=0.12)  # perspective shortening is only partly undone
    back = np.asarray(flat.resize((546, 366), Image.Resampling.BILINEAR)).astype(float)
    inner = (slice(20, -20), slice(20, -20))  # edges blur a little in the warps
    assert np.abs(back[inner] - original[inner]).mean() < 12


def test_a_photo_without_a_cover_finds_nothing_and_hand_corners_are_checked():
    rng = np.random.default_rng(3)
    table = cv2.resize(rng.normal(120, 25, (75, 100, 3)).clip(0, 255).astype(np.uint8), (800, 600))
    cv2.circle(table, (400, 300), 200, (30, 160, 60), -1)  # a round thing on the table, no cover
    assert find_cover(table) is None
    corners = check_corners([(700, 500), (100, 80), (700, 80), (100, 500)], (800, 600))
    assert order_corners(corners).tolist() == [[100, 80], [700, 80], [700, 500], [100, 500]]
    with pytest.raises(UserError) as info:
        check_corners([(0, 0), (900, 0), (800, 600), (0, 600)], (800, 600))
    assert info.value.key == "postcards.bad_corners"
    with pytest.raises(UserError):
        check_corners([(0, 0), (10, 0), (10, 1), (0, 1)], (800, 600))  # a sliver, not a cover


def test_proposed_fronts_are_a6_shaped_and_inside_the_cover():
    for size in ((1100, 750), (520, 740)):
        proposals = propose_fronts(size)
        assert len(proposals) == 3
        for p in proposals:
            left, top, right, bottom = p.crop
            assert 0 <= left < right <= 1 and 0 <= top < bottom <= 1
            ratio = (right - left) * size[0] / ((bottom - top) * size[1])
            assert ratio == pytest.approx(148 / 105 if p.orientation == "landscape" else 105 / 148, rel=0.01)


def test_the_dvd_flow_is_one_engine_call_kept_per_corner_position(tmp_path):
    from pipelines.export.dvd import StraightCover, open_cover_photo, straighten_cover

    photo = Image.fromarray(_photo(2, "wood")[0])
    cover = straighten_cover(photo)
    assert isinstance(cover, StraightCover) and cover.found and len(cover.proposals) == 3
    assert straighten_cover(photo) is cover  # a page re-running does not straighten again
    by_hand = straighten_cover(photo, cover.corners[::-1])
    assert not by_hand.found and by_hand.image.size == cover.image.size
    part = cover.part(0)
    left, top, right, bottom = cover.proposals[0].crop
    assert part.size == (round(right * cover.image.width) - round(left * cover.image.width),
                         round(bottom * cover.image.height) - round(top * cover.image.height))
    with pytest.raises(UserError) as missing:
        open_cover_photo(tmp_path / "nothing.jpg")
    assert missing.value.key == "postcards.unreadable"
