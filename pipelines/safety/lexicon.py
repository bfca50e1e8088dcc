"""Ordinary French and English words, so that the prompt guard reads a misspelt word as a typo only when it
is no real word ("sucider", "naket", "cigarretes" are typos; "stone", "sain", "pente" are words).

Source: the word-frequency lists shipped with pyspellchecker (MIT licence; built from OpenSubtitles, words
seen at least 50 times), French and English, read once (about 0.5 s, 300 000 words) and kept as plain
lower-case ascii words of 4 letters or more (accents removed as in normalise.plain). Swear words are absent
from these lists, which suits the guard: they are in its own vocabulary. Without the package the set is
empty and the guard falls back to its own vocabulary alone. `preload()` (called when the guard is imported)
reads them in a background thread.

Lemmas (`lemma_readings`): the dictionary form of each written word, French and English, from simplemma (MIT
licence; lemma tables built from Wiktionary and other open corpora, read per language on first use, about
0.5-1 s each, warmed up by `preload()`), so that a rule written for « tuer » or "kill" also reads « tuaient »,
« pendue », « battus », "killed", "stomping". A word is looked up with its accents as typed, then without them
(children often drop them). Without the package there are no lemmas and the rules read the words as written.

People's names (`personal_names`): the first and family names in Latin letters of Faker's person providers
(MIT licence; about 40 000 names of some 70 locales: « Connor », « Phuc », « Kuntz »), so that a real name
that sounds like a rude word is read as a name where the text uses it as one (prompts.py `named_people`).
Without the package the set is empty.
"""
from __future__ import annotations

import functools
import gzip
import json
import re
import threading
import unicodedata
from typing import Iterable

from .normalise import plain, stem

LANGUAGES = ("fr", "en")
MIN_LETTERS = 4


_LOCK = threading.RLock()
_WORDS: list[frozenset[str]] = []  # filled once


def known_words() -> frozenset[str]:
    """Plain words of French and English (4 letters or more); empty when pyspellchecker is not installed.
    Read once per process (a second caller waits for the first reading instead of repeating it)."""
    return _once(_WORDS, _read)


_FRENCH: list[dict[str, int]] = []  # filled once


def french_counts() -> dict[str, int]:
    """Plain French words (accents removed, as normalise.plain) -> how often the French list saw them (OpenSubtitles
    counts: « tout » 2 million, « partout » 27 515, « blanc » 19 500); empty without pyspellchecker. Read once, and
    known_words() is made from it (the French list is decompressed once)."""
    return _once(_FRENCH, lambda: _word_counts("fr"))


def _word_counts(language: str) -> dict[str, int]:
    """pyspellchecker's `language` frequency list as plain words -> counts (words that differ only by their accents
    summed); {} when the package or its file is missing."""
    try:
        from importlib.resources import files

        data = json.loads(gzip.decompress((files("spellchecker") / "resources" / f"{language}.json.gz").read_bytes()))
    except (ImportError, ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return {}
    counts: dict[str, int] = {}
    for word, count in data.items():
        key = plain(word)
        counts[key] = counts.get(key, 0) + int(count)
    return counts


def _once(slot: list, read):
    """`read()` kept in `slot` (a one-item list) the first time: a second caller waits for the first reading (the
    lock is re-entrant: one reading may ask for another, as known_words() asks for french_counts())."""
    if not slot:
        with _LOCK:
            if not slot:
                slot.append(read())
    return slot[0]


def _read() -> frozenset[str]:
    words = set(french_counts())
    for language in LANGUAGES:
        if language != "fr":
            words.update(_word_counts(language))
    return frozenset(p for p in words if len(p) >= MIN_LETTERS and p.isalpha())


_LEMMA_MIN = 4  # shorter words are left as written (« tu », « as », "is": lemmas there only add noise)
_WORD = re.compile(r"[^\W\d_]+")


# Light verbs: they carry no harm alone, and the rules that hold them are written for their own forms (« fait
# exploser un bus »), so « fait » is not read as « faire » (« il fait exploser une expérience de chimie »).
_LIGHT = frozenset("faire avoir etre aller pouvoir vouloir devoir venir mettre be have do go get make let can".split())


@functools.lru_cache(maxsize=32768)
def _lemmas(word: str, language: str) -> frozenset[str]:
    """Plain lemmas (accents removed, as normalise.plain) of one lower-case word in one language ("fr" or "en"),
    other than the word itself and the light verbs, and only when it is irregular (its stem, normalise.stem, differs
from the word's: « battus » -> « battre », « pendue » -> « pendre », "ran" -> "run"; an English "singing" is not
read as "singe"); empty without simplemma."""
    try:
        import simplemma
    except ImportError:
        return frozenset()
    lemma = simplemma.lemmatize(word, lang=language)
    if not lemma or lemma == word:
        return frozenset()
    lemma, word = plain(lemma.lower()), plain(word)
    if lemma in _LIGHT or stem(lemma) == stem(word):
        return frozenset()  # a regular ending: the guard's own stems read it already ("killed" ~ "kill")
    return frozenset({lemma})


def lemma_readings(text: str, languages: Iterable[str] = LANGUAGES) -> dict[str, frozenset[str]]:
    """Plain word as the guard reads it -> its lemmas in `languages` (the sentence's own: an English "singing" is
    no French « singe ») for the words of `text` of _LEMMA_MIN letters or more: « des chatons noyés » ->
    {"chatons": {"chaton"}, "noyes": {"noyer"}}. Words are looked up as typed (with accents), then without accents
    when that gives nothing. About 0.1 ms a new word (cached)."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    languages = [lang for lang in LANGUAGES if lang in set(languages)]
    out: dict[str, frozenset[str]] = {}
    for token in _WORD.findall(text):
        if len(token) < _LEMMA_MIN:
            continue
        key = plain(token)
        for language in languages:
            lemmas = _lemmas(token, language) or (_lemmas(key, language) if key != token else frozenset())
            if lemmas:
                out[key] = out.get(key, frozenset()) | lemmas
    return out


_NAMES: list[frozenset[str]] = []  # filled once


def personal_names() -> frozenset[str]:
    """People's first and family names in Latin letters, as plain lower-case words (normalise.plain: « Inès »
    -> "ines"), from Faker's person providers; empty when faker is not installed. Read once per process
    (about 1 s; `preload` reads it in the background)."""
    return _once(_NAMES, _read_names)


def _read_names() -> frozenset[str]:
    try:
        import importlib
        import pkgutil

        import faker.providers.person as person
    except ImportError:
        return frozenset()
    out: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attribute in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
                          "last_names"):
            names = getattr(provider, attribute, ())
            if not isinstance(names, (dict, tuple, list, set, frozenset)):  # a locale that builds them per call
                continue
            for name in names:
                if not isinstance(name, str):
                    continue
                for part in plain(name).replace("-", " ").replace("'", " ").split():
                    if len(part) >= 3 and part.isascii() and part.isalpha():
                        out.add(part)
    return frozenset(out)


def _warm() -> None:
    known_words()
    personal_names()
    for language in LANGUAGES:
        _lemmas("tuaient", language)  # simplemma reads its French and English tables on first use


def preload() -> None:
    """Read the word lists and the lemma tables in a background thread, so that the first child's prompt does not
    wait for them."""
    threading.Thread(target=_warm, name="lexicon-preload", daemon=True).start()
