"""Age groups: every age in exactly one group, groups that do not overlap, an age read as people type it."""
from __future__ import annotations

import re

import pytest

from pipelines.i18n import UserError, translate
from pipelines.store.ages import PARTICIPANT_GROUPS, UNKNOWN_GROUP, WORKSHOP_AUDIENCES, age_group_for, participant_group


def _span(group: str) -> range:
    """The ages a group's French label promises (« 9-10 ans », « 6 ans et moins », « Adultes »)."""
    label = translate(f"ages.{group}", "fr")
    if m := re.fullmatch(r"(\d+)-(\d+) ans", label):
        return range(int(m[1]), int(m[2]) + 1)
    if m := re.fullmatch(r"(\d+) ans et moins", label):
        return range(0, int(m[1]) + 1)
    assert label == "Adultes", label
    return range(18, 121)


def test_every_age_is_in_the_one_group_its_label_promises():
    spans = {group: _span(group) for group in PARTICIPANT_GROUPS}
    for age in range(0, 121):
        holding = [group for group, span in spans.items() if age in span]
        assert holding == [age_group_for(age)], (age, holding)


def test_the_offered_groups_do_not_overlap_and_are_all_named():
    ages = [age for group in PARTICIPANT_GROUPS for age in _span(group)]
    assert len(ages) == len(set(ages)) == 121
    for group in WORKSHOP_AUDIENCES:
        for language in ("fr", "en"):
            assert not translate(f"ages.{group}", language).startswith("["), (group, language)


@pytest.mark.parametrize("typed, group", [("6", "4-6"), (" 9 ans", "9-10"), ("16", "15-17"), (7.0, "7-8"),
                                          ("18", "adults")])
def test_an_age_is_read_as_typed(typed, group):
    assert age_group_for(typed) == group


@pytest.mark.parametrize("typed", ["huit", "-1", "8.5", "200", ""])
def test_what_is_not_an_age_is_refused_with_a_sentence(typed):
    with pytest.raises(UserError) as caught:
        age_group_for(typed)
    assert caught.value.key == "console.age_invalid"


def test_a_participant_with_no_age_is_in_a_group_the_roster_names_and_minor_unless_said():
    """No age typed: never « family » (a workshop's audience, no one's group); the « Mineur » box decides, ticked by
    default: consent asked as for a minor."""
    from pipelines.i18n import translate

    for audience in (*WORKSHOP_AUDIENCES, "8-12"):
        group, minor = participant_group(None, True, audience)
        assert minor and group in (*PARTICIPANT_GROUPS, UNKNOWN_GROUP) and group != "adults", (audience, group)
        assert group == (audience if audience in PARTICIPANT_GROUPS[:-1] else UNKNOWN_GROUP)
        assert participant_group(None, False, audience) == ("adults", False)
    assert participant_group(8, False, "family") == ("7-8", True)  # a typed age decides, whatever the box
    assert participant_group(40, True, "family") == ("adults", False)
    assert translate(f"ages.{UNKNOWN_GROUP}", "fr") == "âge non indiqué"
    assert translate(f"ages.{UNKNOWN_GROUP}", "en") == "age not given"
