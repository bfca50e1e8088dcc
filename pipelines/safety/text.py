"""Names and short texts typed by people: refuse invisible control and direction characters.

A name is printed on certificates and shown to a room; a right-to-left override (U+202E) or
other invisible format character would reverse or hide letters there. Refused (Unicode general
categories, per the Unicode Character Database): Cc controls (tab, newline, ...), Cf format
characters (bidi embeddings/overrides/isolates U+202A-U+202E and U+2066-U+2069, marks U+200E,
U+200F, U+061C, zero-width space U+200B, BOM U+FEFF...) except the zero-width joiner and non-joiner
(U+200D: emoji sequences; U+200C: Persian and Indic names), Zl/Zp line/paragraph separators,
Co private use, Cs surrogates and Cn unassigned code points.
"""
from __future__ import annotations

import unicodedata

from ..i18n import UserError

ALLOWED_FORMAT = {"\u200c", "\u200d"}
REFUSED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}


def hidden_characters(text: str) -> list[str]:
    """The refused characters found in `text`, as 'U+202E' strings (empty when the text is fine)."""
    return [f"U+{ord(c):04X}" for c in text
            if unicodedata.category(c) in REFUSED_CATEGORIES and c not in ALLOWED_FORMAT]


def check_name(text: str) -> str:
    """`text` unchanged when it has no hidden characters; UserError('errors.name_hidden_chars') otherwise."""
    found = hidden_characters(text)
    if found:
        raise UserError("errors.name_hidden_chars", chars=", ".join(dict.fromkeys(found)))
    return text
