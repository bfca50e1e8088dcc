"""Music as files: WAV and MP3 that decode to the asked length, the music.compose job, the command line."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from pipelines.music import compose, decode, duration, write_audio

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("seconds", [5, 12.5])
def test_wav_and_mp3_decode_with_the_expected_duration(tmp_path, atelier_env, seconds):
    music = compose("joy", seconds, seed=2)
    files = music.write(tmp_path, "theme")
    assert sorted(files) == ["mp3", "wav"]
    assert duration(files["wav"]) == pytest.approx(seconds, abs=1 / music.sample_rate)
    # MP3 frames hold 1152 samples and LAME adds its encoder delay: a few frames more at most
    assert seconds <= duration(files["mp3"]) < seconds + 0.1
    wav, rate = decode(files["wav"])
    assert rate == music.sample_rate and wav.shape == music.audio.shape
    assert np.abs(wav - music.audio).max() < 2 / 32768  # 16-bit PCM, nothing else changed
    mp3, mp3_rate = decode(files["mp3"])
    assert mp3_rate == music.sample_rate and mp3.shape[1] == 2
    assert Path(files["mp3"]).stat().st_size < Path(files["wav"]).stat().st_size / 5
    # the compressed music still sounds like the original: same loudness within 1 dB
    rms = lambda a: float(np.sqrt(np.mean(a**2)))  # noqa: E731
    assert abs(20 * np.log10(rms(mp3) / rms(music.audio))) < 1.0


def test_mono_audio_and_bad_paths(tmp_path):
    tone = np.sin(np.linspace(0, 2000 * np.pi, 32000)).astype(np.float32) * 0.5
    assert duration(write_audio(tone, 32000, tmp_path / "tone.wav")) == pytest.approx(1.0)
    assert decode(write_audio(tone, 32000, tmp_path / "tone.mp3"))[0].shape[1] == 1
    with pytest.raises(ValueError, match=r"\.wav or \.mp3"):
        write_audio(tone, 32000, tmp_path / "tone.ogg")
    with pytest.raises(ValueError, match="sample rate"):
        write_audio(tone, 12345, tmp_path / "tone.mp3")
    assert not list(tmp_path.glob(".*part"))  # nothing half-written is left behind


def test_compose_job_stores_a_music_artifact(immediate_queue, store, workshop):
    owner = store.add_participant(workshop["id"], "Zoé")["id"]
    job_id = immediate_queue.submit("music.compose", {"mood": "mystery", "seconds": 6, "seed": 7, "genre": "lullaby",
                                                      "title": "Le thème du livre"}, owner=owner,
                                    workshop_id=workshop["id"])
    job = immediate_queue.get(job_id)
    assert job.state == "done", job.error
    files = job.files()
    assert duration(files["wav"]) == pytest.approx(6, abs=1e-3)
    assert duration(files["mp3"]) == pytest.approx(6, abs=0.1)
    same = compose("mystery", 6, seed=7, genre="lullaby")
    assert np.abs(decode(files["wav"])[0] - same.audio).max() < 2 / 32768  # the job makes what compose() makes
    (artifact,) = store.artifacts(workshop_id=workshop["id"])
    assert artifact["kind"] == "music" and artifact["title"] == "Le thème du livre"
    assert artifact["owner"] == owner and artifact["seed"] == 7 and not artifact["ai_made"]
    assert artifact["params"]["beats_per_bar"] == 3 and artifact["params"]["loop"] is True
    assert job.result["music"]["backend"] == "music.generate.composer"


@pytest.mark.parametrize("params,key", [
    ({"mood": "grumpy"}, "music.errors.mood"),
    ({"mood": "calm", "seconds": 0}, "music.errors.seconds"),
    ({"mood": "calm", "seed": "x"}, "music.errors.param"),
    ({"mood": "calm", "tempo": 300}, "music.errors.param"),
    ({"mood": "calm", "backend": "musicgen"}, "errors.backend_weights"),
])
def test_compose_job_fails_with_a_message_the_user_can_read(immediate_queue, params, key):
    job = immediate_queue.get(immediate_queue.submit("music.compose", params))
    assert job.state == "failed" and job.error["key"] == key


def test_command_line_writes_the_files(tmp_path, atelier_env):
    from pipelines.cli import main

    wav, mp3 = tmp_path / "x.wav", tmp_path / "x.mp3"
    assert main(["music", "compose", "--mood", "calm", "--seconds", "4", "--seed", "3",
                 "--out", str(wav), "--out", str(mp3)]) == 0
    assert duration(wav) == pytest.approx(4, abs=1e-3) and duration(mp3) == pytest.approx(4, abs=0.1)
    assert np.abs(decode(wav)[0] - compose("calm", 4, seed=3).audio).max() < 2 / 32768
    assert main(["music", "compose", "--seconds", "1", "--out", str(wav)]) == 2  # a clear message, exit code 2


def test_importing_music_loads_no_model_library():
    code = ("import sys, pipelines.music, pipelines.music.job, pipelines.music.cli, pipelines.music.backends; "
            "print(sorted(m for m in ('torch', 'transformers', 'diffusers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
