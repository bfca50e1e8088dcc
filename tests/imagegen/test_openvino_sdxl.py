"""The OpenVINO engine with a library's SDXL folder: a tiny SDXL (two text encoders, text_time UNet)
and TAESDXL installed like a library does, converted at first use, pictures compared with PyTorch's."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

pytest.importorskip("openvino")

from pipelines.i18n import UserError  # noqa: E402
from pipelines.imagegen import openvino_engine as ove  # noqa: E402
from pipelines.imagegen.generate import ImageRequest, generate_image  # noqa: E402
from pipelines.models.manager import LOCK_NAME  # noqa: E402
from tests.fixtures.models_common import first_use_data_dir, flip_a_byte, install_as_model  # noqa: E402

LIBRARY = "imagegen.txt2img.library"
REQUEST = dict(prompt="a cat eats an ice cream", seed=3, steps=2, width=64, height=64, backend=LIBRARY)


def write_catalogue(data_dir: Path, folder: Path) -> None:
    """The library's catalogue entry for its SDXL folder (guidance 3: the negative prompt is used)."""
    files = "\n".join(f'  {{ path = "{p.relative_to(folder).as_posix()}" }},'
                      for p in sorted(folder.rglob("*")) if p.is_file())
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "catalog.toml").write_text(f'''
["library-sdxl"]
capability = "imagegen.txt2img"
backend = "{LIBRARY}"
what_fr = "Le modèle SDXL de la médiathèque"
what_en = "The library's SDXL model"
licence = "CreativeML OpenRAIL++-M"
licence_url = "https://example.org/licence"
licence_verified = true
non_commercial = false
source = "local"
variant = "fp16"
pipeline = "sdxl"
steps = 2
guidance = 3.0
size = 64
files = [
{files}
]
''')


@pytest.fixture(scope="module")
def sdxl_first_use(tiny_sdxl_folder, tiny_sd_folders, tmp_path_factory):
    """The tiny SDXL folder and TAESDXL installed (no IR), then one picture: the first use converts
    both. Once per module; returns {"data": data dir, "result", "seen": progress reports, "before"}."""
    from pipelines import backends

    with first_use_data_dir(tmp_path_factory, "ov-sdxl-first-use") as (data, _):
        write_catalogue(data, tiny_sdxl_folder)
        install_as_model("library-sdxl", tiny_sdxl_folder)
        install_as_model("taesdxl", tiny_sd_folders[1])  # an AutoencoderTiny folder in the taesdxl layout
        before = ove.is_converted("library-sdxl") or ove.is_converted("taesdxl")
        reason = backends.get(LIBRARY).engine_reason()
        seen: list = []
        result = generate_image(ImageRequest(**REQUEST), progress=lambda f, key: seen.append((f, key)))
    return {"data": data, "result": result, "seen": seen, "before": before, "reason": reason}


@pytest.fixture
def sdxl_installed(atelier_env, sdxl_first_use, tiny_sdxl_folder, shared_models, fresh_backends):
    """The converted SDXL folder and TAESDXL (files, IR and locks) in this test's data dir (shared, not copied)."""
    write_catalogue(Path(atelier_env.data_dir), tiny_sdxl_folder)
    return shared_models(sdxl_first_use["data"] / "models", "library-sdxl", "taesdxl")


def _pytorch_picture(monkeypatch, request: ImageRequest) -> Image.Image:
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


def test_a_library_sdxl_folder_converts_at_first_use_and_draws_on_openvino(sdxl_first_use, sdxl_installed,
                                                                          monkeypatch):
    """No IR at install and no reason for PyTorch: the first picture converts the SDXL folder (both text
    encoders and the UNet) and TAESDXL, records the IR in their locks, and draws what PyTorch draws."""
    result, seen, manager = sdxl_first_use["result"], sdxl_first_use["seen"], sdxl_installed
    assert sdxl_first_use["before"] is False and sdxl_first_use["reason"] == ""
    assert result.backend == LIBRARY and result.model == "library-sdxl"
    assert result.engine == f"OpenVINO {ove.cpu_precision()}" and result.metadata["Engine"] == result.engine
    assert [k for _, k in seen].count("imagegen.progress.convert_done") == 2
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)
    for model_id, parts in (("library-sdxl", ove.SDXL_PARTS), ("taesdxl", ove.TAESD_PARTS)):
        lock = json.loads((manager.folder(model_id) / LOCK_NAME).read_text())
        assert sorted(lock["derived"]) == sorted(ove.ir_files(parts))
        assert manager.verify(model_id) == []
    reference = _pytorch_picture(monkeypatch, ImageRequest(**REQUEST))
    assert ove.psnr(result.image, reference) >= 35.0  # bf16 here (AMX), f32 elsewhere


def _torch_latents(model, prompt, negative, guidance, seed, steps, size):
    import torch

    with torch.inference_mode():
        return model.pipe(prompt=prompt, negative_prompt=negative, guidance_scale=guidance,
                          num_inference_steps=steps, width=size, height=size,
                          generator=torch.Generator("cpu").manual_seed(seed), output_type="latent").images


def test_f32_sdxl_engine_matches_pytorch_for_text_hero_and_drawing(sdxl_installed):
    """f32 OpenVINO against diffusers' StableDiffusionXLPipeline in fp32 with guidance: same seed, same
    Euler ancestral noise, same prompt and negative encoding and time ids -> the same latents, for one
    chunk and a hero's description (chunks joined as the PyTorch path does), and drawing->image."""
    from pipelines.imagegen.model import ImageModel, ModelFacts

    manager = sdxl_installed
    facts = ModelFacts.from_entry(manager.entry("library-sdxl"))
    assert facts.pipeline == "sdxl" and facts.decoder_id == "taesdxl" and facts.guidance == 3.0
    folder, decoder = manager.folder("library-sdxl"), manager.folder("taesdxl")
    engine = ove.OpenVINOImageModel.load(folder, facts, decoder, "f32")
    torch_model = ImageModel.load(folder, facts, decoder)
    for chunks, steps in ((["a cat"], 1), (["a blue dragon hero", "eats an ice cream"], 3)):
        ours = engine.denoise(chunks, "dark", seed=5, steps=steps, width=64, height=64)
        theirs = _torch_latents(torch_model, ", ".join(chunks), "dark", facts.guidance, 5, steps, 64)
        assert float((ours - theirs).norm() / theirs.norm()) < 3e-3, chunks
        assert ove.psnr(engine.decode(ours), torch_model.generate(chunks, "dark", seed=5, steps=steps,
                                                                  width=64, height=64)) >= 50
    other = _torch_latents(torch_model, "a cat", "dark", facts.guidance, 6, 1, 64)
    assert float((other - theirs).norm() / theirs.norm()) > 0.5  # another seed is another picture
    # one compiled UNet: batch 2 (guidance), 77 tokens of 32 + 32 channels, pooled 32, 6 time ids
    assert engine.parts["unet"].shapes == [((2, 4, 8, 8), (2,), (2, 77, 64), (2, 32), (2, 6))]
    drawing = Image.new("RGB", (90, 70), (200, 40, 30))
    a = engine.generate(["a red castle"], "", seed=5, steps=2, width=64, height=64, init_image=drawing, strength=0.6)
    b = torch_model.generate(["a red castle"], "", seed=5, steps=2, width=64, height=64, init_image=drawing,
                             strength=0.6)
    assert ove.psnr(a, b) >= 50


def test_a_changed_sdxl_converted_file_is_refused(sdxl_installed):
    from pipelines import backends

    flip_a_byte(sdxl_installed.folder("library-sdxl") / "openvino" / "text_encoder_2.bin")
    with pytest.raises(UserError) as refused:
        generate_image(ImageRequest(prompt="a dog", seed=1, width=64, height=64, backend=LIBRARY))
    assert refused.value.key == "errors.model_corrupt"
    assert "openvino/text_encoder_2.bin" in str(refused.value)
    assert backends.get(LIBRARY).model is None  # nothing was drawn with it


def test_sdxl_panel_job_records_the_engine_and_doctor_says_it(sdxl_installed, tmp_path, capsys):
    """A panel job as the comics page queues it: the result and the PNG say OpenVINO drew it; doctor
    lists the library's SDXL model on OpenVINO with its files ready."""
    from pipelines.comics.prompts import _Context
    from pipelines.doctor import cmd_doctor
    from pipelines.jobs.registry import resolve_kind

    out = tmp_path / "panel-1"
    out.mkdir()
    result = resolve_kind("imagegen.generate")({"prompt": "un dragon mange une glace", "seed": 4242,
                                               "backend": LIBRARY}, _Context(out_dir=out))
    expected = f"OpenVINO {ove.cpu_precision()}"
    assert result["engine"] == expected and result["backend"] == LIBRARY and result["model"] == "library-sdxl"
    assert Image.open(result["files"]["image"]).text["Engine"] == expected
    cmd_doctor(None)
    line = next(x for x in capsys.readouterr().out.splitlines()
                if x.strip().startswith("library-sdxl") and "OpenVINO" in x)
    assert expected in line and "OpenVINO files ready" in line


def test_sdxl_without_taesdxl_stays_on_pytorch_and_sdxl_turbo_needs_a_graphics_card(atelier_env, tiny_sdxl_folder):
    from pipelines import backends

    write_catalogue(Path(atelier_env.data_dir), tiny_sdxl_folder)
    install_as_model("library-sdxl", tiny_sdxl_folder)
    backends._instances.clear()
    library = backends.get(LIBRARY)
    assert library.engine_reason() == "no_taesd" and library.engines() == ["pytorch"]
    assert not backends.get("imagegen.txt2img.sdxl").is_available()  # this CPU machine has no 8 GB card
    backends._instances.clear()
