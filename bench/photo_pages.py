"""Pages of print or writing on old prints: how much of the lettering the damage search marks, and what it finds.

    python -m bench.photo_pages [--split tuning|held-out|both] [--out FILE]

A patron brings an old letter, a page of a family book, a school notebook's printed page photographed: rows and
rows of letters. Each case is a page drawn with Pillow (`page()`), 280-760 px wide (one in three under 440 px):
paper white, cream, yellowed or grey; 5 to 22 rows of French words (the studio's own French interface texts, so
accents, apostrophes and punctuation come as they come; frozen in bench/page_words.txt), one of the fonts of
assets/fonts at 7-11 px (small print,
one page in two) or 11-22 px; black, brown or blue-black ink; sometimes a title; sometimes lit unevenly (a page
photographed under a lamp); turned by up to 2 degrees. Then aged by bench/_photo_damage.py's generator: one page in
three aged as any print (`age()`: fading, tint, grain, blur, JPEG, and scratches, cracks, dust, hairs and paper
loss over it), one lightly (`light_ageing()`), one old and stained (`spotted()`: sepia, grain, JPEG, foxing, mould,
tide lines; no scratch or dust). The seeds of the two splits were fixed before the search was changed for pages
(TUNING_SEEDS, HELD_OUT_SEEDS); only the tuning split's cases are looked at when tuning.

Figures per case and per split: the share of the letters' own pixels the search marks (those no damage covers),
the share of the lettering's area it marks (the letters grown by 2 px: what the fill smears), the share of the
damage pixels it finds, and whether the analysis ticks « Réparer »; and the packaged pages (skimage's `page`, a
tuning photo, and `text`, a held-out one), clean and aged with the stains of bench/photo_spots.py.
"""
from __future__ import annotations

import argparse
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from bench._photo_damage import age, light_ageing, packaged_photo, spot_case, spotted
from pipelines.photo import repair

ROOT = Path(__file__).resolve().parent.parent
FONTS = ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf",
         "atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf",
         "atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf",
         "comic-neue/ComicNeue-Regular.ttf", "comic-neue/ComicNeue-Bold.ttf")
# white, cream, yellowed, grey
PAPERS = ((0.95, 0.95, 0.94), (0.93, 0.90, 0.82), (0.88, 0.80, 0.62), (0.80, 0.80, 0.79))
INKS = ((0.08, 0.08, 0.09), (0.30, 0.20, 0.12), (0.10, 0.12, 0.30))  # black, brown, blue-black
TUNING_SEEDS = tuple(range(0, 16))
HELD_OUT_SEEDS = tuple(range(500, 516))


@lru_cache(maxsize=1)
def _words() -> tuple[str, ...]:
    """French words as the studio writes them, in their order: every word of its French interface texts
    (assets/locales/fr) as they were when the splits were fixed, frozen in bench/page_words.txt (one per line), so
    that a page drawn from a seed stays the same page when the interface's texts change."""
    return tuple((ROOT / "bench" / "page_words.txt").read_text(encoding="utf-8").split("\n")[:-1])


def page(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A clean page of print drawn from `seed`: (H, W, 3) float32 [0, 1] and the letters' pixels (H, W) bool."""
    rng = np.random.default_rng(seed)
    # One page in three small (a whole page photographed or scanned small, as a phone or a web page gives it).
    w = int(rng.integers(280, 440)) if rng.random() < 1 / 3 else int(rng.integers(440, 760))
    h = int(w * rng.uniform(0.5, 1.2))
    paper = np.array(PAPERS[int(rng.integers(len(PAPERS)))]) + rng.normal(0, 0.01, 3)
    ink = np.array(INKS[int(rng.integers(len(INKS)))])
    # Small print one page in two (a book's body text scanned at 150-200 dpi: letters 7-11 px), else 11-22 px.
    size = int(rng.integers(7, 12)) if rng.random() < 0.5 else int(rng.integers(11, 23))
    face = ImageFont.truetype(str(ROOT / "assets" / "fonts" / FONTS[int(rng.integers(len(FONTS)))]), size)
    lead = size * float(rng.uniform(1.3, 1.8))
    margin = int(rng.uniform(0.05, 0.12) * w)
    layer = Image.new("L", (w, h))
    draw = ImageDraw.Draw(layer)
    words = _words()
    y = float(rng.uniform(0.04, 0.12) * h)
    if rng.random() < 0.4:  # a title, bigger
        title = ImageFont.truetype(face.path, int(size * rng.uniform(1.5, 2.2)))
        draw.text((margin, y), " ".join(words[int(i)] for i in rng.integers(len(words), size=3)), font=title, fill=255)
        y += title.size * 1.8
    rows = 0
    while y + size < h - margin and rows < 22:
        line, x = [], 0.0
        while True:
            word = words[int(rng.integers(len(words)))]
            x += draw.textlength(word + " ", font=face)
            if x > w - 2 * margin:
                break
            line.append(word)
        last = rows > 2 and rng.random() < 0.15  # a paragraph's last, short row
        draw.text((margin, y), " ".join(line[:max(1, len(line) // 2)] if last else line), font=face, fill=255)
        y += lead * (1.6 if last else 1.0)
        rows += 1
    turn = float(rng.uniform(-2, 2))
    layer = layer.rotate(turn, resample=Image.BILINEAR, fillcolor=0)
    cover = np.asarray(layer).astype(np.float32)[..., None] / 255.0
    rgb = paper * (1 - cover) + ink * cover
    if rng.random() < 0.5:  # lit unevenly: a page photographed under a lamp
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        fall = np.hypot(xx - cx, yy - cy) / np.hypot(w, h)
        rgb = rgb * (1.0 - float(rng.uniform(0.15, 0.4)) * fall)[..., None]
    return np.clip(rgb, 0, 1).astype(np.float32), cover[..., 0] > 0.3


def case(seed: int):
    """(aged page (H, W, 3), letters (H, W) bool, damage marks (H, W) bool) of one seed."""
    clean, letters = page(seed)
    draw = seed * 7919 + 13
    if seed % 3 == 2:  # old and stained (foxing, mould, tide lines), no scratch nor dust: nothing to find
        stained = spotted(clean, draw)
        return stained.image, letters, np.zeros(letters.shape, bool)
    # Lightly aged (faint fading, fine grain, a JPEG, a few marks) or aged as any print.
    aged = age(clean, draw, **(light_ageing(draw) if seed % 3 else {}))
    return aged.image, letters, aged.marks


def figures(image: np.ndarray, letters: np.ndarray, marks: np.ndarray) -> tuple[float, float, float, bool]:
    """(share of the free letters' pixels marked, share of the lettering's area marked, share of the damage found
    (nan without damage), « Réparer » ticked). The lettering's area: the letters grown by 2 px, damage left out (a
    mark over it takes letters and paper between them alike, and the fill smears both)."""
    from pipelines.photo.analysis import analyse

    found, mask = analyse(image)
    free = letters & ~marks
    area = cv2.dilate(letters.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool) & ~marks
    return (float((mask & free).sum() / max(free.sum(), 1)), float((mask & area).sum() / max(area.sum(), 1)),
            float((mask & marks).sum() / marks.sum()) if marks.any() else float("nan"),
            "repair" in found.suggested_steps())


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tuning", "held-out", "both"), default="both")
    parser.add_argument("--out", help="append the figures to this file too")
    args = parser.parse_args(argv)
    lines: list[str] = []

    def say(text: str) -> None:
        print(text, flush=True)
        lines.append(text)

    for split, seeds in (("tuning", TUNING_SEEDS), ("held-out", HELD_OUT_SEEDS)):
        if args.split not in (split, "both"):
            continue
        rows = []
        for seed in seeds:
            image, letters, marks = case(seed)
            marked, area, found, ticked = figures(image, letters, marks)
            rows.append((marked, area, found, ticked))
            say(f"{split:8s} page #{seed:<4d} {image.shape[1]}x{image.shape[0]}  letters marked {marked:6.1%}  "
                f"lettering's area marked {area:6.1%}  damage found {found:6.1%}  « Réparer » "
                f"{'on' if ticked else 'off'}")
        marked, area = np.mean([r[0] for r in rows]), np.mean([r[1] for r in rows])
        found = np.nanmean([r[2] for r in rows])
        say(f"{split}: mean letters marked {marked:.1%} (worst {max(r[0] for r in rows):.1%}), lettering's area "
            f"{area:.1%} (worst {max(r[1] for r in rows):.1%}), mean damage found {found:.1%} (aged pages), "
            f"« Réparer » ticked {sum(r[3] for r in rows)}/{len(rows)}")
    for name, split in (("page", "tuning"), ("text", "held-out")):
        clean = packaged_photo(name)
        mask = repair.find_damage(clean).mask
        say(f"packaged {name} ({split}), clean: marked {mask.mean():.2%}")
        for seed in (701, 702, 703, 704):
            _, stained = spot_case(name, seed)
            say(f"packaged {name} ({split}), aged with stains #{seed}: marked "
                f"{repair.find_damage(stained.image).mask.mean():.2%}")
    if args.out:
        with open(args.out, "a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
