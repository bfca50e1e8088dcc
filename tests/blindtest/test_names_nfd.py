"""A pseudonym typed on an iPad (decomposed accents, NFD) is the same as one typed on a PC (NFC)."""
from __future__ import annotations

import unicodedata

import pytest

from pipelines.blindtest import pack as packs
from pipelines.blindtest.game import MAX_NAME, QuizGames


@pytest.fixture
def game(store, quiz_pack_dir):
    games = QuizGames(store)
    return games, games.create(packs.load_folder(quiz_pack_dir), seconds=20, seed=3)


def test_decomposed_pseudonym_is_taken_like_the_composed_one(game):
    games, g = game
    first, renamed_first = games.join(g["code"], unicodedata.normalize("NFD", "Léa"), moment=1.0)
    second, renamed_second = games.join(g["code"], "Léa", moment=1.0)
    assert (first["name"], renamed_first) == ("Léa", False) and len(first["name"]) == 3
    assert (second["name"], renamed_second) == ("Léa 2", True)


def test_decomposed_long_pseudonym_keeps_its_letters_whole(game):
    games, g = game
    name = unicodedata.normalize("NFD", "é" * (MAX_NAME + 5))  # 2 code points a letter before NFC
    player, _ = games.join(g["code"], name, moment=1.0)
    assert player["name"] == "é" * MAX_NAME
