"""Who is using this browser: language, workshop, participant; the workshop-code gate of `make serve`."""
from __future__ import annotations

import unicodedata
from collections import Counter

import streamlit as st

from pipelines.config import is_facilitator_address, settings
from pipelines.i18n import LANGUAGES
from pipelines.store import Participant, Workshop

from .i18n import lang, t
from .runtime import get_store
from .words import easier_font_css

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
LOCAL_ADDRESSES = ("127.0.0.1", "::1", "localhost", None, "")


def is_local_client() -> bool:
    """True for the facilitator's own machine (or any client when the studio is not served)."""
    if not settings().require_code:
        return True
    try:
        address = st.context.ip_address
    except Exception:  # older servers / tests
        address = None
    return address in LOCAL_ADDRESSES or is_facilitator_address(address)


def is_facilitator() -> bool:
    return is_local_client()


def facilitator_view() -> bool:
    """The facilitator's own screen with no child picked: install commands and licences are shown there only.

    A child working on the facilitator's laptop (a participant picked) sees « ask the facilitator » instead,
    like a tablet: a shell command is no instruction for a child of 8."""
    return is_facilitator() and current_participant() is None


def current_workshop() -> Workshop | None:
    workshop_id = st.session_state.get("workshop_id")
    return get_store().workshop(workshop_id) if workshop_id else None


def bound_participant_id() -> int | None:
    """The participant this tablet is bound to (by their tablet code), or None."""
    return st.session_state.get("bound_participant")


def current_participant() -> Participant | None:
    participant_id = bound_participant_id() or st.session_state.get("participant_id")
    if not participant_id:
        return None
    participant = get_store().participant(participant_id)
    workshop = current_workshop()
    if not participant or not workshop or participant["workshop_id"] != workshop["id"]:
        return None
    if participant.get("tablet_code") and participant_id != bound_participant_id() and not is_facilitator():
        return None  # bound to another tablet since this one picked the name
    return participant


def owner_id() -> int | None:
    participant = current_participant()
    return participant["id"] if participant else None


def can_upload_photos() -> bool:
    """A minor's photos are accepted only once a parent's consent is recorded."""
    participant = current_participant()
    return participant is None or not participant["minor"] or bool(participant["consent"])


def device_token() -> str | None:
    """This browser's device token (the HttpOnly cookie set by ui/server.py), if any."""
    from .server import COOKIE

    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:  # no server request behind this run (AppTest)
        return None
    return token if isinstance(token, str) and token else None


def _devices():
    from pipelines.store.devices import Devices

    return Devices(get_store())


def _enter(workshop: dict, participant: dict | None = None) -> None:
    """This browser joins `workshop` (bound to `participant` when a tablet code was given)."""
    st.session_state["workshop_id"] = workshop["id"]
    st.session_state.setdefault("lang", workshop["language"])
    if participant:
        st.session_state["bound_participant"] = participant["id"]
        st.session_state["participant_id"] = participant["id"]
    _devices().join(device_token() or "", workshop["id"], participant["id"] if participant else None)


def _try_code(code: str) -> bool:
    """A workshop code or a participant's tablet code; True when it let this browser in."""
    code = "".join(str(code or "").split()).upper()
    participant = _devices().participant_by_tablet_code(code)
    if participant:
        workshop = get_store().workshop(participant["workshop_id"])
        if workshop:
            _enter(workshop, participant)
            return True
    workshop = get_store().workshop_by_code(code) if code else None
    if workshop:
        _enter(workshop)
        return True
    return False


def join_gate_ui() -> bool:
    """In `make serve` mode a tablet must give the workshop code (or a child's tablet code) first.

    A device that joined before is let in again from its cookie (the store remembers the token);
    a tablet code in the address (`?tablet=CODE`, the console's QR code) binds the tablet at once.
    Returns True when allowed in.
    """
    if is_local_client():
        return True
    tablet = st.query_params.get("tablet")
    if tablet:
        del st.query_params["tablet"]  # the code does not stay in the address bar
        if _try_code(tablet):
            st.rerun()
    if st.session_state.get("workshop_id") and (workshop := current_workshop()):
        if not bound_participant_id() and st.query_params.get("atelier") != workshop["code"]:
            st.query_params["atelier"] = workshop["code"]  # a reload keeps the tablet in, even without cookies
        return True
    known = _devices().lookup(device_token())
    if known and (workshop := get_store().workshop(known["workshop_id"])):
        participant = get_store().participant(known["participant_id"]) if known["participant_id"] else None
        _enter(workshop, participant)
        return True
    remembered = st.query_params.get("atelier")
    if remembered and _try_code(remembered):
        return True
    st.title(t("join.title"))
    st.write(t("join.explain"))
    from pipelines.store.devices import TABLET_CODE_LENGTH

    from .widgets import pasted_code  # here: ui.widgets imports this module

    with st.form("join"):
        typed = st.text_input(t("join.code"))  # no max_chars: a longer paste stays, said too long
        if st.form_submit_button(t("join.button"), type="primary", width="stretch"):
            code, said = pasted_code(typed, TABLET_CODE_LENGTH)  # a tablet's code is the longest there is
            if said:
                st.error(said)
            elif _try_code(code):
                st.rerun()
            else:
                st.error(t("join.wrong_code"))
    return False


def language_from_url() -> None:
    """After a reload or in a new tab (`/?lang=en`), take the language back from the address.

    The frame calls it before it draws anything (menu, Streamlit's own words): what is drawn before it
    would stay in the default language. The sidebar's switch, once touched in this browser tab, wins."""
    wanted = st.query_params.get("lang")
    if wanted in LANGUAGES and "lang_radio" not in st.session_state:
        st.session_state["lang"] = wanted


def restore_from_url() -> None:
    """After a reload (or a tablet waking up), take the participant and the language back from the address."""
    language_from_url()
    raw = st.query_params.get("p")
    if "participant_id" in st.session_state or not raw or not raw.isdigit():
        return
    participant = get_store().participant(int(raw))
    if participant is None:
        return
    joined = st.session_state.get("workshop_id")
    if not is_local_client() and joined and participant.workshop_id != joined:
        return  # a tablet stays in the workshop whose code it gave
    st.session_state["workshop_id"] = participant.workshop_id
    st.session_state["participant_id"] = participant.id


def keep_in_url() -> None:
    """Write the participant and the language into the address, so a reload keeps them."""
    participant = current_participant()
    if participant:
        if st.query_params.get("p") != str(participant.id):
            st.query_params["p"] = str(participant.id)
    elif "p" in st.query_params:
        del st.query_params["p"]
    current = lang()  # the default language stays out of a clean address; any other one goes in
    if st.query_params.get("lang") != current and ("lang" in st.query_params or current != settings().language):
        st.query_params["lang"] = current


def visible_artifacts(workshop_id: int, kind: str | None = None) -> list[dict]:
    """The creations this browser may list, open and delete: all of them on the facilitator's machine,
    otherwise only the current participant's (none when nobody is picked)."""
    me = current_participant()
    owner = None if is_facilitator() else (me["id"] if me else -1)
    return get_store().artifacts(workshop_id=workshop_id, owner=owner, kind=kind)


def distinct_labels(options: list, format_func) -> dict:
    """{option: label} with every label unique: a label shared by several options gets « (2) », « (3) »... from
    its second option on, in the order given (workshops newest first keep their plain name on the newest)."""
    labels, seen = {}, {}
    for option in options:
        text = format_func(option)
        seen[text] = seen.get(text, 0) + 1
        labels[option] = text if seen[text] == 1 else f"{isolated(text)} ({seen[text]})"
    return labels


def _synced_selectbox(label: str, options: list, format_func, key: str, current, fallback):
    """A sidebar selectbox whose choice follows `current` (the session's workshop or participant) when code
    changed it (an address with ?p=, the join page), and the person's click otherwise.

    The value goes through the widget's key, never `index=`: a changed index makes Streamlit see another
    widget, and the browser's stale one brought the first workshop back a rerun later. `key + "-synced"`
    holds what the widget showed last; only when `current` moved away from it is the widget set.
    Streamlit maps the label the browser sends back to the FIRST option drawn with that label, so labels are
    made unique (`distinct_labels`): two workshops « Heure du conte » on one day were one choice.
    """
    labels = distinct_labels(options, format_func)
    if key not in st.session_state or st.session_state.get(f"{key}-synced", object()) != current:
        st.session_state[key] = current if current in options else fallback
    picked = st.selectbox(label, options, format_func=labels.__getitem__, key=key)
    st.session_state[f"{key}-synced"] = picked
    return picked


SHORT_MONTHS = {"en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")}


def short_date(day, language: str, today=None) -> str:
    """A workshop's day short enough for the sidebar's box: « 30/11 » (« 30/11/2025 » another year) in French,
    "30 Nov" ("30 Nov 2025") in English. `day` is a date or an ISO string "YYYY-MM-DD..."."""
    import datetime as _dt

    day = _dt.date.fromisoformat(day[:10]) if isinstance(day, str) else day
    this_year = (today or _dt.date.today()).year == day.year
    if language == "en":
        text = f"{day.day} {SHORT_MONTHS['en'][day.month - 1]}"
        return text if this_year else f"{text} {day.year}"
    return f"{day.day:02d}/{day.month:02d}" + ("" if this_year else f"/{day.year}")


LABEL_MAX = 30  # characters the sidebar's one-line box shows whole (206 px at 14 px, 1280 and 820 px wide)


def isolated(name: str) -> str:
    """`name` as it goes before a day or a code in a line: a name written right to left (Arabic, Hebrew) is
    isolated (Unicode bidi FSI ... PDI, UAX #9), so the figures after it stay after it (« ورشة (30/11) »; without,
    the browser showed « (30/11) ورشة »); other names are returned as they are."""
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in name):
        return f"\u2068{name}\u2069"
    return name


def workshop_labels(workshops: list[dict], language: str, today=None) -> dict[int, str]:
    """{workshop id: « Mercredi cartes (30/11) »} for the sidebar's one-line box, at most LABEL_MAX characters:
    the short day (« (30 novembre 20 » was cut), and the code tablets type when two workshops share a name and a
    day (« Mercredi cartes (30/11, K7P2Q) »). A longer name is shortened with « … » so the day and the code,
    which tell workshops apart, stay in sight; the console shows the whole name."""
    def label(name: str, tail: str) -> str:
        room = LABEL_MAX - len(tail) - 1
        return f"{isolated(name if len(name) <= room else name[:room - 1].rstrip() + '…')} {tail}"

    days = {w["id"]: short_date(w["day"], language, today) for w in workshops}
    shared = Counter((w["name"], days[w["id"]]) for w in workshops)
    return {w["id"]: label(w["name"], f"({days[w['id']]}, {w['code']})" if shared[w["name"], days[w["id"]]] > 1
                           else f"({days[w['id']]})") for w in workshops}


def sidebar_ui() -> None:
    """Language, workshop and participant, on every page."""
    store = get_store()
    restore_from_url()
    with st.sidebar:
        st.radio(t("sidebar.language"), LANGUAGES, index=LANGUAGES.index(lang()),
                 format_func=LANGUAGE_NAMES.get, horizontal=True, key="lang_radio")
        if st.session_state.get("dyslexia"):
            st.markdown(easier_font_css(), unsafe_allow_html=True)
        workshops = store.workshops()
        if is_facilitator() and workshops:
            ids = [w["id"] for w in workshops]
            current = st.session_state.get("workshop_id")
            names = workshop_labels(workshops, lang())
            picked = _synced_selectbox(t("sidebar.workshop"), ids, names.get, "workshop_pick", current, ids[0])
            if picked != current:
                st.session_state["workshop_id"] = picked
                st.session_state.pop("participant_id", None)
        elif not workshops:
            st.info(t("sidebar.no_workshop"))
        workshop = current_workshop()
        bound, people = None, []
        if workshop:
            if not is_facilitator():
                st.markdown(f"**{workshop['name']}**")
            people = store.participants(workshop["id"])
            bound = current_participant() if bound_participant_id() else None
            if bound:  # a tablet bound to one child: their name, no choice
                st.markdown(f"### 🙂 {bound['name']}")
                people = []
            elif not is_facilitator():  # a child bound to a tablet is picked on that tablet only
                taken = _devices().bound_participants(workshop["id"])
                people = [p for p in people if p["id"] not in taken]
            if people:
                ids = [None] + [p["id"] for p in people]
                names = {None: t("sidebar.nobody"), **{p["id"]: p["name"] for p in people}}
                current = st.session_state.get("participant_id")
                picked = _synced_selectbox(t("sidebar.who"), ids, names.get, "participant_pick", current, None)
                st.session_state["participant_id"] = picked
                if picked is not None and picked != current:  # a name just picked: on a tablet the menu folds
                    from .tablet import fold_sidebar_now  # away and gives the page its width back

                    fold_sidebar_now()
                participant = current_participant()
                if participant and participant["minor"] and not participant["consent"]:
                    st.warning(t("sidebar.no_consent"))
        st.toggle(t("sidebar.dyslexia"), key="dyslexia")
    # a name to pick and none picked yet: said on the page too (`pick_name_first_ui`), the menu may be folded
    st.session_state["sidebar-name-missing"] = bool(workshop and not bound and people
                                                    and st.session_state.get("participant_id") is None)
    keep_in_url()


def pick_name_first_ui() -> None:
    """On a workshop page, while the sidebar offers names and none is picked: the first step said at the top of
    the page (on a tablet the sidebar starts folded, its « Qui es-tu ? » out of sight)."""
    if st.session_state.get("sidebar-name-missing"):
        with st.container(key="pick-name-first"):  # the words that fit the menu as it is now (PICK_NAME_CSS)
            with st.container(key="pick-name-folded"):
                st.info(t("sidebar.pick_first"), icon="👋")
            with st.container(key="pick-name-open"):
                st.info(t("sidebar.pick_first_open"), icon="👋")


# « ouvre le menu » only while the menu is folded: with it open (a laptop, a tablet before a name is picked) the
# banner says « dans le menu à gauche ». Streamlit marks its sidebar data-collapsed="true"/"false"; a browser
# without :has() shows the folded wording alone, as before.
PICK_NAME_CSS = """
.st-key-pick-name-open { display: none; }
.stApp:has([data-testid="stSidebar"][data-collapsed="false"]) .st-key-pick-name-open { display: block; }
.stApp:has([data-testid="stSidebar"][data-collapsed="false"]) .st-key-pick-name-folded { display: none; }
"""


BIG_BUTTONS_CSS = """
<style>
.stButton > button, .stDownloadButton > button, .stFormSubmitButton > button,
.stButton button, .stDownloadButton button, .stFormSubmitButton button {
  min-height: 3rem; font-size: 1.1rem; border-radius: 0.8rem;
}
[data-testid="stButtonGroup"] button { min-height: 3rem; min-width: 3rem; }
[data-testid="stCheckbox"] label { min-height: 2.75rem; align-items: center; }
/* a radio's choices (the storybook's « 4-6 », « Français ») were 22 px high, their dot 16 px: each choice is a framed
   target a finger sees, 44 px high and tappable all over, its dot 24 px */
[data-testid="stRadio"] [role="radiogroup"] label { display: flex; min-height: 2.75rem; align-items: center;
  padding: 0.25rem 0.9rem 0.25rem 0.6rem; border: 1px solid rgba(47, 45, 43, 0.3); border-radius: 0.8rem; }
[data-testid="stRadio"] [role="radiogroup"] label[data-selected="true"] {
  border-color: #b8441f; box-shadow: inset 0 0 0 1px #b8441f; }
[data-testid="stRadio"] [role="radiogroup"] label:has(input:disabled, [aria-disabled="true"]) {
  border-color: rgba(47, 45, 43, 0.2); box-shadow: none; }
[data-testid="stRadioOption"] > div > div:first-child { width: 1.5rem; height: 1.5rem; flex-shrink: 0; }
[data-testid="stRadioOption"][data-selected="true"] > div > div:first-child > div { width: 0.55rem; height: 0.55rem; }
[data-testid="stPageLink"] a { min-height: 2.75rem; align-items: center; }
[data-testid="stFileChipDeleteBtn"] button, [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarCollapseButton"] button { min-width: 2.75rem; min-height: 2.75rem; }
[data-testid="stTab"] { min-height: 2.75rem; }
/* a tablet's finger (44 px): the gallery's « Supprimer » was 40 px high, its downloads too (a button with a help
   tooltip sits in the tooltip's box: the rule above also reads its descendants), the pictures' « Plein écran » 24 px
   (the sidebar's page links: ui/words.py ACCESSIBLE_CSS) */
[data-testid="stPopoverButton"] { min-height: 3rem; }
[data-testid="stElementToolbarButton"] button { min-width: 2.75rem; min-height: 2.75rem; }
/* picture choices (ui/widgets.py): a tablet in portrait leaves ~490 px, five buttons a row would cut their
   captions ("🏮 Lan…"); captions wrap on words and a row wraps when a button gets narrower than 7 rem */
[class*="st-key-pictures-"] [data-testid="stHorizontalBlock"] {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(7rem, 1fr)); }
[class*="st-key-pictures-"] [data-testid="stColumn"] { width: auto; min-width: 0; }
[class*="st-key-pictures-"] button [data-testid="stMarkdownContainer"],
[class*="st-key-pictures-"] button [data-testid="stMarkdownContainer"] p {
  white-space: normal; overflow: visible; text-overflow: clip; }
/* widget labels (toggles, checkboxes) wrap in a narrow column instead of ending in "…" ("Recto verso (le d…") */
[data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"] p {
  white-space: normal; overflow: visible; text-overflow: clip; }
""" + PICK_NAME_CSS + """
/* a heading's 16 px « link to this heading » (Streamlit's anchor): a target a finger misses, and a link the studio
   has no use for (pages are opened from the menu); `anchor=False` on every heading would miss the next one */
[data-testid="stHeaderActionElements"] a { display: none; }
/* Streamlit's own "Press Enter to submit form" / "Press Enter to apply" hints are English only */
[data-testid="InputInstructions"] { display: none; }
</style>
"""
