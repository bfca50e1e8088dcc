"""Read-aloud (capability story.voice): eSpeak NG when installed, or a Piper voice from the models dir.

Neither is required: with no voice the page simply does not offer read-aloud.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np

from ..backends import Backend
from ..i18n import UserError
from .contract import SpeakRequest

ESPEAK_VOICES = {"fr": "fr-fr", "en": "en-gb"}


def _wav_to_mp3(wav_path: Path, mp3_path: Path) -> Path:
    """MP3 (what EPUB readers play) from a mono 16-bit WAV."""
    from ..music.audio import write_mp3

    with wave.open(str(wav_path), "rb") as src:
        rate, channels = src.getframerate(), src.getnchannels()
        pcm = np.frombuffer(src.readframes(src.getnframes()), dtype="<i2").reshape(-1, channels)
    return write_mp3(pcm / 32768.0, rate, mp3_path, kbps=64)


class EspeakVoice(Backend):
    """eSpeak NG, the free speech synthesiser (French and English); robotic but always local."""

    name = "story.voice.espeak"
    capability = "story.voice"
    label = "story.backends.espeak"
    licence = "GPL-3.0-or-later (eSpeak NG program, no weights)"
    engine = "espeak-ng"
    languages = ("fr", "en")

    def is_available(self) -> bool:
        return shutil.which("espeak-ng") is not None

    def __call__(self, request: SpeakRequest) -> Path:
        """Say the text into an MP3 file; UserError naming the page when the program fails."""
        text, language, mp3_path, number = request.text, request.language, request.mp3_path, request.number
        with tempfile.TemporaryDirectory() as tmp:
            wav = Path(tmp) / "voice.wav"
            done = subprocess.run(["espeak-ng", "-v", ESPEAK_VOICES.get(language, "fr-fr"), "-s", "140", "-g", "4",
                                   "-w", str(wav), "--", text], capture_output=True, text=True, timeout=120)
            if done.returncode != 0 or not wav.exists():
                raise UserError("story.errors.voice_failed", number=number, detail=done.stderr.strip()[:200])
            return _wav_to_mp3(wav, Path(mp3_path))


class PiperFrenchVoice(Backend):
    """A natural French voice (Piper, Siwis) from the models directory; needs the piper-tts package."""

    name = "story.voice.piper"
    capability = "story.voice"
    label = "story.backends.piper"
    licence = "MIT (Piper) · CC BY 4.0 (SIWIS voice data)"
    weights = ("piper-fr-siwis",)
    modules = ("piper",)
    engine = "onnxruntime"
    ai_made = True  # a neural voice
    languages = ("fr",)

    def load(self) -> None:
        from piper import PiperVoice

        folder = self.model_path("piper-fr-siwis")
        self.voice = PiperVoice.load(str(folder / "fr_FR-siwis-medium.onnx"))

    def __call__(self, request: SpeakRequest) -> Path:
        text, mp3_path = request.text, request.mp3_path
        self.ensure_loaded()
        with tempfile.TemporaryDirectory() as tmp:
            wav = Path(tmp) / "voice.wav"
            with wave.open(str(wav), "wb") as out:
                # piper-tts 1.3 names it synthesize_wav; earlier releases wrote WAV with synthesize
                speak = getattr(self.voice, "synthesize_wav", None) or self.voice.synthesize
                speak(text, out)
            return _wav_to_mp3(wav, Path(mp3_path))


def voices_for(language: str) -> list[Backend]:
    """The installed voices that speak `language` (empty: read-aloud is not offered)."""
    from .. import backends

    return [b for b in backends.available("story.voice") if language in b.languages]
