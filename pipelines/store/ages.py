"""Age groups: the facilitator types an age in years, the store keeps its group (nothing finer: DESIGN, privacy).

Each age in exactly one group, and groups that do not overlap, so a typed age always names the same group:

>>> age_group_for(6), age_group_for(9), age_group_for(16), age_group_for(40)
('4-6', '9-10', '15-17', 'adults')

The reading ages of the storybook (4-6, 7-8, 9-10) are three of these groups. A workshop's audience is one of the
groups, or « family » (children and their parents together). An older store may hold « 8-12 », a group that
overlapped « 9-10 »: it is still named (ages.8-12 in the locales) but no longer offered.
"""
from __future__ import annotations

from ..i18n import UserError

# (group key, oldest age in it, in whole years); the youngest group starts at 0, the last is open-ended
_BANDS: tuple[tuple[str, int], ...] = (("4-6", 6), ("7-8", 8), ("9-10", 10), ("11-14", 14), ("15-17", 17),
                                       ("adults", 200))
PARTICIPANT_GROUPS: tuple[str, ...] = tuple(key for key, _ in _BANDS)
WORKSHOP_AUDIENCES: tuple[str, ...] = PARTICIPANT_GROUPS + ("family",)
ADULT_AGE = 18  # a participant of this age or older needs no parent's consent
MAX_AGE = 120


def age_group_for(age: int | float | str) -> str:
    """The group of an age in whole years (0-120; « 6 », « 6 ans » and 6.0 read as 6).

    UserError console.age_invalid when it is not a number of years in that range."""
    text = str(age).strip().lower().removesuffix("ans").removesuffix("years").removesuffix("year").strip()
    try:
        years = float(text.replace(",", "."))
    except ValueError:
        raise UserError("console.age_invalid", age=str(age).strip(), max=MAX_AGE) from None
    if not 0 <= years <= MAX_AGE or years != int(years):
        raise UserError("console.age_invalid", age=str(age).strip(), max=MAX_AGE)
    return next(key for key, oldest in _BANDS if years <= oldest)


def is_minor_age(age: int) -> bool:
    """True under ADULT_AGE (18): a parent's consent is needed for their photos and creations."""
    return age < ADULT_AGE
