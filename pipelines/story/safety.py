"""The word filter applied to names, edited pages and LLM pages (the studio's prompt filter, FR/EN)."""
from __future__ import annotations


def blocked_message_key(text: str, language: str) -> str:
    """The filter's kind-message key when `text` holds a blocked word, else ''."""
    from ..safety.prompts import check_prompt

    check = check_prompt(text, language, model=False)  # words only: pages are checked often
    return check.message_key if check.blocked else ""


def check_words(text: str, language: str) -> None:
    """Raise the filter's own kind message (UserError) when `text` holds a blocked word."""
    from ..safety.prompts import screen

    screen(text, language=language, model=False)  # words only: pages are checked often
