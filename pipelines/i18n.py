"""Translations: every visible string is a key in assets/locales/<lang>/*.toml."""
from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

from .config import ASSETS

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
LOCALES = ASSETS / "locales"


PLURAL_FORMS = ("one", "other")
# French elision before a value that starts with a vowel sound: « Une histoire de {author} » with « Inès » reads
# « Une histoire d'Inès », « l'accord de {name} » « l'accord d'Adam » (h muet taken as the rule for names:
# « d'Hugo »; a y before a vowel is a consonant: « de Yanis », « d'Yves »).
_ELIDED_BEFORE = re.compile(r"\b([Dd]e|[Qq]ue) \{(\w+)\}")
_VOWEL_SOUNDS = set("aeiouyhâàäéèêëîïôöûùüœæAEIOUYHÂÀÄÉÈÊËÎÏÔÖÛÙÜŒÆ")


def is_plural(value) -> bool:
    """True for a string told in plural forms: a table `{ one = "…", other = "…" }` ("other" required)."""
    return isinstance(value, dict) and "other" in value and set(value) <= set(PLURAL_FORMS) \
        and all(isinstance(v, str) for v in value.values())


def plural_form(n: float, language: str = DEFAULT_LANGUAGE) -> str:
    """The plural form ("one" or "other") a count `n` takes, after the CLDR cardinal rules: French says 0 and
    1 (any value below 2) in the singular (« 0 réponse », « 1 question »), English only 1 ("0 answers")."""
    if language == "fr":
        return "one" if abs(n) < 2 else "other"
    return "one" if n == 1 else "other"


def _flatten(prefix: str, table: dict, out: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and not is_plural(value):
            _flatten(name, value, out)
        else:
            out[name] = value  # a plural table stays whole, under its own key


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
    """The text of `key` in `language`, formatted with `params`; a missing key shows as [key].

    A parameter `<name>_key` holds a nested locale key: it is translated first (with `<name>_params` when
    given, else the other parameters) and fills `{<name>}`, e.g. a refusal's reason inside a pack problem,
    or the name of a field ("title" -> « titre ») inside a print refusal.

    A key written in plural forms (`answers = { one = "{n} réponse sur {total}", other = "{n} réponses sur
    {total}" }`) takes the form `plural_form` gives for the parameter `n` (else `count`), so no « réponse(s) »
    is shown; without either parameter it takes "other".
    """
    nested = [name[:-4] for name, value in params.items() if name.endswith("_key") and isinstance(value, str)]
    if nested:
        params = dict(params)
        for name in nested:
            inner_key, inner = params.pop(f"{name}_key"), params.pop(f"{name}_params", None)
            params[name] = translate(inner_key, language, **(inner if inner is not None else params))
    text = catalogue(language).get(key)
    if text is None:
        text = catalogue(DEFAULT_LANGUAGE).get(key)
    if text is None:
        return f"[{key}]"
    if isinstance(text, list):
        return text  # lists (e.g. choices) are returned as they are
    if is_plural(text):
        count = params.get("n", params.get("count"))
        text = text.get(plural_form(float(count), language) if count is not None else "other", text["other"])
    if language == "fr" and params:
        text = _elided(text, params)
    return text.format(**params) if params else text


def _elided(template: str, params: dict) -> str:
    """`template` with « de {x} » / « que {x} » elided (« d'{x} », « qu'{x} ») where the text of x starts with a
    vowel sound; numbers and other signs leave it as written. The apostrophe is the template's own kind."""
    apostrophe = "’" if "’" in template else "'"

    def fix(match: re.Match) -> str:
        value = str(params.get(match.group(2), ""))
        if value[:1] not in _VOWEL_SOUNDS or not (value[1:2].isalpha() or value[1:2] in ("", " ", "-")):
            return match.group(0)
        if value[:1] in "yY" and value[1:2] in _VOWEL_SOUNDS:  # a y before a vowel is a consonant: « de Yanis »
            return match.group(0)
        return f"{match.group(1)[:-1]}{apostrophe}{{{match.group(2)}}}"

    return _ELIDED_BEFORE.sub(fix, template)


MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def long_date(day, language: str = DEFAULT_LANGUAGE) -> str:
    """A date as people write it: "1er novembre 2026", "29 novembre 2026"; "29 November 2026".

    `day` is a `datetime.date` (or datetime) or an ISO string "YYYY-MM-DD..."; French uses "1er" for the
    first of the month (Imprimerie nationale, *Lexique des règles typographiques*).
    """
    import datetime as _dt

    if isinstance(day, str):
        day = _dt.date.fromisoformat(day[:10])
    language = language if language in MONTHS else DEFAULT_LANGUAGE
    number = "1er" if language == "fr" and day.day == 1 else str(day.day)
    return f"{number} {MONTHS[language][day.month - 1]} {day.year}"


def ordinal(n: int, language: str = DEFAULT_LANGUAGE, feminine: bool = False) -> str:
    """A rank written short: French "1er"/"1re", "2e", "10e" (no "ème", no "ᵉ" after 1); English "1st", "2nd",
    "3rd", "11th", "22nd".

    Raises ValueError for n < 1.
    """
    n = int(n)
    if n < 1:
        raise ValueError(f"a rank starts at 1 but is {n}.")
    if language == "fr":
        return f"{n}{'re' if feminine else 'er'}" if n == 1 else f"{n}e"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class UserError(Exception):
    """A problem the user can fix, told in their language: a locale key and its parameters."""

    def __init__(self, key: str, **params):
        self.key = key
        self.params = params
        super().__init__(translate(key, "en", **params))

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        return translate(self.key, language, **self.params)


def decimal_text(value: float, digits: int = 1, language: str = DEFAULT_LANGUAGE) -> str:
    """A number with `digits` decimals and the language's decimal sign (`streamlit_values.decimal`): French
    "0,0", "12,5"; English "0.0", "12.5" (no thousands separator)."""
    return f"{float(value):.{int(digits)}f}".replace(".", translate("streamlit_values.decimal", language))
