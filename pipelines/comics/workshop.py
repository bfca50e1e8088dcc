"""The comics page in progress as plain data (a dict kept in the browser session): what the page asks the
engine, written without Streamlit so the command line and the tests can call it.

``comic``: {"id", "layout", "guided", "hero": {"name", "look", "seed", "ref"}, "panels": [{"story", "way",
"style", "strength", "drawing", "image", "ai", "job", "bubbles", "version", "use_hero", "seed", "sheet",
"frame", "frame_auto"}], "title", "authors", "mode", ...}; a panel's ``frame`` is [centre x, centre y (0-1),
zoom > 0 (below 1 the frame is larger than the picture, paper around it)], the part of its picture the page
prints, and ``frame_auto`` [layout, frame, times framed again] where it started for that layout (framed again
for a new layout while the child has not moved it); a panel's ``way`` is "text" (drawn by the AI from its line),
"drawing_ai" (the child's drawing redrawn by the AI), "stylise" (inked on the processor) or "as_is".
"""
from __future__ import annotations

from pathlib import Path

from .. import backends
from ..jobs.registry import KINDS as JOB_KINDS
from .layouts import LAYOUTS
from .page import BubbleSpec, PageSpec, PanelSpec


FRAME_CENTRED = [0.5, 0.5, 1.0]  # centre x, centre y (0-1), zoom: what the page shows unless moved


def framed_image(comic: dict, i: int, folder: Path | None) -> str:
    """Panel i's picture as printed: the part the child framed (cut once into `folder`, the file named by
    layout and frame), or the picture itself when its frame is centred (the page centres it anyway)."""
    from .paper import frame_picture, panel_ratio

    panel = comic["panels"][i]
    frame = list(panel.get("frame") or FRAME_CENTRED)
    if folder is None or not panel["image"] or not Path(panel["image"]).exists() or frame == FRAME_CENTRED:
        return panel["image"]
    x, y, zoom = frame
    target = Path(folder) / (f"{Path(panel['image']).stem}-{comic['layout']}-{round(x * 100)}-{round(y * 100)}-"
                             f"{round(zoom * 100)}.png")
    if not target.exists():
        frame_picture(panel["image"], panel_ratio(comic["layout"], i), zoom, x, y, target)
    return str(target)


def page_spec(comic: dict, title: str = "", authors: str = "", language: str = "fr",
              frames_dir: Path | None = None) -> PageSpec:
    """The page as the engine sees it (only the panels the layout holds); authors: names separated by commas.
    With `frames_dir`, each panel prints the part of its picture the child framed (see framed_image)."""
    count = LAYOUTS[comic["layout"]].panel_count
    used = comic["panels"][:count]
    while used and not used[-1]["image"] and not used[-1]["bubbles"]:
        used = used[:-1]  # trailing empty panels print as empty frames, to draw in by hand
    panels = []
    for index, panel in enumerate(used):
        panels.append(PanelSpec(image=framed_image(comic, index, frames_dir), ai=panel["ai"], story=panel["story"],
                                bubbles=[BubbleSpec(b["kind"], b["text"], b["position"], tuple(b["nudge"]),
                                                    tuple(b["tail"]) if b["tail"] else None)
                                         for b in panel["bubbles"]]))
    names = [a.strip() for a in authors.split(",") if a.strip()]
    return PageSpec(title=title, authors=names, layout=comic["layout"], language=language, panels=panels)


def empty_panels(comic: dict) -> list[int]:
    """The numbers (from 1) of the layout's panels with nothing in them (no picture, no bubble): the page prints
    them as empty frames, to draw in by hand."""
    count = LAYOUTS[comic["layout"]].panel_count
    return [number for number, panel in enumerate(comic["panels"][:count], start=1)
            if not panel["image"] and not panel["bubbles"]]


def txt2img_ready() -> bool:
    """True when a text-to-image engine is installed and its job kind is registered (AI panels are offered)."""
    return "imagegen.generate" in JOB_KINDS and bool(backends.available("imagegen.txt2img"))


def img2img_ready() -> bool:
    """True when a drawing-to-image engine is installed (a drawing or the hero's picture can start a panel)."""
    return "imagegen.generate" in JOB_KINDS and bool(backends.available("imagegen.img2img"))


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


def check_ai_panel(comic: dict, i: int, language: str, store=None, workshop_id: int | None = None,
                   participant_id: int | None = None) -> None:
    """Refuse an empty line or words unsuitable for children, with a kind sentence naming the panel, then a hero
    whose name may not name a person (`check_hero`); a refusal is counted for the facilitator's console, as
    `participant_id`'s when known."""
    from ..safety.prompts import screen

    screen(panel_prompt(comic, i), hero_description(comic), language=language, store=store, workshop_id=workshop_id,
           model=False, empty_key="comics.errors.story_empty", blocked_key="comics.ui.panel_blocked", panel=i + 1,
           participant_id=participant_id)
    check_hero(comic, store=store, workshop_id=workshop_id, participant_id=participant_id)


def check_hero(comic: dict, *, names=None, store=None, workshop_id: int | None = None,
               participant_id: int | None = None) -> None:
    """Refuse the hero sheet when its name may not name a person (`safety.names.check_name_words`: the words guard,
    and no toilet word for a name) or its look holds words the guard refuses: UserError 'text.words_blocked'
    naming the field, never the word. `names`/`store`/`workshop_id`/`participant_id`: as `check_name_words`."""
    from ..i18n import UserError
    from ..safety.names import check_name_words
    from ..safety.text import check_words

    hero = comic["hero"]
    check_name_words(hero["name"], field="hero_name", names=names, store=store, workshop_id=workshop_id,
                     participant_id=participant_id)
    try:
        check_words(hero["look"], field="hero_look", names=names, store=store, workshop_id=workshop_id,
                    participant_id=participant_id)
    except UserError as exc:
        raise UserError(exc.key, message_key=exc.params["message_key"], field_key="typed.fields.hero_look") from None
