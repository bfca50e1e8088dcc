"""French words of children's stories put into English for the image model's English text encoder."""
from __future__ import annotations

import pytest

from pipelines.imagegen.generate import ImageRequest, generate_image
from pipelines.imagegen.glossary import glossary, to_english


def test_the_issue_sentence():
    english = to_english("un dragon qui mange une glace")
    for word in ("dragon", "eating", "ice cream"):
        assert word in english
    assert "mange" not in english and "glace" not in english


@pytest.mark.parametrize("french, expected", [
    ("L'éléphant porte une couronne dorée", ["elephant", "golden crown"]),  # elision, phrase, adjective order
    ("Les chevaux verts volent au-dessus du château", ["green horses", "flying", "above", "castle"]),  # plurals
    ("Flamme, un petit dragon vert avec une écharpe rouge", ["Flamme,", "small green dragon", "red scarf"]),
    ("UNE LICORNE ROSE saute par-dessus l’arc-en-ciel", ["pink unicorn", "jumping", "over", "rainbow"]),
    ("deux chats cherchent le trésor sous la mer", ["two cats", "looking for", "treasure", "under the sea"]),
    ("une pomme de terre et un chapeau de sorcier", ["potato", "witch hat"]),  # longest phrase first
    ("Zoé et Pikachu jouent dans la forêt", ["Zoé", "Pikachu", "playing", "forest"]),  # names kept
])
def test_words_phrases_accents_elision_plurals(french, expected):
    english = to_english(french)
    for part in expected:
        assert part in english, (french, english)


def test_unknown_words_are_kept_as_written():
    assert to_english("xylophoniste zorglub") == "xylophoniste zorglub"
    assert to_english("") == ""


def test_the_glossary_is_a_few_hundred_entries_of_each_kind():
    table = glossary()
    assert len(table) >= 400
    kinds = {kind for _, kind in table.values()}
    assert kinds == {"grammar", "adjective", "noun", "action"}
    assert sum(kind == "noun" for _, kind in table.values()) >= 250


def test_french_reaches_the_encoder_in_english_and_english_unchanged(sd_turbo_installed):
    from pipelines import backends

    result = generate_image(ImageRequest(prompt="un chat qui mange une glace", character="un dragon vert",
                                         language="fr", seed=1, width=64, height=64))
    encoded = list(backends.get("imagegen.txt2img.sd").model._prompts)
    assert "a cat eating an ice cream" in encoded
    assert any(chunk.startswith("a green dragon, ") for chunk in encoded)
    assert not any("mange" in chunk for chunk in encoded)
    assert result.metadata["Prompt"] == "un chat qui mange une glace"  # the child's words are kept
    assert result.metadata["Words for the model"] == "a cat eating an ice cream"
    generate_image(ImageRequest(prompt="la glace du chat", language="en", seed=1, width=64, height=64))
    assert "la glace du chat, " in " ".join(backends.get("imagegen.txt2img.sd").model._prompts)


def test_the_english_article_follows_the_next_sound():
    from pipelines.imagegen.glossary import to_english

    assert to_english("une glace") == "an ice cream"
    assert to_english("une licorne") == "a unicorn"
    assert to_english("un parapluie") == "an umbrella"
    assert to_english("un arbre vert") == "a green tree"
