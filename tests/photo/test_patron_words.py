"""The old photos page speaks to the patron as « tu », as all its other sentences do: one note said « Essayez »."""
import re


def _texts(value):
    return [v for v in (value.values() if isinstance(value, dict) else [value]) if isinstance(v, str)]


def test_photo_and_upload_sentences_say_tu(atelier_env):
    from pipelines.i18n import catalogue

    formal = re.compile(r"\b(vous|votre|vos)\b|(^|[.:!?…]\s+)[A-ZÉÈ][a-zéèêàç]+ez\b", re.IGNORECASE)
    # a key ending in « _formal » is the same sentence said to the facilitator, on their pages (error_text(formal=True))
    bad = [f"{key}: {text}" for key, value in catalogue("fr").items() if key.startswith(("photo.", "uploads."))
           and not key.endswith("_formal") for text in _texts(value) if formal.search(text)]
    assert not bad, "\n".join(bad)
