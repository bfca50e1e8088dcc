"""Does a template story hold together? Rules a 6-year-old listener relies on, checked on a marked story.

A marked story (`write_story(spec, marked=True)`) wraps every mention of the hero, the companion and
the object in MARK_OPEN + digit + text + MARK_CLOSE (see writer.MARKS). The rules:

- setting: nothing that cannot be there (no bush on the Moon, no river or starry sky under the sea);
- companion: once met, the companion is named on every page to the end;
- object: the solution page names the object and shows its power at work (one of its "acts" words),
  after the object was found on an earlier page or earlier on the same page;
- pronouns: a pronoun (il/elle, he/she, of the hero, companion or object) refers to the last character
  of its gender named on the same page, in the same or the previous sentence; a group pronoun
  (ils/elles/eux) only once the companion has been met;
- gender: every pronoun and noun phrase of the hero follows the child's choice (hero_gender), never the
  animal's grammatical gender.

`problems(spec)` returns a list of sentences naming each broken rule (empty when the story holds).
"""
from __future__ import annotations

import re

from .grammar import lexicon
from .spec import StorySpec
from .writer import MARK_CLOSE, MARK_OPEN, MARKS, context, write_story

# Things a place cannot hold (lower case, matched as whole words, plural too).
FORBIDDEN = {
    "fr": {"moon": ("buisson", "arbre", "rivière", "grenouille", "branche", "herbe", "nuage", "oiseau", "fleuve"),
           "ocean": ("buisson", "arbre", "rivière", "grenouille", "branche", "herbe", "sous les étoiles", "oiseau",
                     "marchent", "fleuve")},
    "en": {"moon": ("bush", "tree", "river", "frog", "branch", "grass", "cloud", "bird"),
           "ocean": ("bush", "tree", "river", "frog", "branch", "grass", "under the stars", "bird", "walk")},
}
# Other characters who may be the antecedent of a pronoun (French nouns -> gender).
OTHERS_FR = {"étoile": "f", "géant": "m", "grenouille": "f", "souris": "f", "tortue": "f", "martien": "m",
             "poisson-clown": "m", "baleine": "f"}
HERO_PRONOUNS = {"fr": {"f": {"elle"}, "m": {"il", "lui"}}, "en": {"f": {"she", "her"}, "m": {"he", "his", "him"}}}
_TOKEN = re.compile(re.escape(MARK_OPEN) + r"(\d)([^" + re.escape(MARK_CLOSE) + r"]*)" + re.escape(MARK_CLOSE))
_SENTENCE = re.compile(r"(?<=[.!?…])[\s\u00a0»\"]+")
ENTITY = {MARKS["hero"]: "H", MARKS["companion"]: "C", MARKS["object"]: "O",
          MARKS["hero_pronoun"]: "H", MARKS["companion_pronoun"]: "C", MARKS["object_pronoun"]: "O"}
PRONOUN_MARKS = {MARKS["hero_pronoun"], MARKS["companion_pronoun"], MARKS["object_pronoun"]}


def _plain(text: str) -> str:
    return _TOKEN.sub(lambda m: m.group(2), text)


def _genders(spec: StorySpec) -> dict[str, str]:
    """The pronoun class of each character: FR grammatical gender, EN she/he/it."""
    lex = lexicon(spec.language)
    if spec.language == "fr":
        return {"H": spec.hero_gender, "C": lex["companions"][spec.companion]["gender"],
                "O": lex["objects"][spec.object]["gender"]}
    return {"H": spec.hero_gender, "C": "f" if lex["companions"][spec.companion]["pronoun"] == "she" else "m",
            "O": "n"}


def _setting(spec: StorySpec, pages: list[str]) -> list[str]:
    found = []
    for word in FORBIDDEN[spec.language].get(spec.place, ()):
        pattern = re.compile(r"\b" + re.escape(word) + r"(s|es)?\b", re.IGNORECASE)
        for number, text in enumerate(pages, start=1):
            if pattern.search(_plain(text)):
                found.append(f"page {number}: «{word}» cannot be {spec.place} ({spec.language})")
    return found


def _companion(pages: list[str]) -> list[str]:
    met = next((i for i, text in enumerate(pages) if f"{MARK_OPEN}{MARKS['companion']}" in text), None)
    if met is None:
        return ["the companion is never met"]
    return [f"page {i + 1}: the companion, met on page {met + 1}, is not named"
            for i in range(met, len(pages)) if f"{MARK_OPEN}{MARKS['companion']}" not in pages[i]]


def _object(spec: StorySpec, pages: list[str]) -> list[str]:
    ctx, _ = context(spec, marked=True)
    solution = ctx["agit_o" if spec.language == "fr" else "act_o"]
    where = next((i for i, text in enumerate(pages) if solution in text), None)
    if where is None:
        return ["the object's solution sentence is missing"]
    acts = lexicon(spec.language)["objects"][spec.object]["acts"]
    found = []
    if not any(re.search(r"\b" + re.escape(a) + r"\b", _plain(solution), re.IGNORECASE) for a in acts):
        found.append(f"the solution does not show the {spec.object} at work ({', '.join(acts)})")
    if f"{MARK_OPEN}{MARKS['object']}" not in solution:
        found.append("the solution does not name the object")
    before = "".join(pages[:where]) + pages[where][:pages[where].index(solution)]
    if f"{MARK_OPEN}{MARKS['object']}" not in before:
        found.append("the object solves the problem before it was found")
    return found


def _pronouns(spec: StorySpec, pages: list[str]) -> list[str]:
    genders = _genders(spec)
    others = OTHERS_FR if spec.language == "fr" else {}
    other_word = re.compile(r"\b(" + "|".join(map(re.escape, others)) + r")\b", re.IGNORECASE) if others else None
    found, met = [], False
    for number, text in enumerate(pages, start=1):
        last: dict[str, tuple[str, int]] = {}
        for index, sentence in enumerate(s for s in _SENTENCE.split(text) if s.strip()):
            events = [(m.start(), m.group(1), m.group(2)) for m in _TOKEN.finditer(sentence)]
            if other_word:
                plain_positions = _TOKEN.sub(lambda m: "\0" * len(m.group(0)), sentence)
                events += [(m.start(), "other", m.group(1).lower()) for m in other_word.finditer(plain_positions)]
            for _, kind, word in sorted(events):
                if kind == "other":
                    last[others[word]] = ("other", index)
                elif kind == MARKS["group"]:
                    if not met:
                        found.append(f"page {number}: «{word}» before the companion is met")
                elif kind in PRONOUN_MARKS:
                    who = ENTITY[kind]
                    antecedent = last.get(genders[who])
                    if antecedent is None or antecedent[0] != who or antecedent[1] < index - 1:
                        found.append(f"page {number}: «{word}» ({who}) does not point at the last one named: "
                                     f"{_plain(sentence)!r}")
                    if who == "H" and word.lower() not in HERO_PRONOUNS[spec.language][spec.hero_gender]:
                        found.append(f"page {number}: «{word}» for a hero who is {spec.hero_gender}")
                else:
                    who = ENTITY[kind]
                    last[genders[who]] = (who, index)
                    met = met or who == "C"
    return found


def _hero_nouns(spec: StorySpec, pages: list[str]) -> list[str]:
    if spec.language != "fr":
        return []
    article = "une" if spec.hero_gender == "f" else "un"
    wrong = "un" if spec.hero_gender == "f" else "une"
    return [f"«{m.group(2)}» for a hero who is {spec.hero_gender}" for text in pages for m in _TOKEN.finditer(text)
            if m.group(1) == MARKS["hero"] and m.group(2).lower().startswith(wrong + " ")
            and not m.group(2).lower().startswith(article + " ")]


def problems(spec: StorySpec) -> list[str]:
    """Every broken rule of the template story these choices give (empty: it holds together)."""
    spec = spec.checked()
    pages = [p.text for p in write_story(spec, marked=True).pages]
    return (_setting(spec, pages) + _companion(pages) + _object(spec, pages) + _pronouns(spec, pages)
            + _hero_nouns(spec, pages))
