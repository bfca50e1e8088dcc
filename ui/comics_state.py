"""The comics page's session state: the page in progress, its folder, the child's uploaded drawings."""
from __future__ import annotations

import random
import uuid
from pathlib import Path

import streamlit as st

from pipelines.comics.layouts import LAYOUTS
from pipelines.comics.page import PageSpec
from pipelines.comics.workshop import page_spec as comic_page_spec
from pipelines.i18n import UserError

from .i18n import error_text, lang, t
from .runtime import get_store
from .session import current_workshop, owner_id

STATE = "comic"


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
    folder = get_store().artifact_dir(workshop["id"] if workshop else None, f"comics-{comic['id']}",
                                   owner=owner_id())  # the child's drawings go with them
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_upload(data: bytes, target: Path) -> str:
    """Check an upload and keep it as a clean PNG; shows the problem and returns '' when refused."""
    from pipelines.safety.uploads import sanitize_image
    from pipelines.store.files import write_bytes_atomic

    try:
        with st.spinner(t("uploads.reading")):  # a phone's photo takes seconds to read: said meanwhile
            clean = sanitize_image(data, downscale=True)
            write_bytes_atomic(target, clean.png_bytes())
    except UserError as exc:
        st.error(error_text(exc))
        return ""
    for note in clean.notes:
        st.caption(t(note))
    return str(target)


def page_spec(comic: dict) -> PageSpec:
    """The page as the engine sees it, with its title, authors, the parts of the pictures the child framed
    (cut into the page's folder) and this session's language."""
    return comic_page_spec(comic, comic.get("title", ""), comic.get("authors", ""), lang(), frames_dir=work_dir(comic))
