"""The OpenVINO engine through the real path: tiny SD-Turbo and TAESD installed like a library does,
converted to OpenVINO IR beside their files (recorded in the lock), pictures compared with PyTorch's."""
from __future__ import annotations

import json

import pytest
from PIL import Image

pytest.importorskip("openvino")

from pipelines.i18n import UserError  # noqa: E402
from pipelines.imagegen import openvino_engine as ove  # noqa: E402
from pipelines.imagegen.generate import ImageRequest, generate_image  # noqa: E402
from pipelines.models.manager import LOCK_NAME, ModelManager  # noqa: E402
from tests.fixtures.models_common import first_use_data_dir, flip_a_byte, install_as_model  # noqa: E402

HERO = "a blue dragon hero"


REQUEST = dict(prompt="a cat eats an ice cream", seed=3, steps=2, width=64, height=64)


@pytest.fixture(scope="module")
def first_use(tiny_sd_folders, tmp_path_factory):
    """Tiny SD-Turbo + TAESD installed like `models import` does (no IR yet), then one picture: the
    first use converts both models. Done once per module (conversion is the slow part); returns
    {"models": models dir, "result": GeneratedImage, "seen": progress reports, "before": converted?}."""
    with first_use_data_dir(tmp_path_factory, "ov-first-use") as (data, _):
        install_as_model("sd-turbo", tiny_sd_folders[0])
        install_as_model("taesd", tiny_sd_folders[1])
        before = ove.is_converted("sd-turbo") or ove.is_converted("taesd")
        seen: list = []
        result = generate_image(ImageRequest(**REQUEST), progress=lambda f, key: seen.append((f, key)))
    return {"models": data / "models", "result": result, "seen": seen, "before": before}


@pytest.fixture
def openvino_installed(first_use, shared_models, fresh_backends):
    """The converted models (files, IR and locks) in this test's data dir (shared, not copied), fresh backends."""
    return shared_models(first_use["models"], "sd-turbo", "taesd")


def _psnr(a: Image.Image, b: Image.Image) -> float:
    return ove.psnr(a, b)


def _pytorch_picture(monkeypatch, request: ImageRequest) -> Image.Image:
    """The same request through the PyTorch engine (fresh backends)."""
    from pipelines import backends, config

    monkeypatch.setenv("ATELIER_ENGINE", "pytorch")
    config.reset_settings()
    backends._instances.clear()
    try:
        result = generate_image(request)
        assert result.engine == "PyTorch fp32"
        return result.image
    finally:
        monkeypatch.delenv("ATELIER_ENGINE")
        config.reset_settings()
        backends._instances.clear()


def test_precision_follows_the_cpu_units():
    assert ove.cpu_precision({"avx512f", "amx_bf16", "amx_tile"}) == "bf16"
    assert ove.cpu_precision({"avx512f", "avx512_bf16"}) == "bf16"
    assert ove.cpu_precision({"avx2", "fma"}) == "f32"
    assert ove.cpu_precision(set()) == "f32"


def test_first_use_converts_with_progress_records_the_files_and_matches_pytorch(first_use, openvino_installed,
                                                                                monkeypatch):
    """No IR at install: the first picture converts both models (progress reported), records the IR
    in the locks, and its picture is the PyTorch picture of the same seed within tolerance."""
    result, seen, manager = first_use["result"], first_use["seen"], openvino_installed
    assert first_use["before"] is False
    assert result.backend == "imagegen.txt2img.sd"
    assert result.engine == f"OpenVINO {ove.cpu_precision()}" and result.metadata["Engine"] == result.engine
    assert [k for _, k in seen].count("imagegen.progress.convert_done") == 2
    assert "imagegen.progress.convert_unet" in [k for _, k in seen]
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)  # the bar never goes back
    for model_id, parts in (("sd-turbo", ove.SD_PARTS), ("taesd", ove.TAESD_PARTS)):
        lock = json.loads((manager.folder(model_id) / LOCK_NAME).read_text())
        assert sorted(lock["derived"]) == sorted(ove.ir_files(parts))
        assert all(lock["derived"][p]["sha256"] for p in lock["derived"])
        assert manager.verify(model_id) == []
    reference = _pytorch_picture(monkeypatch, ImageRequest(**REQUEST))
    # bf16 here (this CPU has bf16 units), f32 elsewhere: both stay close to the fp32 picture
    assert _psnr(result.image, reference) >= 35.0


def _torch_latents(model, chunks, seed, steps, size):
    import torch

    with torch.inference_mode():
        return model.pipe(prompt_embeds=model.prompt_embeds(chunks), guidance_scale=0.0, num_inference_steps=steps,
                          width=size, height=size, generator=torch.Generator("cpu").manual_seed(seed),
                          output_type="latent").images


def test_f32_engine_matches_pytorch_for_text_hero_and_drawing(openvino_installed):
    """f32 OpenVINO against PyTorch fp32: same seed, same noise and scheduler -> the same latents and
    picture, for one prompt chunk, a hero's description (two chunks) and drawing->image; bf16 close."""
    from pipelines.imagegen.model import ImageModel, ModelFacts

    manager = openvino_installed
    facts = ModelFacts.from_entry(manager.entry("sd-turbo"))
    folder, decoder = manager.folder("sd-turbo"), manager.folder("taesd")
    engine = ove.OpenVINOImageModel.load(folder, facts, decoder, "f32")
    torch_model = ImageModel.load(folder, facts, decoder)
    for chunks, steps in ((["a cat"], 1), ([HERO, "eats an ice cream"], 4)):
        ours = engine.denoise(chunks, "", seed=5, steps=steps, width=64, height=64)
        theirs = _torch_latents(torch_model, chunks, 5, steps, 64)
        assert float((ours - theirs).norm() / theirs.norm()) < 1e-3, chunks
        other = _torch_latents(torch_model, chunks, 6, steps, 64)
        assert float((other - theirs).norm() / theirs.norm()) > 0.5  # another seed is another picture
        assert _psnr(engine.decode(ours), torch_model.generate(chunks, "", seed=5, steps=steps, width=64,
                                                               height=64)) >= 50
    # a panel alone and a panel with its hero ran on one compiled UNet (77 tokens given twice, exact above)
    assert engine.parts["unet"].shapes == [((1, 4, 8, 8), (1,), (1, 2 * 77, engine.parts["unet"].hidden))]
    drawing = Image.new("RGB", (90, 70), (200, 40, 30))
    a = engine.generate(["a red castle"], "", seed=5, steps=2, width=64, height=64, init_image=drawing, strength=0.6)
    b = torch_model.generate(["a red castle"], "", seed=5, steps=2, width=64, height=64, init_image=drawing,
                             strength=0.6)
    assert _psnr(a, b) >= 50
    bf16 = ove.OpenVINOImageModel.load(folder, facts, decoder, "bf16").denoise(["a cat"], "", seed=5, steps=1,
                                                                                 width=64, height=64)
    theirs = _torch_latents(torch_model, ["a cat"], 5, 1, 64)
    assert float((bf16 - theirs).norm() / theirs.norm()) < 0.05


def test_the_compiled_model_cache_is_hit_by_the_next_process(openvino_installed):
    """Loading the engine again (a new OpenVINO Core, as a restarted worker) finds every part in the
    compiled-model cache of the data dir instead of compiling it again."""
    from pipelines.imagegen.model import ModelFacts

    manager = openvino_installed
    facts = ModelFacts.from_entry(manager.entry("sd-turbo"))
    first = ove.OpenVINOImageModel.load(manager.folder("sd-turbo"), facts, manager.folder("taesd"), "f32")
    first.warm_up(64, 64)
    assert first.cache_hits() == {"unet": False, "text_encoder": False, "decoder": False}
    assert any((ove.cache_dir() / "f32").iterdir())
    again = ove.OpenVINOImageModel.load(manager.folder("sd-turbo"), facts, manager.folder("taesd"), "f32")
    again.warm_up(64, 64)
    assert again.cache_hits() == {"unet": True, "text_encoder": True, "decoder": True}


def test_a_changed_converted_file_is_refused(openvino_installed):
    from pipelines import backends

    flip_a_byte(openvino_installed.folder("sd-turbo") / "openvino" / "unet.bin")
    with pytest.raises(UserError) as refused:
        generate_image(ImageRequest(prompt="a dog", seed=1, width=64, height=64))
    assert refused.value.key == "errors.model_corrupt"
    assert "openvino/unet.bin" in str(refused.value) and "models convert sd-turbo" in str(refused.value)
    assert backends.get("imagegen.txt2img.sd").model is None  # nothing was drawn with it
    assert any("openvino/unet.bin" in p for p in openvino_installed.verify("sd-turbo"))


def test_comic_panel_job_records_the_engine(openvino_installed, tmp_path):
    """A panel job as the comics page queues it (hero description, seed): the result and the PNG say
    which engine drew it."""
    from pipelines.jobs.registry import resolve_kind
    from pipelines.comics.prompts import _Context

    out = tmp_path / "panel-1"
    out.mkdir()
    result = resolve_kind("imagegen.generate")({"prompt": "un dragon mange une glace", "character": HERO,
                                               "seed": 4242, "style": "ligne_claire"}, _Context(out_dir=out))
    expected = f"OpenVINO {ove.cpu_precision()}"
    assert result["engine"] == expected and result["backend"] == "imagegen.txt2img.sd"
    assert Image.open(result["files"]["image"]).text["Engine"] == expected


def test_pytorch_stays_the_path_when_asked_or_without_the_tiny_decoder(sd_turbo_installed, monkeypatch):
    from pipelines import backends, config

    backend = backends.get("imagegen.txt2img.sd")
    assert backend.engines() == ["pytorch"]  # TAESD is not installed: the OpenVINO path needs it
    assert backend.engine_reason() == "no_taesd"
    # SDXL-Turbo is offered with a graphics card only (PyTorch there); its tiny decoder is TAESDXL
    sdxl = backends.get("imagegen.txt2img.sdxl")
    assert not sdxl.is_available() and sdxl.engine_reason() == "no_taesd" and sdxl.facts().decoder_id == "taesdxl"
    monkeypatch.setenv("ATELIER_ENGINE", "pytorch")
    config.reset_settings()
    assert backend.engines() == ["pytorch"] and backend.engine_reason() == "setting"


def _app(monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT, _clear_app_resources

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")  # AppTest runs the script only
    monkeypatch.chdir(ROOT)
    _clear_app_resources()
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


def test_no_conversion_when_the_app_starts(taesd_installed, monkeypatch):
    """Starting the studio (home page, models page) never converts: conversion is an install step
    or the first picture's."""
    from pipelines import backends

    app = _app(monkeypatch).run()
    assert not app.exception
    app.switch_page("pages/models.py").run()
    assert not app.exception
    assert [b.engines()[0] for b in backends.for_capability("imagegen.txt2img") if b.is_available()] == ["openvino"]
    manager = ModelManager()
    for model_id in ("sd-turbo", "taesd"):
        assert not (manager.folder(model_id) / ove.IR_DIR).exists()
        assert "derived" not in json.loads((manager.folder(model_id) / LOCK_NAME).read_text())


def test_doctor_reports_the_engine_and_precision(openvino_installed, capsys):
    from pipelines.doctor import cmd_doctor

    cmd_doctor(None)
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.strip().startswith("sd-turbo") and "OpenVINO" in x)
    assert f"OpenVINO {ove.cpu_precision()}" in line and "OpenVINO files ready" in line
    assert f"this CPU computes in {ove.cpu_precision()}" in out
    assert "a library's SDXL folder runs on OpenVINO with TAESDXL installed; SDXL-Turbo is offered with a " \
           "graphics card of 8 GB or more only" in out


def test_int8_is_offered_only_after_a_comparison_within_tolerance(openvino_installed, tmp_path):
    """The models page's comparison job makes the int8 weights (recorded in the lock), compares the
    pictures; int8 is used only once turned on after a passed comparison."""
    from pipelines import backends
    from pipelines.comics.prompts import _Context
    from pipelines.jobs.registry import resolve_kind

    ove.set_int8("sd-turbo", True)  # asked before any comparison: not used
    assert ove.chosen_precision("sd-turbo") == ove.cpu_precision()
    result = resolve_kind("imagegen.compare_int8")({"model": "sd-turbo"}, _Context(out_dir=tmp_path))
    check = result["check"]
    assert check["tolerance_db"] == ove.INT8_MIN_PSNR and check["reference"] == ove.cpu_precision()
    assert check["passed"] == (check["psnr_db"] >= ove.INT8_MIN_PSNR)
    assert ove.int8_check(openvino_installed.folder("sd-turbo")) == check
    assert openvino_installed.derived_ready("sd-turbo", ove.ir_files((ove.INT8_PART,)))
    if not check["passed"]:
        assert ove.chosen_precision("sd-turbo") == ove.cpu_precision()
        return
    assert ove.chosen_precision("sd-turbo") == "int8"
    picture = generate_image(ImageRequest(prompt="a dog", seed=1, width=64, height=64))
    assert picture.engine == "OpenVINO int8" and backends.get("imagegen.txt2img.sd").engine == "openvino"
    ove.set_int8("sd-turbo", False)
    assert ove.chosen_precision("sd-turbo") == ove.cpu_precision()


def test_models_page_says_the_engine_and_offers_int8_after_a_passed_comparison(openvino_installed, monkeypatch):
    app = _app(monkeypatch).run()
    app.switch_page("pages/models.py").run()
    assert not app.exception
    texts = "\n".join(str(m.value) for m in list(app.markdown) + list(app.caption))
    assert f"Moteur utilisé pour sd-turbo : OpenVINO (processeur), précision {ove.cpu_precision()}" in texts
    assert "Fichiers OpenVINO : prêts" in texts
    assert [b.label for b in app.button if "int8" in b.label] == ["Comparer les images int8"]
    assert not [t for t in app.toggle if t.key.startswith("int8")]  # no comparison yet: nothing to turn on
    folder = openvino_installed.folder("sd-turbo") / ove.IR_DIR
    (folder / ove.INT8_CHECK).write_text(json.dumps({"psnr_db": 34.2, "tolerance_db": ove.INT8_MIN_PSNR,
                                                    "passed": True, "reference": ove.cpu_precision(),
                                                    "prompts": 2, "date": "2026-11-29T12:00:00"}))
    app.run()
    assert "34.2 dB" in "\n".join(str(m.value) for m in app.markdown)
    app.toggle(key="int8-sd-turbo").set_value(True).run()
    assert ove.chosen_precision("sd-turbo") == "int8"
