"""« D'abord, choisis ton prénom » is said on the workshop pages where a child picks a name from the roster, with
the words for a folded menu (« ouvre le menu ») and for an open one (« dans le menu à gauche »), a CSS rule showing
the one that fits; never on the blind test's pages (its host screen is a projector, its players type a pseudonym)."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def _page(store, monkeypatch, path: str) -> AppTest:
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    workshop = store.create_workshop("Mercredi")
    store.add_participant(workshop["id"], "Zoé", consent=True, consent_by="Animatrice")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = "fr"
    at.session_state["workshop_id"] = workshop["id"]
    at.run()
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def _banner(at: AppTest) -> list[str]:
    return [i.value for i in at.info if "choisis ton prénom" in i.value]


def test_a_roster_page_says_both_wordings_and_the_css_picks_one(store, monkeypatch):
    from ui.session import BIG_BUTTONS_CSS

    at = _page(store, monkeypatch, "pages/comics.py")
    said = _banner(at)
    assert len(said) == 2 and "ouvre le menu" in said[0], said
    assert "ouvre le menu" not in said[1] and "dans le menu à gauche" in said[1], said
    assert '[data-collapsed="false"]) .st-key-pick-name-folded { display: none; }' in BIG_BUTTONS_CSS


@pytest.mark.parametrize("path", ["pages/blindtest.py", "pages/play.py"])
def test_no_roster_banner_on_the_blind_test_pages(store, monkeypatch, path):
    at = _page(store, monkeypatch, path)
    assert _banner(at) == []
