"""Backends of the picture workshop: CPU stylisation (no weights), Stable Diffusion text->image and
drawing->image (SD-Turbo; SDXL-Turbo on a big graphics card; a library's own diffusers folder),
and the optional safety checker."""
from __future__ import annotations

import logging
import shutil
import subprocess
from typing import ClassVar

from PIL import Image

from ..backends import Backend, Progress, SharedWeightsBackend, no_progress
from ..device import probe
from ..i18n import UserError
from .contract import DrawRequest, StyliseRequest
from ..commands import studio

log = logging.getLogger(__name__)


class StyliseBackend(Backend):
    """Ink lines, flat colours and halftone dots with OpenCV: always there, no AI."""

    name = "imagegen.stylise.ink"
    capability = "imagegen.stylise"
    label = "imagegen.backend.stylise"
    modules = ("cv2", "numpy")
    engine = "opencv"

    def __call__(self, request: StyliseRequest) -> Image.Image:
        from .stylise import stylise

        return stylise(request.image, request.style)


class StableDiffusionBackend(Backend):
    """Text->image with a diffusers Stable Diffusion folder from the catalogue, resident once loaded."""

    name = "imagegen.txt2img.sd"
    capability = "imagegen.txt2img"
    label = "imagegen.backend.sd_turbo"
    licence = "Stability AI Community License (SD-Turbo)"
    weights: ClassVar[tuple[str, ...]] = ("sd-turbo",)
    modules = ("torch", "diffusers", "transformers")
    engine = "diffusers"
    ai_made = True
    model_id: ClassVar[str] = "sd-turbo"

    def __init__(self) -> None:
        super().__init__()
        self.model = None  # ImageModel or OpenVINOImageModel once loaded
        self.engine_failed = ""  # why the fastest engine could not be used in this process

    def current_model_id(self) -> str:
        return self.model_id

    @property
    def made_by(self) -> str:
        """What makes the pictures once loaded, with its precision: "OpenVINO bf16", "PyTorch fp32"
        ("" before loading). The instance's ``engine`` becomes "openvino" when that engine loaded."""
        return getattr(self.model, "made_by", "")

    def engines(self) -> list[str]:
        """The engines that can run this backend's model here, fastest first ("openvino", "pytorch").

        OpenVINO on a CPU for SD 1.x / 2.x / SD-Turbo folders when TAESD is installed (4 steps at
        512 px: see bench/imagegen.py) and for a library's SDXL folder when TAESDXL is installed;
        PyTorch always: the path on a graphics card (where SDXL-Turbo is offered) and the fallback.
        ``engine_reason`` says why not OpenVINO.
        The setting `engine = "pytorch"` (ATELIER_ENGINE) turns OpenVINO off.
        """
        return ([] if self.engine_reason() else ["openvino"]) + ["pytorch"]

    def engine_reason(self) -> str:
        """"" when the OpenVINO engine runs this model here, else why PyTorch does: "setting"
        (engine = pytorch), "failed" (see ``engine_failed``, e.g. a folder that does not convert),
        "gpu" (a graphics card), "no_openvino" (package missing) or "no_taesd" (the tiny decoder,
        TAESD or TAESDXL for SDXL, is not installed). SD 1.x / 2.x and SDXL folders both convert."""
        from ..config import settings
        from ..models.manager import ModelManager
        from .openvino_engine import openvino_installed

        facts = self.facts()
        if settings().engine == "pytorch":
            return "setting"
        if self.engine_failed:
            return "failed"
        if probe().kind != "cpu":
            return "gpu"
        if not openvino_installed():
            return "no_openvino"
        if not facts.decoder_id or ModelManager().state(facts.decoder_id) != "installed":
            return "no_taesd"
        return ""

    def prepare(self, progress: Progress = no_progress) -> None:
        """Convert the model for the fastest engine if it was not converted at install (first use),
        reporting progress; nothing to do for PyTorch or when already converted."""
        if self.engines()[0] != "openvino":
            return
        from ..models.manager import ModelManager
        from .openvino_engine import convert_installed, is_converted

        facts = self.facts()
        manager = ModelManager()
        todo = [m for m in (facts.decoder_id, facts.model_id) if not is_converted(m, manager)]
        for index, model_id in enumerate(todo):
            def report(fraction: float, message: str, _i=index) -> None:
                progress(0.02 + 0.06 * (_i + fraction) / len(todo), message)
            try:
                convert_installed(model_id, report=report, manager=manager)
            except (ImportError, RuntimeError, ValueError, OSError) as exc:
                self.engine_failed = f"conversion of {model_id}: {exc}"
                log.warning("OpenVINO engine not used: %s", self.engine_failed)
                return

    def facts(self):
        """How this backend's model runs (steps, guidance, size), read from the catalogue."""
        from ..models.manager import ModelManager
        from .model import ModelFacts

        return ModelFacts.from_entry(ModelManager().entry(self.current_model_id()))

    def load(self) -> None:
        if self.engines()[0] == "openvino":
            self.prepare()
            try:
                self.model = self._load_openvino()
                self.engine = "openvino"
                return
            except UserError:
                raise  # a converted file that changed is refused like any other model file
            except (ImportError, RuntimeError, ValueError, OSError) as exc:
                self.engine_failed = f"OpenVINO: {exc}"
                log.warning("OpenVINO engine not used: %s", self.engine_failed)
        self._load_pytorch()

    def _load_openvino(self):
        """The converted model and decoder, after hashing them against their lock files."""
        from ..models.manager import ModelManager
        from .openvino_engine import (INT8_PART, TAESD_PARTS, OpenVINOImageModel, chosen_precision, ir_files,
                                      parts_of)

        facts = self.facts()
        manager = ModelManager()
        precision = chosen_precision(facts.model_id)
        model_parts = parts_of(manager.entry(facts.model_id))  # SD: unet + text encoder; SDXL: + text_encoder_2
        parts = model_parts + ((INT8_PART,) if precision == "int8" else ())
        if precision == "int8" and not manager.derived_ready(facts.model_id, ir_files(parts)):
            from .openvino_engine import cpu_precision

            precision, parts = cpu_precision(), model_parts
        folder = manager.verified_derived(facts.model_id, ir_files(parts))
        decoder = manager.verified_derived(facts.decoder_id, ir_files(TAESD_PARTS))
        model = OpenVINOImageModel.load(folder, facts, decoder, precision)
        model.warm_up(facts.size, facts.size)
        return model

    def _load_pytorch(self) -> None:
        from ..device import torch_device
        from ..models.manager import ModelManager
        from .model import ImageModel

        facts = self.facts()
        folder = self.model_path(facts.model_id)
        decoder = None
        # the tiny decoder is the big win on a CPU; on a graphics card the full VAE is fast and finer
        if facts.decoder_id and torch_device() == "cpu" and ModelManager().state(facts.decoder_id) == "installed":
            decoder = self.model_path(facts.decoder_id)
        self.model = ImageModel.load(folder, facts, decoder)

    def __call__(self, request: DrawRequest) -> Image.Image:
        self.ensure_loaded()
        return self.model.generate(request.chunks, request.negative, seed=request.seed, steps=request.steps,
                                   width=request.width, height=request.height, init_image=request.init_image,
                                   strength=request.strength, on_step=request.on_step)


class SDXLTurboBackend(StableDiffusionBackend):
    """SDXL-Turbo: finer pictures, only offered with a graphics card of at least 8 GB."""

    name = "imagegen.txt2img.sdxl"
    label = "imagegen.backend.sdxl_turbo"
    licence = "Stability AI (SDXL-Turbo; licence to be checked, possibly non-commercial)"
    weights = ("sdxl-turbo",)
    model_id = "sdxl-turbo"
    wants_gpu = True
    MIN_GPU_GB: ClassVar[float] = 8.0

    def is_available(self) -> bool:
        return super().is_available() and gpu_memory_gb() >= self.MIN_GPU_GB

    def engine_reason(self) -> str:
        """Never "" : SDXL-Turbo runs where it is offered, on a graphics card, with PyTorch (at 512 px its
        UNet step is 1.59 TFLOP against SD-Turbo's 0.80, for 2.57 G parameters against 0.87 G)."""
        return super().engine_reason() or "gpu"

    def load(self) -> None:
        if gpu_memory_gb() < self.MIN_GPU_GB:
            raise UserError("imagegen.errors.no_sdxl_gpu")
        super().load()


class LibraryModelBackend(StableDiffusionBackend):
    """A diffusers SD 1.x / 2.x / SDXL folder the library added to <data dir>/catalog.toml with
    `backend = "imagegen.txt2img.library"` (OpenVINO on a CPU when its tiny decoder is installed).
    Listed first (cheapest): chosen by default only when SD-Turbo is not installed, since a non-Turbo
    model needs 20 steps or more."""

    name = "imagegen.txt2img.library"
    label = "imagegen.backend.library"
    licence = "see the library's catalogue entry"

    def current_model_id(self) -> str:
        ids = library_model_ids()
        if not ids:
            raise UserError("errors.capability_unavailable", capability=self.capability,
                            command=" ; ".join(self.install_commands()))
        from ..models.manager import ModelManager

        manager = ModelManager()
        installed = [i for i in ids if manager.state(i) == "installed"]
        return (installed or ids)[0]

    uses_model = True  # a model backend even before the library adds its folder

    @property
    def weights(self) -> tuple[str, ...]:  # type: ignore[override]
        ids = library_model_ids()
        return (self.current_model_id(),) if ids else ()

    def is_available(self) -> bool:
        return bool(library_model_ids()) and super().is_available()

    def install_commands(self) -> list[str]:
        if not library_model_ids():  # the catalogue entry to add is described in the README
            return [studio("models import FOLDER")]
        return super().install_commands()


class Img2ImgBackend(SharedWeightsBackend):
    """Drawing->image on the components of a text->image backend (loaded once, shared)."""

    name = "imagegen.img2img.sd"
    capability = "imagegen.img2img"
    label = "imagegen.backend.img2img_sd"
    engine = "diffusers"
    ai_made = True
    source: ClassVar[str] = StableDiffusionBackend.name

    @property
    def uses_model(self) -> bool:  # type: ignore[override]
        return self._source.uses_model

    optional = False

    def facts(self):
        return self._source.facts()

    def prepare(self, progress: Progress = no_progress) -> None:
        self._source.prepare(progress)

    @property
    def made_by(self) -> str:
        return self._source.made_by

    def load(self) -> None:
        self._source.ensure_loaded()
        self.engine = self._source.engine
        if self._source.engine != "openvino":  # the OpenVINO engine runs drawings in the same loop
            self._source.model.img2img  # build it now, so the first drawing is not slower

    @property
    def model(self):
        return self._source.model

    def __call__(self, request: DrawRequest) -> Image.Image:
        self.ensure_loaded()
        return self._source(request)


class SDXLImg2ImgBackend(Img2ImgBackend):
    name = "imagegen.img2img.sdxl"
    label = "imagegen.backend.img2img_sdxl"
    source = SDXLTurboBackend.name


class LibraryImg2ImgBackend(Img2ImgBackend):
    name = "imagegen.img2img.library"
    label = "imagegen.backend.img2img_library"
    source = LibraryModelBackend.name


class SafetyCheckerBackend(Backend):
    """The Stable Diffusion safety checker: flags pictures unsuitable for children."""

    name = "imagegen.safety.checker"
    capability = "imagegen.safety"
    label = "imagegen.backend.safety_checker"
    licence = "none declared (CompVis safety checker: 'More information needed')"
    weights = ("sd-safety-checker",)
    modules = ("torch", "diffusers", "transformers")
    engine = "transformers"

    def load(self) -> None:
        import torch
        from diffusers.pipelines.stable_diffusion.safety_checker import StableDiffusionSafetyChecker
        from transformers import CLIPImageProcessor

        folder = self.model_path("sd-safety-checker")
        # the release has only a pickle file: transformers reads it with weights_only=True
        self.checker = StableDiffusionSafetyChecker.from_pretrained(folder, dtype=torch.float32).eval()
        self.processor = CLIPImageProcessor.from_pretrained(folder)

    def __call__(self, image: Image.Image) -> bool:
        """True when the checker finds the picture unsuitable."""
        import numpy as np
        import torch

        self.ensure_loaded()

        inputs = self.processor(images=image.convert("RGB"), return_tensors="pt")
        pixels = np.asarray(image.convert("RGB"), dtype=np.float32)[None] / 255.0
        with torch.inference_mode():
            _, flags = self.checker(images=pixels, clip_input=inputs.pixel_values.to(torch.float32))
        return bool(flags[0])


def library_model_ids() -> list[str]:
    """Catalogue ids a library added for the library backend (from <data dir>/catalog.toml)."""
    from ..models.manager import load_catalog

    return [i for i, e in load_catalog().items() if e.backend == LibraryModelBackend.name]


def gpu_memory_gb() -> float:
    """Memory of the first NVIDIA graphics card (0 when there is none), without importing torch."""
    if not probe().has_gpu or not shutil.which("nvidia-smi"):
        return 0.0
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=memory.total", "--format=csv,noheader,nounits"],
                             capture_output=True, text=True, timeout=10, check=True).stdout
        return max(float(x) for x in out.split()) / 1024
    except (OSError, subprocess.SubprocessError, ValueError):
        return 0.0
