"""Every engine's licence reads in the page's language: the catalogue's notes for weights, our own sentence else."""
from __future__ import annotations

import pytest
import streamlit as st

from pipelines import backends
from pipelines.models.manager import ModelManager
from ui.widgets import licence_of


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_engine_licence_is_said_in_the_page_language(language):
    st.session_state["lang"] = language
    try:
        manager = ModelManager()
        for backend in backends.all_backends():
            text = licence_of(backend)
            assert text and "[" not in text[:1], (backend.name, text)  # a missing key shows as [key]
            for model_id in backend.weights:
                assert manager.entry(model_id).licence_text(language) in text
            if not backend.weights:
                assert ("d'Atelier" in text or "programme" in text or "médiathèque" in text) == (language == "fr")
        musicgen = backends.get("music.generate.musicgen")
        ending = "non commercial seulement" if language == "fr" else "non-commercial use only"
        assert licence_of(musicgen).endswith(ending)
    finally:
        del st.session_state["lang"]
