"""Gallery: the workshop's creations by participant, with download and delete."""
import mimetypes
from pathlib import Path

import streamlit as st

from ui.i18n import t
from ui.runtime import get_store
from ui.session import current_workshop, visible_artifacts
from ui.frame import require_frame

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)

st.title(f"🖼️ {t('gallery.title')}")
store = get_store()
workshop = current_workshop()
if not workshop:
    st.info(t("gallery.pick_workshop"))
    st.stop()

# Children see their own creations; the facilitator sees everyone's.
items = visible_artifacts(workshop["id"])
items = [a for a in items if a["kind"] != "upload"]
if not items:
    st.info(t("gallery.empty"))
    st.stop()

names = {p["id"]: p["name"] for p in store.participants(workshop["id"])}
by_owner: dict = {}
for item in items:
    by_owner.setdefault(item["owner"], []).append(item)

IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".webp"}
for owner, creations in by_owner.items():
    st.subheader(t("gallery.by", name=names.get(owner, t("gallery.facilitator"))))
    columns = st.columns(4)
    for index, item in enumerate(creations):
        with columns[index % 4], st.container(border=True):
            files = {k: Path(v) for k, v in item["files"].items() if Path(v).exists()}
            picture = next((p for p in files.values() if p.suffix.lower() in IMAGE_TYPES), None)
            if picture:
                st.image(str(picture), width="stretch")
            ai_mark = f" · 🤖 {t('gallery.ai_made')}" if item["ai_made"] else ""
            st.markdown(f"**{item['title'] or item['kind']}**" + ai_mark)
            st.caption(t("gallery.expires", date=item["expires_at"][:10]))
            for name, path in files.items():
                if path.suffix.lower() in (".wav", ".mp3", ".ogg", ".m4a"):
                    st.audio(str(path))
                st.download_button(f"⬇️ {path.name}", data=path.read_bytes(), file_name=path.name,
                                   mime=mimetypes.guess_type(path.name)[0], key=f"dl-{item['id']}-{name}",
                                   width="stretch")
            if st.button(f"🗑️ {t('gallery.delete')}", key=f"del-{item['id']}", width="stretch"):
                store.delete_artifact(item["id"])
                st.toast(t("gallery.deleted"))
                st.rerun()
