"""The CPU prompt guard for children's workshops (French and English): a kind sentence instead of an error code.

The sentence is normalised once (normalise.py: look-alike letters, accents, case, leetspeak, SMS
spellings, spaced and hyphenated letters), then read in four passes against ``prompt_terms.toml``:

1. harmless senses are set apart: phrases ("pique-nique", "râpe à fromage", "bitte d'amarrage"), proper
   names decided by their context ("à Pornic", "the town of Penistone") and words whose neighbours give
   a harmless sense ("des arbres tout nus", "a cock crowing on the farm", "globules rouges dans le sang");
2. terms: words and phrases of each category, with their inflections (pendue, tués, stabbed), typos of
   one letter in long words the guard does not know ("se sucider"), spellings by sound ("crapo", "pwal",
   "nife"), French nouns made from verbs read as the verb ("l'écorchage" -> écorcher, `_derived`), and
   letters repeated for emphasis;
3. patterns of intent, written with word classes: an act of harm followed by a person or an animal
   ("un élève qui tire sur ses camarades", "met un chat dans le micro-ondes"), undressing or touching
   described without explicit words, self-harm ("se coupe les bras"), a group + a slur or an exclusion
   ("dit aux étrangers de rentrer chez eux"), a real public figure + a degrading situation, realistic
   horror, and an insult or mockery aimed at a first name of the workshop's roster;
4. combinations (``[combinations]``): patterns whose parts each have a harmless sense of their own but not together
   (a class photo, a swimsuit), read on the sentence as written, before any harmless sense is set apart, so that
   « photo de classe » and « en maillot de bain » set apart as harmless do not hide « la photo de classe de Léa en
   maillot de bain ».

What the four passes let through may then be read by a small learned layer (learned.py: a logistic
regression over character n-grams, trained only on the corpus's tuning material and ordinary sentences, on since
the tenth round), which refuses only when it is sure and the sentence has a partial signal (`partial_signal`).

Both languages are always checked, whatever the interface language: words harmless in one language
("bite", "rape", "con") are only checked when the sentence has words of the other one. Each category
answers with its own locale key (safety.prompt.<category>): kind, short, saying what to change,
never repeating the word. The category is logged for the facilitator's console; the text never is.
"""
from __future__ import annotations

import functools
import re
import unicodedata
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from . import learned
from .lexicon import french_counts, known_words, lemma_readings, personal_names, preload
from .normalise import BARRIER, calm, joined_halves, near, normalise, phonetic, plain, sounded_exact, stem

TERMS_PATH = Path(__file__).with_name("prompt_terms.toml")
preload()  # the word lists of lexicon.py, read while the page or the worker starts
MAX_PROMPT_CHARS = 400
SILENT_CONSONANTS = "tsxdpc"  # final letters French does not sound (« partout », « gros », « prix », « blanc »)
SILENT_COMMON = 1000  # ...restored only to a French word seen this often (« partout » 27 515 times, « blanc » 19 500)
AUTO_TYPO = 7  # words of this length or more in the rules match a typo of one letter (Damerau distance 1)
NEUTRAL = "_"  # a word set apart as harmless: matches nothing, but a gap may cross it
# Words that end a clause: a "~N" gap never crosses them ("le chevalier tue le dragon et sauve la princesse").
CLAUSE_WORDS = frozenset({BARRIER, "et", "and", "puis", "then", "mais", "but", "qui", "who", "which", "while",
                          "pendant", "alors", "ou", "or", "quand", "when", "avant", "before", "apres", "after"})
# Categories in the order they are tried: the first that matches names the refusal.
ORDER = ("self_harm", "public_figure", "harassment", "sexual", "hate", "animal_cruelty", "horror", "violence",
         "weapons", "drugs", "insult")
CATEGORIES = ORDER
_MASK_FILL = ("a", "e", "i", "o", "u", "")  # "f*ck", "sh*t": a star hides a vowel
_FR_HINTS = frozenset("le la les un une des du de et qui est dans avec sur pour il elle son sa ses ce cette je tu "
                      "pas au aux ma mon mes ta ton tes qu que fait font veut sont".split())
_EN_HINTS = frozenset("the and with who is are in on of his her my to for it this that i you they he she at from "
                      "an by your their wants make draw".split())


@dataclass(frozen=True)
class PromptCheck:
    """The guard's answer: blocked or not, the kind sentence to show (locale key), the category and why."""

    blocked: bool
    message_key: str = ""
    category: str = ""
    matched: str = ""  # the rule that matched (for tests and the bench, never shown to children)
    guard: str = ""  # "cpu" or the model guard's backend name

    def message(self, language: str = "fr") -> str:
        from ..i18n import translate

        return translate(self.message_key, language) if self.message_key else ""


# -- the rules file --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Gap:
    most: int
    strict: bool  # True: does not cross a clause word (nor ",", "."); False: any word (co-occurrence)
    only: str = ""  # a class name: every skipped word must be one of its words ("~d3": determiners)


@dataclass(frozen=True)
class _Rule:
    elements: tuple  # str (a word pattern), ("@", class name) or _Gap
    category: str
    text: str
    language: str = "both"


def _parse(text: str) -> tuple:
    """'@HARM ~4 @PERSON' -> (('@', 'HARM'), _Gap(4, True), ('@', 'PERSON')); words normalised like prompts."""
    out: list = []
    for piece in text.split():
        if piece.startswith("@"):
            out.append(("@", piece[1:]))
        elif re.fullmatch(r"~d\d+", piece):
            out.append(_Gap(int(piece[2:]), True, "DET"))
        elif re.fullmatch(r"~~?\d+", piece):
            out.append(_Gap(int(piece.lstrip("~")), not piece.startswith("~~")))
        else:
            typo = piece.endswith("~")
            piece = piece.rstrip("~")
            head, tail, exact = piece.startswith("*"), piece.endswith("*"), piece.endswith("=")
            words = normalise(piece.strip("*=")).words
            if not words:
                raise ValueError(f"{TERMS_PATH.name}: {text!r} has an empty word.")
            words = list(words)
            words[0] = ("*" if head else "") + words[0]
            words[-1] = words[-1] + ("*" if tail else "") + ("=" if exact else "") + ("~" if typo else "")
            out.extend(words)
    return tuple(out)


class _Index:
    """Items (element sequences with a payload) indexed by their first word, so that a sentence only
    tries the items that can start at each of its words."""

    def __init__(self, items: list[tuple[tuple, object]]):
        self.by_word: dict[str, list] = {}
        self.by_prefix: dict[str, list] = {}
        self.by_head: dict[str, list] = {}  # typo-tolerant items, by their first two letters
        self.misc: list = []
        for order, (elements, payload) in enumerate(items):
            item = (order, elements, payload)
            first = elements[0] if elements else None
            if not isinstance(first, str):
                self.misc.append(item)
                continue
            kind, core, core_stem, typo = _pattern_info(first)
            if kind in ("**", ".*") or (kind == "*." and len(core) < 3):
                self.misc.append(item)
            elif typo:
                self.by_head.setdefault(core[:2], []).append(item)
            elif kind == "*.":
                self.by_prefix.setdefault(core[:3], []).append(item)
            else:
                self.by_word.setdefault(core, []).append(item)
                if core_stem:
                    self.by_word.setdefault("~" + core_stem, []).append(item)

    def candidates(self, forms: frozenset, stems: frozenset) -> list:
        out = list(self.misc)
        for f in forms:
            out.extend(self.by_word.get(f, ()))
            out.extend(self.by_prefix.get(f[:3], ()))
        for h in {f[:2] for f in forms}:
            out.extend(self.by_head.get(h, ()))
        for s in stems:
            out.extend(self.by_word.get("~" + s, ()))
        return out


@dataclass(frozen=True)
class _Rules:
    rules: tuple[_Rule, ...]  # terms and patterns, in category order
    combinations: tuple[_Rule, ...]  # patterns read before the harmless senses are set apart
    classes: dict  # name -> tuple of parsed entries
    harmless: tuple[tuple, ...]
    # (words, window, context entries, unless entries, word classes whose entries are words of the sense too)
    senses: tuple[tuple[frozenset, int, tuple, tuple, tuple], ...]
    messages: dict
    vocabulary: frozenset  # every word the guard knows (typo matching leaves them alone)
    spelling: dict  # first letter -> the guard's plain words of 4 letters or more (typo readings)
    words: frozenset  # every word pattern used anywhere
    rule_index: "_Index"
    class_index: dict  # class name -> _Index of its entries
    harmless_index: "_Index"


@functools.cache
def _load() -> _Rules:
    with open(TERMS_PATH, "rb") as fh:
        data = tomllib.load(fh)
    messages = {c: t["message"] for c, t in data["categories"].items()}
    unknown = set(messages) ^ set(ORDER)
    if unknown:
        raise ValueError(f"{TERMS_PATH.name}: categories {sorted(unknown)} are not in the guard's order.")
    rules: list[_Rule] = []
    for category in ORDER:
        table = data["categories"][category]
        for key in ("both", "fr", "en"):
            rules.extend(_Rule(_parse(t), category, t, key) for t in table.get(key, []))
        rules.extend(_Rule(_parse(p), category, p) for p in data["patterns"].get(category, []))
    combinations = [_Rule(_parse(p), category, p) for category in ORDER
                    for p in data.get("combinations", {}).get(category, [])]
    raw_classes = data["classes"]

    def expand(name: str, seen: tuple = ()) -> list[tuple]:
        entries: list[tuple] = []
        for entry in raw_classes[name]:
            if entry.startswith("@") and " " not in entry:  # a whole class; "@AGE yo" is a sequence like any other
                if entry[1:] in seen:
                    raise ValueError(f"{TERMS_PATH.name}: class {name} includes itself.")
                entries.extend(expand(entry[1:], seen + (name,)) if entry[1:] != "NAME" else [(("@", "NAME"),)])
            else:
                entries.append(_parse(entry))
        return entries

    classes = {name: tuple(expand(name)) for name in raw_classes}
    harmless = tuple(_parse(p) for p in data["harmless"]["phrases"])
    senses = tuple((frozenset(normalise(w).words[0] for w in s["words"] if not w.startswith("@")), int(s["window"]),
                    tuple(_parse(c) for c in s["context"]), tuple(_parse(c) for c in s.get("unless", ())),
                    tuple(w[1:] for w in s["words"] if w.startswith("@")))
                   for s in data["harmless"]["senses"])
    for sense in senses:
        for name in sense[4]:
            if name not in raw_classes:
                raise ValueError(f"{TERMS_PATH.name}: a harmless sense uses an unknown class @{name}.")
    for rule in rules + combinations:
        for element in rule.elements:
            if isinstance(element, tuple) and element[1] not in classes:
                raise ValueError(f"{TERMS_PATH.name}: {rule.text!r} uses an unknown class @{element[1]}.")
    words: set[str] = set()
    for elements in [r.elements for r in rules + combinations] + [e for c in classes.values() for e in c] + \
            list(harmless) + [e for s in senses for e in s[2] + s[3]]:
        words.update(e for e in elements if isinstance(e, str))
    vocabulary = {w.strip("*=~") for w in words} | _FR_HINTS | _EN_HINTS | set(CLAUSE_WORDS)
    vocabulary |= {w for s in senses for w in s[0]}
    spelling: dict[str, list[str]] = {}
    for word in sorted(vocabulary):
        if len(word) >= 4 and word.isalpha():
            spelling.setdefault(word[0], []).append(word)
    return _Rules(tuple(rules), tuple(combinations), classes, harmless, senses, messages, frozenset(vocabulary),
                  {k: tuple(v) for k, v in spelling.items()}, frozenset(words),
                  _Index([(r.elements, r) for r in rules]),
                  {name: _Index([(e, None) for e in entries]) for name, entries in classes.items()},
                  _Index([(h, None) for h in harmless]))


# -- matching --------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _pattern_info(pattern: str) -> tuple[str, str, str, bool]:
    """(kind, core, stem of the core or '', typo-tolerant) of a word pattern.

    kind: "=" exact, "." word or its inflections, "*." prefix, ".*" suffix, "**" inside.
    Typo tolerance is asked with "~", and given to every whole word of AUTO_TYPO letters or more (a typo is
    only accepted in a word the guard does not know, see `_Sentence._word`)."""
    typo = "~" in pattern or (len(pattern) >= AUTO_TYPO and pattern.isalpha())
    pattern = pattern.replace("~", "")
    if pattern.endswith("="):
        return "=", pattern[:-1], "", False
    head, tail = pattern.startswith("*"), pattern.endswith("*")
    core = pattern.strip("*")
    if head and tail:
        return "**", core, "", False
    if tail:
        return "*.", core, "", typo and len(core) >= 5
    if head:
        return ".*", core, "", False
    core_stem = stem(core)
    return ".", core, core_stem if len(core_stem) >= 4 else "", typo and len(core) >= 6


# A year of the past written in figures (1000 to 1999: « en 1572 », "in 1944") is also read as this word, so that
# the rules can name it (the history frame PAST19 of prompt_terms.toml); a year of today or a number is not.
PAST_YEAR = "millesime"


def _forms(word: str) -> frozenset[str]:
    """The ways a written word may be read: as written, emphasis removed, masked vowels filled in, and a year of the
    past (four figures, 1000-1999) as PAST_YEAR."""
    forms = {word, calm(word, 1), calm(word, 2)}
    if "*" in word:
        forms = {f.replace("*", fill) for f in forms for fill in _MASK_FILL}
    if len(word) == 4 and word.isdigit() and word[0] == "1":
        forms.add(PAST_YEAR)
    return frozenset(forms)


# French object and subject pronouns an SMS glues to the next word without the apostrophe (« jvais lamener » for
# « l'amener », « jtai dit », « sarme » for « s'arme »): the letter, read off when the rest is a known word.
_GLUED = frozenset("ljmtsdn")


@functools.lru_cache(maxsize=8192)
def _elided(word: str) -> frozenset[str]:
    """An unknown word read without a glued elided pronoun (« lamener » -> « amener », « lecraser » -> « ecraser »):
    the rest must start with a vowel or "h", have 5 letters or more and be a word the guard or the word lists know.
    The subject « je » is glued before a consonant too (« jfugue » -> « fugue », « jprenne » -> « prenne »): then the
    rest must have 4 letters or more."""
    rules = _load()
    if word[:1] == "j" and word[1:2].isalpha() and word[1] not in "aeiouyh" and len(word) >= 5 and word.isalpha() \
            and _unknown(word, rules):
        rest = word[1:]
        return frozenset({rest}) if not _unknown(rest, rules) else frozenset()
    if len(word) < 6 or not word.isalpha() or word[0] not in _GLUED or word[1] not in "aeiouyh" \
            or not _unknown(word, rules):
        return frozenset()
    rest = word[1:]
    return frozenset({rest}) if not _unknown(rest, rules) else frozenset()


def _silent(word: str, vocabulary: frozenset) -> frozenset[str]:
    """SMS and phonetic spellings that drop a silent ending: an unknown word of 3 letters or more is also
    read with a final "e" ("montr" -> "montre", "ecras" -> "ecrase", "vivr" -> "vivre"); a word of the French
    and English word lists keeps its own sense ("win" is no "wine")."""
    if len(word) < 3 or not word.isalpha() or word in vocabulary or word.endswith("e") or word in known_words():
        return frozenset()
    return frozenset({word + "e"})


def _unknown(word: str, rules: _Rules) -> bool:
    """A word neither the guard nor the French and English word lists know (lexicon.py): a typo, a
    spelling of its own, a name."""
    return word not in rules.vocabulary and word not in known_words()


@functools.lru_cache(maxsize=8192)
def _typo_readings(word: str) -> frozenset[str]:
    """The guard's words one letter away from an unknown word of 5 letters or more (Damerau distance 1,
    same first letter): "naket" -> "naked", "cigarretes" -> "cigarettes", "enfents" -> "enfants".
    Real words are never read as typos ("stone" stays a stone), nor a common French word written without its silent
    final "e" (« trist » is « triste », read by `_silent`)."""
    rules = _load()
    if len(word) < 5 or not word.isalpha() or not _unknown(word, rules):
        return frozenset()
    if french_counts().get(word + "e", 0) >= SILENT_COMMON:
        return frozenset()  # « trist » is « triste » with its silent "e" dropped, no typo of « triso »
    return frozenset(v for v in rules.spelling.get(word[0], ()) if abs(len(v) - len(word)) <= 1 and near(v, word))


def _silent_consonant_restored(word: str) -> frozenset[str]:
    """The common French words (SILENT_COMMON or more in lexicon.french_counts) that `word` is, written without its
    silent final consonant as SMS and young writers spell: « partou » -> partout, « blan » -> blanc, « tro » -> trop
    (French only: « connor » is not the English surname « Connors »)."""
    counts = french_counts()
    return frozenset(word + c for c in SILENT_CONSONANTS if counts.get(word + c, 0) >= SILENT_COMMON)


@functools.lru_cache(maxsize=8192)
def _sounded(word: str) -> frozenset[str]:
    """Readings of an unknown word spelt as it sounds (normalise.phonetic: "fabrike" -> "fabrique", "ecraz" ->
    "ecrase", "konar" -> "connard") or with a silent final "e" dropped ("granad" -> "grenade"): the readings that
    are words the guard or the word lists know, and the guard's words one letter away from a reading."""
    rules = _load()
    if len(word) < 3 or not word.isalpha() or not _unknown(word, rules):
        return frozenset()
    restored = _silent_consonant_restored(word)
    if restored:  # « partou » is « partout » (not « partoue », a typo from « partouze »), « blan » « blanc » (not
        return restored  # « blunt »): the word itself, short of a letter nobody hears, before any other reading
    out: set[str] = set()
    for reading in phonetic(word) | _silent(word, rules.vocabulary):
        if not _unknown(reading, rules):
            out.add(reading)
        else:
            out |= _typo_readings(reading)
    out |= {reading for reading in sounded_exact(word) if not _unknown(reading, rules)}
    return frozenset(out)


# French nouns made from verbs, read as the verb too ("l'écorchage d'un lapin" -> écorcher, "la fabrication d'une
# grenade" -> fabriquer, "la défenestration" -> défenestrer): (noun ending, verb ending), longest first. Only for
# nouns of NOMINAL_MIN letters or more whose verb is a known word. Not "-ction" (an injection is mostly a doctor's)
# nor "-ement" (« un saignement de nez » is no « saigner » aimed at a child).
_NOMINAL = (("ication", "iquer"), ("ution", "uter"), ("ixion", "ier"), ("ation", "er"),
            ("aison", "re"), ("ssion", "sser"), ("sion", "ser"), ("age", "er"), ("ade", "er"))
NOMINAL_MIN = 8


@functools.lru_cache(maxsize=8192)
def _derived(word: str) -> frozenset[str]:
    """The verb a French noun of action is made from, when it is a word the guard or the word lists know
    ("ecorchage" -> "ecorcher", "automutilation" -> "mutiler"); singular or plural."""
    if len(word) < NOMINAL_MIN or not word.isalpha():
        return frozenset()
    rules = _load()
    base = word[:-1] if word.endswith("s") else word
    out = set()
    for noun_end, verb_end in _NOMINAL:
        if base.endswith(noun_end) and len(base) - len(noun_end) >= 4:
            verb = base[: -len(noun_end)] + verb_end
            for reading in (verb, verb[4:] if verb.startswith("auto") else ""):
                if len(reading) >= 5 and not _unknown(reading, rules):
                    out.add(reading)
            break
    return frozenset(out)


class _Sentence:
    """The normalised words of one prompt and the memo of which word pattern matches which word."""

    def __init__(self, words: list[str], rules: _Rules, names: frozenset[str], exact_from: int | None = None,
                 lemmas: dict[str, frozenset[str]] | None = None, people: frozenset[str] = frozenset()):
        self.words = words
        self.rules = rules
        self.names = names
        # words from this position on are two neighbours joined ("tor ture"): matched exactly, never as a typo,
        # or "en forme" would read as a misspelt insult
        self.exact_from = len(words) if exact_from is None else exact_from
        # typo readings only for the words as written: two neighbours joined ("but let" -> "butlet") are no typo
        self.forms = [_forms(w) | _silent(w, rules.vocabulary) | (
            _typo_readings(w) | _sounded(w) | _derived(w) | _elided(w) | (lemmas or {}).get(w, frozenset())
            if w not in names and w not in people and j < self.exact_from else frozenset())
            for j, w in enumerate(words)]
        self.stems = [frozenset(stem(f) for f in fs if len(f) >= 4) for fs in self.forms]
        self.memo: dict[tuple[str, int], bool] = {}
        self.possible_memo: dict = {}
        self.all_forms = frozenset().union(*self.forms) if self.forms else frozenset()
        self.all_stems = frozenset().union(*self.stems) if self.stems else frozenset()
        self.class_memo: dict[tuple[str, int], tuple[int, ...]] = {}
        self.raw: _Sentence | None = None  # the same words before the harmless senses were set apart (`_prepare`)

    def word(self, pattern: str, j: int) -> bool:
        key = (pattern, j)
        hit = self.memo.get(key)
        if hit is None:
            hit = self.memo[key] = self._word(pattern, j)
        return hit

    def _word(self, pattern: str, j: int) -> bool:
        token = self.words[j]
        if token in (BARRIER, NEUTRAL):
            return False
        kind, core, core_stem, typo = _pattern_info(pattern)
        typo = typo and j < self.exact_from
        forms = self.forms[j]
        if kind == "=":
            return core in forms
        if kind == "**":
            return any(core in f for f in forms)
        if kind == "*.":
            # a typo in a prefix: one letter missing or added ("sucider"), never one letter changed
            return any(f.startswith(core) for f in forms) or (
                typo and len(token) >= 6 and token[:2] == core[:2] and _unknown(token, self.rules)
                and any(near(core, token[:k]) for k in (len(core) - 1, len(core) + 1)))
        if kind == ".*":
            return any(f.endswith(core) for f in forms)
        if core in forms or (core_stem and core_stem in self.stems[j] and len(token) >= len(core) - 1):
            return True
        return typo and len(token) >= 5 and token[:2] == core[:2] and _unknown(token, self.rules) \
            and near(core, token)

    def possible(self, element) -> bool:
        """A quick test: can `element` (a word pattern or a class) match any word of the sentence?"""
        hit = self.possible_memo.get(element)
        if hit is None:
            if isinstance(element, tuple):
                if element[1] == "NAME":
                    hit = bool(self.names)
                else:
                    hit = any(self.possible(entry[0]) for entry in self.rules.classes[element[1]])
            else:
                kind, core, core_stem, typo = _pattern_info(element)
                if kind in ("=", "."):
                    hit = core in self.all_forms or (kind == "." and (
                        bool(core_stem and core_stem in self.all_stems) or typo))
                else:
                    hit = typo or any(self.word(element, j) for j in range(len(self.words)))
            self.possible_memo[element] = hit
        return hit

    def class_ends(self, name: str, j: int) -> tuple[int, ...]:
        """Where an entry of class `name` starting at word j ends (exclusive), possibly several."""
        key = (name, j)
        ends = self.class_memo.get(key)
        if ends is None:
            if name == "NAME":
                found = {j + 1} if j < len(self.words) and self.words[j] in self.names else set()
                found |= {e for n in self.names if " " in n for e in self._seq(tuple(n.split()), 0, j)}
            elif j >= len(self.words):
                found = set()
            else:
                found = set()
                for _, entry, _ in self.rules.class_index[name].candidates(self.forms[j], self.stems[j]):
                    found.update(self._seq(entry, 0, j))
            ends = self.class_memo[key] = tuple(found)  # any order: callers ask whether, or the longest
        return ends

    def _seq(self, elements: tuple, k: int, i: int):
        """End positions of `elements[k:]` matched from word i (a generator)."""
        if k == len(elements):
            yield i
            return
        element = elements[k]
        if isinstance(element, _Gap):
            for skip in range(element.most + 1):
                yield from self._seq(elements, k + 1, i + skip)
                if i + skip >= len(self.words):
                    return
                if element.strict and self.words[i + skip] in CLAUSE_WORDS:
                    return
                if element.only and i + skip + 1 not in self.class_ends(element.only, i + skip):
                    return
            return
        if i >= len(self.words):
            return
        if isinstance(element, tuple):
            for end in self.class_ends(element[1], i):
                yield from self._seq(elements, k + 1, end)
        elif self.word(element, i):
            yield from self._seq(elements, k + 1, i + 1)

    def find(self, elements: tuple) -> tuple[int, int] | None:
        """(start, end) of the first place `elements` match, or None."""
        if not all(self.possible(e) for e in elements if not isinstance(e, _Gap)):
            return None
        for i in range(len(self.words)):
            for end in self._seq(elements, 0, i):
                return i, end
        return None


def _languages(words: Iterable[str]) -> set[str]:
    """Which language-only term lists to check: the languages the sentence has words of (both if none)."""
    words = set(words)
    fr, en = len(words & _FR_HINTS), len(words & _EN_HINTS)
    if not fr and not en:
        return {"fr", "en"}
    return ({"fr"} if fr else set()) | ({"en"} if en else set())


def _set_apart(sentence: _Sentence, rules: _Rules) -> list[str]:
    """The words with harmless phrases and harmless senses replaced by NEUTRAL."""
    words = list(sentence.words)
    figure = None
    for start in range(len(words)):
        for _, phrase, _ in rules.harmless_index.candidates(sentence.forms[start], sentence.stems[start]):
            if ("@", "COSTUME") in phrase:  # a costume is no harmless sense on a real person (« X déguisé en singe »)
                if figure is None:
                    figure = any(sentence.class_ends("FIGURE", k) for k in range(len(words)))
                if figure:
                    continue
            end = max(sentence._seq(phrase, 0, start), default=start)
            for j in range(start, end):
                words[j] = NEUTRAL
            if end > start and end in sentence.class_ends("ANIMAL_PHRASE", start):
                words[end - 1] = "animal"  # "guinea pig": no insult, but still an animal that can be hurt
    # words of a phrase where an animal works with the hunter (FIELD_HELPER: « le chien va le chercher »): what
    # `unless` finds only inside them does not count (the hunting dog is no pet being hurt)
    helper = {k for i in range(len(words)) for e in sentence.class_ends("FIELD_HELPER", i) for k in range(i, e)} \
        if "FIELD_HELPER" in rules.classes else set()

    def found(entry: tuple, i: int, own: range = range(0)) -> bool:
        # an `unless` entry found only on the sense's own words does not count (« se bat » is no baseball bat)
        return any(e > i and not helper.issuperset(range(i, e)) and not (own and set(range(i, e)) <= set(own))
                   for e in sentence._seq(entry, 0, i))

    for j, token in enumerate(sentence.words):
        if words[j] == NEUTRAL:
            continue
        for sense_words, window, context, unless, sense_classes in rules.senses:
            end = j + 1 if sentence.forms[j] & sense_words or sentence.stems[j] & sense_words else max(
                (e for name in sense_classes for e in sentence.class_ends(name, j)), default=0)
            if end <= j:
                continue
            around = [i for i in range(max(0, j - window), min(len(words), end + window)) if not j <= i < end]
            if any(any(e > i for e in sentence._seq(c, 0, i)) for i in around for c in context) and not any(
                    found(c, i, range(j, end)) for i in range(len(words)) for c in unless):
                for k in range(j, min(end, len(words))):
                    words[k] = NEUTRAL
                break
    fat = rules.classes.get("FATWORD", ())
    for j in range(len(words) - 1):
        # a noun set apart just above as a harmless thing (the cook's « gros couteau ») is still a noun the size word
        # describes; its own listed senses no longer count
        thing = words[j + 1] == NEUTRAL and sentence.words[j + 1].isalpha() and sentence.words[j + 1] not in _NOT_A_NOUN
        if words[j] == NEUTRAL or (not thing and (words[j + 1] in _NOT_A_NOUN or not words[j + 1].isalpha())):
            continue
        if not any(next(sentence._seq(e, 0, j), None) == j + 1 for e in fat):
            continue
        k = j + 1
        risky = sentence.class_ends("FAT_TARGET", k) or (not thing and any(
            isinstance(e[0], str) and sentence.word(e[0], k)
            for _, e, _ in rules.rule_index.candidates(sentence.forms[k], sentence.stems[k])))
        if not risky:
            words[j] = NEUTRAL  # "une grosse valise", "big glasses": the size of a thing, not a person
    return words


# Words after "gros"/"fat" that are no noun it could describe ("fat lol", "grosse et moche").
_NOT_A_NOUN = (_FR_HINTS | _EN_HINTS | CLAUSE_WORDS | {NEUTRAL} | frozenset(
    "lol mdr ptdr xd haha hihi stp svp pls plz please so trop tellement too very comme like as ca that draw dessine "
    "moche ugly bete stupid nul nulle dumb laid laide c cest sont are is est ont puent stink ils elles they people "
    "devraient should".split()))
_PLACE_BEFORE = frozenset({"à", "in", "near", "at", "from", "to", "vers", "près", "pres"})
_PLACE_AFTER = frozenset({"village", "town", "city", "castle", "church", "pond", "river", "harbour", "harbor",
                          "station", "beach", "lake", "valley", "hill", "hills", "abbey", "bridge", "market"})
_PLACE_INTRO = ("village de", "ville de", "town of", "city of", "village of", "commune de", "port de", "gare de")
# Nouns of places and landmarks: a capitalised word after one of them and "de", "du", "des" or "d'" is a name
# (« la forêt du Massacre », « le col de la Morte », « the forest of Dean »).
_PLACE_NOUNS = frozenset(
    "foret bois lac etang col mont montagne pic vallee gorges gorge grotte grottes plage baie cap pointe ile iles "
    "riviere fleuve source marais plateau plaine massif station gare rue avenue boulevard place pont chateau "
    "abbaye quartier cite hameau lieu-dit lieudit domaine parc jardin jardins canal cascade falaise dune dunes "
    "forest wood woods lake loch mount mountain valley cave bay cape point island river moor hill cave caves "
    "carriere carrieres mine mines".split())
# Titles before a family name: a capitalised word after one of them is a name (« madame Conard », « Mrs Cockburn »).
_TITLES = frozenset("madame monsieur mademoiselle mme mlle m mr mrs ms miss mister docteur dr maitre maitresse "
                    "professeur prof famille".split())
_PLACE_OF = frozenset({"de", "du", "des", "d", "of", "la"})
_PLACE_LINK = frozenset({"sur", "sous", "la", "le", "les", "lès", "en", "de", "du", "des", "aux", "saint", "sainte",
                         "st", "ste", "on", "upon", "under", "in"})
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_WORD_CASED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|[,.;:!?]")


def _place_noun(word: str) -> bool:
    """A noun of places, singular or plural (« les plages de », « the caves of »)."""
    return word in _PLACE_NOUNS or (len(word) > 3 and word[-1] in "sx" and word[:-1] in _PLACE_NOUNS)


# Regions after "in the" / « dans la »: region nouns, and the French départements and regions said with an article.
_REGION_NOUNS = frozenset("islands isles highlands lowlands hills mountains alps valley county shire moors dales "
                          "peninsula province region district fens wolds".split())
_FR_REGIONS = frozenset(
    "ain aisne allier ardeche ardennes ariege aube aude aveyron calvados cantal charente cher correze creuse dordogne "
    "doubs drome eure finistere gard gers gironde herault indre isere jura landes loire loiret lot lozere manche "
    "marne mayenne meuse morbihan moselle nievre nord oise orne rhone sarthe savoie somme tarn var vaucluse vendee "
    "vienne vosges yonne essonne bretagne normandie provence alsace lorraine bourgogne auvergne limousin picardie "
    "champagne camargue beauce sologne perigord quercy berry vexin morvan cevennes alpes pyrenees".split())


def _region_after(tokens: list[str]) -> bool:
    """True when capitalised `tokens` (those after "in the" / « dans la ») name a region: a French département or
    region first, or a region noun closing a run of capitalised words ("the Orkney Islands")."""
    run = []
    for t in tokens:
        if not t[:1].isupper() or t.isupper():
            break
        run.append(plain(t))
    return bool(run) and (run[0] in _FR_REGIONS or any(w in _REGION_NOUNS for w in run[1:]))


def _place_names(text: str) -> set[str]:
    """Plain lower-case words of the place names the sentence's context gives: capitalised words after a
    place preposition ("à Poil", "in Lower Slaughter"), before a place noun ("Wetwang village"), hyphenated
    with a linking word ("Sucé-sur-Erdre", "Sainte-Verge"), after a place noun and "de" ("la forêt du Massacre"),
    or in a "Town, Region" / "Town in Region" pair, and family names after a title ("madame Conard", "Mrs
    Cockburn"); never a word the sentence also writes in lower case."""
    tokens = _WORD_CASED.findall(unicodedata.normalize("NFC", text or ""))
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t[:1].isupper() and not t.isupper():
            j = i
            while j + 1 < len(tokens) and tokens[j + 1][:1].isupper() and not tokens[j + 1].isupper():
                j += 1
            runs.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    out: set[str] = set()
    french = bool(set(plain(text or "").replace("'", " ").split()) & _FR_HINTS)
    for start, end in runs:
        before = tokens[start - 1].lower() if start else ""
        before2 = " ".join(tokens[max(0, start - 2):start]).lower()
        after = tokens[end].lower() if end < len(tokens) else ""
        capital_after = end + 1 < len(tokens) and tokens[end + 1][:1].isupper() and after in (",", "in", "en", "à")
        # "Twatt in the Orkney Islands", « Trécon dans la Marne »: a place preposition and an article before a
        # region (a region noun, or a French département or region): never any capitalised words, since a title is
        # written so too ("Porn in the Kitchen", « Un Suicide dans la Forêt »)
        capital_after = capital_after or (
            end + 2 < len(tokens) and after in ("in", "dans") and tokens[end + 1].lower() in ("the", "le", "la", "les")
            and _region_after(tokens[end + 2:end + 5]))
        # « Baise, commune du Gers », "Dildo, a town in Newfoundland": a place noun in apposition after a comma
        appositive = after == "," and any(_place_apposition(t) for t in tokens[end + 1:end + 4])
        near_town = after in ("près", "pres", "near", "next") and any(  # « Bourré près de Montrichard »
            t[:1].isupper() for t in tokens[end + 1:end + 3] if t.lower() not in ("de", "d", "to"))
        hyphen = any("-" in t and set(p.lower() for p in t.split("-")) & _PLACE_LINK for t in tokens[start:end])
        back = [plain(t) for t in tokens[max(0, start - 3):start]]
        of_place = bool(back) and back[-1] in _PLACE_OF and any(
            _place_noun(back[k]) and all(b in _PLACE_OF for b in back[k + 1:]) for k in range(len(back) - 1))
        titled = (bool(back) and back[-1] in _TITLES and start + 1 == end) or (
            end - start == 2 and plain(tokens[start]) in _TITLES)
        if before in _PLACE_BEFORE or of_place or (before == "a" and french) or plain(before2) in _PLACE_INTRO \
                or after in _PLACE_AFTER or capital_after or near_town or hyphen or titled or appositive:
            for t in tokens[start:end]:
                out.update(plain(t).replace("-", " ").split())
    # a word the sentence also writes in lower case is used as a word too (« la rue du Massacre où on massacre »)
    lower = {w for t in tokens if not t[:1].isupper() for w in plain(t).replace("-", " ").split()}
    return (out - lower) | _hyphenated_in_region(tokens) | _unknown_after_intro(tokens)


# How children write « gare de » and « ville de » without the final "e" (« la gar de couilly »).
_PLACE_INTRO_SPELT = _PLACE_INTRO + ("gar de", "vil de", "vile de")


def _unknown_after_intro(tokens: list[str]) -> set[str]:
    """A word after « gare de », « village de », "town of"... that neither word list knows, in any case: a child types
    no capitals (« la gar de couilly pont o dame »); a word of the lists keeps its sense (« la gare de merde »)."""
    out: set[str] = set()
    for k in range(2, len(tokens)):
        word = plain(tokens[k])
        if f"{plain(tokens[k - 2])} {plain(tokens[k - 1])}" in _PLACE_INTRO_SPELT and word.isalpha() \
                and len(word) >= 4 and word not in known_words():
            out.add(word)
    return out


# First parts of a hyphenated word that make it a description, not a name (« tout-nus en Vendée »).
_NOT_NAME_HEADS = frozenset("tout toute tous toutes a demi mi moitie semi half all full".split())


def _hyphenated_in_region(tokens: list[str]) -> set[str]:
    """Plain words of a hyphenated name, capitalised or not, before « en » or "in" and a French département or region
    (« le panneau de corps-nuds en bretagne », « cul-des-sarts dans les ardennes »): a child types no capitals."""
    out: set[str] = set()
    for k, token in enumerate(tokens):
        parts = plain(token).split("-")
        if len(parts) < 2 or parts[0] in _NOT_NAME_HEADS:
            continue
        after = [plain(t) for t in tokens[k + 1:k + 4]]
        if (len(after) >= 2 and after[0] in ("en", "in") and after[1] in _FR_REGIONS) or (
                len(after) == 3 and after[0] in ("dans", "in") and after[1] in ("le", "la", "les", "l", "the")
                and after[2] in _FR_REGIONS):
            out.update(parts)
    elsewhere = {w for i, t in enumerate(tokens) if "-" not in t for w in plain(t).split()}
    return out - elsewhere


# Place nouns that name a capitalised word before them and a comma as a place (« Baise, commune du Gers »).
_APPOSITIVES = frozenset("commune village ville hameau bourg lieu dit town village city hamlet".split())


def _place_apposition(token: str) -> bool:
    return plain(token) in _APPOSITIVES


# Words after which a capitalised word is a common noun used as a name for someone, not their name
# (« un Conard », « espèce de Connard », "you Dick").
_DETERMINERS = frozenset("un une le la les l des du ce cet cette ces mon ma mes ton ta tes son sa ses notre "
                         "votre leur leurs sale gros grosse grand grande petit petite espece quel quelle es est "
                         "t a an the this that my your ur his her their you you're youre ure is are such "
                         "big little dirty what".split())


_INSULT_FRAMES = frozenset("espece fils tete face bande sac tas gueule".split())  # « espèce de … », « fils de … »


def named_people(text: str) -> frozenset[str]:
    """Plain lower-case words the text uses as people's names: capitalised words that are first or family names
    (lexicon.personal_names: « Connor joue au foot », « avec Phuc ») and not written after a determiner (« un
    Conard » is a word used as an insult) nor also written in lower case in the text. Such a word keeps its
    own sense: it is not read as a typo or a sound-alike of a rude word (« Connor » is no « connard »); a rude
    word as written is still refused. « de » is no determiner here (« le chat de Phuc »), except after a word
    that makes it an insult's frame (« espèce de », « fils de »). A text typed all in capitals (« CONNOR EST MON
    AMI », a child's caps lock) reads its words as capitalised; a word in capitals inside ordinary text is
    shouting, not a name."""
    known = personal_names()
    if not known:
        return frozenset()
    tokens = _WORD_CASED.findall(unicodedata.normalize("NFC", text or ""))
    caps_lock = not any(c.islower() for c in text or "")
    out: set[str] = set()
    for i, token in enumerate(tokens):
        if not token[:1].isupper() or (token.isupper() and len(token) > 1 and not caps_lock):
            continue
        before = plain(tokens[i - 1]) if i else ""
        if before in _DETERMINERS or (before in ("de", "d") and i > 1 and plain(tokens[i - 2]) in _INSULT_FRAMES):
            continue
        out.update(w for w in plain(token).replace("-", " ").split() if w in known)
    lower = {w for t in tokens if not t[:1].isupper() for w in plain(t).replace("-", " ").split()}
    return frozenset(out - lower)


def roster_names(names: Iterable[str] | None) -> frozenset[str]:
    """First names as the guard reads them ("Léa" -> "lea"); names shorter than 2 letters are left out."""
    out = set()
    for name in names or ():
        clean = " ".join(normalise(name).words)
        if len(clean) >= 2:
            out.add(clean)
    return frozenset(out)


@functools.cache
def _language_only_words() -> dict[str, frozenset[str]]:
    """Single words the rules refuse in one language only ("rape" in English, "bite" in French) -> languages."""
    out: dict[str, set[str]] = {}
    for rule in _load().rules:
        if rule.language in ("fr", "en") and len(rule.elements) == 1 and isinstance(rule.elements[0], str):
            out.setdefault(rule.elements[0].strip("*=~"), set()).add(rule.language)
    return {w: frozenset(langs) for w, langs in out.items()}


def learned_words(words: Iterable[str]) -> list[str]:
    """The words the learned layer reads (normalise(text).words): a word the rules refuse in one language only is
    set apart (NEUTRAL) in a sentence of the other language (« une râpe » typed « rape »), as the rules read it.
    The same at training (scripts/build_safety_learned.py) and at run time."""
    words = list(words)
    languages = _languages(words) | {"both"}
    only = _language_only_words()
    return [NEUTRAL if w in only and not only[w] & languages else w for w in words]


# Word classes of prompt_terms.toml that give the learned layer a partial signal: an act of harm, a weapon,
# blood, death, a body or nudity word, touching, a drug, a slur or an insult, an exclusion, a deadly place.
# The learned layer refuses only a sentence with at least one of them (after the harmless senses are set apart).
SIGNAL_CLASSES = ("HARM", "HARM_SOFT", "HARMED", "KILL", "KILLED", "KILLWORD", "EUPH_KILL", "SLANG_KILL",
                  "SLANG_HIT", "HITVERB", "BLOOD", "BLADE", "WEAPONISH", "WEAPON_ANY", "GUNLIKE", "BOMB", "EXPLODE",
                  "SHOOT", "CUT", "BURN", "DIE", "SELFACT", "ENDIT", "PILLS", "ROPE", "HANG_SELF", "NOCLOTHES",
                  "NAKEDWORD", "UNDRESS", "INTIMATE", "TOUCH", "GENITALS", "BREASTS", "UNDIES", "SEX_EUPH",
                  "SUBSTANCE", "ALCOHOL", "SMOKE", "INSULT", "MOCKERY", "FATWORD", "INSULT_ANIMAL", "BODYBEAST",
                  "DEGRADE", "EXCLUDE", "CONTEMPT", "HATESIGN", "SLOGAN", "DEATHWISH", "GUTS", "CORPSE", "ROT",
                  "APPLIANCE", "DEADLY_SPOT", "DROP", "SECRET", "STRONG", "ETHNIC", "NEGATIVE", "NEGATIVE_ADJ",
                  "NEG_ARE", "TRASHWORD", "BEAST", "STEREOTYPE", "SADWORDS")


def partial_signal(sentence: "_Sentence", extra: tuple[str, ...] = ()) -> bool:
    """Whether a word (or phrase) of one of SIGNAL_CLASSES (and `extra` classes) is in the sentence (harmless
    senses set apart)."""
    return any(sentence.class_ends(name, j) for name in SIGNAL_CLASSES + extra for j in range(len(sentence.words))
               if sentence.words[j] not in (BARRIER, NEUTRAL))


def has_partial_signal(text: str, names: Iterable[str] | None = None, extra: tuple[str, ...] = ()) -> bool:
    """`partial_signal` of a text read as cpu_check reads it (scripts/build_safety_learned.py calibrates with it,
    with a wider `extra` so that the threshold it finds is a cautious one)."""
    return partial_signal(_prepare(text, names)[3], extra)


def _prepare(text: str, names: Iterable[str] | None):
    """(rules, roster names, normalised text, sentence with harmless senses set apart, words) of a prompt."""
    rules = _load()
    roster = roster_names(names)
    people = named_people(text)
    vocabulary = rules.vocabulary | {w for n in roster for w in n.split()} | people
    normalised = normalise(text or "", vocabulary)
    lemmas = lemma_readings(text, _languages(normalised.words))
    first = _Sentence(normalised.all, rules, roster, lemmas=lemmas, people=people)
    words = _set_apart(first, rules)
    places = _place_names(text) - {w for n in roster for w in n.split()}
    if places:
        run = [w for w in places]
        probe = _Sentence(run, rules, frozenset())
        if not any(probe.class_ends("FIGURE", k) for k in range(len(run))) and not any(
                r.category in ("hate", "public_figure") and probe.find(r.elements) for r in rules.rules):
            # a hyphenated place's parts read joined (« Tuer-le-Chien » -> « tuerle ») are the place too
            joins = {parts[i] + parts[i + 1] for token in _HYPHENATED.findall(text or "")
                     for parts in [plain(token).split("-")] if set(parts) & places for i in range(len(parts) - 1)}
            words = [NEUTRAL if w in places or w in joins else w for w in words]
    main = words[:len(normalised.words)]
    exact_from = len(words) + 1
    words += [BARRIER] + joined_halves(main, vocabulary, _FR_HINTS | _EN_HINTS | {NEUTRAL}, known_words())
    sentence = _Sentence(words, rules, roster, exact_from, lemmas, people)
    sentence.raw = first
    return rules, roster, normalised, sentence, words


def cpu_check(text: str, names: Iterable[str] | None = None, learned_layer: bool | None = None) -> PromptCheck:
    """The CPU guard alone (no store, no model): blocked or not, with the category and the rule.
    `learned_layer`: also ask the learned layer (learned.py) when the rules let the text through; None
    follows learned.ENABLED. The layer refuses only a sentence with a partial signal (`partial_signal`)."""
    rules, roster, normalised, sentence, words = _prepare(text, names)
    languages = _languages(normalised.words) | {"both"}
    tries = sorted({(order, j): rule for j in range(len(words)) if words[j] not in (BARRIER, NEUTRAL)
                    for order, _, rule in rules.rule_index.candidates(sentence.forms[j], sentence.stems[j])}.items())
    tries = [(order, j, rule) for (order, j), rule in tries]
    for _, j, rule in tries:
        if rule.language in languages and next(sentence._seq(rule.elements, 0, j), None) is not None:
            return PromptCheck(True, rules.messages[rule.category], rule.category, rule.text, "cpu")
    for rule in rules.combinations:  # harmless senses must not hide a harmful combination of them
        if rule.language in languages and sentence.raw is not None and sentence.raw.find(rule.elements):
            return PromptCheck(True, rules.messages[rule.category], rule.category, rule.text, "cpu")
    use_learned = learned.ENABLED if learned_layer is None else learned_layer
    sure = learned.verdict(learned_words(normalised.words), roster, learned.typed_words(text),
                           sentence) if use_learned else None
    if sure is not None and not partial_signal(sentence):
        sure = None  # the sentence's shape alone never refuses: a word of harm, body, drug, slur... must be there
    if sure is not None:
        p, category = sure
        return PromptCheck(True, rules.messages[category], category, f"learned layer {p:.2f}", "cpu")
    return PromptCheck(False, guard="cpu")


def check_prompt(text: str, language: str = "fr", *, store=None, workshop_id: int | None = None,
                 names: Iterable[str] | None = None, model: bool = True,
                 learned_layer: bool | None = None, participant_id: int | None = None) -> PromptCheck:
    """Is this prompt fine for a children's workshop?

    `language` is the interface language (the refusal sentence's language; both languages' words are
    always checked). `names`: the workshop's first names (read from `store` when it is given and
    `names` is None), so that mockery aimed at a participant is refused. The model guard, when
    installed and `model` is true, then reads what the CPU guard let through (model_guard.py).
    When `store` is given a refusal is counted with its category (event ``prompt_blocked``; the
    text is never stored) and with `participant_id`, the child who wrote it when known (the count goes with
    them when they are removed). `learned_layer`: see `cpu_check`.
    """
    if names is None and store is not None and workshop_id is not None:
        names = [p["name"] for p in store.participants(workshop_id)]
    verdict = cpu_check(text, names, learned_layer)
    if not verdict.blocked:  # a child's phone, address, e-mail or account never goes onto a page (personal.py)
        from .personal import check as personal_check

        verdict = personal_check(text) or verdict
    if not verdict.blocked and model:
        from .model_guard import model_check

        verdict = model_check(text, language) or verdict
    if verdict.blocked and store is not None:
        store.log_event("prompt_blocked", workshop_id, verdict.category, participant_id=participant_id,
                        once=words_digest(text))
    return verdict


def words_digest(text: str) -> str:
    """A short SHA-256 digest of `text` with its case and spaces evened (the same words typed again, reloaded from a
    draft): what Store.log_event counts once by, so a refusal is not counted at every check of the same words."""
    import hashlib

    return hashlib.sha256(" ".join(str(text).lower().split()).encode("utf-8")).hexdigest()[:16]


def screen(*texts: str, language: str = "fr", store=None, workshop_id: int | None = None, model: bool = True,
           empty_key: str = "", blocked_key: str = "", participant_id: int | None = None, **params) -> None:
    """Refuse what a child may not send to a model, with a kind sentence; returns None when all is fine.

    The one screening every workshop uses (pictures, comic panels, quiz items, story pages, names).
    Raises UserError `empty_key` (with `params`) when it is given and the first text is blank; for a
    blocked word, UserError `blocked_key` with `params` and ``message`` = the filter's own sentence,
    or without `blocked_key` the filter's own key (safety.prompt.<category>). Empty texts after the
    first are skipped. With `store`, each refusal is counted for the facilitator's console (as the refusal
    of `participant_id`, when known: see `check_prompt`). `model`
    False keeps to the CPU guard (pages check at once; the worker asks the model guard).
    """
    from ..i18n import UserError

    if empty_key and not (texts and str(texts[0] or "").strip()):
        raise UserError(empty_key, **params)
    for text in texts:
        if not text:
            continue
        verdict = check_prompt(text, language, store=store, workshop_id=workshop_id, model=model,
                               participant_id=participant_id)
        if verdict.blocked:
            if blocked_key:
                raise UserError(blocked_key, message=verdict.message(language), **params)
            raise UserError(verdict.message_key)


def check_text_length(text: str) -> None:
    """Refuse prompts too long for the model (its text encoder reads about 75 words)."""
    from ..i18n import UserError

    if len(text) > MAX_PROMPT_CHARS:
        raise UserError("safety.prompt.too_long", length=len(text), limit=MAX_PROMPT_CHARS)


__all__ = ["PromptCheck", "check_prompt", "cpu_check", "check_text_length", "roster_names", "plain", "CATEGORIES"]
