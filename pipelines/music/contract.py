"""The call contract of ``music.generate``: ``backend(MusicRequest) -> Music``, the same for every backend."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Protocol, runtime_checkable

import numpy as np

from ..backends import Progress, no_progress
from . import audio as audio_files


@dataclass
class MusicRequest:
    """What to make. mood: one of styles.MOODS; seconds: within the backend's ``seconds_range``
    (checked by compose()); seed: any int, same seed -> same music; genre / instrument: keys of
    styles.GENRES / styles.INSTRUMENTS or None; prompt: the patron's own words (text backends);
    story: the page text the music goes with (text backends); loop: True for a seamless loop,
    False for a piece with a fade-in and an ending; progress(fraction 0..1, locale key)."""

    mood: str = "calm"
    seconds: float = 20.0
    seed: int = 0
    genre: str | None = None
    instrument: str | None = None
    prompt: str = ""
    story: str = ""
    loop: bool = True
    progress: Progress = no_progress


@dataclass
class Music:
    """A piece of music: float32 audio (frames, channels) in [-1, 1] and its sample rate, plus how it was made.

    It unpacks as a pair: ``audio, rate = compose("calm", 20, seed=3)``.
    """

    audio: np.ndarray
    sample_rate: int
    backend: str
    mood: str
    seconds: float
    seed: int
    loop: bool
    prompt: str = ""  # the words a text model was given
    ai_made: bool = False
    model: str = ""  # what made it: "composer", or the catalogue id of the model
    details: dict = field(default_factory=dict)

    def __iter__(self):
        yield self.audio
        yield self.sample_rate

    def write(self, folder, stem: str = "music") -> dict[str, str]:
        """Write WAV and MP3 into a folder: {'wav': path, 'mp3': path}."""
        return audio_files.write_both(self.audio, self.sample_rate, folder, stem)


@runtime_checkable
class MusicMaker(Protocol):
    """music.generate: make music for a mood."""

    ai_made: ClassVar[bool]
    seconds_range: ClassVar[tuple[float, float]]  # (shortest, longest) it can make, seconds

    def __call__(self, request: MusicRequest) -> Music:
        """Exactly ``request.seconds`` of audio (frames = round(seconds * sample_rate)), float32
        (frames, 1 or 2 channels) in [-1, 1], peaking near -1 dBFS; loopable without a click when
        ``request.loop``, else fading in and out. ``Music.ai_made`` repeats the backend's fact.
        Reports progress with music.progress.* keys. Raises UserError when the weights are missing
        or the model makes less than asked."""


CONTRACTS: dict[str, type] = {"music.generate": MusicMaker}
