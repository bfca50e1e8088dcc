"""Dark colour photos against black-and-white prints: `python -m bench.photo_dark_colour [--quick]`.

The page names a photo's kind from imaging.is_greyscale (« Noir et blanc ») and imaging.toned_monochrome (« viré
(sépia) » or « jauni »), and a colour photo is neither. A colour photo taken at night, low-key or in a lamp-lit room
carries its colours at a low lightness, where CIELAB's a* and b* shrink with L*: it was read as black and white,
and the patron offered colourising. This bench draws both sides from packaged photos (bench/_photo_damage.py):

- colour (must be named « En couleurs »): a colour photo in linear light underexposed to 1.5-35 % (half of them),
  or low-key (a tone curve y ** 1.4-3.0 that sinks the mid-tones), under a lamp's warm white balance or not,
  desaturated to 25-80 % on half of them, with a sensor's colour noise (0.3-3 / 255) and a JPEG (quality 60-92);
- black and white (must be named « Noir et blanc », « viré » or « jauni »): the luma of any photo, printed grey,
  sepia, warm-toned (the tone in the mid-tones), yellowed (the tint in the whites too), selenium (purple-brown) or
  as a cyanotype (Prussian blue to white), made dark on a third of them (the same underexposure), scanned in colour
  (each channel its own noise, 0.3-3 / 255) and saved as a JPEG.

Splits, fixed before any tuning: the photos of bench/_photo_damage.TUNING are tuned on; those of HELD_OUT and
FRESH_PHOTOS are measured only. Each photo gives DRAWS cases per side (colour photos only on the colour side).

Printed: per case its verdict (grey, toned, colour) and a summary per split and kind.

Measured (Dec 2026). Colour photos named « En couleurs », before -> after imaging.off_the_tone_curve(): tuning 16 ->
20 of 24 (left: a fundus photo, orange all over, « viré » four times), held-out 22 -> 26 of 28 (left: a lamp-lit,
desaturated chelsea now « viré » instead of grey, a dark hubble_deep_field grey: its colour lies in a few galaxies).
No black-and-white print changed its name. Named as prints, before and after alike: grey 7/7 and 4/4, sepia 9/11 and
8/10 (dark ones « En couleurs »), yellowed 6/6 and 8/8, warm-toned 5/5 and 13/14, selenium 4/9 and 8/11, cyanotype
0/6 and 1/5 (toned_monochrome() names warm tones only): these are still named colour photos.

Cool-lit colour photos ("cool": blue hour, shade) added (Dec 2026) before cyanotypes and selenium prints were named
(imaging.TONE_HUES, imaging.monochrome_tone); a cyanotype now counts as named right only when named a cyanotype.
Before -> after, tuning: cyanotype 0 -> 6 of 6, selenium 4 -> 8 of 9, cool colour 20 -> 20 of 24 (left: the orange
fundus named warm, as with the other colour draws), every other kind unchanged; held-out: cyanotype 0 (1 named
« viré ») -> 4 of 5 (left: a cyanotype underexposed to 2 %, named grey), selenium 8 -> 9 of 11 (left: two grace_hopper
prints, colour), cool colour 28 -> 28 of 28, every other kind unchanged. On bench/photo.py's 142 aged and clean photos
no name changed.
"""
from __future__ import annotations

import sys

import cv2
import numpy as np

from bench._photo_damage import FRESH_PHOTOS, HELD_OUT, TUNING, case_seed, packaged_photo

DRAWS = 4
GREY_KINDS = ("grey", "sepia", "warm", "yellowed", "selenium", "cyanotype")


def _linear(rgb: np.ndarray) -> np.ndarray:
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _display(lin: np.ndarray) -> np.ndarray:
    lin = np.clip(lin, 0, 1)
    return np.where(lin <= 0.0031308, lin * 12.92, 1.055 * lin ** (1 / 2.4) - 0.055)


def _scanned(rgb: np.ndarray, rng) -> np.ndarray:
    """Each channel its own noise, then a JPEG (4:2:0 chroma, as cameras and scanners save)."""
    out = np.clip(rgb + rng.normal(0, rng.uniform(0.3, 3.0) / 255, rgb.shape), 0, 1)
    u8 = cv2.cvtColor((out * 255 + 0.5).astype(np.uint8), cv2.COLOR_RGB2BGR)
    ok, data = cv2.imencode(".jpg", u8, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(60, 93))])
    return cv2.cvtColor(cv2.imdecode(data, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB).astype(np.float32) / 255


def _darken(rgb: np.ndarray, rng, params: dict) -> np.ndarray:
    """Underexposed (linear light times 0.015-0.35) or low-key (display tone curve y ** 1.4-3.0)."""
    if rng.random() < 0.5:
        params["exposure"] = float(np.exp(rng.uniform(np.log(0.015), np.log(0.35))))
        return _display(_linear(rgb) * params["exposure"])
    params["low_key"] = float(rng.uniform(1.4, 3.0))
    return rgb ** params["low_key"]


def dark_colour(rgb: np.ndarray, seed: int) -> tuple[np.ndarray, dict]:
    """A colour photo `rgb` (H, W, 3) [0, 1] taken in the dark, drawn from `seed`: (photo float32, its params)."""
    rng = np.random.default_rng(seed)
    p: dict = {}
    lin = _linear(rgb.astype(np.float64))
    if rng.random() < 0.5:  # a lamp's warm light: blue and green fall against red (tungsten, candle)
        p["lamp"] = [1.0, float(rng.uniform(0.6, 0.85)), float(rng.uniform(0.25, 0.6))]
        lin = lin * np.array(p["lamp"])
    if rng.random() < 0.5:
        p["saturation"] = float(rng.uniform(0.25, 0.8))
        y = lin @ np.array([0.2126, 0.7152, 0.0722])
        lin = y[..., None] + p["saturation"] * (lin - y[..., None])
    out = _darken(_display(lin), rng, p)
    return _scanned(out, rng), p


def cool_colour(rgb: np.ndarray, seed: int) -> tuple[np.ndarray, dict]:
    """A colour photo `rgb` under a cool light, drawn from `seed`: (photo float32, its params).

    Blue hour, shade or a daylight white balance under a snowy sky: red and green fall against blue (0.35-0.8 and
    0.6-0.95 of it in linear light), desaturated to 25-80 % on half of them, dark on a third. Such a photo is one blue
    hue where a cyanotype is: added (Dec 2026, before a cyanotype was told from a colour photo) so that telling them
    apart is measured on both sides."""
    rng = np.random.default_rng(seed)
    p: dict = {"cool": [float(rng.uniform(0.35, 0.8)), float(rng.uniform(0.6, 0.95)), 1.0]}
    p["cool"][1] = max(p["cool"][1], p["cool"][0])
    lin = _linear(rgb.astype(np.float64)) * np.array(p["cool"])
    if rng.random() < 0.5:
        p["saturation"] = float(rng.uniform(0.25, 0.8))
        y = lin @ np.array([0.2126, 0.7152, 0.0722])
        lin = y[..., None] + p["saturation"] * (lin - y[..., None])
    out = _display(lin)
    if rng.random() < 1 / 3:
        out = _darken(out, rng, p)
    return _scanned(out, rng), p


def black_and_white(rgb: np.ndarray, seed: int) -> tuple[np.ndarray, dict]:
    """The luma of `rgb` printed as one of GREY_KINDS, dark on a third of the draws, scanned in colour."""
    from pipelines.photo.imaging import lab_to_rgb, rgb_to_lab

    rng = np.random.default_rng(seed)
    kind = str(rng.choice(GREY_KINDS))
    p: dict = {"kind": kind}
    y = (rgb @ np.array([0.299, 0.587, 0.114], np.float32)).astype(np.float32)
    if rng.random() < 1 / 3:
        y = _darken(np.repeat(y[..., None], 3, 2), rng, p)[..., 0].astype(np.float32)
    if kind == "grey":
        out = np.repeat(y[..., None], 3, 2)
    elif kind == "sepia":  # bench/_photo_damage.age's sepia: the tint in proportion to the lightness
        a = rng.uniform(0.04, 0.16)
        out = np.stack([y * (1 + a), y, y * (1 - 1.6 * a)], -1)
    elif kind == "yellowed":  # the paper yellowed: the whites carry the tint as much as the mid-tones
        a = rng.uniform(0.04, 0.16)
        out = np.repeat(y[..., None], 3, 2) * np.array([1.0, 1.0 - a * 0.3, 1.0 - a], np.float32) + \
            np.array([a * 0.4, a * 0.2, 0.0], np.float32)
    else:
        lab = rgb_to_lab(np.repeat(y[..., None], 3, 2))
        mids = np.sin(np.pi * np.clip(lab[..., 0] / 100, 0, 1))  # toning colours the silver, not the paper
        if kind == "warm":
            chroma = rng.uniform(8, 26)
            lab[..., 1], lab[..., 2] = 0.15 * chroma * mids, chroma * mids
        elif kind == "selenium":  # purple-brown
            chroma = rng.uniform(4, 12)
            lab[..., 1], lab[..., 2] = chroma * mids, 0.3 * chroma * mids
        else:  # cyanotype: Prussian blue in the shadows to the paper's white
            dark = 1 - np.clip(lab[..., 0] / 100, 0, 1)
            chroma = rng.uniform(25, 45)
            lab[..., 1], lab[..., 2] = -0.1 * chroma * dark, -chroma * dark
        p["chroma"] = float(chroma)
        out = lab_to_rgb(lab)
    return _scanned(np.clip(out, 0, 1).astype(np.float32), rng), p


def verdict(rgb: np.ndarray) -> str:
    """What the page names the photo: grey, a tone of imaging.TONE_HUES (warm, selenium, cyanotype) or colour (as
    analysis.analyse reads a photo with no card)."""
    from pipelines.photo.imaging import is_greyscale, monochrome_tone

    return "grey" if is_greyscale(rgb) else monochrome_tone(rgb) or "colour"


def colour_photo(name: str) -> bool:
    rgb = packaged_photo(name)
    return float(np.abs(rgb - rgb.mean(axis=2, keepdims=True)).max()) > 0.05


def cases(names, draws: int = DRAWS):
    """(side, name, params, photo) of the split's photos: each colour photo dark-coloured, each photo B&W."""
    for name in names:
        rgb = packaged_photo(name)
        for draw in range(draws):
            if colour_photo(name):
                photo, p = dark_colour(rgb, case_seed(name, 500 + draw))
                yield "colour", name, p, photo
                photo, p = cool_colour(rgb, case_seed(name, 700 + draw))
                yield "cool", name, p, photo
            photo, p = black_and_white(rgb, case_seed(name, 600 + draw))
            yield "bw", name, p, photo


def main() -> None:
    draws = 2 if "--quick" in sys.argv else DRAWS
    totals = {}
    for split, names in (("tuning", TUNING), ("held-out", HELD_OUT + FRESH_PHOTOS)):
        for side, name, p, photo in cases(names, draws):
            said = verdict(photo)
            right = said == "colour" if side in ("colour", "cool") else (
                said == "cyanotype" if p["kind"] == "cyanotype" else said not in ("colour", "cyanotype"))
            kind = side if side in ("colour", "cool") else p["kind"]
            got = totals.setdefault((split, kind), [0, 0])
            got[0] += right
            got[1] += 1
            shown = {k: (round(v, 2) if isinstance(v, float) else v) for k, v in p.items()}
            print(f"{split:9s} {side:6s} {name:22s} {said:7s} {'ok' if right else 'WRONG'}  {shown}", flush=True)
    for split in ("tuning", "held-out"):
        parts = [f"{kind} {r}/{n}" for (s, kind), (r, n) in sorted(totals.items()) if s == split]
        print(f"{split:9s} named right: " + ", ".join(parts))


if __name__ == "__main__":
    main()
