"""Reusable widgets: picture choices, before/after viewer, downloads, engine badges."""
from __future__ import annotations

import base64
import hashlib
import io
import re
import time
import unicodedata
from pathlib import Path

import streamlit as st
from PIL import Image

from pipelines import backends
from pipelines.models.manager import ModelManager

from pipelines.export.names import download_name

from .i18n import lang, t
from .session import current_participant, facilitator_view


# How long a tap waits for the run that reads it (s): a page that is redrawing when the tap comes reads it on its
# next run, a few seconds later on a busy machine; a tap older than this (the patron left the page meanwhile) is
# dropped rather than starting work nobody is waiting for.
TAP_KEPT_S = 60.0


def _remember_tap(key: str) -> None:
    st.session_state[f"_tap-{key}"] = time.monotonic()


def action_button(label: str, key: str, container=None, **kwargs) -> bool:
    """`st.button` for a tap that starts work (a job, an export): True once per tap, even when the run the tap
    started was stopped before reaching the button.

    Streamlit hands a button's tap to one script run only. When a second tap or the end of a job reruns the page
    while that run is still drawing the panels above the button, the run is stopped and the tap is lost (a comic's
    « Dessiner la case 2 » tapped, then « case 4 » three seconds later: case 2 never drawn). A callback runs before
    the script, so the tap is kept in the session until the button's line reads it, at most TAP_KEPT_S seconds.
    `container` is where the button goes (a column; `st` by default); other arguments go to `st.button`.
    Raises: StreamlitAPIException as `st.button` does (a duplicate key)."""
    (container or st).button(label, key=key, on_click=_remember_tap, args=(key,), **kwargs)
    tapped = st.session_state.pop(f"_tap-{key}", None)
    return tapped is not None and time.monotonic() - tapped <= TAP_KEPT_S


def letters_over(text: str, limit: int) -> int:
    """How many letters `text` has beyond `limit`, counted in NFC (a Mac's or an iPad's decomposed « é » is one
    letter, as the store and the print count it); 0 or less when it fits."""
    return len(unicodedata.normalize("NFC", text)) - limit


def pasted_code(text: str, limit: int) -> tuple[str, str]:
    """The code in a typed or pasted `text`, and the sentence to say when there is none: (code, "") or ("", sentence).

    A code box has no `max_chars` (Streamlit's dropped a longer paste whole and said nothing). The text without its
    spaces is the code when it fits `limit` signs (« uf eca » is « ufeca »). A longer one is most often the code
    pasted with the words of the message it came in (« Code : UFECA », « le code du quiz c'est CG7U »): its one word
    in capitals and figures of 3 to `limit` signs is the code, as the console and the big screen show codes. With
    no such word, or several, the sentence says the text is longer than any code; the box keeps it to be corrected."""
    text = str(text or "")
    whole = "".join(text.split())
    if len(whole) <= limit:
        return whole, ""
    words = {w for w in re.findall(r"[^\W_]+", text) if 3 <= len(w) <= limit and w == w.upper()}
    if len(words) == 1:
        return words.pop(), ""
    return "", t("text_box.code_too_long", length=len(whole), limit=limit)


def text_box(label: str, limit: int, key: str, area: bool = False, container=None, formal: bool = False,
             **kwargs) -> str | None:
    """`st.text_input` (`st.text_area` with `area`) that keeps a text longer than `limit` letters and says so.

    Streamlit's own `max_chars` throws away a pasted or dictated text longer than its limit whole: the box stays
    empty and nothing is said (a postcard's 70-letter title pasted from a message came out as no title). Here the
    box keeps every letter and a sentence under it says how many to take away; the text is returned when it fits,
    None while it is too long (the caller holds back what would print or keep it).
    `container` is where the box goes (`st` by default); `formal` says it with « vous » (the facilitator's pages);
    other arguments go to Streamlit's widget."""
    widget = (container or st).text_area if area else (container or st).text_input
    text = widget(label, key=key, **kwargs) or ""
    extra = letters_over(text, limit)
    if extra > 0:
        (container or st).warning(t("text_box.too_long_formal" if formal else "text_box.too_long", n=extra,
                                    limit=limit))
        return None
    return text


def picture_choice_ui(label: str, options: dict[str, tuple[str, str]], key: str, columns: int = 4,
                      default: str | None = None) -> str:
    """Pick one of `options` {value: (emoji or picture path, caption)} with big picture buttons."""
    st.markdown(f"**{label}**")
    state_key = f"pick-{key}"
    if state_key not in st.session_state:
        st.session_state[state_key] = default or next(iter(options))
    box = st.container(key=f"pictures-{key}")  # captions and rows wrap on a tablet (session.py CSS)
    items = list(options.items())
    cells = [cell for start in range(0, len(items), columns) for cell in box.columns(columns)[:len(items) - start]]
    for cell, (value, (picture, caption)) in zip(cells, items):
        with cell:
            selected = st.session_state[state_key] == value
            if picture and Path(picture).suffix.lower() in (".png", ".jpg", ".svg") and Path(picture).exists():
                st.image(picture, width="stretch", alt="")  # decorative: the button below says the same (WCAG H67)
                text = caption
            else:
                text = f"{picture}  {caption}" if picture else caption
            if st.button(("✔ " if selected else "") + text, key=f"{key}-{value}", width="stretch",
                         type="primary" if selected else "secondary"):
                st.session_state[state_key] = value
                st.rerun()
    return st.session_state[state_key]


def _data_url(image: Image.Image) -> str:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=88)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()


TALLEST_VH = 70  # the before/after viewer's greatest height, in % of the window's (its slider stays in sight)


def before_after_ui(before: Image.Image, after: Image.Image, height: int = 480, min_width: int = 0) -> None:
    """A before/after comparison with a slider (drag, tap or the keyboard's arrows), drawn in the page.

    `st.html(..., unsafe_allow_javascript=True)` puts it in the page itself (Streamlit's current way to run
    a script; `components.v1.html` and its iframe are deprecated): ids come from the pictures, so two
    viewers on one page never drive each other and a rerun keeps the viewer where the slider was. The
    pictures keep their ratio and shrink with the column and to TALLEST_VH % of the window's height; a picture
    narrower than `min_width` (px) is shown that wide, its pixels kept square and sharp (the data sent stays the
    picture's own).
    """
    width = 900
    scale = min(1.0, width / after.width)
    b = before.resize(after.size).resize((int(after.width * scale), int(after.height * scale)))
    a = after.resize((int(after.width * scale), int(after.height * scale)))
    after_url, before_url = _data_url(a), _data_url(b)
    box = "ba-" + hashlib.sha1((after_url + before_url).encode()).hexdigest()[:10]  # the same on every rerun
    tag = "position:absolute;top:8px;background:#000b;color:#fff;padding:2px 8px;border-radius:6px;font:16px sans-serif"
    picture = "position:absolute;left:0;top:0;width:100%;height:100%;display:block"
    # as wide as the column allows, and never taller than most of the window (a portrait 900 px wide was 1170 px
    # tall on a 768 px laptop screen, its slider out of sight below it)
    shown = f"min({max(a.width, min_width)}px, 100%, calc({TALLEST_VH}vh * {a.width} / {a.height}))"
    html = f"""
<div id="{box}" class="atelier-before-after"
  style="position:relative;width:{shown};aspect-ratio:{a.width}/{a.height};
  user-select:none;touch-action:pan-y;image-rendering:{'pixelated' if a.width < min_width else 'auto'}">
  <img src="{after_url}" alt="{t('widgets.after')}" style="{picture}">
  <img id="{box}-before" src="{before_url}" alt="{t('widgets.before')}" style="{picture};clip-path:inset(0 50% 0 0)">
  <div id="{box}-bar" style="position:absolute;top:0;left:50%;width:4px;height:100%;background:#fff;
    box-shadow:0 0 4px #000"></div>
  <span style="left:8px;{tag}">{t('widgets.before')}</span>
  <span style="right:8px;{tag}">{t('widgets.after')}</span>
</div>
<input type="range" min="0" max="100" value="50" id="{box}-slider" aria-label="{t('widgets.compare')}"
  style="width:{shown};height:2rem">
<script>
(() => {{
  const box = document.getElementById('{box}'), s = document.getElementById('{box}-slider');
  const before = document.getElementById('{box}-before'), bar = document.getElementById('{box}-bar');
  if (!box || !s || box.dataset.ready) return;
  box.dataset.ready = '1';
  const setp = (p) => {{ before.style.clipPath = 'inset(0 ' + (100 - p) + '% 0 0)'; bar.style.left = p + '%';
    s.value = p; }};
  s.addEventListener('input', (e) => setp(e.target.value));
  const move = (e) => {{ const r = box.getBoundingClientRect();
    const x = (e.touches ? e.touches[0].clientX : e.clientX) - r.left;
    setp(Math.max(0, Math.min(100, 100 * x / r.width))); }};
  let down = false;
  box.addEventListener('mousedown', (e) => {{ down = true; move(e); }});
  box.addEventListener('mousemove', (e) => {{ if (down) move(e); }});
  document.addEventListener('mouseup', () => {{ down = false; }});
  box.addEventListener('touchstart', move, {{passive: true}});
  box.addEventListener('touchmove', move, {{passive: true}});
}})();
</script>"""
    st.html(html, unsafe_allow_javascript=True)


def download_ui(path: str | Path, label: str, mime: str | None = None, key: str | None = None, *,
                what: str | None = None, title: str = "", who: str | None = None, day=None) -> None:
    """A download button for a file, saved under a name that says what it is, whose and when.

    The name is `download_name` (pipelines/export/names.py): the kind of creation (`what`, a key of
    [downloads] in the locales; the file's own stem when None), the participant's name (`who`, the one
    picked on this tablet when None), the `title` and the day (today when None), e.g.
    "tableau-cartel-zoe-pop-art-2026-11-29.pdf": every download of a workshop gets its own name.
    """
    path = Path(path)
    if not path.exists():
        st.warning(t("widgets.file_missing", name=path.name))
        return
    if who is None:
        person = current_participant()
        who = person["name"] if person else ""
    kind = t(f"downloads.{what}") if what else path.stem
    name = download_name(kind, who, title, day=day, ext=path.suffix)
    st.download_button(label, data=path.read_bytes(), file_name=name, mime=mime, key=key or f"dl-{path}",
                       width="stretch", on_click="ignore")  # no rerun: six quick taps are six downloads


def percent_slider(label: str, value: float, key: str, low: float = 0.0, high: float = 1.0, step: float = 0.05,
                   **kwargs) -> float:
    """A slider shown in whole percent (« 50 % ») that returns a fraction in [low, high] (0.0-1.0 scale)."""
    shown = st.slider(label, round(low * 100), round(high * 100), round(value * 100), round(step * 100),
                      format="%d %%", key=key, **kwargs)
    return shown / 100


def picture_uploader(label: str, key: str, formats: str = "pictures"):
    """A file uploader for a picture that lets every file through to the upload checks
    (`pipelines.safety.uploads.sanitize_image`), which answer a refused file (a PDF, a BMP, an unreadable
    HEIC) with a sentence in the participant's language, instead of Streamlit's bare "file type not
    allowed" chip; the accepted formats are written under it (`formats`: a key of [upload_formats])."""
    upload = st.file_uploader(label, key=key)
    st.caption(t(f"upload_formats.{formats}"))
    return upload


def upload_notes_ui(kept: dict) -> None:
    """What the upload checks changed in the picture (sanitize_image's notes: « Image 16 bits convertie en 8
    bits. »), kept in the page's state under "upload_notes": the page is drawn again right after an upload,
    which would wipe a note written at upload time."""
    notes = kept.get("upload_notes") or []
    if notes:
        st.info("  \n".join(t(note) for note in notes), icon="ℹ️")


def engines_ui(capabilities: list[str]) -> None:
    """One line per capability: which engines this machine can use now, and how to add the others."""
    for capability in capabilities:
        every = backends.for_capability(capability)
        ready = [b for b in every if b.is_available()]
        names = ", ".join(t(b.label) for b in ready) or t("widgets.none_installed")
        st.caption(f"{t('capability.' + capability)}{t('common.colon')}{names}")


def engine_label(name: str) -> str:
    """An engine's name as shown; its licence is added on the facilitator's screens only (never on a tablet)."""
    backend = backends.get(name)
    return f"{t(backend.label)} — {licence_of(backend)}" if facilitator_view() else t(backend.label)


def engine_labels(names: list[str]):
    """A choice's `format_func` for these engines: their labels (engine_label) decided in this run. Streamlit's
    test harness calls a format_func again outside the run, where no participant is known."""
    return {name: engine_label(name) for name in names}.__getitem__


def backend_choice_ui(capability: str, key: str, label: str | None = None) -> str | None:
    """A choice among the available backends of a capability (with licences); None if none is available."""
    ready = backends.available(capability)
    missing = [b for b in backends.for_capability(capability) if not b.is_available()]
    if not ready:
        what = t("capability." + capability)  # a title ("Dessiner à partir..."), here inside a sentence
        what = what[:1].lower() + what[1:]
        if not facilitator_view():  # commands stay on the facilitator's screens: the sentence stands on its own
            st.info(t("widgets.not_installed_ask", what=what))
            st.caption(t("engines_hint.ask_facilitator"))
            return None
        st.info(t("widgets.not_installed", what=what))  # « … doit d'abord être installé : » and the commands
        for b in missing:
            st.code(" ; ".join(b.install_commands()), language="bash")
        return None
    default = backends.choose(capability) if any(not b.optional for b in ready) else ready[0]
    names = [b.name for b in ready]
    picked = st.radio(label or t("widgets.engine"), names, index=names.index(default.name), key=key,
                      format_func=engine_labels(names), horizontal=len(names) <= 3)
    if missing and facilitator_view():
        with st.expander(t("widgets.more_engines")):
            for b in missing:
                st.markdown(f"**{t(b.label)}** — {licence_of(b)}")
                st.code(" ; ".join(b.install_commands()), language="bash")
    return picked


def licence_of(backend: backends.Backend) -> str:
    """An engine's licence in the page's language: the catalogue entries of the weights it uses (licence names
    as written, the note in the page's language, « usage non commercial seulement » where it applies), else the
    licence of the engine's own code (`widgets.licence_code.<backend name>` where it is not this project's)."""
    if not backend.weights:
        return t(f"widgets.licence_code.{backend.name}") if backend.licence != backends.Backend.licence \
            else t("widgets.licence_own_code")
    manager = ModelManager()
    parts = []
    for model_id in backend.weights:
        entry = manager.entry(model_id)
        nc = f" — {t('models.non_commercial')}" if entry.non_commercial else ""
        parts.append(f"{entry.licence_text(lang())}{nc}")
    return " + ".join(dict.fromkeys(parts))
