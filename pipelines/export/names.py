"""File names for downloads: what the file is, whose it is and the day, safe on every system.

`download_name("portrait", "Zoé", "Pop art", day=date(2026, 11, 29), ext=".pdf")` gives
"portrait-zoe-pop-art-2026-11-29.pdf". Each part becomes a "slug": lower case, words joined by "-",
accents removed (é -> e, ç -> c, œ -> oe; Unicode NFKD decomposition), so the name is plain ASCII
and survives old browsers, e-mail, USB sticks formatted FAT32 and Windows Explorer alike. A part
written in a script with no Latin letters (قمر, 月) keeps its own letters instead of vanishing
(modern browsers receive it through RFC 6266 / RFC 5987 `filename*`). Characters that a file system
refuses (/ \\ : * ? " < > |) and control characters never appear; each part is cut at `PART_LIMIT`.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

PART_LIMIT = 40  # characters per part: "portrait-jean-baptiste-..." stays readable in a download bar
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O",
                            "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "’": "-", "'": "-"})


def slug(text: str, limit: int = PART_LIMIT) -> str:
    """`text` as one part of a file name: "Jean-Baptiste Léa" -> "jean-baptiste-lea"; "" when nothing is left."""
    text = unicodedata.normalize("NFKC", str(text or "")).translate(_LIGATURES)
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    part = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    if not part:  # no Latin letters at all: keep the word's own letters (never a file system's special ones)
        part = re.sub(r"[\W_]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return part[:limit].strip("-")


def download_name(kind: str, *parts: str, day: date | datetime | str | None = None, ext: str = "") -> str:
    """"<kind>-<parts...>-<YYYY-MM-DD><ext>": empty and repeated parts are left out, and so is a part a later one
    begins with; the day defaults to today.

    `ext` is the file's extension (".pdf"; the dot is added when missing). The date is ISO 8601, so that
    the files of a workshop sort by day.
    """
    if day is None:
        day = date.today()
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    words: list[str] = []
    for part in (kind, *parts):
        word = slug(part)
        if word and word not in words:
            words.append(word)
    # a part the next one begins with is said by it (Léa's book « Léa-Maëlys et la tempête »: "livre-lea-maelys-…",
    # not "livre-lea-lea-maelys-…")
    words = [w for i, w in enumerate(words) if not any(later.startswith(w + "-") for later in words[i + 1:])]
    words.append(day.strftime("%Y-%m-%d"))
    ext = ext if not ext or ext.startswith(".") else "." + ext
    return "-".join(words) + ext.lower()
