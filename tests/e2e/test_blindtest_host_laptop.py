"""The host's projector screen on a laptop (1366 x 768): while a question runs, the answers received and the button
that stops the question are in sight without scrolling (the count was under the answers, below the fold, with
answers two lines long)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.e2e.conftest import ROOT, goto, settled_box, shot

pytestmark = pytest.mark.e2e
LAPTOP = {"width": 1366, "height": 768}


def _game_on_a_question(studio) -> str:
    """A game in the studio's store, two players in, its question « Quel prompt ? » running; returns its code."""
    code = (
        "import json, sys; sys.path.insert(0, %r)\n"
        "from pathlib import Path\n"
        "from PIL import Image\n"
        "from pipelines.store import Store\n"
        "from pipelines.blindtest.game import QuizGames\n"
        "from pipelines.blindtest.pack import load_folder\n"
        "from tests.fixtures.models_blindtest import sample_items, write_pack\n"
        "items = sample_items()\n"
        "items[1]['choices'] = [  # prompts as an AI quiz has them: each answer two lines long on the screen\n"
        "    'un chat roux qui dort sur une pile de livres, style bande dessinée',\n"
        "    'un chien noir qui court sur la plage au coucher du soleil, style bande dessinée',\n"
        "    'un chat roux qui dort sur une pile de livres, style aquarelle',\n"
        "    'une tasse de café fumante sur une table en bois, style manga']\n"
        "folder = write_pack(Path(%r) / 'quiz-packs' / 'pack-portable', items=items, title='Pack portable')\n"
        "Image.new('RGB', (1024, 768), (200, 140, 90)).save(folder / 'media' / 'chat-bd.png')\n"
        "games = QuizGames(Store())\n"
        "game = games.create(load_folder(folder), item_ids=['chat-bd'], seconds=300)\n"
        "for name in ('Léa', 'Sam'):\n"
        "    games.join(game['code'], name)\n"
        "games.next_question(game['id'], after=game['current'])\n"
        "print(json.dumps(game['code']))\n"
        % (str(ROOT), str(studio.data_dir))
    )
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, ATELIER_DATA_DIR=str(studio.data_dir)),
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_answers_received_are_in_sight_on_a_laptop(browser, studio):
    game = _game_on_a_question(studio)
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        goto(page, studio, f"blindtest?partie={game}")
        answers = page.get_by_text(re.compile(r"📨 \d+ réponses? sur \d+"))
        answers.wait_for()
        stop = page.get_by_role("button", name="⏹️ Arrêter et montrer la réponse")
        stop.wait_for()
        assert page.evaluate("window.scrollY") == 0
        for what in (answers, stop):
            box = settled_box(page, what)
            assert box["y"] >= 0 and box["y"] + box["height"] <= LAPTOP["height"], (what, box)
        page.screenshot(path=str(shot(page, "blindtest-host-laptop").with_name("blindtest-host-laptop-view.png")))
    finally:
        context.close()
