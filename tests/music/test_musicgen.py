"""MusicGen small through the real loading path, with a tiny model of the same classes and file layout."""
from __future__ import annotations

import numpy as np
import pytest

from pipelines import backends
from pipelines.i18n import UserError
from pipelines.music import compose
from pipelines.music.backends import MusicgenBackend
from pipelines.commands import studio


def test_musicgen_is_offered_only_when_installed_and_never_by_default(atelier_env):
    backend = backends.get("music.generate.musicgen")
    assert not backend.is_available()
    assert backend.install_commands() == [studio("models download musicgen-small")]
    with pytest.raises(UserError) as caught:
        compose("calm", 10, seed=0, backend="musicgen")
    assert caught.value.key == "errors.backend_weights"
    assert backends.choose("music.generate").name == "music.generate.composer"


def test_tiny_musicgen_composes_through_the_catalogue_folder(installed_musicgen, monkeypatch):
    # The real model's range is 8-30 s; one second keeps the tiny model's test short.
    monkeypatch.setattr(MusicgenBackend, "seconds_range", (1.0, 30.0))
    monkeypatch.setattr(MusicgenBackend, "loop_overlap", 0.25)
    assert backends.choose("music.generate").name == "music.generate.composer"  # non-commercial: opt-in only
    steps = []
    music = compose("mystery", 1.0, seed=5, backend="musicgen", story="Zoé et l'écureuil", loop=False,
                    progress=lambda fraction, key: steps.append((fraction, key)))
    backend = backends.get("music.generate.musicgen")
    assert backend.model.dtype.is_floating_point and str(backend.model.dtype) == "torch.float32"
    assert backend.model.config.decoder._attn_implementation == "sdpa"
    assert music.sample_rate == 32000 and music.audio.shape == (32000, 1)
    assert music.ai_made and music.backend == "music.generate.musicgen"
    assert "mysterious" in music.prompt and "Zoé et l'écureuil" in music.prompt
    assert np.isfinite(music.audio).all() and np.abs(music.audio).max() > 0.1
    assert abs(music.audio[0, 0]) < 1e-6 and abs(music.audio[-1, 0]) < 1e-3  # faded in and out
    assert any(key == "music.progress.model" for _, key in steps)
    assert [f for f, _ in steps] == sorted(f for f, _ in steps) and steps[-1] == (1.0, "music.progress.done")
    looped = compose("mystery", 1.0, seed=5, backend="musicgen", loop=True)
    assert looped.audio.shape == (32000, 1)


def test_tampered_weights_are_refused(installed_musicgen):
    with open(installed_musicgen / "model.safetensors", "r+b") as fh:
        fh.seek(-8, 2)
        fh.write(b"\x00" * 8)
    with pytest.raises(UserError) as caught:
        backends.get("music.generate.musicgen").ensure_loaded()
    assert caught.value.key == "errors.model_corrupt"
