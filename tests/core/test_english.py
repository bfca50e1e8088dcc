"""English a/an, one rule for the story writer and the picture glossary: the next sound decides."""
from __future__ import annotations

import pytest

from pipelines.english import article, fix_articles, with_article

CASES = {"ice cream": "an", "owl": "an", "island": "an", "umbrella": "an", "urn": "an", "egg": "an", "hour": "an",
         "unicorn": "a", "user": "a", "ukulele": "a", "uranium": "a", "European": "a", "one-eyed cat": "a",
         "dragon": "a", "singing egg": "a", "flying umbrella": "a"}


@pytest.mark.parametrize("phrase", sorted(CASES))
def test_the_article_follows_the_first_sound(phrase):
    assert article(phrase) == CASES[phrase]


def test_story_writer_and_glossary_share_the_rule():
    from pipelines.imagegen.glossary import to_english
    from pipelines.story.grammar import en_article

    assert all(en_article(p) == CASES[p] for p in CASES)
    assert to_english("une licorne") == "a unicorn" and to_english("une glace") == "an ice cream"
    assert with_article("owl") == "an owl"
    assert fix_articles("A apple, an dragon and a ice cream") == "An apple, a dragon and an ice cream"
