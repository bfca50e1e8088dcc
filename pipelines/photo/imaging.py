"""Small image helpers shared by the photo steps: arrays, luma, Lab, files."""
from __future__ import annotations

import copy
import functools
import hashlib
import inspect
import threading
from collections import OrderedDict
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

# A measurement of a big photo is kept, keyed by the photo's content, for the next step or job that asks again:
# the page's analysis and the restore that follows it (in the same worker) read the same scan, and the restore
# asked again for its age, its tone and its damage search (bench/photo.py, the page's path on a 12 MP scan).
MEMO_PIXELS = 2_000_000  # photos of this many pixels or more (a smaller one costs less than its hash, nearly)
MEMO_ENTRIES = 24  # measurements kept, the oldest dropped first...
MEMO_BYTES = 256 * 2 ** 20  # ...and no more arrays than this in all (a damage mask of a 12 MP scan weighs 12 MB)
_memo: OrderedDict = OrderedDict()  # key -> (result, the bytes of its arrays)
_memo_lock = threading.Lock()


def _array_bytes(value) -> int:
    """The bytes of the numpy arrays a result holds (itself, in a tuple or list, or as a dataclass's fields)."""
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, (tuple, list)):
        return sum(_array_bytes(v) for v in value)
    return sum(_array_bytes(v) for v in vars(value).values()) if hasattr(value, "__dict__") else 0


def once_per_photo(function):
    """Decorator: `function(rgb, ...)` (rgb a (H, W) or (H, W, C) array) computed once per photo content.

    For photos of MEMO_PIXELS or more, the result is kept under (the function, a SHA-1 of the array's bytes, its
    shape and type, the other arguments with their defaults filled in) and a deep copy of it is returned to every
    later call with the same key (a caller may change a mask it was given); the last MEMO_ENTRIES are kept, their
    arrays MEMO_BYTES at most (the last one whatever its size), in this process only. Other arguments that are
    not hashable (an array) skip the memory. Smaller photos are measured each time."""
    signature = inspect.signature(function)

    @functools.wraps(function)
    def remembered(rgb, *args, **kwargs):
        if not isinstance(rgb, np.ndarray) or rgb.ndim < 2 or rgb.shape[0] * rgb.shape[1] < MEMO_PIXELS:
            return function(rgb, *args, **kwargs)
        bound = signature.bind(rgb, *args, **kwargs)
        bound.apply_defaults()
        others = tuple((k, v) for k, v in list(bound.arguments.items())[1:])
        digest = hashlib.sha1(memoryview(np.ascontiguousarray(rgb)).cast("B")).hexdigest()
        key = (function.__module__, function.__qualname__, digest, rgb.shape, rgb.dtype.str, others)
        try:
            hash(key)
        except TypeError:  # an argument that is no plain value (an array): measured each time
            return function(rgb, *args, **kwargs)
        with _memo_lock:
            if key in _memo:
                _memo.move_to_end(key)
                return copy.deepcopy(_memo[key][0])
        result = function(rgb, *args, **kwargs)
        with _memo_lock:
            _memo[key] = (copy.deepcopy(result), _array_bytes(result))
            while len(_memo) > MEMO_ENTRIES or (len(_memo) > 1 and sum(w for _, w in _memo.values()) > MEMO_BYTES):
                _memo.popitem(last=False)
        return result

    return remembered


def to_array(image: Image.Image) -> np.ndarray:
    """An RGB PIL image as a float32 array in [0, 1], shape (H, W, 3)."""
    return np.asarray(image.convert("RGB"), dtype=np.float32) / 255.0


def to_image(array: np.ndarray) -> Image.Image:
    """A float array in [0, 1] (H, W) or (H, W, 3) as an RGB PIL image."""
    data = np.clip(array * 255.0 + 0.5, 0, 255).astype(np.uint8)
    if data.ndim == 2:
        data = np.repeat(data[:, :, None], 3, axis=2)
    return Image.fromarray(data, "RGB")


def luma(rgb: np.ndarray) -> np.ndarray:
    """Rec. 601 luma of an RGB float image (what the quality figures and the colour hints use)."""
    return rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114


def rgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """float RGB [0, 1] -> CIE Lab (L 0..100, a/b about -128..127)."""
    return cv2.cvtColor(np.ascontiguousarray(rgb, dtype=np.float32), cv2.COLOR_RGB2Lab)


def lab_to_rgb(lab: np.ndarray) -> np.ndarray:
    return np.clip(cv2.cvtColor(np.ascontiguousarray(lab, dtype=np.float32), cv2.COLOR_Lab2RGB), 0, 1)


def resize(array: np.ndarray, size: tuple[int, int], smooth: bool = True) -> np.ndarray:
    """Resize to (width, height): area when shrinking, cubic when enlarging."""
    h, w = array.shape[:2]
    shrinking = size[0] * size[1] < w * h
    method = cv2.INTER_AREA if shrinking else (cv2.INTER_CUBIC if smooth else cv2.INTER_LINEAR)
    return cv2.resize(array, size, interpolation=method)


def fit_size(width: int, height: int, max_pixels: int) -> tuple[int, int]:
    """The size with the same shape as (width, height) that holds at most max_pixels."""
    if width * height <= max_pixels:
        return width, height
    scale = (max_pixels / (width * height)) ** 0.5
    return max(1, int(width * scale)), max(1, int(height * scale))


# zlib level of the PNGs written: on a 12 MP scan level 3 wrote 12.4 MB in 4.3 s where Pillow's default (6) wrote
# 12.7 MB in 16 s (loaded machine, bench/photo.py's page path); the pixels are the same at every level.
PNG_LEVEL = 3


def save_png(image: Image.Image, path: Path) -> Path:
    """Write a PNG through a temp name (no half-written files), with no metadata, at zlib level PNG_LEVEL."""
    from ..store.files import atomic_path

    path = Path(path)
    with atomic_path(path) as tmp:
        image.save(tmp, format="PNG", compress_level=PNG_LEVEL)
    return path


def open_upload(path: Path, downscale: bool = False):
    """Read an image file the studio saved (the cleaned upload, a result) through the upload checks
    (formats, pixel limits, no metadata) but not the upload's byte limit: the PNG working copy of an
    accepted JPEG weighs several times the upload (safety.uploads.read_studio_file)."""
    from ..safety.uploads import read_studio_file

    return read_studio_file(Path(path).read_bytes(), downscale=downscale)


@once_per_photo
def is_greyscale(rgb: np.ndarray, tolerance: float = 0.035) -> bool:
    """True when the photo carries (almost) no colour: black and white, or a toned print.

    `rgb`: (H, W, 3) float [0, 1]; `tolerance`: the 95th percentile of the chroma's spread about its median (CIELAB
    a*, b*, in hundredths) under which the photo is grey. A dark colour photo (night, low-key, a lamp-lit room)
    keeps its colours at a low lightness, where a* and b* shrink with L*, and passes that test: it is not grey when
    its colour strays off the tone curve relative to its lightness (off_the_tone_curve() GREY_OFF_CURVE or more)."""
    # a sepia print has a colour cast but no colour variation: measure the spread, not the mean
    if float(np.percentile(chroma_spread(rgb), 95)) >= tolerance * 100:
        return False
    return off_the_tone_curve(rgb) < GREY_OFF_CURVE


CHROMA_BLUR = 1.0  # px: chroma_spread() reads a*, b* smoothed this much (a scanner's colour noise is no colour)


def chroma_spread(rgb: np.ndarray) -> np.ndarray:
    """(H, W) float32: each pixel's distance (CIELAB a*, b* units) from the picture's median a*, b*, on a*, b*
    smoothed by CHROMA_BLUR px. `rgb`: (H, W, 3) float [0, 1].

    Independent noise in each channel (a grey drawing with 1.5 levels of noise added) read as colour saved as a PNG
    and as grey once a JPEG or a WebP had halved its chroma (4:2:0): smoothed, the lossless file reads as its
    re-encodings do (bench/photo_tone_kinds.py); a colour photo's colours span many pixels and stay."""
    lab = rgb_to_lab(rgb)
    a, b = (cv2.GaussianBlur(lab[..., c].astype(np.float32), (0, 0), CHROMA_BLUR) for c in (1, 2))
    return np.hypot(a - np.median(a), b - np.median(b)).astype(np.float32)


# silvering(): a black-and-white print's silver, migrating to its surface in the dense (dark) areas, takes a bluish
# metallic sheen, strongest toward the edges where the air reached it first. The pixels whose chroma strays off the
# print's (chroma_spread() of is_greyscale()'s tolerance or more) are SILVER_SHARE or more dark (L* under SILVER_DARK
# on the sheened print) and bluish (their b* under the median by half their stray or more), nearer the edges than the
# dark pixels are on average (mean distance to the border SILVER_EDGES of theirs or less), and the print is grey
# once they lose their stray chroma.
SILVER_DARK, SILVER_SHARE, SILVER_EDGES = 60.0, 0.8, 0.85
SILVER_SIDE = 512  # px: read on a copy at most this long


def silvering(rgb: np.ndarray, tolerance: float = 0.035) -> float:
    """How surely a black-and-white print carries silvering (a bluish sheen over its dark areas, strongest toward
    the edges), 0..1; 0 for a grey print without it and for a colour photo. `rgb`: (H, W, 3) float [0, 1];
    `tolerance` as is_greyscale()'s. See SILVER_* for the reading."""
    h, w = rgb.shape[:2]
    k = min(1.0, SILVER_SIDE / max(h, w))
    small = rgb.astype(np.float32) if k == 1.0 else cv2.resize(
        rgb.astype(np.float32), (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA)
    lab = rgb_to_lab(small)
    spread = chroma_spread(small)
    off = spread >= tolerance * 100
    if off.mean() < 0.02:
        return 0.0  # grey as it is
    b = cv2.GaussianBlur(lab[..., 2].astype(np.float32), (0, 0), CHROMA_BLUR)
    dark = lab[..., 0] < SILVER_DARK
    sheen = off & dark & (b - np.median(b) <= -0.5 * spread)
    share = float(sheen.sum() / off.sum())
    if share < SILVER_SHARE or not dark.any():
        return 0.0
    sh, sw = small.shape[:2]
    yy, xx = np.mgrid[0:sh, 0:sw]
    border = np.minimum.reduce([xx, yy, sw - 1 - xx, sh - 1 - yy]).astype(np.float32)
    edges = float(border[sheen].mean() / max(float(border[dark].mean()), 1e-6))
    if edges > SILVER_EDGES:
        return 0.0
    rest = lab.copy()  # the sheen fades out into the print: every dark, bluish pixel loses its stray chroma
    faint = dark & (b - np.median(b) <= -0.5 * spread)
    rest[faint, 1:] = np.median(lab[..., 1:][~off], axis=0) if (~off).any() else 0.0
    if not is_greyscale(lab_to_rgb(rest), tolerance):
        return 0.0
    return float(np.clip((share - SILVER_SHARE) / (1.0 - SILVER_SHARE) * 0.5 + 0.5, 0, 1)
                 * np.clip((SILVER_EDGES - edges) / 0.25 + 0.5, 0, 1))


# off_the_tone_curve(): measured on a copy at most OFF_CURVE_SIDE px long (never enlarged: a small JPEG's halved
# chroma would bleed over its edges), blurred by OFF_CURVE_BLUR px, in OFF_CURVE_BANDS bands of equal pixel count
# along L*, the chroma's distance from the band's own line (a*, b* against L*) over the lightness (L* OFF_CURVE_FLOOR
# at least: a scanner's colour noise in the blacks is no colour), its OFF_CURVE_QUANTILE percentile.
OFF_CURVE_SIDE, OFF_CURVE_BLUR, OFF_CURVE_BANDS, OFF_CURVE_FLOOR, OFF_CURVE_QUANTILE = 256, 2.0, 24, 15.0, 98
# Measured on bench/photo_dark_colour.py's tuning split (Dec 2026): the black-and-white prints the chroma spread
# calls grey read at most 0.068 (a selenium-toned grass), the dark colour photos it called grey 0.151-0.228: the bar
# lies between (geometric mean). A toned print strays off its curve on its cracks, dust and stains only, a lamp-lit
# colour photo all over: toned_monochrome() reads the 90th percentile, where the toned prints it names read at most
# 0.077 (bench/_photo_damage.py's aged tuning prints and this bench's) and the two real cracked prints of
# tests/photo/data 0.029 and 0.155, a lamp-lit coffee 0.285 (a fundus photo, orange all over, reads 0.05-0.13
# and stays « toned »): the bar lies between the real print and the coffee (geometric mean).
GREY_OFF_CURVE = 0.10  # is_greyscale(): a photo off its tone curve this much (OFF_CURVE_QUANTILE) is not grey...
TONED_OFF_CURVE, TONED_QUANTILE = 0.21, 90  # ...and toned_monochrome(): this much (its 90th percentile), not toned


def off_the_tone_curve(rgb: np.ndarray, quantile: float = OFF_CURVE_QUANTILE) -> float:
    """How far a photo's colour strays from one colour per lightness, relative to the lightness (0 .. about 1).

    `rgb`: (H, W, 3) float [0, 1]. A black-and-white print, toned or not (grey, sepia, yellowed, selenium, a
    cyanotype), has one a*, b* per L* (its tone curve); a colour photo's things differ in hue at one lightness. In
    the dark, a* and b* shrink with L* (a colour photo at night spreads its chroma 2-3 CIELAB units, a grey scan's
    noise as much), so the distance is read relative to L*, as CIE saturation is (C*/L*). Within each band of
    lightness the a*, b* line against L* is fitted (least squares) and each pixel's distance from it taken: see
    OFF_CURVE_* for the copy, the bands and the floor; `quantile` is the percentile of the pixels' distances returned.
    """
    h, w = rgb.shape[:2]
    k = min(1.0, OFF_CURVE_SIDE / max(h, w))
    small = rgb.astype(np.float32) if k == 1.0 else cv2.resize(
        rgb.astype(np.float32), (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA)
    lab = rgb_to_lab(cv2.GaussianBlur(small, (0, 0), OFF_CURVE_BLUR)).reshape(-1, 3).astype(np.float64)
    lightness = lab[:, 0]
    edges = np.percentile(lightness, np.linspace(0, 100, OFF_CURVE_BANDS + 1))
    band = np.clip(np.searchsorted(edges, lightness, side="right") - 1, 0, OFF_CURVE_BANDS - 1)
    distance = np.zeros(len(lightness))
    for b in range(OFF_CURVE_BANDS):
        inside = band == b
        if inside.sum() < 10:
            continue
        ab = lab[inside, 1:]
        x = np.stack([np.ones(inside.sum()), lightness[inside] - lightness[inside].mean()], axis=1)
        fit, *_ = np.linalg.lstsq(x, ab, rcond=None)
        distance[inside] = np.hypot(*(ab - x @ fit).T)
    return float(np.percentile(distance / np.maximum(lightness, OFF_CURVE_FLOOR), quantile))


ONE_HUE_CHROMA = 4.0  # toned_monochrome(): pixels with a chroma (a*, b*) above this carry a hue,
ONE_HUE_SPREAD = 12.0  # ...and 90 % of their hues lie within this many degrees of their mean hue,
ONE_HUE_BLUR = 1.5  # px (on the 512 px copy): the a*, b* smoothing the hues are read on
# ...and that mean hue (degrees from +a*, CIELAB) names the tone: warm (sepia, gold, a yellowed print: red-brown to
# yellow), selenium (purple-brown: its b* a third of its a* or less) or a cyanotype (Prussian blue: b* far below 0,
# a* near 0). Measured on bench/photo_dark_colour.py's tuning prints: sepia 79-84, yellowed 75-90, warm-toned 80-82,
# selenium 11-18, cyanotypes -93 to -80.
# A cyanotype's Prussian blue lies outside sRGB in its shadows: a scan clips it, and its hue turns with the lightness
# (still one a*, b* per L*: off_the_tone_curve() 0.02-0.09 on the tuning cyanotypes), so 90 % of its hues lie within
# 11-27 degrees of their mean where a sepia print's lie within 12: each tone has its own spread (last figure).
TONE_HUES = (("warm", 20.0, 120.0, ONE_HUE_SPREAD), ("selenium", -10.0, 20.0, ONE_HUE_SPREAD),
             ("cyanotype", -135.0, -60.0, 30.0))


TONE_CURVE_SPREAD = 0.15  # tint_off_the_tone_curve() over this: the chroma varies at one lightness, a colour photo


def tint_off_the_tone_curve(rgb: np.ndarray) -> float:
    """How much the chroma varies among pixels of one lightness, relative to the mean chroma (0 .. about 1).

    `rgb`: (H, W, 3) float [0, 1]. A black-and-white print under a tone (sepia, yellowing) has a chroma set by its
    lightness alone (the tone curve): 0.01-0.03 for yellowed scikit-image photos, 0.04-0.17 with stains and grain,
    0.08-0.12 for the two real cracked prints of tests/photo/data. A colour photo of one warm hue (a ginger cat, a
    cup of coffee) under a yellow cast passes toned_monochrome()'s one-hue test, but its fur and its background
    differ in chroma at one lightness: 0.16-0.25 under a cast, 0.2-0.8 clean. Measured on a 256 px copy blurred by
    1 px, in 12 lightness bands: the pooled standard deviation of the chroma within bands over its mean.
    """
    h, w = rgb.shape[:2]
    k = 256 / max(h, w)
    small = cv2.resize(rgb.astype(np.float32), (max(1, round(w * k)), max(1, round(h * k))),
                       interpolation=cv2.INTER_AREA)
    lab = rgb_to_lab(cv2.GaussianBlur(small, (0, 0), 1.0))
    lightness, chroma = lab[..., 0].ravel(), np.hypot(lab[..., 1], lab[..., 2]).ravel()
    bands = np.clip((lightness / 100 * 12).astype(int), 0, 11)
    spread = [(chroma[bands == b].var(), (bands == b).sum()) for b in range(12) if (bands == b).sum() > 20]
    if not spread or chroma.mean() < 1e-3:
        return 0.0
    pooled = sum(v * n for v, n in spread) / sum(n for _, n in spread)
    return float(np.sqrt(pooled) / chroma.mean())


def toned_monochrome(rgb: np.ndarray) -> bool:
    """True for a black-and-white picture under one tone (monochrome_tone() names it)."""
    return monochrome_tone(rgb) is not None


def monochrome_tone(rgb: np.ndarray) -> str | None:
    """The tone of a black-and-white picture under one tone, from TONE_HUES ("warm": a sepia or gold toned print, a
    yellowed one; "selenium"; "cyanotype"), else None (a colour photo, or a grey one: is_greyscale()).

    `rgb`: (H, W, 3) float [0, 1]. The chroma of such a print is one hue family (its a*, b* point the
    same way, only their length follows the tone), where a colour photo's hues vary: on the two real
    cracked prints of tests/photo/data 90 % of the hues lie within 5-9 degrees of their mean, on
    sepia-toned scikit-image photos within 0.7-1.8, on the colour photos (coffee, cat, astronaut,
    rocket) 19-110. Photos that are grey (is_greyscale) are not toned.
    """
    h, w = rgb.shape[:2]
    if max(h, w) > 512:
        k = 512 / max(h, w)
        rgb = cv2.resize(rgb, (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA)
    if is_greyscale(rgb):
        return None
    lab = rgb_to_lab(rgb)
    # a scan's colour grain (each channel its own noise) scatters a toned print's hue pixel by pixel: the hues are
    # read on a* and b* smoothed over ONE_HUE_BLUR px, where a toned print's one hue stays and a colour photo's
    # hues, which change from one thing to the next, still differ (a grainy sepia scan: 90 % of its hues within
    # 14.8 degrees of their mean, 9.4 smoothed; colour photos of tests/photo 19.7-137 smoothed)
    a = cv2.GaussianBlur(lab[..., 1], (0, 0), ONE_HUE_BLUR).ravel()
    b = cv2.GaussianBlur(lab[..., 2], (0, 0), ONE_HUE_BLUR).ravel()
    hued = np.hypot(a, b) > ONE_HUE_CHROMA
    if hued.mean() < 0.5:  # mostly grey with a few coloured things: a colour photo of grey things
        return None
    hue = np.arctan2(b[hued], a[hued])
    mean = float(np.angle(np.mean(np.exp(1j * hue))))
    spread = np.degrees(np.abs((hue - mean + np.pi) % (2 * np.pi) - np.pi))
    names = [(name, bar) for name, low, high, bar in TONE_HUES if low <= np.degrees(mean) <= high]
    if not names or np.percentile(spread, 90) > names[0][1]:
        return None
    # a colour photo under a lamp's warm light (or a blue hour's) is one hue too, but its things differ at one
    # lightness
    return names[0][0] if off_the_tone_curve(rgb, TONED_QUANTILE) < TONED_OFF_CURVE else None
