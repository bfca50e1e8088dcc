"""Atelier: the studio's entry point (`streamlit run app.py`). The frame lives in ui/frame.py; no model code."""
from ui.frame import main

main()
