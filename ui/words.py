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

from .i18n import lang

# Streamlit's exact English text -> our locale key (streamlit 1.67 frontend, static/js), as a text or a name.
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
    "Drag and drop a file here": "streamlit_words.drop",
    "Drag and drop directories here": "streamlit_values.drop_folders",
    "Upload directories": "streamlit_values.upload_folders",
    "Upload failed": "streamlit_values.upload_failed",
    "This type of files are not allowed.": "streamlit_values.type_refused_any",
    "Skip to main content": "streamlit_names.skip",  # the first Tab stop of every page
    "Running...": "streamlit_names.running",
    "Error:": "streamlit_words.error",  # before an uploader's refusal: "Error: File must be 100.0MB or smaller."
    # a button's icon said to screen readers in a visually hidden text: its Material name + " icon"
    "add icon": "streamlit_values.add_icon",
    "upload icon": "streamlit_values.upload_icon",
}

# Streamlit's English names of its controls (aria-label, title: what a screen reader says of a button): only
# these attributes are rewritten, never a text, so a creation called « Stop » keeps its name.
NAMES = {
    "Link to heading": "streamlit_names.heading_link",
    "Expand sidebar": "streamlit_names.expand_sidebar",
    "Collapse sidebar": "streamlit_names.collapse_sidebar",
    "Sidebar": "streamlit_names.sidebar",
    "Main menu": "streamlit_names.main_menu",
    "App pages": "streamlit_names.app_pages",
    "Close": "streamlit_names.close",
    "Open": "streamlit_names.open",
    "Clear value": "streamlit_names.clear_value",
    "Clear all": "streamlit_names.clear_all",
    "Selected values": "streamlit_names.selected",
    "Increment": "streamlit_names.increment",
    "Decrement": "streamlit_names.decrement",
    "Choose date": "streamlit_names.choose_date",
    "Previous month": "streamlit_names.previous_month",
    "Next month": "streamlit_names.next_month",
    "Switch camera": "streamlit_names.switch_camera",
    "Audio player": "streamlit_names.audio_player",
    "Video player": "streamlit_names.video_player",
    "Copy to clipboard": "streamlit_names.copy",
    "Stop": "streamlit_names.stop",
    "Previous page": "streamlit_names.previous_page",
    "Next page": "streamlit_names.next_page",
    "Pagination": "streamlit_names.pagination",
    "file upload": "streamlit_names.file_upload",
    "Scroll tabs left": "streamlit_names.scroll_tabs_left",
    "Scroll tabs right": "streamlit_names.scroll_tabs_right",
    "Notifications": "streamlit_names.notifications",
    "Help": "streamlit_names.help",  # a help tooltip's icon when its widget has no label
    "Add files": "streamlit_values.add_files",
    "Fullscreen": "streamlit_values.fullscreen",
    "Close fullscreen": "streamlit_values.close_fullscreen",
    "Click to retry upload": "streamlit_values.retry_upload",
}

# Streamlit's English words around a value (a file name, a size, a widget's label), as regular expressions on
# the whole text or name -> (locale key with {placeholders}, the kind of each captured value, where it may be).
# A "size" is Streamlit's `${n.toFixed(d)}${unit}` (frontend utils: B, KB, MB, GB; 1 KB = 1000 B), written
# with the language's units and decimal sign; a "word" must itself be one of Streamlit's words (translated);
# a "name" is kept as it is. The scope (a CSS selector) keeps a bare size to the uploader's file chips.
SIZE = r"(\d+(?:\.\d+)?[KMG]?B)"
VALUES = (
    (r"^Remove (.+)$", "streamlit_values.remove", ("name",), ""),
    (r"^Cancel upload of (.+)$", "streamlit_values.cancel_upload", ("name",), ""),
    (rf"^(.+), {SIZE}$", "streamlit_values.file_size", ("name", "size"), ""),
    (rf"^{SIZE}$", "streamlit_values.size", ("size",), "[data-testid=stFileChip]"),
    (rf"^{SIZE} per file$", "streamlit_values.per_file", ("size",), ""),
    (rf"^File must be {SIZE} or smaller\.$", "streamlit_values.too_big", ("size",), ""),
    (r"^(.+) files are not allowed\.$", "streamlit_values.type_refused", ("name",), ""),
    (r"^Help for (.+)$", "streamlit_values.help_for", ("name",), ""),  # a help tooltip's icon (its widget's label)
    (r"^(.+?): (.+)$", "streamlit_values.labelled", ("word", "name"), ""),  # "Fullscreen: La photo"
)
UNITS = ("B", "KB", "MB", "GB")
ATTRIBUTES = ("placeholder", "aria-label", "title")

_SCRIPT = """
<span class="atelier-hidden"></span><script>
(() => {
  const words = %(words)s;
  const names = %(names)s;
  const values = %(values)s;
  const sizes = %(sizes)s;
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView || window;
  win.__atelierWords = words;
  win.__atelierNames = Object.assign({}, names, words);  // a name may also be one of the texts ("Upload")
  win.__atelierValues = values.map(([source, text, kinds, scope]) => [new RegExp(source), text, kinds, scope]);
  win.__atelierSizes = sizes;
  // Streamlit's words around a value: "Remove photo.png", "25MB per file", "Fullscreen: La photo" (ui/words.py
  // VALUES); null when the text is none of them
  win.__atelierValue = (text, element) => {
    for (const [pattern, out, kinds, scope] of win.__atelierValues) {
      const found = pattern.exec(text);
      if (!found || (scope && !(element && element.closest(scope)))) continue;
      const parts = {};
      let ok = true;
      kinds.forEach((kind, i) => {
        const value = found[i + 1];
        if (kind === "size") {
          const [, number, unit] = /^([0-9.]+)([KMG]?B)$/.exec(value);
          parts.size = number.replace(".", win.__atelierSizes.decimal) + "\u00a0" + win.__atelierSizes[unit];
        } else if (kind === "word") {
          const all = win.__atelierNames;
          if (Object.prototype.hasOwnProperty.call(all, value) && all[value]) parts.word = all[value];
          else ok = false;
        } else parts.name = value;
      });
      if (ok) return out.replace(/[{](name|size|word)[}]/g, (_, part) => parts[part]);
    }
    return null;
  };
  doc.documentElement.lang = %(language)s;  // Streamlit's page says lang="en": a reader speaks French in English
  if (win.__atelierWordsObserver) { win.__atelierTranslate(doc.body); return; }
  // Each rewritten text or name remembers Streamlit's English, so the next language starts from it again
  // (a page switched back to English says "Upload", not « Choisir un fichier »).
  const english = (current, written, original) => (original !== undefined && current === written) ? original : current;
  const fix = (node) => {
    const w = win.__atelierWords;
    if (node.nodeType !== 3) return;
    const raw = english(node.nodeValue, node.__atelierWritten, node.__atelierEnglish);
    const text = raw.trim();
    // the spaces around a word stay ("Error: " is followed by the message in the next text)
    const [, before, after] = /^(\\s*)[\\s\\S]*?(\\s*)$/.exec(raw);
    let out = text;
    if (Object.prototype.hasOwnProperty.call(w, text)) {
      if (w[text] === "") {
        if (node.parentElement && node.parentElement.tagName === "A") node.parentElement.style.display = "none";
        return;
      }
      out = before + w[text] + after;
    } else if ((out = win.__atelierValue(text, node.parentElement)) !== null) {
      out = before + out + after;  // "25MB per file", a file's size
    } else if (node.__atelierEnglish === undefined || node.nodeValue !== node.__atelierWritten) {
      return;  // not one of Streamlit's words
    } else {
      out = raw;  // back to Streamlit's English (the page is in English again)
    }
    node.__atelierEnglish = raw;
    node.__atelierWritten = out;
    if (node.nodeValue !== out) node.nodeValue = out;
  };
  const fixNames = (el) => {
    const all = win.__atelierNames;
    for (const name of %(attributes)s) {
      const value = el.getAttribute(name);
      if (!value) continue;
      const kept = "data-atelier-en-" + name;
      const original = english(value, el.getAttribute(kept + "-out"), el.getAttribute(kept) ?? undefined);
      const out = all[original] ? all[original] : (win.__atelierValue(original, el) ?? original);
      if (out === original && !el.hasAttribute(kept)) continue;
      el.setAttribute(kept, original);
      el.setAttribute(kept + "-out", out);
      if (value !== out) el.setAttribute(name, out);
    }
  };
  const selector = %(attributes)s.map((name) => "[" + name + "]").join(",");
  win.__atelierTranslate = (root) => {
    if (!root) return;
    // a scrollable sidebar must be reachable with the keyboard (WCAG 2.1.1, axe scrollable-region-focusable)
    const side = doc.querySelector('[data-testid="stSidebarContent"]');
    if (side && !side.hasAttribute("tabindex")) side.setAttribute("tabindex", "0");
    if (root.nodeType === 3) { fix(root); return; }
    // an icon's ligature name (« upload », « add ») is drawn as a picture: a screen reader should not read it out
    const icon = '[data-testid="stIconMaterial"]:not([aria-hidden])';
    if (root.matches && root.matches(icon)) root.setAttribute("aria-hidden", "true");
    root.querySelectorAll && root.querySelectorAll(icon).forEach((e) => e.setAttribute("aria-hidden", "true"));
    const walker = doc.createTreeWalker(root, 4);
    let node;
    while ((node = walker.nextNode())) fix(node);
    if (root.matches && root.matches(selector)) fixNames(root);
    root.querySelectorAll && root.querySelectorAll(selector).forEach(fixNames);
  };
  win.__atelierWordsObserver = new win.MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "characterData") fix(change.target);
      else if (change.type === "attributes") fixNames(change.target);
      change.addedNodes && change.addedNodes.forEach((n) => win.__atelierTranslate(n));
    }
  });
  win.__atelierWordsObserver.observe(doc.body, {childList: true, subtree: true, characterData: true,
                                                attributes: true, attributeFilter: %(attributes)s});
  win.__atelierTranslate(doc.body);
})();
</script>
"""


def streamlit_words(language: str, table: dict[str, str] = EXACT) -> dict[str, str]:
    """Streamlit's English strings (EXACT, or NAMES) and their text in `language` ("" = hide the element);
    in English only the hidden ones are listed (Streamlit's words are English already)."""
    from pipelines.i18n import translate

    if language == "en":
        return {english: "" for english, key in table.items() if not key}
    return {english: (translate(key, language) if key else "") for english, key in table.items()}


def streamlit_values(language: str) -> list[list]:
    """VALUES for the page script: [regular expression, text with {name}/{size}/{word}, kinds, scope]; none in
    English (Streamlit's words are English already)."""
    from pipelines.i18n import translate

    if language == "en":
        return []
    return [[source, translate(key, language), list(kinds), scope] for source, key, kinds, scope in VALUES]


def size_words(language: str) -> dict[str, str]:
    """The units of a file size (B, KB, MB, GB -> « o », « ko », « Mo », « Go » in French) and the decimal sign."""
    from pipelines.i18n import translate

    words = {unit: translate(f"streamlit_values.unit_{unit.lower()}", language) for unit in UNITS}
    return words | {"decimal": translate("streamlit_values.decimal", language)}


# WCAG 2.2 AA fixes on Streamlit's own styles: captions at 6.5:1 instead of 3.9:1, code tokens readable,
# the date picker's day/month/year fields at least 24 x 24 px (target-size), sidebar links full height.
# The greyed-choice rule: a choice greyed while its switch is off still reads (WCAG 1.4.3, 4.5:1); Streamlit fades a
# disabled widget's label to 40 %. An uploader's refusal of a file (too big, wrong type) is written out beside the
# file, not only read aloud and shown on hover (a tablet has no hover). No CSS comment beside the others: this
# text goes through Markdown, where the stars of two comments pair up as emphasis and break the rules between them.
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
@media (pointer: coarse), (max-width: 1024px) {
  [data-testid="stSidebar"] [data-testid="stPageLink"] a { min-height: 2.75rem; } }
[data-testid="stRadio"]:has(input:disabled, [aria-disabled="true"]) [data-testid="stWidgetLabel"] p,
[data-testid="stSelectbox"]:has(input:disabled, [aria-disabled="true"]) [data-testid="stWidgetLabel"] p {
  color: #5f5e5c !important; }
/* a folded sidebar is out of sight: its links and fields leave the Tab order and the screen reader too
   (WCAG 2.4.3, 2.4.7); Streamlit only slides it away */
[data-testid="stSidebar"][data-collapsed="true"] { visibility: hidden; }
[data-testid="stFileChip"] [role="alert"] { position: static !important; clip: auto !important;
  clip-path: none !important; width: auto !important; height: auto !important; overflow: visible !important;
  white-space: normal !important; margin: 0 0 0 0.5rem !important; color: #a4161a; font-weight: 600; }
</style>"""


def words_ui() -> None:
    """Put the studio's words in Streamlit's widgets (French first) for this page run."""
    language = lang()
    script = _SCRIPT % {"words": json.dumps(streamlit_words(language), ensure_ascii=False),
                        "names": json.dumps(streamlit_words(language, NAMES), ensure_ascii=False),
                        "values": json.dumps(streamlit_values(language), ensure_ascii=False),
                        "sizes": json.dumps(size_words(language), ensure_ascii=False),
                        "language": json.dumps(language), "attributes": json.dumps(list(ATTRIBUTES))}
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
