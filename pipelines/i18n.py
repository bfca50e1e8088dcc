"""Translations: every visible string is a key in assets/locales/<lang>/*.toml."""
from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from .config import ASSETS

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
LOCALES = ASSETS / "locales"


def _flatten(prefix: str, table: dict, out: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(name, value, out)
        else:
            out[name] = value


@functools.cache
def catalogue(language: str) -> dict[str, str]:
    """All strings of one language, keyed by dotted path. Files only group them (one per area);
    a key defined in two files is an error."""
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}; valid ones are {list(LANGUAGES)}.")
    strings: dict[str, str] = {}
    for path in sorted(Path(LOCALES / language).glob("*.toml")):
        with open(path, "rb") as fh:
            found: dict[str, str] = {}
            _flatten("", tomllib.load(fh), found)
        twice = set(found) & set(strings)
        if twice:
            raise ValueError(f"{path}: keys already defined in another file: {sorted(twice)}")
        strings.update(found)
    return strings


def translate(key: str, language: str = DEFAULT_LANGUAGE, **params) -> str:
    """The text of `key` in `language`, formatted with `params`; a missing key shows as [key]."""
    text = catalogue(language).get(key)
    if text is None:
        text = catalogue(DEFAULT_LANGUAGE).get(key)
    if text is None:
        return f"[{key}]"
    if isinstance(text, list):
        return text  # lists (e.g. choices) are returned as they are
    return text.format(**params) if params else text


class UserError(Exception):
    """A problem the user can fix, told in their language: a locale key and its parameters."""

    def __init__(self, key: str, **params):
        self.key = key
        self.params = params
        super().__init__(translate(key, "en", **params))

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        return translate(self.key, language, **self.params)
