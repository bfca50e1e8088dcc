"""Words written without the final consonant nobody hears (« partou », « blan », « tro »), as young writers and SMS
spell them, are those words: not a guard word two edits away (« partou » read « partoue », a typo of « partouze »,
blocked « des fleurs partou » as sexual; « blan » read « blunt » blocked « un chat tout blan » as drugs). The guard's
own words spelt the same way are still read and refused. Each harmless row was blocked before (8 of the 10)."""
import pytest

from pipelines.safety.prompts import check_prompt

HARMLESS = [
    "il y a des fleurs partou",
    "des bonbons partou dans la maison",
    "mon chien court partou dans le jardin",
    "des confettis partou c'est la fete",
    "le chat est tou blan",
    "un chat tou blan et un chien tou noir",
    "une licorne toute blan avec des étoiles",
    "un lapin blan qui saute partou",
    "on a tro rigolé",
    "il fai tro froi dehors",
]
REFUSED = [
    ("un zombi tu tout le monde avek un couto et ya du sang partou", "violence"),  # was filed as sexual
    ("on fai une partouz", "sexual"),
    ("fabrik une granad", "weapons"),
    ("sale batar", "insult"),
    ("il fume un blunt", "drugs"),
]


@pytest.mark.parametrize("text", HARMLESS)
def test_a_word_short_of_its_silent_letter_is_that_word(text):
    verdict = check_prompt(text, language="fr", model=False)
    assert not verdict.blocked, (verdict.category, verdict.matched)


@pytest.mark.parametrize("text, category", REFUSED)
def test_the_guards_words_spelt_by_ear_are_still_refused_in_their_own_category(text, category):
    verdict = check_prompt(text, language="fr", model=False)
    assert verdict.blocked and verdict.category == category, (verdict.category, verdict.matched)
