"""The studio's own words where Streamlit writes English, and the easier-to-read font.

Streamlit's widgets carry a few English strings of their own ("Upload", "200MB per file", "Take Photo",
"Choose an option") and no setting to translate them. A small script, run in the page itself through
`st.html(..., unsafe_allow_javascript=True)` (Streamlit's supported way to run JavaScript, 1.50+), rewrites
those strings in the chosen language as they appear, and hides the camera's link to a web page (the studio
is offline). The strings come from the locale files (`assets/locales/*/widgets_text.toml`), like every other.
"""
from __future__ import annotations

import base64
import functools
import json

import streamlit as st

from pipelines.config import ASSETS

from .i18n import lang, t

# Streamlit's exact English text -> our locale key (streamlit 1.67 frontend, static/js).
EXACT = {
    "Upload": "streamlit_words.upload",
    "Take Photo": "streamlit_words.take_photo",
    "Clear photo": "streamlit_words.clear_photo",
    "This app would like to use your camera.": "streamlit_words.camera_allow",
    "Learn how to allow access.": "",  # a link to a web page: hidden
    "Choose an option": "streamlit_words.choose",
    "Choose options": "streamlit_words.choose",
    "No results": "streamlit_words.no_results",
    "Drag and drop file here": "streamlit_words.drop",
    "Drag and drop files here": "streamlit_words.drop",
}

_SCRIPT = """
<span class="atelier-hidden"></span><script>
(() => {
  const words = %(words)s;
  const perFile = %(per_file)s;
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView || window;
  win.__atelierWords = words;
  win.__atelierPerFile = perFile;
  if (win.__atelierWordsObserver) { win.__atelierTranslate(doc.body); return; }
  if (Object.keys(words).length === 0) return;
  const fix = (node) => {
    const w = win.__atelierWords;
    if (node.nodeType === 3) {
      const text = node.nodeValue.trim();
      if (Object.prototype.hasOwnProperty.call(w, text)) {
        if (w[text] === "" && node.parentElement && node.parentElement.tagName === "A") {
          node.parentElement.style.display = "none";
        } else if (w[text] !== "") { node.nodeValue = w[text]; }
      } else if (/[0-9]MB per file/.test(text)) {  // "25MB per file": rewritten once (the result never matches)
        node.nodeValue = node.nodeValue.replace(/([0-9])MB per file/, "$1\u00a0" + win.__atelierPerFile);
      }
    }
  };
  win.__atelierTranslate = (root) => {
    if (!root) return;
    // a scrollable sidebar must be reachable with the keyboard (WCAG 2.1.1, axe scrollable-region-focusable)
    const side = doc.querySelector('[data-testid="stSidebarContent"]');
    if (side && !side.hasAttribute("tabindex")) side.setAttribute("tabindex", "0");
    const walker = doc.createTreeWalker(root, 4);
    let node;
    while ((node = walker.nextNode())) fix(node);
    root.querySelectorAll && root.querySelectorAll("[placeholder],[aria-label]").forEach((el) => {
      for (const name of ["placeholder", "aria-label"]) {
        const value = el.getAttribute(name);
        if (value && win.__atelierWords[value]) el.setAttribute(name, win.__atelierWords[value]);
      }
    });
  };
  win.__atelierWordsObserver = new win.MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "characterData") fix(change.target);
      change.addedNodes && change.addedNodes.forEach((n) => n.nodeType === 3 ? fix(n) : win.__atelierTranslate(n));
    }
  });
  win.__atelierWordsObserver.observe(doc.body, {childList: true, subtree: true, characterData: true});
  win.__atelierTranslate(doc.body);
})();
</script>
"""


def streamlit_words(language: str) -> dict[str, str]:
    """Streamlit's English strings and their text in `language` ("" = hide the element)."""
    from pipelines.i18n import translate

    return {english: (translate(key, language) if key else "") for english, key in EXACT.items()}


# WCAG 2.2 AA fixes on Streamlit's own styles: captions at 6.5:1 instead of 3.9:1, code tokens readable,
# the date picker's day/month/year fields at least 24 x 24 px (target-size), sidebar links full height.
ACCESSIBLE_CSS = """<span class="atelier-hidden"></span><style>
[data-testid="stElementContainer"]:has(.atelier-hidden) { display: none; }
[data-testid="stCaptionContainer"] { opacity: 1 !important; color: #5f5e5c !important; }
[data-testid="stCaptionContainer"] p { color: #5f5e5c !important; }
[data-testid="stCode"] code span { color: #1f2328 !important; }
[data-testid="stCode"] pre, [data-testid="stCode"] code { white-space: pre-wrap !important; overflow-wrap: anywhere;
  overflow-x: hidden !important; }
[data-testid="stDateInput"] [role="spinbutton"] { display: inline-block; min-width: 24px; min-height: 24px;
  text-align: center; line-height: 24px; }
[data-testid="stSidebar"] [data-testid="stPageLink"] a { min-height: 2.5rem; }
</style>"""


def words_ui() -> None:
    """Put the studio's words in Streamlit's widgets (French first) for this page run."""
    if lang() == "en":
        words = {english: "" for english, key in EXACT.items() if not key}  # English stays; links still hidden
    else:
        words = streamlit_words(lang())
    script = _SCRIPT % {"words": json.dumps(words, ensure_ascii=False),
                        "per_file": json.dumps(t("streamlit_words.per_file"), ensure_ascii=False)}
    st.html(script, unsafe_allow_javascript=True)
    st.markdown(ACCESSIBLE_CSS, unsafe_allow_html=True)


def sync_upload_limit() -> None:
    """Every uploader shows and enforces the studio's limit (ATELIER_UPLOAD_MAX_MB), not Streamlit's 200 MB.

    `.streamlit/config.toml` says 25 like the default setting; a library that changes the setting gets the
    same number in the uploaders (read by `st.file_uploader` when it is drawn)."""
    from streamlit import config

    from pipelines.config import settings

    limit = int(settings().upload_max_mb)
    if config.get_option("server.maxUploadSize") != limit:
        config.set_option("server.maxUploadSize", limit)


@functools.cache
def _font_face() -> str:
    """@font-face rules for the bundled Atkinson Hyperlegible (OFL), inlined: the browser needs no file path."""
    rules = []
    for weight, name in ((400, "Regular"), (700, "Bold")):
        data = (ASSETS / "fonts" / "atkinson-hyperlegible" / f"AtkinsonHyperlegible-{name}.ttf").read_bytes()
        rules.append("@font-face { font-family: 'Atkinson Hyperlegible'; font-weight: %d; font-display: block; "
                     "src: url(data:font/ttf;base64,%s) format('truetype'); }"
                     % (weight, base64.b64encode(data).decode("ascii")))
    return "\n".join(rules)


def easier_font_css() -> str:
    """The easier-to-read option: the bundled font on every text of the page, wider letter and word spacing."""
    return f"""<style>
{_font_face()}
html, body, [class*="css"], .stMarkdown, p, label, button, input, textarea, li, h1, h2, h3 {{
  font-family: "Atkinson Hyperlegible", sans-serif !important;
  letter-spacing: 0.04em; word-spacing: 0.12em; line-height: 1.6 !important;
}}
[data-testid="stIconMaterial"] {{ font-family: "Material Symbols Rounded" !important; letter-spacing: 0; }}
</style>"""
