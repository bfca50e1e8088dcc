"""Install commands (`python -m pipelines models download ...`) are for the facilitator: a child's tablet
(serve mode, not the facilitator's machine) sees a sentence instead. AppTest, no browser."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_page


def _comics_page(monkeypatch, workshop) -> AppTest:
    from pipelines import config

    config.reset_settings()
    return open_page(monkeypatch, "comics", workshop_id=workshop["id"], timeout=60)


@pytest.mark.parametrize("served", [False, True])
def test_install_commands_only_for_the_facilitator(workshop, monkeypatch, served):
    if served:
        monkeypatch.setenv("ATELIER_REQUIRE_CODE", "1")  # AppTest has no client address: a tablet
    at = _comics_page(monkeypatch, workshop)
    commands = [c.value for c in at.code if "models download" in c.value]
    hint = "L'animateur peut l'installer depuis la page «\u00a0Modèles d'IA\u00a0»."
    if served:
        assert commands == []
        assert hint in [c.value for c in at.caption]
    else:
        assert any("sd-turbo" in c for c in commands)
        assert hint not in [c.value for c in at.caption]


@pytest.mark.parametrize("served", [False, True])
def test_engine_licences_only_for_the_facilitator(atelier_env, monkeypatch, served):
    from pipelines import config

    if served:
        monkeypatch.setenv("ATELIER_REQUIRE_CODE", "1")
    config.reset_settings()
    at = open_page(monkeypatch, "storybook", timeout=60)
    writer = next(r for r in at.radio if r.label == "Qui écrit ?")
    shown = list(writer.options)  # the labels as drawn
    assert any("Histoires à choisir" in s for s in shown)
    assert any("MIT" in s for s in shown) is not served  # "— MIT (code of this project)" on the console only


def test_a_child_on_the_facilitators_laptop_sees_no_command_nor_licence(workshop, store, monkeypatch):
    """`make run` on one laptop: the browser is the facilitator's, but once a child is picked its pages are a
    child's (a shell command and « MIT (code d'Atelier…) » were shown to the child)."""
    from pipelines import config

    zoe = store.add_participant(workshop["id"], "Zoé", "8-12", False)
    config.reset_settings()
    at = open_page(monkeypatch, "comics", workshop_id=workshop["id"], participant_id=zoe["id"], timeout=60)
    assert [c.value for c in at.code if "models download" in c.value] == []
    assert "L'animateur peut l'installer depuis la page «\u00a0Modèles d'IA\u00a0»." in [c.value for c in at.caption]
    story = open_page(monkeypatch, "storybook", workshop_id=workshop["id"], participant_id=zoe["id"], timeout=60)
    writer = next(r for r in story.radio if r.label == "Qui écrit ?")
    assert not any("MIT" in s for s in writer.options)


def test_missing_engine_sentence_starts_the_capability_in_lower_case(workshop, monkeypatch):
    at = _comics_page(monkeypatch, workshop)
    assert "Pour dessiner à partir d'une phrase, un modèle d'IA doit d'abord être installé :" in [
        i.value for i in at.info]  # before: "Pour Dessiner à partir..."


def test_missing_engine_sentence_in_english_is_a_sentence(workshop, monkeypatch):
    """Every capability's English title is an imperative ("Draw from a sentence"): « To draw from a sentence, … »
    (it read "For draw from a sentence, …")."""
    at = _comics_page(monkeypatch, workshop)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception, at.exception
    assert "To draw from a sentence, an AI model must be installed first:" in [i.value for i in at.info]


def _engine_label_script():
    import streamlit as st

    from ui.widgets import engine_label

    st.write(engine_label("story.voice.espeak"))


@pytest.mark.parametrize("served", [False, True])
def test_voice_and_photo_engine_names_hide_licences_on_tablets(atelier_env, monkeypatch, served):
    """The storybook's voice choice and the photo steps' engine choices name the engine through
    `engine_label`: a tablet sees "Voix eSpeak NG", the facilitator also its licence."""
    from pipelines import config

    if served:
        monkeypatch.setenv("ATELIER_REQUIRE_CODE", "1")
    config.reset_settings()
    at = AppTest.from_function(_engine_label_script, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    shown = at.markdown[0].value
    assert shown.startswith("Voix eSpeak NG")
    assert ("GPL" in shown) is not served


def test_a_childs_screen_never_ends_a_sentence_on_a_colon(workshop, monkeypatch):
    """« …doit d'abord être installé : » with nothing after it on a tablet (the command is the facilitator's)."""
    monkeypatch.setenv("ATELIER_REQUIRE_CODE", "1")
    at = _comics_page(monkeypatch, workshop)
    said = [i.value for i in at.info if "doit d'abord être installé" in i.value]
    assert said and all(s.endswith("installé.") for s in said), said
    dangling = [x.value for x in [*at.info, *at.caption] if x.value.rstrip().endswith(":")]
    assert dangling == [], dangling
