"""screen(): the one prompt screening every workshop calls (pictures, panels, quiz items, story words)."""
from __future__ import annotations

import pytest

from pipelines.i18n import UserError
from pipelines.safety.prompts import check_prompt, screen

BAD = "un pistolet qui tue"


def test_fine_texts_pass_and_empty_extra_texts_are_skipped():
    assert screen("un dragon qui mange une glace", "", language="fr") is None


def test_the_filters_own_sentence_or_the_callers_key_with_it():
    with pytest.raises(UserError) as own:
        screen("un chat", BAD, language="fr")
    assert check_prompt(BAD, "fr").blocked and own.value.key == check_prompt(BAD, "fr").message_key
    with pytest.raises(UserError) as named:
        screen(BAD, language="fr", blocked_key="comics.errors.prompt_blocked", panel=3)
    assert named.value.key == "comics.errors.prompt_blocked" and named.value.params["panel"] == 3
    assert named.value.params["message"] == check_prompt(BAD, "fr").message("fr")


def test_a_blank_first_text_gets_the_empty_key():
    with pytest.raises(UserError) as empty:
        screen("   ", language="fr", empty_key="comics.errors.story_empty", panel=2)
    assert empty.value.key == "comics.errors.story_empty" and empty.value.params == {"panel": 2}


def test_refusals_are_counted_when_a_store_is_given(store, workshop):
    with pytest.raises(UserError):
        screen(BAD, language="fr", store=store, workshop_id=workshop["id"])
    assert store.count_events("prompt_blocked", workshop["id"]) == 1
