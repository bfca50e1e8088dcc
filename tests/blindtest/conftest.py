"""Fixtures of the blind-test engine tests: a game over the test quiz pack (30 s a question, seed 4)."""
from __future__ import annotations

import pytest

from pipelines.blindtest import pack as packs
from pipelines.blindtest.game import QuizGames


@pytest.fixture
def games(store):
    return QuizGames(store)


@pytest.fixture
def game(games, quiz_pack_dir):
    return games.create(packs.load_folder(quiz_pack_dir), seconds=30, seed=4)
