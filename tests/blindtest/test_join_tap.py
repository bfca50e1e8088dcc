"""The tap on « C'est parti ! » (AppTest): « On te fait entrer… » in the form's place while the player is let in,
by the run of the tap alone; a second tap that reruns the page meanwhile lets no second player in."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.testing.v1 import AppTest

import ui.quiz_player
from pipelines import config
from pipelines.blindtest import pack as packs
from pipelines.blindtest.game import QuizGames

ROOT = Path(__file__).resolve().parents[2]


def _shown_so_far() -> list[str]:
    """The markdown this run has sent to the page until now (what a tablet shows while the script goes on)."""
    runner = get_script_run_ctx()._enqueue.__self__  # the AppTest script runner of this run
    return [m.delta.new_element.markdown.body for m in runner.forward_msgs()
            if m.HasField("delta") and m.delta.new_element.HasField("markdown")]


@pytest.fixture(params=["fr"])
def page(request, store, quiz_pack_dir, monkeypatch):
    """The player's page (in French unless the test says), the form filled in, not yet tapped, and its game."""
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    # the studio's default language: AppTest says the team radio's choices outside the page's run, in that one
    monkeypatch.setenv("ATELIER_LANGUAGE", request.param)
    config.reset_settings()
    game = QuizGames(store).create(packs.load_folder(quiz_pack_dir), seconds=20, teams=False, seed=1)
    at = AppTest.from_file(str(ROOT / "pages" / "play.py"), default_timeout=60)
    at.run()
    assert not at.exception
    at.text_input[0].input(game["code"])
    at.text_input[1].input("Zoé")
    return at, game


def _players(store, game) -> list[str]:
    with store.connect() as conn:
        return [r["name"] for r in conn.execute("SELECT name FROM quiz_players WHERE game_id=?", (game["id"],))]


def test_the_tap_shows_the_waiting_message_instead_of_the_form_and_one_run_lets_the_player_in(page, store,
                                                                                              monkeypatch):
    at, game = page
    runs, seen = [], []
    player_ui, join = ui.quiz_player.player_ui, QuizGames.join

    def counted_player_ui():
        runs.append(1)
        player_ui()

    def watched_join(self, *args, **kwargs):
        seen.append(_shown_so_far())
        return join(self, *args, **kwargs)

    monkeypatch.setattr(ui.quiz_player, "player_ui", counted_player_ui)  # pages/play.py imports it at each run
    monkeypatch.setattr(QuizGames, "join", watched_join)
    at.button[0].click().run()
    assert not at.exception
    assert len(runs) == 1, "the tap must let the player in without a second run of the page"
    assert len(seen) == 1 and any("On te fait entrer…" in body for body in seen[0]), seen
    assert not at.text_input and not [b for b in at.button if "C'est parti" in b.label]
    assert any("Tu es dans la partie" in m.value for m in at.markdown)
    assert not any("On te fait entrer" in m.value for m in at.markdown)
    assert _players(store, game) == ["Zoé"]


HEADING = "Entre le code affiché au grand écran et ton pseudo."


def test_the_form_s_heading_goes_on_the_run_that_lets_the_player_in(page):
    """The lobby is redrawn by its fragment alone: a heading the join run left would stay above it until a reload."""
    at, game = page
    assert any(HEADING in m.value for m in at.markdown)
    at.button[0].click().run()
    assert not at.exception
    assert any("Tu es dans la partie" in m.value for m in at.markdown)
    assert not any(HEADING in m.value for m in at.markdown), [m.value for m in at.markdown]


def test_a_refused_join_keeps_the_heading_above_the_reason_and_the_form(page):
    at, game = page
    at.text_input[0].input("ZZZZ")
    at.button[0].click().run()
    assert not at.exception
    assert any(HEADING in m.value for m in at.markdown)
    assert any("Aucun quiz avec le code" in e.value for e in at.error)


def test_a_second_tap_while_the_first_lets_the_player_in_adds_no_player(page, store, monkeypatch):
    """The second tap reaches the studio while the first is in QuizGames.join (seconds on a first join): Streamlit
    stops the run at its next call and runs the page again with the second tap."""
    at, game = page
    tap = at.button[0].click()
    taps = at._tree.get_widget_states()  # what the browser sends for a tap on the form's button
    join, calls = QuizGames.join, []

    def join_then_tapped_again(self, *args, **kwargs):
        calls.append(1)
        result = join(self, *args, **kwargs)
        if len(calls) == 1:
            ctx = get_script_run_ctx()
            ctx.script_requests.request_rerun(RerunData(widget_states=taps, page_script_hash=ctx.page_script_hash))
        return result

    monkeypatch.setattr(QuizGames, "join", join_then_tapped_again)
    tap.run()
    assert not at.exception
    assert _players(store, game) == ["Zoé"]
    assert any("Tu es dans la partie" in m.value for m in at.markdown)
    assert not any("déjà pris" in i.value for i in at.info)


def test_a_refused_join_shows_why_and_the_form_again_with_what_was_typed(page, store):
    at, game = page
    at.text_input[0].input("ZZZZ")
    at.button[0].click().run()
    assert not at.exception
    assert any("Aucun quiz avec le code" in e.value for e in at.error)
    assert [w.value for w in at.text_input] == ["ZZZZ", "Zoé"]
    at.text_input[0].input(game["code"])
    at.button[0].click().run()
    assert _players(store, game) == ["Zoé"]


def _tap_script(at) -> str:
    """The page's script that covers the form at the tap, before the studio answers (ui.quiz_player.JOIN_TAP_JS)."""
    return next(h.proto.body for h in at.get("html") if "atelierJoinWaiting" in h.proto.body)


def test_the_page_covers_the_form_at_the_tap_with_the_waiting_message(page):
    at, game = page
    assert 'window.atelierJoinWaiting = "On te fait entrer…"' in _tap_script(at)


@pytest.mark.parametrize("page", ["en"], indirect=True)
def test_the_waiting_message_is_said_in_english_in_an_english_room(page, monkeypatch):
    at, game = page
    assert 'window.atelierJoinWaiting = "Letting you in…"' in _tap_script(at)
    seen, join = [], QuizGames.join

    def watched_join(self, *args, **kwargs):
        seen.append(_shown_so_far())
        return join(self, *args, **kwargs)

    monkeypatch.setattr(QuizGames, "join", watched_join)
    at.button[0].click().run()
    assert not at.exception
    assert any("Letting you in…" in body for body in seen[0]), seen
