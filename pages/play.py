"""Blind test, player's device: quiz code + pseudonym, big answer buttons, their score."""
import streamlit as st

from ui.i18n import t
from ui.quiz_player import player_ui
from ui.frame import require_frame

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)

st.title(f"🎯 {t('pages.play.title')}")
player_ui()
