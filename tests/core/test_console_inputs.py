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


def test_consent_is_dated_as_people_write_it(console):
    from pipelines.i18n import long_date
    from pipelines.store import Store

    next(w for w in console.text_input if w.label == "Prénom ou pseudonyme").input("Zoé")
    next(c for c in console.checkbox if c.label.startswith("Un parent a donné son accord")).check()
    next(w for w in console.text_input if w.label == "Accord noté par").input("Animatrice")
    next(b for b in console.button if b.label == "Ajouter").click().run()
    assert not console.exception
    [zoe] = Store().participants(Store().workshops()[0]["id"])
    at = zoe["consent_at"]
    expected = f"✅ Accord noté par Animatrice le {long_date(at, 'fr')}, {at[11:16]}"  # "29 novembre 2026, 16:47"
    assert expected in [m.value for m in console.markdown], [m.value for m in console.markdown]
