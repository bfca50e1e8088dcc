"""Lettering on old prints: how much of an inscription the damage search marks, and how much true damage it finds.

Run: python -m bench.photo_lettering  (a few minutes on one core). Each case is a TUNING photo (no held-out or fresh
photo is used) with an inscription drawn with Pillow - a date or names (« 14-07-1962 », « Noël '58 », « Zoé & Léo »,
« Août 1962 - Mamie & Zoé ») or a capital word (« HOTEL ») - in one of the fonts of assets/fonts, 12-40 px, dark or
bright ink, on the picture or on a paper border, then aged by bench/_photo_damage.py's generator (the damage falls
around and across it). Figures per split, with pipelines.photo.repair._inscription on and off (the search as it was):
the share of the letters' own pixels marked (not counting the pixels a mark covers) and the share of the true damage
found. The tuning split and the check split use different photos, texts and seeds.
"""
from __future__ import annotations

import os

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from bench._photo_damage import age, case_photo, case_seed
from pipelines.photo import repair

FONTS = ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf",
         "atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf",
         "atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf",
         "comic-neue/ComicNeue-Regular.ttf", "comic-neue/ComicNeue-Bold.ttf")
TEXTS = ("14-07-1962", "Noël '58", "Zoé & Léo", "Août 1962 - Mamie & Zoé", "HOTEL", "Pâques, 1954.", "L'été d'Éric",
         "GRAND CAFÉ", "Juin - 1971", "tante Lili, Été '66")
SPLITS = {"tuning": (("astronaut", "camera", "coffee", "rocket", "motorcycle_left"), TEXTS[0::2], range(0, 10)),
          "check": (("coins", "moon", "retina", "motorcycle_right", "page"), TEXTS[1::2], range(100, 110))}


def lettered(name: str, text: str, font: str, size: int, dark: bool, border: bool, seed: int):
    """(aged print, letters (H, W) bool, marks (H, W) bool) of one case."""
    rgb = (case_photo(name) * 255).astype(np.uint8)
    picture = Image.fromarray(rgb)
    h, w = rgb.shape[:2]
    if border:  # the photo on a paper mount with the inscription under it
        canvas = Image.new("RGB", (w + 2 * size, h + 4 * size), (246, 243, 236))
        canvas.paste(picture, (size, size))
        picture, at = canvas, (2 * size, h + int(2 * size))
    else:
        at = (int(0.08 * w), int((0.1 if seed % 2 else 0.8) * h))
    ink = Image.new("L", picture.size)
    face = ImageFont.truetype(os.path.join("assets/fonts", font), size)
    colour = (40, 35, 60) if dark else (245, 240, 230)
    for layer, fill in ((ImageDraw.Draw(picture), colour), (ImageDraw.Draw(ink), 255)):
        layer.text(at, text, font=face, fill=fill)
    aged = age(np.asarray(picture).astype(np.float32) / 255, case_seed(f"{name}#{text}", seed))
    return aged.image, np.asarray(ink) > 127, aged.marks


def cases(split: str):
    names, texts, seeds = SPLITS[split]
    for n, seed in enumerate(seeds):
        rng = np.random.default_rng(seed)
        yield (names[n % len(names)], texts[n % len(texts)], FONTS[int(rng.integers(len(FONTS)))],
               int(rng.integers(12, 41)), bool(n % 2), bool((n // 2) % 2), seed)


def main() -> None:
    original = repair._inscription
    for split in SPLITS:
        rows = []
        for case in cases(split):
            image, letters, marks = lettered(*case)
            free = letters & ~marks
            figures = []
            for on in (False, True):
                repair._inscription = original if on else (lambda gray, marks: np.zeros_like(marks))
                found = repair.find_damage(image).mask
                figures += [(found & free).sum() / max(free.sum(), 1), (found & marks).sum() / max(marks.sum(), 1)]
            repair._inscription = original
            rows.append(figures)
            name, text, font, size, dark, border, seed = case
            print(f"{split:7s} {name:17s} {text:24s} {os.path.basename(font):34s} {size:2d}px "
                  f"{'dark' if dark else 'bright':6s} {'border' if border else 'photo':6s} letters marked "
                  f"{figures[0]:6.1%} -> {figures[2]:6.1%}   damage found {figures[1]:6.1%} -> {figures[3]:6.1%}",
                  flush=True)
        mean = np.mean(rows, axis=0)
        print(f"{split}: mean letters marked {mean[0]:.1%} -> {mean[2]:.1%}, damage found {mean[1]:.1%} -> "
              f"{mean[3]:.1%}; worst damage-found drop {min(r[3] - r[1] for r in rows):+.1%}", flush=True)


if __name__ == "__main__":
    main()
