"""Widgets of the Storybook page: the choices, page editing, pictures, music and voice, the finished book."""
from __future__ import annotations

import html
import json
from pathlib import Path

import streamlit as st

from pipelines import backends
from pipelines.i18n import LANGUAGES, UserError
from pipelines.story.book import note_text
from pipelines.story.grammar import lexicon
from pipelines.story.spec import AGES, COMPANIONS, HEROES, MAX_PAGES, MIN_PAGES, MOODS, OBJECTS, PLACES, PROBLEMS, \
    TONES, Story, StorySpec, edit_page

from .i18n import lang, t
from .jobs import expected_time_text, job_status_ui, submit_job
from .runtime import get_store
from .session import can_upload_photos, current_participant, current_workshop
from .widgets import download_ui, picture_choice_ui

LANGUAGE_NAMES = {"fr": "🇫🇷 Français", "en": "🇬🇧 English"}
TONE_EMOJI = {"funny": "😄", "adventure": "🗺️", "calm": "🌙"}


def _options(table: str, keys: tuple[str, ...], language: str) -> dict[str, tuple[str, str]]:
    lex = lexicon(language)[table]
    return {k: (lex[k]["emoji"], lex[k]["noun"].capitalize()) for k in keys}


def choices_ui() -> dict:
    """The child's choices, with pictures first; returns them as StorySpec fields."""
    participant = current_participant()
    default_name = participant["name"] if participant else ""
    name = st.text_input(t("story.ui.name"), value=default_name, max_chars=40, key="story-name")
    language = st.radio(t("story.ui.language"), LANGUAGES, index=LANGUAGES.index(lang()), horizontal=True,
                        format_func=LANGUAGE_NAMES.get, key="story-language")
    shown = lang()
    hero = picture_choice_ui(t("story.ui.hero"), _options("heroes", HEROES, shown), key="story-hero")
    companion = picture_choice_ui(t("story.ui.companion"), _options("companions", COMPANIONS, shown),
                                  key="story-companion")
    place = picture_choice_ui(t("story.ui.place"), _options("places", PLACES, shown), key="story-place", columns=5)
    obj = picture_choice_ui(t("story.ui.object"), _options("objects", OBJECTS, shown), key="story-object", columns=5)
    problems = {k: (lexicon(shown)["problems"][k]["emoji"], t(f"story.problems.{k}").capitalize()) for k in PROBLEMS}
    problem = picture_choice_ui(t("story.ui.problem"), problems, key="story-problem", columns=5)
    tones = {k: (TONE_EMOJI[k], t(f"story.tones.{k}").capitalize()) for k in TONES}
    tone = picture_choice_ui(t("story.ui.tone"), tones, key="story-tone", columns=3)
    cols = st.columns(2)
    pages = cols[0].slider(t("story.ui.pages"), MIN_PAGES, MAX_PAGES, 6, key="story-pages")
    age = cols[1].radio(t("story.ui.age"), AGES, index=1, horizontal=True, key="story-age")
    return {"hero_name": name, "hero": hero, "companion": companion, "place": place, "object": obj,
            "problem": problem, "tone": tone, "pages": pages, "reading_age": age, "language": language}


def spec_from_choices(choices: dict) -> StorySpec:
    """A checked StorySpec (UserError for an empty or odd name, or a blocked word in it)."""
    from pipelines.story.safety import check_words

    spec = StorySpec(**choices).checked()
    check_words(spec.hero_name, spec.language)
    return spec


def story_from_job(job) -> None:
    """Keep the story a finished story.write job made (pictures and moods start empty)."""
    story = Story.from_json(job.result["story"])
    st.session_state["story"] = json.loads(story.to_json())
    st.session_state.pop("book-files", None)


def current_story() -> Story:
    return Story.from_dict(st.session_state["story"])


def _keep(story: Story) -> None:
    st.session_state["story"] = json.loads(story.to_json())
    st.session_state.pop("book-files", None)


def edit_pages_ui() -> None:
    """Every page's text (editable, refused when empty or blocked: the old text stays) and its mood."""
    story = current_story()
    st.subheader(story.title)
    for note in story.notes:
        st.info(note_text(note, lang()))
    st.caption(t("story.ui.edit_hint"))
    for number, page in enumerate(story.pages, start=1):
        with st.container(border=True):
            cols = st.columns([4, 1])
            text = cols[0].text_area(t("story.ui.page_n", number=number), value=page.text, key=f"story-text-{number}",
                                     height=110)
            mood = cols[1].selectbox(t("story.ui.page_mood", number=number), MOODS, index=MOODS.index(page.mood),
                                     format_func=lambda m: t(f"story.moods.{m}"), key=f"story-mood-{number}")
            if mood != page.mood:
                story.pages[number - 1].mood = mood
                _keep(story)
            if " ".join(text.split()) != page.text:
                try:
                    story = edit_page(story, number, text)
                    _keep(story)
                    st.success(t("story.ui.saved"))
                except UserError as exc:
                    st.error(exc.message(lang()))


def _uploads_dir() -> Path:
    workshop = current_workshop()
    folder = get_store().artifact_dir(workshop["id"] if workshop else None, "story-drawings")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _save_drawing(data: bytes, number: int) -> str:
    from pipelines.safety.uploads import sanitize_image
    from pipelines.store.files import write_bytes_atomic

    clean = sanitize_image(data)
    path = _uploads_dir() / f"drawing-{st.session_state.get('story-seed', 0)}-{number:02d}-{len(data)}.png"
    write_bytes_atomic(path, clean.png_bytes())
    return str(path)


def pictures_ui() -> None:
    """A picture per page: none, an AI picture (when a model is installed), the child's drawing, or it stylised."""
    story = current_story()
    ai = bool(backends.available("imagegen.txt2img"))
    modes = ["none"] + (["ai"] if ai else []) + ["drawing", "stylise"]
    labels = {"none": t("story.ui.picture_none"), "ai": t("story.ui.picture_ai"),
              "drawing": t("story.ui.picture_drawing"), "stylise": t("story.ui.picture_stylise")}
    jobs = st.session_state.setdefault("story-picture-jobs", {})
    for number, page in enumerate(story.pages, start=1):
        with st.container(border=True):
            cols = st.columns([1, 2])
            with cols[0]:
                if page.picture and Path(page.picture).exists():
                    st.image(page.picture, use_container_width=True)
                else:
                    st.markdown(f"### {number}")
            with cols[1]:
                st.caption(page.text[:140] + ("…" if len(page.text) > 140 else ""))
                mode = st.radio(t("story.ui.page_n", number=number), modes, format_func=labels.get, horizontal=True,
                                key=f"story-pic-mode-{number}")
                _picture_source_ui(story, number, mode, jobs)


def _picture_source_ui(story: Story, number: int, mode: str, jobs: dict) -> None:
    page = story.pages[number - 1]
    key = str(number)
    if mode == "none":
        if page.picture:
            page.picture = ""
            _keep(story)
        return
    source = None
    if mode in ("drawing", "stylise"):
        if not can_upload_photos():
            st.warning(t("story.ui.no_upload_consent"))
            return
        upload = st.file_uploader(t("story.ui.upload_drawing", number=number), type=["png", "jpg", "jpeg", "webp"],
                                  key=f"story-upload-{number}")
        if upload is None:
            return
        try:
            source = _save_drawing(upload.getvalue(), number)
        except UserError as exc:
            st.error(exc.message(lang()))
            return
        if mode == "drawing" and page.picture != source:
            page.picture = source
            st.session_state.setdefault("story-ai-pictures", {}).pop(key, None)
            _keep(story)
            st.rerun()
        if mode == "drawing":
            return
    if st.button(t("story.ui.make_picture"), key=f"story-make-pic-{number}"):
        if mode == "ai":
            from pipelines.story.pictures import page_picture_params

            jobs[key] = ("ai", submit_job("imagegen.generate", page_picture_params(story, number)))
        else:
            jobs[key] = ("stylise", submit_job("imagegen.stylise", {"image": source}))
    if key in jobs:
        kind, job_id = jobs[key]
        hint = expected_time_text("imagegen.generate" if kind == "ai" else "imagegen.stylise")
        if hint:
            st.caption(hint)
        job = job_status_ui(job_id, f"story-pic-{number}")
        if job is not None:
            jobs.pop(key)
            if job.state == "done":
                page.picture = job.files()["image"]
                if kind == "ai":
                    st.session_state.setdefault("story-ai-pictures", {})[key] = True
                _keep(story)
                st.rerun()


def music_voice_ui() -> dict:
    """Music on/off and the book's theme; read-aloud only when a voice for the book's language is installed."""
    from pipelines.music.api import choices as music_choices
    from pipelines.story.voice import voices_for

    story = current_story()
    options = {"music": st.toggle(t("story.ui.music_on"), value=True, key="story-music")}
    if options["music"]:
        genres = [""] + list(music_choices()["genres"])
        options["theme"] = st.selectbox(t("story.ui.theme"), genres, key="story-theme",
                                        format_func=lambda g: t(f"music.genres.{g}") if g else t("story.ui.theme_none"))
    voices = voices_for(story.language)
    if voices:
        if st.toggle(t("story.ui.voice_on"), value=False, key="story-voice"):
            names = [v.name for v in voices]
            options["voice"] = st.radio(t("capability.story.voice"), names, key="story-voice-name",
                                        format_func=lambda n: f"{t(backends.get(n).label)} — {backends.get(n).licence}")
    options["crop_marks"] = st.checkbox(t("story.ui.crop_marks"), value=False, key="story-crop")
    return options


def book_ui(options: dict) -> None:
    """Make the book (a job), then preview it page by page with its music, and download it."""
    story = current_story()
    if st.button(t("story.ui.make"), type="primary", use_container_width=True, key="story-make"):
        ai_pictures = bool(st.session_state.get("story-ai-pictures"))
        params = {"story": st.session_state["story"], "music": options.get("music", False),
                  "theme": options.get("theme", ""), "voice": options.get("voice", ""),
                  "crop_marks": options.get("crop_marks", False), "ai_pictures": ai_pictures,
                  "seed": st.session_state.get("story-seed", 0)}
        st.session_state["book-job"] = submit_job("story.make", params)
        st.session_state.pop("book-files", None)
    if st.session_state.get("book-job"):
        hint = expected_time_text("story.make")
        if hint:
            st.caption(hint)
        job = job_status_ui(st.session_state["book-job"], "story-make")
        if job is None:
            return
        st.session_state.pop("book-job")
        if job.state != "done":
            return
        st.session_state["book-files"] = job.files()
        st.session_state["book-story"] = json.loads(job.result["story"])
        st.session_state["book-notes"] = job.result.get("notes", []) + job.result.get("warnings", [])
    files = st.session_state.get("book-files")
    if not files:
        return
    for note in st.session_state.get("book-notes", []):
        st.warning(note_text(note, lang()))
    preview_ui(Story.from_dict(st.session_state.get("book-story") or json.loads(story.to_json())))
    cols = st.columns(3)
    with cols[0]:
        download_ui(files["epub"], t("story.ui.download_epub"), "application/epub+zip", key="dl-story-epub")
    with cols[1]:
        download_ui(files["pdf"], t("story.ui.download_pdf"), "application/pdf", key="dl-story-pdf")
    with cols[2]:
        download_ui(files["booklet"], t("story.ui.download_booklet"), "application/pdf", key="dl-story-booklet")
    st.caption(t("story.ui.booklet_help"))


def preview_ui(story: Story) -> None:
    """The book page by page: picture, large text, the page's music and voice."""
    st.subheader(t("story.ui.preview"))
    count = len(story.pages)
    number = st.session_state.setdefault("story-preview", 1)
    number = min(max(1, number), count)
    page = story.pages[number - 1]
    with st.container(border=True):
        if page.picture and Path(page.picture).exists():
            st.image(page.picture, use_container_width=True)
        st.markdown(f"<p style='font-size:1.6rem;line-height:1.5'>{html.escape(page.text)}</p>",
                    unsafe_allow_html=True)  # the text is the child's (edited pages): escaped
        if page.music and Path(page.music).exists():
            st.audio(page.music, format="audio/mpeg", loop=True)
        if page.narration and Path(page.narration).exists():
            st.audio(page.narration, format="audio/mpeg")
        st.caption(f"{number} / {count}")
    cols = st.columns(2)
    if cols[0].button(t("story.ui.previous"), disabled=number <= 1, use_container_width=True, key="story-prev"):
        st.session_state["story-preview"] = number - 1
        st.rerun()
    if cols[1].button(t("story.ui.next"), disabled=number >= count, use_container_width=True, key="story-next"):
        st.session_state["story-preview"] = number + 1
        st.rerun()
