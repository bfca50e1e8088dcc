"""Seconds per picture and peak memory: the project's settings against diffusers' defaults, same run.

    .venv/bin/python -m bench.imagegen            # 512x512, 1 and 4 steps (a few minutes on 2 cores)
    .venv/bin/python -m bench.imagegen --quick    # 256x256, 1 step (a quick look)

The real SD-Turbo architecture (UNet 866M, OpenCLIP-H text encoder, SD VAE, TAESD) is built
with random weights from its configs in code: same compute as the real model, nothing is
downloaded. Each setting runs in its own process so that its peak memory is its own.

- defaults: StableDiffusionPipeline as diffusers sets it up (full VAE decoder, torch's thread
  defaults, contiguous memory), prompt encoded for every picture;
- project: what the app runs (pipelines.imagegen.model.ImageModel + speed.py): the tiny
  decoder TAESD, every core, channels-last, fused attention, and the hero's description
  encoded once and reused from the second panel on.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERO = "a small blue dragon with big round eyes and a red scarf"
PANELS = ["eats an ice cream on the beach", "flies over a castle", "reads a book in the forest",
          "plays football with a cat", "sleeps under the moon"]


def _peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def _build(setting: str, tokenizer_dir: Path):
    """The pipeline for one setting, from the real SD-Turbo configs with random weights."""
    import torch
    from diffusers import StableDiffusionPipeline
    from transformers import CLIPTokenizer

    sys.path.insert(0, str(ROOT))
    from tests.fixtures.models_imagegen import sd_components, write_clip_tokenizer

    write_clip_tokenizer(tokenizer_dir)
    parts = sd_components(tiny=False)
    vae = parts["taesd"] if setting == "project" else parts["vae"]
    pipe = StableDiffusionPipeline(vae=vae, text_encoder=parts["text_encoder"],
                                   tokenizer=CLIPTokenizer.from_pretrained(tokenizer_dir), unet=parts["unet"],
                                   scheduler=parts["scheduler"], safety_checker=None, feature_extractor=None,
                                   requires_safety_checker=False)
    del parts
    pipe.set_progress_bar_config(disable=True)
    pipe.to(torch.float32)
    if setting == "project":
        from pipelines.imagegen.model import ImageModel, ModelFacts
        from pipelines.imagegen.speed import configure_threads, tune_pipeline

        configure_threads()
        tune_pipeline(pipe, "cpu")
        facts = ModelFacts("sd-turbo", "sd", "fp16", "taesd", steps=1, max_steps=8, guidance=0.0, size=512)
        return ImageModel(pipe, facts, "cpu", tiny_decoder=True)
    return pipe


def run_one(setting: str, steps_list: list[int], size: int) -> dict:
    """Time pictures for one setting in this process; returns plain JSON."""
    import torch

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        model = _build(setting, Path(tmp) / "tokenizer")
        built = time.perf_counter() - started

    def picture(panel: int, steps: int) -> float:
        begin = time.perf_counter()
        if setting == "project":
            model.generate([f"{HERO}, comic panel", PANELS[panel % len(PANELS)]], "", seed=panel, steps=steps,
                           width=size, height=size)
        else:
            with torch.inference_mode():
                model(prompt=f"{HERO}, comic panel, {PANELS[panel % len(PANELS)]}", num_inference_steps=steps,
                      guidance_scale=0.0, width=size, height=size,
                      generator=torch.Generator("cpu").manual_seed(panel))
        return time.perf_counter() - begin

    warmup = picture(0, 1)  # first run creates the kernels' plans: not counted
    times = {str(steps): picture(1 + i, steps) for i, steps in enumerate(steps_list)}
    return {"setting": setting, "threads": torch.get_num_threads(), "build_s": built, "warmup_s": warmup,
            "seconds": times, "peak_rss_gb": _peak_rss_gb()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="256 px and 1 step only")
    parser.add_argument("--size", type=int, help="picture side in pixels (default 512)")
    parser.add_argument("--steps", default=None, help="comma-separated step counts (default 1,4)")
    parser.add_argument("--one", choices=("defaults", "project"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    size = args.size or (256 if args.quick else 512)
    steps = [int(s) for s in (args.steps or ("1" if args.quick else "1,4")).split(",")]
    if args.one:
        print(json.dumps(run_one(args.one, steps, size)))
        return 0
    results = {}
    for setting in ("defaults", "project"):
        print(f"measuring {setting} ({size}x{size}, steps {steps}) ...", file=sys.stderr, flush=True)
        out = subprocess.run([sys.executable, "-m", "bench.imagegen", "--one", setting, "--size", str(size),
                              "--steps", ",".join(map(str, steps))], cwd=ROOT, capture_output=True, text=True)
        if out.returncode:
            print(out.stderr[-3000:], file=sys.stderr)
            return out.returncode
        results[setting] = json.loads(out.stdout.strip().splitlines()[-1])
    d, p = results["defaults"], results["project"]
    print(f"\nSD-Turbo architecture, random weights, {size}x{size}, fp32 "
          f"(threads: defaults {d['threads']}, project {p['threads']})")
    print(f"{'':22}{'defaults':>12}{'project':>12}{'speed-up':>10}")
    for s in map(str, steps):
        print(f"{'seconds, ' + s + ' step(s)':22}{d['seconds'][s]:12.2f}{p['seconds'][s]:12.2f}"
              f"{d['seconds'][s] / p['seconds'][s]:9.2f}x")
    print(f"{'peak RSS (GB)':22}{d['peak_rss_gb']:12.2f}{p['peak_rss_gb']:12.2f}"
          f"{d['peak_rss_gb'] / p['peak_rss_gb']:9.2f}x")
    print(f"{'first picture (s)':22}{d['warmup_s']:12.2f}{p['warmup_s']:12.2f}")
    print(f"{'build (s)':22}{d['build_s']:12.2f}{p['build_s']:12.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
