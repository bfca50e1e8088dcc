"""The two ways to make music: the CPU composer (no weights) and MusicGen small (transformers).

Both are called the same way, ``backend(MusicRequest) -> Music`` (:mod:`pipelines.music.contract`).
"""
from __future__ import annotations

import logging
import math
import threading
from typing import Any

import numpy as np

from ..backends import Backend, Progress, no_progress
from . import audio as audio_files
from .contract import Music, MusicRequest

log = logging.getLogger(__name__)

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


def _level(audio: np.ndarray, peak: float = 0.89) -> np.ndarray:
    """Bring a model's output to a steady peak level (silence stays silence)."""
    top = float(np.abs(audio).max())
    return audio * (peak / top) if top > 1e-6 else audio


class ComposerBackend(Backend):
    """Procedural composer: melody, chords, bass and light percussion, rendered with numpy."""

    name = "music.generate.composer"
    capability = "music.generate"
    label = "music.backend.composer"
    licence = "MIT (code of this project)"
    seconds_range = (2.0, 300.0)

    def __call__(self, request: MusicRequest) -> Music:
        """Stereo float32 (frames, 2) at composer.SAMPLE_RATE; details: tempo, key, bars, beats_per_bar, notes."""
        from .composer import SAMPLE_RATE, render, write_score
        from .styles import style_for

        style = style_for(request.mood, request.genre, request.instrument)
        seconds, seed, loop, progress = request.seconds, request.seed, request.loop, request.progress
        progress(0.1, "music.progress.writing")
        score = write_score(style, seconds, seed, ending=not loop)
        progress(0.4, "music.progress.playing")
        audio = render(score, seconds, seed, loop=loop)
        if not loop:  # a piece that ends: it starts from silence already, and its last chord dies away
            audio = audio_files.fade(audio, SAMPLE_RATE, fade_in=0.02, fade_out=min(2.0, seconds / 4))
        details = {"tempo": round(score.tempo, 1), "key": style.key_name, "bars": score.bars,
                   "beats_per_bar": style.beats, "notes": len(score.notes)}
        return Music(audio, SAMPLE_RATE, self.name, request.mood, seconds, seed, loop, ai_made=self.ai_made,
                     model="composer", details=details)


ATTENTION = {"decoder": "sdpa", "text_encoder": "sdpa"}  # EnCodec has no attention to speed up


def load_musicgen(folder, device: str = "cpu", attention=ATTENTION):
    """(processor, model) from a musicgen-small folder, the way the app loads it (bench uses it too)."""
    import torch
    from transformers import AutoProcessor, MusicgenForConditionalGeneration

    processor = AutoProcessor.from_pretrained(folder)
    # transformers 5 would load the dtype written in config.json: ask for float32 (no fast fp16/bf16 on CPUs).
    dtype = torch.float32 if device == "cpu" else torch.float16
    model = MusicgenForConditionalGeneration.from_pretrained(folder, dtype=dtype, attn_implementation=attention)
    return processor, model.to(device).eval()


class MusicgenBackend(Backend):
    """MusicGen small from the catalogue folder, loaded once per worker, float32 on CPU.

    On a CPU its decoder steps and EnCodec run on OpenVINO (:mod:`pipelines.music.openvino_musicgen`,
    prepared at the first piece), with PyTorch's ``generate`` as the path on a graphics card, with
    ``engine = pytorch`` and when OpenVINO fails (the reason is logged and kept in ``engine_failed``)."""

    name = "music.generate.musicgen"
    capability = "music.generate"
    label = "music.backend.musicgen"
    licence = "CC-BY-NC-4.0 (NON-COMMERCIAL)"
    weights = ("musicgen-small",)
    modules = ("torch", "transformers")
    optional = True  # non-commercial weights: only when a facilitator picks it
    engine = "transformers"
    ai_made = True
    seconds_range = (8.0, 30.0)  # the model was trained on 30 s clips
    guidance_scale = 3.0  # the release's own generation_config value
    loop_overlap = 1.0  # extra seconds generated to cross-fade the end into the start
    attention = ATTENTION
    made_by = "torch"  # after a piece: "openvino bf16" / "openvino f32" when the OpenVINO decoder made it
    engine_failed = ""  # why OpenVINO was not used (logged, shown by doctor), when it failed
    openvino: Any = None

    def __init__(self) -> None:
        super().__init__()
        self._generate_lock = threading.Lock()  # one generation at a time per loaded model

    def load(self) -> None:
        from ..device import configure_torch_threads, torch_device

        configure_torch_threads()
        self.device = torch_device()
        self.processor, self.model = load_musicgen(self.model_path("musicgen-small"), self.device, self.attention)
        self.openvino, self._openvino_tried, self.made_by, self.engine_failed = None, False, "torch", ""

    def _openvino_engine(self, progress: Progress):
        """The OpenVINO decoder (pipelines.music.openvino_musicgen) where it may run here, prepared at
        the first piece (converted the first time, with progress), else None: PyTorch makes the piece.
        A converted file that changed raises UserError errors.model_corrupt."""
        from ..i18n import UserError
        from ..photo.openvino_runner import engine_reason, precision

        if self._openvino_tried:
            return self.openvino
        if self.device != "cpu" or engine_reason() or self.guidance_scale <= 1:
            self._openvino_tried = True
            return None
        from .openvino_musicgen import OpenVINOMusicgen

        try:
            self.openvino = OpenVINOMusicgen.load(self.model, precision(), progress)
        except UserError:
            raise
        except (ImportError, RuntimeError, ValueError, TypeError, OSError) as exc:
            self.engine_failed = f"OpenVINO: {str(exc)[:300]}"
            log.warning("OpenVINO not used for %s: %s", self.name, self.engine_failed)
        self._openvino_tried = True
        return self.openvino

    def tokens_for(self, seconds: float) -> int:
        """Decoder steps for `seconds` of audio (the codebook delay pattern costs a few extra steps)."""
        rate = self.model.config.audio_encoder.frame_rate
        return int(math.ceil(seconds * rate)) + self.model.decoder.config.num_codebooks

    def __call__(self, request: MusicRequest) -> Music:
        """Mono float32 (frames, 1) at the model's 32 kHz, from an English prompt (:func:`build_prompt`).

        A loop is generated ``loop_overlap`` seconds longer and its end cross-faded into its start.
        """
        from ..i18n import UserError

        seconds, loop, progress = request.seconds, request.loop, request.progress
        text = build_prompt(request.mood, request.story, request.genre, request.instrument, request.prompt)
        progress(0.02, "music.progress.loading")
        self.ensure_loaded()
        extra = self.loop_overlap if loop else 0.0
        raw, rate, made_by = self.generate(text, seconds + extra, request.seed, progress)
        raw = _level(raw)
        if len(raw) < int(round((seconds + extra) * rate)):
            raise UserError("music.errors.model_short", seconds=round(len(raw) / rate, 1), wanted=seconds)
        shaped = audio_files.loop_crossfade(raw, rate, seconds, extra) if loop else \
            audio_files.fade(raw[: int(round(seconds * rate))], rate)
        return Music(shaped, rate, self.name, request.mood, seconds, request.seed, loop, prompt=text,
                     ai_made=self.ai_made, model=self.weights[0],
                     details={"model": self.weights[0], "engines": {self.name: made_by}})

    def generate(self, prompt: str, seconds: float, seed: int, progress: Progress = no_progress):
        """(audio float32 (frames, 1), sample rate in Hz, what made it) of at least `seconds` for a text
        prompt; what made it is "openvino bf16" / "openvino f32" (pipelines.music.openvino_musicgen:
        decoder steps and EnCodec on OpenVINO, on a CPU) or "torch" (transformers' ``generate``)."""
        import torch
        from transformers.generation.streamers import BaseStreamer

        steps = self.tokens_for(seconds)
        rate = int(self.model.config.audio_encoder.sampling_rate)
        with self._generate_lock:
            engine = self._openvino_engine(progress)
            if engine is not None:
                audio = engine.generate(self.processor, prompt, steps, seed, self.guidance_scale, progress)
                self.made_by = engine.made_by
                return audio[:, None], rate, engine.made_by
        self.made_by = "torch"

        class StepCounter(BaseStreamer):
            """Turns each generated step into progress (which is also where a cancel arrives)."""

            def __init__(self):
                self.done = -1  # the first put() carries the start tokens

            def put(self, value):
                self.done += 1
                if self.done % 5 == 0:
                    progress(0.05 + 0.9 * min(1.0, self.done / steps), "music.progress.model")

            def end(self):
                pass

        with self._generate_lock, torch.inference_mode():
            inputs = self.processor(text=[prompt], padding=True, return_tensors="pt").to(self.device)
            torch.manual_seed(seed)
            out = self.model.generate(**inputs, do_sample=True, guidance_scale=self.guidance_scale,
                                      max_new_tokens=steps, streamer=StepCounter())
        audio = out[0, 0].float().cpu().numpy()
        return audio[:, None].astype(np.float32), rate, "torch"
