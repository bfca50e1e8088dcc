"""Text->image and drawing->image through the real loading path (catalogue -> verified folder -> diffusers)."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from pipelines.i18n import UserError
from pipelines.imagegen.generate import ImageRequest, generate_image


def _pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image, dtype=np.int16)


def test_text_to_image_honours_size_and_reports_each_step(sd_turbo_installed):
    seen = []
    result = generate_image(ImageRequest(prompt="a cat astronaut", seed=3, steps=3, width=64, height=96),
                            progress=lambda f, key: seen.append((f, key)))
    assert result.image.size == (64, 96)
    assert result.backend == "imagegen.txt2img.sd" and result.model == "sd-turbo"
    drawing = [f for f, key in seen if key == "imagegen.progress.drawing"]
    assert len(drawing) == 3 and drawing == sorted(drawing)
    assert result.metadata["AI-generated"] == "yes"


def test_same_seed_same_picture_other_seed_other_picture(sd_turbo_installed):
    def make(seed):
        return generate_image(ImageRequest(prompt="un dragon qui mange une glace", seed=seed, steps=2,
                                           width=64, height=64)).image

    first, again, other = make(7), make(7), make(8)
    assert np.array_equal(_pixels(first), _pixels(again))
    assert np.abs(_pixels(first) - _pixels(other)).mean() > 1.0


def test_model_is_loaded_once_and_stays_resident(sd_turbo_installed):
    from pipelines import backends

    generate_image(ImageRequest(prompt="a dog", seed=1, width=64, height=64))
    model = backends.get("imagegen.txt2img.sd").model
    generate_image(ImageRequest(prompt="a red castle", seed=1, width=64, height=64))
    assert backends.get("imagegen.txt2img.sd").model is model


def test_drawing_to_image_reuses_the_loaded_components(sd_turbo_installed, drawing_file):
    from pipelines import backends

    generate_image(ImageRequest(prompt="a cat", seed=1, width=64, height=64))
    txt2img = backends.get("imagegen.txt2img.sd").model
    result = generate_image(ImageRequest(prompt="a red castle", seed=1, steps=2, width=96, height=64,
                                         init_image=str(drawing_file), strength=0.5))
    assert result.image.size == (96, 64)
    assert result.backend == "imagegen.img2img.sd"
    img2img = backends.get("imagegen.img2img.sd").model.img2img
    assert img2img.unet is txt2img.pipe.unet and img2img.text_encoder is txt2img.pipe.text_encoder
    assert img2img.vae is txt2img.pipe.vae


def test_drawing_strength_changes_how_far_the_picture_goes(sd_turbo_installed, drawing_file):
    def make(strength):
        return generate_image(ImageRequest(prompt="a red castle", seed=2, steps=4, width=64, height=64,
                                           init_image=str(drawing_file), strength=strength)).image

    light, strong = make(0.25), make(1.0)
    assert np.abs(_pixels(light) - _pixels(strong)).mean() > 1.0


def test_weights_load_as_float32_from_fp16_files(sd_turbo_installed):
    import torch
    from pipelines import backends

    generate_image(ImageRequest(prompt="a dog", seed=1, width=64, height=64))
    pipe = backends.get("imagegen.txt2img.sd").model.pipe
    assert pipe.unet.dtype == torch.float32 and pipe.text_encoder.dtype == torch.float32
    assert (sd_turbo_installed / "unet" / "diffusion_pytorch_model.fp16.safetensors").exists()


def test_tiny_decoder_replaces_the_vae_when_installed(taesd_installed, monkeypatch):
    from diffusers import AutoencoderTiny
    from pipelines import backends, config

    monkeypatch.setenv("ATELIER_ENGINE", "pytorch")  # the PyTorch path (OpenVINO: test_openvino.py)
    config.reset_settings()
    result = generate_image(ImageRequest(prompt="a dog", seed=1, width=64, height=64))
    model = backends.get("imagegen.txt2img.sd").model
    assert isinstance(model.pipe.vae, AutoencoderTiny) and model.tiny_decoder
    assert result.image.size == (64, 64)


def test_hero_description_is_encoded_once_for_every_panel(sd_turbo_installed):
    from pipelines import backends

    hero = "a blue dragon hero"
    generate_image(ImageRequest(prompt="eats an ice cream", character=hero, seed=1, width=64, height=64))
    model = backends.get("imagegen.txt2img.sd").model
    calls = []
    original = model.pipe.encode_prompt
    model.pipe.encode_prompt = lambda text, *a, **k: (calls.append(text), original(text, *a, **k))[1]
    generate_image(ImageRequest(prompt="in a forest", character=hero, seed=1, width=64, height=64))
    assert [c for c in calls if c is not None] == ["in a forest"]  # the hero part came from the cache


@pytest.mark.parametrize("fields, key", [
    ({"width": 60}, "imagegen.errors.bad_size"),
    ({"height": 4096}, "imagegen.errors.bad_size"),
    ({"steps": 0}, "imagegen.errors.bad_steps"),
    ({"steps": 99}, "imagegen.errors.bad_steps"),
    ({"seed": -1}, "imagegen.errors.bad_seed"),
    ({"style": "baroque"}, "imagegen.errors.unknown_style"),
    ({"prompt": "   "}, "imagegen.errors.empty_prompt"),
    ({"init_image": "/nowhere/drawing.png"}, "imagegen.errors.drawing_missing"),
])
def test_bad_requests_name_the_field(sd_turbo_installed, fields, key):
    request = ImageRequest(**{"prompt": "a cat", "width": 64, "height": 64, **fields})
    with pytest.raises(UserError) as caught:
        generate_image(request)
    assert caught.value.key == key
    assert not caught.value.message("fr").startswith("[")


def test_no_model_installed_says_how_to_install(atelier_env):
    from pipelines import backends

    backends._instances.clear()
    with pytest.raises(UserError) as caught:
        generate_image(ImageRequest(prompt="a cat", width=64, height=64))
    assert "models download sd-turbo" in caught.value.message("en")
