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


def test_two_choices_that_differ_only_in_how_their_accents_were_typed_are_twins(tmp_path):
    """« un éléphant » typed on a PC and on a Mac (decomposed) are one answer shown twice: players saw two identical
    choices, one right and one wrong, and the pack was said valid."""
    import io
    import json
    import zipfile

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "grey").save(picture, format="PNG")
    item = {"id": "q1", "mode": "which_prompt", "media": "image", "file": "media/a.png", "truth": "ai", "model": "m",
            "prompt": "un éléphant", "answer": 0,
            "choices": ["un éléphant", unicodedata.normalize("NFD", "un éléphant"), "un chat"]}
    manifest = {"format": packs.FORMAT, "version": 1, "title": "Animaux", "language": "fr", "items": [item]}
    path = tmp_path / "pack.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
        archive.writestr("media/a.png", picture.getvalue())
    assert [p.key for p in packs.check(path)] == ["quiz.pack.err_choices_twice"]
    assert [p.key for p in packs.check_manifest(manifest, lambda name: picture.getvalue())] == \
        ["quiz.pack.err_choices_twice"]  # the builder's check of one item, before the manifest is stored


def test_an_unpacked_pack_keeps_its_words_in_nfc(tmp_path):
    import io
    import json
    import zipfile

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "grey").save(picture, format="PNG")
    item = {"id": "q1", "mode": "ai_or_human", "media": "image", "file": "media/a.png", "truth": "human",
            "credit": unicodedata.normalize("NFD", "Léa"), "licence": "CC BY 4.0",
            "explanation": unicodedata.normalize("NFD", "Dessiné à la médiathèque")}
    manifest = {"format": packs.FORMAT, "version": 1, "title": unicodedata.normalize("NFD", "Été"), "language": "fr",
                "items": [item]}
    path = tmp_path / "pack.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
        archive.writestr("media/a.png", picture.getvalue())
    pack = packs.unpack_zip(path, tmp_path / "pack")
    assert pack.title == "Été" and unicodedata.is_normalized("NFC", json.dumps(pack.manifest, ensure_ascii=False))
