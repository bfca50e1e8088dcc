"""The comics workshop's steps (Streamlit): layout, story, hero, panels, bubbles, preview and print."""
from __future__ import annotations

import functools
import random
from pathlib import Path

import streamlit as st

from pipelines.comics.bubbles import KIND_EMOJI, KINDS, POSITION_ARROWS, POSITIONS, next_free_position
from pipelines.comics.layouts import LAYOUTS, thumbnail_path
from pipelines.comics.page import check_bubble_fits, check_page, compose, is_empty
from pipelines.comics.workshop import empty_panels, img2img_ready, txt2img_ready
from pipelines.config import settings
from pipelines.i18n import UserError
from pipelines.safety.text import check_words, field_words

from .comics_panels import panel_errors_ui, panels_step_ui
from .comics_state import comic_state, page_spec, save_upload, work_dir
from .i18n import error_text, lang, t
from .jobs import expected_time_text, job_status_ui, submit_job
from .runtime import get_store
from .session import can_upload_photos, current_workshop, owner_id
from .widgets import action_button, download_ui, picture_choice_ui, picture_uploader
from .work import wkey

__all__ = ["bubbles_step_ui", "comic_state", "export_step_ui", "hero_step_ui", "layout_step_ui", "panel_errors_ui",
           "panels_step_ui", "story_step_ui"]

GRID = [["top-left", "top", "top-right"], ["left", "centre", "right"], ["bottom-left", "bottom", "bottom-right"]]
# A bubble's move buttons: a grid of as many columns as fit with whole words (a tablet in portrait with the
# menu open leaves ~190 px: one per row), their words wrapping rather than ending in "…".
MOVES_CSS = """<style>
[class*="st-key-comic-moves-"] [data-testid="stHorizontalBlock"] {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr)); gap: 0.5rem; }
[class*="st-key-comic-moves-"] [data-testid="stColumn"] { width: auto; min-width: 0; }
[class*="st-key-comic-moves-"] button [data-testid="stMarkdownContainer"],
[class*="st-key-comic-moves-"] button [data-testid="stMarkdownContainer"] p {
  white-space: normal; overflow: visible; text-overflow: clip; }
</style>"""


# -- 1. layout -------------------------------------------------------------------------------
def layout_step_ui(comic: dict) -> None:
    """Pick a layout from pictures of the pages."""
    folder = settings().data_dir / "cache" / "comics"
    options = {lid: (str(thumbnail_path(layout, folder)),
                     f"{t(layout.label)} · {t('comics.ui.layout_count', n=layout.panel_count)}")
               for lid, layout in LAYOUTS.items()}
    picked = picture_choice_ui(t("comics.ui.layout_pick"), options, key="comic-layout", columns=4,
                               default=comic["layout"])
    if picked != comic["layout"]:
        comic["layout"] = picked
        comic_state()
    count = LAYOUTS[picked].panel_count
    aside = [str(i + 1) for i, p in enumerate(comic["panels"][count:], start=count) if p["image"] or p["story"]]
    if aside:
        st.info(t("comics.ui.layout_shrink", numbers=", ".join(aside)))


# -- 2. story --------------------------------------------------------------------------------
def story_step_ui(comic: dict) -> None:
    """Title, authors, and one story line per panel (guided beats or free)."""
    # no max_chars: Streamlit drops a paste longer than it and the old text comes back; the words stay and a
    # sentence says how many letters at most (LIMITS, checked with the words)
    comic["title"] = st.text_input(t("comics.ui.title_label"), value=comic.get("title", ""),
                                   key=wkey("comic", "comic-title"))
    if refusal := (_unprintable(comic["title"], "title") or _refusal("title", comic["title"])
                   or _title_too_long(comic["title"])):
        st.error(refusal)  # said here, where it was typed, not only once the page is previewed
    comic["authors"] = st.text_input(t("comics.ui.authors_label"), value=comic.get("authors", ""),
                                     key=wkey("comic", "comic-authors"))
    if refusal := _refusal("authors", comic["authors"]):
        st.error(refusal)
    for note in authors_notes(comic["authors"]):
        st.info(note)  # the page can still be made: the name prints as it can, or as a line to write it by hand
    modes = ["guided", "free"]
    mode = comic["mode"] = st.radio(t("comics.ui.story_mode"), modes, horizontal=True, key=wkey("comic", "comic-mode"),
                                    index=modes.index(comic.get("mode", "guided")),
                                    format_func=lambda m: t(f"comics.ui.{m}"))
    beats = t("comics.ui.beats")
    count = LAYOUTS[comic["layout"]].panel_count
    for i in range(count):
        label = beats[i] if mode == "guided" and i < len(beats) else (
            t("comics.ui.beat_more") if mode == "guided" else t("comics.ui.panel_line", n=i + 1))
        comic["panels"][i]["story"] = st.text_input(f"{i + 1}. {label}", value=comic["panels"][i]["story"],
                                                    key=wkey("comic", f"comic-story-{i}"))
        if refusal := _refusal(f"line-{i}", comic["panels"][i]["story"]):
            st.error(refusal)  # under the line, which stays in its box to change; the page is not printed with it


def authors_notes(authors: str) -> list[str]:
    """What the printed page does with each typed author's name the lettering's fonts cannot set whole, said under
    the box (the same safety.text.printable_name as the console, the quiz and the storybook): a dotted line to write
    it by hand (pipelines.comics.page.author_line), or the name without the signs left out; [] when all print."""
    from pipelines.comics.lettering import chain as lettering_chain
    from pipelines.safety.text import printable_name

    notes = []
    for name in (a.strip() for a in str(authors or "").split(",")):
        printed, left_out = printable_name(name, lettering_chain(False)) if name else (name, [])
        if not printed and name:
            notes.append(t("comics.ui.author_by_hand", name=name))
        elif left_out:
            notes.append(t("comics.ui.author_prints_as", name=name, printed=printed, chars=" ".join(left_out)))
    return notes


def _roster() -> tuple[int | None, list[str] | None]:
    """The current workshop's id and its participants' first names (None, None outside a workshop)."""
    workshop = current_workshop()
    wid = workshop["id"] if workshop else None
    return wid, ([p["name"] for p in get_store().participants(wid)] if wid else None)


# Letters at most in each typed field of the comic (what fits its place on the page; a bubble's text is also
# checked against its panel's room when added). "line" is each panel's story line.
LIMITS = {"title": 60, "authors": 80, "hero_name": 40, "hero_look": 200, "line": 160, "bubble": 160}


def _too_long(field: str, text: str, where: str = "") -> UserError | None:
    """UserError 'comics.ui.too_long' (letters typed, letters at most, where) when `text` is longer than its
    field's LIMITS ("title", "authors", "hero_name", "hero_look", "line-<i>", "bubble"), else None.
    `where`: a bubble's "panel.bubble" (e.g. "2.1")."""
    limit = LIMITS["line" if field.startswith("line-") else field]
    length = len(str(text or "").strip())
    if length <= limit:
        return None
    if field.startswith("line-"):
        place = {"where_key": "typed.fields.line", "where_params": {"n": int(field[5:]) + 1}}
    elif field == "hero_look":
        place = {"where_key": "typed.fields.hero_look"}
    else:
        place = {"where_key": field_words(where if field == "bubble" else field)["field_key"],
                 "where_params": field_words(where if field == "bubble" else field).get("field_params", {})}
    return UserError("comics.ui.too_long", length=length, n=limit, **place)


def _check_field(field: str, text: str, **guard) -> None:
    """The check of one typed field of the comic (UserError when refused): "title", "authors" (names, each),
    "hero_name", "hero_look" or "line-<i>" (panel i's story line); `guard`: check_words' roster and counting."""
    from pipelines.comics.page import check_story_line
    from pipelines.comics.workshop import check_hero
    from pipelines.safety.names import check_name_words

    if (too_long := _too_long(field, text)) is not None:
        raise too_long
    if field.startswith("line-"):
        check_story_line(text, int(field[5:]) + 1, **guard)
    elif field == "authors":
        for author in (a.strip() for a in text.split(",")):
            check_name_words(author, field="authors", **guard)
    elif field in ("hero_name", "hero_look"):
        check_hero({"hero": {"name": text if field == "hero_name" else "",
                             "look": text if field == "hero_look" else ""}}, **guard)
    else:
        check_words(text, field=field, **guard)


def _refusal(field: str, text: str) -> str:
    """The kind sentence under a typed field when its words are refused (`_refused`), else ""."""
    refused = _refused(field, text)
    return error_text(refused) if refused is not None else ""


def _refused(field: str, text: str) -> UserError | None:
    """The refusal of a typed field's words (`_check_field`, roster included), else None.

    Checked once per text a field holds (when it is committed: Enter or leaving the box), not on every rerun;
    that first check counts a refusal for the console (its category, never the words), the answer is kept
    for the reruns that follow (a tap elsewhere, a job's progress) so they cost nothing and say the same: a
    rerun that reads the store or the guard for every field is slower, and a slower rerun can race the next
    words typed in a box (a bubble's text cleared after it was typed)."""
    if not str(text or "").strip():
        return None
    known = st.session_state.setdefault("comic-checked", {})
    entry = known.get(field)
    if entry is None or entry[0] != text:  # the roster as it is when the text is typed (printing reads it again)
        wid, names = _roster()
        try:
            _check_field(field, text, names=names, store=get_store(), workshop_id=wid, participant_id=owner_id())
            refused = None
        except UserError as exc:
            refused = exc
        entry = known[field] = (text, refused)
    return entry[1]


def typed_refusal(comic: dict, lines=None) -> UserError | None:
    """The first refusal of the comic's typed fields (`_refused`: the title, authors, hero's name and look, and the
    story lines `lines`, default all the layout's), else None. Each text is counted once, when first checked:
    a tap that asks for the page or a panel again counts nothing more."""
    count = LAYOUTS[comic["layout"]].panel_count
    fields = [("title", comic.get("title", "")), ("authors", comic.get("authors", "")),
              ("hero_name", comic["hero"]["name"]), ("hero_look", comic["hero"]["look"])]
    fields += [(f"line-{i}", comic["panels"][i]["story"]) for i in (range(count) if lines is None else lines)]
    return next((refused for field, text in fields if (refused := _refused(field, text)) is not None), None)


def line_refused(comic: dict, i: int) -> bool:
    """True when panel i's story line is refused by the words guard (said under the line, story step)."""
    return bool(_refusal(f"line-{i}", comic["panels"][i]["story"]))


def _words_refusal(text: str, field: str, counted: bool = False) -> str:
    """The kind sentence when the words guard refuses `text` (roster names included), else "".
    `counted`: the refusal is counted for the console (once per tap, not on every rerun)."""
    wid, names = _roster()
    try:
        check_words(text, field=field, names=names, store=get_store() if counted else None, workshop_id=wid,
                    participant_id=owner_id())
    except UserError as exc:
        return error_text(exc)
    return ""


def _title_too_long(title: str) -> str:
    """The sentence when the title cannot be lettered on one line of the page, else ""."""
    from pipelines.comics.page import title_size
    from pipelines.comics.typography import letter_text

    try:
        if title.strip():
            title_size(letter_text(title, lang()))
    except UserError as exc:
        return error_text(exc)
    return ""


def _unfit(layout: str, panel_index: int, kind: str, text: str, index: int) -> str:
    """The sentence when the bubble cannot be lettered readably in its panel (a word too long, too much text)."""
    try:
        check_bubble_fits(layout, panel_index, kind, text, lang(), index)
    except UserError as exc:
        return error_text(exc)
    return ""


@functools.lru_cache(maxsize=512)
def bubble_fits(layout: str, panel_index: int, kind: str, text: str, language: str) -> bool:
    """True when a bubble's text can be lettered readably in panel `panel_index` (from 0) of `layout`
    (page.check_bubble_fits). Kept per text: the bubbles' list asks on every rerun, and the answer never changes."""
    try:
        check_bubble_fits(layout, panel_index, kind, text, language, 1)
    except UserError:
        return False
    return True


def _unprintable(text: str, field: str) -> str:
    """The print pages' sentence when the lettering fonts cannot print `text` (an emoji...), else ""."""
    from pipelines.comics.lettering import chain as lettering_chain
    from pipelines.safety.text import check_printable

    try:
        check_printable(text, lettering_chain(True), field=field)
    except UserError as exc:
        return error_text(exc)
    return ""


# -- 3. hero ---------------------------------------------------------------------------------
def hero_step_ui(comic: dict) -> None:
    """The hero sheet: name, look, magic number (seed), optional picture."""
    hero = comic["hero"]
    left, right = st.columns([2, 1])
    with left:
        hero["name"] = st.text_input(t("comics.ui.hero_name"), value=hero["name"],
                                     key=wkey("comic", "comic-hero-name"))
        if refusal := _refusal("hero_name", hero["name"]):
            st.error(refusal)
        hero["look"] = st.text_area(t("comics.ui.hero_look"), value=hero["look"], key=wkey("comic", "comic-hero-look"),
                                    height=90)
        if refusal := _refusal("hero_look", hero["look"]):
            st.error(refusal)
        ai = txt2img_ready() or img2img_ready()  # the magic number only means something to an AI model
        if ai:
            seed_col, dice_col = st.columns([2, 1])
            with dice_col:
                st.write("")
                if st.button(t("comics.ui.hero_dice"), key="comic-hero-dice", width="stretch"):
                    hero["seed"] = random.randint(1, 99999)
                    st.session_state[wkey("comic", "comic-hero-seed")] = hero["seed"]
            with seed_col:
                hero["seed"] = int(st.number_input(t("comics.ui.hero_seed"), 1, 99999, value=int(hero["seed"]),
                                                   key=wkey("comic", "comic-hero-seed"),
                                                   help=t("comics.ui.hero_seed_help")))
        if can_upload_photos():
            upload = picture_uploader(t("comics.ui.hero_ref"), key=wkey("comic", "comic-hero-ref"))
            if upload is not None:
                saved = save_upload(upload.getvalue(), work_dir(comic) / "hero.png")
                if saved:
                    hero["ref"] = saved
        else:
            st.info(t("comics.ui.no_photo"))
    with right, st.container(border=True):
        st.markdown(f"**🦸 {t('comics.ui.hero_sheet')}**")
        if hero["ref"] and Path(hero["ref"]).exists():
            st.image(hero["ref"], alt=t("alt.hero"), width="stretch")
        # refused words are said under their box, not shown on the sheet
        name = hero["name"] if _refused("hero_name", hero["name"]) is None else ""
        look = hero["look"] if _refused("hero_look", hero["look"]) is None else ""
        st.markdown(f"**{name or '…'}** — {look or '…'}")
        if ai:
            st.caption(f"#{hero['seed']} · {t('comics.ui.hero_used')}")


# -- 5. bubbles ------------------------------------------------------------------------------
def bubbles_step_ui(comic: dict) -> None:
    """Add bubbles to a panel: kind, text, position, where the speaker is; nudge or remove them."""
    count = LAYOUTS[comic["layout"]].panel_count
    i = st.segmented_control(t("comics.ui.bubbles_for"), list(range(count)), default=0, required=True,
                             key=wkey("comic", "comic-bubble-panel"), format_func=lambda n: f"{n + 1}")
    i = i if i is not None and i < count else 0  # a layout of fewer panels chosen since
    panel = comic["panels"][i]
    # the box's words belong to the panel they were typed for: another panel shows its own (empty at first),
    # and a refused text waits in its panel to be mended instead of following the child to the next one
    box = wkey("comic", "comic-bubble-text")
    drafts = st.session_state.setdefault("comic-bubble-drafts", {})
    shown_for = st.session_state.get("comic-bubble-for")
    if shown_for is not None and shown_for != i:
        drafts[shown_for] = str(st.session_state.get(box, ""))
        st.session_state[box] = drafts.pop(i, "")
    st.session_state["comic-bubble-for"] = i
    # before the box is drawn, the words of the bubble just added go (no duplicate by a second tap); only those:
    # on a loaded machine this run may come after the child typed the next bubble's words, which stay
    added = st.session_state.pop("comic-bubble-clear", None)
    if isinstance(added, str) and str(st.session_state.get(box, "")).strip() == added:
        st.session_state[box] = ""
    # the words of a bubble removed because it no longer fits come back in the box, to shorten (never over words typed)
    back = st.session_state.pop("comic-bubble-back", None)
    if isinstance(back, str) and not str(st.session_state.get(box, "")).strip():
        st.session_state[box] = back
    empty = not (panel["image"] and Path(panel["image"]).exists())
    if empty:  # said here, where the child is, in their words (not at printing, about files)
        st.warning(t("comics.ui.bubble_needs_picture", n=i + 1))
    left, right = st.columns([3, 2])
    with left:
        kind = st.segmented_control(t("comics.ui.bubble_kind"), KINDS, default=KINDS[0], required=True,
                                    key=wkey("comic", "comic-bubble-kind"),
                                    format_func=lambda k: f"{KIND_EMOJI[k]} {t('comics.kinds.' + k)}") or KINDS[0]
        text = st.text_area(t("comics.ui.bubble_text"), key=box, height=80)
        # unless the child picks a place, a new bubble takes one no other bubble of this panel uses yet
        free = next_free_position(b["position"] for b in panel["bubbles"])
        position = grid_choice_ui(t("comics.ui.bubble_position"), "comic-bubble-pos", free, keep_default=False)
        tail = None
        if kind != "caption":
            tail = grid_choice_ui(t("comics.ui.bubble_tail"), "comic-bubble-tail", "bottom", allow_none=True)
        tapped = action_button(t("comics.ui.bubble_add"), key="comic-bubble-add", type="primary", width="stretch",
                               disabled=empty)
        # the tap's message has a slot drawn on every run: a tap that moves or removes a bubble, or picks a place,
        # reruns the page before the run ends, and a message drawn only on the run of « Ajouter » stayed beside
        # the changed bubbles until the next run had ended (seconds while the preview is drawn)
        said = st.empty()
        if tapped:
            field = f"{i + 1}.{len(panel['bubbles']) + 1}"
            if not text.strip():
                said.error(t("comics.ui.bubble_empty"))
            elif too_long := _too_long("bubble", text.strip(), field):
                said.error(error_text(too_long))  # the words stay in the box, to shorten
            elif unprintable := _unprintable(text, field):
                said.error(unprintable)  # said now, not at printing time: the words stay in the box to mend
            elif unfit := _unfit(comic["layout"], i, kind, text.strip(), len(panel["bubbles"]) + 1):
                said.error(unfit)  # a word too long to read, or too much text: the words stay in the box
            elif refusal := _words_refusal(text, field, counted=True):
                said.error(refusal)  # the words stay in the box, to change them
            else:
                target = None
                if tail:
                    fx, fy = POSITIONS[tail]
                    target = [0.1 + 0.8 * fx, 0.15 + 0.8 * fy]
                panel["bubbles"].append({"kind": kind, "text": text.strip(), "position": position,
                                         "nudge": [0, 0], "tail": target})
                st.session_state["comic-bubble-clear"] = text.strip()  # an empty box: no duplicate by a second tap
                st.session_state.pop("comic-bubble-pos", None)  # the next bubble goes to the next free place
                st.rerun()
    with right:
        st.html(MOVES_CSS)
        if not panel["bubbles"]:
            st.caption(t("comics.ui.no_bubbles"))
        for b, bubble in enumerate(panel["bubbles"]):
            with st.container(border=True):
                st.markdown(f"{KIND_EMOJI[bubble['kind']]} **{t('comics.ui.bubble_n', n=b + 1)}** — {bubble['text']}")
                # a bubble added in a wider panel (another layout chosen since) may no longer fit: said on it
                unfit = not bubble_fits(comic["layout"], i, bubble["kind"], bubble["text"], lang())
                if unfit:
                    st.warning(t("comics.ui.bubble_no_longer_fits"))
                # words with the arrows (an emoji alone shows as a blank pill on some tablets), as many per row
                # as fit whole (MOVES_CSS); the words say what they do, no tooltip to hide the next button
                moves = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}
                cells = st.container(key=f"comic-moves-{i}-{b}").columns(4)
                for cell, (name, (dx, dy)) in zip(cells, moves.items()):
                    if cell.button(t(f"comics.ui.bubble_{name}"), key=f"comic-nudge-{i}-{b}-{name}", width="stretch"):
                        bubble["nudge"] = [bubble["nudge"][0] + dx, bubble["nudge"][1] + dy]
                        st.rerun()
                if st.button(t("comics.ui.bubble_delete"), key=f"comic-remove-{i}-{b}", width="stretch"):
                    panel["bubbles"].pop(b)
                    if unfit:
                        st.session_state["comic-bubble-back"] = bubble["text"]
                    st.rerun()
    preview_ui(comic, dpi=45)


def grid_choice_ui(label: str, key: str, default: str, allow_none: bool = False,
                   keep_default: bool = True) -> str | None:
    """A 3x3 grid of arrow buttons for a place in the panel (no dragging needed). Only a tap is kept when
    `keep_default` is False, so that the default may change from one run to the next (the next free place)."""
    if key not in st.session_state and keep_default:
        st.session_state[key] = default
    current = st.session_state.get(key, default)
    st.markdown(f"**{label}** — {t('comics.positions.' + current) if current else t('comics.ui.tail_none')}")
    for row in GRID:
        cols = st.columns(3)
        for col, name in zip(cols, row):
            if col.button(POSITION_ARROWS[name], key=f"{key}-{name}", width="stretch",
                          type="primary" if name == current else "secondary", help=t("comics.positions." + name)):
                st.session_state[key] = name
                st.rerun()
    if allow_none and st.button(t("comics.ui.tail_none"), key=f"{key}-none",
                                type="primary" if current is None else "secondary"):
        st.session_state[key] = None
        st.rerun()
    return st.session_state.get(key, default)


# -- 6. preview and print ---------------------------------------------------------------------
def preview_ui(comic: dict, dpi: int = 60) -> bool:
    """The page drawn small (quick, in the page); False with the message when something is wrong."""
    from pipelines.comics.build import mention_text
    from pipelines.comics.render import render_png

    page = page_spec(comic)
    try:
        composed = compose(page, mention=mention_text(lang()), by=t("comics.render.by"),
                           and_word=t("comics.render.and"))
    except UserError as exc:
        st.error(error_text(exc))
        return False
    st.image(render_png(composed, dpi=dpi), caption=t("comics.ui.preview"), alt=t("comics.ui.preview"), width="stretch")
    return True


def export_step_ui(comic: dict) -> None:
    """Preview, then the print job: A4 PDF (bleed, crop marks), page PNG, each panel."""
    from pipelines.comics.build import mention_text

    left, right = st.columns([1, 1])
    with left:
        ok = preview_ui(comic, dpi=60)
    with right:
        page = page_spec(comic)
        if page.ai_made:
            st.caption(t("comics.ui.uses_ai", mention=mention_text(lang())))
        empty = empty_panels(comic)
        if empty:  # said above the button, with their numbers: printed, they are empty frames to draw in by hand
            numbers = [str(n) for n in empty]
            numbers = ", ".join(numbers[:-1]) + t("comics.render.and") + numbers[-1] if len(numbers) > 1 \
                else numbers[0]
            st.warning(t("comics.ui.empty_panels", count=len(empty), numbers=numbers))
        bleed = st.checkbox(t("comics.ui.bleed"), key=wkey("comic", "comic-bleed"))
        marks = st.checkbox(t("comics.ui.crop_marks"), key=wkey("comic", "comic-marks"))
        if action_button(t("comics.ui.export"), key="comic-export", type="primary", width="stretch",
                     disabled=not ok or bool(comic["render_job"])):
            try:
                for number, panel in enumerate(page.panels, start=1):
                    if not panel.image and not is_empty(panel):  # in the child's words, before the engine's check
                        raise UserError("comics.ui.print_needs_picture", n=number)
                if (refused := typed_refusal(comic)) is not None:  # said (and counted) where it was typed
                    raise refused
                wid, names = _roster()
                check_page(page, need_images=True, names=names, workshop_id=wid,  # counted when typed or added
                           empty_ok=True)
                comic["result"] = None
                comic["render_job"] = submit_job("comics.render", {"page": page.to_dict(),
                                                                   "bleed_mm": 3.0 if bleed else 0.0,
                                                                   "crop_marks": marks, "empty_ok": True})
                st.rerun()
            except UserError as exc:
                st.error(error_text(exc))
        if comic["render_job"]:
            job = job_status_ui(comic["render_job"], key="render", expected=expected_time_text("comics.render"))
            if job is not None:
                comic["render_job"] = None
                if job.state == "done":
                    comic["result"] = {"files": job.files(), "warnings": job.result.get("warnings", [])}
        if comic["result"]:
            result_ui(comic["result"])


def result_ui(result: dict) -> None:
    """Download buttons for the page and its panels, and the print warnings."""
    from pipelines.i18n import translate

    st.success(t("comics.ui.export_ready"))
    for warning in result["warnings"]:
        st.warning(translate(warning["key"], lang(), **warning["params"]))
    files = result["files"]
    title = st.session_state.get("comic", {}).get("title", "")  # the file names say what, whose, which, when
    download_ui(files["pdf"], t("comics.ui.download_pdf"), mime="application/pdf", key="comic-dl-pdf",
                what="comic_page", title=title)
    download_ui(files["png"], t("comics.ui.download_png"), mime="image/png", key="comic-dl-png", what="comic_page",
                title=title)
    panels = sorted((k for k in files if k.startswith("panel-")), key=lambda k: int(k.split("-")[1]))
    cols = st.columns(max(1, min(4, len(panels))))
    for col, name in zip(cols * 4, panels):
        with col:
            download_ui(files[name], t("comics.ui.download_panel", n=name.split("-")[1]), mime="image/png",
                        key=f"comic-dl-{name}", what="comic_panel", title=f"{title} {name.split('-')[1]}")
