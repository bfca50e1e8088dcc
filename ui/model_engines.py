"""The models page's engine sections: which engine runs each model (PyTorch or OpenVINO), at which precision
and why, the int8 option for the picture models after a comparison, and whether a photo or music model is converted."""
from __future__ import annotations

import streamlit as st

from ui.i18n import t
from pipelines.commands import studio


def _engine_line_ui(row: dict, precision: str) -> bool:
    """One model's engine line and why (a row of an engine_summary()); True when OpenVINO runs it.
    `precision` is the one the caption explains (bf16 on a CPU with bf16 units, else f32)."""
    if row["engine"] != "openvino":
        engine = f"{t('models.engine.pytorch')} {row['precision']}"
        st.write(t("models.engine.engine", model=row["model"], engine=engine))
        st.caption(t(f"models.engine.why_{row['reason']}"))
        return False
    st.write(t("models.engine.engine", model=row["model"],
               engine=t("models.engine.openvino", precision=row["precision"])))
    if precision == "bf16":
        st.caption(t("models.engine.why_bf16"))
    elif row.get("why") == "engine_precision = f32":  # a CPU with bf16 units, f32 chosen in the settings
        st.caption(t("models.engine.why_f32_setting"))
    else:
        st.caption(t("models.engine.why_f32"))
    return True


def picture_engines_ui() -> None:
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
            if not _engine_line_ui(row, cpu_precision()):
                continue
            if row["converted"]:
                st.caption(t("models.engine.converted"))
            else:
                st.caption(t("models.engine.not_converted", command=""))
                st.code(studio(f"models convert {model} taesd"), language=None)
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


def photo_engines_ui() -> None:
    """Which engine runs each installed photo model the OpenVINO runner can run, and at which precision."""
    from pipelines.photo.openvino_runner import engine_summary

    rows = engine_summary()
    if not rows:
        return
    with st.container(border=True):
        st.subheader(t("models.photo_engine.title"))
        for row in rows:
            if _engine_line_ui(row, row["precision"]):
                st.caption(t("models.photo_engine.ready" if row["converted"] else "models.photo_engine.first_use"))


def music_engines_ui() -> None:
    """Which engine runs MusicGen's decoder here (installed only), and whether its OpenVINO files are made."""
    from pipelines.music.openvino_musicgen import engine_summary

    rows = engine_summary()
    if not rows:
        return
    with st.container(border=True):
        st.subheader(t("models.music_engine.title"))
        for row in rows:
            if _engine_line_ui(row, row["precision"]):
                st.caption(t("models.music_engine.ready" if row["converted"] else "models.music_engine.first_use"))
