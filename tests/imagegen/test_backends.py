"""The picture backends: registry order, light imports, and a library's own diffusers folder."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipelines import backends
from pipelines.imagegen.generate import ImageRequest, generate_image
from tests.fixtures.models_common import install_as_model

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_area_does_not_import_torch():
    code = ("import sys, pipelines.imagegen, pipelines.imagegen.backends, pipelines.imagegen.jobs, "
            "pipelines.imagegen.cli, pipelines.safety.prompts; "
            "print([m for m in ('torch', 'diffusers', 'transformers') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_stylise_is_always_available_and_models_wait_for_weights(atelier_env):
    backends._instances.clear()
    assert [b.name for b in backends.available("imagegen.stylise")] == ["imagegen.stylise.ink"]
    assert backends.available("imagegen.txt2img") == []
    assert backends.available("imagegen.img2img") == []
    sdxl = backends.get("imagegen.txt2img.sdxl")
    assert sdxl.wants_gpu and not sdxl.is_available()


def test_a_library_folder_added_to_the_catalogue_draws_the_same_way(atelier_env, tiny_sd_folders):
    backends._instances.clear()
    files = "\n".join(f'  {{ path = "{p.relative_to(tiny_sd_folders[0]).as_posix()}" }},'
                      for p in sorted(tiny_sd_folders[0].rglob("*")) if p.is_file())
    Path(atelier_env.data_dir).mkdir(parents=True, exist_ok=True)
    (Path(atelier_env.data_dir) / "catalog.toml").write_text(f'''
["library-sd"]
capability = "imagegen.txt2img"
backend = "imagegen.txt2img.library"
what_fr = "Le modèle de la médiathèque"
what_en = "The library's model"
licence = "CreativeML OpenRAIL-M"
licence_url = "https://example.org/licence"
licence_verified = true
non_commercial = false
source = "local"
variant = "fp16"
pipeline = "sd"
steps = 3
guidance = 5.0
files = [
{files}
]
''')
    install_as_model("library-sd", tiny_sd_folders[0])
    library = backends.get("imagegen.txt2img.library")
    assert library.is_available()
    assert backends.choose("imagegen.txt2img") is library  # the only one installed
    install_as_model("sd-turbo", tiny_sd_folders[0])
    assert backends.choose("imagegen.txt2img").name == "imagegen.txt2img.sd"  # Turbo is faster: the default
    result = generate_image(ImageRequest(prompt="a cat", seed=1, width=64, height=64,
                                         backend="imagegen.txt2img.library"))
    assert result.model == "library-sd" and result.steps == 3 and result.image.size == (64, 64)
    backends._instances.clear()
