"""The postcards page's picture sources: the workshop gallery, a photo from this device, a recycled DVD cover."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import streamlit as st
from PIL import Image, ImageDraw

from pipelines.export.dvd import straighten_cover
from pipelines.export.pdf import MIN_DPI
from pipelines.export.postcard import BORDERS, MAX_TITLE, best_front_dpi
from pipelines.i18n import UserError
from pipelines.safety.uploads import sanitize_image
from pipelines.store.files import atomic_path
from pipelines.store.model import creation_picture
from pipelines.store.works import SOURCE_PARAM, works

from .i18n import error_text, t
from .postcards_transform import transform_ui
from .runtime import get_store
from .session import can_upload_photos, current_participant, owner_id, visible_artifacts
from .widgets import picture_choice_ui, picture_uploader, text_box, upload_notes_ui
from .work import wkey

CARD_CHOICES = {"orientation": ("landscape", "portrait"), "border": tuple(BORDERS)}


def card_in_progress() -> dict:
    """The card's direction, border, title and message, kept with the participant's work in progress (session
    key postcard_card, saved by ui.work). A widget the browser no longer holds (after a reload, or a new key
    once another child took the tablet) starts again from these values."""
    card = st.session_state.setdefault("postcard_card", {})
    for name in ("orientation", "border", "title", "message"):
        value = card.get(name, "")
        if name in CARD_CHOICES and value not in CARD_CHOICES[name]:
            value = CARD_CHOICES[name][0]
        st.session_state.setdefault(wkey("postcard", f"pc-{name}"), value)
    return card


def picture_key(front: str | None) -> str:
    """Which picture the cards are made of: its path and, as one path is rewritten when a cover's part or corners
    change, its size and modification time ("" for no picture)."""
    if not front or not Path(front).exists():
        return ""
    stat = Path(front).stat()
    return f"{front}|{stat.st_size}|{stat.st_mtime_ns}"


def save_picture(image: Image.Image, name: str, workshop_id: int | None) -> str:
    """Keep a picture in the store (uploads and straightened covers), atomically; returns its path."""
    folder = get_store().artifact_dir(workshop_id, "postcards", owner=owner_id())  # theirs, removed with them
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with atomic_path(path) as tmp:
        image.save(tmp, format="PNG")
    return str(path)


def pickable_creations(workshop_id: int | None) -> list[dict]:
    """The creations this browser may turn into a postcard: a participant's own only; every one of the
    workshop for the facilitator with nobody picked; none for a tablet with nobody picked."""
    if not workshop_id:
        return []
    participant = current_participant()
    if participant:
        return get_store().artifacts(workshop_id=workshop_id, owner=participant.id)
    return visible_artifacts(workshop_id)


def gallery_source_ui(workshop_id: int | None) -> str | None:
    """Pick one of this participant's pictures."""
    creations = pickable_creations(workshop_id)
    # a photo's A4 sheet holds a copy of the photo: offered once, as the photo (pipelines/store/works.py)
    printed_from = {id(extra) for work in works(creations, get_store().files_dir) for extra in work.extras
                    if SOURCE_PARAM in (extra.get("params") or {})}
    creations = [item for item in creations if id(item) not in printed_from]
    # a postcard gives its front picture, never its 4-up sheet with cut lines; a card made of a creation's picture
    # is not offered beside that creation
    seen = {creation_picture(item) for item in creations if item["kind"] != "postcard"}
    items = []
    for item in creations:
        picture = creation_picture(item)
        if picture and (item["kind"] != "postcard" or picture not in seen):
            seen.add(picture)
            items.append((item, picture))
    if not items:  # a child sees their own creations only: the workshop may have others'
        st.info(t("postcards.gallery_empty_mine" if current_participant() else "postcards.gallery_empty"))
        return None
    columns = st.columns(4)
    for index, (item, picture) in enumerate(items[:24]):
        with columns[index % 4], st.container(border=True):
            st.image(picture, alt=t("alt.creation"), use_container_width=True)
            if item.get("title"):  # two storybook covers look alike: the title tells them apart
                st.caption(item["title"])
            chosen = st.session_state.get("postcard_front") == picture
            if st.button(("✔ " if chosen else "") + t("postcards.pick"), key=f"pick-{item['id']}",
                         type="primary" if chosen else "secondary", use_container_width=True):
                st.session_state["postcard_front"] = picture
                st.session_state["postcard_ai"] = bool(item["ai_made"])
                st.session_state["postcard_model"] = item["model"] if item["ai_made"] else ""  # named on the back
                st.session_state["postcard_made_by"] = item["model"]  # the gallery says how the card's picture was made
                st.rerun()  # the card shows as chosen
    return st.session_state.get("postcard_front")


def postcard_warning(warning: dict, card) -> str:
    """A warning of the postcards.make job in the child's words: a blurry front (export.low_dpi) says which
    picture by the child's own file name (card.name, "" for a creation) and what to do, never a dpi figure;
    the others (the library's logo) as the print engine words them. "" for a blurry upload already said too small
    above, at upload (`upload_source_ui`): the page said it twice, in two ways, once the card was made."""
    params = warning.get("params", {})
    if warning["key"] == "export.low_dpi" and params.get("name") in (card.name, Path(card.front).name):
        if card.name and st.session_state.get("postcard_small"):
            return ""
        return t("postcards.blurry_named", name=card.name) if card.name else t("postcards.blurry")
    return t(warning["key"], **params)


def upload_source_ui(workshop_id: int | None) -> str | None:
    """A photo sent from this device (checked, cleaned of its metadata)."""
    if not can_upload_photos():
        st.warning(t("postcards.no_consent"))
        return None
    upload = picture_uploader(t("postcards.upload"), key="pc-upload")
    if upload is not None and st.session_state.get("postcard_upload_id") != upload.file_id:
        try:
            clean = sanitize_image(upload.getvalue())
        except UserError as exc:
            st.error(error_text(exc))
            return None
        st.session_state["postcard_front"] = save_picture(clean.image, f"photo-{upload.file_id[:8]}.png", workshop_id)
        st.session_state["postcard_upload_id"] = upload.file_id
        st.session_state["postcard_ai"] = False
        st.session_state["postcard_name"] = upload.name  # the child's own file name, in what the page says of it
        st.session_state["postcard_small"] = best_front_dpi(clean.image.size) < MIN_DPI
        st.session_state["postcard_notes"] = list(clean.notes)  # what the upload checks changed (16 bits, dark scan)
    if not st.session_state.get("postcard_upload_id"):
        return None
    upload_notes_ui({"upload_notes": st.session_state.get("postcard_notes")})
    if st.session_state.get("postcard_small"):  # said at upload, with the child's file name, before any card is made
        st.warning(t("postcards.too_small", name=st.session_state.get("postcard_name", "")))
    return st.session_state.get("postcard_front")


def dvd_source_ui(workshop_id: int | None) -> str | None:
    """A DVD cover photographed at an angle: found, straightened (corners by hand if needed), a part chosen."""
    if not can_upload_photos():
        st.warning(t("postcards.no_consent"))
        return None
    upload = picture_uploader(t("postcards.upload_dvd"), key="pc-dvd")
    if upload is None:
        return None
    if st.session_state.get("dvd_id") != upload.file_id:
        try:
            photo = sanitize_image(upload.getvalue(), downscale=True).image
        except UserError as exc:
            st.error(error_text(exc))
            return None
        photo.thumbnail((1600, 1600))
        w, h = photo.size
        try:
            start, found = straighten_cover(photo).corners, True
        except UserError:  # no cover found: the patron places the corners
            start = [(0.15 * w, 0.15 * h), (0.85 * w, 0.15 * h), (0.85 * w, 0.85 * h), (0.15 * w, 0.85 * h)]
            found = False
        st.session_state.update(dvd_id=upload.file_id, dvd_found=found, dvd_photo=photo)
        for n, (x, y) in enumerate(start, start=1):
            st.session_state[f"dvd-x{n}"] = int(round(100 * x / w))
            st.session_state[f"dvd-y{n}"] = int(round(100 * y / h))
    photo = st.session_state["dvd_photo"]
    w, h = photo.size
    if st.session_state["dvd_found"]:
        st.success(t("postcards.found"))
    else:
        st.warning(t("postcards.no_cover"))
    with st.expander(t("postcards.corners"), expanded=not st.session_state["dvd_found"]):
        cols = st.columns(4)
        for n in range(1, 5):
            with cols[n - 1]:
                st.markdown(f"**{t('postcards.corner', n=n)}**")
                st.slider("x %", 0, 100, key=f"dvd-x{n}")
                st.slider("y %", 0, 100, key=f"dvd-y{n}")
    corners = [(st.session_state[f"dvd-x{n}"] * w / 100, st.session_state[f"dvd-y{n}"] * h / 100)
               for n in range(1, 5)]
    shown = photo.copy()
    ImageDraw.Draw(shown).polygon([tuple(map(int, c)) for c in corners], outline=(255, 210, 0), width=max(3, w // 200))
    left, right = st.columns(2)
    left.image(shown, alt=t("alt.photo"), use_container_width=True)
    try:
        cover = straighten_cover(photo, corners)  # straightened once per corner position (kept by the engine)
    except UserError as exc:
        st.error(error_text(exc))
        return None
    right.image(cover.image, alt=t("alt.dvd_cover"), use_container_width=True)
    proposals = cover.proposals
    choice = st.radio(t("postcards.part"), range(len(proposals)), format_func=lambda i: t(proposals[i].key),
                      horizontal=True, key="dvd-part")
    key = f"{upload.file_id}-{choice}-{hash(tuple(map(int, np.ravel(corners))))}"
    if st.session_state.get("dvd_saved_key") != key:
        st.session_state["postcard_front"] = save_picture(cover.part(choice), f"pochette-{upload.file_id[:8]}.png",
                                                         workshop_id)
        st.session_state["dvd_saved_key"] = key
        orientation = st.session_state.setdefault("postcard_card", {})["orientation"] = proposals[choice].orientation
        st.session_state[wkey("postcard", "pc-orientation")] = orientation  # the card's direction follows the part
        st.session_state["postcard_ai"] = False
    return st.session_state["postcard_front"]


def source_ui(workshop_id: int | None) -> str | None:
    """Where the picture comes from: another page, the gallery, this device, or a DVD cover; returns its file."""
    sources = {"gallery": ("🖼️", t("postcards.from_gallery")), "upload": ("📷", t("postcards.from_upload")),
               "dvd": ("📀", t("postcards.from_dvd"))}
    handed = st.session_state.get("postcard_source")
    if handed and Path(handed).exists():
        sources = {"handed": ("✨", t("postcards.from_other_page")), **sources}
    source = picture_choice_ui(t("postcards.source"), sources, key="pc-source")
    if source != st.session_state.get("pc-last-source"):
        st.session_state.pop("postcard_job", None)  # cards of the previous picture are not this one's
        st.session_state.pop("postcard_job_front", None)
        st.session_state.pop("postcard_front", None)
        st.session_state.pop("postcard_model", None)
        st.session_state.pop("postcard_made_by", None)
        st.session_state.pop("postcard_upload_id", None)
        st.session_state.pop("postcard_name", None)
        st.session_state.pop("postcard_small", None)
        st.session_state.pop("postcard_notes", None)
        st.session_state["pc-last-source"] = source
    if source == "handed":
        front = handed
        st.session_state["postcard_ai"] = bool(st.session_state.get("postcard_source_ai", True))
        st.session_state["postcard_made_by"] = st.session_state.get("postcard_source_model", "")
    elif source == "gallery":
        front = gallery_source_ui(workshop_id)
    elif source == "upload":
        front = upload_source_ui(workshop_id)
    else:
        front = dvd_source_ui(workshop_id)
        if front and Path(front).exists():
            front = transform_ui(front, workshop_id)
    return front


def card_title_ui(card_data: dict) -> str | None:
    """The title box of the card in progress: the title typed, or None when it is longer than MAX_TITLE letters (it
    stays in the box and with the work in progress, `card_data["title"]`, and is said too long, not printed)."""
    key = wkey("postcard", "pc-title")
    title = text_box(t("postcards.card_title"), MAX_TITLE, key=key)
    card_data["title"] = st.session_state[key]
    return title
