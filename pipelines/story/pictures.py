"""The AI picture of a storybook page: the same style, hero and magic number on every page of a book."""
from __future__ import annotations

import zlib
from pathlib import Path

from .spec import Story

BOOK_STYLE = "aquarelle"  # the templates describe every scene as a soft watercolour picture book


def book_seed(story: Story) -> int:
    """One magic number per book (from its title, author and choices): the hero keeps the same look."""
    key = f"{story.title}|{story.author}|{sorted((story.choices or {}).items())}"
    return zlib.crc32(key.encode("utf-8")) % 2**31


def page_picture_params(story: Story, number: int) -> dict:
    """The imagegen.generate request for page `number` (1-based): its English scene, which already holds
    the hero's and companion's look, in the book's fixed style with the book's seed."""
    if not 1 <= number <= len(story.pages):
        raise ValueError(f"page number must be between 1 and {len(story.pages)} but is {number}.")
    page = story.pages[number - 1]
    style = (story.choices or {}).get("style") or BOOK_STYLE
    return {"prompt": page.scene or story.title, "style": style, "seed": book_seed(story), "language": "en"}


def save_drawing(data: bytes, target: Path | str) -> str:
    """A child's drawing for a page, sent as a scan or a photo: checked and cleaned of its metadata
    (safety.uploads.sanitize_image; UserError for a file that is not a usable picture), the sheet cut from
    the table and straightened when the photo shows one (comics.paper.flatten_sheet), written as PNG at
    `target` atomically. Returns the path."""
    from ..comics.paper import flatten_sheet
    from ..safety.uploads import sanitize_image
    from ..store.files import atomic_path, write_bytes_atomic

    clean = sanitize_image(data)
    sheet, found = flatten_sheet(clean.image)  # a photo of the sheet on a table: the sheet alone, seen from the front
    if not found:
        write_bytes_atomic(Path(target), clean.png_bytes())
        return str(target)
    with atomic_path(Path(target)) as tmp:
        sheet.save(tmp, format="PNG")
    return str(target)
