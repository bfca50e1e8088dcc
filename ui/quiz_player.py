"""A player's device: code + pseudonym, then big answer buttons and their score, updated every second."""
from __future__ import annotations

import json
import time

import streamlit as st

from pipelines.blindtest.game import CODE_LENGTH, MAX_NAME, TEAMS, QuizGames, letters_too_many
from pipelines.blindtest.results import printable_name
from pipelines.i18n import ordinal

from .i18n import error_text, lang, t
from .quiz_host import MEDALS, choice_label, games, question_title, team_label
from .session import device_token, owner_id
from .widgets import pasted_code

SEEN_EVERY = 5.0  # seconds between "still here" notes (keeps the store's writes for the answers)

PLAYER_CSS = """
<style>
.st-key-quiz-answers .stButton > button { min-height: 6rem; border-radius: 1rem; }
/* the two answers of a row stand as tall as the longer one (a long answer made its column's buttons step down) */
.st-key-quiz-answers [data-testid="stHorizontalBlock"] { align-items: stretch; }
.st-key-quiz-answers [data-testid="stColumn"] > div, .st-key-quiz-answers [data-testid="stColumn"] .stButton,
.st-key-quiz-answers [data-testid="stColumn"] [data-testid="stElementContainer"],
.st-key-quiz-answers [data-testid="stColumn"] .stButton > button { height: 100%; }
.st-key-quiz-answers .stButton > button p { font-size: 1.8rem; }
.quiz-big { font-size: 2rem; text-align: center; }
.quiz-sent { background: #e6f4ea; color: #0b5b22; border-radius: 1rem; padding: 1.5rem 1rem; margin: 1rem 0; }
</style>
"""

# At the tap on « C'est parti ! », before the studio answers: the form is covered by « On te fait entrer… » (a
# first run can take a second while the studio reads its word lists, and a child who sees nothing taps again). The
# cover is the page's own, outside Streamlit's elements; it goes when the studio's run replaces the form (its own
# « On te fait entrer… », an error above the form again, the lobby), or after 30 s.
JOIN_TAP_JS = """
<span class="atelier-hidden"></span><script>
(function () {
  window.atelierJoinWaiting = %(waiting)s;
  if (window.atelierJoinTapArmed) return;
  window.atelierJoinTapArmed = true;
  document.addEventListener('click', function (event) {
    const button = event.target.closest && event.target.closest('button[kind$="FormSubmit"]');
    const form = button && button.closest('[data-testid="stForm"]');
    if (!form || !form.querySelector('.st-key-quiz-join-code')) return;
    const box = form.getBoundingClientRect();
    const app = getComputedStyle(document.querySelector('[data-testid="stApp"]') || document.body);
    const cover = document.createElement('div');
    cover.setAttribute('data-testid', 'quiz-letting-in-now');
    cover.setAttribute('role', 'status');
    cover.textContent = '⏳ ' + window.atelierJoinWaiting;
    cover.style.cssText = 'position:fixed;z-index:999990;display:flex;align-items:center;justify-content:center;'
      + 'text-align:center;font-size:2rem;left:' + box.left + 'px;top:' + box.top + 'px;width:' + box.width
      + 'px;height:' + box.height + 'px;background:' + app.backgroundColor + ';color:' + app.color;
    document.body.appendChild(cover);
    const started = Date.now();
    const watch = setInterval(function () {
      if (!form.isConnected || Date.now() - started > 30000) { clearInterval(watch); cover.remove(); }
    }, 100);
  }, true);
})();
</script>
"""


JOIN_REQUEST = "quiz-join-request"  # the tap on « C'est parti ! », let in by the run that tap starts
JOIN_CODE_TOO_LONG = "quiz-join-code-too-long"  # the tap's code was longer than a quiz code: the sentence to say
JOIN_TOO_LONG = "quiz-join-too-long"  # the tap's pseudonym had this many letters too many: said once, by that run


def join_ui() -> str | None:
    """Code + pseudonym: no account; the token in the address bar brings the player back after a reload.

    Returns the token of the player this run let in, else None (the form is on the page)."""
    # a placeholder, emptied on the run that lets the child in: the lobby's redraws every second are its fragment's
    # alone, so a heading left by that run would stay above the lobby until the page's next run
    heading = st.empty()
    heading.markdown(f"### {t('quiz.play.hello')}")
    request = st.session_state.get(JOIN_REQUEST)
    if request is not None:
        # drawn where the form was, so the form goes at the tap: letting in can take seconds (the word lists
        # of the name check load on a first join) and a child who sees nothing taps again
        waiting = st.empty()
        waiting.markdown(f"<div class='quiz-big' data-testid='quiz-letting-in'>⏳ {t('quiz.play.letting_in')}</div>",
                         unsafe_allow_html=True)
        if "player" not in request:
            try:  # the same tablet (device cookie) with the same pseudonym gets its player and points back
                player, renamed = games().join(request["code"], request["name"], team=request["team"],
                                               device=device_token() or "", participant_id=owner_id())
            except Exception as exc:
                st.session_state.pop(JOIN_REQUEST, None)
                waiting.error(error_text(exc))  # the form comes back under the reason, with what was typed
            else:
                # noted in the request itself, before any Streamlit call: a second tap reruns the page from the
                # next one (even a session_state write), and that run must not let the same child in twice
                request.update(player=player, renamed=renamed)
        if "player" in request:
            player = request["player"]
            st.session_state["quiz-token"] = player["token"]  # the back button drops the address's token
            st.session_state["quiz-renamed"] = player["name"] if request["renamed"] else ""
            # the name is kept, not the sentence: it is said in the language of the page when shown
            st.session_state["quiz-printed"] = player["name"]
            st.query_params["joueur"] = player["token"]
            st.session_state.pop(JOIN_REQUEST, None)
            heading.empty()
            waiting.empty()
            return player["token"]
    code_said = st.session_state.pop(JOIN_CODE_TOO_LONG, "")
    if code_said:  # above the form, as the other refusals; the code stays in its box to be checked
        st.warning(code_said)
    too_long = st.session_state.pop(JOIN_TOO_LONG, 0)
    if too_long:  # above the form, as the other refusals: the form drawn again takes the tap's cover away
        st.warning(t("text_box.too_long", n=too_long, limit=MAX_NAME))
    with st.form("quiz-join"):
        # no max_chars either: a longer code pasted stays in its box, said too long at the tap
        st.text_input(t("quiz.play.code"), value=st.query_params.get("code", ""), key="quiz-join-code")
        # no limit in the box: Streamlit's threw a pasted long pseudonym away whole; the tap says it is too long
        st.text_input(t("quiz.play.name"), key="quiz-join-name")
        st.radio(t("quiz.play.team"), ["", *TEAMS], horizontal=True, key="quiz-join-team",
                 format_func=lambda k: team_label(k) if k else f"🎲 {t('quiz.play.team_any')}")
        # a callback: the run of the tap lets the player in, with no second run of the page after it
        st.form_submit_button(f"🚀 {t('quiz.play.join')}", type="primary", width="stretch", on_click=_ask_to_join)
    with st.container(key="quiz-join-tap"):
        st.html(JOIN_TAP_JS % {"waiting": json.dumps(t("quiz.play.letting_in"), ensure_ascii=False)},
                unsafe_allow_javascript=True)
    return None


def _ask_to_join() -> None:
    """Record the tap on « C'est parti ! »; a second tap while the first is being let in is the same request."""
    if st.session_state.get(JOIN_REQUEST) is not None:
        return
    code, said = pasted_code(st.session_state.get("quiz-join-code") or "", CODE_LENGTH)
    if said:
        st.session_state[JOIN_CODE_TOO_LONG] = said
        return
    extra = letters_too_many(st.session_state.get("quiz-join-name") or "")
    if extra:
        st.session_state[JOIN_TOO_LONG] = extra  # said above the form, the name kept in its box to be shortened
        return
    st.session_state[JOIN_REQUEST] = {"code": code,
                                      "name": st.session_state.get("quiz-join-name") or "",
                                      "team": st.session_state.get("quiz-join-team") or ""}


def printed_name_note(name: str) -> str:
    """What to tell a player whose pseudonym the print cannot set whole ("" when it prints as shown, emoji
    included: « Zoé 🦄 »): a sign no print face draws is left out of the diplomas and the results, a script the
    fonts cannot shape is written by hand."""
    printed = printable_name(name)
    if printed == name:
        return ""
    return t("quiz.play.printed_as", name=printed) if printed else t("quiz.play.printed_by_hand")


def player_ui() -> None:
    token = st.query_params.get("joueur")
    if not token and st.session_state.get("quiz-token"):
        # the back button (or a tap on "Jouer au quiz") took the token out of the address: the same browser
        # stays the same player while the game lasts, instead of joining again as "Tom 2" with 0 points
        mine = games().player(st.session_state["quiz-token"])
        game = games().game(mine["game_id"]) if mine else None
        if game and game["state"] != "podium":
            token = st.query_params["joueur"] = st.session_state["quiz-token"]
        else:
            st.session_state.pop("quiz-token", None)
    player = games().player(token) if token else None
    st.markdown(PLAYER_CSS, unsafe_allow_html=True)
    if player:
        st.session_state.pop(JOIN_REQUEST, None)  # a second tap on « C'est parti ! » that came after being let in
    else:
        if token:
            st.warning(t("quiz.play.gone"))
            st.query_params.pop("joueur", None)
        token = join_ui()
        if not token:
            return
    if st.session_state.get("quiz-renamed"):
        st.info(t("quiz.play.renamed", name=st.session_state["quiz-renamed"]))
    note = printed_name_note(st.session_state["quiz-printed"]) if st.session_state.get("quiz-printed") else ""
    if note:
        st.info(f"🖨️ {note}")
    live_player_ui(token)
    if st.button(f"🚪 {t('quiz.play.leave')}", key="quiz-leave"):
        games().leave(token)  # no longer awaited by the question on the projector, from now
        st.session_state.pop("quiz-seen", None)
        st.query_params.pop("joueur", None)
        st.session_state.pop("quiz-token", None)
        st.session_state.pop("quiz-renamed", None)
        st.session_state.pop("quiz-printed", None)
        st.rerun()


@st.fragment(run_every=1.0)
def live_player_ui(token: str) -> None:
    """The player's screen now: waiting, answering, their result, or the podium."""
    quiz = games()
    view = quiz.player_view(token)
    if view is None:
        st.rerun(scope="app")
    player, game = view["player"], view["game"]
    last = st.session_state.get("quiz-seen", 0.0)
    # a tablet waking up mid-question says "still here" on its first redraw, so the host awaits its answer
    if time.time() - last > SEEN_EVERY:
        quiz.seen(player["id"])
        st.session_state["quiz-seen"] = time.time()
    st.markdown(f"<div class='quiz-big'>🙂 <b data-testid='quiz-me'>{_escape(player['name'])}</b> "
                f"{team_label(player['team'])} · ⭐ <span data-testid='quiz-score'>{view['score']}</span></div>",
                unsafe_allow_html=True)
    state = game["state"]
    if state == "lobby":
        st.markdown(f"<div class='quiz-big'>⏳ {t('quiz.play.wait_start')}</div>", unsafe_allow_html=True)
    elif state == "question":
        answer_ui(quiz, token, view)
    elif state in ("reveal", "scores"):
        result_ui(view)
    else:
        medal = MEDALS.get(view["rank"], "🎉")
        st.markdown(f"<div class='quiz-big' data-testid='quiz-final'>{medal} "
                    f"{final_text(view)}</div>",
                    unsafe_allow_html=True)


def answer_ui(quiz: QuizGames, token: str, view: dict) -> None:
    question = view["question"]
    remaining = int(round(view["remaining"] or 0))
    st.markdown(f"<div class='quiz-big'>{_escape(question_title(question))} · ⏱️ {remaining} s</div>",
                unsafe_allow_html=True)
    # answered: the store's answer, or the one this tablet just sent (a redraw that reads the store before the
    # answer is written would otherwise draw the question again, with only the tapped button greyed)
    mine = st.session_state.get("quiz-answered")
    choice = view["answer"]["choice"] if view["answer"] else (
        mine[1] if isinstance(mine, tuple) and mine[0] == (view["game"]["id"], question["idx"]) else None)
    if choice is not None:
        st.markdown(f"<div class='quiz-big quiz-sent' data-testid='quiz-sent'>✅ {t('quiz.play.sent')}</div>"
                    f"<div class='quiz-big' data-testid='quiz-mine'>{t('quiz.play.your_answer')} "
                    f"<b>{_escape(choice_label(question, choice))}</b></div>", unsafe_allow_html=True)
        return
    if st.session_state.pop("quiz-too-late", None) == question["idx"]:
        st.warning(t("quiz.play.too_late"))
    with st.container(key="quiz-answers"):
        for index in range(len(question["choices"])):
            if index % 2 == 0:  # two answers a row, side by side, each row as tall as its longer answer
                columns = st.columns(2)
            with columns[index % 2]:
                # a callback, not "if st.button(...): ... st.rerun(scope='fragment')": the tap counts whether the
                # browser reruns the fragment or the whole page (a tablet waking up reconnects with a full run,
                # where a fragment-scoped rerun raises), and the redraw right after shows "sent"
                st.button(choice_label(question, index), key=f"quiz-a-{question['idx']}-{index}", width="stretch",
                          on_click=_send, args=(quiz, token, view["game"]["id"], question["idx"], index))


def _send(quiz: QuizGames, token: str, game_id: int, idx: int, index: int) -> None:
    """Record the tapped answer (kept for this tablet's redraws: « Réponse envoyée ! » and the answer, at once);
    a tap after the close is told on the redraw."""
    result = quiz.answer(token, idx, index)
    if result.status in ("late", "closed"):
        st.session_state["quiz-too-late"] = idx
    elif result.status in ("counted", "already"):
        st.session_state["quiz-answered"] = ((game_id, idx), index)


def result_ui(view: dict) -> None:
    question, answer = view["question"], view["answer"]
    if answer is None:
        st.markdown(f"<div class='quiz-big'>⌛ {t('quiz.play.no_answer')}</div>", unsafe_allow_html=True)
    elif answer["correct"]:
        right = t("quiz.play.right", points=answer["points"])
        st.markdown(f"<div class='quiz-big' data-testid='quiz-result'>🎉 {right}</div>", unsafe_allow_html=True)
    else:
        st.markdown(f"<div class='quiz-big' data-testid='quiz-result'>🙈 {t('quiz.play.wrong')}</div>",
                    unsafe_allow_html=True)
    st.markdown(f"<div class='quiz-big'>👉 {_escape(choice_label(question, question['answer']))}</div>",
                unsafe_allow_html=True)
    st.markdown(f"<div class='quiz-big'>{rank_text(view)}</div>",
                unsafe_allow_html=True)


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def rank_text(view: dict) -> str:
    """"Tu es à la 1re place sur 12" (the French ordinal, not "1ᵉ"), "… ex æquo" when others share the place
    (two players with no point yet are not "1st and 2nd")."""
    return t("quiz.play.rank_tied" if view.get("tied") else "quiz.play.rank",
             place=ordinal(view["rank"], lang(), feminine=True), total=view["total"])


def final_text(view: dict) -> str:
    return t("quiz.play.final_tied" if view.get("tied") else "quiz.play.final",
             place=ordinal(view["rank"], lang(), feminine=True), total=view["total"], score=view["score"])
