"""Backends: interchangeable ways to do one capability, registered in one list, cheapest first.

A capability (``photo.faces``, ``imagegen.txt2img``, ``music.generate`` ...) has a CPU backend
that needs no weights where one exists, then model backends that need catalogue weights. A
backend is cheap to construct and to ask ``is_available()``; heavy libraries (torch,
diffusers, transformers, spandrel) are imported only inside ``load()``.
"""
from __future__ import annotations

import importlib
import importlib.util
import threading
from typing import Callable, ClassVar

from .i18n import UserError

Progress = Callable[[float, str], None]
"""progress(fraction 0..1, message): message is a locale key (or plain text)."""


def no_progress(fraction: float, message: str = "") -> None:
    """A progress callback that ignores everything (CLI and tests)."""


class Backend:
    """One way to do a capability. Subclasses set the class attributes and implement load()."""

    name: ClassVar[str]  # unique, e.g. "photo.faces.gfpgan"
    capability: ClassVar[str]  # e.g. "photo.faces"
    label: ClassVar[str]  # locale key of the name shown to users
    licence: ClassVar[str] = "MIT (code of this project)"  # licence of the weights it uses
    weights: ClassVar[tuple[str, ...]] = ()  # catalogue model ids it needs
    modules: ClassVar[tuple[str, ...]] = ()  # python modules it imports in load()
    wants_gpu: ClassVar[bool] = False
    optional: ClassVar[bool] = False  # never chosen by default (e.g. a non-commercial licence)

    def __init__(self) -> None:
        self._loaded = False
        self._lock = threading.Lock()

    # -- availability ---------------------------------------------------------------------
    @property
    def uses_model(self) -> bool:
        """True for model backends (they need weight files); False for CPU backends that always work."""
        return bool(self.weights)

    def missing_modules(self) -> list[str]:
        return [m for m in self.modules if importlib.util.find_spec(m) is None]

    def missing_weights(self) -> list[str]:
        if not self.weights:
            return []
        from .models.manager import ModelManager

        manager = ModelManager()
        return [w for w in self.weights if manager.state(w) != "installed"]

    def is_available(self) -> bool:
        """True when its python modules are importable and its weights are installed."""
        return not self.missing_modules() and not self.missing_weights()

    def install_commands(self) -> list[str]:
        """The commands that make this backend available."""
        commands = []
        if self.missing_modules():
            commands.append("pip install -r requirements.txt")
        commands += [f"python -m pipelines models download {w}" for w in self.missing_weights()]
        return commands

    # -- loading --------------------------------------------------------------------------
    def ensure_loaded(self) -> "Backend":
        """Load once (thread-safe); raise a UserError when modules or weights are missing."""
        with self._lock:
            if not self._loaded:
                if self.missing_modules():
                    raise UserError("errors.backend_modules", backend=self.name,
                                    modules=", ".join(self.missing_modules()))
                if self.missing_weights():
                    raise UserError("errors.backend_weights", backend=self.name,
                                    command=" ; ".join(self.install_commands()))
                self.load()
                self._loaded = True
        return self

    def load(self) -> None:
        """Import heavy libraries and load weights. CPU backends have nothing to load."""

    def model_path(self, model_id: str):
        """Folder of an installed catalogue model, after verifying its sha256 lock."""
        from .models.manager import ModelManager

        return ModelManager().verified_path(model_id)


# The registry: one readable list, cheapest first within each capability.
BACKENDS: list[str] = [
    "pipelines.story.writer:TemplateWriter", "pipelines.story.llm:SmallLlmWriter", "pipelines.story.llm:LlmWriter", "pipelines.safety.model_guard:SmallModelGuard", "pipelines.safety.model_guard:ModelGuard", "pipelines.story.voice:EspeakVoice", "pipelines.story.voice:PiperFrenchVoice",
    "pipelines.music.backends:ComposerBackend", "pipelines.music.backends:MusicgenBackend",
    "pipelines.imagegen.backends:StyliseBackend", "pipelines.imagegen.backends:LibraryModelBackend", "pipelines.imagegen.backends:StableDiffusionBackend", "pipelines.imagegen.backends:SDXLTurboBackend", "pipelines.imagegen.backends:LibraryImg2ImgBackend", "pipelines.imagegen.backends:Img2ImgBackend", "pipelines.imagegen.backends:SDXLImg2ImgBackend", "pipelines.imagegen.backends:SafetyCheckerBackend",
    "pipelines.photo.backends:OpenCVRepair", "pipelines.photo.backends:LamaRepair", "pipelines.photo.backends:ClassicTone", "pipelines.photo.backends:NLMeansDenoise", "pipelines.photo.faces:GFPGANFaces", "pipelines.photo.faces:RestoreFormerFaces", "pipelines.photo.faces:CodeFormerFaces", "pipelines.photo.backends:LanczosUpscale", "pipelines.photo.backends:RealESRGANx2Upscale", "pipelines.photo.backends:RealESRGANx4Upscale", "pipelines.photo.backends:RealESRGANUpscale", "pipelines.photo.backends:HintsColorize", "pipelines.photo.backends:DDColorColorize", "pipelines.photo.backends:DDColorArtisticColorize", "pipelines.photo.backends:DDColorLargeColorize",
]


class UnknownBackend(KeyError):
    def __init__(self, name: str, valid: list[str]):
        super().__init__(f"Unknown backend {name!r}; valid ones are: {', '.join(sorted(valid))}.")
        self.name = name
        self.valid = valid


_instances: dict[str, Backend] = {}
_registry_lock = threading.Lock()


def _resolve(path: str) -> type[Backend]:
    module_name, _, class_name = path.partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def all_backends() -> list[Backend]:
    """One shared instance of every registered backend, in registry order."""
    with _registry_lock:
        if len(_instances) != len(BACKENDS):
            for path in BACKENDS:
                cls = _resolve(path)
                if cls.name not in _instances:
                    _instances[cls.name] = cls()
        return [_instances[_resolve(p).name] for p in BACKENDS]


def get(name: str) -> Backend:
    """The backend called `name`; an unknown name raises UnknownBackend listing the valid ones."""
    for backend in all_backends():
        if backend.name == name:
            return backend
    raise UnknownBackend(name, [b.name for b in all_backends()])


def for_capability(capability: str) -> list[Backend]:
    return [b for b in all_backends() if b.capability == capability]


def available(capability: str) -> list[Backend]:
    return [b for b in for_capability(capability) if b.is_available()]


def capabilities() -> list[str]:
    seen: list[str] = []
    for b in all_backends():
        if b.capability not in seen:
            seen.append(b.capability)
    return seen


def choose(capability: str, name: str | None = None) -> Backend:
    """The named backend (checked), or the most capable available non-optional one."""
    if name:
        backend = get(name)
        if backend.capability != capability:
            raise UserError("errors.backend_capability", backend=name, capability=capability)
        if not backend.is_available():
            raise UserError("errors.backend_weights", backend=name,
                            command=" ; ".join(backend.install_commands()))
        return backend
    candidates = [b for b in available(capability) if not b.optional]
    if not candidates:
        every = for_capability(capability)
        if not every:
            raise UnknownBackend(capability, capabilities())
        commands = [c for b in every for c in b.install_commands()]
        raise UserError("errors.capability_unavailable", capability=capability,
                        command=" ; ".join(dict.fromkeys(commands)))
    return candidates[-1]
