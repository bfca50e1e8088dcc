"""EPUB 3 ebooks (EbookLib): cover, one page per story page with its picture, large text, music and voice.

The result passes epubcheck with no error and no warning: every file is in the manifest with its
real media type, audio is MP3 (a core media type every EPUB 3 reader plays), pages are XHTML.
"""
from __future__ import annotations

import html
import io
import uuid
from datetime import datetime, timezone
from pathlib import Path


from ..store.files import atomic_path
from .book import Book, BookPage

MAX_PICTURE_PX = 1400  # enough for a tablet screen; keeps a 12-page book small

CSS = """
html, body { margin: 0; padding: 0; }
body { font-family: "Atkinson Hyperlegible", Verdana, "DejaVu Sans", sans-serif; line-height: 1.5; }
section { padding: 0.8em 1em; text-align: center; }
img { max-width: 100%; max-height: 60vh; border-radius: 0.6em; }
p.story { font-size: 1.6em; text-align: left; margin: 0.8em 0.4em; }
h1 { font-size: 2em; margin: 0.4em 0; }
p.by { font-size: 1.3em; }
p.note { font-size: 0.9em; color: #555555; }
p.number { font-size: 0.9em; color: #777777; }
audio { width: 90%; margin: 0.3em auto; display: block; }
div.listen { margin: 0.5em 0; }
ul.how { text-align: left; font-size: 1.1em; }
"""


def _jpeg(path: str | Path) -> bytes:
    """A picture as a JPEG for the ebook (RGB, no metadata, at most MAX_PICTURE_PX on its long side)."""
    from ..safety.uploads import open_picture

    image = open_picture(path)
    image.thumbnail((MAX_PICTURE_PX, MAX_PICTURE_PX))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()


def _label(book: Book, key: str, default: str) -> str:
    return book.labels.get(key, default)


def _page_html(book: Book, number: int, page: BookPage, media: dict[str, str]) -> str:
    parts = ["<section>"]
    if "picture" in media:
        parts.append(f'<img src="{media["picture"]}" alt="{html.escape(page.picture_alt or page.text[:120])}"/>')
    paragraphs = "".join(f'<p class="story">{html.escape(line)}</p>' for line in page.text.split("\n") if line.strip())
    parts.append(paragraphs)
    for kind, label in (("narration", _label(book, "listen", "Listen")), ("music", _label(book, "music", "Music"))):
        if kind in media:
            loop = ' loop="loop"' if kind == "music" else ""
            parts.append(f'<div class="listen"><p class="note">{html.escape(label)}</p>'
                         f'<audio controls="controls"{loop} src="{media[kind]}">{html.escape(label)}</audio></div>')
    parts.append(f'<p class="number">{number}</p></section>')
    return "".join(parts)


def write_epub(book: Book, path: str | Path) -> Path:
    """Write `book` as an EPUB 3 file at `path` (temporary name, then renamed)."""
    from ebooklib import epub

    if not book.pages:
        raise ValueError("An ebook needs at least one page; got none.")
    out = epub.EpubBook()
    out.set_identifier(book.identifier or f"urn:uuid:{uuid.uuid4()}")
    out.set_title(book.title)
    out.set_language(book.language)
    out.add_author(book.author or "Atelier")
    ai_note = _label(book, "ai_note", "Made partly with AI.")
    out.add_metadata("DC", "description", " ".join(x for x in (book.description, ai_note if book.ai_generated else "")
                                                    if x))
    out.add_metadata("DC", "publisher", "Atelier")
    out.add_metadata("DC", "date", datetime.now(timezone.utc).strftime("%Y-%m-%d"))
    if book.ai_generated:
        out.add_metadata("DC", "subject", ai_note)
    style = epub.EpubItem(uid="style", file_name="style/book.css", media_type="text/css", content=CSS.encode())
    out.add_item(style)

    def add_file(name: str, data: bytes, media_type: str) -> str:
        out.add_item(epub.EpubItem(uid=name.replace("/", "-").replace(".", "-"), file_name=name,
                                   media_type=media_type, content=data))
        return name

    chapters = []
    cover = epub.EpubHtml(title=_label(book, "cover", "Cover"), file_name="cover.xhtml", lang=book.language)
    cover_parts = ["<section>"]
    if book.cover:
        out.set_cover("images/cover.jpg", _jpeg(book.cover), create_page=False)
        cover_parts.append(f'<img src="images/cover.jpg" alt="{html.escape(book.title)}"/>')
    cover_parts.append(f"<h1>{html.escape(book.title)}</h1>")
    cover_parts.append(f'<p class="by">{html.escape(_label(book, "by", book.author))}</p>')
    if book.ai_generated:
        cover_parts.append(f'<p class="note">{html.escape(ai_note)}</p>')
    cover_parts.append("</section>")
    cover.content = "".join(cover_parts)
    cover.add_item(style)
    chapters.append(cover)

    for number, page in enumerate(book.pages, start=1):
        media: dict[str, str] = {}
        if page.picture:
            media["picture"] = add_file(f"images/page-{number:02d}.jpg", _jpeg(page.picture), "image/jpeg")
        for kind in ("music", "narration"):
            source = getattr(page, kind)
            if source:
                media[kind] = add_file(f"audio/{kind}-{number:02d}.mp3", Path(source).read_bytes(), "audio/mpeg")
        chapter = epub.EpubHtml(title=_label(book, "page", "Page {number}").format(number=number),
                                file_name=f"page-{number:02d}.xhtml", lang=book.language)
        chapter.content = _page_html(book, number, page, media)
        chapter.add_item(style)
        chapters.append(chapter)

    if book.end_lines:
        end = epub.EpubHtml(title=book.end_title or "About", file_name="about.xhtml", lang=book.language)
        items = "".join(f"<li>{html.escape(line)}</li>" for line in book.end_lines)
        end.content = f'<section><h1>{html.escape(book.end_title)}</h1><ul class="how">{items}</ul></section>'
        end.add_item(style)
        chapters.append(end)

    for chapter in chapters:
        out.add_item(chapter)
    out.toc = chapters
    out.add_item(epub.EpubNcx())
    nav = epub.EpubNav(title=_label(book, "contents", "Contents"))
    out.add_item(nav)
    out.spine = chapters + [nav]  # the nav stays reachable but the book opens on its cover
    with atomic_path(path) as tmp:
        epub.write_epub(str(tmp), out, {"epub3_pages": False})
    return Path(path)
