"""The lit rims of the picture's objects (coins on a tray, a plate, a lens) are the picture, not cracks.

A crack is paper showing through: the picture goes on alike either side of it. A coin's lit rim lies where the
coin ends: bright, with the coin on one side and a dark ground on the other (repair._rims()). Kind-level: trays of
the packaged photo of coins aged by draws no benchmark split uses, and trays of coins drawn from a seed (sizes, places,
rim widths, tones) with a crack network laid across them.
"""
import cv2
import numpy as np
import pytest

from bench._photo_damage import _crack_network, age, packaged_photo, spotted
from pipelines.photo import repair


def _tray(seed: int, side: int = 420) -> tuple[np.ndarray, np.ndarray]:
    """A sepia print of coins on a dark cloth: (H, W, 3) float32 [0, 1] and the (H, W) bool rims (2 px around)."""
    rng = np.random.default_rng(seed)
    ground = float(rng.uniform(0.08, 0.22))
    gray = np.full((side, side), ground, np.float32)
    rims = np.zeros((side, side), np.uint8)
    placed: list[tuple[int, int, int]] = []
    for _ in range(int(rng.integers(8, 16))):
        r = int(rng.integers(16, 40))
        for _try in range(50):  # coins lie side by side on the tray, touching at most
            cx, cy = (int(v) for v in rng.integers(r + 4, side - r - 4, 2))
            if all(np.hypot(cx - x, cy - y) >= r + q + 1 for x, y, q in placed):
                break
        else:
            continue
        placed.append((cx, cy, r))
        face = float(rng.uniform(0.45, 0.7))
        coin = np.zeros((side, side), np.float32)
        cv2.circle(coin, (cx, cy), r, 1.0, -1, cv2.LINE_AA)
        gray = gray * (1 - coin) + coin * face
        # the struck relief: a few soft bumps inside the face
        for _ in range(6):
            bump = np.zeros_like(coin)
            bx, by = cx + rng.integers(-r // 2, r // 2 + 1), cy + rng.integers(-r // 2, r // 2 + 1)
            cv2.circle(bump, (int(bx), int(by)), int(rng.integers(3, max(4, r // 3))), 1.0, -1, cv2.LINE_AA)
            gray += cv2.GaussianBlur(bump, (0, 0), 1.5) * float(rng.uniform(-0.08, 0.08)) * coin
        lip = np.zeros_like(coin)
        width = int(rng.integers(1, 4))
        cv2.circle(lip, (cx, cy), r - width, 1.0, width, cv2.LINE_AA)  # the lit lip, just inside the edge
        gray = gray * (1 - lip) + lip * float(rng.uniform(0.85, 0.97))
        cv2.circle(rims, (cx, cy), r - width, 1, width + 4)
    gray = cv2.GaussianBlur(gray, (0, 0), 0.7)
    gray += rng.normal(0, 0.012, gray.shape).astype(np.float32)
    rgb = np.stack([gray * 1.08, gray, gray * 0.84], -1) * 0.85 + 0.08  # toned and faded
    return np.clip(rgb, 0, 1).astype(np.float32), rims.astype(bool)


@pytest.mark.parametrize("seed", [902, 903, 904])
def test_the_lit_rims_of_coins_on_an_old_print_are_not_marked(seed):
    """The packaged photo of coins on a tray (tuning split), aged as an old print is (fade, tint, grain, JPEG; toned one
    time in three, with no stain) by draws no benchmark split uses: 4.5-7 % of it was marked, the coins' rims."""
    truth = packaged_photo("coins")
    for aged in (age(truth, seed, kinds=("blur", "fade", "tint", "grain", "jpeg")).image,
                 spotted(truth, seed, stains=False).image):
        found = repair.find_damage(aged, aged=True).mask
        assert found.mean() < 0.01, found.mean()


@pytest.mark.parametrize("seed", [3, 4])
def test_a_crack_network_across_the_coins_is_still_found(seed):
    rgb, rims = _tray(seed)
    side = rgb.shape[0]
    alpha = np.zeros((side, side), np.float32)
    rng = np.random.default_rng(seed + 100)
    _crack_network(alpha, rng, (side * 0.1, side * 0.5), side * 0.8, 2.5, 0.1, 6, 0.18, side, side)
    alpha = cv2.GaussianBlur(alpha, (0, 0), 0.6)[..., None]
    cracked = np.clip(rgb * (1 - alpha) + alpha * np.array([0.95, 0.92, 0.86], np.float32), 0, 1).astype(np.float32)
    crack = alpha[..., 0] > 0.5
    found = repair.find_damage(cracked, aged=True).mask
    assert found[crack].mean() > 0.8, found[crack].mean()
    # A rim within half a segment of the crack (repair.RIM_NETWORK: 21 px here) stays with its network, and the whole
    # ring of a small coin the crack crosses lies that near; the rims farther off stay the picture's.
    far = ~cv2.dilate(crack.astype(np.uint8), np.ones((91, 91), np.uint8)).astype(bool)
    assert found[rims & far].mean() < 0.1, found[rims & far].mean()


def test_a_rim_is_told_by_its_two_sides_not_by_its_brightness():
    """One bright ring on a dark ground with a mid-grey disc inside is a rim; the same ring drawn over an even grey
    (alike on both sides, as a crack crosses the picture) is not."""
    gray = np.full((200, 200), 0.15, np.float32)
    cv2.circle(gray, (100, 100), 60, 0.55, -1, cv2.LINE_AA)
    ring = np.zeros((200, 200), np.uint8)
    cv2.circle(ring, (100, 100), 59, 1, 2)
    gray[ring.astype(bool)] = 0.95
    assert repair._rims(ring.astype(bool), gray, 41)[ring.astype(bool)].all()
    even = np.full((200, 200), 0.4, np.float32)
    even[ring.astype(bool)] = 0.95
    assert not repair._rims(ring.astype(bool), even, 41).any()
