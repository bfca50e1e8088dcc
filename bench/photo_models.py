"""Old photos model timings: `python -m bench.photo_models [--full]` (prints measured figures).

The real architectures with random weights (the same compute as the released models), loaded
through the app's path (catalogue -> verified folder -> spandrel / facexlib) from files in the
release formats, in a temporary data dir. Seconds per 512x512 face (GFPGAN, CodeFormer), per
megapixel (Real-ESRGAN general x4v3 tiled, LaMa, DDColor tiny). The fast default times one run of
each on small inputs; --full adds CodeFormer, Real-ESRGAN x4plus and a bigger LaMa input.
A baseline measured in the same run (the CPU backends on the same inputs) gives the ratios.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import numpy as np


def _photo(name: str) -> np.ndarray:
    import skimage.data

    image = getattr(skimage.data, name)()
    image = np.stack([image] * 3, -1) if image.ndim == 2 else image[..., :3]
    return image.astype(np.float32) / 255


def _timed(fn, repeat: int = 1) -> float:
    fn()  # warm-up: first call allocates
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def _install(model_id: str, releases: Path) -> None:
    from tests.fixtures.models_common import install_as_model
    from tests.fixtures.models_photo import build_release

    install_as_model(model_id, build_release(model_id, releases))


def run(full: bool = False) -> list[tuple[str, str, float, str, float]]:
    """Rows: (model, work, seconds, unit, seconds of the CPU backend on the same work or nan)."""
    from pipelines import backends, config
    from pipelines.photo.backends import LanczosUpscale, OpenCVRepair
    from pipelines.photo.contract import PhotoRequest
    from tests.fixtures.models_photo import ASTRONAUT_BOX, ASTRONAUT_LANDMARKS, KnownFaces

    rows = []
    astronaut = _photo("astronaut")
    releases = Path(tempfile.mkdtemp(prefix="photo-releases-"))
    for model_id in ["gfpgan-1.4", "facexlib", "realesr-general-x4v3", "lama", "ddcolor-tiny"] + (
            ["codeformer", "realesrgan-x4plus"] if full else []):
        _install(model_id, releases)

    # Faces: detection swapped for known landmarks (random RetinaFace weights give noise boxes).
    for name in ["photo.faces.gfpgan"] + (["photo.faces.codeformer"] if full else []):
        backend = backends.get(name)
        backend.detector = KnownFaces([(ASTRONAUT_BOX, ASTRONAUT_LANDMARKS)], (512, 512))
        backend.ensure_loaded()
        face = np.random.default_rng(0).random((512, 512, 3), dtype=np.float32)
        model_s = _timed(lambda: backend._restore_face(face, 0.5))
        path_s = _timed(lambda: backend(PhotoRequest(astronaut, blend=0.8)))
        rows.append((name, "512² aligned face (model only)", model_s, "s / face", float("nan")))
        rows.append((name, "whole path, 1 face in 512²", path_s, "s / photo", float("nan")))

    lanczos, opencv = LanczosUpscale(), OpenCVRepair()
    small = _photo("chelsea")[:256, :320]  # 0.08 MP in -> 1.3 MP out
    mp_in = small.shape[0] * small.shape[1] / 1e6
    for name in ["photo.upscale.realesrgan"] + (["photo.upscale.realesrgan-x4plus"] if full else []):
        up = backends.get(name)
        seconds = _timed(lambda: up(PhotoRequest(small, scale=4)))
        base = _timed(lambda: lanczos(PhotoRequest(small, scale=4)))
        rows.append((name, f"{small.shape[1]}x{small.shape[0]} -> x4 (tiled)", seconds / mp_in, "s / input MP",
                     base / mp_in))

    lama = backends.get("photo.repair.lama")
    side = 768 if full else 512
    rgb = np.ascontiguousarray(np.resize(astronaut, (side, side, 3)))
    mask = np.zeros((side, side), bool)
    mask[side // 3:side // 3 + 8, 40:side - 40] = True
    mp = side * side / 1e6
    scratched = PhotoRequest(rgb, mask=mask)
    rows.append(("photo.repair.lama", f"{side}² + scratch mask", _timed(lambda: lama(scratched)) / mp,
                 "s / MP", _timed(lambda: opencv(scratched)) / mp))

    ddcolor = backends.get("photo.colorize.ddcolor")
    grey = np.repeat(astronaut.mean(axis=2, keepdims=True), 3, axis=2)
    rows.append(("photo.colorize.ddcolor", "512² grey (model at 256²)", _timed(lambda: ddcolor.colorize_ab(grey))
                 / (512 * 512 / 1e6), "s / MP", float("nan")))
    config.reset_settings()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also CodeFormer, Real-ESRGAN x4plus, bigger LaMa")
    args = parser.parse_args()
    import torch

    with tempfile.TemporaryDirectory() as data:
        os.environ["ATELIER_DATA_DIR"] = data
        os.environ.pop("ATELIER_MODELS_DIR", None)
        from pipelines import config

        config.reset_settings()
        rows = run(full=args.full)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, CPU, fp32, random weights")
    print(f"{'backend':34} {'work':34} {'seconds':>9}  {'unit':14} {'CPU backend':>11} {'ratio':>7}")
    for name, work, seconds, unit, base in rows:
        ratio = f"x{seconds / base:.0f}" if base == base else ""
        base_text = f"{base:.3f}" if base == base else "-"
        print(f"{name:34} {work:34} {seconds:9.2f}  {unit:14} {base_text:>11} {ratio:>7}")


if __name__ == "__main__":
    main()
