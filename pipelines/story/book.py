"""From a written Story to files: music and voice per page, the cover, the EPUB, the A5 PDF and the booklet."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from PIL import Image, ImageDraw

from ..backends import Progress, no_progress
from ..export.book import Book, BookPage
from ..i18n import UserError, translate
from ..safety.uploads import open_picture
from .grammar import lexicon
from .contract import SpeakRequest
from .spec import Story
from ..store import library_name

TEXT_PT = {"4-6": 18.0, "7-8": 15.0, "9-10": 13.0}  # printed text size by reading age
MUSIC_SECONDS = 20.0


COVER_NAME = "cover"  # how the print engine names the cover picture in its warnings (story pages: their number)


def note_text(note: dict, language: str) -> str:
    """A story note ({key, params}) as a sentence; a nested `reason_key` is translated by `translate`."""
    return translate(note["key"], language, **note.get("params", {}))


def check_pictures(story: Story) -> list[dict]:
    """Notes for pages whose picture is missing or unreadable (the page is printed with its text alone)."""
    notes = []
    for number, page in enumerate(story.pages, start=1):
        if not page.picture:
            continue
        try:
            open_picture(page.picture)
        except Exception as exc:  # a deleted or broken file must not stop the book
            if isinstance(exc, FileNotFoundError):  # its class name, in English, was the sentence's end
                notes.append({"key": "story.errors.picture_missing",
                              "params": {"number": number, "name": Path(page.picture).name}})
            else:
                reason = exc if isinstance(exc, UserError) else UserError("uploads.corrupt")
                notes.append({"key": "story.errors.picture_unreadable",
                              "params": {"number": number, "detail": reason.message(story.language)}})
            page.picture = ""
    return notes


def add_music(story: Story, folder: Path, theme: str = "", seed: int = 0, backend: str | None = None,
              progress: Progress = no_progress) -> list[dict]:
    """Compose each page's music (its mood, the book's theme as genre); a failure leaves that page silent."""
    from ..music.api import compose

    notes = []
    folder.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(story.pages, start=1):
        progress((number - 1) / len(story.pages), "story.progress.music")
        if page.music and Path(page.music).exists():
            continue
        try:
            music = compose(page.mood, MUSIC_SECONDS, seed + number, genre=theme or None, backend=backend,
                            story=page.text)
            page.music = music.write(folder, f"music-{number:02d}")["mp3"]
        except (UserError, ValueError, RuntimeError, OSError):
            notes.append({"key": "story.notes.music_failed", "params": {"number": number}})
            page.music = ""
    return notes


def add_voice(story: Story, folder: Path, voice, progress: Progress = no_progress) -> None:
    """Record each page read aloud with `voice` (a story.voice backend)."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(story.pages, start=1):
        progress((number - 1) / len(story.pages), "story.progress.voice")
        page.narration = str(voice(SpeakRequest(page.text, story.language, folder / f"voice-{number:02d}.mp3", number)))


def make_cover(story: Story, path: Path) -> Path:
    """The cover picture: the first page's picture, or a soft coloured card with the companion's emoji-free title."""
    first = next((p.picture for p in story.pages if p.picture and Path(p.picture).exists()), None)
    if first:
        cover = open_picture(first)
    else:
        from PIL import ImageFont

        from ..export.fonts import faces, missing, split_runs
        from .grammar import capital

        cover = Image.new("RGB", (900, 900), (250, 236, 200))
        draw = ImageDraw.Draw(cover)
        draw.ellipse((150, 150, 750, 750), fill=(255, 210, 120))
        chain = faces("readable", bold=True)
        typed = (story.author or story.title)[:1]
        letter = capital(typed)  # one letter: « ß » stays itself; Georgian « ნ » has no title case (« Ნ » in no face)
        if missing(letter, chain):
            letter = typed
        _, face, _ = split_runs(letter or "?", chain)[0]  # İ: the fallback face has it
        font = ImageFont.truetype(str(face), 90)
        draw.text((450, 450), letter, font=font, fill=(120, 70, 30), anchor="mm")
    cover.save(path, format="PNG")
    return path


def how_made_lines(story: Story, pictures: str, music: str, voice: str) -> list[str]:
    """The lines of the last page: the choices, the tools, and that it can be redone at home."""
    lang = story.language
    c = story.choices
    lex = lexicon(lang)
    t = lambda key, **p: translate(key, lang, **p)  # noqa: E731
    lines = []
    if c:
        from .writer import hero_noun

        hero = hero_noun(lang, c["hero"], c.get("hero_gender") or "")
        lines.append(t("story.book.how_choices", hero=hero, name=c.get("hero_name") or story.author,
                       companion=lex["companions"][c["companion"]]["noun"], place=lex["places"][c["place"]]["noun"],
                       object=lex["objects"][c["object"]]["noun"], problem=t(f"story.problems.{c['problem']}"),
                       tone=t(f"story.tones.{c['tone']}"), pages=len(story.pages), age=c["reading_age"]))
    lines.append(t("story.book.how_writer", writer=t(_writer_label(story.writer))))
    lines += [t("story.book.how_pictures", pictures=pictures), t("story.book.how_music", music=music),
              t("story.book.how_voice", voice=voice), t("story.book.how_home")]
    lines += [note_text(n, lang) for n in story.notes]
    return lines


def _writer_label(name: str) -> str:
    from .. import backends

    try:
        return backends.get(name).label
    except KeyError:
        return "story.backends.template"


def to_book(story: Story, cover: str | None, ai_pictures: bool, voice_label: str = "", music_label: str = "") -> Book:
    """The export-neutral Book (ebook and print) of a story."""
    lang = story.language
    t = lambda key, **p: translate(key, lang, **p)  # noqa: E731
    has_pictures = any(p.picture for p in story.pages)
    pictures = t("story.book.pictures_ai") if ai_pictures else (
        t("story.book.pictures_drawn") if has_pictures else t("story.book.pictures_none"))
    has_music = any(p.music for p in story.pages)
    age = (story.choices or {}).get("reading_age", "7-8")
    from ..export.typography import letter_text  # French no-break spaces in edited pages and titles too

    pages = [BookPage(text=letter_text(p.text, lang), picture=p.picture or None, music=p.music or None,
                      narration=p.narration or None) for p in story.pages]
    ai_made = ai_pictures or story.writer != "story.write.template" or (has_music and "musicgen" in music_label)
    labels = {"by": t("story.book.by", author=story.author), "cover": t("story.book.cover_label"),
              "page": t("story.book.page_label"), "listen": t("story.book.listen"),
              "music": t("story.book.music_label"), "contents": t("story.book.contents"),
              "ai_note": t("story.book.ai_note"),
              "made_with": t("story.book.made_with", library=library_name(language=lang))}
    first = next((p.picture for p in story.pages if p.picture and Path(p.picture).exists()), "")
    return Book(title=letter_text(story.title, lang), author=story.author, language=lang, pages=pages, cover=cover,
                cover_name=COVER_NAME if first else "",
                ai_generated=ai_made, description=story.title, end_title=t("story.book.how_title"),
                end_lines=how_made_lines(story, pictures, music_label or (t("story.book.music_none") if not has_music
                                                                           else "Atelier"),
                                         voice_label or t("story.book.voice_none")),
                labels=labels, text_pt=TEXT_PT.get(age, 15.0))


def export_book(story: Story, out_dir: Path, *, epub: str | None = "book.epub", pdf: str | None = "book.pdf",
                booklet: str | None = "booklet.pdf", crop_marks: bool = False, ai_pictures: bool = False,
                voice_label: str = "", music_label: str = "", progress: Progress = no_progress) -> dict:
    """Write the asked exports into out_dir; returns {"files": {...}, "warnings": [...], "notes": [...]}."""
    from ..export.booklet import write_booklet_pdf, write_pages_pdf
    from ..export.epub import write_epub

    if not story.pages:
        raise UserError("story.errors.no_story")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    story = dataclasses.replace(story, pages=[dataclasses.replace(p) for p in story.pages])
    notes = check_pictures(story)
    cover = str(make_cover(story, out_dir / "cover.png"))
    book = to_book(story, cover, ai_pictures, voice_label, music_label)
    files, warnings = {"cover": cover}, []
    if epub:
        progress(0.2, "story.progress.epub")
        files["epub"] = str(write_epub(book, out_dir / epub))
    if pdf:
        progress(0.5, "story.progress.pdf")
        path, found = write_pages_pdf(book, out_dir / pdf)
        files["pdf"], warnings = str(path), warnings + found
    if booklet:
        progress(0.8, "story.progress.booklet")
        path, found = write_booklet_pdf(book, out_dir / booklet, crop_marks=crop_marks)
        files["booklet"], warnings = str(path), warnings + [w for w in found if w not in warnings]
    progress(1.0, "story.progress.booklet")
    first = next((n for n, p in enumerate(story.pages, start=1) if p.picture and Path(p.picture).exists()), 0)
    said = [print_warning(w.key, dict(w.params), len(story.pages), first) for w in warnings]
    return {"files": files, "warnings": [w for i, w in enumerate(said) if w not in said[:i]], "notes": notes}


def print_warning(key: str, params: dict, pages: int, cover_page: int = 0) -> dict:
    """A print engine warning ({key, params}) said for the child: a picture under 150 dpi becomes "the picture
    of page n will look blurry" with what to do, never a file name (the cover is the picture of `cover_page`,
    the first page with one). Other warnings pass unchanged."""
    name = str(params.get("name", ""))
    number = cover_page if name == COVER_NAME else int(name) if name.isdigit() else 0
    if key == "export.low_dpi" and 1 <= number <= pages:
        return {"key": "story.print.blurry_page", "params": {"number": number}}
    return {"key": key, "params": params}
