"""Names a child types for a person: a comic's hero, a storybook's hero, a comic's authors.

A name passes the words guard like any printed text (`text.check_words`: every category, both languages, the
workshop's roster), and one more rule the guard leaves to names: a name is what a person is called, so a
toilet or filth word (« caca », « prout », "poop") that is fine in a story line (« le chien marche dans le
caca ») mocks whoever carries it as a name. Such a name is refused in the guard's own category "insult" (the
console counts it there, never the word), with a sentence that says to pick a name the hero will be proud of.

Spellings are read as the guard reads them (`normalise`: case, accents, look-alike letters and leetspeak,
split letters « c a c a » joined), with letters repeated three times or more calmed (« caaaca ») and French
phonetic spellings (« kaka »).
"""
from __future__ import annotations

from .lexicon import personal_names
from .normalise import calm, normalise, phonetic

# Words that name nobody kindly (FR, EN), in the forms typed; plurals ending in -s are read without it.
RUDE_AS_A_NAME = frozenset("""
    caca cacas pipi prout crotte crotteux crotteuse popo fesse cul morve morveux morveuse vomi pisse pisseux
    pisseuse chiasse chieur chieuse bouse crado cradingue
    poop poopy poopoo poo pee fart farty butt bum snot snotty puke vomit booger turd
""".split())
CATEGORY = "insult"  # the guard's category these names are counted in (pipelines/safety/prompts.py CATEGORIES)
MESSAGE_KEY = "typed.name_rude"


def rude_as_a_name(name: str) -> bool:
    """True when a word of `name` is a toilet or filth word (RUDE_AS_A_NAME), however it is spelt."""
    read = normalise(name or "")
    for word in (w for w in read.all if w.isalpha()):
        forms = {word, calm(word, 1), calm(word, 2)}
        forms |= {f[:-1] for f in forms if len(f) > 3 and f.endswith("s")}
        forms |= {p for f in list(forms) for p in phonetic(f)}
        if forms & RUDE_AS_A_NAME:
            return True
    return False


def check_name_words(name: str, *, field: str = "hero_name", names=None, store=None,
                     workshop_id: int | None = None, participant_id: int | None = None) -> str:
    """`name` unchanged when it may name a person in a children's workshop; else UserError 'text.words_blocked'
    naming the field, never the word: the guard's sentence for its category (`text.check_words`, with the
    roster `names` or `workshop_id`'s from `store`), or MESSAGE_KEY for a toilet word used as a name. With
    `store` the refusal is counted for the console (event ``prompt_blocked``, its category; as
    `participant_id`'s when known)."""
    from ..i18n import UserError
    from .text import check_words, field_words

    if not str(name or "").strip():
        return name
    # a name field holds names: a real first or family name in it keeps its sense however it is typed
    # (« connor », « O'Connor »), as a participant's name does; a rude word as written is still refused
    people = [w for w in normalise(name).words if w in personal_names()]
    if people:
        if names is None and store is not None and workshop_id is not None:
            names = [p["name"] for p in store.participants(workshop_id)]
        names = [*(names or ()), *people]
    check_words(name, field=field, names=names, store=store, workshop_id=workshop_id, participant_id=participant_id)
    refuse_rude_name(name, store=store, workshop_id=workshop_id, participant_id=participant_id,
                     error=lambda: UserError("text.words_blocked", message_key=MESSAGE_KEY, **field_words(field)))
    return name


def refuse_rude_name(name: str, *, store=None, workshop_id: int | None = None, participant_id: int | None = None,
                     error=None) -> None:
    """Raise when a word of `name` is a toilet or filth word (`rude_as_a_name`), after counting the refusal for
    the console when `store` is given (event ``prompt_blocked``, category CATEGORY, as `participant_id`'s).
    The error raised is `error()` when given, else UserError(MESSAGE_KEY) (a name's sentence, with no field)."""
    from ..i18n import UserError

    if not rude_as_a_name(name):
        return
    if store is not None:
        from .prompts import words_digest

        store.log_event("prompt_blocked", workshop_id, CATEGORY, participant_id=participant_id,
                        once=words_digest(name))
    raise error() if error is not None else UserError(MESSAGE_KEY)


def name_refused(name: str) -> bool:
    """True when `check_name_words` would refuse `name` (the guard's words without a roster, or a toilet word);
    nothing is counted. For names typed by the facilitator, which are said, not refused."""
    from ..i18n import UserError

    try:
        check_name_words(name, field="hero_name")
    except UserError:
        return True
    return False
