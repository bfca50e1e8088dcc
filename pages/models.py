"""Models page: every catalogue model, what it does, size, licence, state and how to install it."""
import streamlit as st

from pipelines.device import probe
from pipelines.models.manager import ModelManager
from ui.i18n import lang, t
from ui.frame import require_frame

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)

st.title(f"🧠 {t('models.title')}")
st.write(t("models.intro"))
device = probe()
memory = f" · {device.memory_gb} GB RAM" if device.memory_gb else ""
st.caption(f"{t('models.device')}{t('common.colon')}{device.name}" + memory)

manager = ModelManager()


def _engine_section() -> None:
    """Which engine draws the pictures, at which precision, and the int8 option after a comparison."""
    from pipelines.imagegen.openvino_engine import INT8_MIN_PSNR, cpu_precision, engine_summary, set_int8
    from ui.jobs import job_status_ui, submit_job

    rows = engine_summary()
    if not rows:
        return
    with st.container(border=True):
        st.subheader(t("models.engine.title"))
        st.caption(t("models.engine.sdxl_pytorch"))
        for row in rows:
            model = row["model"]
            if row["engine"] != "openvino":
                engine = f"{t('models.engine.pytorch')} {row['precision']}"
                st.write(t("models.engine.engine", model=model, engine=engine))
                st.caption(t(f"models.engine.why_{row['reason']}"))
                continue
            st.write(t("models.engine.engine", model=model,
                       engine=t("models.engine.openvino", precision=row["precision"])))
            st.caption(t("models.engine.why_bf16" if cpu_precision() == "bf16" else "models.engine.why_f32"))
            if row["converted"]:
                st.caption(t("models.engine.converted"))
            else:
                st.caption(t("models.engine.not_converted", command=""))
                st.code(f"python -m pipelines models convert {model} taesd", language="bash")
                continue
            st.markdown(f"**{t('models.engine.int8_title')}**")
            st.caption(t("models.engine.int8_help", tolerance=INT8_MIN_PSNR, reference=cpu_precision()))
            check = row["int8"]
            if check:
                st.write(t("models.engine.int8_result", date=check["date"], psnr=check["psnr_db"],
                           tolerance=check["tolerance_db"]))
                st.write(t("models.engine.int8_passed" if check["passed"] else "models.engine.int8_failed"))
                if check["passed"]:
                    on = st.toggle(t("models.engine.int8_use", model=model), value=row["int8_on"],
                                   key=f"int8-{model}")
                    if on != row["int8_on"]:
                        set_int8(model, on)
                        st.success(t("models.engine.int8_on" if on else "models.engine.int8_off"))
            key = f"int8-job-{model}"
            if st.session_state.get(key):
                job = job_status_ui(st.session_state[key], key=key)
                if job is not None:
                    st.session_state[key] = None
                    st.rerun()
            elif st.button(t("models.engine.int8_compare"), key=f"int8-compare-{model}"):
                st.session_state[key] = submit_job("imagegen.compare_int8", {"model": model})
                st.rerun()


_engine_section()


def _photo_engine_section() -> None:
    """Which engine runs each installed photo model the OpenVINO runner can run, and at which precision."""
    from pipelines.photo.openvino_runner import engine_summary

    rows = engine_summary()
    if not rows:
        return
    with st.container(border=True):
        st.subheader(t("models.photo_engine.title"))
        for row in rows:
            if row["engine"] != "openvino":
                engine = f"{t('models.engine.pytorch')} {row['precision']}"
                st.write(t("models.engine.engine", model=row["model"], engine=engine))
                st.caption(t(f"models.engine.why_{row['reason']}"))
                continue
            st.write(t("models.engine.engine", model=row["model"],
                       engine=t("models.engine.openvino", precision=row["precision"])))
            st.caption(t("models.engine.why_bf16" if row["precision"] == "bf16" else "models.engine.why_f32"))
            st.caption(t("models.photo_engine.ready" if row["converted"] else "models.photo_engine.first_use"))


_photo_engine_section()
ICONS = {"installed": "✅", "missing": "⬜", "partial": "🟧", "corrupt": "❌"}


def _size(n: int) -> str:
    return f"{n / 1e9:.1f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB"


for model_id, entry in manager.catalog.items():
    state = manager.state(model_id)
    with st.container(border=True):
        left, right = st.columns([3, 1])
        with left:
            st.markdown(f"### {ICONS[state]} `{model_id}`")
            st.write(entry.what(lang()))
            licence = entry.licence
            if entry.non_commercial:
                licence += f" — **{t('models.non_commercial')}**"
            if not entry.licence_verified:
                licence += f" ({t('models.unverified')})"
            st.markdown(f"{t('models.licence')} : [{licence}]({entry.licence_url})")
        with right:
            st.metric(t("models.size"), _size(entry.size))
            st.write(t(f"models.state_{state}"))
        if state != "installed":
            st.caption(t("models.install"))
            st.code(f"python -m pipelines models download {model_id}", language="bash")
            st.caption(t("models.import"))
            st.code("python -m pipelines models import /media/usb/atelier-models", language="bash")

if st.button(t("models.verify"), type="primary"):
    problems = [p for m, s in manager.states().items() if s != "missing" for p in manager.verify(m)]
    if problems:
        for problem in problems:
            st.error(problem)
    else:
        st.success(t("models.verify_ok"))

st.subheader(t("models.fonts"))  # the printed fonts and their licences: here, not on the children's pages
st.caption(t("comics.ui.licence"))
