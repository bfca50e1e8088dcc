"""Job kinds story.write (choices -> story) and story.make (story -> music, voice, EPUB, PDF, booklet)."""
from __future__ import annotations

from pathlib import Path

from ..backends import Progress, choose, no_progress
from ..i18n import UserError
from ..store.works import made_of
from .contract import WriteRequest
from .spec import Story, StorySpec


def write_with(spec: StorySpec, writer: str | None = None, progress: Progress = no_progress) -> Story:
    """Write the story with the named story.write backend (or the best available one)."""
    spec = spec.checked()
    backend = choose("story.write", writer or spec.writer or None)
    story = backend(WriteRequest(spec, progress))
    for number, edit in sorted(spec.page_edits.items()):
        if 1 <= number <= len(story.pages):
            page = story.pages[number - 1]
            page.text = " ".join(str(edit.get("text", page.text)).split()) or page.text
            page.picture = edit.get("picture", page.picture)
            page.mood = edit.get("mood", page.mood)
    return story


def write_job(params: dict, ctx) -> dict:
    """params: {"spec": StorySpec fields, "writer": backend name or ""}; returns the story as JSON."""
    spec = StorySpec.from_dict(params["spec"])
    story = write_with(spec, params.get("writer") or None, ctx.progress)
    path = Path(ctx.out_dir) / "story.json"
    path.write_text(story.to_json(), encoding="utf-8")
    return {"files": {"story": str(path)}, "story": story.to_json(), "artifact": None}


def make_book(story: Story, out_dir: Path, *, music: bool = True, theme: str = "", music_backend: str | None = None,
              voice: str | None = None, seed: int = 0, epub: str | None = "book.epub", pdf: str | None = "book.pdf",
              booklet: str | None = "booklet.pdf", crop_marks: bool = False, ai_pictures: bool = False,
              progress: Progress = no_progress) -> dict:
    """Music and voice for every page (when asked), then the exports; returns files, warnings and notes."""
    from .. import backends
    from ..i18n import translate
    from .book import add_music, add_voice, export_book

    out_dir = Path(out_dir)
    notes: list[dict] = []
    music_label = ""
    if music:
        notes += add_music(story, out_dir / "music", theme, seed, music_backend,
                           lambda f, m: progress(0.6 * f, m))
        if any(p.music for p in story.pages):
            engine = backends.get(music_backend) if music_backend and "." in music_backend else \
                backends.choose("music.generate", None)
            music_label = translate(engine.label, story.language)
    voice_label = ""
    if voice:
        engine = choose("story.voice", voice)
        add_voice(story, out_dir / "voice", engine, lambda f, m: progress(0.6 + 0.2 * f, m))
        voice_label = translate(engine.label, story.language)
    result = export_book(story, out_dir, epub=epub, pdf=pdf, booklet=booklet, crop_marks=crop_marks,
                         ai_pictures=ai_pictures, voice_label=voice_label, music_label=music_label,
                         progress=lambda f, m: progress(0.8 + 0.2 * f, m))
    result["notes"] = notes + result["notes"]
    result["story"] = story.to_json()
    return result


def page_music_key(number: int) -> str:
    """The key of page `number`'s music (MP3) in a story.make job's result files."""
    return f"music-{number:02d}"


def page_voice_key(number: int) -> str:
    """The key of page `number`'s read-aloud (MP3) in a story.make job's result files."""
    return f"voice-{number:02d}"


def story_with_result_files(story: Story, files: dict[str, str]) -> Story:
    """The story with each page's music and voice taken from a finished job's (absolute) result files."""
    for number, page in enumerate(story.pages, start=1):
        page.music = files.get(page_music_key(number), "")
        page.narration = files.get(page_voice_key(number), "")
    return story


def make_job(params: dict, ctx) -> dict:
    """params: {"story": Story dict, "music": bool, "theme", "music_backend", "voice", "crop_marks", "ai_pictures"}."""
    if not params.get("story"):
        raise UserError("story.errors.no_story")
    story = Story.from_dict(params["story"])
    result = make_book(story, Path(ctx.out_dir), music=bool(params.get("music", True)), theme=params.get("theme", ""),
                       music_backend=params.get("music_backend") or None, voice=params.get("voice") or None,
                       seed=int(params.get("seed", 0)), crop_marks=bool(params.get("crop_marks")),
                       ai_pictures=bool(params.get("ai_pictures")), progress=ctx.progress)
    files = {k: v for k, v in result["files"].items() if k in ("epub", "pdf", "booklet", "cover")}
    artifact_files = list(files)
    # Each page's music and voice are results too: the preview plays them from the job's final folder
    # (the paths inside result["story"] point into the temporary folder, renamed when the job ends).
    for number, page in enumerate(story.pages, start=1):
        for key, path in ((page_music_key(number), page.music), (page_voice_key(number), page.narration)):
            if path and Path(path).is_file():
                files[key] = path
    artifact = {"kind": "storybook", "title": story.title, "prompt": "", "model": story.writer,
                "seed": int(params.get("seed", 0)), "ai_made": story.writer != "story.write.template"
                or bool(params.get("ai_pictures")), "files": artifact_files,
                "params": {**story.choices, **made_of([page.picture for page in story.pages], ctx)}}  # one card
    return {"files": files, "artifact": artifact, "warnings": result["warnings"], "notes": result["notes"],
            "story": result["story"]}
