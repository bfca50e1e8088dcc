"""French typography for everything printed (comic lettering, story books): a no-break space before
! ? : ; and inside « », so that line breaking (which only breaks at ordinary spaces) never leaves a
mark alone at the start of a line. Source: Lexique des règles typographiques en usage à l'Imprimerie nationale."""
from __future__ import annotations

import re

NBSP = "\u00a0"  # the comic and readable fonts have no narrow no-break space (U+202F), so the plain one is used

# A run of double punctuation ("?!", "!!!") gets one space, before its first mark.
# A mark typed alone on the next line (Entrée pressed before « ! » or « » ») goes back to the word it follows: the
# line break before it is one of the spaces the no-break space replaces.
_BEFORE_DOUBLE = re.compile(r"[ \u00a0\u202f\n]*([!?:;]+)")
_OPEN_QUOTE = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE_QUOTE = re.compile(r"(?<=\S)[ \u00a0\u202f\n]*»|[ \u00a0\u202f]*»")
_URL = re.compile(r"\w+://\S+")


def french_spacing(text: str) -> str:
    """Put a non-breaking space before ! ? : ; and inside « » (French rules), once per mark run, and a space after
    a run typed against the next word ("Oui:non" -> "Oui : non"); a colon between digits ("12:30") and a web
    address are left as they are."""
    parts = []
    last = 0
    for match in _URL.finditer(text):  # a web address keeps its colon as it is
        parts.append(_space_plain(text[last:match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_space_plain(text[last:]))
    return "".join(parts)


# A mark typed right against the next word ("Oui:non", "Il pleut!Vite", "«Vite!»dit-il") gets the space French puts
# after it; a colon between two digits is a time, a score or a ratio ("12:30", "3:0"): no space on either side.
_AFTER_MARKS = re.compile(r"([!?:;»]+)(?=[^\W\d_])")


def _space_plain(text: str) -> str:
    def before(match: re.Match) -> str:
        start = match.start()
        if not text[:start].strip():
            return match.group(1)  # a text that starts with "!" has no word to keep it with
        if match.group(0) == ":" and text[start - 1].isdigit() and text[match.end():match.end() + 1].isdigit():
            return ":"  # 12:30
        return NBSP + match.group(1)

    text = _BEFORE_DOUBLE.sub(before, text)
    text = _AFTER_MARKS.sub(r"\1 ", text)
    text = _OPEN_QUOTE.sub("«" + NBSP, text)
    return _CLOSE_QUOTE.sub(NBSP + "»", text)


def english_spacing(text: str) -> str:
    """English sets ! ? : ; right after the word: remove spaces typed before them."""
    return re.sub(r"[ \u00a0\u202f]+([!?:;])", r"\1", text)


def letter_text(text: str, language: str) -> str:
    """The text as it is lettered: spaces tidied, typography of the page's language."""
    text = "\n".join(re.sub(r"[ \t]+", " ", line).strip(" ") for line in text.strip().splitlines())
    return french_spacing(text) if language == "fr" else english_spacing(text)
