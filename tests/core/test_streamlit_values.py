"""Streamlit's words around a value (ui/words.py VALUES): each pattern reads a text the installed frontend really
writes, and says it in French with French units; English is left to Streamlit."""
from __future__ import annotations

import re
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def frontend() -> str:
    import streamlit

    folder = Path(streamlit.__file__).parent / "static" / "static" / "js"
    return "\n".join(p.read_text(encoding="utf-8", errors="ignore") for p in folder.glob("*.js"))


# what the frontend's template gives for a value (static/js), and what a French page must say
SAMPLES = {
    "Remove ${": ("Remove photo.png", "Retirer photo.png"),
    "Cancel upload of ${": ("Cancel upload of photo.png", "Arrêter l'envoi de photo.png"),
    "`${e.name}, ${x}`": ("photo.png, 12.3KB", "photo.png, 12,3\u00a0ko"),
    "$(e.size,ot.Byte)": ("140.0B", "140,0\u00a0o"),
    "} per file`": ("25MB per file", "25\u00a0Mo au plus par fichier"),
    "`File must be ${": ("File must be 1.0GB or smaller.",
                         "Le fichier doit faire 1,0\u00a0Go au plus\u00a0: enregistre-le en JPEG, il sera plus léger."),
    "} files are not allowed.`": ("image/bmp files are not allowed.", "Les fichiers image/bmp ne sont pas acceptés."),
    "label:`Fullscreen`": ("Fullscreen: La photo", "Plein écran : La photo"),
}


def _french(english: str, values: list[list], sizes: dict, names: dict, chip: bool = True) -> str | None:
    """What the page script does with `english` (ui/words.py __atelierValue), in Python."""
    for source, text, kinds, scope in values:
        found = re.match(source, english)
        if not found or (scope and not chip):
            continue
        parts = {}
        for kind, value in zip(kinds, found.groups()):
            if kind == "size":
                number, unit = re.fullmatch(r"([0-9.]+)([KMG]?B)", value).groups()
                parts["size"] = number.replace(".", sizes["decimal"]) + "\u00a0" + sizes[unit]
            elif kind == "word":
                if not names.get(value):
                    break
                parts["word"] = names[value]
            else:
                parts["name"] = value
        else:
            return re.sub(r"\{(name|size|word)\}", lambda m: parts[m[1]], text)
    return None


def test_each_value_pattern_reads_what_streamlit_writes_and_says_it_in_french(frontend):
    from ui.words import EXACT, NAMES, size_words, streamlit_values, streamlit_words

    values, sizes = streamlit_values("fr"), size_words("fr")
    names = streamlit_words("fr", NAMES) | streamlit_words("fr", EXACT)
    for template, (english, french) in SAMPLES.items():
        assert template in frontend, f"Streamlit no longer writes {template!r}: update ui/words.py VALUES"
        assert _french(english, values, sizes, names) == french
    assert _french("140.0B", values, sizes, names, chip=False) is None  # a bare size only in a file's chip
    assert _french("Atelier: BD", values, sizes, names) is None  # "word: name" only for Streamlit's own words
    assert streamlit_values("en") == []
