"""Stories that hold together: every place x hero x gender x object x problem, in French and English, is
written by the template writer and checked by pipelines/story/coherence.py (setting, companion, object,
pronouns, the hero's gender). The other choices (companion, tone, reading age, length, seed) rotate so
that each of them meets every place and problem too."""
from __future__ import annotations

import itertools

import pytest

from pipelines.story import coherence
from pipelines.story.grammar import lexicon
from pipelines.story.spec import AGES, COMPANIONS, GENDERS, HEROES, MAX_PAGES, MIN_PAGES, OBJECTS, PLACES, \
    PROBLEMS, TONES, StorySpec
from pipelines.story.writer import write_story


def every_story(language: str):
    """All settings x heroes x genders x objects x problems, with the other choices rotating."""
    combos = itertools.product(PLACES, HEROES, GENDERS, OBJECTS, PROBLEMS)
    for i, (place, hero, gender, obj, problem) in enumerate(combos):
        yield StorySpec(hero_name=("Ève", "Noé", "Anna", "Hugo", "Jean-Baptiste")[i % 5], hero=hero,
                        hero_gender=gender, companion=COMPANIONS[i % len(COMPANIONS)], place=place, object=obj,
                        problem=problem, tone=TONES[(i // 3) % len(TONES)], reading_age=AGES[(i // 7) % len(AGES)],
                        pages=MIN_PAGES + (i // 2) % (MAX_PAGES - MIN_PAGES + 1), language=language, seed=i % 4)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_combination_holds_together(language):
    checked, broken = 0, []
    for spec in every_story(language):
        found = coherence.problems(spec)
        if found:
            broken.append((spec.place, spec.hero, spec.hero_gender, spec.object, spec.problem, spec.companion,
                           spec.pages, found[:2]))
        checked += 1
    assert checked == len(PLACES) * len(HEROES) * len(GENDERS) * len(OBJECTS) * len(PROBLEMS) == 1000
    assert not broken, f"{len(broken)} stories break a rule, e.g. {broken[:3]}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_object_solves_each_problem_its_own_way(language):
    solutions = lexicon(language)["solutions"]
    sentences = [solutions[problem][obj] for problem in PROBLEMS for obj in OBJECTS]
    assert len(set(sentences)) == len(PROBLEMS) * len(OBJECTS)


def test_the_checker_catches_what_it_is_for():
    """A bush on the Moon, a companion gone, a pronoun for the wrong one: each is reported."""
    spec = StorySpec(hero_name="Ève", hero="girl", companion="owl", place="moon", object="key", problem="lost",
                     pages=4, reading_age="4-6", language="fr").checked()
    pages = [p.text for p in write_story(spec, marked=True).pages]
    assert coherence._setting(spec, [pages[0] + " Derrière un buisson."])
    assert coherence._companion(pages[:-1] + ["Il est tard maintenant."])
    she = "⟦4elle⟧"
    assert coherence._pronouns(spec, ["⟦2La chouette⟧ rit. " + she.capitalize() + " chante."])  # the owl, not Ève
    assert not coherence._pronouns(spec, ["⟦1Ève⟧ rit. ⟦4Elle⟧ chante."])
    assert coherence._pronouns(spec, ["⟦4Il⟧ chante."])  # no one named, and the wrong gender


@pytest.mark.parametrize("hero,gender,language,expected,absent,pronouns", [
    ("girl", "f", "fr", ["une petite fille nommée Ève", "courageuse"], ["nommé Ève"], {"elle"}),
    ("bear", "f", "fr", ["une petite oursonne", "courageuse"], ["petit ourson"], {"elle"}),
    ("bear", "m", "fr", ["un petit ourson", "courageux"], ["oursonne"], {"il", "lui"}),
    ("fox", "m", "fr", ["un petit renard"], ["renarde"], {"il", "lui"}),
    ("bear", "f", "en", ["little bear cub"], [], {"she", "her"}),
    ("fox", "m", "en", ["little fox"], [], {"he", "his", "him"}),
    # no choice made: the animal's plain noun and its pronoun, never an "elle" / "she" nobody chose
    ("fox", "", "fr", ["un petit renard"], ["renarde"], {"il", "lui"}),
    ("bear", "", "fr", ["un petit ourson"], ["oursonne"], {"il", "lui"}),
    ("fox", "", "en", ["little fox"], [], {"he", "his", "him"}),
])
def test_the_hero_is_who_the_child_chose(hero, gender, language, expected, absent, pronouns):
    """A girl named Ève, a she-bear cub: the hero's words follow the child's choice, not the animal's noun."""
    text, marked = "", ""
    for tone, seed in itertools.product(TONES, range(4)):
        spec = StorySpec(hero_name="Ève", hero=hero, hero_gender=gender, tone=tone, pages=8, reading_age="9-10",
                         companion="dragon" if gender == "f" else "owl", language=language, seed=seed)
        text += " ".join(p.text for p in write_story(spec).pages) + " "
        marked += " ".join(p.text for p in write_story(spec, marked=True).pages) + " "
    for words in expected:
        assert words in text, words
    for words in absent:
        assert words not in text, words
    used = {m.group(2).lower() for m in coherence._TOKEN.finditer(marked) if m.group(1) == "4"}
    assert used and used <= pronouns  # the hero's own pronouns, every time


def test_girl_and_boy_pictures_follow_the_gender_choice():
    assert StorySpec(hero="girl", hero_gender="m").checked().hero == "boy"
    assert StorySpec(hero="boy").checked().hero_gender == "m"
    assert StorySpec(hero="bear", hero_gender="f").checked().hero == "bear"


def test_an_animal_without_a_chosen_gender_is_spoken_of_as_its_noun():
    """No "elle" nobody chose: an animal hero's default gender is the grammatical gender of its plain French noun."""
    from pipelines.story.spec import HERO_GENDER

    for hero in ("fox", "bear"):
        entry = lexicon("fr")["heroes"][hero]
        assert StorySpec(hero=hero).checked().hero_gender == HERO_GENDER[hero] == entry["gender"] == "m"
        assert entry["noun"].startswith("petit ")  # "petit renard", "petit ours": masculine nouns, "il"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_core_sentences_stay_short_in_every_place(language):
    """The sentences a 4-6 year old gets stay at most 10 words with every place, object and problem
    (a long name and a two-word companion: the longest they get); detail sentences at most 22."""
    import re

    from pipelines.story import grammar
    from pipelines.story.writer import context

    def words(sentence: str) -> int:
        return len([w for w in re.split(r"[\s\u00a0]+", sentence) if re.search(r"\w", w)])

    lex = lexicon(language)
    core, more = [], []
    groups = list(lex["beats"].values()) + [{"p": [p[k]]} for p in lex["problems"].values()
                                             for k in ("problem", "solution")]
    for beat in groups:
        for variants in (beat.values() if isinstance(beat, dict) else [beat]):
            for variant in variants:
                core += variant["s"]
                more += variant.get("more", [])
    for place, obj, problem in itertools.product(PLACES, OBJECTS, PROBLEMS):
        spec = StorySpec(hero_name="Jean-Baptiste", hero="boy", companion="hedgehog", place=place, object=obj,
                         problem=problem, language=language)
        ctx, genders = context(spec)
        for template in core:
            assert words(grammar.render(template, ctx, genders, language)) <= 10, (place, obj, problem, template)
        for template in more:
            assert words(grammar.render(template, ctx, genders, language)) <= 22, (place, obj, problem, template)
