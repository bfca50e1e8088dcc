"""Models page: every catalogue model, what it does, size, licence, state and how to install it."""
import os

import streamlit as st

from pipelines.device import probe
from pipelines.models.manager import ModelManager
from ui.i18n import lang, t
from ui.frame import require_frame
from ui.model_engines import music_engines_ui, photo_engines_ui, picture_engines_ui
from pipelines.commands import studio

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)

st.title(f"🧠 {t('models.title')}")
st.write(t("models.intro"))
device = probe()


def _number(x: float, digits: int) -> str:
    """A decimal number written the page's way (« 2,6 » in French, "2.6" in English)."""
    text = f"{x:.{digits}f}"
    return text.replace(".", ",") if lang() == "fr" else text


name = t("models.units.cpu", n=os.cpu_count()) if device.kind == "cpu" else device.name
memory = f" · {t('models.units.ram', n=_number(device.memory_gb, 1))}" if device.memory_gb else ""
st.caption(f"{t('models.device')}{t('common.colon')}{name}" + memory)

manager = ModelManager()
picture_engines_ui()  # which engine runs the picture and photo models (facilitator only: this page)
photo_engines_ui()
music_engines_ui()

ICONS = {"installed": "✅", "missing": "⬜", "partial": "🟧", "corrupt": "❌"}


def _size(n: int) -> str:
    """Bytes in Go with one decimal from 0.95 Go up (never « 1000 Mo »), else whole Mo."""
    return t("models.units.gb", n=_number(n / 1e9, 1)) if n >= 0.95e9 else t("models.units.mb", n=_number(n / 1e6, 0))


for model_id, entry in manager.catalog.items():
    state = manager.state(model_id)
    with st.container(border=True):
        left, right = st.columns([3, 1])
        with left:
            st.markdown(f"### {ICONS[state]} `{model_id}`")
            st.write(entry.what(lang()))
            licence = f"[{entry.licence or entry.licence_note(lang())}]({entry.licence_url})"
            if entry.licence and entry.licence_note(lang()):
                licence += f" — {entry.licence_note(lang())}"
            if entry.non_commercial:
                licence += f" — **{t('models.non_commercial')}**"
            if not entry.licence_verified:
                licence += f" ({t('models.unverified')})"
            st.markdown(f"{t('models.licence')}{t('common.colon')}{licence}")
        with right:
            st.metric(t("models.size"), _size(entry.size))
            st.write(t(f"models.state_{state}"))
        if state != "installed":
            st.caption(t("models.install"))
            st.code(studio(f"models download {model_id}"), language=None)
            st.caption(t("models.import"))
            st.code(studio("models import /media/usb/atelier-models"), language=None)

if st.button(t("models.verify"), type="primary"):
    problems = [p for m, s in manager.states().items() if s != "missing" for p in manager.verify(m)]
    if problems:
        for problem in problems:
            st.error(problem)
    else:
        st.success(t("models.verify_ok"))

st.subheader(t("models.fonts"))  # the printed fonts and their licences: here, not on the children's pages
st.caption(t("comics.ui.licence"))
