"""The two ways to make music: the CPU composer (no weights) and MusicGen small (transformers)."""
from __future__ import annotations

import math
import threading

import numpy as np

from ..backends import Backend, Progress, no_progress


class ComposerBackend(Backend):
    """Procedural composer: melody, chords, bass and light percussion, rendered with numpy."""

    name = "music.generate.composer"
    capability = "music.generate"
    label = "music.backend.composer"
    licence = "MIT (code of this project)"
    seconds_range = (2.0, 300.0)

    def generate(self, style, seconds: float, seed: int, loop: bool, progress: Progress = no_progress):
        """(audio float32 (frames, 2), sample rate, details) for a Style."""
        from .composer import SAMPLE_RATE, render, write_score

        progress(0.1, "music.progress.writing")
        score = write_score(style, seconds, seed, ending=not loop)
        progress(0.4, "music.progress.playing")
        audio = render(score, seconds, seed, loop=loop)
        details = {"tempo": round(score.tempo, 1), "key": style.key_name, "bars": score.bars,
                   "beats_per_bar": style.beats, "notes": len(score.notes)}
        return audio, SAMPLE_RATE, details


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
    """MusicGen small from the catalogue folder, loaded once per worker, float32 on CPU."""

    name = "music.generate.musicgen"
    capability = "music.generate"
    label = "music.backend.musicgen"
    licence = "CC-BY-NC-4.0 (NON-COMMERCIAL)"
    weights = ("musicgen-small",)
    modules = ("torch", "transformers")
    optional = True  # non-commercial weights: only when a facilitator picks it
    seconds_range = (8.0, 30.0)  # the model was trained on 30 s clips
    guidance_scale = 3.0  # the release's own generation_config value
    loop_overlap = 1.0  # extra seconds generated to cross-fade the end into the start
    attention = ATTENTION

    def __init__(self) -> None:
        super().__init__()
        self._generate_lock = threading.Lock()  # one generation at a time per loaded model

    def load(self) -> None:
        from ..device import configure_torch_threads, torch_device

        configure_torch_threads()
        self.device = torch_device()
        self.processor, self.model = load_musicgen(self.model_path("musicgen-small"), self.device, self.attention)

    def tokens_for(self, seconds: float) -> int:
        """Decoder steps for `seconds` of audio (the codebook delay pattern costs a few extra steps)."""
        rate = self.model.config.audio_encoder.frame_rate
        return int(math.ceil(seconds * rate)) + self.model.decoder.config.num_codebooks

    def generate(self, prompt: str, seconds: float, seed: int, progress: Progress = no_progress):
        """(audio float32 (frames, 1), sample rate) of at least `seconds` for a text prompt."""
        import torch
        from transformers.generation.streamers import BaseStreamer

        steps = self.tokens_for(seconds)

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
        return audio[:, None].astype(np.float32), int(self.model.config.audio_encoder.sampling_rate)
