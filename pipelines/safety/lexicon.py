"""Ordinary French and English words, so that the prompt guard reads a misspelt word as a typo only when it
is no real word ("sucider", "naket", "cigarretes" are typos; "stone", "sain", "pente" are words).

Source: the word-frequency lists shipped with pyspellchecker (MIT licence; built from OpenSubtitles, words
seen at least 50 times), French and English, read once (about 0.5 s, 300 000 words) and kept as plain
lower-case ascii words of 4 letters or more (accents removed as in normalise.plain). Swear words are absent
from these lists, which suits the guard: they are in its own vocabulary. Without the package the set is
empty and the guard falls back to its own vocabulary alone. `preload()` (called when the guard is imported)
reads them in a background thread.
"""
from __future__ import annotations

import gzip
import json
import threading

from .normalise import plain

LANGUAGES = ("fr", "en")
MIN_LETTERS = 4


_LOCK = threading.Lock()
_WORDS: list[frozenset[str]] = []  # filled once


def known_words() -> frozenset[str]:
    """Plain words of French and English (4 letters or more); empty when pyspellchecker is not installed.
    Read once per process (a second caller waits for the first reading instead of repeating it)."""
    if not _WORDS:
        with _LOCK:
            if not _WORDS:
                _WORDS.append(_read())
    return _WORDS[0]


def _read() -> frozenset[str]:
    try:
        from importlib.resources import files

        base = files("spellchecker") / "resources"
    except (ImportError, ModuleNotFoundError):
        return frozenset()
    words: set[str] = set()
    for language in LANGUAGES:
        try:
            data = json.loads(gzip.decompress((base / f"{language}.json.gz").read_bytes()))
        except (FileNotFoundError, OSError, ValueError):
            continue
        words.update(p for p in (plain(w) for w in data) if len(p) >= MIN_LETTERS and p.isalpha())
    return frozenset(words)


def preload() -> None:
    """Read the word lists in a background thread, so that the first child's prompt does not wait for them."""
    threading.Thread(target=known_words, name="lexicon-preload", daemon=True).start()
