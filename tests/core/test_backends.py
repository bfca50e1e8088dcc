"""The backend registry: one list, unknown names listed, availability without heavy imports."""
from __future__ import annotations

import pytest

from pipelines import backends
from pipelines.i18n import UserError, catalogue


def test_unknown_backend_lists_valid_names():
    with pytest.raises(backends.UnknownBackend) as info:
        backends.get("no-such-backend")
    assert "valid ones are" in str(info.value)
    for backend in backends.all_backends():
        assert backend.name in str(info.value)


def test_every_registry_entry_resolves_to_a_backend_class():
    classes = backends.registry()
    assert len(classes) == len(set(classes)) >= 30
    for cls in classes:
        assert isinstance(cls, type) and issubclass(cls, backends.Backend), cls
        assert cls.name.startswith(cls.capability + "."), cls.name
    assert [b.name for b in backends.all_backends()] == [c.name for c in classes]


def test_every_backend_fulfils_its_capability_contract():
    contracts = backends.contracts()
    assert set(contracts) == set(backends.capabilities())
    for backend in backends.all_backends():
        contract = contracts[backend.capability]
        assert isinstance(backend, contract), f"{backend.name} does not fulfil {contract.__name__}"
        assert "__call__" in vars(contract) and contract.__call__.__doc__, contract.__name__
        assert isinstance(backend.ai_made, bool) and backend.engine, backend.name
    # the facts callers read instead of asking a backend's name
    assert backends.get("photo.faces.gfpgan").ai_made and backends.get("photo.colorize.ddcolor").ai_made
    assert not backends.get("photo.upscale.lanczos").ai_made and not backends.get("music.generate.composer").ai_made
    assert backends.get("music.generate.musicgen").ai_made and backends.get("imagegen.txt2img.sd").ai_made


def test_a_plugin_backend_is_one_class_and_one_registration(atelier_env):
    import numpy as np

    from pipelines.photo import chain
    from pipelines.photo.contract import PhotoRequest, PhotoResult

    class InvertTone(backends.Backend):  # a deliberately odd tone step, to see it chosen by name
        name = "photo.tone.invert"
        capability = "photo.tone"
        label = "photo.backend.tone_classic"

        def __call__(self, request: PhotoRequest) -> PhotoResult:
            return PhotoResult(1 - request.image)

    backends.register_backend(InvertTone)
    try:
        with pytest.raises(ValueError):
            backends.register_backend(type("Twin", (InvertTone,), {}))
        rgb = np.full((8, 8, 3), 0.25, np.float32)
        outcome = chain.restore(rgb, chain.RestoreRequest(steps=["tone"], engines={"tone": "photo.tone.invert"}))
        assert np.allclose(outcome.image, 0.75) and outcome.models == ["photo.tone.invert"]
        assert not outcome.ai_made
    finally:
        backends._plugins.remove(InvertTone)
        backends._instances.pop(InvertTone.name, None)


def test_registry_is_consistent(atelier_env):
    names = [b.name for b in backends.all_backends()]
    assert len(names) == len(set(names)), "backend names must be unique"
    fr = catalogue("fr")
    for backend in backends.all_backends():
        assert backend.label in fr, f"{backend.name}: label {backend.label} not translated"
        assert f"capability.{backend.capability}" in fr, backend.capability
        assert backend.licence
        for model_id in backend.weights:
            from pipelines.models.manager import ModelManager

            ModelManager().entry(model_id)  # every weight is a catalogue id


def test_each_capability_offers_a_cpu_backend_first_where_one_exists(atelier_env):
    for capability in backends.capabilities():
        every = backends.for_capability(capability)
        cpu = [b for b in every if not b.uses_model]
        if cpu:
            assert every[0] is cpu[0], f"{capability}: the CPU backend comes first"
            assert every[0].is_available()


def test_model_backends_are_unavailable_without_weights(atelier_env):
    for backend in backends.all_backends():
        if backend.uses_model:
            assert not backend.is_available()
            assert any("models download" in c or "models import" in c for c in backend.install_commands())
            with pytest.raises(UserError):
                backend.ensure_loaded()


def test_choose_falls_back_to_an_available_backend(atelier_env):
    for capability in backends.capabilities():
        if any(not b.uses_model for b in backends.for_capability(capability)):
            assert backends.choose(capability).is_available()
