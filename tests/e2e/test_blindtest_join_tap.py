"""A child on a tablet taps « C'est parti ! » again and again, quickly: the form goes at once for « On te fait
entrer… », then the lobby; one player, not two (a first join reads the name check's word lists: seconds on a
2-core machine)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.e2e.conftest import ROOT, goto, shot
from tests.e2e.test_blindtest import wait_text
from tests.fixtures.models_blindtest import write_pack

pytestmark = pytest.mark.e2e

# Noted by the page itself from before the tap (a poll from the test could miss a quick join), in milliseconds after
# the tap: when « On te fait entrer… » first covered the form (the page's own cover, at the tap) and whether the
# join button was still under the finger then; when the studio's run drew its own message in the form's place, and
# whether the form was still drawn then; when the lobby came.
WATCH_JS = """([x, y]) => {
  const seen = window.atelierJoin = {tapped: null, cover: null, buttonUnderFinger: null, waiting: null,
                                     formWithWaiting: null, lobby: null};
  const look = () => {
    if (seen.tapped === null) return;
    const since = performance.now() - seen.tapped;
    const cover = document.querySelector('[data-testid="quiz-letting-in-now"]');
    if (seen.cover === null && cover) {
      seen.cover = since;
      const under = document.elementFromPoint(x, y);
      seen.buttonUnderFinger = !!(under && under.closest('[data-testid="stForm"]'));
      seen.coverText = cover.textContent;
    }
    if (seen.waiting === null && document.querySelector('[data-testid="quiz-letting-in"]')) {
      seen.waiting = since;
      seen.formWithWaiting = !!document.querySelector('[data-testid="stForm"]');
    }
    if (seen.lobby === null && document.querySelector('[data-testid="quiz-me"]')) seen.lobby = since;
  };
  // the page's cover may come from a listener that ran just before this one: looked at here too
  document.addEventListener('click', () => { if (seen.tapped === null) { seen.tapped = performance.now(); look(); } },
                            true);
  new MutationObserver(look).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def _studio_python(studio, code: str) -> object:
    """Run `code` (it prints one JSON value) against the studio's store."""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env=dict(os.environ, ATELIER_DATA_DIR=str(studio.data_dir), PYTHONPATH=str(ROOT)))
    return json.loads(out.stdout.strip().splitlines()[-1])


def _game_and_tablet(browser, studio, name: str):
    """A game of a new pack (`name`) opened in the studio's store, and a touch tablet's page (820 x 1180):
    (game {"id", "code"}, context, page)."""
    folder = write_pack(studio.data_dir / "quiz-packs" / f"pack-{name}", title=f"Pack {name}")
    game = _studio_python(studio, (
        "import json\n"
        "from pipelines.blindtest import pack as packs\n"
        "from pipelines.blindtest.game import QuizGames\n"
        "from pipelines.store import Store\n"
        f"g = QuizGames(Store()).create(packs.load_folder({str(folder)!r}), seconds=30, seed=1)\n"
        "print(json.dumps({'id': g['id'], 'code': g['code']}))\n"))
    context = browser.new_context(viewport={"width": 820, "height": 1180}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return game, context, page


def test_two_quick_taps_on_join_let_one_player_in_with_a_waiting_message(browser, studio):
    game, context, page = _game_and_tablet(browser, studio, "tap")
    try:
        goto(page, studio, "play")
        heading = page.get_by_text("Entre le code affiché au grand écran et ton pseudo.")
        heading.wait_for()
        page.get_by_role("textbox", name="Code du quiz").fill(game["code"])
        page.get_by_role("textbox", name="Ton pseudo").fill("Zoé")
        join = page.get_by_role("button", name=re.compile("C'est parti"))
        box = join.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        button = join.element_handle()
        page.evaluate(WATCH_JS, [x, y])
        page.touchscreen.tap(x, y)
        # a second tap on the button itself, as if the cover had come late (a slow tablet): the studio lets the
        # child in once
        button.evaluate("b => b.isConnected && b.click()")
        page.wait_for_timeout(120)
        page.touchscreen.tap(x, y)  # the same spot again, as a child who saw nothing happen
        wait_text(page, "Tu es dans la partie", timeout=60)
        seen = page.evaluate("window.atelierJoin")
        assert seen["cover"] is not None and seen["cover"] < 500, f"« On te fait entrer… » not shown at the tap: {seen}"
        assert seen["coverText"] == "⏳ On te fait entrer…" and seen["buttonUnderFinger"] is False, seen
        assert seen["formWithWaiting"] in (None, False), f"the form was drawn beside the studio's message: {seen}"
        assert seen["lobby"] is not None and seen["cover"] < seen["lobby"], seen
        assert page.get_by_test_id("quiz-me").inner_text() == "Zoé"
        page.wait_for_timeout(2_000)  # a run the second tap started would have let a « Zoé 2 » in by now
        names = _studio_python(studio, (
            "import json\n"
            "from pipelines.store import Store\n"
            "with Store().connect() as conn:\n"
            f"    rows = conn.execute('SELECT name FROM quiz_players WHERE game_id=?', ({game['id']},)).fetchall()\n"
            "print(json.dumps([r[0] for r in rows]))\n"))
        assert names == ["Zoé"], names
        assert page.get_by_test_id("quiz-letting-in").count() == 0
        assert page.get_by_test_id("quiz-letting-in-now").count() == 0
        assert page.locator('[data-testid="stForm"]').count() == 0
        assert heading.count() == 0, "the join form's heading stayed above the lobby"
        shot(page, "blindtest-join-tap-lobby")
    finally:
        context.close()
