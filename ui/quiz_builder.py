"""Pack builder for the facilitator: human works with their credit, AI items made by jobs, import/export."""
from __future__ import annotations

import uuid

import streamlit as st

from pipelines.blindtest.jobs import ASKS
from pipelines.blindtest.library import PackLibrary
from pipelines.blindtest.pack import PackInvalid, picture_bytes
from pipelines.blindtest.starter import GENRES, INSTRUMENTS, MOODS
from pipelines.imagegen import STYLES
from pipelines.safety.uploads import sanitize_image
from pipelines.store.files import write_bytes_atomic

from .i18n import error_text, lang, t
from .jobs import job_status_ui, submit_job
from .quiz_host import TRUTH_MARKS
from .session import can_upload_photos
from .widgets import action_button, backend_choice_ui, download_ui, text_box

LICENCES = ("CC0 1.0", "CC BY 4.0", "CC BY-SA 4.0", "Public domain", "author-permission")
# Pictures are not filtered by their name: every file goes to the upload checks (sanitize_image), which take a
# phone's HEIC or a GIF and answer anything else with a sentence (not Streamlit's bare "file type not allowed").
HUMAN_MEDIA = ("image", "audio", "text")  # a person's work, in the order the builder offers it
EXPLANATION_MAX = 400  # letters of the clues shown with the answer
PROMPT_MAX = 160  # letters of the sentence the AI draws from, and of its decoys


def _round(form: str) -> int:
    """Which filling of `form` this is: its widgets are keyed by it, so a new round starts them empty.

    The builder's forms are emptied only once their item is made: Streamlit's clear_on_submit emptied them at
    every tap, and a refused file (a .txt renamed .jpg, a damaged photo) took the credit and the clues typed with
    it away."""
    return st.session_state.get(f"{form}-round", 0)


def _emptied(form: str) -> None:
    """The item of `form` is made: its next round starts empty."""
    st.session_state[f"{form}-round"] = _round(form) + 1


def _licence_label(licence: str) -> str:
    return t("quiz.builder.author_permission") if licence == "author-permission" else licence


def problems_ui(exc: BaseException) -> None:
    """Every problem of a pack, one line each, in the user's language."""
    if isinstance(exc, PackInvalid):
        for problem in exc.problems:
            st.error(problem.text(lang()))
    else:
        st.error(error_text(exc, formal=True))


def builder_ui() -> None:
    library = PackLibrary()
    own = [e for e in library.entries() if not e.name.startswith("starter")]
    with st.form("quiz-new-pack"):
        title = st.text_input(t("quiz.builder.new_title"))
        if st.form_submit_button(f"➕ {t('quiz.builder.create')}", use_container_width=True):
            try:
                entry = library.create(title, lang())
                st.session_state["quiz-building"] = entry.name
                st.rerun()
            except Exception as exc:
                problems_ui(exc)
    if not own:
        st.info(t("quiz.builder.none"))
        return
    names = [e.name for e in own]
    current = st.session_state.get("quiz-building")
    chosen = st.selectbox(t("quiz.builder.pick"), names, index=names.index(current) if current in names else 0,
                          format_func={e.name: e.title for e in own}.get, key="quiz-building-pick")
    entry = library.entry(library.folder(chosen))
    items_ui(library, entry)
    human_ui(library, entry)
    ai_music_ui(entry)
    ai_drawn_picture_ui(entry)
    ai_picture_ui(entry)


def items_ui(library: PackLibrary, entry) -> None:
    st.markdown(f"#### 📦 {entry.title} — {t('quiz.host.items', n=len(entry.items))}")
    for item in entry.items:
        cols = st.columns([5, 1])
        truth = TRUTH_MARKS.get(item.get("truth"), "")
        cols[0].markdown(f"{truth} **{item.get('id')}** · {t('quiz.mode.' + item.get('mode', 'ai_or_human'))} · "
                         f"{item.get('credit') or item.get('model') or ''}")
        if cols[1].button("🗑️", key=f"quiz-del-{entry.name}-{item.get('id')}", help=t("quiz.builder.remove")):
            library.remove_item(entry.folder, item["id"])
            st.rerun()
    if entry.items and entry.problems:
        with st.expander(f"⚠️ {t('quiz.builder.problems', n=len(entry.problems))}"):
            for problem in entry.problems:
                st.write(problem.text(lang()))


def human_ui(library: PackLibrary, entry) -> None:
    """A human work (photo, drawing, recording, text) with its credit and licence."""
    with st.expander(f"🧑 {t('quiz.builder.add_human')}"):
        media = st.radio(t("quiz.builder.media"), list(HUMAN_MEDIA), horizontal=True, key="quiz-human-media",
                         format_func=lambda m: t(f"quiz.media.{m}"))
        n = _round("quiz-human")
        with st.form("quiz-human"):
            # the pack check names the expected types
            upload = st.file_uploader(t("quiz.builder.file"), key=f"quiz-human-file-{n}")
            if media == "image":
                st.caption(t("upload_formats.pictures"))
            credit = st.text_input(t("quiz.builder.credit"), key=f"quiz-human-credit-{n}")
            licence = st.selectbox(t("quiz.builder.licence"), LICENCES,
                                   format_func=_licence_label, key=f"quiz-human-licence-{n}")
            explanation = text_box(t("quiz.builder.explanation"), EXPLANATION_MAX, key=f"quiz-human-clues-{n}",
                                   area=True)
            if st.form_submit_button(f"➕ {t('quiz.builder.add')}", type="primary", use_container_width=True) \
                    and explanation is not None:  # too long: said under the box, kept there
                add_human(library, entry, media, upload, credit, licence, explanation)


def add_human(library: PackLibrary, entry, media: str, upload, credit: str, licence: str, explanation: str) -> None:
    if upload is None:
        st.error(t("quiz.builder.err_no_file"))
        return
    if media == "image" and not can_upload_photos():
        st.error(t("sidebar.no_consent"))
        return
    data, extension = upload.getvalue(), "." + upload.name.rsplit(".", 1)[-1].lower()
    try:
        if media == "image":  # every uploaded picture is cleaned: no EXIF/GPS, checked decoder and size
            data, extension = picture_bytes(sanitize_image(data, downscale=True).image), ".png"
        licence_text = t("quiz.builder.author_permission") if licence == "author-permission" else licence
        item = {"id": credit or media, "mode": "ai_or_human", "media": media, "truth": "human",
                "credit": credit, "licence": licence_text, "explanation": explanation}
        library.add_item(entry.folder, item, data, extension)
        st.success(t("quiz.builder.added"))
        _emptied("quiz-human")
        st.rerun()
    except Exception as exc:
        problems_ui(exc)


def _job_ui(key: str) -> bool:
    """Follow a builder job; True while it runs."""
    job_id = st.session_state.get(key)
    if not job_id:
        return False
    job = job_status_ui(job_id, key)
    if job is None:
        return True
    st.session_state.pop(key)
    if job.state == "done":
        st.success(t("quiz.builder.added"))
    return False


def ai_music_ui(entry) -> None:
    """A clip from any installed music engine, as an "AI or human?" or a "guess the mood/genre/instrument" item."""
    with st.expander(f"🤖🎶 {t('quiz.builder.add_music')}"):
        if _job_ui("quiz-music-job"):
            return
        backend = backend_choice_ui("music.generate", key="quiz-music-backend")
        if backend is None:
            return
        cols = st.columns(3)
        mood = cols[0].selectbox(t("quiz.builder.mood"), MOODS, format_func=lambda m: t(f"quiz.starter.mood.{m}"))
        genre = cols[1].selectbox(t("quiz.builder.genre"), ("",) + GENRES,
                                  format_func=lambda g: t(f"quiz.starter.genre.{g}") if g else "—")
        instrument = cols[2].selectbox(t("quiz.builder.instrument"), ("",) + INSTRUMENTS,
                                       format_func=lambda i: t(f"quiz.starter.instrument.{i}") if i else "—")
        ask = st.radio(t("quiz.builder.ask"), ASKS, horizontal=True, format_func=lambda a: t(f"quiz.builder.ask_{a}"))
        seconds = st.slider(t("quiz.builder.seconds"), 5, 20, 10)
        if action_button(f"🎼 {t('quiz.builder.make')}", type="primary", use_container_width=True, key="quiz-music-go"):
            st.session_state["quiz-music-job"] = submit_job("quiz.music_item", {
                "pack": entry.name, "mood": mood, "genre": genre, "instrument": instrument, "ask": ask,
                "seconds": seconds, "backend": backend, "language": lang()})
            st.rerun()


def ai_drawn_picture_ui(entry) -> None:
    """A picture the studio's text->image AI draws from a sentence (only when one is installed): a
    "which prompt?" item whose real prompt is the sentence, or an "AI or human?" item."""
    from pipelines import backends

    if not backends.available("imagegen.txt2img"):
        return  # absent without a model: the models page explains how to install one
    with st.expander(f"🤖✨ {t('quiz.builder.add_drawn')}"):
        if _job_ui("quiz-drawn-job"):
            return
        backend = backend_choice_ui("imagegen.txt2img", key="quiz-drawn-backend")
        if backend is None:
            return
        n = _round("quiz-drawn")
        with st.form("quiz-drawn"):
            subject = text_box(t("quiz.builder.drawn_prompt"), PROMPT_MAX, key=f"quiz-drawn-subject-{n}")
            style = st.selectbox(t("quiz.builder.style"), list(STYLES), key=f"quiz-drawn-style-{n}",
                                 format_func=lambda s: f"{STYLES[s].emoji} {t('quiz.starter.style.' + s)}")
            ask = st.radio(t("quiz.builder.ask"), ("which_prompt", "ai_or_human"), horizontal=True,
                           format_func=lambda a: t(f"quiz.builder.drawn_ask_{a}"), key=f"quiz-drawn-ask-{n}")
            decoys = text_box(t("quiz.builder.drawn_decoys"), PROMPT_MAX, key=f"quiz-drawn-decoys-{n}")
            if st.form_submit_button(f"✨ {t('quiz.builder.make')}", type="primary", use_container_width=True) \
                    and subject is not None and decoys is not None:  # too long: said under the box, kept there
                try:
                    check_drawn_prompt(subject)
                    st.session_state["quiz-drawn-job"] = submit_job("quiz.ai_picture_item", {
                        "pack": entry.name, "subject": subject, "style": style, "ask": ask, "backend": backend,
                        "decoys": [d.strip() for d in decoys.split(",") if d.strip()], "language": lang()})
                    _emptied("quiz-drawn")
                    st.rerun()
                except Exception as exc:
                    st.error(error_text(exc, formal=True))


def check_drawn_prompt(subject: str) -> None:
    """An empty or refused sentence is explained at once (and counted), before any job."""
    from pipelines.safety.prompts import screen

    from .runtime import get_store
    from .session import current_workshop, owner_id

    workshop = current_workshop()
    screen(subject, language=lang(), store=get_store(), workshop_id=workshop["id"] if workshop else None,
           model=False, empty_key="quiz.builder.err_subject", participant_id=owner_id())


def ai_picture_ui(entry) -> None:
    """A picture redrawn by the comic stylisation, as a "which prompt?" item."""
    with st.expander(f"🤖🖼️ {t('quiz.builder.add_picture')}"):
        if _job_ui("quiz-picture-job"):
            return
        n = _round("quiz-picture")
        with st.form("quiz-picture"):
            upload = st.file_uploader(t("quiz.builder.source_picture"), key=f"quiz-picture-file-{n}")
            st.caption(t("upload_formats.pictures"))
            subject = st.text_input(t("quiz.builder.subject"), key=f"quiz-picture-subject-{n}")
            style = st.selectbox(t("quiz.builder.style"), list(STYLES), key=f"quiz-picture-style-{n}",
                                 format_func=lambda s: f"{STYLES[s].emoji} {t('quiz.starter.style.' + s)}")
            credit = st.text_input(t("quiz.builder.source_credit"), key=f"quiz-picture-credit-{n}")
            licence = st.selectbox(t("quiz.builder.licence"), LICENCES, key=f"quiz-picture-licence-{n}",
                                   format_func=_licence_label)
            if st.form_submit_button(f"🎨 {t('quiz.builder.make')}", type="primary", use_container_width=True):
                if upload is None or not subject.strip():
                    st.error(t("quiz.builder.err_picture_fields"))
                elif not can_upload_photos():
                    st.error(t("sidebar.no_consent"))
                else:
                    try:
                        clean = sanitize_image(upload.getvalue())
                    except Exception as exc:
                        st.error(error_text(exc, formal=True))
                        return
                    # The upload belongs to the workshop (purged with it); the pack keeps only its stylised item.
                    from .runtime import get_store
                    from .session import current_workshop, owner_id

                    workshop = current_workshop()
                    folder = get_store().artifact_dir(workshop["id"] if workshop else None, "quiz-uploads",
                                                    owner=owner_id())
                    source = write_bytes_atomic(folder / f"{uuid.uuid4().hex}.png", clean.png_bytes())
                    licence_text = t("quiz.builder.author_permission") if licence == "author-permission" else licence
                    st.session_state["quiz-picture-job"] = submit_job("quiz.picture_item", {
                        "pack": entry.name, "source": str(source), "subject": subject, "style": style,
                        "credit": credit, "licence": licence_text, "language": lang()})
                    _emptied("quiz-picture")
                    st.rerun()


def share_ui() -> None:
    """Import a pack zip from another library; export one of ours."""
    library = PackLibrary()
    st.markdown(f"#### 📥 {t('quiz.builder.import')}")
    # no `type=`: Streamlit refuses other files in English; the pack check says it in the patron's language
    upload = st.file_uploader(t("quiz.builder.import_file"), key="quiz-import")
    if upload is not None and st.button(f"📥 {t('quiz.builder.import_go')}", use_container_width=True):
        try:
            entry = library.import_zip(upload.getvalue(), upload.name)
            st.success(t("quiz.builder.imported", title=entry.title, n=len(entry.items)))
        except Exception as exc:
            problems_ui(exc)
    st.markdown(f"#### 📤 {t('quiz.builder.export')}")
    for entry in library.entries():
        cols = st.columns([3, 2])
        cols[0].markdown(f"📦 **{entry.title}** — {t('quiz.host.items', n=len(entry.items))}")
        with cols[1]:
            if entry.playable:
                zip_path = library.export_zip(entry.folder)
                download_ui(zip_path, f"📤 {t('quiz.builder.export_go')}", "application/zip", key=f"zip-{entry.name}",
                            what="quiz_pack", who="", title=entry.title)
            else:
                st.caption(t("quiz.builder.not_playable"))
