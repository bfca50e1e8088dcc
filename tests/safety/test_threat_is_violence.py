"""A threat aimed at someone (« je vais te tuer ») is refused as violence, not with the self-harm sentence; the
writer's own harm (« je vais me tuer ») and « tu » doing it to themselves stay self-harm."""
from __future__ import annotations

import pytest

from pipelines.safety.prompts import cpu_check

THREATS = ["je vais te tuer", "jvais te tuer", "je te tue", "on va te tuer", "le loup va te tuer",
           "je vais vous tuer", "je vais te pendre", "je vais te faire du mal", "i will kill you", "im gonna kill u"]
SELF_HARM = ["je vais me tuer", "je veux mourir", "kms", "jveu m tuer", "kill yourself", "tu devrais te tuer",
             "t'as qu'à te tuer", "tu te tues"]
FINE = ["le chevalier tue le dragon et sauve la princesse", "vous tuez le dragon", "les pompiers vont vous sauver"]


@pytest.mark.parametrize("text", THREATS)
def test_a_threat_at_someone_gets_the_violence_sentence(text):
    verdict = cpu_check(text)
    assert verdict.blocked and verdict.category == "violence", verdict
    assert verdict.message("fr").startswith("Ici, les histoires finissent bien")


@pytest.mark.parametrize("text", SELF_HARM)
def test_ones_own_harm_stays_self_harm(text):
    verdict = cpu_check(text)
    assert verdict.blocked and verdict.category == "self_harm", verdict


@pytest.mark.parametrize("text", FINE)
def test_a_story_with_you_and_a_dragon_is_fine(text):
    assert not cpu_check(text).blocked
