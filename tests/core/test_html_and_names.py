"""User strings shown with HTML on are escaped; names with hidden control or direction characters are refused."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.blindtest import pack as packs
from pipelines.blindtest.game import QuizGames
from pipelines.i18n import UserError
from pipelines.safety.text import check_name, hidden_characters
from tests.fixtures.models_blindtest import sample_items, write_pack

ROOT = Path(__file__).resolve().parents[2]
ATTACK = "<img src=x onerror=alert(1)> Quelle ambiance ?"


@pytest.mark.parametrize("name", ["Zoé\u202egnp.exe", "Bob\u2066x\u2069", "Léa\u200f", "Tom\x00Tom", "A\u200bB",
                                  "Ana\ufeff", "Ivo\u0007"])
def test_names_with_hidden_characters_are_refused_everywhere(store, tmp_path, name):
    assert hidden_characters(name)
    workshop = store.create_workshop("Atelier")
    with pytest.raises(UserError) as caught:
        store.add_participant(workshop["id"], name)
    assert caught.value.key == "errors.name_hidden_chars" and "U+" in caught.value.message("fr")
    with pytest.raises(UserError):
        store.create_workshop(name)
    games = QuizGames(store)
    game = games.create(packs.load_folder(write_pack(tmp_path / "pack")), seconds=20, seed=1)
    with pytest.raises(UserError):
        games.join(game["code"], name)
    assert store.participants(workshop["id"]) == [] and games.players(game["id"]) == []


def test_real_names_pass():
    for name in ("Zoé", "Jean-Baptiste", "محمد", "İlayda", "👩\u200d🎨 Léa", "Nguyễn", "می\u200cخواهم"):
        assert check_name(name) == name


def test_a_quiz_question_with_html_is_shown_as_text_on_the_player_page(store, tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    items = sample_items()
    items[2]["question"] = ATTACK
    items[2]["choices"] = ["<b>joyeuse</b>", "calme", "mystère"]
    games = QuizGames(store)
    pack = packs.load_folder(write_pack(tmp_path / "pack", items=items))
    game = games.create(pack, item_ids=["musique-joie"], seconds=60, seed=1)
    at = AppTest.from_file(str(ROOT / "pages" / "play.py"), default_timeout=60)
    at.run()
    at.text_input[0].input(game["code"])
    at.text_input[1].input("Zoé")
    at.button[0].click().run()
    games.next_question(game["id"], -1)
    at.run()
    assert not at.exception
    html_shown = [m.value for m in at.markdown if getattr(m, "allow_html", False) or "<div" in m.value]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in value for value in html_shown), html_shown
    assert not any("<img" in value for value in html_shown)
    token = games.players(game["id"])[0]["token"]
    games.answer(token, 0, 0)
    games.close_question(game["id"], 0)
    at.run()
    shown = [m.value for m in at.markdown]
    assert not any("<b>joyeuse</b>" in value for value in shown) and any("&lt;b&gt;joyeuse" in v for v in shown)


def test_facilitator_addresses_setting(atelier_env, monkeypatch):
    from pipelines import config

    assert config.is_facilitator_address("127.0.0.1") and config.is_facilitator_address("::1")
    assert not config.is_facilitator_address("127.0.0.2")  # a forwarder on another loopback address
    assert not config.is_facilitator_address("192.168.1.10")
    monkeypatch.setenv("ATELIER_FACILITATOR_ADDRESSES", "192.168.1.10, 10.0.0.0/29")
    config.reset_settings()
    assert config.is_facilitator_address("192.168.1.10") and config.is_facilitator_address("10.0.0.7")
    assert not config.is_facilitator_address("10.0.0.9") and not config.is_facilitator_address("192.168.1.11")
    monkeypatch.setenv("ATELIER_FACILITATOR_ADDRESSES", "salle-1")
    config.reset_settings()
    with pytest.raises(ValueError, match="salle-1"):
        config.is_facilitator_address("192.168.1.10")


def _story_preview_app():
    from pipelines.story.spec import Page, Story, edit_page
    from ui.storybook import preview_ui

    story = Story(title="Zoé et le dragon", language="fr",
                  pages=[Page(text="Il était une fois Zoé.")])
    preview_ui(edit_page(story, 1, "Zoé écrit <img src=x onerror=alert(1)> sur la page."))


def test_an_edited_story_page_with_html_is_shown_as_text(atelier_env):
    at = AppTest.from_function(_story_preview_app, default_timeout=30)
    at.run()
    assert not at.exception
    shown = [m.value for m in at.markdown]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in value for value in shown), shown
    assert not any("<img" in value for value in shown)
