"""Age groups: the facilitator types an age in years, the store keeps its group (nothing finer: DESIGN, privacy).

Each age in exactly one group, and groups that do not overlap, so a typed age always names the same group:

>>> age_group_for(6), age_group_for(9), age_group_for(16), age_group_for(40)
('4-6', '9-10', '15-17', 'adults')

The reading ages of the storybook (4-6, 7-8, 9-10) are three of these groups. A workshop's audience is one of the
groups, or « family » (children and their parents together). An older store may hold « 8-12 », a group that
overlapped « 9-10 »: it is still named (ages.8-12 in the locales) but no longer offered.

Someone added with no age typed (participant_group) takes the workshop's audience when it is a children's group;
otherwise (a « family » or adults' workshop, or an old « 8-12 ») their group is UNKNOWN_GROUP, « âge non
indiqué ». With no age, the « Mineur » box decides: ticked (the default), a parent's consent is asked as for any
minor; unticked, the facilitator says an adult, whose group is « adults ».
"""
from __future__ import annotations

from ..i18n import UserError

# (group key, oldest age in it, in whole years); the youngest group starts at 0, the last is open-ended
_BANDS: tuple[tuple[str, int], ...] = (("4-6", 6), ("7-8", 8), ("9-10", 10), ("11-14", 14), ("15-17", 17),
                                       ("adults", 200))
PARTICIPANT_GROUPS: tuple[str, ...] = tuple(key for key, _ in _BANDS)
WORKSHOP_AUDIENCES: tuple[str, ...] = PARTICIPANT_GROUPS + ("family",)
UNKNOWN_GROUP = "unknown"  # a participant added with no age, in a workshop whose audience is no children's group
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


def participant_group(age: int | float | None, minor: bool, audience: str) -> tuple[str, bool]:
    """The age group (a key of PARTICIPANT_GROUPS, or UNKNOWN_GROUP) and minor flag of someone added with `age`
    typed (years; None: not typed) and the « Mineur » box `minor`, in a workshop whose audience is `audience` (a
    key of WORKSHOP_AUDIENCES, or an older store's group). A typed age decides both: under ADULT_AGE is a minor,
    whatever the box says (a child's consent is never skipped by a box left unticked). With no age the box
    decides: unticked, an adult (« adults »); ticked, a minor whose group is the audience when that is a
    children's group, else UNKNOWN_GROUP (never « family », which is no one's group). UserError as age_group_for."""
    if age is not None:
        return age_group_for(int(age)), is_minor_age(int(age))
    if not minor:
        return "adults", False
    return (audience if audience in PARTICIPANT_GROUPS and audience != "adults" else UNKNOWN_GROUP), True
