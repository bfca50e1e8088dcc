"""MusicGen's decoder steps and EnCodec on OpenVINO through the real path: the tiny MusicGen (real
transformers classes, musicgen-small file layout) installed like a library does, converted at its
first piece beside its weights (recorded in the lock), compared with transformers' ``generate``."""
from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("openvino")

from pipelines.i18n import UserError  # noqa: E402
from pipelines.models.manager import LOCK_NAME, ModelManager  # noqa: E402
from pipelines.music import compose  # noqa: E402
from pipelines.music import openvino_musicgen as ovm  # noqa: E402
from pipelines.music.backends import MusicgenBackend  # noqa: E402
from tests.fixtures.models_common import first_use_data_dir, flip_a_byte, install_as_model  # noqa: E402

MODEL, NAME = "musicgen-small", "music.generate.musicgen"
IR = ovm.ir_paths("f32")
# bf16 computing against f32, same tokens fed (teacher forcing): relative L2 error of the logits of
# each step and of the EnCodec audio. Measured on the real architecture by bench.openvino_models.
BF16_LOGITS, BF16_AUDIO = 0.02, 0.02


def _piece(seed: int = 5):
    return compose("mystery", 1.0, seed=seed, backend="musicgen", loop=False)


@pytest.fixture(scope="module")
def first_piece(tiny_musicgen_dir, tmp_path_factory):
    """The tiny MusicGen installed (no IR yet), then one piece on OpenVINO in f32 (the first piece
    converts) and the same piece on PyTorch. Once per module (the conversion is the slow part)."""
    from pipelines import backends, config

    with first_use_data_dir(tmp_path_factory, "ov-music", ATELIER_ENGINE_PRECISION="f32") as (data, mp):
        mp.setattr(MusicgenBackend, "seconds_range", (1.0, 30.0))
        install_as_model(MODEL, tiny_musicgen_dir)
        lock_before = json.loads((ModelManager().folder(MODEL) / LOCK_NAME).read_text())
        steps = []
        music = compose("mystery", 1.0, seed=5, backend="musicgen", loop=False,
                        progress=lambda fraction, key: steps.append((fraction, key)))
        backend = backends.get(NAME)
        engine = backend.openvino
        mp.setenv("ATELIER_ENGINE", "pytorch")
        config.reset_settings()
        mp.setattr(backends, "_instances", {})
        reference = _piece()
    return {"models": data / "models", "music": music, "reference": reference, "engine": engine,
            "lock_before": lock_before, "steps": steps, "model": backend.model, "processor": backend.processor}


@pytest.fixture
def converted(first_piece, shared_models, openvino_f32, monkeypatch, fresh_backends):
    """The installed, converted model in this test's data dir (shared, not copied), OpenVINO on, f32."""
    monkeypatch.setattr(MusicgenBackend, "seconds_range", (1.0, 30.0))
    return shared_models(first_piece["models"], MODEL)


def test_first_piece_converts_records_the_files_and_gives_the_pytorch_music(first_piece):
    assert "derived" not in first_piece["lock_before"]  # nothing converted at install
    engine, music, reference = first_piece["engine"], first_piece["music"], first_piece["reference"]
    assert engine is not None and engine.converted_s > 0 and engine.made_by == "openvino f32"
    lock = json.loads((first_piece["models"] / MODEL / LOCK_NAME).read_text())
    assert set(IR) <= set(lock["derived"]) and "convert_model" in lock["derived"][IR[0]]["made_by"]
    assert music.details["engines"] == {NAME: "openvino f32"}
    assert reference.details["engines"] == {NAME: "torch"}
    # f32: same seed, same codes, the same audio up to float rounding (another code would differ by far more)
    assert music.audio.shape == reference.audio.shape == (32000, 1)
    assert np.abs(music.audio).max() > 0.1
    assert np.abs(music.audio - reference.audio).max() < 1e-4
    keys = [key for _, key in first_piece["steps"]]
    assert "music.progress.convert" in keys and "music.progress.model" in keys
    assert [f for f, _ in first_piece["steps"]] == sorted(f for f, _ in first_piece["steps"])


def test_the_codes_are_those_of_generate_for_other_seeds_and_lengths(first_piece):
    """The sampling loop against transformers' generate (guidance 3, top-k, delay pattern), f32."""
    import torch

    engine, model, processor = first_piece["engine"], first_piece["model"], first_piece["processor"]
    prompt = "joyful playful bright music"
    for steps, seed in ((17, 0), (41, 123)):
        with torch.inference_mode():
            inputs = processor(text=[prompt], padding=True, return_tensors="pt")
            torch.manual_seed(seed)
            expected = model.generate(**inputs, do_sample=True, guidance_scale=3.0, max_new_tokens=steps)[0, 0]
        got = engine.generate(processor, prompt, steps, seed, 3.0)
        assert got.shape == tuple(expected.shape)
        assert np.abs(got - expected.numpy()).max() < 1e-4, (steps, seed)


def _teacher_forced(engine, processor, tokens: np.ndarray) -> np.ndarray:
    """The step logits (steps, 2K, V) when the same tokens (steps, 2K, 1) are fed."""
    request = engine.step
    request.reset_state()
    cross = engine._cross(processor, "calm gentle music")  # shared with the request: kept alive
    for name, value in cross.items():
        request.set_tensor(name, ovm._tensor(value))
    logits = []
    for ids in tokens:
        request.set_tensor("input_ids", ovm._tensor(ids, shared=False))
        request.infer()
        logits.append(request.get_tensor("logits").data[:, -1].copy())
    request.reset_state()
    return np.stack(logits)


def test_bf16_stays_within_its_stated_tolerance(first_piece, atelier_env):
    """The same files compiled for bf16: logits per step and EnCodec audio within BF16_* of f32."""
    import openvino as ov

    from pipelines.imagegen.openvino_engine import compile_config, cpu_precision

    if cpu_precision() != "bf16":
        pytest.skip("this CPU has no bf16 units: the app computes in f32 here")
    f32 = first_piece["engine"]
    folder = first_piece["models"] / MODEL
    core = ov.Core()
    bf16 = ovm.OpenVINOMusicgen(f32.model, core.compile_model(folder / IR[0], "CPU", compile_config("bf16")),
                                folder / IR[2], "bf16", 0, 0)
    rng = np.random.default_rng(0)
    codebooks = f32.model.decoder.num_codebooks
    tokens = rng.integers(0, 64, (30, 2 * codebooks, 1)).astype(np.int64)
    a, b = _teacher_forced(f32, first_piece["processor"], tokens), _teacher_forced(bf16, first_piece["processor"],
                                                                                  tokens)
    errors = np.linalg.norm((a - b).reshape(len(a), -1), axis=1) / np.linalg.norm(a.reshape(len(a), -1), axis=1)
    assert errors.max() < BF16_LOGITS, errors.max()
    for frames in (50, 51):  # 51: a length the free-length EnCodec failed on in bf16 (now compiled per length)
        codes = rng.integers(0, 64, (1, 1, codebooks, frames)).astype(np.int64)
        x, y = f32.decode(codes), bf16.decode(codes)
        assert np.linalg.norm(x - y) / np.linalg.norm(x) < BF16_AUDIO
    assert bf16.made_by == "openvino bf16"


def test_a_second_load_uses_the_recorded_files_without_converting(converted, fresh_backends):
    music = _piece(seed=2)
    engine = fresh_backends.get(NAME).openvino
    assert engine is not None and engine.converted_s == 0
    assert music.details["engines"] == {NAME: "openvino f32"}


def test_a_changed_converted_file_is_refused(converted, fresh_backends):
    flip_a_byte(converted.folder(MODEL) / IR[1])
    with pytest.raises(UserError) as caught:
        _piece()
    assert caught.value.key == "errors.model_corrupt" and IR[1] in str(caught.value.params)


def test_pytorch_when_asked_and_doctor_says_the_engine(converted, fresh_backends, monkeypatch, capsys):
    from pipelines import config
    from pipelines.doctor import cmd_doctor

    cmd_doctor(None)
    line = next(x for x in capsys.readouterr().out.splitlines() if x.strip().startswith(MODEL) and "(" in x)
    assert "OpenVINO f32" in line and "OpenVINO files ready" in line, line
    monkeypatch.setenv("ATELIER_ENGINE", "pytorch")
    config.reset_settings()
    assert _piece().details["engines"] == {NAME: "torch"}
    cmd_doctor(None)
    line = next(x for x in capsys.readouterr().out.splitlines() if x.strip().startswith(MODEL) and "(" in x)
    assert "PyTorch fp32 (engine = pytorch in the settings)" in line, line


def test_app_start_converts_nothing_and_the_models_page_says_the_engine(installed_musicgen, monkeypatch):
    """Starting the studio and opening the models page never converts: MusicGen's OpenVINO files
    are made at its first piece."""
    from streamlit.testing.v1 import AppTest

    from pipelines import config
    from tests.conftest import ROOT, _clear_app_resources

    monkeypatch.delenv("ATELIER_ENGINE", raising=False)
    config.reset_settings()
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    monkeypatch.chdir(ROOT)
    _clear_app_resources()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not app.exception
    app.switch_page("pages/models.py").run()
    assert not app.exception
    texts = "\n".join(str(m.value) for m in list(app.markdown) + list(app.caption))
    from pipelines.photo.openvino_runner import precision

    assert f"Moteur utilisé pour {MODEL} : OpenVINO (processeur), précision {precision()}" in texts
    assert "Fichiers OpenVINO : préparés à la première musique" in texts
    assert not (installed_musicgen / "openvino").exists()
    assert "derived" not in json.loads((installed_musicgen / LOCK_NAME).read_text())


def test_models_convert_makes_the_files_the_first_piece_then_uses(installed_musicgen, monkeypatch, fresh_backends,
                                                                    capsys):
    """`models convert musicgen-small` (what `models download` / `import` do on a CPU machine)."""
    from pipelines import config
    from pipelines.cli import main

    monkeypatch.delenv("ATELIER_ENGINE", raising=False)
    monkeypatch.setenv("ATELIER_ENGINE_PRECISION", "f32")
    monkeypatch.setattr(MusicgenBackend, "seconds_range", (1.0, 30.0))
    config.reset_settings()
    assert main(["models", "convert", MODEL]) == 0
    assert "OpenVINO files recorded in its lock" in capsys.readouterr().out
    lock = json.loads((installed_musicgen / LOCK_NAME).read_text())
    assert set(IR) <= set(lock["derived"])
    music = _piece()
    assert music.details["engines"] == {NAME: "openvino f32"}
    assert fresh_backends.get(NAME).openvino.converted_s == 0
