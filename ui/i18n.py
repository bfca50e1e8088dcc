"""t(): every visible string goes through here, in the session's language (French by default)."""
from __future__ import annotations

import streamlit as st

from pipelines.config import settings
from pipelines.i18n import LANGUAGES, UserError, catalogue, translate


def lang() -> str:
    """The session's language: the sidebar switch, else the workshop's, else the studio default."""
    value = st.session_state.get("lang_radio") or st.session_state.get("lang") or settings().language
    return value if value in LANGUAGES else "fr"


def t(key: str, **params) -> str:
    return translate(key, lang(), **params)


def error_text(exc: BaseException, formal: bool = False) -> str:
    """A user-facing sentence for an exception (UserError in the user's language). `formal`: on a facilitator's
    page, a refusal's « vous » sentence (its key + "_formal") when it has one: the same refusal says « tu » to a
    child (« Retape-le » for a pseudonym, « Retapez-le » for a participant added on the console)."""
    if isinstance(exc, UserError):
        if formal and f"{exc.key}_formal" in catalogue(lang()):
            return translate(f"{exc.key}_formal", lang(), **exc.params)
        return exc.message(lang())
    return t("errors.unexpected_formal" if formal else "errors.unexpected", detail=f"{type(exc).__name__}: {exc}")


def job_error_text(error: dict | None) -> str:
    if not error:
        return ""
    return translate(error.get("key", "errors.unexpected"), lang(), **error.get("params", {}))
