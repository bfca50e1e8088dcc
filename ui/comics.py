"""The comics workshop's steps (Streamlit): layout, story, hero, panels, bubbles, preview and print."""
from __future__ import annotations

import random
import shutil
import uuid
from pathlib import Path

import streamlit as st

from pipelines import backends
from pipelines.comics.bubbles import KIND_EMOJI, KINDS, POSITION_ARROWS, POSITIONS
from pipelines.comics.layouts import LAYOUTS, thumbnail_path
from pipelines.comics.page import BubbleSpec, PageSpec, PanelSpec, check_page, compose
from pipelines.config import settings
from pipelines.device import probe
from pipelines.imagegen.speed import first_guess_seconds
from pipelines.i18n import UserError
from pipelines.jobs.registry import KINDS as JOB_KINDS

from .i18n import error_text, lang, t
from .jobs import expected_time_text, job_status_ui, submit_job
from .runtime import get_store
from .session import can_upload_photos, current_workshop
from .widgets import backend_choice_ui, download_ui, picture_choice_ui

STATE = "comic"
WAYS = ("text", "drawing_ai", "stylise", "as_is")
GRID = [["top-left", "top", "top-right"], ["left", "centre", "right"], ["bottom-left", "bottom", "bottom-right"]]


# -- state ---------------------------------------------------------------------------------
def comic_state() -> dict:
    """This browser's page in progress (kept across steps and reruns)."""
    if STATE not in st.session_state:
        st.session_state[STATE] = {"id": uuid.uuid4().hex[:12], "layout": "classic-6", "guided": True,
                                   "hero": {"name": "", "look": "", "seed": random.randint(1, 99999), "ref": ""},
                                   "panels": [], "render_job": None, "result": None}
    comic = st.session_state[STATE]
    count = LAYOUTS[comic["layout"]].panel_count
    while len(comic["panels"]) < count:  # panels beyond the layout are kept aside, never dropped
        comic["panels"].append({"story": "", "way": "stylise", "style": "ligne_claire", "strength": 0.6,
                                "drawing": "", "image": "", "ai": False, "job": None, "bubbles": [], "version": 0,
                                "use_hero": False, "seed": None})
    return comic


def work_dir(comic: dict) -> Path:
    """Where this page's drawings and panels are kept (under the workshop's files)."""
    workshop = current_workshop()
    folder = get_store().artifact_dir(workshop["id"] if workshop else None, f"comics-{comic['id']}")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def page_spec(comic: dict) -> PageSpec:
    """The page as the engine sees it (only the panels the layout holds)."""
    count = LAYOUTS[comic["layout"]].panel_count
    used = comic["panels"][:count]
    while used and not used[-1]["image"] and not used[-1]["bubbles"]:
        used = used[:-1]  # trailing empty panels print as empty frames, to draw in by hand
    panels = []
    for panel in used:
        panels.append(PanelSpec(image=panel["image"], ai=panel["ai"], story=panel["story"],
                                bubbles=[BubbleSpec(b["kind"], b["text"], b["position"], tuple(b["nudge"]),
                                                    tuple(b["tail"]) if b["tail"] else None)
                                         for b in panel["bubbles"]]))
    authors = [a.strip() for a in st.session_state.get("comic-authors", "").split(",") if a.strip()]
    return PageSpec(title=st.session_state.get("comic-title", ""), authors=authors, layout=comic["layout"],
                    language=lang(), panels=panels)


def txt2img_ready() -> bool:
    """True when a text-to-image engine is installed and its job kind is registered."""
    return "imagegen.generate" in JOB_KINDS and bool(backends.available("imagegen.txt2img"))


def img2img_ready() -> bool:
    return "imagegen.generate" in JOB_KINDS and bool(backends.available("imagegen.img2img"))


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
    st.text_input(t("comics.ui.title_label"), key="comic-title", max_chars=60)
    st.text_input(t("comics.ui.authors_label"), key="comic-authors", max_chars=80)
    mode = st.radio(t("comics.ui.story_mode"), ["guided", "free"], horizontal=True, key="comic-mode",
                    format_func=lambda m: t(f"comics.ui.{m}"))
    beats = t("comics.ui.beats")
    count = LAYOUTS[comic["layout"]].panel_count
    for i in range(count):
        label = beats[i] if mode == "guided" and i < len(beats) else (
            t("comics.ui.beat_more") if mode == "guided" else t("comics.ui.panel_line", n=i + 1))
        key = f"comic-story-{i}"
        if key not in st.session_state:
            st.session_state[key] = comic["panels"][i]["story"]
        comic["panels"][i]["story"] = st.text_input(f"{i + 1}. {label}", key=key, max_chars=160)


# -- 3. hero ---------------------------------------------------------------------------------
def hero_step_ui(comic: dict) -> None:
    """The hero sheet: name, look, magic number (seed), optional picture."""
    hero = comic["hero"]
    left, right = st.columns([2, 1])
    with left:
        hero["name"] = st.text_input(t("comics.ui.hero_name"), value=hero["name"], key="comic-hero-name", max_chars=40)
        hero["look"] = st.text_area(t("comics.ui.hero_look"), value=hero["look"], key="comic-hero-look",
                                    max_chars=200, height=90)
        seed_col, dice_col = st.columns([2, 1])
        with dice_col:
            st.write("")
            if st.button(t("comics.ui.hero_dice"), key="comic-hero-dice", width="stretch"):
                hero["seed"] = random.randint(1, 99999)
                st.session_state["comic-hero-seed"] = hero["seed"]
        with seed_col:
            hero["seed"] = int(st.number_input(t("comics.ui.hero_seed"), 1, 99999, value=int(hero["seed"]),
                                               key="comic-hero-seed", help=t("comics.ui.hero_seed_help")))
        if can_upload_photos():
            upload = st.file_uploader(t("comics.ui.hero_ref"), type=["png", "jpg", "jpeg", "webp"],
                                      key="comic-hero-ref")
            if upload is not None:
                saved = save_upload(upload.getvalue(), work_dir(comic) / "hero.png")
                if saved:
                    hero["ref"] = saved
        else:
            st.info(t("comics.ui.no_photo"))
    with right, st.container(border=True):
        st.markdown(f"**🦸 {t('comics.ui.hero_sheet')}**")
        if hero["ref"] and Path(hero["ref"]).exists():
            st.image(hero["ref"], width="stretch")
        st.markdown(f"**{hero['name'] or '…'}** — {hero['look'] or '…'}")
        st.caption(f"#{hero['seed']} · {t('comics.ui.hero_used')}")


def save_upload(data: bytes, target: Path) -> str:
    """Check an upload and keep it as a clean PNG; shows the problem and returns '' when refused."""
    from pipelines.safety.uploads import sanitize_image
    from pipelines.store.files import write_bytes_atomic

    try:
        clean = sanitize_image(data, downscale=True)
    except UserError as exc:
        st.error(error_text(exc))
        return ""
    for note in clean.notes:
        st.caption(t(note))
    write_bytes_atomic(target, clean.png_bytes())
    return str(target)


# -- 4. panels -------------------------------------------------------------------------------
def panels_step_ui(comic: dict) -> None:
    """Each panel: a way to make it, its inputs, a button that runs it as a job, the result."""
    from pipelines.imagegen.styles import STYLES

    ways = [w for w in WAYS if (w != "text" or txt2img_ready()) and (w != "drawing_ai" or img2img_ready())]
    if not txt2img_ready():
        with st.expander(t("comics.ui.no_model")):
            backend_choice_ui("imagegen.txt2img", key="comic-engine-info")
    count = LAYOUTS[comic["layout"]].panel_count
    for i in range(count):
        panel = comic["panels"][i]
        with st.container(border=True):
            story = f" — {panel['story']}" if panel["story"] else ""
            st.markdown(f"### {t('comics.ui.panel_title', n=i + 1)}" + story)
            if panel["job"]:  # followed first, so the panel's button is free again as soon as it is drawn
                follow_panel_job(comic, i)
            left, right = st.columns([3, 2])
            with left:
                if panel["way"] not in ways:
                    panel["way"] = "stylise"
                panel["way"] = st.radio(t("comics.ui.way"), ways, index=ways.index(panel["way"]),
                                        key=f"comic-way-{i}", format_func=lambda w: t(f"comics.ui.way_{w}"))
                if panel["way"] != "as_is":
                    names = list(STYLES)
                    panel["style"] = st.selectbox(t("comics.ui.style"), names, index=names.index(panel["style"]),
                                                  key=f"comic-style-{i}",
                                                  format_func=lambda s: f"{STYLES[s].emoji} {t(STYLES[s].label)}")
                if panel["way"] == "text" and hero_ref_ready(comic):
                    panel["use_hero"] = st.checkbox(t("comics.ui.hero_use_ref"), value=bool(panel.get("use_hero")),
                                                    key=f"comic-use-hero-{i}", help=t("comics.ui.hero_use_ref_help"))
                if panel["way"] == "drawing_ai" or (panel["way"] == "text" and panel.get("use_hero")
                                                    and hero_ref_ready(comic)):
                    panel["strength"] = st.slider(t("comics.ui.strength"), 0.2, 0.9, float(panel["strength"]), 0.05,
                                                  key=f"comic-strength-{i}")
                if panel["way"] != "text":
                    upload = st.file_uploader(t("comics.ui.upload"), type=["png", "jpg", "jpeg", "webp"],
                                              key=f"comic-upload-{i}")
                    if upload is not None:
                        saved = save_upload(upload.getvalue(), work_dir(comic) / f"drawing-{i + 1}.png")
                        if saved:
                            panel["drawing"] = saved
                    if panel["drawing"]:
                        st.caption(f"✅ {t('comics.ui.drawing_saved')}")
                kind = "imagegen.generate" if panel["way"] in ("text", "drawing_ai") else "comics.panel"
                guess = first_guess_seconds(1, probe().has_gpu) if kind == "imagegen.generate" \
                    else None
                hint = expected_time_text(kind, guess)
                if hint:
                    st.caption(hint)
                label = "comics.ui.redo_panel" if panel["image"] else "comics.ui.make_panel"
                if st.button(t(label, n=i + 1), key=f"comic-make-{i}", type="primary", width="stretch",
                             disabled=bool(panel["job"])):
                    start_panel_job(comic, i)
                    st.rerun()
                message = st.session_state.pop(f"comic-error-{i}", None)
                if message:  # next to the panel's button, where the child is looking
                    st.error(message)
            with right:
                if panel["image"] and Path(panel["image"]).exists():
                    st.image(panel["image"], caption=t("comics.ui.panel_ready"), width="stretch")
                    if panel["ai"]:
                        st.caption(t("comics.ui.panel_ai", seed=panel.get("seed") or comic["hero"]["seed"]),
                                   help=t("comics.ui.panel_engine", engine=panel["made_by"])
                                   if panel.get("made_by") else None)
                elif panel["drawing"]:
                    st.image(panel["drawing"], width="stretch")
                else:
                    st.caption(t("comics.ui.no_panel_yet"))


def hero_description(comic: dict) -> str:
    """The hero sheet in words (name, look): the same in every AI panel, so the hero stays the same."""
    hero = comic["hero"]
    return ", ".join(x for x in (hero["name"].strip(), hero["look"].strip()) if x)


def panel_prompt(comic: dict, i: int) -> str:
    """What the AI draws in panel i: the panel's story line (or, for a drawing with no line, the hero)."""
    return comic["panels"][i]["story"].strip() or (
        hero_description(comic) if comic["panels"][i]["way"] == "drawing_ai" else "")


def hero_ref_ready(comic: dict) -> bool:
    """True when the hero's picture can be the starting point of a panel (picture kept + img2img installed)."""
    ref = comic["hero"].get("ref", "")
    return bool(ref) and Path(ref).is_file() and img2img_ready()


def ai_panel_params(comic: dict, i: int, language: str) -> dict:
    """The imagegen.generate request of panel i: story line, hero sheet as `character`, hero's seed, style,
    and a starting picture (the panel's drawing, or the hero's picture when the child asked for it)."""
    panel = comic["panels"][i]
    params = {"prompt": panel_prompt(comic, i), "character": hero_description(comic), "style": panel["style"],
              "seed": int(comic["hero"]["seed"]), "width": 512, "height": 512, "language": language}
    if panel["way"] == "drawing_ai":
        params.update(init_image=panel["drawing"], strength=float(panel["strength"]))
    elif panel.get("use_hero") and hero_ref_ready(comic):
        params.update(init_image=comic["hero"]["ref"], strength=float(panel["strength"]))
    return params


def check_ai_panel(comic: dict, i: int, language: str, store=None, workshop_id: int | None = None) -> None:
    """Refuse an empty line or words unsuitable for children, with a kind sentence naming the panel
    (a refusal is counted for the facilitator's console)."""
    from pipelines.safety.prompts import check_prompt

    if not panel_prompt(comic, i):
        raise UserError("comics.errors.story_empty", panel=i + 1)
    for text in (panel_prompt(comic, i), hero_description(comic)):
        verdict = check_prompt(text, language, store=store, workshop_id=workshop_id, model=False) if text else None
        if verdict is not None and verdict.blocked:
            raise UserError("comics.ui.panel_blocked", panel=i + 1, message=verdict.message(language))


def start_panel_job(comic: dict, i: int) -> None:
    """Queue the work that makes panel i (a CPU stylisation, or the AI when installed)."""
    panel = comic["panels"][i]
    try:
        if panel["way"] in ("drawing_ai", "stylise", "as_is") and not panel["drawing"]:
            raise UserError("comics.ui.need_drawing", n=i + 1)
        if panel["way"] == "stylise" or panel["way"] == "as_is":
            params = {"drawing": panel["drawing"], "style": panel["style"], "stylise": panel["way"] == "stylise"}
            panel["job"] = submit_job("comics.panel", params)
            return
        workshop = current_workshop()
        check_ai_panel(comic, i, lang(), store=get_store(), workshop_id=workshop["id"] if workshop else None)
        panel["job"] = submit_job("imagegen.generate", ai_panel_params(comic, i, lang()))
    except UserError as exc:
        st.session_state[f"comic-error-{i}"] = error_text(exc)


def follow_panel_job(comic: dict, i: int) -> None:
    """Show a panel's job; when it is done, keep its picture in the page's folder."""
    panel = comic["panels"][i]
    job = job_status_ui(panel["job"], key=f"panel-{i}")
    if job is None:
        return
    panel["job"] = None
    if job.state == "done":
        from pipelines.jobs.runner import resolve_result_files

        source = Path(resolve_result_files(get_store(), job.result)["image"])
        panel["version"] += 1
        target = work_dir(comic) / f"panel-{i + 1}-v{panel['version']}.png"
        shutil.copyfile(source, target)
        panel["image"] = str(target)
        panel["ai"] = job.kind == "imagegen.generate"
        panel["seed"] = (job.result or {}).get("seed")  # shown under the panel: the hero's magic number
        panel["made_by"] = (job.result or {}).get("engine", "")  # e.g. "OpenVINO bf16", in the caption's tooltip
        if (job.result or {}).get("message_key"):  # the safety checker replaced the picture
            st.session_state[f"comic-error-{i}"] = t((job.result or {})["message_key"])


def panel_errors_ui(comic: dict) -> None:
    """Messages of panels the layout no longer shows (a panel's own message shows beside its button).
    Always one container, so the steps below keep their place and the open step stays open."""
    count = LAYOUTS[comic["layout"]].panel_count
    with st.container():
        for i in range(count, len(comic["panels"])):
            message = st.session_state.pop(f"comic-error-{i}", None)
            if message:
                st.error(message)


# -- 5. bubbles ------------------------------------------------------------------------------
def bubbles_step_ui(comic: dict) -> None:
    """Add bubbles to a panel: kind, text, position, where the speaker is; nudge or remove them."""
    count = LAYOUTS[comic["layout"]].panel_count
    i = st.radio(t("comics.ui.bubbles_for"), list(range(count)), horizontal=True, key="comic-bubble-panel",
                 format_func=lambda n: f"{n + 1}")
    panel = comic["panels"][i]
    left, right = st.columns([3, 2])
    with left:
        kind = st.radio(t("comics.ui.bubble_kind"), KINDS, horizontal=True, key="comic-bubble-kind",
                        format_func=lambda k: f"{KIND_EMOJI[k]} {t('comics.kinds.' + k)}")
        text = st.text_area(t("comics.ui.bubble_text"), key="comic-bubble-text", max_chars=160, height=80)
        position = grid_choice_ui(t("comics.ui.bubble_position"), "comic-bubble-pos", "top-left")
        tail = None
        if kind != "caption":
            tail = grid_choice_ui(t("comics.ui.bubble_tail"), "comic-bubble-tail", "bottom", allow_none=True)
        if st.button(t("comics.ui.bubble_add"), key="comic-bubble-add", type="primary", width="stretch"):
            if not text.strip():
                st.error(t("comics.ui.bubble_empty"))
            else:
                target = None
                if tail:
                    fx, fy = POSITIONS[tail]
                    target = [0.1 + 0.8 * fx, 0.15 + 0.8 * fy]
                panel["bubbles"].append({"kind": kind, "text": text.strip(), "position": position,
                                         "nudge": [0, 0], "tail": target})
                st.session_state.pop("comic-bubble-text", None)
                st.rerun()
    with right:
        if not panel["bubbles"]:
            st.caption(t("comics.ui.no_bubbles"))
        for b, bubble in enumerate(panel["bubbles"]):
            with st.container(border=True):
                st.markdown(f"{KIND_EMOJI[bubble['kind']]} **{t('comics.ui.bubble_n', n=b + 1)}** — {bubble['text']}")
                cols = st.columns(5)
                moves = {"⬅️": (-1, 0), "➡️": (1, 0), "⬆️": (0, -1), "⬇️": (0, 1)}
                for col, (arrow, (dx, dy)) in zip(cols, moves.items()):
                    if col.button(arrow, key=f"comic-nudge-{i}-{b}-{arrow}", help=t("comics.ui.bubble_nudge"),
                                  width="stretch"):
                        bubble["nudge"] = [bubble["nudge"][0] + dx, bubble["nudge"][1] + dy]
                        st.rerun()
                if cols[4].button("🗑️", key=f"comic-remove-{i}-{b}", help=t("comics.ui.bubble_remove"),
                                  width="stretch"):
                    panel["bubbles"].pop(b)
                    st.rerun()
    preview_ui(comic, dpi=45)


def grid_choice_ui(label: str, key: str, default: str, allow_none: bool = False) -> str | None:
    """A 3x3 grid of arrow buttons for a place in the panel (no dragging needed)."""
    if key not in st.session_state:
        st.session_state[key] = default
    current = st.session_state[key]
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
    return st.session_state[key]


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
    st.image(render_png(composed, dpi=dpi), caption=t("comics.ui.preview"), width=420)
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
        st.caption(t("comics.ui.licence"))
        bleed = st.checkbox(t("comics.ui.bleed"), key="comic-bleed")
        marks = st.checkbox(t("comics.ui.crop_marks"), key="comic-marks")
        hint = expected_time_text("comics.render")
        if hint:
            st.caption(hint)
        if st.button(t("comics.ui.export"), key="comic-export", type="primary", width="stretch",
                     disabled=not ok or bool(comic["render_job"])):
            try:
                check_page(page, need_images=True)
                comic["result"] = None
                comic["render_job"] = submit_job("comics.render", {"page": page.to_dict(),
                                                                   "bleed_mm": 3.0 if bleed else 0.0,
                                                                   "crop_marks": marks})
                st.rerun()
            except UserError as exc:
                st.error(error_text(exc))
        if comic["render_job"]:
            job = job_status_ui(comic["render_job"], key="render")
            if job is not None:
                comic["render_job"] = None
                if job.state == "done":
                    from pipelines.jobs.runner import resolve_result_files

                    comic["result"] = {"files": resolve_result_files(get_store(), job.result),
                                       "warnings": (job.result or {}).get("warnings", [])}
        if comic["result"]:
            result_ui(comic["result"])


def result_ui(result: dict) -> None:
    """Download buttons for the page and its panels, and the print warnings."""
    from pipelines.i18n import translate

    st.success(t("comics.ui.export_ready"))
    for warning in result["warnings"]:
        st.warning(translate(warning["key"], lang(), **warning["params"]))
    files = result["files"]
    download_ui(files["pdf"], t("comics.ui.download_pdf"), mime="application/pdf", key="comic-dl-pdf")
    download_ui(files["png"], t("comics.ui.download_png"), mime="image/png", key="comic-dl-png")
    panels = sorted((k for k in files if k.startswith("panel-")), key=lambda k: int(k.split("-")[1]))
    cols = st.columns(max(1, min(4, len(panels))))
    for col, name in zip(cols * 4, panels):
        with col:
            download_ui(files[name], t("comics.ui.download_panel", n=name.split("-")[1]), mime="image/png",
                        key=f"comic-dl-{name}")
