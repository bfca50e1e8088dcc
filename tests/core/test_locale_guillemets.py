"""French guillemets hold their words with no-break spaces (« mot »): a line never breaks right after an opening
« or right before a closing », in any French string the studio shows or prints."""
import re
import tomllib
from pathlib import Path

LOCALES = Path(__file__).resolve().parents[2] / "assets" / "locales" / "fr"
NO_BREAK = "\u00a0\u202f"  # no-break space, narrow no-break space


def _strings(table: dict, prefix: str = ""):
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            yield from _strings(value, name)
        elif isinstance(value, str):
            yield name, value


def test_every_french_guillemet_holds_its_words_with_a_no_break_space():
    bad = []
    files = sorted(LOCALES.glob("*.toml"))
    assert len(files) > 10
    for path in files:
        for key, text in _strings(tomllib.loads(path.read_text(encoding="utf-8"))):
            if re.search(f"«(?![{NO_BREAK}])", text) or re.search(f"(?<![{NO_BREAK}])»", text):
                bad.append(f"{path.name} {key}: {text}")
    assert not bad, "\n".join(bad[:20])


def test_the_shown_text_keeps_them(atelier_env):
    from pipelines.i18n import translate

    text = translate("photo.ui.damage_check", "fr")
    assert "«\u00a0✏️" in text and "pinceau\u00a0»" in text


def test_english_strings_quote_in_english():
    """English text quotes with “ ” (three photo strings showed « Enlarge » on the English page)."""
    bad = []
    for path in sorted((LOCALES.parent / "en").glob("*.toml")):
        for key, text in _strings(tomllib.loads(path.read_text(encoding="utf-8"))):
            if "«" in text or "»" in text:
                bad.append(f"{path.name} {key}: {text}")
    assert not bad, "\n".join(bad[:20])
