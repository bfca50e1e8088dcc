"""Names and short texts typed by people: refuse invisible control and direction characters.

A name is printed on certificates and shown to a room; a right-to-left override (U+202E) or
other invisible format character would reverse or hide letters there. Refused (Unicode general
categories, per the Unicode Character Database): Cc controls (tab, newline, ...), Cf format
characters (bidi embeddings/overrides/isolates U+202A-U+202E and U+2066-U+2069, marks U+200E,
U+200F, U+061C, zero-width space U+200B, BOM U+FEFF...) except the zero-width joiner and non-joiner
(U+200D: emoji sequences; U+200C: Persian and Indic names), Zl/Zp line/paragraph separators,
Co private use, Cs surrogates and Cn unassigned code points.

Every word typed or read from a file for printing also passes `clean_text` / `check_printable`:
`clean_text` normalises to NFC (text typed on a Mac arrives decomposed: E + U+0301) and removes
control characters (NUL, vertical tab, bidi overrides and isolates, zero-width marks); line
breaks are kept where a field allows them. `check_printable` refuses, with one sentence, what
the printed page cannot draw: letters no bundled font has, scripts that need shaping or
right-to-left layout (Arabic, Hebrew, Indic scripts...) and emoji the pictographs' face lacks. Sources: Unicode Standard
Annex #15 (normalisation), #9 (bidi classes), #51 (emoji).
"""
from __future__ import annotations

import re
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

# Format characters that change how text is laid out without being seen: bidi embeddings,
# overrides and isolates, marks, zero-width joiners and spaces, the BOM, soft hyphen, interlinear marks, and the
# text/emoji variation selectors (♥ stays a printable heart), and the five skin tones that follow an emoji (U+1F3FB
# to U+1F3FF, Unicode TR #51): prints are in black, and the emoji faces draw a tone alone as a grey swatch, which
# printed « 👍🏽 » as a thumb beside a box; the thumb is printed.
_INVISIBLE = {0x061C, 0xFE0E, 0xFE0F, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD,
              *range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xFFF9, 0xFFFC), *range(0x1F3FB, 0x1F400)}
# Scripts our PDF engine cannot lay out correctly (they need shaping or right-to-left ordering).
_NEEDS_SHAPING = ("ARABIC", "HEBREW", "SYRIAC", "THAANA", "NKO", "DEVANAGARI", "BENGALI", "GURMUKHI",
                  "GUJARATI", "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "THAI", "LAO",
                  "TIBETAN", "MYANMAR", "KHMER", "MONGOLIAN")


# Spaces other than the no-break ones of French typography (U+00A0, U+202F, and U+2007 between digits): the thin,
# en, em, hair and ideographic spaces a word processor or a phone's keyboard in another script writes are a plain
# space, where a line may break and before ! ? : ; the no-break one is put. Kept, U+2009 before « ! » left a place to
# break before the mark and U+3000 was refused as a letter no face has (Unicode category Zs).
_BREAKING_SPACES = {chr(c) for c in (0x1680, *range(0x2000, 0x2007), *range(0x2008, 0x200B), 0x205F, 0x3000)}


def clean_text(text, *, multiline: bool = False) -> str:
    """`text` in NFC with control and invisible layout characters removed.

    Tabs and the other breaking spaces (_BREAKING_SPACES) become spaces, full-width Latin (U+FF01-FF5E) its
    plain letters; CR LF, CR, U+2028/2029 become "\\n" when `multiline`, a space otherwise;
    vertical tab, form feed, NUL and the other C0/C1 controls are removed, as are the bidi
    overrides/isolates (U+202A-202E, U+2066-2069) that could reorder a name on a certificate.
    """
    text = unicodedata.normalize("NFC", str(text or ""))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    out = []
    for char in text:
        if char == "\n":
            out.append("\n" if multiline else " ")
        elif char == "\t" or char in _BREAKING_SPACES:
            out.append(" ")
        elif char == "\u2007":  # figure space: a no-break space between digits (« 10 000 »)
            out.append("\u00a0")
        elif "\uff01" <= char <= "\uff5e":  # full-width Latin letters, digits and signs (a Japanese or Chinese
            out.append(unicodedata.normalize("NFKC", char))  # keyboard's mode): « Ａｙａ » is « Aya », which prints
        elif unicodedata.category(char) == "Cc" or ord(char) in _INVISIBLE:
            continue
        else:
            out.append(char)
    return "".join(out)


def _is_emoji(char: str) -> bool:
    point = ord(char)
    # pictographs, emoticons, transport, flags (regional indicators), skin tones, the keycap mark
    return 0x1F000 <= point <= 0x1FAFF or point == 0x20E3


def needs_shaping(char: str) -> bool:
    """True for a character of a script the prints cannot lay out yet: right-to-left (Unicode bidirectional classes
    R, AL, AN) or one whose Unicode name starts with a script of _NEEDS_SHAPING (its letters join or reorder)."""
    if unicodedata.bidirectional(char) in ("R", "AL", "AN"):
        return True
    name = unicodedata.name(char, "")
    return name.startswith(_NEEDS_SHAPING)


def unprintable(text: str, chain: list) -> tuple[str, list[str]]:
    """("", []) when every character of `text` can be printed with the font `chain`
    ((name, file) faces, see pipelines.export.fonts.faces); else the reason key and the characters."""
    from ..export.fonts import missing

    emoji = sorted(c for c in set(missing(text, chain)) if _is_emoji(c))
    if emoji:  # the pictographs' and emoji faces (fonts.PICTOGRAPHS, fonts.EMOJI) draw most; another is named
        return "text.emoji", emoji
    shaping = sorted({c for c in text if needs_shaping(c)})
    if shaping:
        return "text.needs_shaping", shaping
    absent = missing(text, chain)
    return ("text.no_glyph", absent) if absent else ("", [])


WRITE_BY_HAND = "." * 40  # a dotted line for a pen, printed where a name's letters cannot be (printable_name "")


def printable_name(name: str, chain: list | None = None) -> tuple[str, list[str]]:
    """A person's name as a print can set it, and the characters left out, each once, in the order they come in
    the name: ("Léo", ["🦖"]) for « Léo 🦖 », ("Zoé", ["🦄", "✨"]) for « 🦄Zoé✨ ».

    Signs that are not letters (emoji, pictographs, symbols) the fonts `chain` (default: the readable family,
    then DejaVu Sans) cannot draw are left out, with the invisible marks that dress them (variation selectors,
    joiners, skin tones); spaces are tidied. When what remains holds no letter, or holds letters the fonts
    cannot set (a script that needs shaping, such as Arabic, or one the fonts lack), the name is ("", chars):
    printing part of the letters would print another name.
    """
    from ..export.fonts import faces

    chain = chain if chain is not None else faces("readable")
    text, left_out = " ".join(clean_text(name).split()), set()
    source = text

    def in_order(chars) -> list[str]:
        return [c for c in dict.fromkeys(source) if c in set(chars)]

    for _ in range(3):  # emoji first (unprintable names them alone), then the other signs the fonts lack
        key, chars = unprintable(text, chain)
        if not key:
            break
        if any(c.isalpha() for c in chars):
            return "", in_order(chars)
        left_out.update(chars)
        text = " ".join("".join(c for c in text if c not in left_out).split())
    if not any(c.isalpha() for c in text):
        return "", in_order(left_out)
    return text, in_order(left_out)


def check_printable(text: str, chain: list | None = None, *, field: str = "") -> str:
    """`text` unchanged when it can be printed, else UserError naming the characters (and the field).

    `chain` defaults to the studio's printed faces (the readable family, then DejaVu Sans).
    """
    from ..export.fonts import faces

    chain = chain if chain is not None else faces("readable")
    key, chars = unprintable(text, chain)
    if key:
        shown = " ".join(chars[:6])
        raise UserError(key, chars=shown, **field_words(field))
    return text


NAMED_FIELDS = ("title", "message", "hero_name", "authors")


def field_words(field: str) -> dict:
    """The `{field}` of a print refusal as people say it, for `translate`: "title" -> « dans le titre »,
    "page 3" -> « la page 3 », "2.1" (panel.bubble) -> « la bulle 1 de la case 2 », anything else quoted."""
    if field in NAMED_FIELDS:
        return {"field_key": f"text.fields.{field}"}
    if page := re.fullmatch(r"page (\d+)", field):
        return {"field_key": "text.fields.page", "field_params": {"n": int(page[1])}}
    if bubble := re.fullmatch(r"(\d+)\.(\d+)", field):
        return {"field_key": "text.fields.bubble", "field_params": {"panel": int(bubble[1]), "bubble": int(bubble[2])}}
    return {"field_key": "text.fields.other" if field else "text.fields.none", "field_params": {"name": field}}


def check_words(text: str, *, field: str = "", names=None, store=None, workshop_id: int | None = None,
                participant_id: int | None = None) -> str:
    """`text` unchanged when the CPU words guard (pipelines.safety.prompts.check_prompt, both languages,
    model off: typed text is checked at once) lets it through; else UserError 'text.words_blocked':
    the guard's kind sentence for its category, naming the field (« Dans la bulle 1 de la case 2 : … »),
    never the refused word. `names` (or the roster of `workshop_id` read from `store`) refuses mockery
    aimed at a participant; with `store` the refusal is counted for the facilitator's console (as
    `participant_id`'s, when known)."""
    from .prompts import check_prompt

    if not str(text or "").strip():
        return text
    verdict = check_prompt(text, store=store, workshop_id=workshop_id, names=names, model=False,
                           participant_id=participant_id)
    if verdict.blocked:
        raise UserError("text.words_blocked", message_key=verdict.message_key, **field_words(field))
    return text


def clean_printable(text, *, multiline: bool = False, chain: list | None = None, field: str = "") -> str:
    """`clean_text` then `check_printable`: the one door for words that will be printed."""
    return check_printable(clean_text(text, multiline=multiline), chain, field=field)
