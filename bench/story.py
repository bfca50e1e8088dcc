"""Storybook export speed: a 12-page book (pictures + music files ready) -> EPUB + A5 PDF + booklet.

Run: .venv/bin/python -m bench.story [--pages 12] [--repeat 3]. Generation (writing, music) is excluded;
the baseline, measured in the same run, is writing the story with the template writer.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image


def _illustration(rng: np.random.Generator) -> np.ndarray:
    """A picture-book-like 1024x768 image: soft gradients, a few shapes, light grain (not pure noise)."""
    y, x = np.mgrid[0:768, 0:1024].astype(np.float32)
    base = np.stack([x / 1024 * 200 + 40, y / 768 * 180 + 50, (x + y) / 1792 * 160 + 60], axis=-1)
    for _ in range(6):
        cx, cy, r = rng.uniform(0, 1024), rng.uniform(0, 768), rng.uniform(60, 200)
        base[(x - cx) ** 2 + (y - cy) ** 2 < r * r] = rng.uniform(30, 230, 3)
    return np.clip(base + rng.normal(0, 6, base.shape), 0, 255).astype(np.uint8)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from pipelines.music.audio import write_mp3
    from pipelines.story.book import export_book
    from pipelines.story.spec import StorySpec
    from pipelines.story.writer import write_story

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rng = np.random.default_rng(0)
        started = time.perf_counter()
        story = write_story(StorySpec(pages=args.pages, reading_age="9-10"))
        write_seconds = time.perf_counter() - started
        rate = 44100
        for number, page in enumerate(story.pages, start=1):
            picture = tmp / f"p{number}.png"
            Image.fromarray(_illustration(rng)).save(picture)
            page.picture = str(picture)
            page.music = str(write_mp3(0.2 * np.sin(np.arange(rate * 20) * 0.03), rate, tmp / f"m{number}.mp3"))
        times = {"epub": [], "pdf": [], "booklet": [], "all three": []}
        for i in range(args.repeat):
            for what in ("epub", "pdf", "booklet"):
                started = time.perf_counter()
                export_book(story, tmp / f"out-{what}-{i}", epub="b.epub" if what == "epub" else None,
                            pdf="b.pdf" if what == "pdf" else None, booklet="k.pdf" if what == "booklet" else None)
                times[what].append(time.perf_counter() - started)
            started = time.perf_counter()
            export_book(story, tmp / f"out-all-{i}")
            times["all three"].append(time.perf_counter() - started)
        print(f"{args.pages}-page book, 1024x768 illustration-like pictures, 20 s MP3 per page, "
              f"{args.repeat} runs (median)")
        print(f"{'export':<12}{'seconds':>10}{'x template writing':>22}")
        print(f"{'(baseline)':<12}{write_seconds:>10.3f}{1.0:>22.1f}")
        for what, values in times.items():
            median = statistics.median(values)
            print(f"{what:<12}{median:>10.3f}{median / write_seconds:>22.1f}")
        total = statistics.median(times["all three"])
        print(f"target: EPUB + PDF + booklet under 5 s -> {'met' if total < 5 else 'NOT met'} ({total:.2f} s)")


if __name__ == "__main__":
    main()
