"""Widgets of the old photos page: upload, analysis, steps, colour points, exports."""
from __future__ import annotations

import contextlib
import math
import uuid
from pathlib import Path

import streamlit as st

from pipelines import backends
from pipelines.i18n import UserError
from pipelines.config import settings
from pipelines.photo.analysis import SMALL_PHOTO, tilted
from pipelines.photo.analysis import repair_suggested as analysis_repair_suggested
from pipelines.photo.chain import largest_enlargement
from pipelines.photo.jobs import analysis_work
from pipelines.photo.hints_layer import hint_layer
from pipelines.photo.tone import DYE_FADED, KEPT_TONES, NO_DEEP_BLACK, PAPER_CAST, YELLOWED
from pipelines.safety.uploads import open_picture, picture_size, sanitize_image
from pipelines.store.files import write_bytes_atomic

from .i18n import error_text, lang, t
from .jobs import expected_time_text, job_status_ui, still_queued, submit_job
from .work import forget_sent, save_work_now, sent_file, work_folder
from .runtime import get_store
from .session import current_workshop, facilitator_view, owner_id
from .widgets import (action_button, before_after_ui, download_ui, engine_labels, licence_of, percent_slider,
                      picture_uploader, upload_notes_ui)

STATE = "photo"  # st.session_state[STATE]: this browser's photo, analysis and results


def state() -> dict:
    return st.session_state.setdefault(STATE, {})


def _work_dir() -> Path:
    return work_folder(state(), "photos")


def upload_ui() -> None:
    """The photo from a file or the camera, cleaned by the upload checks, then its analysis job.

    The file as sent is kept in the work folder (`upload.bin`, state "pending") and saved with the work before it is
    read: a big scan takes seconds to read (some 20 s for 60 MP here), and a reload or a closed tablet meanwhile
    finds it again and reads it, instead of losing it with the uploader's file. It is dropped once read, or when
    the checks refuse it for good. A refusal for its size keeps it for « Réduire et continuer » on this page; a
    later visit that finds it still refused (no shrinking asked) forgets it rather than bring the refusal back."""
    tab_file, tab_camera = st.tabs([f"🖼️ {t('photo.ui.upload')}", t("photo.ui.use_camera")])
    with tab_file:
        upload = picture_uploader(t("photo.ui.upload"), key="photo-upload", formats="photos")
    with tab_camera:
        shot = st.camera_input(t("photo.ui.camera"), key="photo-camera")
    # left refused for its size (no shrinking asked): a later visit does not bring the refusal back
    sent = sent_file(state(), upload or shot, kind="photo", prefix="photos", taken_back="photo.ui.upload_taken_back",
                     drop=lambda pending: pending.get("refused") and not state().get("downscale"))
    if sent is None:
        return
    pending, data = sent
    try:
        with st.spinner(t("uploads.reading")):  # a 12 MP scan takes seconds to read: said meanwhile
            clean = sanitize_image(data, downscale=bool(state().get("downscale")),
                                   max_bytes=len(data) if state().get("downscale") else None)
    except UserError as exc:
        st.error(exc.message(lang()))
        if exc.key in ("uploads.too_many_pixels", "uploads.too_big"):
            if not pending.get("refused"):
                pending["refused"] = True
                save_work_now("photo")
            st.info(t("photo.ui.too_big_offer"))
            if st.button(t("photo.ui.downscale"), key="photo-downscale"):
                state()["downscale"] = True
                save_work_now("photo")  # a reload during the shrunk reading takes the photo back
                st.rerun()
        else:
            forget_pending()
        return
    if min(clean.image.size) < PHOTO_MIN_SIDE:  # nothing to restore in it: said, the page keeps what it had
        st.error(t("photo.ui.too_small", width=clean.image.width, height=clean.image.height, side=PHOTO_MIN_SIDE))
        forget_pending()
        return
    source = write_bytes_atomic(_work_dir() / "source.png", clean.png_bytes())
    forget_pending()
    state().update(source=str(source), analysis_job=submit_job("photo.analyze", _analysis_params(source)),
                   upload_id=pending["upload_id"], upload_notes=list(clean.notes))  # said with the analysis (rerun)
    st.rerun()  # the page above was drawn without a photo: draw it again with the analysis


def forget_pending() -> None:
    """Forget the file sent and kept until it was read (`upload_ui`), and delete it: once read, refused for good,
    taken out of the uploader, or when a parent's consent is no longer there (pages/photos.py)."""
    forget_sent(state())


YELLOWED_BW = "photo.ui.tone.yellowed_bw"


def kind_chip(info: dict) -> str:
    """The locale key of the print's kind shown first on the page, from the analysis (Analysis as a dict).

    A warm black-and-white print is called toned (sepia) only when the revive step keeps its tone
    (`keeps_tone`); one whose whites carry the tint as much as its mid-tones is a print yellowed with age,
    and the step takes the tint away: the page says so rather than promise a sepia it will not keep. A selenium
    print and a cyanotype (analysis `tone`) are named as such.
    """
    if info["greyscale"]:
        return "photo.ui.grey"
    if not info.get("toned"):
        return "photo.ui.colour"
    if info.get("tone") in KEPT_TONES:  # tones no age gives a print: named, and kept
        return f"photo.ui.tone.{info['tone']}"
    return "photo.ui.toned_bw" if info.get("keeps_tone") else YELLOWED_BW


def contrast_chip(info: dict) -> tuple[str, dict]:
    """The locale key (and its values) of what the page says about the print's contrast, from the analysis.

    All black, with nothing in it to bring out (tone.all_black: said plainly, no step promised), too dark
    (tone.underexposure), faded (a veil both ends agree on), colours faded (tone.dye_faded), no deep black
    (tone.deepest_black under NO_DEEP_BLACK: a pale subject or a fading the tone step cannot tell from one, left as
    it is), else well contrasted.
    """
    if info.get("all_black"):
        return "photo.ui.tone.all_black", {}
    if info.get("underexposed"):
        return "photo.ui.tone.too_dark", {}
    if info["fading"] > 0.15:
        return "photo.ui.faded", {"pct": int(info["fading"] * 100)}
    if info.get("dye_faded", 0) > DYE_FADED:  # named by the cast its blacks took (tone.faded_dye)
        cast = info.get("dye_cast", "red")
        return ("photo.ui.tone.dye_faded" if cast == "red" else f"photo.ui.tone.dye_faded_{cast}"), {}
    if info.get("deep_black", NO_DEEP_BLACK) < NO_DEEP_BLACK:
        return "photo.ui.tone.no_deep_black", {}
    return "photo.ui.not_faded", {}


def paper_cast_read(info: dict) -> bool:
    """Whether the analysis (a dict) read a cast over the whole print (tone.paper_cast, PAPER_CAST or longer): the page
    names it and ticks « Raviver »."""
    return math.hypot(*info.get("paper_cast", (0.0, 0.0))) >= PAPER_CAST


def repair_suggested(info: dict) -> bool:
    """Whether « Réparer rayures et poussières » starts ticked (analysis.repair_suggested: the search marked more
    of the photo than clean photos show, or more scratch length or specks than clean photos show at any scale),
    from the analysis as a dict."""
    return analysis_repair_suggested(info.get("damage_fraction", 1.0), info.get("longest_scratch", 0.0),
                                     info.get("specks", 0), stain_count(info), info.get("stained", 0.0),
                                     int(info.get("tide", 0)))


STAIN_KINDS = ("foxing", "mould", "tide")  # analysis fields, each named by a chip photo.ui.stains.<kind>


def stain_count(info: dict) -> int:
    """How many stains the analysis (as a dict) found: foxing spots, mould blotches and tide lines."""
    return sum(int(info.get(kind, 0)) for kind in STAIN_KINDS)


def stain_chips(info: dict) -> list[tuple[str, dict]]:
    """The locale keys (and values) naming the stains found, once they count (repair_suggested): foxing, mould, a
    water stain; none under the tick's bar (a few warm details of a colour photo read as stains)."""
    if not repair_suggested(info) or not stain_count(info):
        return []
    return [(f"photo.ui.stains.{kind}", {"n": int(info[kind])}) for kind in STAIN_KINDS if info.get(kind)]


def _analysis_params(source) -> dict:
    """The analysis job's params: the photo, and its size (megapixels: the time announced while the job waits or
    starts is this size's, JobQueue.get)."""
    params = {"source": str(source)}
    with contextlib.suppress(OSError, ValueError):
        width, height = picture_size(source)
        params["work"] = analysis_work((height, width))
    return params


def analysis_ui() -> dict | None:
    """The analysis shown to the patron (and the damage overlay); returns it once ready."""
    job = job_status_ui(state()["analysis_job"], "photo-analysis")
    if job is None:
        # the time this photo's analysis takes here: the last analyses' seconds per megapixel, times its size
        # (a 12 MP scan is not announced at the time a phone photo took); said while it waits, not beside the
        # running job's own « encore environ » (« encore environ 20 s » next to « environ 4 s » after a reload)
        if still_queued(state()["analysis_job"]):
            with contextlib.suppress(OSError, ValueError, KeyError):
                width, height = picture_size(state()["source"])
                st.caption(expected_time_text("photo.analyze", work=analysis_work((height, width))))
        return None
    if job.state != "done":
        return None
    result = job.result
    info = result["analysis"]
    files = job.files()
    state()["photo_file"] = files["photo"]
    st.subheader(t("photo.ui.analysis"))
    if info.get("prints"):  # a page of several prints: which one to restore comes first
        album_ui(info["prints"], files)
    kind = kind_chip(info)
    key, values = contrast_chip(info)
    chips = [t(kind), t(key, **values)]
    if info["yellowing"] > YELLOWED and not info.get("keeps_tone") and kind != YELLOWED_BW:  # said once
        chips.append(t("photo.ui.yellowed"))
    if info.get("silvering", 0.0) > 0:  # a sheen on the darks, which did not make the print a colour one
        chips.append(t("photo.ui.tone.silvering"))
    if paper_cast_read(info):
        chips.append(t("photo.ui.tone.paper_cast"))
    damaged = repair_suggested(info)
    if damaged or not (info["scratches"] or info["spots"]):
        chips += [t("photo.ui.scratches", n=info["scratches"]), t("photo.ui.spots", n=info["spots"])]
        chips += [t(key, **values) for key, values in stain_chips(info)]
    else:  # as many marks as clean photos show: details of the photo as often as damage, nothing to alarm
        chips.append(t("photo.damage.few"))
    chips.append(t("photo.ui.faces_unknown") if info["faces"] is None else t("photo.ui.faces", n=info["faces"]))
    st.markdown("  ·  ".join(f"**{c}**" for c in chips))
    if info.get("enlarged", 1) > 1:  # a viewer's « enlarge »: its blocks are no damage, its lost detail no grain
        st.caption(t("photo.ui.program_enlarged", k=info["enlarged"]))
    from pipelines.photo.sheet import print_size_note  # the print engine's imports, once a photo is analysed

    if small_print := print_size_note(info["width"], info["height"]):  # said before a blurred sheet is printed
        st.caption(t(small_print[0], **small_print[1]))
    upload_notes_ui(state())
    left, right = st.columns(2)
    left.image(files["photo"], alt=t("alt.photo"), width="stretch")
    found = info["scratches"] or info["spots"]
    caption = (t("photo.ui.damage_caption") if damaged else t("photo.damage.few_caption") if found
               else t("photo.ui.damage_none"))
    right.image(files["overlay"], caption=caption, alt=caption, width="stretch")
    if found:  # the search can take an eye or a button for a speck: the patron is told where to say so
        right.caption(t("photo.ui.damage_check"))
    state().update(mask_file=files["mask"], overlay_file=files["overlay"])
    if info.get("print_corners"):
        st.info(t("photo.ui.tilted" if tilted(info["print_corners"]) else "photo.ui.on_a_card"))
        if action_button(t("photo.ui.straighten"), key="photo-straighten"):
            state()["straighten_job"] = submit_job("photo.straighten", {"source": state()["source"],
                                                                        "corners": info["print_corners"]})
    if state().get("straighten_job"):
        done = job_status_ui(state()["straighten_job"], "photo-straighten")
        if done is not None and done.state == "done":
            straight = done.files()["photo"]
            state().update(source=straight, straighten_job=None,
                           analysis_job=submit_job("photo.analyze", _analysis_params(straight)))
            st.rerun()
    return info


ALBUM_COLUMNS = 3  # album_ui(): thumbnails per row (a tablet's width holds three with big buttons)


def album_ui(prints: list, files: dict) -> None:
    """A page holding several prints (analysis.find_prints): each print's thumbnail (the analysis job's
    « print-N » files) with a button that cuts it out and squares it up (the « Redresser » job), so it is
    restored alone. `prints`: each print's corners (fractions)."""
    st.info(t("photo.ui.album", n=len(prints)))
    for start in range(0, len(prints), ALBUM_COLUMNS):
        columns = st.columns(ALBUM_COLUMNS)
        for column, number in zip(columns, range(start, min(start + ALBUM_COLUMNS, len(prints)))):
            label = t("photo.ui.album_pick", n=number + 1)
            if files.get(f"print-{number + 1}"):
                column.image(files[f"print-{number + 1}"], alt=label, width="stretch")  # its button names it
            if action_button(label, container=column, key=f"photo-album-{number}", width="stretch"):
                state()["straighten_job"] = submit_job("photo.straighten", {"source": state()["source"],
                                                                            "corners": prints[number]})


# The drawing canvas's own toolbar (undo, redo, edit, reset) has English labels and 22 px buttons (axe-core's
# target-size rule fails): it is hidden, and the page gives its own words and big buttons. The canvas draws
# in a shadow root (streamlit-drawable-canvas is an isolated components-v2 element), which the page's CSS
# cannot reach: a script adds the rule to every isolated element's shadow root (the rule names only the canvas's
# toolbar classes), now and when one is drawn later. The canvas fills its shadow root after the host element
# appears, and changes inside a shadow root are not seen by an observer of the page: the rule is added as soon as
# the root exists, not when the canvas is found in it, and looked for again twice a second (a host can attach its
# root after the page's last change: that race left the toolbar shown in some runs).
CANVAS_TOOLBAR_JS = """
<span class="atelier-hidden"></span><script>
(function () {
  const doc = (window.parent || window).document;
  const RULE = '.dc-toolbar, .dc-toolbar-card, .dc-toolbar-contextual { display: none !important; }';
  function patch() {
    doc.querySelectorAll('[data-testid="stBidiComponentIsolated"]').forEach(function (host) {
      const root = host.shadowRoot;
      if (root && !root.querySelector('style[data-atelier]')) {
        const style = doc.createElement('style');
        style.setAttribute('data-atelier', 'toolbar');
        style.textContent = RULE;
        root.appendChild(style);
      }
    });
  }
  patch();
  if (!doc.atelierCanvasWatch) {
    doc.atelierCanvasWatch = new MutationObserver(patch);
    doc.atelierCanvasWatch.observe(doc.body, {childList: true, subtree: true});
    (window.parent || window).setInterval(patch, 500);
  }
})();
</script>
"""


def canvas_toolbar_hidden() -> None:
    """Hide the drawing canvas's own toolbar (CANVAS_TOOLBAR_JS); the element itself takes no room."""
    with st.container(key="photo-canvas-style"):
        st.html(CANVAS_TOOLBAR_JS, unsafe_allow_javascript=True)


PHOTO_MIN_SIDE = 32  # px, shorter side: under it a picture is an icon, not a photo to restore (the search's windows)
SMALL_SHOWN = 480  # px: small photos are shown at least this wide (before/after, colour points, brush)
BRUSH_SIZES = {"small": 8, "medium": 18, "large": 36}  # brush width in preview pixels
BRUSH_SAID_HEIGHT = "8rem"  # the brush's words and the wide-stroke warning on two lines, above the canvas
PREVIEW_WIDTH, PREVIEW_HEIGHT = 700, 760  # the brush's canvas at most (px): fits a tablet held upright


def _brush_restart() -> None:
    """« Effacer tous les traits »: no stroke left, and the brush back on « C'est un défaut », as at the start
    (a patron starting over painted green without noticing)."""
    state().update(brush_kept=[], brush_strokes=[], brush_round=state().get("brush_round", 0) + 1)
    st.session_state["photo-brush-tool"] = "add"


def mask_brush_ui() -> str | None:
    """The damage mask over the photo (red: will be repaired) with a brush: paint red on damage the search
    missed, green on what is not damage. Returns the edits layer file (pipelines.photo.mask_edits), or None
    when nothing is painted: the repair then finds the damage itself at the strength slider's setting (the
    analysis mask was found at the default strength; the edits only change where the patron painted)."""
    from streamlit_drawable_canvas import st_canvas

    from pipelines.photo.mask_edits import ADD, BRUSH, CLEAR, edits_layer

    if not state().get("mask_file"):
        return None
    with st.expander(t("photo.ui.brush_title")):
        st.caption(t("photo.ui.brush_help"))
        left, right = st.columns(2)
        tool = left.segmented_control(t("photo.ui.brush_tool"), list(BRUSH), default="add", required=True,
                                      format_func=lambda k: t(f"photo.ui.brush_{k}"), key="photo-brush-tool")
        size = right.segmented_control(t("photo.ui.brush_size"), list(BRUSH_SIZES), default="medium",
                                       required=True, format_func=lambda k: t(f"photo.ui.brush_{k}"),
                                       key="photo-brush-size")
        # a wide stroke is said here, above the canvas (below it, it is off a tablet's screen), in a slot of fixed
        # height drawn on every run with the brush's words in it (an empty container is not drawn at all): the
        # warning must not push the canvas down under the finger
        st.html(f"<style>.st-key-photo-brush-said {{ min-height: {BRUSH_SAID_HEIGHT}; }}</style>")
        slot = st.container(key="photo-brush-said")
        slot.caption(t("photo.ui.brush_draw"))
        said = slot.empty()  # emptied on each run as it is reached: a stroke undone takes its warning away
        overlay = open_picture(state()["overlay_file"]).convert("RGB")
        width = round(min(PREVIEW_WIDTH, PREVIEW_HEIGHT * overlay.width / overlay.height))  # small photos grow
        height = round(overlay.height * width / overlay.width)
        canvas_toolbar_hidden()
        key = f"photo-brush-{state().get('brush_round', 0)}"
        kept = state().get("brush_kept") or []  # strokes carried over by « undo » (the canvas restarts with them)
        if not kept and key not in st.session_state and state().get("brush_strokes"):
            # a reload (the participant's photo came back from the store): the canvas starts with their strokes,
            # and keeps that start for as long as it lives (a changed initial drawing redraws the canvas)
            kept = state()["brush_kept"] = state()["brush_strokes"]
        canvas = st_canvas(stroke_color=BRUSH[tool or "add"], stroke_width=BRUSH_SIZES[size or "medium"],
                           background_image=overlay.resize((width, height)), drawing_mode="freedraw",
                           initial_drawing={"version": "7.4.0", "objects": kept} if kept else None,
                           height=height, width=width, update_streamlit=True,
                           key=key)
        strokes = (canvas.json_data or {}).get("objects", []) if canvas is not None and canvas.json_data else kept
        state()["brush_strokes"] = strokes
        undo, clear = st.columns(2)
        if undo.button(t("photo.ui.brush_undo"), width="stretch", key="photo-brush-undo", disabled=not strokes):
            state().update(brush_kept=strokes[:-1], brush_strokes=strokes[:-1],
                           brush_round=state().get("brush_round", 0) + 1)
            st.rerun()
        clear.button(t("photo.ui.brush_clear_all"), width="stretch", key="photo-brush-clear", disabled=not strokes,
                     on_click=_brush_restart)
    if not strokes:
        return None
    out = _work_dir() / "mask-edits.png"
    layer = edits_layer(strokes, (width, height), picture_size(state()["mask_file"]))
    layer.save(out)
    import numpy as np

    from pipelines.photo.repair import wide_strokes

    if wide_strokes(np.asarray(layer) >= (ADD + CLEAR) // 2).any():  # Telea would smear it: said before the run
        said.warning(t("photo.ui.paint.wide"), icon="⚠️")
    return str(out)


def _engine_choice_ui(step: str, capability: str) -> str | None:
    ready = backends.available(capability)
    if len(ready) <= 1:
        return ready[0].name if ready else None
    default = backends.choose(capability)
    names = [b.name for b in ready]
    return st.radio(t("widgets.engine"), names, index=names.index(default.name), key=f"photo-engine-{step}",
                    format_func=engine_labels(names), horizontal=True)  # licences on the facilitator's screens only


def steps_ui(info: dict) -> dict | None:
    """The steps, each with its settings; returns the restore parameters when the patron presses go."""
    st.subheader(t("photo.ui.steps"))
    dyes = info.get("dye_faded", 0) > DYE_FADED  # a colour print whose dyes faded (tone.dye_faded)
    painted = bool(state().get("brush_strokes"))  # the patron marked damage with the brush: they mean a repair
    tone_suggested = (info["fading"] > 0.15 or abs(info["yellowing"]) > YELLOWED or dyes
                      or bool(info.get("underexposed")) or paper_cast_read(info))
    small = max(info["width"], info["height"]) < SMALL_PHOTO  # blurred once printed: « Agrandir » is ticked
    suggested = {"repair": repair_suggested(info) or painted, "tone": tone_suggested, "denoise": True,
                 "faces": bool(info["faces"]), "colorize": False, "upscale": small}
    steps, engines = [], {}
    params: dict = {"blend": 0.8, "fidelity": 0.5, "scale": 2, "colorize": "auto"}
    size = picture_size(state()["photo_file"]) if state().get("photo_file") else (0, 0)  # what the restore reads
    strength = state()["strength"] = percent_slider(t("photo.ui.strength"), state().get("strength", 0.5),
                                                    key="photo-strength")  # kept for « Autres réglages »
    st.caption(t("photo.ui.strength_help"))
    for step in ("repair", "tone", "denoise", "faces", "colorize", "upscale"):
        capability = f"photo.{step}"
        ready = backends.available(capability)
        if step == "faces" and not ready:
            st.checkbox(t("photo.ui.step_faces"), value=False, disabled=True, key="photo-step-faces-off")
            if not facilitator_view():  # commands stay on the facilitator's screens: a sentence of its own here
                st.caption(t("photo.ui.faces_missing_ask"))
                st.caption(t("engines_hint.ask_facilitator"))
                continue
            # the facilitator's screen, where a patron may sit too: the sentence first, the commands folded away
            st.caption(t("photo.ui.faces_missing_ask"))
            with st.expander(t("engines_hint.commands")):
                st.code(" ; ".join(dict.fromkeys(c for b in backends.for_capability(capability)
                                                 for c in b.install_commands())), language="bash")
            continue
        if step == "upscale" and largest_enlargement(*size) is None:  # said before, not after a long run
            st.checkbox(t("photo.ui.step_upscale"), value=False, disabled=True, key="photo-step-upscale-off")
            st.caption(t("photo.sizes.no_enlarge", mp=f"{size[0] * size[1] / 1e6:.0f}",
                         limit=f"{settings().upload_max_megapixels:g}"))
            continue
        # The label says what the step does: a toned print's tone is kept, not 'the yellow removed'.
        key = ("step_tone_keep" if step == "tone" and info.get("keeps_tone")
               else "tone.step_tone_dyes" if step == "tone" and dyes else f"step_{step}")
        label = t(f"photo.ui.{key}")
        if not st.checkbox(label, value=suggested[step], key=f"photo-step-{step}"):
            continue
        if step == "upscale" and small:
            st.caption(t("photo.ui.small_enlarged", px=max(info["width"], info["height"])))
        steps.append(step)
        if step in ("repair", "tone", "denoise") and len(ready) <= 1:  # nothing to set: no empty box under it
            engines[step] = ready[0].name if ready else None
            continue
        with st.container(border=True):
            if step == "faces":
                engines[step] = _engine_choice_ui(step, capability)
                params["blend"] = percent_slider(t("photo.ui.blend"), 0.8, key="photo-blend",
                                                    help=t("photo.ui.blend_help"))
                if engines[step] and backends.get(engines[step]).has_fidelity:
                    params["fidelity"] = percent_slider(t("photo.ui.fidelity"), 0.5, key="photo-fidelity")
                if facilitator_view():  # licences stay on the facilitator's screens
                    st.caption(t("photo.ui.licence", licence=licence_of(backends.get(engines[step]))))
            elif step == "colorize":
                if not info["greyscale"] and not info.get("toned"):
                    st.warning(t("photo.ui.colour_already"))
                automatic = [b for b in ready if b.automatic]
                modes = {"auto": t("photo.ui.colour_auto"), "hints": t("photo.ui.colour_hints")}
                if not automatic:
                    modes.pop("auto")
                params["colorize"] = st.radio(t("photo.ui.colour_mode"), list(modes), format_func=modes.get,
                                              horizontal=True, key="photo-colour-mode")
                if params["colorize"] == "auto":
                    names = [b.name for b in automatic]
                    default = max(names, key=lambda n: names.index(n) if not backends.get(n).optional else -1)
                    engines[step] = st.radio(t("widgets.engine"), names, index=names.index(default),
                                             format_func=engine_labels(names),
                                             key="photo-colour-engine", horizontal=True)
                else:
                    st.caption(t("photo.ui.colour_hints_later"))
            elif step == "upscale":
                scales = [s for s in (2, 4) if s <= largest_enlargement(*size)]  # results the studio can open
                params["scale"] = st.radio(t("photo.ui.scale"), scales, format_func=lambda s: f"x{s}",
                                           horizontal=True, key="photo-scale")
                if len(scales) == 1 and scales[0] == 2:
                    st.caption(t("photo.sizes.only_x2", limit=f"{settings().upload_max_megapixels:g}"))
                engines[step] = _engine_choice_ui(step, capability)
            else:
                engines[step] = _engine_choice_ui(step, capability)
    hint_only = "colorize" in steps and params["colorize"] == "hints"
    if hint_only:
        steps.remove("colorize")  # colour points are placed on the result, then recomputed
    made = size[0] * size[1] * (params["scale"] ** 2 if "upscale" in steps else 1)  # pixels read + made
    work = (size[0] * size[1] + made) / 1e6 if made else None
    st.caption(expected_time_text("photo.restore", work=work))
    if not action_button(t("photo.ui.go"), type="primary", width="stretch", key="photo-go", disabled=not steps
                     and not hint_only):
        return None
    params["colorize"] = "auto"  # colour points are a second pass on the result (hints_ui)
    # offered after the restore only when colour was asked (by the studio or by points): a restore without it
    # showed « Corriger les couleurs » and a colour picker nobody had asked for
    state()["colour_points"] = hint_only or "colorize" in steps
    if work:
        params["work"] = work  # the time announced while it waits or starts (JobQueue.get) is this size's
    return {"steps": steps, "strength": strength, "engines": {k: v for k, v in engines.items() if v}, **params}


def result_ui(job) -> dict:
    """Before / after with a slider, and the notes of the run."""
    files = job.files()
    st.subheader(t("photo.ui.result"))
    current = state().get("recolored") or files["restored"]
    before_after_ui(open_picture(files["before"]), open_picture(current), min_width=SMALL_SHOWN)
    notes = job.result.get("notes") or []
    if notes:
        st.info("  \n".join(t(n) for n in notes))
    return files


def hints_ui(files: dict) -> None:
    """Colour points clicked on the photo; the colourisation is recomputed with them (a job)."""
    from streamlit_drawable_canvas import st_canvas

    st.subheader(t("photo.ui.hints_title"))
    st.caption(t("photo.ui.hints_explain"))
    base_path = files.get("uncoloured") or files["restored"]
    shown = state().get("recolored") or files["restored"]
    picture = open_picture(shown)
    width = min(700, max(picture.width, SMALL_SHOWN))  # a small photo is shown big enough to tap a point on
    height = int(picture.height * width / picture.width)
    colour = st.color_picker(t("photo.ui.pick_colour"), "#3a6fd8", key="photo-hint-colour")
    canvas_toolbar_hidden()
    canvas = st_canvas(fill_color=colour, stroke_color=colour, stroke_width=2, background_image=picture.resize(
        (width, height)), drawing_mode="point", point_display_radius=6, height=height, width=width,
        key=f"photo-canvas-{state().get('canvas_round', 0)}", update_streamlit=True)
    objects = (canvas.json_data or {}).get("objects", []) if canvas is not None else []
    left, right = st.columns(2)
    if action_button(t("photo.ui.recolor"), container=left, type="primary", width="stretch", key="photo-recolor",
                   disabled=not objects):
        size = picture_size(base_path)
        layer = hint_layer(objects, (width, height), size)
        hints_file = _work_dir() / f"indices-{uuid.uuid4().hex[:6]}.png"
        layer.save(hints_file)
        auto = files["restored"] if files.get("uncoloured") else None
        state()["recolor_job"] = submit_job("photo.recolor", {"uncoloured": base_path, "hints": str(hints_file),
                                                               "auto": auto, "title": state().get("title", "")})
    if right.button(t("photo.ui.clear_hints"), width="stretch", key="photo-clear-hints"):
        state()["canvas_round"] = state().get("canvas_round", 0) + 1
        state().pop("recolored", None)
        st.rerun()
    if state().get("recolor_job"):
        job = job_status_ui(state()["recolor_job"], "photo-recolor")
        if job is not None:
            if job.state == "done":
                state()["recolored"] = job.files()["restored"]
            state()["recolor_job"] = None
            st.rerun()


def exports_offered(notes: list[str], recoloured: bool) -> bool:
    """Whether the page offers the PNG, the A4 before / after sheet and the postcard: not when the restore gave the
    photo back as it came (chain.unchanged, its note « Rien n'a changé ») and no colour was added by hand since, for
    the sheet would print the same picture twice as « before » and « after »."""
    return recoloured or "photo.notes.unchanged" not in notes


def export_ui(files: dict, ai_made: bool, model: str = "") -> None:
    """PNG, the A4 photo sheet, and 'make a postcard' (handed to the postcards page). `model`: the engines that
    made the photo, as its record names them (the sheet's gallery card says the same)."""
    st.subheader(t("photo.ui.export"))
    final = state().get("recolored") or files["restored"]
    download_ui(final, t("photo.ui.download_png"), mime="image/png", key="photo-dl-png", what="photo")
    if (longest := max(picture_size(final))) < SMALL_PHOTO:  # printed half an A4 wide, a thumbnail is blurred
        came = max(picture_size(state()["photo_file"])) if state().get("photo_file") else longest
        # Already enlarged (« Agrandir » x2 was ticked for it): the hint names the step left, x4, not the one done.
        st.caption(t("photo.ui.small_enlarged_x4" if longest > came else "photo.ui.small_for_sheet", px=longest))
    # the typed words live in the photo's state (kept with the work in progress): a refused caption is still in
    # its box after a reload, to mend rather than type again
    caption = state()["caption"] = st.text_input(t("photo.ui.sheet_caption"), value=state().get("caption", ""),
                                                 key="photo-caption")
    # An old photo's date is the patron's to give (1962, « vers 1950 »): today's date would be printed as if it were it.
    state()["date"] = st.text_input(t("photo.ui.sheet_date"), value=state().get("date", ""), key="photo-date")
    when = state()["date"].strip()
    if action_button(t("photo.ui.make_sheet"), width="stretch", key="photo-make-sheet"):
        from pipelines.photo.sheet import check_caption, printable_words

        try:  # an emoji would print as an empty box, a caption too long would be cut: said before the sheet is
            from pipelines.safety.text import check_words

            check_caption(printable_words(caption, when, lang())[0], files["before"])  # made, the words kept
            workshop = current_workshop()  # refused words are counted for the console (their category only)
            check_words(caption, field=t("photo.ui.sheet_caption"), store=get_store(),
                        workshop_id=workshop["id"] if workshop else None, participant_id=owner_id())
        except UserError as exc:
            st.error(error_text(exc))
        else:
            state()["sheet_job"] = submit_job("photo.sheet", {"before": files["before"], "after": final,
                                                              "caption": caption, "date": when, "language": lang(),
                                                              "ai_made": ai_made, "model": model})
    if state().get("sheet_job"):
        job = job_status_ui(state()["sheet_job"], "photo-sheet")
        if job is not None and job.state == "done":
            download_ui(job.files()["pdf"], t("photo.ui.download_sheet"), mime="application/pdf",
                        key="photo-dl-sheet", what="photo_sheet", title=caption)
    if st.button(t("photo.ui.postcard"), width="stretch", key="photo-postcard"):
        st.session_state["postcard_source"] = final
        st.session_state["postcard_source_ai"] = ai_made
        st.session_state["postcard_source_model"] = model  # the card's gallery line: made by the computer, as it was
        st.switch_page("pages/postcards.py")


def error_box(exc: Exception) -> None:
    st.error(error_text(exc))


def reset_ui() -> None:
    """« Une autre photo » (start again), and once restored « Autres réglages » (same photo and analysis,
    the steps and the strength slider shown again)."""
    if state().get("restore_job") and st.button(t("photo.ui.other_settings"), key="photo-again"):
        state().update(restore_job=None, brush_kept=state().get("brush_strokes") or [],  # the strokes come back
                       brush_round=state().get("brush_round", 0) + 1)
        st.rerun()
    if st.button(t("photo.ui.new_photo"), key="photo-reset"):
        st.session_state.pop(STATE, None)
        for key in [k for k in st.session_state if str(k).startswith("photo-")]:
            st.session_state.pop(key, None)
        st.rerun()

