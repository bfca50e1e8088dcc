"""compose(): the one call the storybook, the blind test, the job and the CLI use to make music."""
from __future__ import annotations

from ..backends import Progress, choose, no_progress
from ..i18n import UserError
from .backends import build_prompt
from .contract import Music, MusicRequest
from .styles import GENRES, INSTRUMENTS, MOODS, style_for

__all__ = ["Music", "MusicRequest", "build_prompt", "check_seconds", "choices", "compose", "resolve_backend"]


def resolve_backend(name: str | None):
    """The music backend asked for: a short name ('composer', 'musicgen'), a full name, or None for the default."""
    if name and "." not in name:
        name = f"music.generate.{name}"
    return choose("music.generate", name or None)


def check_seconds(seconds, low: float, high: float) -> float:
    try:
        value = float(seconds)
    except (TypeError, ValueError):
        raise UserError("music.errors.seconds", seconds=seconds, low=int(low), high=int(high)) from None
    if not low <= value <= high:
        raise UserError("music.errors.seconds", seconds=seconds, low=int(low), high=int(high))
    return value


def compose(mood: str = "calm", seconds: float = 20.0, seed: int = 0, *, genre: str | None = None,
            instrument: str | None = None, backend: str | None = None, prompt: str = "", story: str = "",
            loop: bool = True, progress: Progress = no_progress) -> Music:
    """Make `seconds` of music for a mood; loopable (seamless) or with fade-in/out when loop=False.

    Checks the choices and the length against the chosen backend's ``seconds_range`` (UserError
    music.errors.*), then calls the backend (:class:`pipelines.music.contract.MusicMaker`).
    """
    style_for(mood, genre, instrument)  # checks mood, genre and instrument
    chosen = resolve_backend(backend)
    low, high = chosen.seconds_range
    request = MusicRequest(mood, check_seconds(seconds, low, high), int(seed), genre, instrument, prompt, story,
                           loop, progress)
    music = chosen(request)
    progress(1.0, "music.progress.done")
    return music


def choices() -> dict[str, tuple[str, ...]]:
    """What pages may offer: moods, genres and lead instruments (locale keys music.<group>.<name>)."""
    return {"moods": tuple(MOODS), "genres": tuple(GENRES), "instruments": INSTRUMENTS}
