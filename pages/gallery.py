"""Gallery: the workshop's creations by participant, with download and delete."""
import mimetypes
from pathlib import Path

import streamlit as st

from pipelines.store.works import gallery_works
from ui.gallery import day_text, file_names, made_text, time_text, title_markdown, title_text
from ui.i18n import t
from ui.runtime import get_store
from ui.session import current_workshop, isolated, visible_artifacts
from ui.frame import require_frame

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)

st.title(f"🖼️ {t('gallery.title')}")
store = get_store()
workshop = current_workshop()
if not workshop:
    st.info(t("gallery.pick_workshop"))
    st.stop()

# Children see their own creations; the facilitator sees everyone's.
items = gallery_works(visible_artifacts(workshop["id"]), store.files_dir)  # uploads are no creations
if not items:
    st.info(t("gallery.empty"))
    st.stop()

names = {p["id"]: p["name"] for p in store.participants(workshop["id"])}
by_owner: dict = {}
for work in items:  # a portrait and its framed PDF: one work, one card, files together
    by_owner.setdefault(work.main["owner"], []).append(work)

IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".webp"}
# a tablet in portrait (820 px, sidebar open) leaves ~490 px: four cards a row would break "Supprim-er" and
# "page.pn-g" over lines; the columns wrap (two a row there) once a card would be narrower than 11 rem
st.markdown("<style>[class*='st-key-gallery-'] [data-testid='stHorizontalBlock'] {flex-wrap: wrap}"
            "[class*='st-key-gallery-'] [data-testid='stColumn'] {min-width: 11rem}</style>", unsafe_allow_html=True)


for owner, creations in by_owner.items():
    # creations of nobody in particular (a quiz's results, a participant gone): the workshop's
    st.subheader(t("gallery.by", name=isolated(names[owner])) if owner in names else t("gallery_owner.workshop"))
    columns = st.container(key=f"gallery-{owner}").columns(4)
    titles = [title_text(work) for work in creations]
    for index, work in enumerate(creations):
        item = work.main
        with columns[index % 4], st.container(border=True):
            kept = {name: (member, Path(path)) for name, (member, path) in work.files.items() if Path(path).exists()}
            owners = {name: member for name, (member, _) in kept.items()}
            files = {name: path for name, (_, path) in kept.items()}
            picture = next((p for p in files.values() if p.suffix.lower() in IMAGE_TYPES), None)
            if picture:
                try:
                    st.image(str(picture), alt=t("alt.creation"), width="stretch")
                except (OSError, ValueError):  # a damaged file (PIL.UnidentifiedImageError): the rest stays usable
                    st.caption(f"🖼️ {t('gallery_checks.unreadable', name=picture.name)}")
            st.markdown(title_markdown(work))
            if titles.count(title_text(work)) > 1:  # two books « Zoé et la tempête »: told apart by when
                made = item["created_at"]
                st.caption(t("gallery.made_when", date=day_text(made), time=time_text(made)))
            if made_text(item):
                st.caption(made_text(item))
            st.caption(t("gallery.expires", date=day_text(item["expires_at"])))
            names_of = {}  # each file named as what its own creation is (« portrait-encadre-… » for the print)
            for member in work.members:
                mine = {name: path for name, path in files.items() if owners[name] is member}
                names_of.update(file_names(member, mine, names.get(owner, "")) if mine else {})
            seen: dict[str, int] = {}
            kinds = [p.suffix[1:].upper() for p in files.values()]
            for name, path in files.items():
                if path.suffix.lower() in (".wav", ".mp3", ".ogg", ".m4a"):
                    st.audio(str(path))
                kind = path.suffix[1:].upper() or name  # the button says the type; the file's name says the rest
                seen[kind] = seen.get(kind, 0) + 1
                label = f"⬇️ {kind}"
                if kinds.count(kind) > 1:  # two PDFs: "PDF · pages", "PDF · livret" (a number when unnamed)
                    base, _, number = name.rpartition("-") if name.rpartition("-")[2].isdigit() else (name, "", "")
                    role = t(f"gallery_files.{base}")  # a second picture of the work: « image 2 »
                    label += f" · {role}{' ' + number if number else ''}" if not role.startswith("[") \
                        else f" {seen[kind]}"
                elif owners[name] is not item:  # the photo's A4 sheet: « PDF · fiche », not a PDF of the photo
                    role = t(f"gallery_files.{owners[name]['kind']}")
                    label += f" · {role}" if not role.startswith("[") else ""
                st.download_button(label, data=path.read_bytes(), file_name=names_of[name], help=names_of[name],
                                   mime=mimetypes.guess_type(path.name)[0], key=f"dl-{owners[name]['id']}-{name}",
                                   width="stretch", on_click="ignore")  # no rerun: quick taps all download
            # one tap opens the question; only the second deletes (as "Retirer" in the console)
            # keyed by the creation: after a deletion the next one's question does not open in its place
            delete_pop = st.popover(f"🗑️ {t('gallery.delete')}", width="stretch", key=f"del-open-{item['id']}",
                                    on_change="rerun")
            if delete_pop.open:
                with delete_pop:
                    st.write(t("gallery.delete_confirm", title=title_text(work)))
                    if st.button(t("gallery.delete_yes"), key=f"del-{item['id']}", type="primary", width="stretch"):
                        for member in work.members:  # the portrait goes with its prints
                            store.delete_artifact(member["id"])
                        st.toast(t("gallery.deleted"))
                        st.rerun()
