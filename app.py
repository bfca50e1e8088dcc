"""Atelier: the studio's entry point (`streamlit run app.py`). The frame lives in ui/frame.py; no model code.

Imported by the server (no script run), this file builds the ASGI app: Streamlit's `st.App`
around this same script, with the device gate of serve mode (ui/server.py). Run for a browser
session, it draws the studio.
"""
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

if get_script_run_ctx(suppress_warning=True) is None:  # imported by the server
    from ui.server import middleware, on_script_error

    app = st.App(__file__, middleware=middleware(), on_script_error=on_script_error)
else:  # a script run for one browser session
    from ui.frame import main

    main()
