"""The frame and the studio pages, driven by streamlit's AppTest (no browser)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def _fresh_resources() -> None:
    """st.cache_resource lives as long as the process: each test gets a store on its own data dir."""
    from ui import runtime

    for resource in (runtime.get_store, runtime.get_queue, runtime.start_worker):
        resource.clear()


@pytest.fixture
def app(atelier_env, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")  # AppTest runs the script only
    monkeypatch.chdir(ROOT)
    _fresh_resources()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    return at


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.title] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [s.value for s in at.success] + [e.value for e in at.error]
    parts += [h.value for h in at.header] + [h.value for h in at.subheader]
    return "\n".join(str(p) for p in parts)


def test_home_in_french_then_english(app):
    app.run()
    assert not app.exception
    assert "Bienvenue dans l'Atelier" in _texts(app)
    app.sidebar.radio(key="lang_radio").set_value("en").run()
    assert not app.exception
    assert "Welcome to the Studio" in _texts(app)


def test_console_creates_a_workshop_and_adds_a_participant_with_consent(app):
    from pipelines.store import Store

    app.switch_page("pages/console.py").run()
    assert not app.exception
    app.text_input[0].input("Contes d'hiver")
    app.button[0].click().run()  # the create form's submit button comes first
    assert not app.exception
    workshop = Store().workshops()[0]
    assert workshop["name"] == "Contes d'hiver" and workshop["retention"] == "week"
    assert any(workshop["code"] in m.value for m in app.markdown)
    name_input = next(w for w in app.text_input if w.label == "Prénom ou pseudonyme")
    by_input = next(w for w in app.text_input if w.label == "Accord noté par")
    name_input.input("Zoé")
    next(c for c in app.checkbox if c.label.startswith("Un parent")).check()
    by_input.input("Animatrice")
    next(b for b in app.button if b.label == "Ajouter").click().run()
    assert not app.exception
    person = Store().participants(workshop["id"])[0]
    assert (person["name"], person["consent"], person["consent_by"]) == ("Zoé", 1, "Animatrice")
    assert "Zoé a rejoint l'atelier." in _texts(app)


def test_consent_needs_who_recorded_it(app):
    from pipelines.store import Store

    workshop = Store().create_workshop("Photos de famille")
    app.session_state["workshop_id"] = workshop["id"]
    app.switch_page("pages/console.py").run()
    next(w for w in app.text_input if w.label == "Prénom ou pseudonyme").input("Léo")
    next(c for c in app.checkbox if c.label.startswith("Un parent")).check()
    next(b for b in app.button if b.label == "Ajouter").click().run()
    assert "Indiquez qui a noté l'accord du parent." in _texts(app)
    assert Store().participants(workshop["id"]) == []


def test_models_page_lists_every_model_with_licence_and_command(app):
    from pipelines.models.manager import load_catalog

    app.switch_page("pages/models.py").run()
    assert not app.exception
    text = _texts(app)
    codes = "\n".join(c.value for c in app.code)
    for model_id, entry in load_catalog().items():
        assert model_id in text
        assert f"python -m pipelines models download {model_id}" in codes
    assert "usage non commercial seulement" in text
    assert " Go" in text and " GB" not in text and "cores" not in text  # units in French, « 2,6 Go »
    sizes = [str(m.value) for m in app.metric]
    assert sizes and all(re.fullmatch(r"\d+,\d Go|\d+ Mo", size) for size in sizes), sizes


def test_models_page_says_the_licence_notes_in_the_page_language(app):
    """Licence names stay as written (« CreativeML OpenRAIL-M », « Apache-2.0 »); the notes follow the language."""
    app.switch_page("pages/models.py").run()
    assert not app.exception
    text = _texts(app)
    assert "[MIT](https://github.com/xinntao/facexlib/blob/master/LICENSE) — facexlib et Pytorch_Retinaface ; " \
           "licence des poids ParseNet non vérifiée" in text
    assert "LICENSE.md renommé en juillet 2024" in text and "aucune licence déclarée" in text
    assert "unverified" not in text and "renamed" not in text and "none declared" not in text
    app.sidebar.radio(key="lang_radio").set_value("en").run()
    assert not app.exception
    text = _texts(app)
    assert "licence of the ParseNet weights unverified" in text and "LICENSE.md renamed in July 2024" in text
    assert "non vérifiée" not in text and "renommé" not in text


def test_gallery_shows_and_deletes_creations(app):
    from pipelines.store import Store, write_bytes_atomic

    store = Store()
    workshop = store.create_workshop("BD")
    zoe = store.add_participant(workshop["id"], "Zoé")
    path = write_bytes_atomic(store.artifact_dir(workshop["id"], "x") / "planche.txt", b"hello")
    item = store.add_artifact(workshop_id=workshop["id"], owner=zoe["id"], kind="comic", files={"page": str(path)},
                              title="Le dragon", ai_made=True)
    app.session_state["workshop_id"] = workshop["id"]
    app.switch_page("pages/gallery.py").run()
    assert not app.exception
    assert "Créations de Zoé" in _texts(app) and "Le dragon" in _texts(app)
    app.session_state[f"del-open-{item['id']}"] = True  # « 🗑️ Supprimer » tapped: its question is open
    app.run()
    next(b for b in app.button if b.label == "Oui, supprimer").click().run()  # the question's answer
    assert store.artifact(item["id"]) is None and not path.exists()


def test_serve_mode_asks_tablets_for_the_workshop_code(atelier_env, monkeypatch):
    from pipelines import config
    from pipelines.store import Store

    monkeypatch.setenv("ATELIER_REQUIRE_CODE", "1")
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    config.reset_settings()
    workshop = Store().create_workshop("Quiz")
    import ui.session

    monkeypatch.setattr(ui.session, "is_local_client", lambda: False)  # as seen from a tablet
    _fresh_resources()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert "Rejoindre l'atelier" in _texts(at)
    at.text_input[0].input("ZZZZZ")
    at.button[0].click().run()
    assert "Ce code ne correspond à aucun atelier" in _texts(at)
    at.text_input[0].input(workshop["code"].lower())
    at.button[0].click().run()
    assert at.session_state["workshop_id"] == workshop["id"]
    assert "Rejoindre l'atelier" not in _texts(at)
    assert at.query_params["atelier"] in (workshop["code"], [workshop["code"]])
    # A reload (a new session on the same address) stays in the workshop.
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    again.query_params["atelier"] = workshop["code"]
    again.run()
    assert again.session_state["workshop_id"] == workshop["id"] and "Rejoindre l'atelier" not in _texts(again)


def test_a_pasted_code_too_long_stays_in_its_box_and_is_said(atelier_env, monkeypatch):
    """Streamlit's max_chars dropped a pasted code longer than 8 signs whole, and nothing was said. A paste with the
    code among the message's words (« Code de l'atelier : K7QPM ») lets the tablet in; one with no code is said."""
    from pipelines import config
    from pipelines.store import Store

    monkeypatch.setenv("ATELIER_REQUIRE_CODE", "1")
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    config.reset_settings()
    import ui.session

    monkeypatch.setattr(ui.session, "is_local_client", lambda: False)
    workshop = Store().create_workshop("Samedi")
    _fresh_resources()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.text_input[0].max_chars
    pasted = "le code de l'atelier de samedi"  # a message's words, no code in them
    at.text_input[0].input(pasted)
    at.button[0].click().run()
    assert at.text_input[0].value == pasted
    texts = _texts(at).replace("\u00a0", " ")
    assert "Ce code a 25 signes : un code en a 6 au plus." in texts, texts
    assert "Ce code ne correspond à aucun atelier" not in texts
    at.text_input[0].input(f"Code de l'atelier : {workshop['code']}")  # pasted from the console's sentence
    at.button[0].click().run()
    assert at.session_state["workshop_id"] == workshop["id"]


def test_every_page_runs_inside_the_frame_first():
    """A first visit straight to a page must still get the frame (sidebar, workshop-code gate)."""
    import ast

    for path in sorted((ROOT / "pages").glob("*.py")):
        body = ast.parse(path.read_text()).body
        statements = [n for n in body if not isinstance(n, (ast.Import, ast.ImportFrom))
                      and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
        first = statements[0]
        assert isinstance(first, ast.Expr) and isinstance(first.value, ast.Call) \
            and getattr(first.value.func, "id", "") == "require_frame", f"{path.name}: call require_frame() first"


def test_opening_every_page_does_not_import_torch(atelier_env):
    """The app starts in seconds: heavy libraries are imported only by the worker's backends."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        "from ui.nav import HOME, TOOLS, WORKSHOPS\n"
        "at = AppTest.from_file('app.py', default_timeout=120); at.run()\n"
        "for info in [HOME, *WORKSHOPS, *TOOLS]:\n"
        "    at.switch_page(info.path).run()\n"
        "    assert not at.exception, (info.path, [(e.message, e.stack_trace[-15:]) for e in at.exception])\n"
        "heavy = [m for m in ('torch', 'diffusers', 'transformers', 'spandrel', 'facexlib') if m in sys.modules]\n"
        "print(heavy); sys.exit(1 if heavy else 0)\n"
    )
    # a page's error is shown whole here (the studio's own config hides it from the room: showErrorDetails "none")
    env = {**__import__("os").environ, "ATELIER_EMBEDDED_WORKER": "0", "PYTHONPATH": str(ROOT),
           "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "full"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=600)
    errors = "\n".join(line for line in result.stderr.splitlines() if "missing ScriptRunContext" not in line)
    assert result.returncode == 0, result.stdout[-2000:] + errors[-4000:]


def _card_lines(at, title: str) -> list[str]:
    """The capability lines (captions) of the home card whose subheader is `title`."""
    def walk(node):
        children = list(getattr(node, "children", {}).values())
        if any(getattr(c, "type", "") == "subheader" and c.value == title for c in children):
            yield [c.value for c in children if getattr(c, "type", "") == "caption"]
        for child in children:
            yield from walk(child)

    cards = list(walk(at.main))
    assert len(cards) == 1, f"{len(cards)} home cards titled {title!r}"
    return cards[0]


def test_the_blind_test_card_says_what_the_facilitator_does_there(app):
    """The blind test's pictures line tells what is done on that page (« Créer les images du quiz »), not the comic
    workshop's wording of the same engine (« Transformer un dessin en BD », kept on the comics card)."""
    app.run()
    assert not app.exception
    quiz = _card_lines(app, "Blind test")
    assert any("Créer les images du quiz" in line for line in quiz), quiz
    assert not any("Transformer un dessin en BD" in line for line in quiz), quiz
    assert any("Composer la musique" in line for line in quiz), quiz
    comics = _card_lines(app, "Bande dessinée")
    assert any("Transformer un dessin en BD" in line for line in comics), comics
    app.sidebar.radio(key="lang_radio").set_value("en").run()
    assert not app.exception
    quiz = _card_lines(app, "Blind test")
    assert any("Make the quiz pictures" in line for line in quiz), quiz


def test_every_home_card_line_is_worded_in_both_languages():
    from pipelines.i18n import catalogue
    from ui.nav import WORKSHOPS

    for info in WORKSHOPS:
        assert set(info.own_wording) <= set(info.capabilities), info.key
        for capability in info.capabilities:
            for language in ("fr", "en"):
                assert info.capability_key(capability) in catalogue(language), (info.key, capability, language)
