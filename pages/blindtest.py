"""Blind test, facilitator's screen: choose or build a pack, host the game on the projector."""
import streamlit as st

from ui.i18n import t
from ui.quiz_builder import builder_ui, share_ui
from ui.quiz_host import current_game, game_ui, new_game_ui, resume_ui
from ui.frame import require_frame

require_frame()  # first: pages run inside the studio's frame (ui/frame.py)

game = current_game()
if game:
    game_ui(game)
else:
    st.title(f"🎵 {t('pages.blindtest.title')}")
    st.write(t("quiz.host.intro"))
    play, build, share = st.tabs([f"🎮 {t('quiz.host.tab_play')}", f"🧰 {t('quiz.host.tab_build')}",
                                  f"📦 {t('quiz.host.tab_share')}"])
    with play:
        resume_ui()
        new_game_ui()
    with build:
        builder_ui()
    with share:
        share_ui()
