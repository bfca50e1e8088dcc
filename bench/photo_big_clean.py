"""Undamaged prints scanned big: `python -m bench.photo_big_clean [--out FILE]`.

bench/photo.py's do-no-harm table runs the chain on packaged photos at their own size (at most 1000 px or so), so a
change to how a BIG scan is searched (repair.WORK_SIDE, a coarser second search for the wide cracks of a small print
scanned at 2400 px) is never seen harming a clean one there. Here five packaged photos (scikit-image data; Grace
Hopper's portrait from matplotlib's sample data, which scikit-image 0.26 no longer ships) are enlarged x4 by Lanczos
(long side 1804-2400 px), given a scanner's grain (Gaussian, sigma 0.02 of the range, seed 0) and, as a second kind,
toned sepia (luma x (1.0, 0.9, 0.72) + 0.06): prints with no damage at all, which tone.looks_old takes for aged (the
grain), so they get the full search. A third kind, sepia with no grain ('sepia, no grain'), is a scan enlarged after
the fact: repair.effective_scale() reads its factor (4) and the search runs at the size the photo holds, so it marks
what the search marks on the photo at its own size, not what it marked on the x4 copy.

Printed per scan: repair.effective_scale(), the share of pixels the damage search marks (each one is filled: on a
clean scan every marked pixel is harm), and, with --restore, the luma PSNR of repair+tone+denoise against the scan as
it came. On main at the time of writing the marks were 0.2-3.3 %; a coarse second search for big scans tried then
marked 2-13 % (coffee sepia 13 %) and was not merged. With the search at the effective resolution the grainy scans
read 1.0 and are marked as before (0.2-3.3 %). The ones with no grain read 4.0; tone.looks_old takes four of them for
photos with no sign of age (the cautious search, unchanged: 0.0-0.1 %) and chelsea for aged: 1.3 % marked before,
2.8 % now (searched as aged by force, the five went from 0.6-3.3 % to 2.8-7.5 %: what the search marks on the photos
at their own size). Since effective_scale() takes the grain's share out of its losses the grainy scans read 4.0 too;
each is then judged old or not at that detail (tone.looks_old on the scan shrunk by 4, the scanner's grain averaged
away, with grain no sign of age there: what is left of the scanner's grain, and grace_hopper's own JPEG-softened
grain, read as a print's), and nine of the ten get the cautious search: 0.0-0.1 % marked (were 0.2-3.3 %). Chelsea
sepia (faded and yellowed) looks old at its own detail and is searched there as an old print, and at the scan's size
as before (the marks of both joined): 1.2 -> 3.1 %, the whiskers the search at the photo's own size took for
scratches (its twin with no grain: 2.8 %). Since fine lines side by side with like lines (a sheaf: whiskers, hair)
are taken for the picture's texture (repair._sheaves), it reads 0.9 % (its twin 0.8 %): no scan is marked more than
before the grain change.

Two more kinds are a scan enlarged by a plain program rather than a scanner, sepia with no grain like the third:
'sepia, bilinear x2' (bilinear interpolation) and 'sepia, nearest x3' (nearest neighbour: blocks of 3 x 3 identical
pixels). A cracked print enlarged these ways (bench/photo_real_kinds.py) must be searched at the detail it holds; a
clean one must stay unmarked as its Lanczos twin does.
"""
from __future__ import annotations

import sys
import time

import cv2
import numpy as np

SEPIA = np.array([1.0, 0.9, 0.72], np.float32)


def scans() -> dict[str, np.ndarray]:
    """name -> undamaged big scan, (H, W, 3) float32 in [0, 1]."""
    import matplotlib.cbook as cbook
    from PIL import Image
    from skimage import data

    hopper = np.asarray(Image.open(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)).convert("RGB"))
    rng = np.random.default_rng(0)
    photos = {"camera": np.repeat(data.camera()[..., None], 3, 2), "astronaut": data.astronaut(),
              "coffee": data.coffee(), "chelsea": data.chelsea(), "grace_hopper": hopper}
    out = {}
    for name, picture in photos.items():
        big = cv2.resize(picture, None, fx=4, fy=4, interpolation=cv2.INTER_LANCZOS4).astype(np.float32) / 255
        big = np.clip(big + rng.normal(0, 0.02, big.shape).astype(np.float32), 0, 1)
        out[f"{name} x4"] = big
        out[f"{name} x4 sepia"] = np.clip(big.mean(2, keepdims=True) * SEPIA + 0.06, 0, 1).astype(np.float32)
    for name, picture in photos.items():
        big = cv2.resize(picture, None, fx=4, fy=4, interpolation=cv2.INTER_LANCZOS4).astype(np.float32) / 255
        out[f"{name} x4 sepia, no grain"] = np.clip(big.mean(2, keepdims=True) * SEPIA + 0.06, 0, 1).astype(np.float32)
    for kind, factor, method in (("bilinear x2", 2, cv2.INTER_LINEAR), ("nearest x3", 3, cv2.INTER_NEAREST)):
        for name, picture in photos.items():
            sepia = np.clip(picture.mean(2, keepdims=True) / 255 * SEPIA + 0.06, 0, 1)
            sepia = np.round(sepia * 255).astype(np.uint8)  # a print as an 8-bit file holds it, then enlarged
            big = cv2.resize(sepia, None, fx=factor, fy=factor, interpolation=method).astype(np.float32) / 255
            out[f"{name} sepia, {kind}"] = big
    return out


def main(argv: list[str]) -> None:
    from bench.photo import STEPS
    from pipelines.photo import quality, repair, tone
    from pipelines.photo.imaging import luma
    from pipelines.photo.chain import RestoreRequest, restore

    lines = [f"{'undamaged big scan':32} {'size':>10} {'aged?':>5} {'scale':>5} {'marked':>7} {'PSNR dB':>8} {'s':>5}"]
    for name, scan in scans().items():
        start = time.perf_counter()
        marked = float(repair.find_damage(scan, 0.5).mask.mean())
        psnr = ""
        if "--restore" in argv:
            out = restore(scan, RestoreRequest(steps=STEPS)).image
            psnr = f"{quality.psnr(quality.luma(out), quality.luma(scan)):.1f}"
        lines.append(f"{name:32} {scan.shape[1]:>4}x{scan.shape[0]:<5} {str(tone.looks_old(scan)):>5} "
                     f"{repair.effective_scale(luma(scan)):5.1f} "
                     f"{marked:7.2%} {psnr:>8} {time.perf_counter() - start:5.1f}")
        print(lines[-1], flush=True)
    if "--out" in argv:
        with open(argv[argv.index("--out") + 1], "w", encoding="utf-8") as file:
            file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
