"""Music for stories and games: a CPU composer (no weights) and MusicGen small.

    from pipelines.music import compose, write_audio
    audio, rate = compose("calm", 20, seed=3)           # float32 (frames, channels), Hz
    write_audio(audio, rate, "theme.mp3")               # .wav or .mp3 by suffix
    compose("joy", 12, seed=1, genre="waltz", instrument="marimba").write(folder)  # music.wav + music.mp3

Importing this package never imports torch or transformers.
"""
from .api import Music, MusicRequest, build_prompt, choices, compose
from .audio import decode, duration, fade, write_audio, write_both
from .styles import GENRES, INSTRUMENTS, MOODS

__all__ = ["Music", "MusicRequest", "compose", "build_prompt", "choices", "write_audio", "write_both", "decode",
           "duration", "fade", "MOODS", "GENRES", "INSTRUMENTS"]
