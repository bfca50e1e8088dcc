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
