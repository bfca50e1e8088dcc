"""Postcards: a creation, a photo or a recycled DVD cover becomes A6 postcards, printed 4 per A4 sheet."""
from pathlib import Path

import numpy as np
import streamlit as st
from PIL import Image, ImageDraw

from pipelines.export.dvd import check_corners, find_cover, propose_fronts, straighten
from pipelines.export.imposition import add_calibration_pages
from pipelines.export.pdf import PrintDocument
from pipelines.export.postcard import BORDERS, crop_frame, draw_crop_frame, message_fit, picture_ratio, Postcard
from pipelines.i18n import UserError
from pipelines.safety.uploads import open_picture, sanitize_image
from pipelines.store.files import atomic_path
from ui.i18n import error_text, lang, t
from ui.jobs import expected_time_text, job_status_ui, submit_job
from ui.runtime import get_store
from ui.session import can_upload_photos, current_workshop, visible_artifacts
from ui.widgets import download_ui, picture_choice_ui
from ui.frame import require_frame

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)

IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".webp"}
store = get_store()
workshop = current_workshop()
workshop_id = workshop["id"] if workshop else None

st.title(f"💌 {t('pages.postcards.title')}")
st.caption(t("pages.postcards.blurb"))
if not workshop:
    st.info(t("postcards.no_workshop"))


def save_picture(image: Image.Image, name: str) -> str:
    """Keep a picture in the store (uploads and straightened covers), atomically; returns its path."""
    folder = store.artifact_dir(workshop_id, "postcards")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with atomic_path(path) as tmp:
        image.save(tmp, format="PNG")
    return str(path)


def gallery_source_ui() -> str | None:
    """Pick one of the workshop's pictures."""
    items = []
    for item in visible_artifacts(workshop_id) if workshop_id else []:
        picture = next((p for p in item["files"].values() if Path(p).suffix.lower() in IMAGE_TYPES
                        and Path(p).exists()), None)
        if picture:
            items.append((item, picture))
    if not items:
        st.info(t("postcards.gallery_empty"))
        return None
    columns = st.columns(4)
    for index, (item, picture) in enumerate(items[:24]):
        with columns[index % 4], st.container(border=True):
            st.image(picture, use_container_width=True)
            if st.button(t("postcards.pick"), key=f"pick-{item['id']}", use_container_width=True):
                st.session_state["postcard_front"] = picture
                st.session_state["postcard_ai"] = bool(item["ai_made"])
    return st.session_state.get("postcard_front")


def upload_source_ui() -> str | None:
    """A photo sent from this device (checked, cleaned of its metadata)."""
    if not can_upload_photos():
        st.warning(t("postcards.no_consent"))
        return None
    upload = st.file_uploader(t("postcards.upload"), type=["jpg", "jpeg", "png", "webp", "heic"], key="pc-upload")
    if upload is not None and st.session_state.get("postcard_upload_id") != upload.file_id:
        try:
            clean = sanitize_image(upload.getvalue())
        except UserError as exc:
            st.error(error_text(exc))
            return None
        st.session_state["postcard_front"] = save_picture(clean.image, f"photo-{upload.file_id[:8]}.png")
        st.session_state["postcard_upload_id"] = upload.file_id
        st.session_state["postcard_ai"] = False
    return st.session_state.get("postcard_front") if st.session_state.get("postcard_upload_id") else None


def dvd_source_ui() -> str | None:
    """A DVD cover photographed at an angle: found, straightened (corners by hand if needed), a part chosen."""
    if not can_upload_photos():
        st.warning(t("postcards.no_consent"))
        return None
    upload = st.file_uploader(t("postcards.upload_dvd"), type=["jpg", "jpeg", "png", "webp", "heic"], key="pc-dvd")
    if upload is None:
        return None
    try:
        photo = sanitize_image(upload.getvalue(), downscale=True).image
    except UserError as exc:
        st.error(error_text(exc))
        return None
    photo.thumbnail((1600, 1600))
    w, h = photo.size
    if st.session_state.get("dvd_id") != upload.file_id:
        found = find_cover(photo)
        st.session_state["dvd_id"] = upload.file_id
        st.session_state["dvd_found"] = found is not None
        start = found if found is not None else [(0.15 * w, 0.15 * h), (0.85 * w, 0.15 * h), (0.85 * w, 0.85 * h),
                                                  (0.15 * w, 0.85 * h)]
        for n, (x, y) in enumerate(start, start=1):
            st.session_state[f"dvd-x{n}"] = int(round(100 * x / w))
            st.session_state[f"dvd-y{n}"] = int(round(100 * y / h))
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
    left.image(shown, use_container_width=True)
    try:
        cover = straighten(photo, check_corners(corners, photo.size))
    except UserError as exc:
        st.error(error_text(exc))
        return None
    right.image(cover, use_container_width=True)
    proposals = propose_fronts(cover.size)
    choice = st.radio(t("postcards.part"), range(len(proposals)), format_func=lambda i: t(proposals[i].key),
                      horizontal=True, key="dvd-part")
    part = proposals[choice]
    cw, ch = cover.size
    left, top, right, bottom = part.crop
    piece = cover.crop((round(left * cw), round(top * ch), round(right * cw), round(bottom * ch)))
    key = f"{upload.file_id}-{choice}-{hash(tuple(map(int, np.ravel(corners))))}"
    if st.session_state.get("dvd_saved_key") != key:
        st.session_state["postcard_front"] = save_picture(piece, f"pochette-{upload.file_id[:8]}.png")
        st.session_state["dvd_saved_key"] = key
        st.session_state["pc-orientation"] = part.orientation
        st.session_state["postcard_ai"] = False
    return st.session_state["postcard_front"]


# 1. Where the picture comes from.
sources = {"gallery": ("🖼️", t("postcards.from_gallery")), "upload": ("📷", t("postcards.from_upload")),
           "dvd": ("📀", t("postcards.from_dvd"))}
handed = st.session_state.get("postcard_source")
if handed and Path(handed).exists():
    sources = {"handed": ("✨", t("postcards.from_other_page")), **sources}
source = picture_choice_ui(t("postcards.source"), sources, key="pc-source")
if source != st.session_state.get("pc-last-source"):
    st.session_state.pop("postcard_front", None)
    st.session_state.pop("postcard_upload_id", None)
    st.session_state["pc-last-source"] = source
if source == "handed":
    front = handed
    st.session_state["postcard_ai"] = bool(st.session_state.get("postcard_source_ai", True))
elif source == "gallery":
    front = gallery_source_ui()
elif source == "upload":
    front = upload_source_ui()
else:
    front = dvd_source_ui()
    if front and Path(front).exists():
        from ui.postcards_transform import transform_ui

        front = transform_ui(front, workshop_id)
if not front or not Path(front).exists():
    st.stop()

# 2. The card: direction, border, crop frame, title, message.
st.header(t("postcards.design"))
picture = open_picture(front)
design_col, frame_col = st.columns([1, 1])
with design_col:
    orientation = st.radio(t("postcards.orientation"), ["landscape", "portrait"], horizontal=True,
                           format_func=lambda o: ("▭ " if o == "landscape" else "▯ ") + t(f"postcards.{o}"),
                           key="pc-orientation")
    border = st.radio(t("postcards.border"), BORDERS, horizontal=True, format_func=lambda b: t(f"postcards.border_{b}"),
                      key="pc-border")
    zoom = st.slider(t("postcards.zoom"), 1.0, 3.0, 1.0, 0.1, key="pc-zoom")
    move_x = st.slider(t("postcards.move_x"), 0, 100, 50, key="pc-mx")
    move_y = st.slider(t("postcards.move_y"), 0, 100, 50, key="pc-my")
    title = st.text_input(t("postcards.card_title"), max_chars=60, key="pc-title")
draft = Postcard(front, orientation=orientation, border=border, title=title)
crop = crop_frame(picture.size, picture_ratio(draft), zoom, move_x / 100, move_y / 100)
with frame_col:
    st.image(draw_crop_frame(picture, crop), use_container_width=True)
    st.caption(t("postcards.frame_caption"))
message = st.text_area(t("postcards.message"), key="pc-message", height=120)
card = Postcard(front, orientation=orientation, crop=crop, border=border, title=title, message=message,
                ai_made=bool(st.session_state.get("postcard_ai")), language=lang(),
                library_name=store.get_setting("library_name") or "", logo=store.get_setting("library_logo") or "")
fit = message_fit(card)
if fit.fits:
    if message.strip():
        st.caption("✅ " + t("postcards.message_ok"))
else:
    st.warning(t("postcards.message_too_long", cut=fit.overflow_chars))

# 3. Printing.
cols = st.columns(3)
copies = cols[0].number_input(t("postcards.copies"), 1, 8, 4, key="pc-copies")
printer = cols[1].radio(t("postcards.printer"), ["office", "shop"], format_func=lambda p: t(f"postcards.printer_{p}"),
                        key="pc-printer")
duplex = cols[2].toggle(t("postcards.duplex"), value=True, key="pc-duplex")
params = {"cards": [{k: v for k, v in card.__dict__.items()}], "copies": int(copies), "sheet": "4up",
          "duplex": duplex, "bleed_mm": 3.0 if printer == "shop" else 0.0, "crop_marks": printer == "shop"}
params["cards"][0]["crop"] = list(crop)
if st.button(t("postcards.make"), type="primary", use_container_width=True, disabled=not fit.fits):
    st.session_state["postcard_job"] = submit_job("postcards.make", params)
st.caption(expected_time_text("postcards.make"))

job_id = st.session_state.get("postcard_job")
if job_id:
    job = job_status_ui(job_id, "postcards")
    if job and job.state == "done":
        files = job.files()
        root = store.files_dir
        for warning in (job.result or {}).get("warnings", []):
            st.warning(t(warning["key"], **warning["params"]))
        left, right = st.columns(2)
        left.image(str(root / files["preview"]), caption=t("postcards.preview_front"), use_container_width=True)
        if "preview_back" in files:
            right.image(str(root / files["preview_back"]), caption=t("postcards.preview_back"),
                        use_container_width=True)
        download_ui(root / files["pdf"], t("postcards.download"), mime="application/pdf", key="pc-download")
        st.info(t("postcards.print_tip"))
        calibration = PrintDocument(t("export.calibration.title"), language=lang())
        add_calibration_pages(calibration, "A4", "landscape")
        st.download_button(t("postcards.calibration"), data=calibration.pdf_bytes(),
                           file_name="reglage-recto-verso.pdf", mime="application/pdf", use_container_width=True,
                           key="pc-calibration")
