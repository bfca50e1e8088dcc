"""Classical tone steps: revive faded contrast, remove yellowing, reduce grain, sharpen, enlarge."""
from __future__ import annotations

import cv2
import numpy as np

from .imaging import (TONE_CURVE_SPREAD, is_greyscale, lab_to_rgb, luma, monochrome_tone, once_per_photo, rgb_to_lab,
                      tint_off_the_tone_curve, toned_monochrome)
from .repair import (GRAINY, TINY_SEARCH, blocking, coarse_grain, effective_scale, find_damage, flat_grain, grain_like,
                     grain_sigma, held_detail, print_grain, softened_grain, work_step)


VEIL = 0.5  # the grey a faded print drifts towards (its blacks rise to meet it, its whites sink)
# levels(): ends measured as they are up to an implied veil of SHARED_FROM, the veil both ends support from
# SHARED_TO (bench/photo.py tuning split, prints whose true tones span 0.12-0.86 at most: 3-5 dB better).
SHARED_FROM, SHARED_TO = 0.5, 0.7
LOW_KEY = 0.1  # levels(): a white point under VEIL + LOW_KEY is eased to the shared veil, in full at VEIL
TINY, TINY_RAMP = 100, 100  # px, shorter side: levels() eased in from TINY, in full from TINY + TINY_RAMP
# _levels(): an end percentile (1st, 99th) lying on a plain area (PLATEAU_SHARE of the picture or more within
# PLATEAU_WIDTH of it: a drawn face, a backdrop, a printed band) moves out to the far percentile (0.1th, 99.9th), so the
# small tones beyond the area (the whites of eyes on a face, pupils on a dark ground) are not clipped with it. A plain
# area with nothing beyond it but its own grain (the far percentile within PLATEAU_WIDTH of it) is still taken to black
# or white (a faded night sky).
PLATEAU_SHARE, PLATEAU_WIDTH, PLATEAU_FAR = 0.03, 0.01, 0.1
# looks_old(): JPEG-softened grain (softened_grain()) above this is a sign of age. Clean photos of the do-no-harm
# set whose plainest areas vary like grain read at most 1.3 levels; a lightly aged print (fade 0.1-0.2, grain
# 1-4 levels, a JPEG at quality 55-85: tuning split) 2.2-3.3.
SOFT_GRAINY = 2.0 / 255
# age_signs(): grain read where codecs keep it (repair.coarse_grain(), levels of 255) counts from COARSE_FROM, in full
# COARSE_RAMP above. Clean packaged photos read 0-1.8 at 384 px, the moon's plain surface 2.9 at 512 px (a lawn and
# gravel 20-28, already read as grainy by flat_grain()); noisy drawings of the tuning split 3.0-6.8 whatever their
# encoding (JPEG q50 lowest, most 3.3 or more), while grain_sigma() read 0 on their JPEGs at q50-75.
COARSE_FROM, COARSE_RAMP = 3.0, 1.0


BIG_SCAN = 2_000_000  # pixels: above this, grain is removed with a narrower search (denoise())
MEASURE_SIDE = 1024  # colour and tone are measured on a copy at most this long (a 12 MP scan costs no more)


def _sample(rgb: np.ndarray) -> np.ndarray:
    """A copy at most MEASURE_SIDE long (area-averaged) for measuring casts and greyness; small photos as they are."""
    h, w = rgb.shape[:2]
    if max(h, w) <= MEASURE_SIDE:
        return rgb
    k = MEASURE_SIDE / max(h, w)
    return cv2.resize(rgb, (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA)


def _grain_view(gray: np.ndarray) -> np.ndarray:
    """The central MEASURE_SIDE square at full resolution: grain is the same all over, and per pixel."""
    h, w = gray.shape
    # Offsets on the 8-pixel grid, so that JPEG blocks stay where they were (repair.blocking()).
    y, x = max(0, (h - MEASURE_SIDE) // 16 * 8), max(0, (w - MEASURE_SIDE) // 16 * 8)
    return gray[y:y + MEASURE_SIDE, x:x + MEASURE_SIDE]


def _smoothed(rgb: np.ndarray) -> np.ndarray:
    """A copy without grain, dust or thin scratches (5x5 median, light blur), shrunk when big: for measuring."""
    if min(rgb.shape[:2]) > 1200:
        step = min(rgb.shape[:2]) // 600
        rgb = cv2.resize(rgb, (rgb.shape[1] // step, rgb.shape[0] // step), interpolation=cv2.INTER_AREA)
    u8 = np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8)
    return cv2.GaussianBlur(cv2.medianBlur(u8, 5).astype(np.float32) / 255.0, (0, 0), 1.0)


def veil(rgb: np.ndarray) -> float:
    """How much grey veil both ends of the tonal range agree on, 0 (none) .. 0.65.

    Fading mixes the print with a grey: photo = (1 - f) * original + f * VEIL. Its blacks rise
    by f * VEIL AND its whites sink by f * (1 - VEIL). Nearly every photograph has some true
    black in one colour channel (the 'dark channel') and some near-white: the smaller of the
    two measured shifts is the veil both ends support. A dark photo with bright highlights
    (a night scene) or a pale one with deep blacks (snow) shows no veil.
    """
    clean = _smoothed(rgb)
    black = float(np.percentile(clean.min(axis=2), 0.5))
    white = float(np.percentile(clean.max(axis=2), 99.5))
    return float(np.clip(min(black / VEIL, (1.0 - white) / (1.0 - VEIL)), 0.0, 0.65))


def scene_share(rgb: np.ndarray) -> float:
    """How much of the photo's tonal variation is broad scene (objects, light) rather than fine texture, 0..1.

    A brick wall, a lawn or gravel vary almost only at a fine scale: their narrow tonal range is
    the subject's, so 'no true black' says nothing about fading. A scene with objects keeps most
    of its variation when shrunk to 16 pixels. Fading scales both alike: the ratio is unchanged.
    """
    gray = luma(_smoothed(rgb))
    h, w = gray.shape
    spread = float(gray.std())
    if spread < 1e-4:
        return 0.0
    k = 16 / min(h, w)
    small = cv2.resize(gray, (max(2, round(w * k)), max(2, round(h * k))), interpolation=cv2.INTER_AREA)
    return float(np.clip(small.std() / spread, 0.0, 1.0))


def local_spread(y: np.ndarray, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """The local mean and standard deviation of a (H, W) picture in a Gaussian window of `sigma` px, float32."""
    y = y.astype(np.float32)
    mean = cv2.GaussianBlur(y, (0, 0), sigma)
    return mean, np.sqrt(np.maximum(cv2.GaussianBlur(y * y, (0, 0), sigma) - mean * mean, 0))


def plainness(y: np.ndarray, grain: float) -> tuple[np.ndarray, np.ndarray]:
    """(local mean, plainness 0..1) of a (H, W) picture whose grain has standard deviation `grain` (same units):
    1 where the spread around a pixel (Gaussian sigma 2 px) is no more than PLAIN_FROM grains, eased out to 0 at
    PLAIN_TO: nothing but grain is there (smooth_plain(), black_ground())."""
    mean, spread = local_spread(y, 2.0)
    return mean, np.clip((PLAIN_TO * grain - spread) / ((PLAIN_TO - PLAIN_FROM) * grain), 0, 1).astype(np.float32)


GROUND_FROM, GROUND_RAMP = 0.4, 0.2  # fading(): a plain ground over GROUND_FROM of the picture counts as a scene
GROUND_SPREAD = 0.012  # ground_share(): plain where the grain-free picture varies less than this around a pixel


def ground_share(rgb: np.ndarray) -> float:
    """The share of a photo that is plain ground, 0..1: where the copy without grain and specks (_smoothed())
    varies by less than GROUND_SPREAD around a pixel (Gaussian window, sigma 3 px).

    A star field, a microscope slide or a sky is a plain ground with sparse detail: its variation is
    fine (scene_share() reads it as a texture), yet a veil over it is fading, not the subject's narrow
    range. A real texture (a lawn, gravel, a brick wall) is plain nowhere: 0.0-0.3 on the do-no-harm set
    and on the tuning split's lawns and walls, aged or not; star fields aged on the tuning split read 0.67.
    """
    return float((local_spread(luma(_smoothed(rgb)), 3.0)[1] < GROUND_SPREAD).mean())


@once_per_photo
def yellowing(rgb: np.ndarray) -> float:
    """The yellow (b*) cast a whole print has taken, in Lab units; 0 for a clean photo of warm things.

    A black-and-white print has no colour of its own: all of its tint is cast (mean b*). In a
    colour photo, coffee, skin or a sunset are yellow in places, but an aged print is yellow
    everywhere: even its whites and its least-yellow parts (the 10th percentile) carry the cast.
    """
    rgb = _sample(rgb)
    lab = rgb_to_lab(cv2.GaussianBlur(rgb.astype(np.float32), (0, 0), 1.5))
    if is_greyscale(rgb):
        return colour_cast(rgb)[1]
    lightness, b = lab[..., 0], lab[..., 2]
    whites = b[lightness >= np.percentile(lightness, 98)]
    return float(max(0.0, min(float(whites.mean()), float(np.percentile(b, 10)))))


def age_signs(rgb: np.ndarray, strength: float = 0.5) -> float:
    """How sure we are that a narrow tonal range is fading, 0..1: film grain or a yellowed print back it up.

    A range alone cannot tell a faded print from a grey subject (a misty morning, a grey sign);
    an old print also shows grain or a yellowed paper. Above strength 0.5 the patron asks for a
    stronger revival and the range alone is enough.
    """
    gray = _grain_view(luma(rgb))
    clumped = flat_grain(gray) * 255  # grain softened by the scan or a JPEG, which grain_sigma misses
    coarse = coarse_grain(gray) * 255  # grain as every codec keeps it: the same reading for PNG, JPEG, WebP, GIF
    cast = float(np.hypot(*paper_cast(rgb)[:2]))  # a green or magenta cast on the whole print, or a tinted frame
    return float(max(untextured_age_signs(rgb, gray), np.clip((clumped - 3.0) / 2.0, 0, 1),
                     np.clip((coarse - COARSE_FROM) / COARSE_RAMP, 0, 1), np.clip((strength - 0.5) * 2.0, 0, 1),
                     np.clip(cast - PAPER_CAST + 1.0, 0, 1)))


def untextured_age_signs(rgb: np.ndarray, gray: np.ndarray | None = None) -> float:
    """age_signs() without the signs a fine texture of the scene also gives, 0..1: fine grain (grain_sigma()),
    softened grain told apart from texture (softened_grain()) and a yellow cast (yellowing()); not flat_grain(),
    which a stained slide's fine texture reads as clumped grain (4-7 levels). `gray`: _grain_view() of its luma."""
    gray = _grain_view(luma(rgb)) if gray is None else gray
    grain = grain_sigma(gray) * 255
    softened = softened_grain(gray) * 255  # the same, read on a broader residual and told apart from texture
    cast = yellowing(rgb)
    return float(max(np.clip((grain - 1.5) / 2.0, 0, 1), np.clip((softened - GRAINY * 255 + 0.5) / 2.0, 0, 1),
                     np.clip((cast - 3.0) / 3.0, 0, 1)))


# fading(): on a toned black-and-white print whose luma shows no sign of age, a veil its tint alone backs counts from
# 0.1, in full from 0.2. bench/photo_toned.py's tuning split: its prints toned and not faded read a veil of 0.015-0.13
# (the subject's own range; coins the highest), its faded ones 0.15-0.31.
TINT_VEIL = (0.1, 0.1)


@once_per_photo
def fading(rgb: np.ndarray, strength: float = 0.5, old: bool = False) -> float:
    """How faded a photo is, 0 (not faded) .. 0.65: the veil, counted only on scenes and backed by signs of age.

    `old`: the print was already judged old (looks_old() on the print as it came, before any step):
    its signs of age are taken as sure, so the veil counts in full.
    """
    f = veil(rgb)
    if f <= 0:
        return 0.0
    scene = float(np.clip((scene_share(rgb) - 0.4) / 0.3, 0, 1))
    if scene < 1:  # a star field or a slide reads as fine texture, but most of it is a plain ground
        scene = max(scene, float(np.clip((ground_share(rgb) - GROUND_FROM) / GROUND_RAMP, 0, 1)))
    backed = 1.0 if old else age_signs(rgb, strength)
    small = _sample(rgb)
    if backed > 0 and not is_greyscale(small) and toned_monochrome(small):
        # A black-and-white print under a tone: its tint (a sepia, a yellowed paper) tells its age, not that its
        # tones faded; a subject's own narrow range (grey coins, a cat's fur, a cup on a dark table) reads as a
        # veil as well. The tint backs only a veil no such subject shows (TINT_VEIL); the luma's own signs (grain)
        # back any veil, as on a grey print (bench/photo_toned.py, tuning split: merely toned coins under a veil
        # of 0.13 lost 14 dB to a full stretch).
        grey = np.repeat(luma(rgb).astype(np.float32)[..., None], 3, axis=2)
        backed = max(age_signs(grey, strength), backed * _ramp(f, *TINT_VEIL))
    return f * scene * backed


def colour_cast(rgb: np.ndarray) -> tuple[float, float]:
    """Mean a*, b* of the mid-tones: a yellowed print has b* well above 0."""
    lab = rgb_to_lab(_sample(rgb))
    mid = (lab[..., 0] > 20) & (lab[..., 0] < 90)
    if not mid.any():
        return 0.0, 0.0
    return float(lab[..., 1][mid].mean()), float(lab[..., 2][mid].mean())


# white_balance(): a picture whose mean chroma (a*, b* length) is above this is a colour photo, whatever its hues: a
# tone or a yellowing gives a black-and-white print less. The tuning split's black-and-white prints under a tone
# that toned_monochrome() passes read 6-27 (after the levels); the real sepia prints of tests/photo/data 10 and 26;
# an orange fundus photo (retina) under a cast or with its dyes faded 44-46, and lost all its colour.
TONE_CHROMA = 35.0


def mean_chroma(rgb: np.ndarray) -> float:
    """The mean chroma (length of a*, b*, CIELAB units) of an RGB [0, 1] picture."""
    lab = rgb_to_lab(rgb)
    return float(np.hypot(lab[..., 1], lab[..., 2]).mean())


def yellow_brown(rgb: np.ndarray) -> bool:
    """True when the mid-tones' mean hue is brown to yellow: |a*| under TONED_RED of b* (toned()'s 'brown' test).

    `rgb`: (H, W, 3) float [0, 1]. A yellowed or sepia black-and-white print carries b* with little a* (the tuning
    split's that reach white_balance(), once levelled: a* 0.03-0.21 of b*); a colour photo of a red-brown thing under
    a cast (a brick wall: 0.60; an orange fundus: 0.43) is redder than such a tone, and taking all its chroma turned
    it grey (tuning split's colour shift 25.2 and 47.2, now 11.2 and 31.9).
    """
    a, b = colour_cast(rgb)
    return abs(a) < TONED_RED * max(b, 0.0)


def warm_cast(rgb: np.ndarray) -> tuple[float, float]:
    """(a*, b*): the cast a colour print's whole surface shares: as long as yellowing(), in its whites' hue.
    `rgb`: (H, W, 3) float [0, 1].

    A beige or brown tint carries some red with its yellow (beige 200,181,151: a* 2, b* 18); taking off its b* alone
    left that a*, which the levels had doubled, and a beige drawing came out mauve (227,215,218: its blue channel
    past its green). The length taken off stays yellowing()'s: with the whites' a* added to it, wood and a coffee cup
    lost more of their warmth (bench/photo_tint.py, tuning split: wood kept 0.34 of its chroma, 0.78 before).
    (0, 0) when there is no yellowing."""
    b = yellowing(rgb)
    if b <= 0:
        return 0.0, 0.0
    lab = rgb_to_lab(cv2.GaussianBlur(_sample(rgb).astype(np.float32), (0, 0), 1.5))
    whites = lab[lab[..., 0] >= np.percentile(lab[..., 0], 98)]
    white_a, white_b = float(whites[:, 1].mean()), float(whites[:, 2].mean())
    if white_b <= 0:
        return 0.0, b
    # The whites' hue, kept within a brown to yellow tone's (TONED_RED: a redder white is the scene's own colour).
    red = float(np.clip(white_a / white_b, -TONED_RED, TONED_RED))
    return b * red / float(np.hypot(red, 1.0)), b / float(np.hypot(red, 1.0))


# cast_removed(): the chroma (in lengths of the cast) up to which a pixel may be a grey under the cast, eased out up to
# NEAR_TO. bench/photo_tint.py's tuning split read the same overshoot (none) with 2 and 3: the narrower keeps more of a
# yellowed colour photo's real colours (a pixel past NEAR_TO loses the whole cast, as before).
NEAR_FULL, NEAR_TO = 1.0, 2.0


def cast_removed(ab: np.ndarray, a: float, b: float) -> np.ndarray:
    """`ab` ((H, W, 2) CIELAB a*, b*, float32) with the cast (a, b) taken off, no pixel pushed past neutral.

    A pixel whose chroma is within NEAR_FULL lengths of the cast from neutral may be a grey under the cast: it loses
    at most its own share along the cast's hue, so it comes back neutral, never in the opposite cast (a paper less
    yellowed than the mean of a print turned blue), and what it carries across the cast's hue shrinks alike, the
    more so the closer its hue is to the cast's, so it keeps its own hue (a beige with more red than the whites came
    out mauve, a wood's dark grain slate-purple). A pixel of a real colour (chroma over NEAR_TO lengths) loses the
    whole cast: a yellowed blue sky comes back bluer. Between the two it eases in, so that tones along the cast's hue
    keep their order (no bands), and a pixel across the cast's hue is left as it is (no jump at right angles)."""
    length = float(np.hypot(a, b))
    if length < 1e-6:
        return ab
    u = np.array([a, b], np.float32) / length
    v = np.array([-u[1], u[0]], np.float32)
    along, across = ab @ u, ab @ v
    chroma = np.hypot(along, across)
    left = along - np.clip(along, 0.0, length)  # what a grey under the cast keeps along its hue: 0 up to the cast
    share = np.where(along > 0, left / np.maximum(along, 1e-6), 1.0)
    facing = np.clip(along, 0.0, None) ** 2 / np.maximum(chroma, 1e-6) ** 2  # cos^2 of its hue off the cast's
    grey = left[..., None] * u + (across * (1.0 - (1.0 - share) * facing))[..., None] * v
    near = np.clip((NEAR_TO - chroma / length) / (NEAR_TO - NEAR_FULL), 0.0, 1.0)[..., None]
    return (near * grey + (1.0 - near) * (ab - length * u)).astype(np.float32)


def _greyscale_cast(lab: np.ndarray, a: float, b: float) -> tuple[float, float]:
    """The mean cast (a, b) of a black-and-white picture (colour_cast()) lengthened to its most tinted mid-tones (95th
    percentile along its hue): all of its chroma is cast, and cast_removed() takes each pixel no further than neutral,
    so the pixels tinted more than the mean lose theirs too. With the mean alone, a yellowed star field kept b* 1.3
    once no pixel was pushed past neutral to balance them (tests/photo/test_dark_ground_yellowed.py)."""
    length = float(np.hypot(a, b))
    mid = (lab[..., 0] > 20) & (lab[..., 0] < 90)
    if length < 1e-6 or not mid.any():
        return a, b
    along = lab[..., 1:][mid] @ (np.array([a, b], np.float32) / length)
    k = max(1.0, float(np.percentile(along, 95)) / length)
    return a * k, b * k


def white_balance(rgb: np.ndarray, strength: float = 1.0) -> np.ndarray:
    """Remove a colour cast (yellowing), lightness kept.

    A black-and-white print loses its whole tint (mean a*, b*; under one tone that grows with the
    lightness, imaging.toned_monochrome, every pixel's a*, b* scaled by 1 - strength); a colour photo
    loses only the cast its whole surface shares (yellowing()), so the coffee stays brown and the skin warm.
    """
    lab = rgb_to_lab(rgb)
    small = _sample(rgb)
    if (toned_monochrome(small) and tint_off_the_tone_curve(small) <= TONE_CURVE_SPREAD
            and mean_chroma(small) <= TONE_CHROMA and yellow_brown(small)):
        # A black-and-white picture under one tone (yellowed, luma-proportional sepia): its tint grows with the
        # tone, so taking off one mean cast leaves the lights yellow. All of its chroma is cast: it goes. A
        # picture whose chroma also varies at one lightness may be a colour photo of one warm hue under a cast:
        # taking all its colour would turn it grey (a ginger cat did), so it loses the shared cast only, below.
        lab[..., 1:] *= 1.0 - strength
        out = lab_to_rgb(lab)
        return np.clip(out + (luma(rgb) - luma(out))[..., None], 0, 1).astype(np.float32)
    if is_greyscale(small):
        a, b = _greyscale_cast(lab, *colour_cast(rgb))
    else:
        a, b = warm_cast(rgb)
        # A black-and-white print yellowed unevenly (more in its whites) looks coloured until the shared cast goes.
        trial = rgb_to_lab(small)
        trial[..., 2] -= yellowing(rgb)  # read on its b* alone, as before the whites' hue was followed
        if is_greyscale(lab_to_rgb(trial), tolerance=0.08):  # its tint still varies a little with the tone
            a, b = _greyscale_cast(lab, *colour_cast(rgb))
    lab[..., 1:] = cast_removed(lab[..., 1:], a * strength, b * strength)
    out = lab_to_rgb(lab)
    # Shifting a*, b* nudges the brightness of each pixel: put the original luma back, only the cast goes.
    return np.clip(out + (luma(rgb) - luma(out))[..., None], 0, 1).astype(np.float32)


def levels(rgb: np.ndarray, strength: float = 0.5, old: bool = False,
           faded_as: np.ndarray | None = None, damage: np.ndarray | None = None) -> tuple[float, float]:
    """The black point and the contrast left (b, t) of a faded photo, photo = t * original + b, each float:
    _levels() without its last figure. `rgb`: (H, W, 3) float [0, 1]; `damage`: (H, W) bool or None."""
    return _levels(rgb, strength, old, faded_as, damage)[:2]


def _levels(rgb: np.ndarray, strength: float = 0.5, old: bool = False, faded_as: np.ndarray | None = None,
            damage: np.ndarray | None = None) -> tuple[float, float, float]:
    """(b, t, measured): the black point and the contrast left (b, t) of a faded photo: photo = t * original + b.

    A print judged faded by fading() (a veil both ends agree on, on a scene, backed by signs of
    age) has its own black and white points measured: the 1st percentile of the darkest channel
    and the 99th of the brightest, on a copy without grain and thin marks (_smoothed); the 0.1th and 99.9th when the
    1st or 99th lies on a plain area (_end_off_plateau). Fading
    rarely moves both ends alike (a print's blacks rise more than its whites sink), so the two
    points are used as measured, eased in by how sure fading() is, unless the blacks rose so much
    more than the whites sank that the print never held a true black (then the veil both ends
    support is lifted, see SHARED_FROM; or a low-key print, LOW_KEY); a tiny print is eased out (TINY) unless its
    brightest tone is a large plain ground (white_ground(): a card, a mount). A photo that is not
    faded (or a texture, or a grey subject with no sign of age) gives b = 0 and t = 1: nothing changes.
    `measured` 0..1: how much of (b, t) is the ends as measured (1) rather than the veil both ends support (0).
    `faded_as`: the print as it came when `rgb` is a copy with its cast taken off (revive(), a print on a dark
    plain ground): its fading is judged on it, and the black point taken BALANCED_SHARE of the way from its
    darkest channel's to the copy's. `damage`: (H, W) bool, the pixels the repair rebuilt (its mask): the ends are
    read away from them (_undamaged()).
    """
    judged = rgb if faded_as is None else faded_as
    f = fading(judged, strength, old)
    if f <= 0:
        return 0.0, 1.0, 1.0
    clean = _smoothed(rgb)
    kept = _undamaged(clean.shape[:2], damage)
    black = _end_off_plateau(clean.min(axis=2)[kept], 1.0, PLATEAU_FAR)
    white = _end_off_plateau(clean.max(axis=2)[kept], 99.0, 100.0 - PLATEAU_FAR)
    if faded_as is not None:  # `rgb` is faded_as with its cast taken off: the black point lies between the two
        black = BALANCED_SHARE * black + (1 - BALANCED_SHARE) * float(
            np.percentile(_smoothed(faded_as).min(axis=2)[kept], 1.0))
    sure = float(np.clip(f / max(veil(judged), 1e-6), 0, 1))  # the scene and age-sign weights of fading()
    sure *= float(np.clip((f - 0.04) / 0.08, 0, 1))  # a trace of veil (a clean photo's haze) moves nothing
    # A tiny print (a contact print, a thumbnail) has its ends measured on a few hundred pixels, and the marks of
    # a few pixels that the repair could not find (dust, scratches: 13-45 % of such a picture) are a good share
    # of them: its levels are eased out below TINY + TINY_RAMP px on the shorter side (tuning split, prints
    # shrunk to 120 px: the full stretch cost them 1-3 dB that the repair had won).
    # A tiny print whose brightest tone is a large plain ground (a card, a mount, the white around a thing) has its
    # white read on that ground, not on a few marks: it is levelled in full (white_ground()).
    tiny = float(np.clip((min(rgb.shape[:2]) - TINY) / TINY_RAMP, 0, 1))
    sure *= tiny if tiny >= 1 else max(tiny, white_ground(clean, kept))
    # Lifting both ends as measured assumes the print once held a true black and a true white. A fading veil is a
    # mid grey, so it raises the blacks about as much as it sinks the whites; blacks that rose far more (the veil
    # they imply, black / (black + 1 - white), above SHARED_FROM) tell of a print that never held a true black
    # (a grey clock, a pale page). Such a print is lifted only by the veil both ends support (veil()'s model:
    # a veil of VEIL), which brings the end it reaches to black or white and the other end part of the way.
    implied = black / max(black + 1.0 - white, 1e-6)
    measured = float(np.clip((SHARED_TO - implied) / (SHARED_TO - SHARED_FROM), 0, 1))
    # Nor can a veil sink the whites below its own grey: whites under VEIL + LOW_KEY (a night sky with sparse stars,
    # a slide's dark ground with its cells, measured once the bright marks are repaired) tell of a low-key scene
    # that never held a white, and stretching them to white lit the whole ground (tuning split's sparse star
    # fields: ground 0.23 taken to 0.33 for a true 0.02). Such a print, too, is lifted by the veil both ends support.
    # The white that tells is read away from the picture's border too (EDGE_BAND): paper lost at the edges and
    # chipped corners show the bare paper, the brightest thing on a dark print (tuning split's star fields: a white
    # of 0.42-0.63 read on them, 0.17-0.34 inside, for a true 0.07 under the veil).
    low_key = 1.0 - float(np.clip((min(white, _inner_white(clean, kept)) - VEIL) / LOW_KEY, 0, 1))
    measured *= 1.0 - low_key
    shared = min(black / VEIL, (1.0 - white) / (1.0 - VEIL))
    b = sure * (measured * black + (1 - measured) * shared * VEIL)
    t = 1.0 - sure * (measured * (black + 1.0 - white) + (1 - measured) * shared)
    return b, float(max(t, 0.2)), measured


def _end_off_plateau(values: np.ndarray, end: float, far: float) -> float:
    """The `end` percentile of `values` (1-D float, tones in 0..1), or the `far` one beyond it when the `end` one lies
    on a plain area (PLATEAU_SHARE of the values within PLATEAU_WIDTH) and tones of their own lie beyond that area:
    the `far` percentile more than PLATEAU_WIDTH past the `end` one. A drawing's face at the 99th percentile took the
    whites of its eyes to white with it (bench/photo_flat.py); a night sky's plain ground at the 1st percentile has
    nothing beyond it but its own grain, whose far tail is no tone of the picture (moved out to it, a yellowed star
    field's ground came back at 0.062 for a true 0.046: tests/photo/test_dark_ground_yellowed.py)."""
    level, beyond = (float(v) for v in np.percentile(values, [end, far]))  # one pass over a 12 MP scan's tones
    if np.mean(np.abs(values - level) < PLATEAU_WIDTH) < PLATEAU_SHARE:
        return level
    return beyond if abs(beyond - level) > PLATEAU_WIDTH else level


DAMAGE_RIM = 2  # px: _undamaged() leaves out the repair's mask grown by this (the soft rim of a mark it did not take)
DAMAGE_KEPT = 0.05  # _undamaged(): ...unless less than this share of the picture is left, then every pixel counts


WHITE_GROUND_LEVEL = (0.72, 0.06)  # white_ground(): the white point from 0.72 (in full from 0.78) can be a paper's
WHITE_GROUND_SHARE = (0.05, 0.05)  # ...and a plain ground near it covers 5 % of the picture (in full from 10 %)
WHITE_GROUND_NEAR, WHITE_GROUND_SPREAD = 0.1, 0.03  # ...within this of the white point, varying by less than this


def white_ground(clean: np.ndarray, kept: np.ndarray | None = None) -> float:
    """How surely a picture's brightest tone is a large plain ground (a white card, a mount, paper around a thing),
    0..1. `clean`: a _smoothed() copy (H, W, 3); `kept`: (H, W) bool, the pixels away from the damage (_undamaged()).

    The white point is the 99th percentile of the luma of the `kept` pixels; the ground is the share of the whole
    picture that lies within WHITE_GROUND_NEAR of it and varies by less than WHITE_GROUND_SPREAD around a pixel
    (Gaussian sigma 2 px). A faded paper white stays above WHITE_GROUND_LEVEL (a veil of 0.5 sinks a white to 0.75):
    a grey subject's brightest plain tone (the moon's face, 0.46-0.49 once faded) is no paper. Tuning split's small
    prints mounted on a white card (bench/_photo_damage.py card()) read 0.13-0.61 (share) at a white of 0.78-0.90;
    small prints and cartoons without one 0.00-0.24 at 0.46-0.71, or 0.00-0.01 at 0.81-0.89.
    """
    y = luma(clean)
    kept = np.ones(y.shape, bool) if kept is None else kept
    white = float(np.percentile(y[kept], 99.0))
    ground = (local_spread(y, 2.0)[1] < WHITE_GROUND_SPREAD) & (y > white - WHITE_GROUND_NEAR)
    return _ramp(white, *WHITE_GROUND_LEVEL) * _ramp(float(ground.mean()), *WHITE_GROUND_SHARE)


EDGE_BAND = 0.04  # _inner_white(): the share of the shorter side left out along each edge (paper loss lives there)


def _inner_white(clean: np.ndarray, kept: np.ndarray) -> float:
    """The white point (99th percentile of the brightest channel) of a _smoothed() copy (H, W, 3) read on the `kept`
    pixels ((H, W) bool) away from its border: EDGE_BAND of the shorter side is left out along each edge."""
    d = int(EDGE_BAND * min(kept.shape))
    inner = kept.copy()
    if d:
        inner[:d] = inner[-d:] = False
        inner[:, :d] = inner[:, -d:] = False
    return float(np.percentile(clean.max(axis=2)[inner if inner.any() else kept], 99.0))


def _undamaged(shape: tuple[int, int], damage: np.ndarray | None) -> np.ndarray:
    """Where a picture of `shape` (a _smoothed() copy, maybe shrunk) is read for its ends: (H, W) bool, away from
    the `damage` mask ((h, w) bool at the photo's size, None: everywhere) grown by DAMAGE_RIM px.

    A mark the repair filled leaves its fill and a rim of its own tone (a bright scratch's glow, a speck's soft
    edge); on a dark print or a small one they are a good share of the brightest and darkest pixels, and the ends
    read on them were the damage's, not the photo's."""
    if damage is None or not damage.any():
        return np.ones(shape, bool)
    grown = cv2.dilate(damage.astype(np.uint8), np.ones((2 * DAMAGE_RIM + 1,) * 2, np.uint8))
    if grown.shape != shape:
        grown = cv2.resize(grown, (shape[1], shape[0]), interpolation=cv2.INTER_NEAREST)
    kept = ~grown.astype(bool)
    return kept if kept.mean() >= DAMAGE_KEPT else np.ones(shape, bool)


# revive(): a picture with this share of plain dark ground (dark_ground()) has its ends measured once its cast is gone.
# Tuning split, repaired prints: star fields 0.2-0.85, slides 0.57-0.85, fundus photos 0.16-0.2; a lawn, a wall, the
# moon's surface, pages, most scenes under 0.1; scenes with a dark plain sky or backdrop 0.1-0.27.
DARK_GROUND = 0.15
# levels(): on such a picture, the black point's share read on the balanced copy (the rest from the print as it came).
# The balanced read alone takes the darkest of a ground that covers most of the picture for black and crushed grounds
# that were never black (a slide's 0.09 to 0.01); the print's own darkest channel lies under the ground by the cast.
# 24 yellowed star fields, sparse fields and slides built from tuning photos (seeds 500-507): chain beats the
# baseline on 15 with the print's own read, 14 with the balanced read, 18 half way (median SSIM 0.64, 0.70, 0.72).
BALANCED_SHARE = 0.5


def dark_ground(rgb: np.ndarray) -> float:
    """The share of a picture that is plain ground at its dark end, 0..1: pixels of the grain-free copy
    (_smoothed()) that vary by less than GROUND_SPREAD around them (Gaussian sigma 3 px) and lie in the lowest
    tenth of its tonal range (1st to 99.9th luma percentile: a sparse field's stars are under 1 % of it). A night
    sky, a slide's dark surround, the black mask around a fundus photo; a scene's shadows are textured or small."""
    y = luma(_smoothed(rgb))
    low, high = np.percentile(y, (1, 99.9))
    plain = local_spread(y, 3.0)[1] < GROUND_SPREAD
    return float((plain & (y < low + 0.1 * (high - low))).mean())


GROUND_CLIP, GROUND_MAX = 2.5, 0.04  # black_ground(): a plain ground lies within this many grains of black, at most
GROUND_SHARE = 0.02  # ...and covers this share of the picture at least


def black_ground(rgb: np.ndarray, grain: float) -> np.ndarray:
    """A plain black ground (a night sky, a slide's surround) brought down to black after the levels were lifted.

    The black point is measured on a copy without grain: a black ground lifted to it keeps its grain
    around black, half of it clipped, and comes out a mottled dark grey (its mean about 0.4 grain above
    black). Where the picture is plain (the spread around a pixel, Gaussian sigma 2 px, no more than
    PLAIN_TO times the `grain`, a standard deviation in [0, 1] units) and its local mean lies within
    GROUND_CLIP grains of black (at most GROUND_MAX), it is taken down to black, in full below half that;
    textured shadows (hair, cloth, foliage) are left as the levels made them. Returns float32 RGB.
    """
    if grain <= 0:
        return rgb
    mean, plain = plainness(luma(rgb), grain)
    # The ground's level: the darkest plain areas (2nd percentile of the plain pixels' local mean), when they
    # are a ground indeed (GROUND_SHARE of the picture within a grain of it) and dark (under GROUND_MAX).
    flat = plain > 0.5
    if flat.mean() < GROUND_SHARE:
        return rgb
    level = float(np.percentile(mean[flat], 2))
    if level > GROUND_MAX or (flat & (mean < level + grain)).mean() < GROUND_SHARE:
        return rgb
    near = level + min(GROUND_CLIP * grain, GROUND_MAX)
    dark = np.clip(2.0 * (1.0 - mean / near), 0, 1)
    return (rgb * (1.0 - plain * dark)[..., None]).astype(np.float32)


def stretch_levels(rgb: np.ndarray, strength: float = 1.0, revival: float = 0.5, old: bool = False,
                   keep_tint: bool = False, faded_as: np.ndarray | None = None,
                   damage: np.ndarray | None = None) -> np.ndarray:
    """Revive faded contrast: lift the veil measured by levels(), every channel alike (hues kept).

    `keep_tint`: a toned print (toned()) keeps the a*, b* of each pixel and only its lightness is
    lifted. Stretching the channels alike also stretches their differences by 1/t: a sepia print
    whose faint tone was the print's came out warmer (b* 10 to 14 on tests/photo/data's second print).
    """
    black, t, measured = _levels(rgb, revival, old, faded_as, damage)
    if t > 0.98 and black < 0.01:
        return rgb.copy()  # not faded: leave it alone
    lifted = (rgb - black) / t
    out = np.clip(rgb + (lifted - rgb) * strength, 0, 1).astype(np.float32)
    # A print lifted by the veil both ends support only (a low-key one that never held a white: a night sky, a
    # slide) has its darkest ground brought to black already; taking it further down crushed a ground that was a
    # dark grey (tuning split's star fields and slides: SSIM 0.89 -> 0.50 with it, 0.89 without).
    if measured >= 0.5:
        out = black_ground(out, print_grain(_grain_view(luma(rgb))) / t * float(np.clip(black / 0.02, 0, 1)))
    if not keep_tint:
        return out
    lab = rgb_to_lab(out)
    lab[..., 1:] = rgb_to_lab(rgb)[..., 1:]
    return np.clip(lab_to_rgb(lab), 0, 1).astype(np.float32)


def local_contrast(rgb: np.ndarray, strength: float = 0.5) -> np.ndarray:
    """CLAHE on the lightness only (colours untouched), blended by strength."""
    if strength <= 0:
        return rgb
    lab = rgb_to_lab(rgb)
    lightness = np.clip(lab[..., 0] * 2.55, 0, 255).astype(np.uint8)
    clahe = cv2.createCLAHE(clipLimit=1.0 + 2.0 * strength, tileGridSize=(8, 8))
    boosted = clahe.apply(lightness).astype(np.float32) / 2.55
    lab[..., 0] = lab[..., 0] + (boosted - lab[..., 0]) * strength * 0.5
    return lab_to_rgb(lab)


TONED_MIDS = 1.2  # toned(): the mid-tones carry this many times the whites' b* (plus 3 units) or more,
TONED_SPREAD = 0.2  # ...in one hue: a*, b* of the mid-tones vary by less than this share of their b*
TONED_RED = 0.4  # ...and brown to yellow: their a* under this share of their b* (toned(), yellow_brown())


def toned(rgb: np.ndarray) -> bool:
    """True for a toned print (sepia, gold, selenium): its tint is the print's, not damage.

    Toning colours the silver image, not the paper: the mid-tones (30-70th lightness percentiles)
    carry a warm hue well past the whites' (98th percentile and up; TONED_MIDS), one hue all over
    (TONED_SPREAD) and b* above a* (brown to yellow, not red). A print yellowed with age carries its
    cast in its whites at least as much as in its mid-tones (bench/_photo_damage.py's yellowing and
    its luma-proportional sepia, and colour photos of warm things, fail the test); the two real
    cracked prints of tests/photo/data pass it (b* 27 and 12 in the mid-tones, 13 and 3 in the whites).
    """
    lab = rgb_to_lab(_sample(rgb))
    lightness, a, b = lab[..., 0], lab[..., 1], lab[..., 2]
    whites = lightness >= np.percentile(lightness, 98)
    mids = (lightness > np.percentile(lightness, 30)) & (lightness < np.percentile(lightness, 70))
    if not whites.any() or not mids.any():
        return False
    warm = float(b[mids].mean())
    one_hue = max(float(a[mids].std()), float(b[mids].std())) < TONED_SPREAD * warm
    brown = abs(float(a[mids].mean())) < TONED_RED * warm
    return bool(warm > TONED_MIDS * float(b[whites].mean()) + 3.0 and one_hue and brown)


def _revived_levels(rgb: np.ndarray, strength: float, old: bool, keep_tint: bool | None = None,
                    faded_as: np.ndarray | None = None, damage: np.ndarray | None = None) -> np.ndarray:
    return stretch_levels(rgb, strength=float(np.clip(0.4 + 1.2 * strength, 0, 1)), revival=strength, old=old,
                          keep_tint=toned(rgb) if keep_tint is None else keep_tint, faded_as=faded_as, damage=damage)


# keeps_tone(): the tones no age gives a print (a print yellows, it does not turn blue or purple): a cyanotype's
# Prussian blue and a selenium print's purple-brown are the print's own, always kept.
KEPT_TONES = ("selenium", "cyanotype")


@once_per_photo
def keeps_tone(rgb: np.ndarray, strength: float = 0.5, old: bool | None = None) -> bool:
    """True when revive() keeps the print's tone instead of removing its yellow (toned() after the levels, or a tone
    of KEPT_TONES).

    `old` None measures it (looks_old), as the chain does on the print as it came: what the page says
    the 'revive' step will do (remove the yellow or keep the sepia) is what it does.
    """
    if monochrome_tone(_sample(rgb)) in KEPT_TONES:
        return True
    return toned(_revived_levels(rgb, strength, looks_old(rgb) if old is None else old))


def _cast_weight(out: np.ndarray, old: bool, dyed: float) -> float:
    """How much of the yellow cast of a levelled print revive() takes off, 0..1 (white_balance()'s strength before
    the slider's share). `dyed`: dye_faded() of the print."""
    grey = is_greyscale(_sample(out))
    cast = abs(colour_cast(out)[1]) if grey else yellowing(out)
    # Only a real cast (a blue sky or a warm lamp is not 'yellowed'); eased in between 3 and 4 b* units. A colour
    # photo with no sign of age keeps a warmth under the bar at which the page calls it yellowed (YELLOWED): a cup
    # of coffee or a ginger cat lit warm lost 4-6 b* units all over (bench.photo's colour shift on clean photos).
    weight = float(np.clip(cast - (3.0 if old or grey else YELLOWED), 0, 1))
    # A dye-faded print had its cast taken off with its densities (restore_dyes()): the warmth left is the scene's
    # (a cup of coffee lost 10 b* units more to the white balance: tuning split's dye-faded prints).
    return weight * (1.0 - dyed)


# underexposure(): a scan or print so dark that its brightest tones (the 99.9th percentile of the brightest channel,
# on the copy without grain and specks) stay under this. Every photo of the do-no-harm set, the packaged star field
# and moon included, reaches 0.45 or more: a night scene keeps a lamp, a star or a lit face brighter than this.
UNDEREXPOSED_WHITE = 0.30
# underexposure(): ...and whose darkest tones (0.5th percentile of the darkest channel) are still at a true black,
# under this: a dark scan keeps its blacks, a faded print's blacks rose to the veil (a faded low-key print, a star
# field under a veil: the levels' veil reading is the one for them, tests/photo/test_plain_ground.py).
UNDEREXPOSED_BLACK = 0.05
UNDEREXPOSED_TARGET = 0.92  # underexposure(): where the brightest tones are brought
UNDEREXPOSED_GAIN = 12.0  # underexposure(): at most this stretch (past it, 8-bit scans show bands of a few levels)
# all_black(): a dark picture whose tones, on the copy without grain, spread over less than two 8-bit levels holds
# nothing to bring out (a photo taken with the lens covered, a black card scanned: the sensor's noise is smoothed
# away). The packaged photos squeezed into [0, 0.01] (a scene 2.5 levels high) still spread over 2.9 levels and are
# brightened; a black picture with one level of sensor noise spreads over 0.9, with two levels 1.4.
EMPTY_SPREAD = 2 / 255


def _dark_ends(rgb: np.ndarray) -> tuple[float, float] | None:
    """(black, white) of a photo whose every tone stayed dark: the 0.5th percentile of the darkest channel and the
    99.9th of the brightest, on the copy without grain (_smoothed of _sample); None when the photo is not that dark
    (its white at UNDEREXPOSED_WHITE or above, or its black risen to UNDEREXPOSED_BLACK or above: a faded dark
    print, which the veil reading levels)."""
    clean = _smoothed(_sample(np.asarray(rgb, dtype=np.float32)))
    white = float(np.percentile(clean.max(axis=2), 99.9))
    if white >= UNDEREXPOSED_WHITE:
        return None
    black = float(np.percentile(clean.min(axis=2), 0.5))
    return None if black >= UNDEREXPOSED_BLACK else (black, white)


def all_black(rgb: np.ndarray) -> bool:
    """True for a picture with nothing in it to bring out: all black (or all one dark tone), its tones spread over
    less than EMPTY_SPREAD. `rgb`: (H, W, 3) float [0, 1]. The tone step leaves it as it is (underexposure())."""
    ends = _dark_ends(rgb)
    return ends is not None and ends[1] - ends[0] < EMPTY_SPREAD


def underexposure(rgb: np.ndarray) -> tuple[float, float]:
    """The levels that brighten a photo whose every tone stayed dark, as (black, white) (_dark_ends); (0, 1) when
    the photo is not underexposed, or when it is all black (all_black(): stretched, its few levels of noise would
    stay a black, or become a blotchy grey, and no picture).

    `rgb`: (H, W, 3) float [0, 1]. An underexposed scan or a print darkened all over (a flash that did not fire,
    a scanner's exposure set for slides) holds a whole picture in the bottom tenth of the range: the veil model
    (veil(): blacks rise as whites sink) reads it as well contrasted, as its black is a true black.
    """
    ends = _dark_ends(rgb)
    if ends is None or ends[1] - ends[0] < EMPTY_SPREAD:
        return 0.0, 1.0
    black, white = ends
    black = min(black, 0.5 * white)  # a flat dark picture keeps half its level under its black point at most
    white = max(white, black + UNDEREXPOSED_TARGET / UNDEREXPOSED_GAIN)
    return black, white


def brightened(rgb: np.ndarray) -> np.ndarray:
    """The photo with underexposure()'s levels applied (its brightest tones at UNDEREXPOSED_TARGET); the photo
    itself when it is not underexposed. (H, W, 3) float [0, 1] in and out."""
    black, white = underexposure(rgb)
    if (black, white) == (0.0, 1.0):
        return rgb
    return np.clip((rgb - black) * (UNDEREXPOSED_TARGET / (white - black)), 0.0, 1.0).astype(np.float32)


def revive(rgb: np.ndarray, strength: float = 0.5, old: bool = False, keep_tone: bool | None = None,
           damage: np.ndarray | None = None) -> np.ndarray:
    """The 'revive faded photo' step: brighten an underexposed photo (brightened()), lift the veil, remove
    yellowing, and above 0.5 some local contrast.

    A toned print (toned()) keeps its tone: taking its cast away turns a sepia print a dull grey that
    looks darker than it was (the luma is kept, the warmth was the print's). `keep_tone`: decided on the
    print as it came (keeps_tone(), what the page told the patron), else measured here; measured after the
    repair step, a sepia print whose cracks and specks were filled failed toned() and came out grey.
    `damage`: (H, W) bool, the repair step's mask: the levels read their ends away from it (levels()).
    """
    rgb = brightened(rgb)  # an underexposed photo is brought into the range first: the rest is measured on it
    rgb = paper_balanced(rgb, strength)  # a cast the whole print took (paper_cast()) goes before the levels read it
    dyed = dye_faded(rgb, strength, old)
    rgb = restore_dyes(rgb, strength, old, dyed)
    out = _revived_levels(rgb, strength, old, keep_tint=keep_tone, damage=damage)
    if toned(out) if keep_tone is None else keep_tone:
        return local_contrast(out, max(0.0, strength - 0.5) * 0.6)
    weight = _cast_weight(out, old, dyed)
    if weight > 0 and dark_ground(rgb) >= DARK_GROUND:
        # A yellowed print's blue channel sinks under its ground, and the levels read their black point from the
        # darkest channel: a dark plain ground (a night sky, a fundus photo's black surround) came out lifted 2-5
        # times its true level. On such a picture the cast goes first, the print is levelled once balanced, its
        # fading judged as it came and its black point read half way between the two (levels(), BALANCED_SHARE).
        # Tuning split: 10 cases moved, two lost star fields now win (star fields +0.3 to +1.4 dB), a fundus photo
        # +1.4 dB, a lightly aged night launch -0.8 dB and still ahead. Elsewhere a scene's dark parts are textured
        # and the darkest channel stays the safer read (grey prints of the tuning split levelled once balanced lost
        # 0.2-1.3 dB).
        balanced = white_balance(rgb, strength=weight * min(1.0, 0.6 + strength))
        out = _revived_levels(balanced, strength, old, keep_tint=False, faded_as=rgb, damage=damage)
        # The stretch brings out what is left of the cast (its measure on the faded print fell short): it goes too.
    if weight > 0:
        out = white_balance(out, strength=weight * min(1.0, 0.6 + strength))
    # Local contrast invents tones the print never had: only when the patron asks for a strong revival.
    return local_contrast(out, max(0.0, strength - 0.5) * 0.6)


YELLOWED = 6.0  # b* units: the cast at which a print is called yellowed (looks_old, the analysis's chip)


# paper_cast(): a cast the whole print took (a faded instant print gone cyan or yellow-green, a 1970s print whose green
# channel sank everywhere, whites included: magenta), read on its paper.
# A frame: the outer FRAME_BAND of the shorter side is plain paper on every side (lightness L* FRAME_L or more, varying
# by under FRAME_SPREAD L* units on each side, the four sides' a*, b* within FRAME_AGREE of each other): its a*, b*
# is the cast, the paper having been white. Instant prints of bench/photo_tone_kinds.py: every frame found (spread
# 0.0-0.1), casts 5.5-27 a*, b* units; no do-no-harm picture there shows a frame.
FRAME_BAND, FRAME_L, FRAME_SPREAD, FRAME_AGREE = 0.025, 75.0, 2.0, 2.0
# No frame: the cast the whites carry (mean a*, b* of the top 2 % of L*) that every part of the print shares (the 10th
# percentile of the a*, b* of pixels over L* 40, along the whites' cast), counted only off the daylight locus, where no
# light puts it: green (a* CAST_GREEN or less, |a*| at least CAST_GREEN_SHARE of |b*|: cool light is blue, |a*| 0.2-0.35
# of |b*| on the do-no-harm pictures) or magenta (a* CAST_MAGENTA or more and b* under CAST_MAGENTA_SHARE of it: warm
# light, candles, sunsets and sepia read b* 1.2-10 times a*, an orange fundus 1.2). Magenta-shifted prints (tuning
# split): a* 6-22 with b* -2 to -10.
CAST_GREEN, CAST_GREEN_SHARE, CAST_MAGENTA, CAST_MAGENTA_SHARE = -4.0, 0.5, 3.0, 0.2
PAPER_CAST = 3.0  # paper_cast() this long (a*, b* units) or more: a cast, a sign of age, the tone step takes it off


@once_per_photo
def paper_cast(rgb: np.ndarray) -> tuple[float, float, bool]:
    """(a*, b*, framed): the colour cast a whole colour print took, read on its paper, in CIELAB units; (0, 0, False)
    when none is read. `framed`: read on a plain paper frame (FRAME_*), else on the whites every part shares, counted
    only when green or magenta (CAST_*: a blue or warm cast may be the light's; yellowing() reads a yellowed print).
    `rgb`: (H, W, 3) float [0, 1]. A black-and-white print (toned or not) gives (0, 0, False): white_balance() owns it.
    """
    small = _sample(rgb)
    if is_greyscale(small) or toned_monochrome(small):
        return 0.0, 0.0, False
    lab = rgb_to_lab(cv2.GaussianBlur(small.astype(np.float32), (0, 0), 1.0))
    h, w = lab.shape[:2]
    d = max(2, int(FRAME_BAND * min(h, w)))
    sides = [lab[:d], lab[-d:], lab[:, :d], lab[:, -d:]]
    means = np.array([side.reshape(-1, 3).mean(axis=0) for side in sides])
    spread = max(float(side[..., 0].std()) for side in sides)
    if (spread < FRAME_SPREAD and means[:, 0].min() >= FRAME_L
            and float(np.ptp(means[:, 1:], axis=0).max()) < FRAME_AGREE and _framed_picture(lab, means.mean(axis=0))):
        a, b = means[:, 1:].mean(axis=0)
        return (float(a), float(b), True) if np.hypot(a, b) >= PAPER_CAST else (0.0, 0.0, False)
    lightness, ab = lab[..., 0], lab[..., 1:]
    whites = ab[lightness >= np.percentile(lightness, 98)].mean(axis=0)
    length = float(np.hypot(*whites))
    bright = lightness > 40
    if length < PAPER_CAST or not bright.any():
        return 0.0, 0.0, False
    along = ab[bright] @ (whites / length)
    shared = float(np.clip(np.percentile(along, 10), 0.0, length))
    a, b = whites * shared / length
    green = a <= CAST_GREEN and abs(a) >= CAST_GREEN_SHARE * abs(b)  # the shared cast's hue is the whites'
    magenta = a >= CAST_MAGENTA and b < CAST_MAGENTA_SHARE * a
    if shared < PAPER_CAST or not (green or magenta):
        return 0.0, 0.0, False
    # Every part shares it: the whites show the paper's colour, the cast in full (a dye's loss scales a channel alike
    # everywhere; the least-cast parts of a warm subject, a ginger cat, read only part of it: tuning split).
    return float(whites[0]), float(whites[1]), False


FRAME_INSIDE, FRAME_SAME = (0.12, 0.16), 0.5  # _framed_picture(): the ring read, in shorter sides; its share like paper


def _framed_picture(lab: np.ndarray, paper: np.ndarray) -> bool:
    """True when a plain border of colour `paper` (L*, a*, b*) frames a picture: in the ring FRAME_INSIDE of the
    shorter side in from the edges, under FRAME_SAME of the pixels lie within 5 ΔE*ab of the paper (an instant print's
    foot, twice as wide, is a quarter of it). A drawing on a plain coloured ground is its ground there too: no frame."""
    h, w = lab.shape[:2]
    outer, inner = (max(1, int(f * min(h, w))) for f in FRAME_INSIDE)
    if 2 * inner >= min(h, w):
        return False
    ring = np.zeros((h, w), bool)
    ring[outer:h - outer, outer:w - outer] = True
    ring[inner:h - inner, inner:w - inner] = False
    return float((np.linalg.norm(lab[ring] - paper, axis=1) < 5.0).mean()) < FRAME_SAME


def paper_balanced(rgb: np.ndarray, strength: float = 0.5) -> np.ndarray:
    """The print with its paper_cast() taken off, float32 RGB [0, 1]: each channel scaled (von Kries) so that a paper
    of the cast's colour comes back neutral at its brightest channel's level. A fading dye or a tinted paper scales
    each channel alike over the whole print: a magenta print's green channel lowered by 20 % is 1.25 times lower
    everywhere. Eased by `strength` 0..1 (in full from 0.4); a print without such a cast comes back as it was."""
    a, b, _ = paper_cast(rgb)
    if a == 0.0 and b == 0.0:
        return rgb
    paper = lab_to_rgb(np.array([[[90.0, a, b]]], np.float32))[0, 0]
    gains = float(paper.max()) / np.maximum(paper, 1e-3)
    gains = gains ** float(np.clip(0.6 + strength, 0, 1))
    return np.clip(rgb * gains.astype(np.float32), 0, 1).astype(np.float32)


# dye_fading(): the measure of a colour print whose dyes faded (cyan first), each factor eased in over a ramp.
DYE_LIFT = (0.10, 0.08)  # the most faded channel's black point (over its white) from 0.10, in full at 0.18
DYE_APART = (0.75, 0.15)  # its optical density at most 0.75 of the densest channel's, in full at 0.6
DYE_KEPT = (0.8, 0.2)  # the densest channel still reaches a density of 0.8, in full at 1.0 (black point 0.1)
DYE_WHITE = (0.82, 0.08)  # the brightest channel's white point 0.82 or more, in full at 0.9: the paper stayed white
# restore_dyes(): every channel's black is brought to this optical density at least (black point 0.063 of its white;
# tuning split's dye-faded prints, density scaling: 1.2 gave a median 0.4 dB more than 1.0 and 1.4 overshot the red).
DYE_BLACK = 1.2
# restore_dyes(): the share of the density model in the tones between the ends, the rest per-channel linear levels.
# Tuning split's dye-faded prints (median luma dB / SSIM / colour shift): linear 19.06 / 0.725 / 11.8, density model
# 20.00 / 0.723 / 9.9, half of each 20.13 / 0.730 / 9.9 (their densest parts faded more than the rest: the model
# alone overshoots the mid-tones, the levels alone leave them faded).
DYE_MODEL = 0.5
# dye_faded(): a pale print judged old counts in full from this much of untextured_age_signs() (grain of 2 levels, a
# cast of b* 3.75): any such sign tells the print from a pale subject (tuning split's dye-faded rockets: the second,
# whose grain reads 2.1 levels, was left at 17.4 dB with the signs taken as they are, 19.6 dB with this).
PALE_SIGNS = 0.25
DYE_FADED = 0.3  # dye_faded() above this: the page says the colours faded and suggests the tone step


def _ramp(value: float, start: float, width: float) -> float:
    return float(np.clip((value - start) / width, 0, 1))


def channel_ends(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(black points, white points), each (3,) float in [0, 1]: the 1st and 99th percentile of each channel on a copy
    without grain, dust and thin scratches (_smoothed())."""
    clean = _smoothed(_sample(rgb)).reshape(-1, 3)
    return np.percentile(clean, 1.0, axis=0), np.percentile(clean, 99.0, axis=0)


NO_DEEP_BLACK = 0.8  # deepest_black() under this optical density (black point above 16 % of the white): no deep black
# (the density dye_fading() asks of the slowest dye, DYE_KEPT[0])


def deepest_black(rgb: np.ndarray) -> float:
    """The optical density of a photo's deepest black over its own white, 0 .. 3: the largest over the channels of
    -log10(black point / white point) (channel_ends(), a copy without grain and thin marks).

    A print whose every channel stays under NO_DEEP_BLACK (a black point above 16 % of its white) holds no deep black:
    a pale subject (a stained slide, a misty scene) or a print whose dyes or silver faded. From the print alone the
    two cannot be told apart when no sign of age backs the fading (the tuning split's dye-faded rockets read 0.71-0.73,
    bench/photo.py's dye-fresh slides 0.55-0.61 and the same slide undamaged 0.74): the page says the black is missing
    rather than call the print well contrasted, and the tone step leaves it as it is unless the print was judged old
    with grain or a cast to back the dyes' fading (dye_faded()). Undamaged scenes with a deep
    black read 1.1-3.0 (cat 1.17, camera 1.73, astronaut 3.0); a brick wall, a page, the moon, a clock 0.27-0.51.
    """
    black, white = channel_ends(rgb)
    return float(np.max(-np.log10(np.clip(black / np.maximum(white, 1e-3), 1e-3, 1.0))))


def _dye_signature(rgb: np.ndarray) -> tuple[float, float]:
    """(the dye-fading signature without the deep-black factor, that factor DYE_KEPT), each 0..1; see dye_fading()."""
    if is_greyscale(_sample(rgb)):
        return 0.0, 0.0
    black, white = channel_ends(rgb)
    # The dye that faded most: cyan (the red channel's blacks rise, a red to magenta cast) most often, magenta (green
    # rises, a green cast) or yellow (blue) on other papers; the channel whose blacks rose most over its white.
    faded = _faded_channel(black, white)
    density = -np.log10(np.clip(black / np.maximum(white, 1e-3), 1e-3, 1.0))
    lifted = _ramp(float(black[faded] / max(white[faded], 1e-3)), *DYE_LIFT)
    apart = _ramp(-float(density[faded] / max(density.max(), 1e-3)), -DYE_APART[0], DYE_APART[1])
    whites = _ramp(float(white.max()), *DYE_WHITE)
    return lifted * apart * whites, _ramp(float(density.max()), *DYE_KEPT)


DYE_CASTS = ("red", "green", "blue")  # faded_dye(): the channel whose blacks rose most, named by the cast it leaves


def _faded_channel(black: np.ndarray, white: np.ndarray) -> int:
    """The channel (0 red, 1 green, 2 blue) whose black point rose most over its own white (channel_ends())."""
    return int(np.argmax(black / np.maximum(white, 1e-3)))


def faded_dye(rgb: np.ndarray) -> str:
    """The cast a dye-faded colour print's blacks took, one of DYE_CASTS: the channel (red, green, blue) whose black
    point rose most over its own white (channel_ends()). Red when the cyan dye faded first (the common case), green
    for the magenta dye, blue for the yellow. Read with dye_faded(): alone it names a channel on any photo.
    `rgb`: (H, W, 3) float [0, 1]."""
    return DYE_CASTS[_faded_channel(*channel_ends(rgb))]


def dye_fading(rgb: np.ndarray) -> float:
    """How surely a colour photo is a print whose dyes faded, 0..1 (before any sign of age backs it up).

    A chromogenic print is three dye layers; each loses density at its own rate, cyan (which absorbs red)
    fastest on most papers, magenta or yellow first on others (the channel read is the one whose blacks rose
    most: faded_dye()), yellow slowest (Wilhelm & Brower, The Permanence and Care of Color Photographs, 1993). By
    Beer-Lambert a channel's optical density over the paper, -log10(value / white), falls in proportion to
    its dye: the paper stays white while the blacks rise to a reddish grey. The measure is the product of:
    the red channel's black point risen (DYE_LIFT) and its density well under the densest channel's
    (DYE_APART: the channels' blacks disagree), the densest channel still reaching a deep black (DYE_KEPT:
    the slowest dye held; a stained slide or a misty scene reaches no black in any channel) and whites intact
    (DYE_WHITE). A photo whose ends moved together (veil()) or a pale subject gives 0.
    """
    signature, kept = _dye_signature(rgb)
    return signature * kept


def dye_faded(rgb: np.ndarray, strength: float = 0.5, old: bool = False) -> float:
    """dye_fading() backed by signs of age, as fading() backs the veil: `old` (looks_old() on the print as it
    came) counts in full, else age_signs().

    On a print judged `old`, a pale one counts too: the dye-fading signature (the red channel's blacks risen most,
    far from the densest channel's, whites kept) where no channel reaches a deep black any more. The slowest dye
    faded too, or the subject was pale: from the print alone the two look alike (deepest_black()), so the pale
    reading is backed by signs of age a texture does not give (untextured_age_signs(): a stained slide shrunk to
    256 px is judged old, its fine texture read as clumped grain and its pale range as a veil, and is left alone).
    restore_dyes() then brings its channels to the densest one's density only (no deeper black is invented).
    Tuning split's dye-faded rockets (a night sky that reached no deep black once faded): -1.05 / -0.85 dB
    against the baseline before, -0.44 / +2.11 dB after (they were brightened by the levels instead).
    """
    signature, kept = _dye_signature(rgb)
    if old:
        pale = signature * (1.0 - kept)
        return signature * kept + (pale * min(1.0, untextured_age_signs(rgb) / PALE_SIGNS) if pale > 0 else 0.0)
    sure = signature * kept
    return sure if sure <= 0 else sure * age_signs(rgb, strength)


def restore_dyes(rgb: np.ndarray, strength: float = 0.5, old: bool = False, dyed: float | None = None) -> np.ndarray:
    """Give a dye-faded print (dye_faded()) its black back, channel by channel; float32 RGB.

    Each channel whose black point lies under an optical density of DYE_BLACK over its own white point has its
    black brought to that density, its white point kept. The tones between follow DYE_MODEL of the way from
    per-channel linear levels to the density model (each channel's density over its white scaled alike, the
    inverse of a uniform dye loss, Beer-Lambert). The blacks come back to black, the red cast leaves the shadows,
    the whites stay where they are. Eased in by how sure dye_faded() is and by `strength` 0..1 (in full from 0.5,
    as the levels; the chain's slider fades the whole step out to nothing at 0). `dyed`: dye_faded() when
    already measured. A photo that is not dye-faded comes back as it was.
    """
    sure = (dye_faded(rgb, strength, old) if dyed is None else dyed) * float(np.clip(0.4 + 1.2 * strength, 0, 1))
    if sure <= 0:
        return rgb
    black, white = channel_ends(rgb)
    white = np.maximum(white, 1e-3)
    black = np.minimum(black, white - 1e-3)
    density = -np.log10(np.clip(black / white, 1e-3, 1.0))
    # A print whose densest channel kept a deep black has every black brought to DYE_BLACK; a pale one (dye_faded() on
    # an old print) has its channels brought to its densest channel's density, no deeper.
    kept = _ramp(float(density.max()), *DYE_KEPT)
    floor = kept * DYE_BLACK + (1.0 - kept) * float(density.max())
    target = white * 10.0 ** -np.maximum(density, floor)  # where each channel's black belongs
    target = black + sure * (target - black)
    linear = white - (white - rgb) * (white - target) / (white - black)
    scale = np.log10(white / target) / np.maximum(density, 1e-3)  # each channel's density scaled by this
    dense = white * np.clip(rgb / white, 1e-4, 1.0) ** scale
    out = DYE_MODEL * dense + (1.0 - DYE_MODEL) * linear
    return np.clip(np.where(rgb < white, out, rgb), 0, 1).astype(np.float32)


@once_per_photo
def looks_old(rgb: np.ndarray, grain: bool = True) -> bool:
    """True for a print that shows signs of age: faded, yellowed, toned or grainy (measured before any step runs).

    Grain counts as fine grain (grain_sigma()) or as grain a JPEG or clumping softened (softened_grain()
    above SOFT_GRAINY, which a fine texture of the scene does not pass). `grain` False leaves grain out of the
    signs (repair.find_damage() on a big scan shrunk to the detail it holds: there what is left of the scanner's
    grain, and a modern photo's own JPEG-softened grain, read as a print's).
    """
    gray = _grain_view(luma(rgb))
    faded, yellowed = fading(rgb), yellowing(rgb)
    grainy = grain_sigma(gray) * 255 if grain else 0.0
    if faded > 0.1 or yellowed > YELLOWED or grainy > 1.5 or (grain and softened_grain(gray) > SOFT_GRAINY):
        return True
    if np.hypot(*paper_cast(rgb)[:2]) >= PAPER_CAST:  # the whole print took a cast no light gives, or its frame did
        return True
    # Weaker signs that agree: a print a little faded AND a little yellowed (each short of its own bar) is old.
    # Clean photos of the do-no-harm set reach at most 1.0 on this sum (a warm cat: 0.3 + 0.7).
    if faded / 0.1 + yellowed / 6.0 + grainy / 1.5 >= 1.3:
        return True
    # A toned print (sepia, selenium): one warm hue all over, a cast well past a white-balanced photo's.
    small = _sample(rgb)
    if colour_cast(small)[1] > 6.0 and is_greyscale(small, tolerance=0.1):
        return True
    return dusty_veil(rgb)


def picture_aged(rgb: np.ndarray) -> bool:
    """looks_old() for the damage search (repair.find_damage's `aged`): the signs of age its silver picture shows.

    `rgb`: (H, W, 3) float [0, 1]. A black-and-white print (greyscale or under one tone: imaging.toned_monochrome)
    is judged on its luma: its tone, or its paper's yellowing, tells its age but does not make its picture any
    likelier to hold cracks, wide scratches or lost paper, and the full search (repair._find_on_old_print) took
    the picture's own small bright details on merely toned prints (bench/photo_toned.py, tuning split: a cup's
    rim and its saucer's highlights, a spoon's glints, 7.4 % of a sepia coffee cup marked, 0.5 % by the cautious
    search; luma PSNR 37.3 -> 25.1 dB). A faded, grainy or dusty one is still searched in full (the signs
    looks_old() reads, its colour ones left out); a colour print, whose yellowing may be all that shows its age, is
    judged as looks_old() judges it. A black-and-white print scanned bigger than the detail it holds
    (repair.effective_scale()) is judged at that detail too: the enlargement smoothed its grain away, and grainy
    cracked prints scanned bigger went unrepaired while the same prints at their own size were searched in full
    (bench/photo_real_kinds.py: print 1 at x2, 1600 and 2400 px and print 2 at x1.5-x3, 75-100 % of their cracks
    left; 27-31 % since), on the pixels at its blocks' centres (repair.held_detail()): an area average blurred the
    grain of print 2 enlarged x2 or x4 by bilinear interpolation out of looking like grain, and it went unsearched.
    """
    if not looks_old(rgb):
        return False
    small = _sample(rgb)
    if not (is_greyscale(small) or toned_monochrome(small)):
        return True
    if _silver_aged(rgb):
        return True
    h, w = rgb.shape[:2]
    factor = min(effective_scale(luma(rgb)), min(h, w) / TINY_SEARCH)
    if factor <= 1:
        return False
    return _silver_aged(held_detail(rgb, factor))


def _silver_aged(rgb: np.ndarray) -> bool:
    """picture_aged()'s reading of a black-and-white print: looks_old()'s signs but the colour ones."""
    # The fading backed by the luma's signs alone (its veil as the print's own ends read it: a tone moves the darkest
    # channel under the luma), grain, and dust under a veil.
    grey = np.repeat(luma(rgb).astype(np.float32)[..., None], 3, axis=2)
    faded = fading(grey) * min(1.0, veil(rgb) / max(veil(grey), 1e-6))
    gray = _grain_view(luma(rgb))
    grainy = grain_sigma(gray) * 255
    if faded > 0.1 or grainy > 1.5 or softened_grain(gray) > SOFT_GRAINY or faded / 0.1 + grainy / 1.5 >= 1.3:
        return True
    return dusty_veil(rgb)


DUSTY_VEIL, DUSTY_SCENE, DUSTY_PER_MPX = 0.08, 0.7, 60


def dusty_veil(rgb: np.ndarray) -> bool:
    """True for a scene under a veil (veil() DUSTY_VEIL or more) that is also dusty: a faintly faded print.

    A veil alone may be the subject's (a misty morning, a grey moon, a clock face) and a few specks
    may be glints; both at once are a print's age. Dust is counted as the spots the cautious search
    finds (repair.find_damage on a photo with no sign of age), per megapixel of its working copy:
    DUSTY_PER_MPX or more on a scene (scene_share() DUSTY_SCENE or more; a lawn or gravel is all
    specks). The clean photos of bench/photo.py's do-no-harm set under such a veil (a moon, a page,
    coins, a clock, a slide) show at most about 20 spots per megapixel; tuning prints faintly faded
    (fade 0.06-0.2, fine grain, no tint) that no other sign gave away 110-320.
    """
    if veil(rgb) < DUSTY_VEIL or scene_share(rgb) < DUSTY_SCENE:
        return False
    h, w = rgb.shape[:2]
    step = work_step(h, w)
    megapixels = (h // step) * (w // step) / 1e6
    return find_damage(rgb, aged=False).spots >= DUSTY_PER_MPX * megapixels


def denoise(rgb: np.ndarray, strength: float = 0.5, old: bool = False,
            jpeg_blocking: float | None = None) -> np.ndarray:
    """Reduce grain with non-local means, its strength set from the measured grain level.

    The grain is grain_sigma() (grain told apart from texture); on an `old` print (looks_old() of
    the photo as it came) clumped or JPEG-softened grain counts too (print_grain()), which a
    photo of a lawn would be mistaken for. `jpeg_blocking`: the JPEG blocking (repair.blocking()) of the photo as
    it came, else measured on `rgb`; after the repair's fills (smooth inside the 8x8 blocks) it reads higher than
    the scan's (1.37 -> 1.55 on a real cracked print saved at quality 60), and the print lost its fine detail.
    """
    gray = _grain_view(luma(rgb))
    sigma = grain = grain_sigma(gray) * 255.0
    h = sigma * (0.75 + 0.7 * strength)  # about 1.1 x the grain at 0.5
    if old:
        # On an old print, grain that clumps or that a JPEG has softened counts too (print_grain()). Non-local
        # means does best with h about the grain's level (tuning split of bench/photo.py: h = 0.7, 1.0 and 1.3
        # times the grain put in; 1.0 gave the best SSIM on 17 of 22 prints).
        if grain_like(gray):
            clumped = print_grain(gray) * 255.0
            h = max(h, clumped * (0.8 + 0.4 * strength))
        else:  # the plainest areas are textured (a lawn): print_grain() reads the texture, flat_grain() less so
            clumped = flat_grain(gray) * 255.0
            h = max(h, clumped * (1.0 + 1.0 * strength))
        # A print scanned and saved as a strong JPEG carries 8x8 blocks and ringing the grain measures miss:
        # smoothed like a grain of up to 8 levels (quality 50-60 reads 1.3-1.5: h about 4-7).
        blocks = blocking(gray) if jpeg_blocking is None else jpeg_blocking
        jpeg = float(np.clip(15.0 * (blocks - 1.05), 0.0, 8.0)) * (0.5 + strength)
        grain = max(sigma, clumped)  # the grain itself: a JPEG's blocks are no plain ground (smooth_plain())
        sigma = max(sigma, clumped, jpeg)
        h = max(h, jpeg)
    if sigma < 0.8:  # no grain (a texture of the scene is not grain): nothing to smooth
        return rgb.copy()
    lab = rgb_to_lab(rgb)
    lightness = np.clip(lab[..., 0] * 2.55 + 0.5, 0, 255).astype(np.uint8)
    # On a big scan the picture is smooth from pixel to pixel and like patches lie close: an 11 px search is
    # enough. Measured on bench/photo.py's 12 MP aged scan: 4.1 s instead of 11.9 s, luma SSIM 0.869 vs 0.860.
    search = 21 if lightness.size <= BIG_SCAN else 11
    clean = cv2.fastNlMeansDenoising(lightness, None, h=float(h), templateWindowSize=7, searchWindowSize=search)
    lab[..., 0] = smooth_plain(lab[..., 0], clean.astype(np.float32) / 2.55, grain / 2.55)
    # Colour grain is smoothed more gently: chroma carries little detail.
    for c in (1, 2):
        lab[..., c] = cv2.bilateralFilter(lab[..., c], 5, 8.0 + 8 * strength, 3)
    return lab_to_rgb(lab)


PLAIN_FROM, PLAIN_TO = 1.0, 1.6  # smooth_plain(): plain up to this many times the grain's spread, eased out to this


def smooth_plain(before: np.ndarray, after: np.ndarray, grain: float) -> np.ndarray:
    """Where a print is plain (a night sky, a microscope slide's ground), smooth the grain non-local means left.

    `before`, `after`: (H, W) lightness before and after non-local means (any units), `grain` the grain's
    standard deviation in the same units. A pixel is plain where the spread of `before` around it (Gaussian
    window, sigma 2 px) is no more than the grain's own (PLAIN_FROM; eased out up to PLAIN_TO): nothing but
    grain is there. Non-local means leaves a mottle there that SSIM reads in full on a dark ground (its
    constant is small where the mean is low); plain pixels take the average of their plain neighbours
    (sigma 1.5 px, weighted by plainness), so a star, a cell or an edge (not plain) is neither blurred nor
    spread into the ground around it. Returns the new `after`, float32.
    """
    if grain <= 0:
        return after
    plain = plainness(before, grain)[1]
    if not plain.any():
        return after
    a = after.astype(np.float32)
    weight = cv2.GaussianBlur(plain, (0, 0), 1.5)
    average = cv2.GaussianBlur(plain * a, (0, 0), 1.5) / np.maximum(weight, 1e-6)
    return np.where(weight > 1e-3, a + plain * (average - a), a).astype(np.float32)


def sharpen(rgb: np.ndarray, amount: float = 0.5, radius: float = 1.2) -> np.ndarray:
    """Unsharp mask on the lightness (no coloured halos), kept within each pixel's 3x3 neighbours' range.

    The clamp steepens soft edges but never draws a bright or dark rim beside them, nor
    exaggerates a fine texture that is already crisp (each of its peaks is its own neighbourhood's
    extreme): an already sharp photo comes out nearly as it went in.
    """
    if amount <= 0:
        return rgb
    lab = rgb_to_lab(rgb)
    lightness = lab[..., 0]
    blurred = cv2.GaussianBlur(lightness, (0, 0), radius)
    around = np.ones((3, 3), np.uint8)
    sharp = lightness + amount * (lightness - blurred)
    lab[..., 0] = np.clip(sharp, cv2.erode(lightness, around), cv2.dilate(lightness, around))
    return lab_to_rgb(lab)


def enlarge(rgb: np.ndarray, scale: int, sharpen_amount: float = 0.4) -> np.ndarray:
    """CPU enlargement: Lanczos, then an unsharp mask scaled to the new size."""
    h, w = rgb.shape[:2]
    big = cv2.resize(rgb, (w * scale, h * scale), interpolation=cv2.INTER_LANCZOS4)
    return sharpen(np.clip(big, 0, 1), amount=sharpen_amount, radius=0.8 * scale)

