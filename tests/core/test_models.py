"""The weights manager: catalogue facts, import from a folder, sha256 lock, corruption found at load."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.i18n import UserError
from pipelines.models.manager import LOCK_NAME, ModelEntry, ModelFile, ModelManager, load_catalog

ROOT = Path(__file__).resolve().parents[2]
DESIGN_MODELS = ["sd-turbo", "sdxl-turbo", "taesd", "gfpgan-1.4", "codeformer", "facexlib", "lama",
                 "realesr-general-x4v3", "realesrgan-x4plus", "ddcolor-tiny", "ddcolor-modelscope", "musicgen-small",
                 "qwen2.5-1.5b-instruct"]


def test_catalogue_has_every_model_design_names_with_facts():
    catalog = load_catalog(extra=Path("/nonexistent"))
    for model_id in DESIGN_MODELS:
        entry = catalog[model_id]
        assert entry.licence_text("fr") and entry.licence_text("en") and entry.licence_url.startswith("https://")
        assert entry.source in ("hf", "url")
        if entry.source == "hf":
            assert "/" in entry.repo and entry.revision
        else:
            assert all(f.url and f.url.startswith("https://") for f in entry.files)
        assert entry.size > 0
    assert catalog["codeformer"].non_commercial and catalog["musicgen-small"].non_commercial
    assert catalog["gfpgan-1.4"].files[0].sha256 == "e2cd4703ab14f4d01fd1383a8a8b266f9a5833dacee8e6a79d3bf21a1b6be5ad"
    assert {f.path for f in catalog["facexlib"].files} == {"detection_Resnet50_Final.pth", "parsing_parsenet.pth"}
    assert catalog["lama"].files[0].path == "big-lama.pt"  # spandrel picks TorchScript from the .pt name


def test_every_licence_note_is_given_in_both_languages():
    """A note in one language only would show English on the French page (or nothing in English)."""
    catalog = load_catalog(extra=Path("/nonexistent"))
    for model_id, entry in catalog.items():
        assert bool(entry.licence_note_fr) == bool(entry.licence_note_en), model_id
        assert entry.licence or entry.licence_note_fr, model_id  # a name, or words saying why there is none
        assert "UNVERIFIED" not in entry.licence and "NON-COMMERCIAL" not in entry.licence, model_id
    facexlib = catalog["facexlib"]
    assert facexlib.licence_text("fr") == ("MIT — facexlib et Pytorch_Retinaface ; "
                                           "licence des poids ParseNet non vérifiée")
    assert facexlib.licence_text("en") == ("MIT — facexlib and Pytorch_Retinaface; "
                                           "licence of the ParseNet weights unverified")
    assert catalog["lama"].licence_text("fr") == catalog["lama"].licence_text("en") == "Apache-2.0"


def _tiny_catalog(tmp_path) -> dict[str, ModelEntry]:
    payload = b"weights of a tiny model"
    return {
        "tiny": ModelEntry(id="tiny", capability="photo.faces", backend="x", what_fr="", what_en="", licence="MIT",
                           licence_url="https://example.org", licence_verified=True, non_commercial=False,
                           source="url", files=(ModelFile(path="tiny.pth", size=len(payload),
                                                          sha256=hashlib.sha256(payload).hexdigest(),
                                                          url="https://example.org/tiny.pth"),)),
        "folder": ModelEntry(id="folder", capability="imagegen.txt2img", backend="y", what_fr="", what_en="",
                             licence="MIT", licence_url="https://example.org", licence_verified=True,
                             non_commercial=False, source="hf", repo="org/folder", revision="abc",
                             files=(ModelFile(path="model_index.json"), ModelFile(path="unet/config.json"),
                                    ModelFile(path="unet/diffusion_pytorch_model.safetensors"))),
    }, payload


def test_import_writes_lock_and_detects_corruption(tmp_path):
    catalog, payload = _tiny_catalog(tmp_path)
    usb = tmp_path / "usb"
    (usb / "misc").mkdir(parents=True)
    (usb / "misc" / "tiny.pth").write_bytes(payload)
    hf = usb / "snapshots" / "abc"  # a Hugging Face cache snapshot layout
    (hf / "unet").mkdir(parents=True)
    (hf / "model_index.json").write_text("{}")
    (hf / "unet" / "config.json").write_text("{}")
    (hf / "unet" / "diffusion_pytorch_model.safetensors").write_bytes(b"unet")
    (usb / "config.json").write_text("{}")  # a stray file of the same name must not confuse the search
    manager = ModelManager(models_dir=tmp_path / "models", catalog=catalog)
    assert manager.state("tiny") == "missing"
    assert manager.import_dir(usb, report=lambda _: None) == {"tiny": "imported", "folder": "imported"}
    assert manager.state("tiny") == manager.state("folder") == "installed"
    lock = json.loads((manager.folder("tiny") / LOCK_NAME).read_text())
    assert lock["files"]["tiny.pth"]["sha256"] == hashlib.sha256(payload).hexdigest()
    assert manager.verified_path("folder") == tmp_path / "models" / "folder"
    # Same size, different bytes: only hashing finds it, and loading refuses it.
    weights = manager.folder("folder") / "unet" / "diffusion_pytorch_model.safetensors"
    weights.write_bytes(b"UNET")
    assert manager.verify("folder") and "sha256 differs" in manager.verify("folder")[0]
    with pytest.raises(UserError) as info:
        manager.verified_path("folder")
    assert info.value.key == "errors.model_corrupt" and "models download folder" in info.value.message("fr")
    weights.write_bytes(b"truncated!")  # another size: seen without hashing
    assert manager.state("folder") == "corrupt"
    weights.unlink()
    assert manager.state("folder") == "partial"


def test_import_refuses_a_file_whose_hash_differs_from_the_catalogue(tmp_path):
    catalog, payload = _tiny_catalog(tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "tiny.pth").write_bytes(b"x" * len(payload))
    manager = ModelManager(models_dir=tmp_path / "models", catalog=catalog)
    result = manager.import_dir(usb, only=["tiny"], report=lambda _: None)
    assert result["tiny"].startswith("refused") and "expected fingerprint" in result["tiny"]
    assert manager.state("tiny") == "missing"
    assert not (manager.folder("tiny") / "tiny.pth").exists()


def test_unknown_model_lists_valid_ids(tmp_path):
    manager = ModelManager(models_dir=tmp_path)
    with pytest.raises(KeyError, match="valid ones are"):
        manager.entry("dall-e")


def test_user_catalogue_adds_a_diffusers_folder(tmp_path):
    extra = tmp_path / "catalog.toml"
    extra.write_text('["my-sd15"]\ncapability = "imagegen.txt2img"\nbackend = "imagegen.txt2img.sd"\nwhat_fr = "x"\n'
                     'what_en = "x"\nlicence = "CreativeML OpenRAIL-M"\nlicence_url = "https://example.org"\n'
                     'licence_verified = false\nnon_commercial = false\nsource = "local"\npipeline = "sd"\n'
                     'files = [{ path = "model_index.json" }]\n')
    catalog = load_catalog(extra=extra)
    assert catalog["my-sd15"].pipeline == "sd" and "sd-turbo" in catalog


def test_models_cli(atelier_env):
    out = subprocess.run([sys.executable, "-m", "pipelines", "models", "list"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert "gfpgan-1.4" in out and "missing" in out and "NON-COMMERCIAL" in out
    verify = subprocess.run([sys.executable, "-m", "pipelines", "models", "verify"], cwd=ROOT, capture_output=True,
                            text=True)
    assert verify.returncode == 0
    bad = subprocess.run([sys.executable, "-m", "pipelines", "models", "import", "/nonexistent-dir"], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "n'est pas un dossier" in bad.stderr
    doctor = subprocess.run([sys.executable, "-m", "pipelines", "doctor"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout
    assert "device:" in doctor and "queue:" in doctor and "free disk:" in doctor


def test_import_refuses_a_symlink_to_outside_and_leaves_nothing(tmp_path):
    catalog, payload = _tiny_catalog(tmp_path)
    outside = tmp_path / "secret.pth"
    outside.write_bytes(payload)  # the right bytes, but outside the folder being imported
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "tiny.pth").symlink_to(outside)
    manager = ModelManager(models_dir=tmp_path / "models", catalog=catalog)
    result = manager.import_dir(usb, only=["tiny"], report=lambda _: None)
    assert result["tiny"].startswith("refused") and "link" in result["tiny"]
    assert manager.state("tiny") == "missing" and not manager.folder("tiny").exists()


def test_a_refused_import_is_all_or_nothing(tmp_path):
    catalog, _ = _tiny_catalog(tmp_path)
    folder_entry = catalog["folder"]
    catalog["folder"] = type(folder_entry)(**{**folder_entry.__dict__, "files": (
        ModelFile(path="model_index.json"), ModelFile(path="unet/config.json"),
        ModelFile(path="unet/diffusion_pytorch_model.safetensors", sha256="0" * 64))})
    usb = tmp_path / "usb"
    (usb / "unet").mkdir(parents=True)
    (usb / "model_index.json").write_text("{}")
    (usb / "unet" / "config.json").write_text("{}")
    (usb / "unet" / "diffusion_pytorch_model.safetensors").write_bytes(b"not the weights")
    manager = ModelManager(models_dir=tmp_path / "models", catalog=catalog)
    result = manager.import_dir(usb, only=["folder"], report=lambda _: None)
    assert result["folder"].startswith("refused")
    assert manager.state("folder") == "missing"  # not "partial": the two good files were not kept either
    assert not any(p.is_file() for p in (tmp_path / "models").rglob("*"))


def test_loading_rehashes_a_file_rewritten_with_the_same_size_and_mtime(tmp_path):
    import os

    catalog, payload = _tiny_catalog(tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "tiny.pth").write_bytes(payload)
    manager = ModelManager(models_dir=tmp_path / "models", catalog=catalog)
    manager.import_dir(usb, only=["tiny"], report=lambda _: None)
    weights = manager.folder("tiny") / "tiny.pth"
    assert manager.verified_path("tiny")  # loaded once: hashed and fine
    stat = weights.stat()
    weights.write_bytes(payload.upper())  # same size...
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # ...and the same mtime
    with pytest.raises(UserError) as info:
        ModelManager(models_dir=tmp_path / "models", catalog=catalog).verified_path("tiny")
    assert info.value.key == "errors.model_corrupt"


def test_the_catalogue_is_read_once_and_again_when_the_librarys_file_changes(tmp_path):
    """A page asking which engines are installed parsed both catalogues 24 times a run; read once, a library's
    entry added afterwards still shows (the file's time and size say it changed)."""
    import os

    from pipelines.models import manager

    extra = tmp_path / "catalog.toml"
    first = load_catalog(extra=extra)
    hits = manager._catalog.cache_info().hits
    assert load_catalog(extra=extra) == first and manager._catalog.cache_info().hits == hits + 1
    extra.write_text('["my-sd15"]\ncapability = "imagegen.txt2img"\nbackend = "imagegen.txt2img.sd"\nwhat_fr = "x"\n'
                     'what_en = "x"\nlicence = "CreativeML OpenRAIL-M"\nlicence_url = "https://example.org"\n'
                     'licence_verified = false\nnon_commercial = false\nsource = "local"\npipeline = "sd"\n'
                     'files = [{ path = "model_index.json" }]\n')
    assert "my-sd15" in load_catalog(extra=extra) and "my-sd15" not in first
    stat = extra.stat()
    extra.write_text(extra.read_text().replace('pipeline = "sd"', 'pipeline = "xl"'))  # same size
    os.utime(extra, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_catalog(extra=extra)["my-sd15"].pipeline == "xl"
    load_catalog(extra=extra).pop("sd-turbo")  # a caller's dict is its own
    assert "sd-turbo" in load_catalog(extra=extra)
