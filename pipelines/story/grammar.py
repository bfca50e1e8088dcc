"""The story grammar: lexicon and page templates (assets/stories/templates/<lang>.toml) and their rendering.

Templates use three kinds of marks:
- ``{key}``: a word or phrase from the context (``{le_c}`` -> "le dragon", "l'écureuil", "la chouette");
- ``[masculine/feminine:X]``: agreement with X = H (hero), C (companion), O (object), L (place),
  N (hero and companion together: give the plural forms);
- a French text is then elided (de Anna -> d'Anna, que il -> qu'il) and capitalised after a full stop.
"""
from __future__ import annotations

import functools
import re
import tomllib

from ..config import ASSETS

TEMPLATES = ASSETS / "stories" / "templates"
VOWELS = "aeiouhâàäéèêëîïôöûùüœæAEIOUHÂÀÄÉÈÊËÎÏÔÖÛÙÜŒÆ"
# Words whose h forbids elision ("le hérisson", "du hibou").
H_ASPIRE = {"hérisson", "hibou", "héros", "hamster", "haricot", "hache", "hutte", "hurle", "hurlent", "hop",
            "hoquet", "haut", "hauts", "hausse", "honte", "houx", "hêtre"}
AGREEMENT = re.compile(r"\[([^/\[\]]*)/([^:\[\]]*):([HCOLN])\]")
ELIDABLE = re.compile(r"\b(de|De|que|Que|ne|Ne|le|Le|la|La|je|Je|se|Se|jusque|lorsque|puisque|si|Si) "
                      r"(\S+)")
SENTENCE_END = re.compile(r"([.!?…»]\s+)([«\s]*)(\w)")


@functools.cache
def lexicon(language: str) -> dict:
    """The lexicon and templates of one language, read from its TOML file."""
    path = TEMPLATES / f"{language}.toml"
    if not path.exists():
        raise ValueError(f"No story templates for language {language!r} (expected {path}).")
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def starts_with_vowel_sound(word: str) -> bool:
    """True when a French word takes elision (l', d', qu'), h muet included, h aspiré excluded."""
    bare = word.lstrip("«“\"( ")
    if not bare or bare[0] not in VOWELS:
        return False
    first = re.split(r"[\s'’-]", bare)[0].lower()
    if first.startswith("h") and first.rstrip(".,;:!?") in H_ASPIRE:
        return False
    return True


def elide(text: str) -> str:
    """French elision: de Anna -> d'Anna, que il -> qu'il, si il -> s'il (not si elle), le hérisson stays."""
    def fix(match: re.Match) -> str:
        word, following = match.group(1), match.group(2)
        if not starts_with_vowel_sound(following):
            return match.group(0)
        if word.lower() == "si":
            if re.match(r"ils?\b", following):
                return f"{word[0]}'{following}"
            return match.group(0)
        if following[0] in "«“\"(":
            return match.group(0)
        return f"{word[:-1]}'{following}"

    previous = None
    while previous != text:  # "que le écureuil" needs two passes
        previous, text = text, ELIDABLE.sub(fix, text)
    return text


def capitalise_sentences(text: str) -> str:
    """Upper-case the first letter of the text and of every sentence (names keep their own capitals)."""
    text = text.strip()
    match = re.search(r"\w", text)
    if match:
        i = match.start()
        text = text[:i] + capital(text[i]) + text[i + 1:]
    # only after a real full stop, not after "!" inside a quotation followed by "dit-il"
    return re.sub(r"([.…]\s+)(\w)", lambda m: m.group(1) + capital(m.group(2)), text)


def capital(letter: str) -> str:
    """The capital (title case: "ǉ" -> "ǈ") of one letter, or the letter itself when its capital is two letters
    ("ß" -> "Ss"): a name starting with it is not spelt another way."""
    upper = letter.title()
    return upper if len(upper) == 1 else letter


def agree(text: str, genders: dict[str, str]) -> str:
    """Resolve every [masculine/feminine:X] mark with the gender of X ('m' or 'f')."""
    def pick(match: re.Match) -> str:
        masculine, feminine, who = match.groups()
        return feminine if genders[who] == "f" else masculine

    return AGREEMENT.sub(pick, text)


def french_typography(text: str) -> str:
    """A non-breaking space before ! ? ; : and inside « », so a mark never starts a line alone."""
    text = re.sub(r"\s*([!?;:»])", lambda m: "\u00a0" + m.group(1), text)
    text = re.sub(r"«\s*", "«\u00a0", text)
    text = re.sub("([!?])\u00a0([!?])", r"\1\2", text)
    return text


def render(template: str, context: dict[str, str], genders: dict[str, str], language: str) -> str:
    """One template sentence filled in with the context, agreed, elided and capitalised."""
    text = agree(template, genders)
    text = text.format(**context)
    text = agree(text, genders)  # context phrases (traits) may carry marks too
    text = re.sub(r"\s+", " ", text).strip()
    if language == "fr":
        text = elide(text)
        text = capitalise_sentences(text)
        text = french_typography(text)
    else:
        text = capitalise_sentences(text)
    return text


# -- French noun phrases ---------------------------------------------------------------------
def fr_forms(noun: str, gender: str, prefix: str, aspire: bool = False, proper: bool = False) -> dict[str, str]:
    """Articles and contractions of a French noun: le/la/l', un/une, du/de la/de l', au/à la/à l'."""
    vowel = starts_with_vowel_sound(noun) and not aspire
    if vowel:
        le, du, au = f"l'{noun}", f"de l'{noun}", f"à l'{noun}"
    elif gender == "f":
        le, du, au = f"la {noun}", f"de la {noun}", f"à la {noun}"
    else:
        le, du, au = f"le {noun}", f"du {noun}", f"au {noun}"
    un = f"{'une' if gender == 'f' else 'un'} {noun}"
    forms = {f"le_{prefix}": le, f"un_{prefix}": un, f"du_{prefix}": du, f"au_{prefix}": au, prefix: noun}
    forms.update({_cap(k): _cap(v) for k, v in list(forms.items()) if k != prefix})
    return forms


def en_article(noun: str) -> str:
    """'a' or 'an' before an English noun phrase (the rule lives in pipelines.english)."""
    from ..english import article

    return article(noun)


def _cap(text: str) -> str:
    return capital(text[:1]) + text[1:]
