"""Backends: interchangeable ways to do one capability, registered in one list, cheapest first.

A capability (``photo.faces``, ``imagegen.txt2img``, ``music.generate`` ...) has a CPU backend
that needs no weights where one exists, then model backends that need catalogue weights. A
backend is cheap to construct and to ask ``is_available()``; heavy libraries (torch,
diffusers, transformers, spandrel) are imported only inside ``load()``.

The call contract
-----------------
Every capability has one ``typing.Protocol`` with one documented call, ``backend(request) ->
result``; the docstring of that call gives shapes, ranges, units and errors. Callers never ask
which backend they hold: what differs between backends is said by class attributes (the
backend facts) -- ``ai_made`` (its output is made by a trained model and is labelled so),
``engine`` (what computes: ``opencv``, ``numpy``, ``torch``, ``diffusers``, ``transformers``,
``espeak-ng`` ...), ``licence`` (of the weights), ``weights`` (catalogue ids it needs),
``modules`` (python modules ``load()`` imports), ``wants_gpu``, ``optional``.

- ``photo.repair`` / ``tone`` / ``denoise`` / ``faces`` / ``colorize`` / ``upscale``:
  :mod:`pipelines.photo.contract` (Repairer, Toner, Denoiser, FaceFixer, Colorizer, Upscaler),
  ``PhotoRequest -> PhotoResult``
- ``music.generate``: :class:`pipelines.music.contract.MusicMaker`, ``MusicRequest -> Music``
- ``imagegen.stylise``: :class:`pipelines.imagegen.contract.Styliser`, ``StyliseRequest -> PIL.Image``
- ``imagegen.txt2img`` and ``imagegen.img2img``: :class:`pipelines.imagegen.contract.Drawer`,
  ``DrawRequest -> PIL.Image``
- ``imagegen.safety``: :class:`pipelines.imagegen.contract.SafetyChecker`, ``PIL.Image -> bool``
- ``story.write``: :class:`pipelines.story.contract.Writer`, ``WriteRequest -> Story``
- ``story.voice``: :class:`pipelines.story.contract.Voice`, ``SpeakRequest -> Path``
- ``portrait.paint``: :class:`pipelines.portrait.contract.PortraitPainter`
- ``safety.prompt``: :class:`pipelines.safety.model_guard.SentenceGuard`, ``GuardRequest -> PromptCheck | None``

:func:`contracts` maps each capability to its Protocol.

A new backend is one class plus one registry line
-------------------------------------------------
Say a sharper upscaler. Write the class next to its siblings (``pipelines/photo/backends.py``)::

    class SwinIRUpscale(Backend):  # SwinIR through spandrel, tile by tile

        name = "photo.upscale.swinir"          # unique; also the CLI/job name
        capability = "photo.upscale"           # which Protocol it fulfils (pipelines.photo.contract.Upscaler)
        label = "photo.backend.upscale_swinir"  # locale key of the name shown to users
        licence = "Apache-2.0"
        weights = ("swinir-x4",)               # catalogue ids (pipelines/models/catalog.toml)
        modules = SPANDREL
        engine = "torch"
        ai_made = False

        def load(self) -> None:                # heavy imports here, never at module level
            self.model = _load_spandrel(self.model_path("swinir-x4") / "swinir.pth")

        def __call__(self, request: PhotoRequest) -> PhotoResult:
            self.ensure_loaded()
            return PhotoResult(run_tiled(self.model, request.image, 4, progress=request.progress))

then add one line to :func:`registry` below, in cost order within its capability::

        photo.SwinIRUpscale,

``tests/core/test_backends.py`` resolves every entry, checks it against its capability's
Protocol and its label against the locales. Nothing else changes: ``photo/chain.py``, the
pages, the CLI and the doctor find it through :func:`choose` / :func:`for_capability`.
Plugins (settings ``plugins``) call :func:`register_backend` with their class.
"""
from __future__ import annotations

import importlib.util
import threading
from typing import Callable, ClassVar

from .i18n import UserError
from .commands import studio, pip_install

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
    ai_made: ClassVar[bool] = False  # its output is made by a trained model: labelled "made with AI"
    engine: ClassVar[str] = "numpy"  # what computes: numpy, opencv, torch, diffusers, transformers, espeak-ng...

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
            commands.append(pip_install())
        commands += [studio(f"models download {w}") for w in self.missing_weights()]
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


class SharedWeightsBackend(Backend):
    """A backend that works on the loaded components of another one (`source`, a backend name), so the
    weights are in memory once: drawing->image and portraits on the text->image model. Its licence,
    weights, modules, availability and install commands are the source's."""

    source: ClassVar[str]

    @property
    def _source(self) -> Backend:
        return get(self.source)

    @property
    def licence(self) -> str:  # type: ignore[override]
        return self._source.licence

    @property
    def weights(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(self._source.weights)

    @property
    def modules(self) -> tuple[str, ...]:  # type: ignore[override]
        return self._source.modules

    def is_available(self) -> bool:
        return self._source.is_available()

    def install_commands(self) -> list[str]:
        return self._source.install_commands()

    def load(self) -> None:
        self._source.ensure_loaded()


def registry() -> list[type[Backend]]:
    """Every backend class, one per line, cheapest first within each capability.

    The backend modules import only light libraries at module level (heavy ones wait for
    ``load()``), so resolving this list costs no model loading.
    """
    from .imagegen import backends as imagegen
    from .music import backends as music
    from .photo import backends as photo, faces
    from .portrait import backends as portrait
    from .safety import model_guard as guard
    from .story import llm, voice, writer

    return [
        writer.TemplateWriter,
        llm.SmallLlmWriter,
        llm.LlmWriter,
        guard.SmallModelGuard,
        guard.ModelGuard,
        voice.EspeakVoice,
        voice.PiperFrenchVoice,
        music.ComposerBackend,
        music.MusicgenBackend,
        imagegen.StyliseBackend,
        imagegen.LibraryModelBackend,
        imagegen.StableDiffusionBackend,
        imagegen.SDXLTurboBackend,
        imagegen.LibraryImg2ImgBackend,
        imagegen.Img2ImgBackend,
        imagegen.SDXLImg2ImgBackend,
        imagegen.SafetyCheckerBackend,
        photo.OpenCVRepair,
        photo.LamaRepair,
        photo.ClassicTone,
        photo.NLMeansDenoise,
        faces.GFPGANFaces,
        faces.RestoreFormerFaces,
        faces.CodeFormerFaces,
        photo.LanczosUpscale,
        photo.RealESRGANx2Upscale,
        photo.RealESRGANx4Upscale,
        photo.RealESRGANUpscale,
        photo.HintsColorize,
        photo.DDColorColorize,
        photo.DDColorArtisticColorize,
        photo.DDColorLargeColorize,
        portrait.CpuPainter,
        portrait.TurboPortrait,
        portrait.SDXLTurboPortrait,
    ] + _plugins


_plugins: list[type[Backend]] = []


def contracts() -> dict[str, type]:
    """Capability -> the Protocol its backends fulfil (one documented ``__call__``)."""
    from .imagegen.contract import CONTRACTS as imagegen
    from .music.contract import CONTRACTS as music
    from .photo.contract import CONTRACTS as photo
    from .portrait.contract import CONTRACTS as portrait
    from .safety.model_guard import CONTRACTS as safety
    from .story.contract import CONTRACTS as story

    return {**story, **music, **imagegen, **photo, **portrait, **safety}


def register_backend(cls: type[Backend]) -> None:
    """Add a backend class after the built-in ones (plugins); its name must be new."""
    if any(b.name == cls.name for b in registry() if b is not cls):
        raise ValueError(f"Backend name {cls.name!r} is already registered.")
    if cls not in _plugins:
        _plugins.append(cls)


class UnknownBackend(KeyError):
    def __init__(self, name: str, valid: list[str]):
        super().__init__(f"Unknown backend {name!r}; valid ones are: {', '.join(sorted(valid))}.")
        self.name = name
        self.valid = valid


_instances: dict[str, Backend] = {}
_registry_lock = threading.Lock()


def all_backends() -> list[Backend]:
    """One shared instance of every registered backend, in registry order."""
    classes = registry()
    with _registry_lock:
        for cls in classes:
            if cls.name not in _instances:
                _instances[cls.name] = cls()
        return [_instances[cls.name] for cls in classes]


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
