"""Widgets of the Storybook page: the choices, page editing, music and voice, the finished book (the pictures
step: ui/storybook_pictures.py; the session state: ui/storybook_state.py)."""
from __future__ import annotations

import html
import json
from pathlib import Path

import streamlit as st

from pipelines.i18n import LANGUAGES, UserError
from pipelines.story.book import note_text
from pipelines.story.grammar import lexicon
from pipelines.story.jobs import story_with_result_files
from pipelines.story.spec import AGES, COMPANIONS, GENDERS, HERO_GENDER, HEROES, MAX_PAGES, MIN_PAGES, MOODS, \
    NAME_MAX, OBJECTS, PLACES, PROBLEMS, TONES, Story, StorySpec, clean_name, edit_page, normalise_text, reading_age_for

from .i18n import lang, t
from .jobs import expected_time_text, job_status_ui, submit_job
from .runtime import get_store
from .session import current_participant, current_workshop
from .storybook_state import choices_data, current_story, keep_story, key, page_drafts, story_id
from .widgets import action_button, download_ui, engine_labels, picture_choice_ui

LANGUAGE_NAMES = {"fr": "🇫🇷 Français", "en": "🇬🇧 English"}
PREVIEW_PICTURE_PX = 520
TONE_EMOJI = {"funny": "😄", "adventure": "🗺️", "calm": "🌙"}


def _options(table: str, keys: tuple[str, ...], language: str) -> dict[str, tuple[str, str]]:
    lex = lexicon(language)[table]
    return {k: (lex[k]["emoji"], lex[k]["noun"].capitalize()) for k in keys}


def choices_ui() -> dict:
    """The child's choices, with pictures first; returns them as StorySpec fields."""
    participant = current_participant()
    workshop = current_workshop()
    data = choices_data()
    from pipelines.store.ages import UNKNOWN_GROUP

    known = participant and participant.age_group != UNKNOWN_GROUP  # no age given: the workshop's audience
    group = participant.age_group if known else workshop.age_group if workshop else None
    defaults = {"name": participant.name if participant else "", "language": lang(), "pages": 6,
                "age": reading_age_for(group)}
    for field, value in defaults.items():
        data.setdefault(field, value)
    # no max_chars: Streamlit drops a paste longer than it and the old name comes back; a name over NAME_MAX
    # stays and a sentence says how many letters at most (spec.clean_name refuses it)
    data["name"] = st.text_input(t("story.ui.name"), value=data["name"], key=key("story-name"))
    said = None  # what is said under the name: the « Écrire » button's refusal does not say it a second time
    if len(" ".join(data["name"].split())) > NAME_MAX:
        said = t("story.errors.name_too_long", n=NAME_MAX, length=len(" ".join(data["name"].split())))
    elif (refused := typed_refusal("hero_name", data["name"])) is not None:
        said = refused.message(lang())  # under the name, which stays in its box to change
    elif data["name"].strip():  # an emoji or a sign is said as it is typed (an empty box waits for « Écrire »)
        try:
            clean_name(data["name"])
        except UserError as exc:
            said = exc.message(lang())
    if said:
        st.error(said)
    st.session_state["story-name-said"] = said
    data["language"] = st.radio(t("story.ui.language"), LANGUAGES, index=LANGUAGES.index(data["language"]),
                                horizontal=True, format_func=LANGUAGE_NAMES.get, key=key("story-language"))
    shown = lang()
    hero = picture_choice_ui(t("story.ui.hero"), _options("heroes", HEROES, shown), key="story-hero")
    if data.get("gender_for") != hero:  # a new picture: a child is who the picture shows, an animal is not chosen yet
        data["gender"], data["gender_for"] = (HERO_GENDER[hero] if hero in ("girl", "boy") else ""), hero
    if hero not in ("girl", "boy"):  # an animal hero is a girl or a boy as the child says (a she-bear cub)
        chosen = st.radio(t("story.ui.gender"), GENDERS, horizontal=True, key=key(f"story-gender-{hero}"),
                          index=GENDERS.index(data["gender"]) if data["gender"] in GENDERS else None,
                          format_func=lambda g: t(f"story.ui.gender_{g}"))
        data["gender"] = chosen or ""
        if not chosen:  # no choice: the animal's own noun says which words the story uses (le petit renard, il)
            noun = lexicon(shown)["heroes"][hero]["noun"]
            st.caption(t("story.ui.gender_default", noun=noun, pronoun=t(f"story.ui.pronoun_{HERO_GENDER[hero]}")))
    companion = picture_choice_ui(t("story.ui.companion"), _options("companions", COMPANIONS, shown),
                                  key="story-companion")
    place = picture_choice_ui(t("story.ui.place"), _options("places", PLACES, shown), key="story-place", columns=5)
    obj = picture_choice_ui(t("story.ui.object"), _options("objects", OBJECTS, shown), key="story-object", columns=5)
    problems = {k: (lexicon(shown)["problems"][k]["emoji"], t(f"story.problems.{k}").capitalize()) for k in PROBLEMS}
    problem = picture_choice_ui(t("story.ui.problem"), problems, key="story-problem", columns=5)
    tones = {k: (TONE_EMOJI[k], t(f"story.tones.{k}").capitalize()) for k in TONES}
    tone = picture_choice_ui(t("story.ui.tone"), tones, key="story-tone", columns=3)
    data["pages"] = _pages_ui(int(data["pages"]))
    data["age"] = st.radio(t("story.ui.age"), AGES, index=AGES.index(data["age"]), horizontal=True,
                           key=key("story-age"))
    return {"hero_name": data["name"], "hero": hero, "hero_gender": data["gender"], "companion": companion,
            "place": place, "object": obj, "problem": problem, "tone": tone, "pages": data["pages"],
            "reading_age": data["age"], "language": data["language"],
            "author": _printable_author(participant.name if participant else "")}


PAGE_CHOICES = tuple(range(MIN_PAGES, MAX_PAGES + 1, 2))  # 4, 6, 8, 10, 12: one tap each
PAGE_PICTURES = ("📄", "📑", "📘", "📚", "📚")  # a short book to a long one


def _pages_ui(pages: int) -> int:
    """How many pages, as picture buttons: one tap is the choice that « Écrire l'histoire » reads. A slider
    moved with the arrows then left at once wrote the value it had before (its change is sent when it settles).
    A count outside PAGE_CHOICES (a book written elsewhere with 5 pages) is offered too, so it is kept."""
    counts = sorted({*PAGE_CHOICES, pages} if MIN_PAGES <= pages <= MAX_PAGES else PAGE_CHOICES)
    pictures = dict(zip(PAGE_CHOICES, PAGE_PICTURES))
    options = {n: (pictures.get(n, "📄"), t("story.ui.pages_n", n=n)) for n in counts}
    return picture_choice_ui(t("story.ui.pages"), options, key="story-pages", columns=len(counts),
                             default=pages if pages in counts else 6)


def _printable_author(name: str) -> str:
    """The participant's name for « Une histoire de … » without the signs the book's fonts lack (« Léo 🦖 » ->
    « Léo »), or "" (the hero's name stands) when its letters cannot be printed (a script that needs shaping):
    said on the page rather than refused at printing (safety.text.printable_name)."""
    from pipelines.safety.text import printable_name

    printed, _ = printable_name(name)
    if name.strip() and not printed:
        st.info(t("story.ui.author_unprintable", name=name))
    return printed


def typed_refusal(field: str, text: str) -> UserError | None:
    """The refusal of words typed for the book, else None: "hero_name" (a name: `safety.names.check_name_words`)
    or "page <n>" (`safety.text.check_words`), with the workshop's roster.

    Checked once per text a field holds (when it is committed), not on every rerun: that first check counts a
    refusal for the console (its category, never the words); the answer is kept for the reruns that follow."""
    from pipelines.safety.names import check_name_words
    from pipelines.safety.text import check_words

    if not str(text or "").strip():
        return None
    workshop = current_workshop()
    wid = workshop["id"] if workshop else None
    store = get_store()
    names = tuple(p["name"] for p in store.participants(wid)) if wid else ()
    known = st.session_state.setdefault("story-checked", {})
    entry = known.get(field)
    if entry is None or entry[:2] != (text, names):
        participant = current_participant()
        guard = {"names": list(names) or None, "store": store, "workshop_id": wid,
                 "participant_id": participant["id"] if participant else None}
        try:
            if field == "hero_name":
                check_name_words(text, field=field, **guard)
            else:
                check_words(text, field=field, **guard)
            refused = None
        except UserError as exc:
            refused = exc
        entry = known[field] = (text, names, refused)
    return entry[2]


def spec_from_choices(choices: dict) -> StorySpec:
    """A checked StorySpec (UserError for an empty or odd name, a blocked word in it or a toilet word for a name:
    said under the name and counted when it was typed, `typed_refusal`)."""
    spec = StorySpec(**choices).checked()
    if (refused := typed_refusal("hero_name", spec.hero_name)) is not None:
        raise refused
    return spec


def page_was_edited(typed: str, page_text: str) -> bool:
    """True only when the child changed the page: both sides normalised the same way (no-break spaces kept)."""
    return normalise_text(typed) != normalise_text(page_text)


def edit_pages_ui() -> None:
    """Every page's text (editable, refused when empty or blocked: the old text stays) and its mood."""
    story = current_story()
    st.subheader(story.title)
    for note in story.notes:
        st.info(note_text(note, lang()))
    st.caption(t("story.ui.edit_hint"))
    sid = story_id()
    drafts = page_drafts()
    for number, page in enumerate(story.pages, start=1):
        with st.container(border=True):
            cols = st.columns([4, 1])
            text = cols[0].text_area(t("story.ui.page_n", number=number), value=drafts.get(str(number), page.text),
                                     key=key(f"story-text-{sid}-{number}"), height=110)
            mood = cols[1].selectbox(t("story.ui.page_mood", number=number), MOODS, index=MOODS.index(page.mood),
                                     format_func=lambda m: t(f"story.moods.{m}"),
                                     key=key(f"story-mood-{sid}-{number}"))
            if mood != page.mood:
                story.pages[number - 1].mood = mood
                keep_story(story)
            drafts.pop(str(number), None)
            if page_was_edited(text, page.text):
                try:
                    if (refused := typed_refusal(f"page {number}", text)) is not None:  # the roster too, counted
                        raise refused
                    story = edit_page(story, number, text)
                    keep_story(story)
                    st.session_state["story-saved-page"] = (sid, number)
                except UserError as exc:
                    drafts[str(number)] = text  # kept in its box (and after a reload); the book waits for it
                    if st.session_state.get("story-saved-page") == (sid, number):  # this page's words refused
                        st.session_state.pop("story-saved-page")
                    st.error(exc.message(lang()))
            if st.session_state.get("story-saved-page") == (sid, number):  # said until another page is changed:
                st.success(t("story.ui.saved"))  # a rerun for anything else (a switch, a timer) no longer hides it


def music_voice_ui() -> dict:
    """Music on/off and the book's theme; read-aloud only when a voice for the book's language is installed.

    A switch never moves what is below it: the theme and the voice stay drawn (greyed out while their switch is
    off), so « Fabriquer mon livre » is still under the finger that switched the music off and taps it at once
    (it moved up by the theme's height, and the tap landed on the preview's title: nothing happened)."""
    from pipelines.music.api import choices as music_choices
    from pipelines.story.voice import voices_for

    story = current_story()
    data = choices_data()
    data.setdefault("music", True)
    data["music"] = st.toggle(t("story.ui.music_on"), value=bool(data["music"]), key=key("story-music"))
    options = {"music": data["music"]}
    genres = [""] + list(music_choices()["genres"])
    theme = data.get("theme", "")
    theme = st.selectbox(
        t("story.ui.theme"), genres, index=genres.index(theme) if theme in genres else 0, key=key("story-theme"),
        format_func=lambda g: t(f"music.genres.{g}") if g else t("story.ui.theme_none"), disabled=not data["music"])
    if data["music"]:
        data["theme"] = options["theme"] = theme
    voices = voices_for(story.language)
    if voices:
        data["voice_on"] = st.toggle(t("story.ui.voice_on"), value=bool(data.get("voice_on")), key=key("story-voice"))
        names = [v.name for v in voices]
        voice = data.get("voice", names[0])
        voice = st.radio(t("story.ui.voice_name"), names, index=names.index(voice) if voice in names else 0,
                         key=key("story-voice-name"), disabled=not data["voice_on"],
                         format_func=engine_labels(names))  # licences on the facilitator's screens only
        if data["voice_on"]:
            data["voice"] = options["voice"] = voice
    data["crop"] = options["crop_marks"] = st.checkbox(t("story.ui.crop_marks"), value=bool(data.get("crop")),
                                                       key=key("story-crop"))
    return options


def book_ui(options: dict) -> None:
    """Make the book (a job), then preview it page by page with its music, and download it."""
    story = current_story()
    waiting = sorted(int(number) for number in page_drafts())
    if waiting:  # a refused page: never a book with words the child did not write (the old text) and no word said
        st.warning(t("story.ui.make_waits", n=len(waiting), pages=", ".join(map(str, waiting))))
    if action_button(t("story.ui.make"), type="primary", use_container_width=True, key="story-make",
                 disabled=bool(waiting)) and not waiting:
        ai_pictures = bool(st.session_state.get("story-ai-pictures"))
        params = {"story": st.session_state["story"], "music": options.get("music", False),
                  "theme": options.get("theme", ""), "voice": options.get("voice", ""),
                  "crop_marks": options.get("crop_marks", False), "ai_pictures": ai_pictures,
                  "seed": st.session_state.get("story-seed", 0)}
        st.session_state["book-job"] = submit_job("story.make", params)
        st.session_state.pop("book-files", None)
    if st.session_state.get("book-job"):
        job = job_status_ui(st.session_state["book-job"], "story-make", expected=expected_time_text("story.make"))
        if job is None:
            return
        st.session_state.pop("book-job")
        if job.state != "done":
            return
        files = job.files()
        st.session_state["book-files"] = files
        made = story_with_result_files(Story.from_json(job.result["story"]), files)  # music heard in the preview
        st.session_state["book-story"] = json.loads(made.to_json())
        st.session_state["book-notes"] = job.result.get("notes", []) + job.result.get("warnings", [])
    files = st.session_state.get("book-files")
    if not files:
        return
    for note in st.session_state.get("book-notes", []):
        st.warning(note_text(note, lang()))
    preview_ui(Story.from_dict(st.session_state.get("book-story") or json.loads(story.to_json())))
    cols = st.columns(3)
    with cols[0]:
        download_ui(files["epub"], t("story.ui.download_epub"), "application/epub+zip", key="dl-story-epub",
                    what="storybook", title=story.title)
    with cols[1]:
        download_ui(files["pdf"], t("story.ui.download_pdf"), "application/pdf", key="dl-story-pdf",
                    what="storybook", title=story.title)
    with cols[2]:
        download_ui(files["booklet"], t("story.ui.download_booklet"), "application/pdf", key="dl-story-booklet",
                    what="storybook_booklet", title=story.title)
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
            # at most PREVIEW_PICTURE_PX wide: on a laptop (1280 x 800) the words stay in sight under it
            st.image(page.picture, alt=t("alt.story_picture"), width=PREVIEW_PICTURE_PX)
        text = html.escape(page.text)
        st.markdown(f"<p class='story-preview-text' style='font-size:1.6rem;line-height:1.5'>{text}</p>",
                    unsafe_allow_html=True)
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
