"""English "a" or "an", decided once: by the sound the next word starts with, not its first letter.

Used by the story writer (``a_hero`` in the templates) and the picture glossary (French prompts
put into English for the text encoder).
"""
from __future__ import annotations

import re

# A vowel letter that sounds like a consonant: "a unicorn", "a useful...", "a ukulele", "a utensil",
# "a uranium...", "a European", "a one-eyed..." (but "an umbrella", "an urn", "an ice cream").
_CONSONANT_SOUND = re.compile(r"(?:u(?:ni|s|t|k|r[aeiouy])|eu|ewe|one\b|once\b)", re.IGNORECASE)
# A consonant letter that is silent: "an hour", "an honest...".
_VOWEL_SOUND = re.compile(r"(?:hour|honest|honou?r|heir)", re.IGNORECASE)


def article(phrase: str) -> str:
    """'a' or 'an' before an English word or noun phrase (the next word's first sound decides)."""
    word = phrase.strip()
    if _VOWEL_SOUND.match(word):
        return "an"
    if word[:1].lower() in "aeiou" and not _CONSONANT_SOUND.match(word):
        return "an"
    return "a"


def with_article(phrase: str) -> str:
    """'an owl', 'a unicorn'."""
    return f"{article(phrase)} {phrase}"


def fix_articles(sentence: str) -> str:
    """Every stand-alone 'a' / 'an' in a sentence made to agree with the word after it (case kept)."""
    def agree(match: re.Match) -> str:
        wanted = article(match.group(2))
        return (wanted.capitalize() if match.group(1)[0].isupper() else wanted) + " "

    return re.sub(r"\b(an?) (?=(\w+))", agree, sentence, flags=re.IGNORECASE)
