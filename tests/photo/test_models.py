"""Photo model backends loaded through the real path: catalogue -> verified folder -> spandrel / facexlib.

The weight files are the real architectures with random weights, in the release formats
(tests/fixtures/models_photo.py): they show the loading, the tiling, the compositing and the face
path work; they say nothing about picture quality.
"""
from __future__ import annotations

import zipfile

import numpy as np
import pytest

from pipelines.i18n import UserError
from pipelines.photo.contract import PhotoRequest
from pipelines.photo.imaging import luma, rgb_to_lab
from tests.fixtures.models_common import flip_a_byte
from tests.fixtures.models_photo import ASTRONAUT_BOX, ASTRONAUT_LANDMARKS, BUILDERS, RELEASE_FILES

from .conftest import photo
from pipelines.commands import studio


@pytest.mark.parametrize("model_id", sorted(BUILDERS))
def test_release_files_have_the_size_of_the_real_ones(model_id, photo_release):
    """Same architecture and settings as the release -> the same number of weights -> the same file size.

    A TorchScript archive (a `code/` folder beside `data/`) also holds its graph's debug records, which name every
    source file by its absolute path: 2.1 MB of big-lama.pt's fixture built in one checkout, 0.4 MB more in a
    checkout whose path is longer. There the weights' records (`data/`) are what is compared: they fill the real
    file but for its code (LaMa's release: 99.3 %)."""
    from pipelines.models.manager import ModelManager

    folder = photo_release(model_id)
    for f in ModelManager().entry(model_id).files:
        path = folder / f.path
        size = path.stat().st_size
        if zipfile.is_zipfile(path) and any("/code/" in n for n in zipfile.ZipFile(path).namelist()):
            weights = sum(i.file_size for i in zipfile.ZipFile(path).infolist() if "/data/" in i.filename)
            assert 0.98 < weights / f.size < 1.0, (f.path, weights, f.size)
        else:
            assert abs(size / f.size - 1) < 0.002, (f.path, size, f.size)


def test_lama_rebuilds_only_the_masked_pixels(install_photo_model, fresh_backends):
    install_photo_model("lama")
    assert fresh_backends.choose("photo.repair").name == "photo.repair.lama"
    lama = fresh_backends.get("photo.repair.lama")
    rgb = photo("astronaut")[100:300, 60:310]  # 200 x 250: not a multiple of 8, spandrel pads
    mask = np.zeros(rgb.shape[:2], bool)
    mask[50:60, 20:200] = True  # a scratch
    mask[120:126, 100:106] = True  # a dust spot...
    mask[120:126, 180:186] = True  # ...and another: like-sized crops, filled in one batch
    out = lama(PhotoRequest(rgb, mask=mask)).image
    assert out.shape == rgb.shape and out.dtype == np.float32
    assert np.array_equal(out[~mask], rgb[~mask])
    assert np.abs(out[mask] - rgb[mask]).mean() > 1e-3  # the masked pixels were rebuilt
    assert np.isfinite(out).all() and out.min() >= 0 and out.max() <= 1
    assert np.array_equal(lama(PhotoRequest(rgb, mask=np.zeros_like(mask))).image, rgb)


def _whole(backend, rgb):
    """The model run on the whole image at once (the reference for the tiled run)."""
    import torch

    from pipelines.photo.backends import _from_tensor, _to_tensor

    with torch.inference_mode():
        return _from_tensor(backend.model(_to_tensor(rgb, "cpu")))


def test_general_upscaler_tiles_without_seams(install_photo_model, fresh_backends):
    install_photo_model("realesr-general-x4v3")
    assert fresh_backends.choose("photo.upscale").name == "photo.upscale.realesrgan"
    backend = fresh_backends.get("photo.upscale.realesrgan")
    rgb = photo("chelsea")[:300, :340]  # bigger than one 256 px tile both ways
    seen = []
    out = backend(PhotoRequest(rgb, scale=4, progress=lambda f, m="": seen.append(f))).image
    assert out.shape == (1200, 1360, 3)
    assert len(seen) == 4 and seen[-1] == 1.0  # 2 x 2 tiles
    whole = np.clip(_whole(backend, rgb), 0, 1)
    diff = np.abs(out - whole)
    # Along the tile borders (x = 1024, y = 1024) the tiled result matches the whole-image result.
    seam = np.concatenate([diff[:, 1016:1032].ravel(), diff[1016:1032, :].ravel()])
    assert seam.max() < 0.02 and diff.mean() < 1e-3, (seam.max(), diff.mean())
    half = backend(PhotoRequest(rgb, scale=2)).image
    assert half.shape == (600, 680, 3)


def test_x2plus_and_x4plus_load_from_basicsr_key_names(install_photo_model, fresh_backends):
    install_photo_model("realesrgan-x2plus")
    install_photo_model("realesrgan-x4plus")
    rgb = photo("coffee")[:40, :52]
    x2 = fresh_backends.get("photo.upscale.realesrgan-x2plus")
    assert x2(PhotoRequest(rgb, scale=2)).image.shape == (80, 104, 3) and x2.model.scale == 2
    x4 = fresh_backends.get("photo.upscale.realesrgan-x4plus")
    out = x4(PhotoRequest(rgb, scale=4)).image
    assert out.shape == (160, 208, 3) and x4.model.scale == 4
    assert np.abs(out - np.clip(_whole(x4, rgb), 0, 1)).max() < 1e-5  # one tile: identical


def test_ddcolor_keeps_the_full_size_lightness(install_photo_model, fresh_backends):
    from pipelines.photo.chain import RestoreRequest, restore

    install_photo_model("ddcolor-tiny")
    ddcolor = fresh_backends.choose("photo.colorize", "photo.colorize.ddcolor")
    grey = np.repeat(luma(photo("astronaut"))[:, 40:440, None], 3, axis=2)  # 512 x 400
    ab = ddcolor.colorize_ab(grey)
    assert ab.shape == (512, 400, 2) and np.isfinite(ab).all()
    # The model sees 256 px: its colours are smooth, the photo's detail comes from the kept lightness.
    outcome = restore(grey, RestoreRequest(steps=["colorize"], colorize="auto"))
    assert outcome.applied == ["colorize"] and outcome.models == ["photo.colorize.ddcolor"] and outcome.ai_made
    lightness_in, lightness_out = rgb_to_lab(grey)[..., 0], rgb_to_lab(outcome.image)[..., 0]
    # Random weights predict colours far outside the RGB gamut, where clipping must change the lightness:
    # the check is made on the pixels that were not clipped (over 10 % of them).
    in_gamut = np.all((outcome.image > 0.002) & (outcome.image < 0.998), axis=2)
    assert in_gamut.mean() > 0.1
    assert np.abs(lightness_out - lightness_in)[in_gamut].max() < 0.5
    assert np.abs(rgb_to_lab(outcome.image)[..., 1:]).mean() > 0.5  # it did put colour


@pytest.fixture
def gfpgan(install_photo_model, fresh_backends, astronaut_faces):
    install_photo_model("gfpgan-1.4")
    install_photo_model("facexlib")
    backend = fresh_backends.choose("photo.faces")
    assert backend.name == "photo.faces.gfpgan"
    backend.detector = astronaut_faces
    return backend


def _aligned_reference(rgb):
    """The 512 px face cut out with the FFHQ template, computed here independently of the helper."""
    import cv2

    template = np.array([[192.98138, 239.94708], [318.90277, 240.1936], [256.63416, 314.01935],
                         [201.26117, 371.41043], [313.08905, 371.15118]])
    matrix = cv2.estimateAffinePartial2D(np.array(ASTRONAUT_LANDMARKS), template, method=cv2.LMEDS)[0]
    bgr8 = np.clip(rgb[:, :, ::-1] * 255 + 0.5, 0, 255).astype(np.uint8)
    face = cv2.warpAffine(bgr8, matrix, (512, 512), borderValue=(135, 133, 132))
    return face[:, :, ::-1].astype(np.float32) / 255


def test_face_path_end_to_end(gfpgan, astronaut_faces):
    """detection -> alignment -> GFPGAN -> parse mask and paste-back -> blend, on a photo with a face.

    facexlib's RetinaFace with random weights finds nothing, so the detector is swapped for the
    landmarks measured on the photo (`astronaut_faces`); everything after it is the real code.
    """
    import torch

    rgb = photo("astronaut")
    seen = {}
    gfpgan.ensure_loaded()
    handle = gfpgan.model.model.register_forward_pre_hook(lambda module, args: seen.setdefault("face", args[0]))
    torch.manual_seed(0)
    full = gfpgan(PhotoRequest(rgb, blend=1.0))
    handle.remove()
    assert full.faces == 1 and astronaut_faces.calls
    assert np.allclose(full.boxes[0], ASTRONAUT_BOX, atol=0.5)
    # The model saw the aligned face, in the [-1, 1] range GFPGAN was trained on.
    face = seen["face"][0].numpy().transpose(1, 2, 0)
    assert face.shape == (512, 512, 3) and face.min() < -0.5
    assert np.abs((face + 1) / 2 - _aligned_reference(rgb)).mean() < 2 / 255
    # Paste-back changes the face and nothing far from it.
    change = np.abs(full.image - rgb).max(axis=2)
    x0, y0, x1, y1 = (int(v) for v in ASTRONAUT_BOX)
    assert change[y0 + 20:y1 - 20, x0 + 20:x1 - 20].mean() > 0.02
    far = np.ones_like(change, bool)
    far[max(0, y0 - 120):y1 + 120, max(0, x0 - 120):x1 + 120] = False
    assert change[far].max() == 0
    # Blend 0 is the photo itself; blend 0.5 is half-way.
    torch.manual_seed(0)
    assert np.array_equal(gfpgan(PhotoRequest(rgb, blend=0.0)).image, rgb)
    torch.manual_seed(0)
    half = gfpgan(PhotoRequest(rgb, blend=0.5)).image
    assert np.abs((half - rgb) - (full.image - rgb) / 2).max() < 1e-5


def test_face_step_in_the_chain_keeps_black_and_white(gfpgan):
    from pipelines.photo.chain import RestoreRequest, restore

    grey = np.repeat(luma(photo("astronaut"))[..., None], 3, axis=2)
    outcome = restore(grey, RestoreRequest(steps=["faces"], blend=1.0))
    assert outcome.faces == 1 and outcome.applied == ["faces"] and outcome.models == ["photo.faces.gfpgan"]
    assert outcome.ai_made and np.abs(outcome.image - grey).max() > 0.05
    assert np.abs(outcome.image[..., 0] - outcome.image[..., 2]).max() < 1e-6


def test_real_retinaface_loads_and_runs(gfpgan):
    """The RetinaFace file really loads and runs on the photo; with random weights its boxes are noise, and
    the count is capped so a detector gone wrong cannot start a job of thousands of faces."""
    from pipelines.photo.faces import MAX_FACES

    gfpgan.detector = None
    boxes = gfpgan.find_faces(photo("astronaut")[:256, :320])
    assert 0 <= len(boxes) <= MAX_FACES and all(len(b) == 4 for b in boxes)


def test_no_face_is_a_note_not_an_error(gfpgan):
    from pipelines.photo.chain import RestoreRequest, restore
    from tests.fixtures.models_photo import KnownFaces

    gfpgan.detector = KnownFaces([], (512, 512))
    rgb = photo("astronaut")
    outcome = restore(rgb, RestoreRequest(steps=["faces"]))
    assert outcome.faces == 0 and outcome.notes == ["photo.notes.no_face"] and outcome.applied == []
    assert np.array_equal(outcome.image, rgb)


def test_codeformer_gets_the_fidelity(install_photo_model, fresh_backends, astronaut_faces):

    install_photo_model("codeformer")
    install_photo_model("facexlib")
    codeformer = fresh_backends.choose("photo.faces", "photo.faces.codeformer")
    assert codeformer.has_fidelity and "NON-COMMERCIAL" in codeformer.licence
    assert fresh_backends.available("photo.faces") == [codeformer]
    with pytest.raises(UserError):  # optional (non-commercial licence): never picked by default
        fresh_backends.choose("photo.faces")
    codeformer.detector = astronaut_faces
    codeformer.ensure_loaded()
    weights = []
    handle = codeformer.model.model.register_forward_pre_hook(
        lambda module, args, kwargs: weights.append(kwargs.get("weight")), with_kwargs=True)
    rgb = photo("astronaut")
    faithful = codeformer(PhotoRequest(rgb, blend=1.0, fidelity=1.0)).image
    pretty = codeformer(PhotoRequest(rgb, blend=1.0, fidelity=0.0)).image
    handle.remove()
    assert weights == [1.0, 0.0]
    assert np.abs(faithful - pretty).max() > 0.01


@pytest.mark.parametrize("how", ["changed", "not-a-model"])
def test_damaged_weights_give_a_clear_message(how, install_photo_model, fresh_backends, tmp_path):
    if how == "changed":  # same size, other bytes: the sha256 lock catches it before loading
        folder = install_photo_model("realesr-general-x4v3")
        flip_a_byte(folder / RELEASE_FILES["realesr-general-x4v3"])
        expected = "errors.model_corrupt"
    else:  # imported as is (a library's own catalogue has no hash): spandrel cannot read it
        from tests.fixtures.models_common import install_as_model

        source = tmp_path / "usb"
        source.mkdir()
        (source / RELEASE_FILES["realesr-general-x4v3"]).write_bytes(b"PK\x03\x04 not a checkpoint" * 100)
        install_as_model("realesr-general-x4v3", source)
        expected = "photo.errors.model_unreadable"
    backend = fresh_backends.get("photo.upscale.realesrgan")
    with pytest.raises(UserError) as caught:
        backend(PhotoRequest(photo("coffee")[:32, :32], scale=4)).image
    assert caught.value.key == expected
    message = caught.value.message("fr")
    assert "python -m pipelines models download realesr-general-x4v3" in message and "Traceback" not in message


def test_missing_weights_name_the_install_command(atelier_env, fresh_backends):
    faces = fresh_backends.get("photo.faces.gfpgan")
    assert not faces.is_available()
    assert faces.install_commands() == [studio("models download gfpgan-1.4"), studio("models download facexlib")]
    with pytest.raises(UserError) as caught:
        fresh_backends.choose("photo.faces")
    assert "models download gfpgan-1.4" in caught.value.message("fr")
