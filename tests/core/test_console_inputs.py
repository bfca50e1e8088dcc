"""The console's forms answer bad input with a sentence (AppTest, no browser)."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def console(atelier_env, monkeypatch):
    from ui import runtime

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    monkeypatch.chdir(ROOT)
    for resource in (runtime.get_store, runtime.get_queue, runtime.start_worker):
        resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/console.py").run()
    at.text_input[0].input("Mercredi")
    at.button[0].click().run()
    assert not at.exception
    return at


def test_participant_without_a_name_is_told_what_to_do(console):
    from pipelines.store import Store

    name_input = next(w for w in console.text_input if w.label == "Prénom ou pseudonyme")
    name_input.input("   ")
    next(b for b in console.button if b.label == "Ajouter").click().run()
    assert not console.exception
    errors = [e.value for e in console.error]
    assert errors == ["Écrivez un prénom ou un pseudonyme."]
    assert Store().participants(Store().workshops()[0]["id"]) == []
