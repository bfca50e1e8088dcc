"""t(): every visible string goes through here, in the session's language (French by default)."""
from __future__ import annotations

import streamlit as st

from pipelines.config import settings
from pipelines.i18n import LANGUAGES, UserError, translate


def lang() -> str:
    """The session's language: the sidebar switch, else the workshop's, else the studio default."""
    value = st.session_state.get("lang_radio") or st.session_state.get("lang") or settings().language
    return value if value in LANGUAGES else "fr"


def t(key: str, **params) -> str:
    return translate(key, lang(), **params)


def error_text(exc: BaseException) -> str:
    """A user-facing sentence for an exception (UserError in the user's language)."""
    if isinstance(exc, UserError):
        return exc.message(lang())
    return t("errors.unexpected", detail=f"{type(exc).__name__}: {exc}")


def job_error_text(error: dict | None) -> str:
    if not error:
        return ""
    return translate(error.get("key", "errors.unexpected"), lang(), **error.get("params", {}))
