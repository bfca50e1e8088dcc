"""A name whose first letter has a two-letter capital (ß) is printed as typed, never respelt (« SSophie »)."""
from __future__ import annotations

import pytest

from pipelines.story.spec import StorySpec, clean_name
from pipelines.story.writer import write_story


@pytest.mark.parametrize("typed,kept", [("ßophie", "ßophie"), ("zoé", "Zoé"), ("élodie", "Élodie"),
                                        ("ǉubica", "ǈubica"), ("İlayda", "İlayda")])
def test_the_first_letter_is_a_capital_only_when_that_capital_is_one_letter(typed, kept):
    assert clean_name(typed) == kept


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_story_never_respells_the_heros_name(language):
    for seed in range(3):
        story = write_story(StorySpec(hero_name="ßophie", language=language, pages=6, seed=seed))
        text = " ".join([story.title] + [p.text for p in story.pages])
        assert "ßophie" in text and "SSophie" not in text and "Ssophie" not in text
