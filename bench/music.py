"""Music speed: the composer (30 s of each mood) and MusicGen small (real architecture, random weights).

    .venv/bin/python -m bench.music                  # composer + MusicGen, 2 s of audio
    .venv/bin/python -m bench.music --composer-only  # a few seconds
    .venv/bin/python -m bench.music --seconds 5 --all  # + eager attention, no KV cache, guidance 1

Figures are measured in this run; the real-time factor (RTF) is seconds of work per second of audio.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def bench_composer(seconds: float = 30.0, repeat: int = 3) -> None:
    from pipelines.music import GENRES, MOODS, compose
    from pipelines.music.audio import mp3_bytes

    compose("calm", 4, seed=0)  # imports and caches, not counted
    print(f"\nComposer: {seconds:g} s of music, median of {repeat} runs")
    print(f"{'piece':<22}{'render s':>10}{'x real time':>13}{'mp3 s':>8}")
    for label, kwargs in [(m, {"mood": m}) for m in MOODS] + [(f"joy + {g}", {"mood": "joy", "genre": g})
                                                               for g in GENRES]:
        took, music = _timed(lambda: compose(seconds=seconds, seed=1, **kwargs), repeat)
        encode, _ = _timed(lambda: mp3_bytes(music.audio, music.sample_rate))
        print(f"{label:<22}{took:>10.3f}{seconds / took:>12.0f}x{encode:>8.3f}")


def bench_musicgen(seconds: float, everything: bool) -> None:
    import torch
    from transformers import AutoProcessor, MusicgenForConditionalGeneration

    from pipelines.device import configure_torch_threads
    from pipelines.music.api import build_prompt
    from pipelines.music.backends import load_musicgen
    from tests.fixtures.models_music import save_musicgen

    default_threads = torch.get_num_threads()
    prompt = build_prompt("adventure", "a fox and a squirrel look for a lost star")
    with tempfile.TemporaryDirectory(prefix="musicgen-small-") as folder:
        took, _ = _timed(lambda: save_musicgen(Path(folder), tiny=False))
        print(f"\nMusicGen small: real architecture with random weights (built and saved in {took:.0f} s)")

        def run(model, processor, guidance=3.0, cache=True, inference=True):
            inputs = processor(text=[prompt], padding=True, return_tensors="pt")
            steps = int(seconds * model.config.audio_encoder.frame_rate) + model.decoder.config.num_codebooks
            torch.manual_seed(0)
            context = torch.inference_mode() if inference else torch.enable_grad()
            with context:
                return model.generate(**inputs, do_sample=True, guidance_scale=guidance, max_new_tokens=steps,
                                      use_cache=cache)

        rows = []
        # transformers' defaults: from_pretrained(folder) as it is, torch's thread count, autograd on
        torch.set_num_threads(default_threads)
        load, (processor, model) = _timed(lambda: (AutoProcessor.from_pretrained(folder),
                                                   MusicgenForConditionalGeneration.from_pretrained(folder)))
        took, _ = _timed(lambda: run(model, processor, inference=False))
        rows.append(("transformers defaults", load, took, f"{model.dtype}, {default_threads} threads"))
        del model
        # the project's settings: the app's own loader, every core, inference mode, float32, sdpa, KV cache
        configure_torch_threads()
        load, (processor, model) = _timed(lambda: load_musicgen(folder))
        took, _ = _timed(lambda: run(model, processor))
        params = sum(p.numel() for p in model.parameters()) / 1e6
        rows.append(("project settings", load, took,
                     f"{model.dtype}, {torch.get_num_threads()} threads, sdpa, {params:.0f}M parameters"))
        if everything:
            took, _ = _timed(lambda: run(model, processor, guidance=1.0))
            rows.append(("project, guidance 1", 0.0, took, "no classifier-free guidance"))
            took, _ = _timed(lambda: run(model, processor, cache=False))
            rows.append(("project, no KV cache", 0.0, took, "recomputes every step"))
            del model
            load, (processor, model) = _timed(lambda: load_musicgen(folder, attention="eager"))
            took, _ = _timed(lambda: run(model, processor))
            rows.append(("project, eager attention", load, took, "python attention"))
        base = rows[0][2]
        print(f"{seconds:g} s of audio, guidance 3 unless said, peak RSS so far {_peak_rss_gb():.1f} GB")
        print(f"{'settings':<26}{'load s':>8}{'generate s':>12}{'RTF':>7}{'vs defaults':>13}  notes")
        for name, load, took, notes in rows:
            print(f"{name:<26}{load:>8.1f}{took:>12.1f}{took / seconds:>7.1f}{base / took:>12.2f}x  {notes}")


def _peak_rss_gb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.music", description=__doc__.splitlines()[0])
    parser.add_argument("--composer-only", action="store_true")
    parser.add_argument("--seconds", type=float, default=2.0, help="seconds of MusicGen audio (default 2)")
    parser.add_argument("--all", action="store_true", help="also guidance 1, no KV cache, eager attention")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at start (other work slows every figure)")
    bench_composer()
    if not args.composer_only:
        bench_musicgen(args.seconds, args.all)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
