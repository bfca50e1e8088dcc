"""Layout for tablets (about 800 px wide, portrait): readable buttons, whole choice cards, the sidebar
folded away once on arrival so the workshop gets the screen (the child can still open it)."""
from __future__ import annotations

import streamlit as st

TABLET_CSS = """
<style>
/* choice cards and step buttons: the words wrap instead of being cut ("F…") */
.stButton > button p, .stDownloadButton > button p { white-space: normal; overflow-wrap: anywhere;
  text-overflow: clip; }
.stButton > button, .stDownloadButton > button { height: auto; }
/* the title starts just under Streamlit's header (3.75rem) instead of 6rem down: on a tablet held upright
   the first choices are then on the first screen */
[data-testid="stMainBlockContainer"] { padding-top: 4rem; }
/* the 3x3 grids of arrows (where the bubble is, who speaks): arrows big enough to see and tap; the words
   under the grid ("Personne (pas de pointe)") keep the size of the other buttons' words */
[class*="st-key-comic-bubble-pos-"] button p,
[class*="st-key-comic-bubble-tail-"]:not(.st-key-comic-bubble-tail-none) button p { font-size: 1.6rem; }
@media (max-width: 1000px) {
  /* five cards in a row leave ~120 px each: a smaller type keeps a whole word on a line */
  .stButton > button p { font-size: 0.95rem; }
  [data-testid="stMainBlockContainer"] { padding-left: 1rem; padding-right: 1rem; }
}
/* the scripts (folding the sidebar, the blind test's join tap) take no room */
.st-key-quiz-join-tap, [data-testid="stElementContainer"]:has(> .st-key-quiz-join-tap),
[data-testid="stLayoutWrapper"]:has(> .st-key-quiz-join-tap),
.st-key-tablet-fold, [data-testid="stElementContainer"]:has(> .st-key-tablet-fold),
.st-key-sidebar-fold-now, [data-testid="stElementContainer"]:has(> .st-key-sidebar-fold-now),
.st-key-photo-canvas-style, [data-testid="stElementContainer"]:has(> .st-key-photo-canvas-style) { display: none; }
</style>
"""

# Fold Streamlit's sidebar once per browser tab when the screen is narrow (Streamlit itself only folds
# it below 768 px). The script runs in the page itself (`st.html(..., unsafe_allow_javascript=True)`,
# Streamlit's current API; `window.parent` is the page's own window there) and clicks the fold button.
FOLD_JS = """
<span class="atelier-hidden"></span><script>
(function () {
  const top = window.parent;
  if (!top || top.innerWidth > 1024 || top.sessionStorage.getItem('atelier-sidebar-folded')) return;
  function fold(tries) {
    const doc = top.document;
    const bar = doc.querySelector('[data-testid="stSidebar"]');
    const button = doc.querySelector('[data-testid="stSidebarCollapseButton"] button')
      || doc.querySelector('[data-testid="stSidebarHeader"] button');
    if (bar && button && bar.getAttribute('data-collapsed') === 'false') {
      button.click();
      top.sessionStorage.setItem('atelier-sidebar-folded', '1');
    } else if (bar && bar.getAttribute('data-collapsed') === 'true') {
      top.sessionStorage.setItem('atelier-sidebar-folded', '1');
    } else if (tries > 0) {
      setTimeout(function () { fold(tries - 1); }, 150);
    }
  }
  fold(40);
})();
</script>
"""


def tablet_layout() -> None:
    """The CSS above, and the sidebar folded once on a narrow screen."""
    st.markdown(TABLET_CSS, unsafe_allow_html=True)
    with st.container(key="tablet-fold"):
        st.html(FOLD_JS, unsafe_allow_javascript=True)


# Fold the sidebar now, on a narrow screen (a name was just picked there: the page gets its width back)
FOLD_NOW_JS = FOLD_JS.replace(
    "if (!top || top.innerWidth > 1024 || top.sessionStorage.getItem('atelier-sidebar-folded')) return;",
    "if (!top || top.innerWidth > 1024) return;")


def fold_sidebar_now() -> None:
    """Fold the sidebar once, this run, when the screen is 1024 px wide or less (the child can open it again)."""
    with st.container(key="sidebar-fold-now"):
        st.html(FOLD_NOW_JS, unsafe_allow_javascript=True)
