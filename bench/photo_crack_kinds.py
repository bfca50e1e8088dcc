"""Cracked and creased prints as a kind: `python -m bench.photo_crack_kinds [--out=FILE] [--split=tuning|held-out]`.

Each case of bench/_photo_damage.CRACK_TUNING and CRACK_HELD_OUT (crack_ageing(): crack networks bright and dark
over the middle of the picture, faint creases across its palest flat ground) is written as an 8-bit print, searched
(repair.find_damage, as the chain asks: aged when tone.looks_old or repair.cracked) and restored (repair+tone+denoise,
default strength). Figures per case:
- 'cover': share of the drawn crack and crease pixels the search's mask covers;
- 'true left': of the pixels an independent detector (bench/_photo_damage.crack_map, on the luma for bright lines
  and on its negative for dark ones) finds ON the drawn damage (marks and a 2 px rim) before the chain, the share it
  still finds after;
- 'kept': fine detail (bench/_photo_damage.detail) of the result over that of the print, summed more than 6 px from
  any drawn mark or detected line and 8 px from the border (issue 10's bar: 70 % or more);
- 'clean': share of the same print aged alike WITHOUT cracks that the search masks (do no harm: near 0).
The bar of issue 10 for cracked prints is 'true left' <= 35 % with 'kept' >= 70 %.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import cv2
import numpy as np

from bench._photo_damage import (CRACK_HELD_OUT, CRACK_TUNING, case_seed, crack_ageing, crack_map, detail,
                                 packaged_photo)
from pipelines.photo import repair, tone
from pipelines.photo.chain import RestoreRequest, restore

STEPS = ["repair", "tone", "denoise"]


def as_print(rgb: np.ndarray) -> np.ndarray:
    """(H, W, 3) float [0, 1] rounded to 8 bits, as a scan's file holds it."""
    return (np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8).astype(np.float32) / 255).astype(np.float32)


def lines(rgb: np.ndarray) -> np.ndarray:
    """crack_map's bright thin lines of the picture and of its negative (dark thin lines), (H, W) bool."""
    return crack_map(rgb) | crack_map(1.0 - rgb)


def search(rgb: np.ndarray) -> np.ndarray:
    """The mask the chain's repair step searches, (H, W) bool."""
    return repair.find_damage(rgb, 0.5, aged=tone.looks_old(rgb) or repair.cracked(rgb)).mask


def case_row(name: str, seed: int) -> dict:
    truth = packaged_photo(name)
    aged = crack_ageing(truth, case_seed(name, seed))
    rgb = as_print(aged.image)
    clean = as_print(crack_ageing(truth, case_seed(name, seed), damage=False).image)
    start = time.perf_counter()
    mask = search(rgb)
    out = restore(rgb, RestoreRequest(steps=STEPS)).image
    seconds = time.perf_counter() - start
    drawn = cv2.dilate(aged.marks.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    found = lines(rgb)
    on = found & drawn
    true_left = float((lines(out) & on).sum() / max(on.sum(), 1))
    away = ~cv2.dilate((drawn | found).astype(np.uint8), np.ones((13, 13), np.uint8)).astype(bool)
    away[:8], away[-8:], away[:, :8], away[:, -8:] = False, False, False, False
    kept = float(detail(out)[away].sum() / max(detail(rgb)[away].sum(), 1e-6))
    return {"name": name, "seed": seed, "marks": int(aged.marks.sum()), "on": int(on.sum()),
            "cover": float(mask[aged.marks].mean()) if aged.marks.any() else 1.0,
            "off": float(mask[~drawn].mean()), "true_left": true_left, "kept": kept,
            "clean": float(search(clean).mean()), "seconds": seconds, "params": aged.params}


def table(split: str, cases, say=print) -> list[dict]:
    say(f"{split}: {len(cases)} cracked prints (bench/_photo_damage.crack_ageing)")
    say(f"{'photo':16} {'seed':>4} {'nets':>4} {'dark':>4} {'creases':>7} {'marks':>6} {'cover':>6} {'off':>6} "
        f"{'true left':>9} {'kept':>6} {'clean':>6} {'s':>5}")
    rows = []
    for name, seed in cases:
        r = case_row(name, seed)
        rows.append(r)
        p = r["params"]
        say(f"{name:16} {seed:4d} {p['networks']:4d} {p['dark']:4d} {p['creases']:7d} {r['marks']:6d} "
            f"{r['cover']:6.0%} {r['off']:6.1%} {r['true_left']:9.0%} {r['kept']:6.0%} {r['clean']:6.1%} "
            f"{r['seconds']:5.1f}  {'yes' if r['true_left'] <= 0.35 and r['kept'] >= 0.7 else 'NO'}")
    mean = {k: float(np.mean([r[k] for r in rows])) for k in ("cover", "off", "true_left", "kept", "clean")}
    met = sum(r["true_left"] <= 0.35 and r["kept"] >= 0.7 for r in rows)
    say(f"{split} mean: cover {mean['cover']:.0%}, off {mean['off']:.1%}, true left {mean['true_left']:.0%}, "
        f"kept {mean['kept']:.0%}, clean {mean['clean']:.2%}; {met} of {len(rows)} meet the bar")
    return rows


if __name__ == "__main__":
    out = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--out=")), None)
    split = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--split=")), "both")
    stream = open(out, "a") if out else None

    def say(line):
        print(line, flush=True)
        if stream:
            print(line, file=stream, flush=True)

    if split in ("both", "tuning"):
        table("tuning", CRACK_TUNING, say)
    if split in ("both", "held-out"):
        table("held-out", CRACK_HELD_OUT, say)
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
