"""Prompt filter for children's workshops (French and English): a kind sentence instead of an error code.

The text is normalised before matching (accents, case, spacing such as "s e x" or "s.e.x",
leetspeak such as "s3x" or "@ss", letters repeated for emphasis), then compared word by word
with the terms in ``prompt_terms.toml``. Harmless phrases that contain a listed word ("pistolet
à eau", "feuilles mortes") are removed first. Each category answers with its own locale key.
"""
from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

TERMS_PATH = Path(__file__).with_name("prompt_terms.toml")
MAX_PROMPT_CHARS = 400

# Leetspeak and look-alike characters, applied only inside words that also contain letters.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
                       "@": "a", "$": "s", "€": "e", "!": "i", "|": "i", "+": "t", "£": "l", "¥": "y"})
_WORD = re.compile(r"[a-z0-9@$€!|+£¥*]+")
_MASK_FILL = ("a", "e", "i", "o", "u", "")  # "f*ck", "sh*t": a star hides a vowel


@dataclass(frozen=True)
class PromptCheck:
    """The filter's answer: blocked or not, the kind sentence to show (locale key) and why."""

    blocked: bool
    message_key: str = ""
    category: str = ""
    matched: str = ""  # the normalised term that matched (for the facilitator, never shown to children)

    def message(self, language: str = "fr") -> str:
        from ..i18n import translate

        return translate(self.message_key, language) if self.message_key else ""


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _calm(word: str, keep: int) -> str:
    """Letters repeated three times or more for emphasis ('fuuuck', 'saaang') -> `keep` of them."""
    return re.sub(r"(.)\1{2,}", lambda m: m.group(1) * keep, word)


def _deleet(word: str) -> str:
    if word.isdigit():
        return word  # plain numbers stay numbers ("3 chats")
    return word.translate(_LEET)


def normalise(text: str) -> list[str]:
    """The prompt as a list of plain lower-case ascii words, leetspeak and spacing undone."""
    text = _strip_accents(text).lower().replace("œ", "oe").replace("æ", "ae")
    text = text.replace("’", "'")
    # "!", "|" and "+" are letters only inside a word ("k!ll"), not at its ends ("un chat !")
    raw = [_deleet(w) for w in (w.strip("!|+*") for w in _WORD.findall(text)) if w]
    words: list[str] = []
    run: list[str] = []
    for word in raw + [""]:
        # "s e x", "s.e.x", "n-u-d-e": a run of single letters is read as one word
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if len(run) >= 3:
            # "a n u d e lady": the run may start with a real one-letter word ("a", "y", "l")
            joined = "".join(run)
            words.append(joined if joined[0] not in "aylj" or len(run) < 4 else joined[1:])
        else:
            words.extend(run)
        run = []
        if word:
            words.append(word)
    return [w for w in words if w]


@dataclass(frozen=True)
class _Term:
    words: tuple[str, ...]  # plain words; '*' at an end means "any ending" / "any beginning"
    category: str


def _term_words(term: str) -> tuple[str, ...]:
    """'massacr*' -> ('massacr*',); 'croix gammee' -> ('croix', 'gammee'); '*fuck*' kept as it is."""
    out: list[str] = []
    for piece in term.split():
        head, tail = piece.startswith("*"), piece.endswith("*")
        words = normalise(piece.strip("*"))
        if not words:
            raise ValueError(f"{TERMS_PATH.name}: term {term!r} has an empty word.")
        words[0] = ("*" if head else "") + words[0]
        words[-1] = words[-1] + ("*" if tail else "")
        out.extend(words)
    return tuple(out)


@functools.cache
def _load() -> tuple[dict[str, list[_Term]], list[tuple[str, ...]], dict[str, str]]:
    """Terms per prompt language, harmless phrases, and each category's message key.

    Terms under `both` are checked whatever the language; terms under `fr` or `en` are words
    that are harmless in the other language ("bite", "con") and are checked only in theirs.
    """
    with open(TERMS_PATH, "rb") as fh:
        data = tomllib.load(fh)
    by_lang: dict[str, list[_Term]] = {"fr": [], "en": []}
    messages: dict[str, str] = {}
    for category, table in data["categories"].items():
        messages[category] = table["message"]
        for key, targets in (("both", ("fr", "en")), ("fr", ("fr",)), ("en", ("en",))):
            for term in table.get(key, []):
                for target in targets:
                    by_lang[target].append(_Term(_term_words(term), category))
    harmless = [tuple(normalise(p)) for p in data["harmless"]["phrases"]]
    return by_lang, harmless, messages


def _remove_harmless(words: list[str], harmless: list[tuple[str, ...]]) -> list[str]:
    out = list(words)
    for phrase in harmless:
        n = len(phrase)
        i = 0
        while i + n <= len(out):
            if tuple(out[i:i + n]) == phrase:
                out[i:i + n] = ["|"]  # a barrier, so the words around it do not join into a phrase
            else:
                i += 1
    return out


def _word_matches(pattern: str, word: str) -> bool:
    head, tail = pattern.startswith("*"), pattern.endswith("*")
    core = pattern.strip("*")
    if head and tail:
        return core in word
    if tail:
        return word.startswith(core)
    if head:
        return word.endswith(core)
    return word == core


def _forms(word: str) -> tuple[str, ...]:
    """The ways a written word may be read: as written, emphasis removed, masked vowels filled in."""
    forms = [word, _calm(word, 1), _calm(word, 2)]
    if "*" in word:
        forms = [f.replace("*", fill) for f in forms for fill in _MASK_FILL]
    return tuple(dict.fromkeys(forms))


def _find(words: list[str], terms: list[_Term]) -> _Term | None:
    forms = [_forms(w) for w in words]
    for i in range(len(words)):
        for term in terms:
            n = len(term.words)
            if i + n <= len(words) and all(any(_word_matches(p, f) for f in fs)
                                           for p, fs in zip(term.words, forms[i:i + n])):
                return term
    return None


def check_prompt(text: str, language: str = "fr", *, store=None, workshop_id: int | None = None) -> PromptCheck:
    """Is this prompt fine for a children's workshop? When `store` is given, a block is counted."""
    terms, harmless, messages = _load()
    words = _remove_harmless(normalise(text or ""), harmless)
    found = _find(words, terms[language if language in terms else "fr"])
    if found is None:
        return PromptCheck(False)
    if store is not None:
        store.log_event("prompt_blocked", workshop_id, found.category)
    return PromptCheck(True, messages[found.category], found.category, " ".join(found.words))


def screen(*texts: str, language: str = "fr", store=None, workshop_id: int | None = None,
           empty_key: str = "", blocked_key: str = "", **params) -> None:
    """Refuse what a child may not send to a model, with a kind sentence; returns None when all is fine.

    The one screening every workshop uses (pictures, comic panels, quiz items, story pages, names).
    Raises UserError `empty_key` (with `params`) when it is given and the first text is blank; for a
    blocked word, UserError `blocked_key` with `params` and ``message`` = the filter's own sentence,
    or without `blocked_key` the filter's own key (safety.prompt.<category>). Empty texts after the
    first are skipped. With `store`, each refusal is counted for the facilitator's console.
    """
    from ..i18n import UserError

    if empty_key and not (texts and str(texts[0] or "").strip()):
        raise UserError(empty_key, **params)
    for text in texts:
        if not text:
            continue
        verdict = check_prompt(text, language, store=store, workshop_id=workshop_id)
        if verdict.blocked:
            if blocked_key:
                raise UserError(blocked_key, message=verdict.message(language), **params)
            raise UserError(verdict.message_key)


def check_text_length(text: str) -> None:
    """Refuse prompts too long for the model (its text encoder reads about 75 words)."""
    from ..i18n import UserError

    if len(text) > MAX_PROMPT_CHARS:
        raise UserError("safety.prompt.too_long", length=len(text), limit=MAX_PROMPT_CHARS)
