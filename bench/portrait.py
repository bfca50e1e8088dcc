"""Portrait workshop benchmark: `python -m bench.portrait` (prints measured figures; nothing is hard-coded).

For each style, on three photos that ship with installed packages (the astronaut and the
cameraman from scikit-image, Grace Hopper from matplotlib), painted at 768 px high by the CPU painter:
- seconds per portrait (median of the three photos);
- face structure kept: SSIM of the edge maps in the face box, photo vs painting (pipelines/portrait/quality.py),
  next to a null reference (another person's face in the same box) and the photo itself blurred (sigma 2);
- how far texture (Laplacian change) and palette (ΔE between 8-colour palettes) moved, and the residual no
  colour look-up table explains (a colour filter scores ~0).
Writes test-artifacts/portrait-contact-sheet.png: every style (columns) on the three photos (rows).
"""
from __future__ import annotations

import statistics
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from pipelines.portrait import quality
from pipelines.portrait.make import prepare
from pipelines.portrait.painter import paint
from pipelines.portrait.photos import PACKAGED
from pipelines.portrait.styles import STYLES

OUT = Path(__file__).resolve().parent.parent / "test-artifacts" / "portrait-contact-sheet.png"
CELL = (246, 307)


def main() -> None:
    framed = {name: prepare(load(), long_side=768) for name, load in PACKAGED.items()}
    faced = {n: f for n, f in framed.items() if f.face is not None}
    print("faces found:", {n: f.found_face for n, f in framed.items()})
    ref = framed["astronaut"]
    other = cv2.resize(framed["grace-hopper"].image, (ref.image.shape[1], ref.image.shape[0]))
    blurred = cv2.GaussianBlur(ref.image, (0, 0), 2)
    print(f"references (astronaut face box): other person {quality.face_structure(ref.image, other, ref.face):.3f}, "
          f"photo blurred sigma 2 {quality.face_structure(ref.image, blurred, ref.face):.3f}, "
          f"colour filter residual of a gamma 0.7 copy "
          f"{quality.colour_copy_residual(ref.image, (255 * (ref.image / 255) ** 0.7).astype(np.uint8)):.3f}")
    print(f"{'style':14} {'family':8} {'s/portrait':>10} {'face SSIM':>9} {'residual':>8} {'texture':>8} "
          f"{'palette ΔE':>10}")
    rows = {name: [cv2.resize(f.image, CELL)] for name, f in framed.items()}
    for style in STYLES:
        seconds, kept, residual, texture, palette = [], [], [], [], []
        for name, f in framed.items():
            result = paint(f.image, style.id, f.face, 0.5, seed=1)
            seconds.append(result.seconds)
            if name in faced:
                kept.append(quality.face_structure(f.image, result.image, f.face))
            residual.append(quality.colour_copy_residual(f.image, result.image))
            texture.append(quality.texture_change(f.image, result.image))
            palette.append(quality.palette_distance(f.image, result.image))
            rows[name].append(cv2.resize(result.image, CELL, interpolation=cv2.INTER_AREA))
        print(f"{style.id:14} {style.family:8} {statistics.median(seconds):10.2f} {statistics.mean(kept):9.3f} "
              f"{statistics.mean(residual):8.3f} {statistics.mean(texture):8.4f} {statistics.mean(palette):10.1f}",
              flush=True)
    OUT.parent.mkdir(exist_ok=True)
    sheet = np.concatenate([np.concatenate(r, 1) for r in rows.values()], 0)
    Image.fromarray(sheet).save(OUT)
    print(f"contact sheet: {OUT} ({sheet.shape[1]} x {sheet.shape[0]})")


if __name__ == "__main__":
    main()
