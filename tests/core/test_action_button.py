"""A tap that starts work is not lost when the run it started stops before reaching the button (a second tap or a
finished job reran the page while it was drawing the panels above). Streamlit hands a button's tap to one run only;
`action_button` keeps it until the button's line reads it."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page(kind: str) -> str:
    # the first run after the tap stops early, as a run stopped by the next rerun does; the next run reaches the
    # button
    button = ("from ui.widgets import action_button\n"
              "tapped = action_button('Dessiner', key='make')\n") if kind == "action" else \
        "tapped = st.button('Dessiner', key='make')\n"
    return ("import streamlit as st\n"
            "if st.session_state.pop('stop_once', False):\n"
            "    st.stop()\n" + button +
            "st.session_state.setdefault('made', 0)\n"
            "if tapped:\n"
            "    st.session_state['made'] += 1\n"
            "st.write(st.session_state['made'])\n")


def _tap_through_a_stopped_run(kind: str) -> AppTest:
    app = AppTest.from_string(_page(kind)).run()
    app.session_state["stop_once"] = True
    app.button(key="make").click().run()  # this run stops before the button's line
    assert app.session_state["made"] == 0
    return app.run()  # the next run (the one the page makes anyway)


def test_a_tap_survives_a_stopped_run():
    assert _tap_through_a_stopped_run("action").session_state["made"] == 1


def test_plain_buttons_lose_it():
    """Why action_button exists: the same page with st.button makes nothing."""
    assert _tap_through_a_stopped_run("plain").session_state["made"] == 0


def test_one_tap_makes_once():
    app = AppTest.from_string(_page("action")).run()
    app.button(key="make").click().run()
    app.run().run()
    assert app.session_state["made"] == 1
