"""The photo backends: CPU ones first (no weights), then model backends loaded through spandrel.

Every backend works on float RGB arrays in [0, 1] shaped (H, W, 3). Heavy imports (torch,
spandrel, facexlib) happen in load() or in the functions the worker runs.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from ..backends import Backend, Progress, no_progress
from ..config import settings
from ..i18n import UserError
from . import inpaint, repair, tone
from .contract import PhotoRequest, PhotoResult
from ..commands import studio

SPANDREL = ("torch", "spandrel")
log = logging.getLogger(__name__)


def _device() -> str:
    from ..device import torch_device

    return torch_device()


def _load_spandrel(path, extra: bool = False):
    """A spandrel model descriptor from a weight file, in eval mode on the configured device."""
    import spandrel

    if extra:
        import spandrel_extra_arches

        spandrel_extra_arches.install(ignore_duplicates=True)
    try:
        return spandrel.ModelLoader(device=_device()).load_from_file(str(path)).eval()
    except Exception as exc:  # not a model file, or another architecture: say which file, never a traceback
        model_id = Path(path).parent.name
        raise UserError("photo.errors.model_unreadable", file=Path(path).name, detail=str(exc)[:200],
                        command=studio(f"models download {model_id}")) from None


def _to_tensor(array: np.ndarray, device):
    import torch

    return torch.from_numpy(np.ascontiguousarray(array.transpose(2, 0, 1))).unsqueeze(0).to(device)


def _from_tensor(tensor) -> np.ndarray:
    return tensor.squeeze(0).float().cpu().numpy().transpose(1, 2, 0)


def run_tiled(model, rgb: np.ndarray, scale: int, tile: int = 256, pad: int = 16,
              progress: Progress = no_progress) -> np.ndarray:
    """Run an image model tile by tile (overlapping borders thrown away), so big scans fit in memory."""
    import torch

    h, w = rgb.shape[:2]
    out = np.zeros((h * scale, w * scale, 3), np.float32)
    tiles = [(y, x) for y in range(0, h, tile) for x in range(0, w, tile)]
    device = next(model.model.parameters()).device
    for n, (y, x) in enumerate(tiles):
        y0, x0 = max(0, y - pad), max(0, x - pad)
        y1, x1 = min(h, y + tile + pad), min(w, x + tile + pad)
        with torch.inference_mode():
            result = _from_tensor(model(_to_tensor(rgb[y0:y1, x0:x1], device)))
        ty, tx = (y - y0) * scale, (x - x0) * scale
        th, tw = (min(h, y + tile) - y) * scale, (min(w, x + tile) - x) * scale
        out[y * scale:y * scale + th, x * scale:x * scale + tw] = result[ty:ty + th, tx:tx + tw]
        progress((n + 1) / len(tiles), "photo.progress.upscale")
    return out


WINDOW = 288  # the upscalers' OpenVINO input: a 256 px tile with 16 px of context each side, one static shape


def run_tiled_fixed(run, rgb: np.ndarray, scale: int, tile: int = 256, window: int = WINDOW,
                    progress: Progress = no_progress) -> np.ndarray:
    """run_tiled for a model compiled for one input shape: every window is ``window`` px square.

    ``run`` maps a (window, window, 3) float array to (window*scale, window*scale, 3). Windows are
    moved inward at the right and bottom borders (more context, never padding); a photo smaller than
    the window is first extended by mirroring, and the extension is cut from the result."""
    height, width = rgb.shape[:2]
    grow_h, grow_w = max(0, window - height), max(0, window - width)
    src = np.pad(rgb, ((0, grow_h), (0, grow_w), (0, 0)), mode="symmetric") if grow_h or grow_w else rgb
    h, w = src.shape[:2]
    pad = (window - tile) // 2
    out = np.zeros((height * scale, width * scale, 3), np.float32)
    tiles = [(y, x) for y in range(0, height, tile) for x in range(0, width, tile)]
    for n, (y, x) in enumerate(tiles):
        y0, x0 = min(max(0, y - pad), h - window), min(max(0, x - pad), w - window)
        result = run(src[y0:y0 + window, x0:x0 + window])
        ty, tx = (y - y0) * scale, (x - x0) * scale
        th, tw = (min(height, y + tile) - y) * scale, (min(width, x + tile) - x) * scale
        out[y * scale:y * scale + th, x * scale:x * scale + tw] = result[ty:ty + th, tx:tx + tw]
        progress((n + 1) / len(tiles), "photo.progress.upscale")
    return out


def openvino_or_torch(backend: Backend, module, shape: tuple[int, ...], more: tuple = (), report=None,
                      f32_only: bool = False):
    """The OpenVINO runner of a spandrel module (see openvino_runner) where it may run here, else None.

    Sets ``backend.made_by`` ("openvino bf16", "openvino f32" or "torch") and, when OpenVINO failed,
    ``backend.engine_failed`` (why, also logged). A converted file that changed raises UserError.
    ``more``, ``report`` and ``f32_only``: see openvino_runner.load."""
    from . import openvino_runner

    backend.made_by, backend.engine_failed = openvino_runner.TORCH, ""
    if openvino_runner.engine_reason():
        return None
    try:
        runner = openvino_runner.load(backend.weights[0], backend.file, module, shape, more, report, f32_only)
    except UserError:
        raise
    except (ImportError, RuntimeError, ValueError, OSError) as exc:
        backend.engine_failed = f"OpenVINO: {str(exc)[:300]}"
        log.warning("OpenVINO not used for %s: %s", backend.name, backend.engine_failed)
        return None
    backend.made_by = runner.made_by
    return runner


# -- repair: scratches and dust -------------------------------------------------------------
class OpenCVRepair(Backend):
    """Fills the damage mask from the surrounding pixels (OpenCV, Telea)."""

    name = "photo.repair.opencv"
    capability = "photo.repair"
    label = "photo.backend.repair_opencv"
    engine = "opencv"

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        return PhotoResult(repair.inpaint(request.image, request.mask))


class LamaRepair(Backend):
    """LaMa rebuilds the masked areas (big-lama.pt, TorchScript, through spandrel).

    On a CPU with OpenVINO (see openvino_runner) the FFC ResNet runs as one OpenVINO IR with a free
    size, converted at the first repair (about 10 to 60 s on 2 cores, recorded in the lock) and
    compiled for the few window sides of inpaint.SIZES: the damage is filled through square windows
    of those sides (inpaint.by_windows). PyTorch fills crops of any size around each region
    (inpaint.by_regions). Measured with ``python -m bench.photo_engines --only lama``."""

    name = "photo.repair.lama"
    capability = "photo.repair"
    label = "photo.backend.repair_lama"
    ai_made = True  # the filled areas are drawn by the model, not copied from the photo
    licence = "Apache-2.0"
    weights = ("lama",)
    modules = SPANDREL
    engine = "torch"
    file: ClassVar[str] = "big-lama.pt"
    made_by = "torch"  # after load(): "openvino bf16" / "openvino f32" when the OpenVINO runner runs it
    engine_failed = ""
    openvino_shape: ClassVar[tuple[int, ...]] = (1, 3, -1, -1)  # and the mask (1, 1, H, W): one IR, any size
    runner = None

    def load(self) -> None:
        from .openvino_runner import engine_reason

        self.model = _load_spandrel(self.model_path("lama") / self.file)
        self.made_by, self.runner = "torch", None
        # decided here like the other photo models; the conversion waits for the first repair
        self.openvino_wanted = _device() == "cpu" and not engine_reason()

    def _openvino(self, progress: Progress):
        """The OpenVINO runner (converted here at the first repair, with a progress message), or None."""
        if not self.openvino_wanted or self.runner is not None or self.engine_failed:
            return self.runner
        self.runner = openvino_or_torch(self, self.model.model, self.openvino_shape, more=((1, 1, -1, -1),),
                                        report=lambda key: progress(0.0, key))
        return self.runner

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        import torch

        rgb, mask = request.image, request.mask
        if not mask.any():
            return PhotoResult(rgb.copy())
        self.ensure_loaded()
        runner = self._openvino(request.progress)
        if runner is not None:
            def run(crops: np.ndarray, masks: np.ndarray) -> np.ndarray:
                images, holes = crops.transpose(0, 3, 1, 2), masks.astype(np.float32)[:, None]
                return np.stack([runner(images[k:k + 1], holes[k:k + 1])[0] for k in range(len(crops))]
                                ).clip(0, 1).transpose(0, 2, 3, 1)

            # A few window sides only (each compiled once, kept in the data dir's cache).
            return PhotoResult(inpaint.by_windows(rgb, mask, run, progress=request.progress))
        device = next(self.model.model.parameters()).device

        def fill(crops: np.ndarray, masks: np.ndarray) -> np.ndarray:
            images = torch.from_numpy(np.ascontiguousarray(crops.transpose(0, 3, 1, 2))).to(device)
            m = torch.from_numpy(masks.astype(np.float32))[:, None].to(device)
            with torch.inference_mode():
                # spandrel's descriptor takes one picture at a time; its LaMa module takes a batch. Crops are
                # multiples of inpaint.BUCKET (32) a side: LaMa's size rule (at least 16, a multiple of 8) holds.
                return self.model.model(images, m).clamp(0, 1).float().cpu().numpy().transpose(0, 2, 3, 1)

        # Only crops around the damage, with context, like-sized ones batched: a 12 MP scan in bounded memory.
        return PhotoResult(inpaint.by_regions(rgb, mask, fill, progress=request.progress))


# -- tone and grain ---------------------------------------------------------------------------
class ClassicTone(Backend):
    """Levels, yellowing removal and a little local contrast (no weights)."""

    name = "photo.tone.classic"
    capability = "photo.tone"
    label = "photo.backend.tone_classic"
    engine = "opencv"

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        return PhotoResult(tone.revive(request.image, request.strength, old=request.old, keep_tone=request.keep_tone,
                                       damage=request.mask))


class NLMeansDenoise(Backend):
    """Non-local means on the lightness, set from the measured grain, then an unsharp mask."""

    name = "photo.denoise.nlmeans"
    capability = "photo.denoise"
    label = "photo.backend.denoise_nlmeans"
    engine = "opencv"

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        rgb, strength, k = request.image, request.strength, request.pixel_blocks
        if k > 1:
            # A print enlarged by nearest neighbour is its source in k x k blocks: non-local means' 7 px patches and
            # the unsharp mask would span a k-th of the print's detail, and its grain is read per block. The source,
            # one pixel per block, is cleaned as the print at its own size is and the blocks put back (the repair's
            # fills, smooth, lose nothing by it): real print 1 enlarged x2 keeps 77 % of its fine detail (74 % at
            # its own size; 61 % when cleaned in blocks with the blocks' borders read as a JPEG's).
            # The blocks are read where they lie (a crop of the enlargement starts them anywhere: repair.block_phase).
            source, row_block, col_block = repair.source_pixels(rgb, k)
            cleaned = self.__call__(PhotoRequest(source, strength, old=request.old, blocking=request.blocking)).image
            if np.array_equal(cleaned, source):  # no grain found: the scan as it came
                return PhotoResult(rgb.copy())
            return PhotoResult(np.ascontiguousarray(cleaned[row_block][:, col_block]))
        cleaned = tone.denoise(rgb, strength, old=request.old, jpeg_blocking=request.blocking)
        if np.array_equal(cleaned, rgb):  # no grain was found: sharpening would only add noise
            return PhotoResult(cleaned)
        return PhotoResult(tone.sharpen(cleaned, amount=strength, radius=2.0))


# -- enlarge ----------------------------------------------------------------------------------
class LanczosUpscale(Backend):
    """Lanczos enlargement with an unsharp mask (no weights)."""

    name = "photo.upscale.lanczos"
    capability = "photo.upscale"
    label = "photo.backend.upscale_lanczos"
    engine = "opencv"

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        return PhotoResult(tone.enlarge(request.image, request.scale))


class RealESRGANUpscale(Backend):
    """Real-ESRGAN through spandrel, tile by tile; other factors are reached by a final resize."""

    name = "photo.upscale.realesrgan"
    capability = "photo.upscale"
    label = "photo.backend.upscale_general"
    licence = "BSD-3-Clause"
    weights = ("realesr-general-x4v3",)
    modules = SPANDREL
    engine = "torch"
    file: ClassVar[str] = "realesr-general-x4v3.pth"
    ai_made = True  # the added detail is the model's guess
    made_by = "torch"  # after load(): "openvino bf16" / "openvino f32" when the OpenVINO runner runs it
    engine_failed = ""
    openvino_shape: ClassVar[tuple[int, ...]] = (1, 3, WINDOW, WINDOW)  # measured 4.8x (x4v3), 5.4x (x4plus)

    def load(self) -> None:
        self.model = _load_spandrel(self.model_path(self.weights[0]) / self.file)
        self.runner = openvino_or_torch(self, self.model.model, self.openvino_shape) if _device() == "cpu" else None

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        import cv2

        rgb, scale = request.image, request.scale
        self.ensure_loaded()
        if self.runner is not None:
            def run(window: np.ndarray) -> np.ndarray:
                return self.runner(window.transpose(2, 0, 1)[None])[0].transpose(1, 2, 0)
            out = run_tiled_fixed(run, rgb, self.model.scale, progress=request.progress)
        else:
            out = run_tiled(self.model, rgb, self.model.scale, progress=request.progress)
        h, w = rgb.shape[:2]
        if self.model.scale != scale:
            out = cv2.resize(out, (w * scale, h * scale), interpolation=cv2.INTER_AREA if self.model.scale > scale
                             else cv2.INTER_LANCZOS4)
        return PhotoResult(np.clip(out, 0, 1))


class RealESRGANx2Upscale(RealESRGANUpscale):
    name = "photo.upscale.realesrgan-x2plus"
    label = "photo.backend.upscale_x2plus"
    weights = ("realesrgan-x2plus",)
    file = "RealESRGAN_x2plus.pth"


class RealESRGANx4Upscale(RealESRGANUpscale):
    name = "photo.upscale.realesrgan-x4plus"
    label = "photo.backend.upscale_x4plus"
    weights = ("realesrgan-x4plus",)
    file = "RealESRGAN_x4plus.pth"


# -- colourise --------------------------------------------------------------------------------
class HintsColorize(Backend):
    """Spreads the patron's colour points along the luminance (Levin et al.), no weights."""

    name = "photo.colorize.hints"
    capability = "photo.colorize"
    label = "photo.backend.colorize_hints"
    engine = "numpy"
    automatic: ClassVar[bool] = False

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        from .chain import recolor

        if not request.hints_path:
            raise UserError("photo.errors.no_hints")
        return PhotoResult(recolor(request.image, request.hints_path, auto=request.auto))


class _DDColorCall:
    """spandrel's DDColor call as a torch module (built on first use: torch is imported lazily): the grey
    picture (1, 1, S, S) in [0, 1] -> the coloured picture (1, 3, S, S) in [0, 1], Lab conversions included,
    so the OpenVINO runner converts exactly what the PyTorch path runs."""

    @staticmethod
    def build(model):
        import torch
        from spandrel_extra_arches.architectures.DDColor import _call

        class DDColorCall(torch.nn.Module):
            def __init__(self, inner):
                super().__init__()
                self.inner = inner

            def forward(self, grey):
                return _call(self.inner, grey)

        return DDColorCall(model).eval()


class DDColorColorize(Backend):
    """DDColor: the model sees the lightness at its own size; its colours are put on the full-size lightness.

    On a CPU with OpenVINO the whole call (spandrel's Lab conversions and the network, at the model's
    256 px input) runs on the OpenVINO runner in f32, converted at the first colourisation: measured 9.3x
    faster than PyTorch fp32 with a 6e-6 relative error; bf16 was 16.8x faster but 28.6 % off, so it is
    never used (``python -m bench.openvino_models --only ddcolor --f32``, bench/out/openvino-models-ddcolor.txt).
    """

    name = "photo.colorize.ddcolor"
    capability = "photo.colorize"
    label = "photo.backend.colorize_ddcolor_tiny"
    licence = "Apache-2.0"
    weights = ("ddcolor-tiny",)
    modules = SPANDREL + ("spandrel_extra_arches",)
    engine = "torch"
    ai_made = True  # the colours are the model's guess
    automatic: ClassVar[bool] = True
    file: ClassVar[str] = "ddcolor_paper_tiny.pth"
    made_by = "torch"  # after load(): "openvino f32" when the OpenVINO runner runs it
    engine_failed = ""
    runner: Any = None
    # spandrel's DDColor input size, 256 px; None where OpenVINO was not measured (the convnext-l models)
    openvino_shape: ClassVar[tuple[int, ...] | None] = (1, 1, 256, 256)
    openvino_f32_only: ClassVar[bool] = True

    def load(self) -> None:
        self.model = _load_spandrel(self.model_path(self.weights[0]) / self.file, extra=True)
        self.made_by, self.runner = "torch", None
        side = max(self.model.model.input_size)
        if self.openvino_shape and _device() == "cpu" and (1, 1, side, side) == self.openvino_shape:
            self.runner = openvino_or_torch(self, _DDColorCall.build(self.model.model), self.openvino_shape,
                                            f32_only=True)

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        from .hints import lab_to_rgb
        from .imaging import rgb_to_lab

        ab = self.colorize_ab(request.image)
        return PhotoResult(lab_to_rgb(np.concatenate([rgb_to_lab(request.image)[..., :1], ab], axis=2)))

    def colorize_ab(self, rgb: np.ndarray) -> np.ndarray:
        """The predicted Lab a/b planes at the photo's full size."""
        import cv2
        import torch

        from .imaging import luma, rgb_to_lab

        self.ensure_loaded()
        h, w = rgb.shape[:2]
        side = max(self.model.model.input_size)
        small = cv2.resize(luma(rgb), (side, side), interpolation=cv2.INTER_AREA)
        if self.runner is not None:
            coloured = self.runner(small[None, None])[0].transpose(1, 2, 0)
        else:
            device = next(self.model.model.parameters()).device
            with torch.inference_mode():
                coloured = _from_tensor(self.model(torch.from_numpy(small)[None, None].to(device)))
        ab = rgb_to_lab(np.clip(coloured, 0, 1))[..., 1:]
        return cv2.resize(ab, (w, h), interpolation=cv2.INTER_CUBIC)


class DDColorArtisticColorize(DDColorColorize):
    name = "photo.colorize.ddcolor-artistic"
    label = "photo.backend.colorize_ddcolor_artistic"
    weights = ("ddcolor-artistic",)
    file = "ddcolor_artistic.pth"
    openvino_shape = None  # convnext-l: not measured on OpenVINO, PyTorch stays
    optional = True  # brighter, less faithful colours: only when asked


class DDColorLargeColorize(DDColorColorize):
    name = "photo.colorize.ddcolor-large"
    label = "photo.backend.colorize_ddcolor_large"
    weights = ("ddcolor-modelscope",)
    file = "ddcolor_modelscope.pth"
    openvino_shape = None  # convnext-l: not measured on OpenVINO, PyTorch stays


def models_dir() -> str:
    return str(settings().models_path)
