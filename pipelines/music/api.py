"""compose(): the one call the storybook, the blind test, the job and the CLI use to make music."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..backends import Progress, choose, no_progress
from ..i18n import UserError
from . import audio as audio_files
from .styles import GENRES, INSTRUMENTS, MOODS, style_for

SHORT_NAMES = {"composer": "music.generate.composer", "musicgen": "music.generate.musicgen"}

# Words MusicGen understands (it was trained on English descriptions).
MOOD_WORDS = {
    "calm": "calm, gentle and warm bedtime music, slow tempo, soft",
    "adventure": "adventurous orchestral music, heroic, energetic drums, strings and brass",
    "mystery": "mysterious, curious and magical music, soft bells, dark pads, slow",
    "joy": "joyful, playful and bright music, happy melody, bouncy rhythm",
}
GENRE_WORDS = {"lullaby": "a lullaby with a music box", "march": "a cheerful marching band",
               "waltz": "a waltz in three four time", "jazz": "light swing jazz",
               "electro": "light electronic music with synthesizers"}
INSTRUMENT_WORDS = {"piano": "piano", "strings": "string ensemble", "flute": "flute", "clarinet": "clarinet",
                    "marimba": "marimba", "musicbox": "music box", "brass": "brass", "synth": "synthesizer"}


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
    prompt: str = ""
    ai_made: bool = False
    details: dict = field(default_factory=dict)

    def __iter__(self):
        yield self.audio
        yield self.sample_rate

    def write(self, folder, stem: str = "music") -> dict[str, str]:
        """Write WAV and MP3 into a folder: {'wav': path, 'mp3': path}."""
        return audio_files.write_both(self.audio, self.sample_rate, folder, stem)


def build_prompt(mood: str, story: str = "", genre: str | None = None, instrument: str | None = None,
                 prompt: str = "") -> str:
    """The English description MusicGen gets, from the mood, the genre, the instrument and the story."""
    parts = [MOOD_WORDS[mood]]
    if genre:
        parts.append(GENRE_WORDS[genre])
    if instrument:
        parts.append(f"featuring {INSTRUMENT_WORDS[instrument]}")
    parts.append("for a children's picture book, no vocals")
    story = " ".join(story.split())
    if story:
        parts.append(f"inspired by: {story[:160]}")
    if prompt.strip():
        parts.insert(0, " ".join(prompt.split())[:200])
    return ", ".join(parts)


def resolve_backend(name: str | None):
    """The music backend asked for ('composer', 'musicgen', a full name or None for the default)."""
    return choose("music.generate", SHORT_NAMES.get(name, name) if name else None)


def check_seconds(seconds, low: float, high: float) -> float:
    try:
        value = float(seconds)
    except (TypeError, ValueError):
        raise UserError("music.errors.seconds", seconds=seconds, low=int(low), high=int(high)) from None
    if not low <= value <= high:
        raise UserError("music.errors.seconds", seconds=seconds, low=int(low), high=int(high))
    return value


def _level(audio: np.ndarray, peak: float = 0.89) -> np.ndarray:
    """Bring a model's output to a steady peak level (silence stays silence)."""
    top = float(np.abs(audio).max())
    return audio * (peak / top) if top > 1e-6 else audio


def compose(mood: str = "calm", seconds: float = 20.0, seed: int = 0, *, genre: str | None = None,
            instrument: str | None = None, backend: str | None = None, prompt: str = "", story: str = "",
            loop: bool = True, progress: Progress = no_progress) -> Music:
    """Make `seconds` of music for a mood; loopable (seamless) or with fade-in/out when loop=False."""
    style = style_for(mood, genre, instrument)  # checks mood, genre and instrument
    chosen = resolve_backend(backend)
    low, high = chosen.seconds_range
    seconds = check_seconds(seconds, low, high)
    seed = int(seed)
    if chosen.name == SHORT_NAMES["composer"]:
        audio, rate, details = chosen.generate(style, seconds, seed, loop, progress)
        if not loop:  # a piece that ends: it starts from silence already, and its last chord dies away
            audio = audio_files.fade(audio, rate, fade_in=0.02, fade_out=min(2.0, seconds / 4))
        progress(1.0, "music.progress.done")
        return Music(audio, rate, chosen.name, mood, seconds, seed, loop, details=details)
    text = build_prompt(mood, story, genre, instrument, prompt)
    progress(0.02, "music.progress.loading")
    chosen.ensure_loaded()
    extra = chosen.loop_overlap if loop else 0.0
    raw, rate = chosen.generate(text, seconds + extra, seed, progress)
    raw = _level(raw)
    if len(raw) < int(round((seconds + extra) * rate)):
        raise UserError("music.errors.model_short", seconds=round(len(raw) / rate, 1), wanted=seconds)
    shaped = audio_files.loop_crossfade(raw, rate, seconds, extra) if loop else \
        audio_files.fade(raw[: int(round(seconds * rate))], rate)
    progress(1.0, "music.progress.done")
    return Music(shaped, rate, chosen.name, mood, seconds, seed, loop, prompt=text, ai_made=True,
                 details={"model": "musicgen-small"})


def choices() -> dict[str, tuple[str, ...]]:
    """What pages may offer: moods, genres and lead instruments (locale keys music.<group>.<name>)."""
    return {"moods": tuple(MOODS), "genres": tuple(GENRES), "instruments": INSTRUMENTS}
