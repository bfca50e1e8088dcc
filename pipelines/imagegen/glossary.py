"""French words of children's stories put into English before the image model reads them.

The text encoders of SD-Turbo and SDXL-Turbo were trained on English captions: a French sentence
reaches them as mostly unknown pieces of words. This is a word-and-phrase glossary, not a
translator: known words and short phrases (animals, places, objects, colours, actions) become
English, grammar words are dropped or simplified, and any word it does not know is kept as written
(names, or words the encoder may still know). The filter for children always reads the original.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..english import fix_articles

GLOSSARY_FILE = Path(__file__).with_name("data") / "glossary_fr_en.tsv"
MAX_PHRASE = 4  # words in the longest phrase of the glossary
ELISIONS = {"l": "the", "d": "", "j": "", "m": "", "t": "", "s": "", "n": "", "c": "it", "qu": "", "jusqu": ""}
_TOKEN = re.compile(r"(?:\w+['’])|[\w-]+|[^\w\s]", re.UNICODE)


def normalise(word: str) -> str:
    """Lower case, no accents, typographic apostrophe as "'" ('Éléphant' -> 'elephant')."""
    text = unicodedata.normalize("NFKD", word.replace("’", "'").replace("œ", "oe").replace("Œ", "oe"))
    return text.encode("ascii", "ignore").decode().lower()


KINDS = ("grammar", "adjective", "noun", "action")
_SECTION = re.compile(r"^# -- .*\((\w+)\)\s*$")


@lru_cache(maxsize=1)
def glossary() -> dict[str, tuple[str, str]]:
    """normalised French phrase -> (English, kind), read once; a phrase written twice is an error."""
    table: dict[str, tuple[str, str]] = {}
    kind = ""
    for number, line in enumerate(GLOSSARY_FILE.read_text(encoding="utf-8").splitlines(), start=1):
        section = _SECTION.match(line)
        if section:
            kind = section.group(1)
            if kind not in KINDS:
                raise ValueError(f"{GLOSSARY_FILE.name} line {number}: section kind {kind!r} is not one of {KINDS}.")
            continue
        if not line.strip() or line.startswith("#"):
            continue
        french, tab, english = line.partition("\t")
        if not tab or not kind:
            raise ValueError(f"{GLOSSARY_FILE.name} line {number}: expected 'french<TAB>english' under a "
                             f"'# -- name (kind)' header but got {line!r}.")
        key = " ".join(normalise(w) for w in french.split())
        if key in table:
            raise ValueError(f"{GLOSSARY_FILE.name} line {number}: {french!r} is already in the glossary.")
        table[key] = (english.strip(), kind)
    return table


def _singular_forms(word: str) -> list[tuple[str, bool]]:
    """(form to look up, was plural) for a word: itself, then plural and feminine endings removed."""
    forms = [(word, False)]
    if word.endswith("eaux"):
        forms.append((word[:-1], True))  # bateaux -> bateau
    if word.endswith("aux"):
        forms.append((word[:-3] + "al", True))  # chevaux -> cheval
    if len(word) > 3 and word[-1] in "sx":
        forms.append((word[:-1], True))  # chats -> chat, choux -> chou
    if len(word) > 3 and word.endswith("es"):
        forms.append((word[:-2], True))  # vertes -> vert
    if len(word) > 3 and word.endswith("e"):
        forms.append((word[:-1], False))  # verte -> vert, fachee -> fache
    return forms


def _plural(english: str) -> str:
    if not english or " " in english or english.endswith("s"):
        return english
    if english.endswith(("ch", "sh", "x")):
        return english + "es"
    if english.endswith("y") and english[-2:-1] not in "aeiou":
        return english[:-1] + "ies"
    return english + "s"


def _lookup(tokens: list[str], i: int, table: dict) -> tuple[str, str, int]:
    """(English, kind, words used) for the longest known phrase or word starting at tokens[i]."""
    for size in range(min(MAX_PHRASE, len(tokens) - i), 1, -1):  # chapeau de sorcier, pomme de terre ...
        phrase = " ".join(normalise(t) for t in tokens[i:i + size])
        if phrase in table:
            return (*table[phrase], size)
    for form, plural in _singular_forms(normalise(tokens[i])):
        if form in table:
            english, kind = table[form]
            return (_plural(english) if plural and kind == "noun" else english), kind, 1
    return tokens[i], "", 1  # a name or a word the glossary does not know: kept as written


def to_english(text: str) -> str:
    """The sentence with every known French word or phrase in English, unknown words kept."""
    table = glossary()
    tokens = _TOKEN.findall(text)
    out: list[tuple[str, str]] = []  # (word, kind)
    i = 0
    while i < len(tokens):
        bare = normalise(tokens[i])
        if bare.endswith("'"):  # l'arbre, d'un, qu'il
            out.append((ELISIONS.get(bare[:-1], ""), "grammar"))
            i += 1
            continue
        english, kind, used = _lookup(tokens, i, table)
        i += used
        if kind == "adjective":
            # French puts most adjectives after the noun (un dragon vert): English before it
            at = len(out)
            while at > 0 and out[at - 1][1] in ("noun", "adjective-moved"):
                at -= 1
            if at < len(out) and out[at][1] == "noun":
                out.insert(at, (english, "adjective-moved"))
                continue
        out.append((english, kind))
    sentence = " ".join(w for w, _ in out if w)
    sentence = fix_articles(sentence)  # a ice cream -> an ice cream, but a unicorn (a "you" sound)
    return re.sub(r"\s+([,.;:!?])", r"\1", sentence).strip()
