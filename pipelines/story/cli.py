"""`python -m pipelines story write|make SPEC.toml`: a storybook from the command line."""
from __future__ import annotations

import sys
from pathlib import Path


def cmd_write(args) -> int:
    from .jobs import write_with
    from .spec import load_spec

    spec, _ = load_spec(args.spec)
    story = write_with(spec, args.writer)
    text = story.to_json()
    if args.out:
        from ..store.files import write_bytes_atomic

        write_bytes_atomic(args.out, text.encode("utf-8"))
        print(f"{args.out}: {story.title} ({len(story.pages)} pages, {story.writer})")
    else:
        print(text)
    return 0


def cmd_make(args) -> int:
    import shutil
    import tempfile

    from ..config import settings
    from .book import note_text
    from .jobs import make_book, write_with
    from .spec import Story, load_spec

    spec, book = load_spec(args.spec)
    story = (Story.from_json(Path(args.story).read_text(encoding="utf-8")) if args.story
             else write_with(spec, args.writer))
    targets = {"epub": args.epub, "pdf": args.pdf, "booklet": args.booklet}
    if not any(targets.values()):
        print("Nothing to make: give --epub, --pdf and/or --booklet.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        result = make_book(story, Path(tmp), music=not args.no_music and book.get("music", True),
                           theme=book.get("theme", ""), music_backend=args.music_backend, voice=args.voice,
                           seed=spec.seed, epub="book.epub" if args.epub else None,
                           pdf="book.pdf" if args.pdf else None, booklet="booklet.pdf" if args.booklet else None,
                           crop_marks=args.crop_marks or bool(book.get("crop_marks")))
        for key, target in targets.items():
            if target:
                Path(target).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(result["files"][key], target)
                print(f"{target}")
    language = settings().language
    for note in result["notes"]:
        print(note_text(note, language), file=sys.stderr)
    for warning in result["warnings"]:
        print(note_text(warning, language), file=sys.stderr)
    return 0


def register(sub) -> None:
    parser = sub.add_parser("story", help="storybooks: write a story, make its EPUB, PDF and booklet")
    story_sub = parser.add_subparsers(dest="story_command", metavar="STORY_COMMAND")
    write = story_sub.add_parser("write", help="write the story of SPEC.toml as JSON")
    write.add_argument("spec", help="the SPEC.toml file (see docs/storybook-spec.md)")
    write.add_argument("--out", help="story JSON file (default: print it)")
    write.add_argument("--writer", help="story.write backend, e.g. story.write.template or story.write.llm")
    write.set_defaults(func=cmd_write)
    make = story_sub.add_parser("make", help="make the book of SPEC.toml: EPUB, A5 PDF and/or booklet PDF")
    make.add_argument("spec", help="the SPEC.toml file")
    make.add_argument("--story", help="a story JSON written by `story write` (default: write it now)")
    make.add_argument("--epub", help="EPUB 3 file to write")
    make.add_argument("--pdf", help="A5 pages PDF to write")
    make.add_argument("--booklet", help="A4 saddle-stitch booklet PDF to write")
    make.add_argument("--crop-marks", action="store_true", help="crop marks on the booklet sheets")
    make.add_argument("--no-music", action="store_true", help="no music on the ebook pages")
    make.add_argument("--music-backend", help="music.generate backend (composer or musicgen)")
    make.add_argument("--voice", help="read-aloud backend, e.g. story.voice.espeak")
    make.add_argument("--writer", help="story.write backend")
    make.set_defaults(func=cmd_make)
