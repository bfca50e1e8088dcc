"""Home: the workshops as big picture cards, with the engines this machine has."""
import streamlit as st

from pipelines import backends
from pipelines.device import probe
from pipelines.models.manager import ModelManager
from ui.i18n import t
from ui.nav import TOOLS, WORKSHOPS, visible
from ui.session import is_facilitator
from ui.frame import require_frame

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)

st.title(f"🎨 {t('home.hello')}", anchor=False)
st.write(t("home.intro"))

device = probe()
installed = sum(1 for s in ModelManager().states().values() if s == "installed")
machine = t("home.engines_gpu", name=device.name) if device.has_gpu else t("home.engines_cpu")
st.caption(f"🖥️ {machine} · 🧠 {t('home.models_installed', n=installed)}")

if not WORKSHOPS:
    st.info(t("home.no_workshop_built"))

# a tablet in portrait (820 px, sidebar open) leaves ~490 px: three cards would split words of their titles
# ("d'histoire-s"); the columns wrap to two per row below 3 x 220 px instead
st.markdown("<style>.st-key-home-cards [data-testid='stHorizontalBlock'] {flex-wrap: wrap}"
            ".st-key-home-cards [data-testid='stColumn'] {min-width: 220px}</style>", unsafe_allow_html=True)
columns = st.container(key="home-cards").columns(3)
for index, info in enumerate(visible(WORKSHOPS, is_facilitator())):
    with columns[index % 3]:
        with st.container(border=True):
            st.markdown(f"<div style='font-size:4.5rem;text-align:center;line-height:1.2'>{info.icon}</div>",
                        unsafe_allow_html=True)
            title = t(f"pages.{info.key}.title")
            st.subheader(title, anchor=False)  # no 16 px « Lien vers ce titre » for a finger to miss
            st.write(t(f"pages.{info.key}.blurb"))
            for capability in info.capabilities:
                ready = [t(b.label) for b in backends.available(capability)]
                mark = "✅" if ready else "➖"
                names = ", ".join(ready) or t("widgets.none_installed")
                st.caption(f"{mark} {t(info.capability_key(capability))}{t('common.colon')}{names}")
            st.page_link(info.path, label=t("home.open", title=title), icon="👉", width="stretch")

st.divider()
st.markdown(f"**{t('home.links')}**" if is_facilitator() else "")
tools = visible(TOOLS, is_facilitator())
for column, info in zip(st.columns(len(tools)), tools):
    with column:
        st.page_link(info.path, label=t(f"pages.{info.key}.title"), icon=info.icon, width="stretch")
