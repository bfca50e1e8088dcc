"""Old photos benchmark: `python -m bench.photo [--quick]` (prints measured figures; nothing is hard-coded).

1. CPU chain (repair+tone+denoise, default strength) vs the 10-line OpenCV baseline (threshold mask,
   Telea, NL-means, levels: quality.opencv_baseline) on randomised old-print damage
   (bench/_photo_damage.py: 22 photos shipped inside installed packages, 2 damage draws each), on the
   TUNING split (with TUNING_VARIANTS of its photos: shrunk to 120 px, tones on part of the range, lightly
   aged, a brick wall built from one, straight and in perspective), on the HELD_OUT split fixed before tuning,
   on the FRESH split (photos and damage draws fixed later, never tuned on) and on DYE_FRESH (dye-faded colour
   prints of held-out and fresh photos, fixed before the dye tuning, never tuned on): luma PSNR, SSIM and the share
   of damage pixels left; then where the held-out and fresh splits do worse, said plainly. `--split=tuning`
   stops after the tuning split.
2. The real cracked prints (tests/photo/data): crack pixels left, by a detector the chain does not
   use (scikit-image top-hat + Sato ridges), and fine detail kept away from the cracks.
3. 'Do no harm': the chain on UNDAMAGED photos must leave them as they are (PSNR / SSIM against the
   input, and the share of pixels wrongly marked as damage).
4. Colour hints on 1 % of the pixels: ab PSNR and time, fast solver vs plain scipy spsolve (same run).
5. 12-megapixel scans, each in a fresh process so the peak memory is its own: repair+tone+denoise on
   the CPU; LaMa (real architecture, random weights) cropped around each damaged region; the page's path (the
   analysis job on a 12 MP JPEG scan, then the restore job with the suggested steps), with the load average;
   colour from hints.
6. The fill: Telea against scikit-image's biharmonic inpainting on crops around each region (full run only).
   `--quick` skips the spsolve reference, LaMa, the fill comparison and the 12 MP colouring.
"""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from bench._photo_damage import (DYE_FRESH, FRESH, HELD_OUT, SEEDS, TUNING, TUNING_CASES, age, aged_case, case_seed,
                                 crack_map, damage_left, packaged_photo, real_print_figures)
from pipelines.photo import hints, quality
from pipelines.photo.chain import RestoreRequest, restore
from pipelines.photo.imaging import rgb_to_lab

PHOTOS = ("astronaut", "coffee", "chelsea", "camera", "rocket", "immunohistochemistry")
# Every other real photograph or scan in scikit-image that loads without a download (cat is chelsea again;
# horse, logo, checkerboard... are drawings or synthetic). Mixed on purpose: textures, a page, a star field.
EXTRA = ("brick", "grass", "gravel", "retina", "moon", "page", "text", "coins", "clock", "stereo_motorcycle",
         "hubble_deep_field", "cell")
STEPS = ["repair", "tone", "denoise"]  # the whole CPU chain at the default strength


def _photo(name):
    import skimage.data

    image = getattr(skimage.data, name)()
    if isinstance(image, tuple):  # stereo_motorcycle: (left, right, disparity)
        image = image[0]
    image = np.stack([image] * 3, -1) if image.ndim == 2 else image[..., :3]
    return image.astype(np.float32) / 255


def _figures(result, aged, truth):
    p, s = quality.luma_scores(result, truth)
    return p, s, damage_left(result, truth, aged.marks)


def split_table(split: str, names=(), seeds=SEEDS, cases=None) -> list[dict]:
    """Luma PSNR / SSIM / damage left of damaged input, baseline and CPU chain on every (photo, seed) of a split,
    and their colour shift from the undamaged photo (colour_shift: a tint left or a colour taken away).

    `cases`: explicit (photo, seed) pairs instead of every photo of `names` with every seed of `seeds`.
    """
    cases = list(cases) if cases is not None else [(name, seed) for name in names for seed in seeds]
    print(f"\n{split} split: {len(cases)} cases, {len({n for n, _ in cases})} photos (bench/_photo_damage.py)")
    print(f"{'photo':24} {'damaged dB/SSIM/left':>21} {'baseline':>21} {'CPU chain':>21} {'dB vs base':>10} "
          f"{'SSIM vs base':>12} {'s chain':>7}  beats baseline")
    rows = []
    for name, seed in cases:
        truth, aged = aged_case(name, seed)
        base = quality.opencv_baseline(aged.image)
        start = time.perf_counter()
        out = restore(aged.image, RestoreRequest(steps=STEPS)).image
        seconds = time.perf_counter() - start
        figs = [_figures(x, aged, truth) for x in (aged.image, base, out)]
        win = figs[2][0] > figs[1][0] and figs[2][1] > figs[1][1]
        shifts = [colour_shift(x, truth) for x in (aged.image, base, out)]  # the luma figures are blind to colour
        rows.append({"name": name, "seed": seed, "figs": figs, "win": win, "seconds": seconds, "colour": shifts})
        print(f"{name + ' #' + str(seed):24} " + " ".join(f"{p:6.2f}/{s:.3f}/{left:4.0%}" for p, s, left in figs)
              + f" {figs[2][0] - figs[1][0]:+10.2f} {figs[2][1] - figs[1][1]:+12.3f} {seconds:7.2f}"
              + f"  {'yes' if win else 'NO'}", flush=True)
    summary = {k: np.median([r["figs"][i][j] for r in rows]) for k, (i, j) in
               {"base dB": (1, 0), "chain dB": (2, 0), "base SSIM": (1, 1), "chain SSIM": (2, 1),
                "base left": (1, 2), "chain left": (2, 2)}.items()}
    wins = sum(r["win"] for r in rows)
    print(f"{split}: CPU chain beats the baseline on both PSNR and SSIM on {wins} of {len(rows)}; medians: "
          + ", ".join(f"{k} {v:.3f}" for k, v in summary.items()))
    damaged, base, chain = (np.median([r["colour"][i] for r in rows]) for i in range(3))
    off = [f"{r['name']} #{r['seed']} ({r['colour'][2]:.1f} vs {r['colour'][1]:.1f})" for r in rows
           if r["colour"][2] > r["colour"][1] + NO_HARM_COLOUR]
    print(f"{split}: colour shift from the undamaged photo (a*, b*, median): damaged {damaged:.2f}, "
          f"baseline {base:.2f}, "
          f"CPU chain {chain:.2f}; chain further off than the baseline by {NO_HARM_COLOUR:.0f} or more on "
          f"{len(off)}: " + (", ".join(off) if off else "none"))
    return rows


def compare_splits(tuning: list[dict], held_out: list[dict], label: str = "held-out") -> None:
    """Say plainly where another split (held-out, fresh) does worse than tuning (margins over the baseline)."""
    def margins(rows):
        db = np.median([r["figs"][2][0] - r["figs"][1][0] for r in rows])
        ss = np.median([r["figs"][2][1] - r["figs"][1][1] for r in rows])
        left = np.median([r["figs"][2][2] for r in rows])
        return db, ss, left, sum(r["win"] for r in rows) / len(rows)

    t, h = margins(tuning), margins(held_out)
    print(f"\nmedian margin over the baseline   tuning: {t[0]:+.2f} dB, SSIM {t[1]:+.3f}, damage left {t[2]:.0%}, "
          f"wins {t[3]:.0%} | {label}: {h[0]:+.2f} dB, SSIM {h[1]:+.3f}, damage left {h[2]:.0%}, wins {h[3]:.0%}")
    worse = [label for label, a, b in (("PSNR margin", t[0], h[0]), ("SSIM margin", t[1], h[1]),
                                       ("win rate", t[3], h[3])) if b < a] + (["damage left"] if h[2] > t[2] else [])
    print(f"{label} is WORSE than tuning on: " + (", ".join(worse) if worse else "nothing"))
    lost = [f"{r['name']} #{r['seed']}" for r in held_out if not r["win"]]
    print(f"{label} cases where the chain does NOT beat the baseline: " + (", ".join(lost) if lost else "none"))


def fill_table(names=TUNING, seeds=SEEDS) -> None:
    """Telea (the CPU fill) against scikit-image's biharmonic inpainting on crops around each damaged region.

    Both fill the chain's own damage mask on the aged print; the figure is the RMSE (8-bit levels) of the
    filled mark pixels against the undamaged photo, after the fill's luma is matched to the truth's by a
    least-squares line over the unmarked pixels (fading and tint are the tone step's business).
    """
    import cv2
    from skimage.restoration import inpaint_biharmonic

    from bench._photo_damage import luma
    from pipelines.photo import inpaint, repair

    def error(result, truth, marks, mask):
        y, t = luma(result).astype(np.float64), luma(truth).astype(np.float64)
        clean = ~cv2.dilate(marks.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
        gain, offset = np.polyfit(y[clean], t[clean], 1)
        filled = marks & mask
        return float(np.sqrt(np.mean((gain * y[filled] + offset - t[filled]) ** 2))) * 255

    def biharmonic(crops, masks):
        return np.stack([np.clip(inpaint_biharmonic(c, m, channel_axis=-1), 0, 1).astype(np.float32)
                         for c, m in zip(crops, masks)])

    errors, seconds = {"Telea": [], "biharmonic": []}, {"Telea": 0.0, "biharmonic": 0.0}
    for name in names:
        truth = packaged_photo(name)
        for seed in seeds:
            aged = age(truth, case_seed(name, seed))
            mask = repair.find_damage(aged.image).mask
            for label, fill in (("Telea", lambda: repair.inpaint(aged.image, mask)),
                                ("biharmonic", lambda: inpaint.by_regions(aged.image, mask, biharmonic, context=16))):
                start = time.perf_counter()
                out = fill()
                seconds[label] += time.perf_counter() - start
                errors[label].append(error(out, truth, aged.marks, mask))
    better = sum(b < t for t, b in zip(errors["Telea"], errors["biharmonic"]))
    print(f"\nfill of the damage mask, {len(errors['Telea'])} tuning cases: median RMSE on the filled marks "
          f"Telea {np.median(errors['Telea']):.1f}, biharmonic (crops) {np.median(errors['biharmonic']):.1f} levels; "
          f"biharmonic better on {better}; seconds Telea {seconds['Telea']:.1f}, "
          f"biharmonic {seconds['biharmonic']:.1f}")


REAL = Path(__file__).resolve().parent.parent / "tests" / "photo" / "data"
REAL_PRINTS = ("cracked-portrait-1.png", "cracked-portrait-2.png")


def real_table() -> None:
    """The real cracked prints: crack pixels left (independent detector) and fine detail kept away from cracks."""
    from pipelines.photo.chain import open_photo

    print(f"\n{'real print':24} {'cracks found':>12} {'base left':>9} {'base kept':>9} {'chain left':>10} "
          f"{'chain kept':>10} {'s':>5}  target: left <= 35 %, kept >= 70 %")
    for file in REAL_PRINTS:
        rgb, _ = open_photo(REAL / file)
        base = quality.opencv_baseline(rgb)
        start = time.perf_counter()
        out = restore(rgb, RestoreRequest(steps=STEPS)).image
        seconds = time.perf_counter() - start
        b_left, b_kept = real_print_figures(rgb, base)
        c_left, c_kept = real_print_figures(rgb, out)
        ok = c_left <= 0.35 and c_kept >= 0.7
        print(f"{file:24} {int(crack_map(rgb).sum()):12d} {b_left:9.0%} {b_kept:9.0%} {c_left:10.0%} {c_kept:10.0%} "
              f"{seconds:5.1f}  {'yes' if ok else 'NO'}")


NO_HARM_DB = 30.0  # luma PSNR of an undamaged photo through the chain, at least
NO_HARM_COLOUR = 2.0  # its mean colour shift (a*, b* distance, CIELAB units), under: about a just-noticeable difference


def colour_shift(out: np.ndarray, truth: np.ndarray) -> float:
    """Mean distance between the a*, b* planes of two RGB [0, 1] pictures (CIELAB units): the luma scores are blind
    to a colour cast taken off (or put on) a whole photo."""
    from pipelines.photo.imaging import rgb_to_lab

    return float(np.hypot(*(rgb_to_lab(out)[..., 1:] - rgb_to_lab(truth)[..., 1:]).transpose(2, 0, 1)).mean())


def no_harm_table(names=PHOTOS + EXTRA) -> int:
    """The CPU chain on undamaged photos: PSNR/SSIM against the input, colour shift, false damage marks; returns the
    failures."""
    from pipelines.photo import repair

    print(f"{'undamaged photo':22} {'PSNR dB':>8} {'SSIM':>6} {'colour':>6} {'marked %':>8} {'s':>5}  "
          f"unharmed (>= {NO_HARM_DB:.0f} dB, colour shift < {NO_HARM_COLOUR:.0f})")
    failures = 0
    for name in names:
        truth = _photo(name)
        start = time.perf_counter()
        out = restore(truth, RestoreRequest(steps=STEPS)).image
        seconds = time.perf_counter() - start
        p, s = quality.luma_scores(out, truth)
        shift = colour_shift(out, truth)
        marked = repair.find_damage(truth).fraction * 100
        ok = p >= NO_HARM_DB and shift < NO_HARM_COLOUR
        failures += not ok
        print(f"{name:22} {min(p, 99):8.2f} {s:6.3f} {shift:6.2f} {marked:8.2f} {seconds:5.1f}  "
              f"{'yes' if ok else 'NO'}")
    print(f"{len(names) - failures} of {len(names)} undamaged photos come out unharmed")
    return failures


def hints_table(quick: bool = False) -> None:
    truth = _photo("astronaut")
    lab = rgb_to_lab(truth)
    mask = np.random.default_rng(0).random(truth.shape[:2]) < 0.01
    y, ab = lab[..., 0] / 100, lab[..., 1:]
    start = time.perf_counter()
    fast = hints.solve(y, mask, ab)
    t_fast = time.perf_counter() - start
    print(f"{'colour hints 512x512, 1 % points':34} {'seconds':>8} {'ab PSNR dB':>10}")
    print(f"{'fast solver (app)':34} {t_fast:8.2f} {quality.psnr(fast, ab, 255):10.2f}")
    if quick:
        return
    start = time.perf_counter()
    ref = hints.levin_spsolve(y.astype(np.float64), mask, ab.astype(np.float64))
    t_ref = time.perf_counter() - start
    print(f"{'plain Levin, scipy spsolve':34} {t_ref:8.2f} {quality.psnr(ref, ab, 255):10.2f}")
    print(f"speed-up x{t_ref / t_fast:.1f} (target >= 10), ab PSNR of the app "
          f"{quality.psnr(fast, ab, 255):.2f} dB (target >= 29)")


def _colour_12mp() -> None:
    """Child process: colour a 12 MP scan (4000x3000, astronaut enlarged) from 1 % hints."""
    import resource

    import cv2

    truth = cv2.resize(_photo("astronaut"), (4000, 3000), interpolation=cv2.INTER_CUBIC)
    lab = rgb_to_lab(truth)
    mask = np.random.default_rng(0).random(truth.shape[:2]) < 0.01
    grey = np.repeat(truth.mean(axis=2, keepdims=True), 3, axis=2)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    out = hints.colorize(grey, mask, lab[..., 1:])
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ab_psnr = quality.psnr(rgb_to_lab(out)[..., 1:], lab[..., 1:], 255)
    print(f"12 MP scan (4000x3000) from 1 % hints: {seconds:.1f} s (target < 60), ab PSNR {ab_psnr:.2f} dB, "
          f"peak RSS {peak / 1024:.0f} MiB (inputs alone {before / 1024:.0f} MiB)")


def _peak_mib() -> float:
    """This process's peak resident memory (VmHWM, MiB): unlike ru_maxrss it is not inherited across exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _aged_12mp(path: str) -> None:
    """Write a 12 MP aged scan (4000x3000 float32 .npy): grace_hopper enlarged, then damaged like the splits."""
    import cv2

    truth = cv2.resize(packaged_photo("grace_hopper"), (4000, 3000), interpolation=cv2.INTER_CUBIC)
    np.save(path, age(truth, case_seed("grace_hopper", SEEDS[0])).image)


def _restore_12mp(path: str, as_old: bool = False) -> None:
    """Child process: the 12 MP aged scan through repair+tone+denoise on the CPU.

    `as_old`: the slowest path, as for a print judged old (tone.looks_old): full damage search, grain
    removal at the print's grain level; the same backends the chain calls, told the print is old.
    """
    from pipelines import backends
    from pipelines.photo import imaging, repair, tone
    from pipelines.photo.contract import PhotoRequest

    aged = np.load(path)
    judged = None if as_old else tone.looks_old(aged)  # (measured again inside the chain, within the time:
    imaging._memo.clear()  # the chain alone, as the command line runs it, keeps nothing from a page's analysis)
    before = _peak_mib()
    start = time.perf_counter()
    if as_old:
        image = backends.choose("photo.repair")(PhotoRequest(aged, mask=repair.find_damage(aged, aged=True).mask)).image
        image = backends.choose("photo.tone")(PhotoRequest(image, old=True)).image
        backends.choose("photo.denoise")(PhotoRequest(image, old=True))
        label = "judged old (full search, grain removal)"
    else:
        restore(aged, RestoreRequest(steps=STEPS))
        label = f"as the chain judges it (old: {judged})"
    seconds = time.perf_counter() - start
    peak = _peak_mib()
    print(f"12 MP scan (4000x3000) repair+tone+denoise, {label}: {seconds:.1f} s (target < 20), peak RSS "
          f"{peak:.0f} MiB (process with the scan loaded {before:.0f} MiB)", flush=True)


def _page_scan_12mp(path: str) -> None:
    """Write the page's 12 MP scan: astronaut enlarged to 4000x3000, aged (seed 7: sepia, faded, grainy, bright
    crack networks and a crease, scratches, bright and dark dust), saved as a JPEG at quality 90, as a patron's
    scanner would hand it over."""
    import cv2
    from PIL import Image

    truth = cv2.resize(packaged_photo("astronaut"), (4000, 3000), interpolation=cv2.INTER_CUBIC)
    aged = age(truth, 7, kinds=("fade", "tint", "grain", "cracks", "dust", "scratches"), tint_mode="sepia",
               fade=0.35, cracks=3, creases=1, polarity=1, grain=0.02, **{"dust+1": 120, "dust-1": 30}).image
    Image.fromarray((np.clip(aged, 0, 1) * 255 + 0.5).astype(np.uint8)).save(path, quality=90)


def _load() -> str:
    """The load average (1, 5, 15 min) as /proc/loadavg says it: every speed figure is read beside it."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


class _PageJob:
    """The worker's job context as the photo jobs use it (out_dir, progress), timing each progress message."""

    def __init__(self, out_dir: Path):
        self.out_dir, self.start, self.marks = out_dir, time.perf_counter(), []

    def progress(self, fraction: float, message: str = "") -> None:
        self.marks.append((time.perf_counter() - self.start, message))


def _page_12mp(path: str) -> None:
    """Child process: the page's path on the 12 MP JPEG scan, as the worker runs it: the analysis job on the upload,
    then the restore job (the steps the analysis suggests, default strength) on the analysis's photo; each job's
    wall time with the load average, and the peak memory of the process."""
    import tempfile

    from pipelines.photo.analysis import Analysis
    from pipelines.photo.jobs import analyse_job, restore_job

    from pipelines.safety.uploads import sanitize_image

    with tempfile.TemporaryDirectory() as folder:
        load = _load()
        start = time.perf_counter()  # the page: the upload checked, cleaned and kept as the analysis's source
        source = Path(folder) / "source.png"
        source.write_bytes(sanitize_image(Path(path).read_bytes()).png_bytes())
        uploaded = time.perf_counter() - start
        start = time.perf_counter()
        seen = analyse_job({"source": str(source)}, _PageJob(Path(folder)))
        analysed = time.perf_counter() - start
        peak_analysis, load_analysis = _peak_mib(), _load()
        steps = Analysis(**seen["analysis"]).suggested_steps()
        out = Path(folder) / "restore"
        out.mkdir()
        job = _PageJob(out)
        start = time.perf_counter()
        restore_job({"source": seen["files"]["photo"], "title": "", "steps": steps, "strength": 0.5}, job)
        restored = time.perf_counter() - start
        parts = ", ".join(f"{message.rsplit('.', 1)[-1]} {b - a:.1f}" for (a, message), (b, _)
                          in zip(job.marks, job.marks[1:]) if b - a >= 0.05)
    print(f"12 MP JPEG scan through the page: upload kept {uploaded:.1f} s, analysis job {analysed:.1f} s "
          f"(load {load} -> {load_analysis}, peak RSS {peak_analysis:.0f} MiB); "
          f"restore job {'+'.join(steps)} {restored:.1f} s "
          f"(load -> {_load()}; {parts} s), peak RSS {_peak_mib():.0f} MiB", flush=True)


def _restore_12mp_old(path: str) -> None:
    _restore_12mp(path, as_old=True)


def _lama_12mp(path: str) -> None:
    """Child process: LaMa (real architecture, random weights) on the 12 MP aged scan, cropped around the damage."""
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as data:
        os.environ["ATELIER_DATA_DIR"] = data
        os.environ.pop("ATELIER_MODELS_DIR", None)
        from bench.photo_models import _install
        from pipelines import backends, config
        from pipelines.photo import repair
        from pipelines.photo.contract import PhotoRequest
        from pipelines.photo.inpaint import REGION_CONTEXT, damaged_regions

        config.reset_settings()
        _install("lama", Path(data) / "releases")
        lama = backends.get("photo.repair.lama")
        lama.ensure_loaded()
        aged = np.load(path)
        mask = repair.find_damage(aged).mask
        before = _peak_mib()
        start = time.perf_counter()
        lama(PhotoRequest(aged, mask=mask))
        seconds = time.perf_counter() - start
        peak = _peak_mib()
        cores = damaged_regions(mask)
        seen = sum((min(y1 + REGION_CONTEXT, 3000) - max(y0 - REGION_CONTEXT, 0))
                   * (min(x1 + REGION_CONTEXT, 4000) - max(x0 - REGION_CONTEXT, 0)) for (y0, y1, x0, x1), _ in cores)
        print(f"LaMa cropped around the damage on the 12 MP scan ({mask.mean():.1%} masked, {len(cores)} crops, "
              f"{seen / mask.size:.0%} of the scan seen): {seconds:.1f} s, peak RSS {peak:.0f} MiB "
              f"(model and scan loaded {before:.0f} MiB)", flush=True)


def restore_12mp_table(lama: bool = True) -> None:
    """The 12 MP CPU chain (and LaMa tiled) each in a fresh process, so each peak memory is its own; then the page's
    path (analysis and restore jobs) on a 12 MP JPEG scan."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "aged-12mp.npy")
        _aged_12mp(path)
        scan = str(Path(folder) / "scan-12mp.jpg")
        _page_scan_12mp(scan)
        runs = [(name, path) for name in ("_restore_12mp", "_restore_12mp_old") + (("_lama_12mp",) if lama else ())]
        for name, source in runs + [("_page_12mp", scan)]:
            subprocess.run([sys.executable, "-c", f"from bench.photo import {name}; {name}({source!r})"], check=True)


def colour_12mp_table() -> None:
    """Run the 12 MP colourisation in a fresh process, so its peak memory is its own."""
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", "from bench.photo import _colour_12mp; _colour_12mp()"], check=True)


if __name__ == "__main__":
    import sys

    quick = "--quick" in sys.argv
    only = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--split=")), None)
    tuning = split_table("tuning", cases=TUNING_CASES)
    if only == "tuning":
        sys.exit(0)
    held_out = split_table("held-out", HELD_OUT)
    fresh = split_table("fresh", cases=FRESH)
    dye_fresh = split_table("dye-fresh", cases=DYE_FRESH)
    compare_splits(tuning, held_out, "held-out")
    compare_splits(tuning, fresh, "fresh")
    compare_splits(tuning, dye_fresh, "dye-fresh")
    real_table()
    if not quick:
        fill_table()
    no_harm_table()
    restore_12mp_table(lama=not quick)
    hints_table(quick)
    if not quick:
        colour_12mp_table()
