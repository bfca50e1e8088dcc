"""Text files people write by hand (PAGE.toml, SPEC.toml, catalog.toml, atelier.toml), read as they are saved.

Windows Notepad writes UTF-8 with a byte-order mark (EF BB BF), which tomllib refuses at line 1, column 1;
"Unicode" in its menu is UTF-16 with a mark (FF FE or FE FF); older editors save "ANSI", which is Windows-1252 in
France. `read_text` takes all of these: UTF-8 first (with or without its mark), UTF-16 when it starts with its mark,
else Windows-1252 (a superset of Latin-1 for the printable range), so « é » typed in any of them stays « é ».
"""
from __future__ import annotations

import codecs
import tomllib
from pathlib import Path


def decode_text(data: bytes) -> str:
    """`data` as text: UTF-16 with its byte-order mark, else UTF-8 (a leading mark dropped), else Windows-1252.
    Bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_text(path: str | Path) -> str:
    """The text of the file at `path` (decode_text). OSError as open() raises it."""
    return decode_text(Path(path).read_bytes())


def named_file(path: str | Path) -> Path:
    """The file a person named, found by its name as typed: `path` itself when it exists, else the file whose
    name equals it after NFC, folder by folder. A file copied from a Mac keeps its decomposed accents
    (« e » + U+0301), which Linux keeps apart from the « é » a PAGE.toml or a command line types; the name was said
    not to exist. `path` unchanged when no such file is there (the caller says so)."""
    import unicodedata

    path = Path(path)
    if path.exists():
        return path
    found = Path(path.anchor) if path.is_absolute() else Path()
    for part in path.parts[1:] if path.is_absolute() else path.parts:
        exact = found / part
        if exact.exists() or part in (".", ".."):
            found = exact
            continue
        wanted = unicodedata.normalize("NFC", part)
        try:
            found = next(child for child in found.iterdir() if unicodedata.normalize("NFC", child.name) == wanted)
        except (StopIteration, OSError):
            return path
    return found


def load_toml(path: str | Path) -> dict:
    """A TOML file as saved by any editor (read_text); tomllib.TOMLDecodeError for a syntax error."""
    return tomllib.loads(read_text(path))
