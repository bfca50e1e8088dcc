"""A book to export (ebook and print): title, pages with pictures, music and voice, the last page."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class BookPage:
    """One page: its text, and optional picture, music and narration files (MP3)."""

    text: str
    picture: str | None = None
    picture_alt: str = ""
    music: str | None = None
    narration: str | None = None


@dataclass
class Book:
    """Everything a book shows (ebook and print); `labels` are the visible words in the book's language."""

    title: str
    author: str
    language: str
    pages: list[BookPage]
    cover: str | None = None  # picture of the cover page
    cover_name: str = ""  # the cover picture's name in print warnings (a story page's picture: its number)
    ai_generated: bool = True
    description: str = ""
    end_title: str = ""  # the last page ("how this book was made")
    end_lines: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # cover, page, listen, music, contents, ai_note, by
    identifier: str = ""
    text_pt: float = 15.0  # printed text size (larger for younger readers)
