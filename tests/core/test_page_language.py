"""One language on a page: the address's language reaches the menu and Streamlit's own words before they are
drawn, Streamlit's English names have words in both languages, the gallery says whose creations in good
French, and the sidebar's workshop label is short enough for its one-line box."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(atelier_env, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    monkeypatch.chdir(ROOT)  # atelier_env has cleared the cached store, queue and worker
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def _menu(at) -> list[str]:
    return [link.label for link in at.sidebar.get("page_link")]


def _words_script(at) -> str:
    return next(h.proto.body for h in at.get("html") if "__atelierWords" in h.proto.body)


@pytest.mark.parametrize("language, home, words", [("en", "Home", {}), ("fr", "Accueil", {"Upload": "Choisir"})])
def test_the_first_run_draws_the_menu_and_streamlits_words_in_the_addresss_language(app, language, home, words):
    """A reload of an English page (`/?lang=en`): the menu and the uploader's words were drawn in French before
    the sidebar read the address."""
    app.query_params["lang"] = language
    app.run()
    assert not app.exception, app.exception
    menu = _menu(app)
    assert menu[0] == home, menu
    script = _words_script(app)
    table = json.loads(script.split("const words = ", 1)[1].split(";\n", 1)[0])
    assert {k: v[:len(words[k])] for k, v in table.items() if k in words} == words
    assert f'documentElement.lang = "{language}"' in script
    assert app.sidebar.radio(key="lang_radio").value == language


def test_every_streamlit_word_has_its_text_in_both_languages():
    from pipelines.i18n import translate
    from ui.words import EXACT, NAMES, streamlit_words

    for table in (EXACT, NAMES):
        for english, key in table.items():
            if key:
                assert table is EXACT or translate(key, "en") == english  # English says what Streamlit says
                assert not translate(key, "en").startswith("[")
                assert translate(key, "fr") not in ("", english) and not translate(key, "fr").startswith("[")
    assert streamlit_words("fr", NAMES)["Expand sidebar"] == "Ouvrir le menu"
    assert streamlit_words("en", NAMES) == {}  # English names stay Streamlit's
    assert streamlit_words("fr")["Skip to main content"] == "Aller au contenu de la page"


@pytest.mark.parametrize("language, heading", [("fr", "Créations de l'atelier"), ("en", "The workshop's creations")])
def test_creations_without_a_participant_are_the_workshops(store, monkeypatch, language, heading):
    """A quiz's results belong to nobody: « Créations de Sans participant » was the heading."""
    from pipelines.store import write_bytes_atomic
    from tests.conftest import open_page

    workshop = store.create_workshop("Quiz")
    zoe = store.add_participant(workshop["id"], "Zoé")
    folder = store.artifact_dir(workshop["id"], "q")
    for owner, title in ((None, "Résultats du quiz"), (zoe["id"], "Le dragon")):
        pdf = write_bytes_atomic(folder / f"{title}.pdf", b"%PDF-1.4\n")
        store.add_artifact(workshop_id=workshop["id"], owner=owner, kind="comic", files={"pdf": str(pdf)},
                           title=title)
    at = open_page(monkeypatch, "gallery", workshop_id=workshop["id"], run=False)
    at.session_state["lang"] = language
    at.run()
    assert not at.exception, at.exception
    headings = sorted(h.value for h in at.subheader)
    assert headings == sorted([heading, "Créations de Zoé" if language == "fr" else "Zoé's creations"])


def test_the_workshop_label_is_short_and_tells_twins_apart():
    from ui.session import LABEL_MAX, short_date, workshop_labels

    today = dt.date(2026, 11, 30)
    assert short_date("2026-11-30", "fr", today) == "30/11"
    assert short_date("2025-03-01T10:00:00", "fr", today) == "01/03/2025"
    assert short_date(dt.date(2026, 11, 30), "en", today) == "30 Nov"
    assert short_date("2025-03-01", "en", today) == "1 Mar 2025"
    workshops = [{"id": 3, "name": "Mercredi cartes", "day": "2026-11-30", "code": "K7P2Q"},
                 {"id": 2, "name": "Mercredi cartes", "day": "2026-11-30", "code": "AB12C"},
                 {"id": 1, "name": "Mercredi cartes", "day": "2026-11-23", "code": "ZZ99Z"}]
    labels = workshop_labels(workshops, "fr", today)
    assert labels == {3: "Mercredi cartes (30/11, K7P2Q)", 2: "Mercredi cartes (30/11, AB12C)",
                      1: "Mercredi cartes (23/11)"}
    assert workshop_labels(workshops[2:], "en", today) == {1: "Mercredi cartes (23 Nov)"}
    long = [{"id": 1, "name": "Atelier BD des petits lecteurs du mercredi", "day": "2026-11-30", "code": "K7P2Q"}]
    assert workshop_labels(long, "fr", today) == {1: "Atelier BD des petits… (30/11)"}
    assert all(len(text) <= LABEL_MAX for text in [*labels.values(), *workshop_labels(long, "fr", today).values()])
    arabic = [{"id": 1, "name": "ورشة القصص", "day": "2026-11-30", "code": "K7P2Q"}]
    # isolated: shown right to left inside, its day after it (without, the day came first in the box)
    assert workshop_labels(arabic, "fr", today) == {1: "\u2068ورشة القصص\u2069 (30/11)"}
