"""The painter cards' samples: each style painted by the CPU painter on a packaged photo, made
once and kept in the data dir (`<data dir>/portrait-samples/<style>.png`, 240 x 300 px)."""
from __future__ import annotations

from pathlib import Path

from PIL import Image

from ..config import settings
from ..store.files import atomic_path
from .styles import STYLES

SAMPLE_HEIGHT = 300
VERSION = "2"  # bump when the painter changes, so old samples are made again


def samples_dir() -> Path:
    return settings().data_dir / "portrait-samples" / f"v{VERSION}"


def sample_path(style_id: str) -> Path:
    return samples_dir() / f"{style_id}.png"


def missing_samples() -> list[str]:
    return [s.id for s in STYLES if not sample_path(s.id).exists()]


def make_samples(progress=lambda fraction, message="": None) -> dict[str, str]:
    """Paint every missing sample (the astronaut photo, scikit-image, public domain); returns all paths."""
    from .make import prepare
    from .painter import paint
    from .photos import astronaut

    todo = missing_samples()
    if todo:
        framed = prepare(astronaut(), long_side=SAMPLE_HEIGHT)
        folder = samples_dir()
        folder.mkdir(parents=True, exist_ok=True)
        for index, style_id in enumerate(todo):
            progress(index / len(todo), "portrait.progress.samples")
            picture = Image.fromarray(paint(framed.image, style_id, framed.face, 0.5, seed=1).image)
            with atomic_path(sample_path(style_id)) as tmp:
                picture.save(tmp, format="PNG")
    return {s.id: str(sample_path(s.id)) for s in STYLES}
