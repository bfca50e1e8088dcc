"""Tone readings that hold: the same picture across codecs, faded instant prints, magenta-shifted prints, silvering.

Four parts, each on a tuning split and a held-out split fixed before any tuning (pictures and seeds split by a
hash of their name and seed, split_of()):

- codecs: each picture (packaged photos and synthetic drawings, faded and noisy as a tester's drawing was) saved
  as PNG, JPEG q50/q75/q95 (4:2:0 chroma), JPEG q90 4:4:4, WebP q80, HEIC q80 (when pillow-heif writes it) and
  GIF (a 256-colour palette) and read back; the page's two chips (kind: « En couleurs » / « Noir et blanc »...,
  contrast: « Pâlie », « Bien contrastée »...) read on each. A picture flips when its encodings do not all give
  the same chips; the share of pictures that flip and of encodings that differ from the PNG's verdict.
- casts: a faded instant print (blacks lifted to a mid-grey, a cyan or yellow-green cast over the whole print and
  its white frame, little saturation left) and a 1970s colour print whose green channel was lowered everywhere
  (whites included: magenta), saved as a JPEG; whether the default restore ticks the tone step, the cast left
  (|mean a*, b*| off the truth's), mean CIEDE2000 and the frame's chroma after.
- do-no-harm: clean packaged photos as they are, warm-lit and cool-lit, and wanted tints (a sepia-toned print, a
  sunset, candlelight): the tone step must not be ticked, nor the photo changed by the default.
- silvering: a black-and-white print whose dark areas took a bluish metallic sheen, strongest toward the edges:
  it must read as black and white (not « En couleurs »).

    python -m bench.photo_tone_kinds [--quick] [--part=codecs,casts,harm,silver]
"""
from __future__ import annotations

import hashlib
import io
import sys

import cv2
import numpy as np
from PIL import Image
from skimage.color import deltaE_ciede2000

from bench._photo_damage import default_restore, packaged_photo
from pipelines.photo import analysis
from pipelines.photo.chain import unchanged
from pipelines.photo.imaging import lab_to_rgb, rgb_to_lab

SIDE = 384  # pictures are measured at most this long: the readings are per pixel, the bench stays quick
PHOTOS = ("astronaut", "camera", "coffee", "coins", "grass", "moon", "page", "rocket", "retina", "motorcycle_left",
          "motorcycle_right", "grace_hopper", "chelsea", "brick", "cell", "clock", "gravel", "hubble_deep_field",
          "immunohistochemistry", "text", "china", "flower")


def split_of(name: str, seed: int) -> str:
    """'tuning' or 'held-out', from a hash of the case's name and seed (fixed before any tuning)."""
    return "tuning" if hashlib.sha1(f"{name}#{seed}".encode()).digest()[0] % 2 == 0 else "held-out"


def small(rgb: np.ndarray, side: int = SIDE) -> np.ndarray:
    h, w = rgb.shape[:2]
    if max(h, w) <= side:
        return rgb.astype(np.float32)
    k = side / max(h, w)
    return cv2.resize(rgb, (round(w * k), round(h * k)), interpolation=cv2.INTER_AREA).astype(np.float32)


def photo(name: str) -> np.ndarray:
    return small(packaged_photo(name))


# -- codecs -----------------------------------------------------------------------------------------------------------

def drawing(seed: int) -> np.ndarray:
    """A synthetic flat drawing (plain shapes on a plain ground, colour or grey), float32 RGB [0, 1], 320x384."""
    rng = np.random.default_rng(seed)
    h, w = 320, 384
    grey = rng.random() < 0.35
    ground = rng.uniform(0.75, 0.98, 3) if not grey else np.full(3, rng.uniform(0.75, 0.98))
    img = np.ones((h, w, 3), np.float32) * ground.astype(np.float32)
    for _ in range(int(rng.integers(5, 12))):
        colour = tuple(float(v) for v in (rng.uniform(0.0, 1.0, 3) if not grey else np.full(3, rng.uniform(0, 1))))
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        r = int(rng.integers(15, 80))
        if rng.random() < 0.5:
            cv2.circle(img, (x, y), r, colour, -1, cv2.LINE_AA)
        else:
            cv2.rectangle(img, (x - r, y - r // 2), (x + r, y + r // 2), colour, -1, cv2.LINE_AA)
    for _ in range(int(rng.integers(2, 6))):  # a few drawn lines, black
        p = [(int(rng.integers(0, w)), int(rng.integers(0, h))) for _ in range(2)]
        cv2.line(img, p[0], p[1], (0.02, 0.02, 0.02), int(rng.integers(2, 5)), cv2.LINE_AA)
    return img


def codec_case(name: str, seed: int) -> np.ndarray:
    """The picture of a codec case: a drawing (name 'drawing') or a packaged photo, given a veil (0.1-0.3) and
    added noise (2-10 levels of 255, independent per pixel and channel) drawn from `seed`; one photo case in three
    is kept clean."""
    rng = np.random.default_rng(seed * 13 + 5)
    rgb = drawing(seed) if name == "drawing" else photo(name)
    if name != "drawing" and rng.random() < 0.33:
        return rgb
    fade = rng.uniform(0.1, 0.3)
    rgb = (1 - fade) * rgb + fade * 0.5
    noise = rng.normal(0, rng.uniform(2, 10) / 255, rgb.shape).astype(np.float32)
    return np.clip(rgb + noise, 0, 1).astype(np.float32)


def _u8(rgb: np.ndarray) -> np.ndarray:
    return np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8)


def _heif_writer() -> bool:
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
        Image.new("RGB", (16, 16)).save(io.BytesIO(), format="HEIF", quality=80)
        return True
    except Exception:  # noqa: BLE001 - no HEIF encoder here: the encoding is left out
        return False


HEIF = _heif_writer()
ENCODINGS = ("png", "jpeg50", "jpeg75", "jpeg95", "jpeg90-444", "webp80", "gif") + (("heic80",) if HEIF else ())


def encoded(rgb: np.ndarray, how: str) -> np.ndarray:
    """`rgb` saved as `how` (ENCODINGS) and read back, float32 RGB [0, 1]."""
    image, buffer = Image.fromarray(_u8(rgb)), io.BytesIO()
    if how == "png":
        image.save(buffer, format="PNG")
    elif how.startswith("jpeg"):
        quality = int(how[4:6])
        image.save(buffer, format="JPEG", quality=quality, subsampling=0 if how.endswith("444") else 2)
    elif how == "webp80":
        image.save(buffer, format="WEBP", quality=80)
    elif how == "heic80":
        image.save(buffer, format="HEIF", quality=80)
    elif how == "gif":
        image.convert("P", palette=Image.Palette.ADAPTIVE, colors=256).save(buffer, format="GIF")
    buffer.seek(0)
    return np.asarray(Image.open(buffer).convert("RGB")).astype(np.float32) / 255.0


def verdict(rgb: np.ndarray) -> tuple[str, str, dict]:
    """(kind chip key, contrast chip key, the analysis as a dict) the page shows for `rgb`."""
    from ui.photos import contrast_chip, kind_chip

    found, _ = analysis.analyse(rgb)
    info = found.to_json()
    return kind_chip(info), contrast_chip(info)[0], info


CODEC_CASES = tuple(("drawing", seed) for seed in range(101, 125)) + tuple((name, 7) for name in PHOTOS)


def codecs(label: str, cases) -> tuple[int, int, int, int]:
    """Prints each case's verdicts; returns (pictures that flip, pictures, encodings off the PNG's, encodings)."""
    print(f"\ncodecs, {label}: {len(cases)} pictures x {len(ENCODINGS)} encodings ({', '.join(ENCODINGS)})")
    flips = pictures = off = total = 0
    for name, seed in cases:
        rgb = codec_case(name, seed)
        seen = {how: verdict(encoded(rgb, how)) for how in ENCODINGS}
        chips = {how: (v[0].rsplit(".", 1)[-1], v[1].rsplit(".", 1)[-1]) for how, v in seen.items()}
        flips += len(set(chips.values())) > 1
        pictures += 1
        off += sum(c != chips["png"] for c in chips.values())
        total += len(chips)
        readings = " ".join(f"{how}:{c[0][:6]}/{c[1][:10]}/f{seen[how][2]['fading']:.2f}"
                            for how, c in chips.items())
        flip = "FLIP" if len(set(chips.values())) > 1 else "    "
        print(f"{name + ' #' + str(seed):24} {flip} {readings}", flush=True)
    print(f"codecs {label}: verdict flips on {flips}/{pictures} pictures; {off}/{total} encodings differ from the "
          "PNG's")
    return flips, pictures, off, total


# -- casts: faded instant prints and magenta-shifted prints ----------------------------------------------------------

def instant_print(truth: np.ndarray, seed: int) -> np.ndarray:
    """A faded instant print: every tone squeezed between lifted blacks (0.3-0.45) and a dulled white, saturation
    halved, a cyan or yellow-green cast over the whole print and its frame. `truth` framed or not, float RGB."""
    rng = np.random.default_rng(seed * 31 + 1)
    grey = truth.mean(axis=2, keepdims=True)
    out = grey + rng.uniform(0.35, 0.6) * (truth - grey)  # saturation lost
    black, white = rng.uniform(0.28, 0.45), rng.uniform(0.88, 0.97)
    out = black + (white - black) * out
    cast = np.array([0.86, 0.98, 1.0]) if rng.random() < 0.5 else np.array([0.94, 1.0, 0.80])  # cyan / yellow-green
    cast = 1 - (1 - cast) * rng.uniform(0.7, 1.2)
    return np.clip(out * cast.astype(np.float32), 0, 1).astype(np.float32)


def magenta_print(truth: np.ndarray, seed: int) -> np.ndarray:
    """A 1970s colour print gone magenta: the green channel lowered by 12-25 % everywhere (whites included), a slight
    veil (blacks lifted 0.03-0.08)."""
    rng = np.random.default_rng(seed * 37 + 2)
    keep = np.array([1.0, 1.0 - rng.uniform(0.12, 0.25), rng.uniform(0.95, 1.0)], np.float32)
    lift = rng.uniform(0.03, 0.08)
    return np.clip((lift + (1 - lift) * truth) * keep, 0, 1).astype(np.float32)


def jpeg(rgb: np.ndarray, quality: int = 90) -> np.ndarray:
    return encoded(rgb, f"jpeg{quality}") if quality in (50, 75, 95) else _jpeg(rgb, quality)


def _jpeg(rgb: np.ndarray, quality: int) -> np.ndarray:
    buffer = io.BytesIO()
    Image.fromarray(_u8(rgb)).save(buffer, format="JPEG", quality=quality)
    buffer.seek(0)
    return np.asarray(Image.open(buffer).convert("RGB")).astype(np.float32) / 255.0


def frame_of(rgb: np.ndarray, side: int) -> np.ndarray:
    """The (N, 3) pixels of a `side`-wide border (the foot twice as wide), its inner third left out."""
    h, w = rgb.shape[:2]
    k = max(1, side * 2 // 3)
    mask = np.zeros((h, w), bool)
    mask[:k], mask[h - 2 * k:], mask[:, :k], mask[:, w - k:] = True, True, True, True
    return rgb[mask]


def cast_case(kind: str, name: str, seed: int) -> tuple[np.ndarray, np.ndarray, int]:
    """(the truth, the aged scan, the frame's side in px or 0) of a cast case."""
    from bench._photo_damage import framed

    rng = np.random.default_rng(seed * 1000 + int(hashlib.sha1(name.encode()).hexdigest()[:4], 16))
    truth = photo(name)
    side = 0
    if kind == "instant" or rng.random() < 0.3:
        frame = float(rng.uniform(0.05, 0.09))
        side = round(frame * min(truth.shape[:2]))
        truth = framed(truth, frame, paper=0.96)
    own = seed * 1000 + int(hashlib.sha1(name.encode()).hexdigest()[:4], 16)  # each photo its own draw
    aged = instant_print(truth, own) if kind == "instant" else magenta_print(truth, own)
    return truth, _jpeg(aged, 90), side


CAST_CASES = tuple((kind, name, seed) for kind, seeds in (("instant", (41,)), ("magenta", (43,)))
                   for name in PHOTOS for seed in seeds)


def lab_cast(out: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    a, b = rgb_to_lab(out), rgb_to_lab(truth)
    return (float(deltaE_ciede2000(a, b).mean()),
            float(np.hypot(*(a[..., 1:].mean(axis=(0, 1)) - b[..., 1:].mean(axis=(0, 1))))))


def frame_chroma(rgb: np.ndarray, side: int) -> float:
    if side <= 0:
        return float("nan")
    lab = rgb_to_lab(frame_of(rgb, side)[None])
    return float(np.hypot(*lab[0, :, 1:].mean(axis=0)))


def restored(rgb: np.ndarray) -> tuple[np.ndarray, list[str], dict]:
    """default_restore's picture and steps, and the analysis as the page reads it (Analysis.to_json)."""
    out, steps, found, _ = default_restore(rgb)
    return out, steps, found.to_json()


def casts(label: str, cases) -> None:
    print(f"\ncasts, {label}: {len(cases)} cases")
    rows = []
    for kind, name, seed in cases:
        truth, aged, side = cast_case(kind, name, seed)
        out, steps, info = restored(aged)
        before, after = lab_cast(aged, truth), lab_cast(out, truth)
        rows.append({"kind": kind, "tone": "tone" in steps, "same": unchanged(aged, out), "before": before,
                     "after": after, "frame": (frame_chroma(aged, side), frame_chroma(out, side))})
        print(f"{kind:8} {name + ' #' + str(seed):26} {','.join(steps):22} "
              f"dE/cast {before[0]:5.1f}/{before[1]:4.1f} -> "
              f"{after[0]:5.1f}/{after[1]:4.1f}  frame C* {rows[-1]['frame'][0]:5.1f} -> {rows[-1]['frame'][1]:5.1f}"
              f"{'  UNCHANGED' if rows[-1]['same'] else ''}  [fading {info['fading']:.2f} dye {info['dye_faded']:.2f}"
              f" yellow {info['yellowing']:.1f}]", flush=True)
    for kind in ("instant", "magenta"):
        these = [r for r in rows if r["kind"] == kind]
        if not these:
            continue
        med = lambda key, i: float(np.median([r[key][i] for r in these]))  # noqa: E731
        framed_rows = [r for r in these if not np.isnan(r["frame"][0])]
        frame = (f", frame C* {np.median([r['frame'][0] for r in framed_rows]):.1f} -> "
                 f"{np.median([r['frame'][1] for r in framed_rows]):.1f} ({len(framed_rows)} framed)"
                 if framed_rows else "")
        print(f"casts {label} {kind}: tone ticked {sum(r['tone'] for r in these)}/{len(these)}, unchanged "
              f"{sum(r['same'] for r in these)}/{len(these)}; ΔE {med('before', 0):.1f} -> {med('after', 0):.1f}, "
              f"cast {med('before', 1):.1f} -> {med('after', 1):.1f}{frame}")


# -- do-no-harm: clean photos, warm- and cool-lit, wanted tints -----------------------------------------------------

def lit(rgb: np.ndarray, light: str) -> np.ndarray:
    """`rgb` as lit by a warm (tungsten-like, about 3200 K on a daylight balance) or a cool (shade, about 8000 K)
    light: each channel scaled, brightness kept about the same."""
    gains = {"warm": (1.0, 0.86, 0.66), "cool": (0.84, 0.93, 1.0), "plain": (1.0, 1.0, 1.0)}[light]
    return np.clip(rgb * np.asarray(gains, np.float32), 0, 1).astype(np.float32)


def sepia(rgb: np.ndarray) -> np.ndarray:
    """A black-and-white print toned sepia (warm browns in the mid-tones, cream whites, brown-black blacks)."""
    y = rgb @ np.array([0.299, 0.587, 0.114], np.float32)
    lab = np.zeros(rgb.shape, np.float32)
    lab[..., 0] = y * 100
    lab[..., 1] = 8 * np.sin(np.pi * y)
    lab[..., 2] = 22 * np.sin(np.pi * y) + 4 * y
    return np.clip(lab_to_rgb(lab), 0, 1).astype(np.float32)


def sunset(seed: int) -> np.ndarray:
    """A sunset: an orange-to-violet sky, a low bright sun, a dark land with a few silhouettes."""
    rng = np.random.default_rng(seed)
    h, w = 288, 384
    t = np.linspace(0, 1, h)[:, None, None]
    top, low = np.array([0.35, 0.25, 0.55]), np.array([1.0, 0.55, 0.15])
    sky = np.broadcast_to(top * (1 - t) + low * t, (h, w, 3)).astype(np.float32).copy()
    horizon = int(h * rng.uniform(0.6, 0.75))
    cv2.circle(sky, (int(rng.integers(60, w - 60)), horizon - 10), int(rng.integers(14, 26)), (1.0, 0.9, 0.6), -1,
               cv2.LINE_AA)
    sky[horizon:] = (0.08, 0.05, 0.06)
    for _ in range(int(rng.integers(2, 5))):
        x = int(rng.integers(0, w))
        cv2.rectangle(sky, (x, horizon - int(rng.integers(20, 70))), (x + int(rng.integers(8, 30)), horizon),
                      (0.06, 0.04, 0.05), -1)
    noise = rng.normal(0, 1.5 / 255, sky.shape).astype(np.float32)
    return np.clip(sky + noise, 0, 1).astype(np.float32)


def candlelight(rgb: np.ndarray) -> np.ndarray:
    """A scene lit by a candle: very warm (about 1900 K), dimmer toward the edges."""
    h, w = rgb.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    fall = np.exp(-(((xx - w / 2) / w) ** 2 + ((yy - h / 2) / h) ** 2) * 3.0)[..., None]
    return np.clip(rgb * np.asarray((1.0, 0.72, 0.38), np.float32) * (0.45 + 0.55 * fall), 0, 1).astype(np.float32)


HARM_CASES = (tuple((f"{name}@{light}", 0) for name in PHOTOS for light in ("plain", "warm", "cool"))
              + tuple((f"{name}@sepia", 0) for name in ("camera", "astronaut", "coffee", "page", "grace_hopper",
                                                         "moon", "coins", "chelsea"))
              + tuple(("sunset", seed) for seed in (1, 2, 3, 4))
              + tuple((f"{name}@candle", 0) for name in ("coffee", "chelsea", "astronaut", "china")))


def harm_case(name: str, seed: int) -> np.ndarray:
    if name == "sunset":
        return sunset(seed)
    base, how = name.split("@")
    rgb = photo(base)
    if how == "sepia":
        return sepia(rgb)
    if how == "candle":
        return candlelight(rgb)
    return lit(rgb, how)


def no_harm(label: str, cases) -> None:
    print(f"\ndo-no-harm, {label}: {len(cases)} clean photos and wanted tints")
    ticked = changed = 0
    for name, seed in cases:
        rgb = _jpeg(harm_case(name, seed), 92)
        out, steps, info = restored(rgb)
        diff = float(np.abs(out - rgb).mean()) * 255
        ticked += "tone" in steps
        changed += "tone" in steps and diff > 2.0
        print(f"{name + ' #' + str(seed):26} {','.join(steps):22} mean change {diff:5.2f} levels"
              f"{'  TONE' if 'tone' in steps else ''}  [fading {info['fading']:.2f} dye {info['dye_faded']:.2f}"
              f" yellow {info['yellowing']:.1f}]", flush=True)
    print(f"do-no-harm {label}: tone ticked {ticked}/{len(cases)}, changed by it (> 2 levels) {changed}/{len(cases)}")


# -- silvering ------------------------------------------------------------------------------------------------------

def silvered(grey: np.ndarray, seed: int) -> np.ndarray:
    """A black-and-white print (`grey` RGB, channels equal) with silvering: a bluish metallic sheen over its dark
    areas, strongest toward the edges (0.04-0.12 bluer, a little lighter), a JPEG q90."""
    rng = np.random.default_rng(seed * 41 + 3)
    h, w = grey.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    edge = np.minimum.reduce([xx, yy, w - 1 - xx, h - 1 - yy]) / (0.5 * min(h, w))
    toward_edges = np.clip(1.0 - edge / rng.uniform(0.4, 0.8), 0, 1) ** 1.5
    dark = np.clip((0.55 - grey[..., 0]) / 0.4, 0, 1)
    blotch = cv2.GaussianBlur(rng.random((h, w)).astype(np.float32), (0, 0), min(h, w) / 25)
    blotch = np.clip((blotch - blotch.min()) / max(float(np.ptp(blotch)), 1e-6) * 1.6 - 0.3, 0, 1)
    sheen = (toward_edges * dark * (0.5 + 0.5 * blotch))[..., None]
    colour = np.array([0.55, 0.8, 1.0], np.float32) * rng.uniform(0.12, 0.25)  # lighter, bluish, metallic
    return _jpeg(np.clip(grey + sheen * colour, 0, 1).astype(np.float32), 90)


SILVER_CASES = tuple((name, seed) for name in ("camera", "astronaut", "coffee", "grace_hopper", "moon", "page",
                                               "coins", "chelsea", "rocket", "clock", "china", "text", "brick",
                                               "flower") for seed in (51, 52))


def silver(label: str, cases) -> None:
    print(f"\nsilvering, {label}: {len(cases)} black-and-white prints")
    grey_read = 0
    for name, seed in cases:
        rgb = photo(name)
        y = rgb @ np.array([0.299, 0.587, 0.114], np.float32)
        aged = silvered(np.repeat(y[..., None], 3, axis=2), seed)
        kind, contrast, info = verdict(aged)
        grey_read += kind != "photo.ui.colour"
        print(f"{name + ' #' + str(seed):22} {kind.rsplit('.', 1)[-1]:10} {contrast.rsplit('.', 1)[-1]:14}"
              f" silvering {info.get('silvering', 0.0):.2f}", flush=True)
    print(f"silvering {label}: read as black and white {grey_read}/{len(cases)}")


def halves(cases, key=lambda c: (c[0], c[1])):
    tuning = tuple(c for c in cases if split_of(*key(c)) == "tuning")
    return tuning, tuple(c for c in cases if split_of(*key(c)) != "tuning")


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    parts = next((a.split("=", 1)[1].split(",") for a in sys.argv if a.startswith("--part=")),
                 ["codecs", "casts", "harm", "silver"])
    step = 2 if quick else 1
    print(f"HEIF encoder: {'yes' if HEIF else 'no (left out)'}")
    if "codecs" in parts:
        for label, cases in zip(("tuning", "held-out"), halves(CODEC_CASES)):
            codecs(label, cases[::step])
    if "casts" in parts:
        for label, cases in zip(("tuning", "held-out"), halves(CAST_CASES, key=lambda c: (f"{c[0]}:{c[1]}", c[2]))):
            casts(label, cases[::step])
    if "harm" in parts:
        for label, cases in zip(("tuning", "held-out"), halves(HARM_CASES)):
            no_harm(label, cases[::step])
    if "silver" in parts:
        for label, cases in zip(("tuning", "held-out"), halves(SILVER_CASES)):
            silver(label, cases[::step])
