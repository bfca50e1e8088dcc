"""The facilitator's quiz screen (projector): choose a pack, lobby, questions, reveal, scores, podium."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from pipelines.blindtest.game import SECONDS_CHOICES, TEAMS, QuizGames
from pipelines.blindtest.library import PackLibrary
from pipelines.blindtest.pack import load_folder
from pipelines.textfiles import read_text

from .i18n import lang, t
from .jobs import expected_time_text, job_status_ui, submit_job
from .runtime import get_store
from .session import current_workshop, distinct_labels, isolated

CHOICE_MARKS = ("🟥", "🟦", "🟨", "🟩")
MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}
TRUTH_MARKS = {"ai": "🤖", "human": "🧑", "program": "⚙️"}  # who made a quiz item (pipelines.blindtest.pack.TRUTHS)


def games() -> QuizGames:
    return QuizGames(get_store())


def choice_label(question: dict, index: int) -> str:
    """The text of one answer button: a colour mark, then the words (AI / human are translated)."""
    text = question["choices"][index]
    if question["mode"] == "ai_or_human":
        text = t("quiz.play.ai") if text == "ai" else t("quiz.play.human")
    return f"{CHOICE_MARKS[index]} {text}"


def team_label(team: str) -> str:
    return f"{TEAMS[team]} {t('quiz.team.' + team)}" if team else ""


def media_ui(question: dict, autoplay: bool = False, width: int = 640) -> None:
    """Show the item of a question: a picture, a clip or a short text."""
    path = Path(question["file"])
    if not path.exists():
        st.warning(t("widgets.file_missing", name=path.name))
    elif question["media"] == "image":
        st.image(str(path), alt=t("alt.quiz_picture"), width=width)
    elif question["media"] == "audio":
        st.markdown("<div style='font-size:6rem;text-align:center'>🎧</div>", unsafe_allow_html=True)
        st.audio(str(path), autoplay=autoplay)
    else:
        text = read_text(path)  # a pack folder copied by hand may hold Notepad's "ANSI" text
        st.markdown(f"<div style='font-size:1.6rem;line-height:1.5;padding:1rem;border-left:6px solid #888'>"
                    f"{_escape(text)}</div>", unsafe_allow_html=True)


def _escape(text: str) -> str:
    import html

    return html.escape(text).replace("\n", "<br>")


def question_title(question: dict) -> str:
    if question.get("question"):
        return question["question"]
    return t(f"quiz.mode.{question['mode']}_ask")


# -- choosing the game -------------------------------------------------------------------------
def current_game() -> dict | None:
    """The game of this screen: from the address bar (survives a reload), else none."""
    code = st.query_params.get("partie")
    game = games().by_code(code) if code else None
    return game


def open_game(game: dict) -> None:
    st.query_params["partie"] = game["code"]
    st.rerun()


def resume_ui() -> None:
    workshop = current_workshop()
    waiting = games().open_games(workshop["id"] if workshop else None)
    if waiting:
        st.subheader(t("quiz.host.resume"))
        for game in waiting[:5]:
            label = t("quiz.host.resume_one", title=game["title"], code=game["code"],
                      state=t(f"quiz.state.{game['state']}"))
            if st.button(f"↩️ {label}", key=f"resume-{game['id']}", width="stretch"):
                open_game(game)


def new_game_ui() -> None:
    """Pick a pack and the rules, then open the lobby."""
    library = PackLibrary()
    starter = f"starter-{lang()}"
    # the studio's own pack is offered in the language of the page (an English room plays the English one, built
    # below when missing); packs the facilitator made or brought are offered whatever their language
    entries = [e for e in library.entries() if e.playable and (e.name == starter or not e.name.startswith("starter-"))]
    if not any(e.name == starter for e in entries):
        starter_ui()
    if not entries:
        st.info(t("quiz.host.no_pack"))
        return
    names = [e.name for e in entries]
    titles = distinct_labels(names, {e.name: f"📦 {e.title} — {t('quiz.host.items', n=len(e.items))}"
                                     for e in entries}.get)  # two packs of one title stay two choices
    chosen = st.radio(t("quiz.host.pick_pack"), names, format_func=titles.get, key="quiz-pack")
    pack = load_folder(library.folder(chosen))
    modes = pack.modes()
    labels = {m: f"{t('quiz.mode.' + m)} ({n})" for m, n in modes.items()}
    picked_modes = st.multiselect(t("quiz.host.modes"), list(modes), default=list(modes), format_func=labels.get,
                                  key=f"quiz-modes-{chosen}")
    items = [i for i in pack.items if i["mode"] in picked_modes]
    count = len(items)
    if count > 1:  # a slider needs two ends: a pack of one question is played whole
        count = st.slider(t("quiz.host.how_many"), 1, count, min(count, 8), key=f"quiz-count-{chosen}")
    elif count == 1:
        st.caption(t("quiz.host.items", n=1))
    cols = st.columns(2)
    seconds = cols[0].select_slider(t("quiz.host.seconds"), SECONDS_CHOICES, value=20, key="quiz-seconds")
    teams = cols[1].toggle(t("quiz.host.teams"), key="quiz-teams")
    if st.button(f"🎬 {t('quiz.host.create')}", type="primary", width="stretch", disabled=not items):
        import random

        chosen_items = random.sample(items, count)
        order = [i["id"] for i in pack.items if i in chosen_items]
        workshop = current_workshop()
        game = games().create(pack, order, seconds=seconds, teams=teams, language=lang(),
                              workshop_id=workshop["id"] if workshop else None)
        get_store().log_event("quiz.game", workshop["id"] if workshop else None, pack.title)
        open_game(game)


def starter_ui() -> None:
    """Offer to make the starter pack (a job: about fifteen seconds on two cores)."""
    with st.container(border=True):
        st.markdown(f"**🎁 {t('quiz.host.starter_title')}**")
        st.caption(t("quiz.host.starter_explain"))
        job_id = st.session_state.get("quiz-starter-job")
        if job_id:
            job = job_status_ui(job_id, "starter", expected=expected_time_text("quiz.starter"))
            if job is None:
                return
            st.session_state.pop("quiz-starter-job")
            if job.state == "done":
                st.rerun()
        if st.button(f"🎁 {t('quiz.host.starter_make')}", key="quiz-starter", width="stretch"):
            st.session_state["quiz-starter-job"] = submit_job("quiz.starter", {"language": lang()})
            st.rerun()


# -- playing -----------------------------------------------------------------------------------
def game_ui(game: dict) -> None:
    """The projector screen of a game, by state; live parts refresh every second."""
    head = st.columns([3, 1])
    head[0].markdown(f"## 🎵 {game['title']}")
    if head[1].button(f"🚪 {t('quiz.host.leave')}", width="stretch"):
        st.query_params.pop("partie", None)
        st.rerun()
    state = game["state"]
    if state == "lobby":
        lobby_ui(game)
    elif state == "question":
        question_ui(game)
    elif state == "reveal":
        reveal_ui(game)
    elif state == "scores":
        from .quiz_scores import scores_ui

        scores_ui(game)
    else:
        from .quiz_scores import podium_ui

        podium_ui(game)


@st.fragment(run_every=1.0)
def live_ui(game_id: int, state: str, current: int) -> None:
    """Every second: close the question when due, show the countdown and the answers; redraw on a change."""
    view = games().host_view(game_id)
    game = view["game"]
    if game["state"] != state or game["current"] != current:
        st.rerun(scope="app")
    players = view["players"]
    if state == "lobby":
        st.markdown(f"### 👥 {t('quiz.host.players', n=len(players))}")
        if players:
            cols = st.columns(4)
            for i, player in enumerate(players):
                with cols[i % 4]:
                    st.markdown(f"<div style='font-size:1.4rem'>🙂 {isolated(_escape(player['name']))} "
                                f"{team_label(player['team'])}</div>", unsafe_allow_html=True)
                    remove_button(player)
        else:
            st.caption(t("quiz.host.nobody_yet"))
        return
    remaining = view["remaining"] or 0.0
    st.progress(min(1.0, remaining / game["seconds"]), text=f"⏱️ {int(round(remaining))} s")
    total = view["answers"] + view["waiting"]  # who answered and who is still awaited (a player who left is not)
    st.markdown(f"<div data-testid='quiz-answers' style='font-size:2rem;text-align:center'>📨 "
                f"{t('quiz.host.answers', n=view['answers'], total=total)}</div>", unsafe_allow_html=True)


def remove_button(player: dict) -> None:
    """Take a player out of the game in two taps: the first asks, the second removes (a ghost left by a closed
    tab leaves every ranking, the totals and the diplomas)."""
    asked = st.session_state.get("quiz-remove-ask") == player["id"]
    label = f"❓ {t('quiz.host.remove_sure', name=isolated(player['name']))}" if asked else f"✖️ {t('quiz.host.remove')}"
    if st.button(label, key=f"quiz-remove-{player['id']}", type="primary" if asked else "secondary"):
        if asked:
            games().remove_player(player["id"])
            st.session_state.pop("quiz-remove-ask", None)
        else:
            st.session_state["quiz-remove-ask"] = player["id"]
        st.rerun(scope="app")


def lobby_ui(game: dict) -> None:
    st.markdown(f"<div style='text-align:center;font-size:1.5rem'>{t('quiz.host.join_here')}</div>"
                f"<div data-testid='quiz-code' style='text-align:center;font-size:7rem;font-weight:800;"
                f"letter-spacing:0.3em'>{game['code']}</div>", unsafe_allow_html=True)
    st.caption(t("quiz.host.join_help", questions=game["questions"], seconds=game["seconds"]))
    live_ui(game["id"], "lobby", game["current"])
    if st.button(f"▶️ {t('quiz.host.start')}", type="primary", width="stretch"):
        games().next_question(game["id"], after=game["current"])
        st.rerun()


def question_ui(game: dict) -> None:
    """The question, its item and its answers; the countdown and the answers received beside the question's number,
    at the top: under the answers, on a laptop (1366 x 768), they were below the fold (the picture is 400 px high)."""
    question = games().question(game["id"], game["current"])
    heading, live = st.columns([3, 2])
    heading.markdown(f"### {t('quiz.host.question_n', n=game['current'] + 1, total=game['questions'])} · "
                     f"{t('quiz.mode.' + question['mode'])}")
    if heading.button(f"⏹️ {t('quiz.host.stop')}"):  # beside the count, in sight with it
        games().close_question(game["id"], game["current"])
        st.rerun()
    with live:
        live_ui(game["id"], "question", game["current"])
    st.markdown(f"## {question_title(question)}")
    left, right = st.columns([3, 2])
    with left:
        media_ui(question, autoplay=True)
    with right:
        for index in range(len(question["choices"])):
            st.markdown(f"<div style='font-size:1.5rem;padding:0.4rem 0'>{_escape(choice_label(question, index))}"
                        f"</div>", unsafe_allow_html=True)


def reveal_ui(game: dict) -> None:
    question = games().question(game["id"], game["current"])
    stats = next((s for s in games().question_stats(game["id"]) if s["idx"] == game["current"]), None)
    st.markdown(f"### {t('quiz.host.question_n', n=game['current'] + 1, total=game['questions'])} · "
                f"{t('quiz.host.reveal')}")
    left, right = st.columns([2, 3])
    with left:
        media_ui(question, width=420)
    with right:
        truth = f"{TRUTH_MARKS.get(question['truth'], '')} {t('quiz.reveal.' + question['truth'])}"
        st.markdown(f"<div data-testid='quiz-truth' style='font-size:2.4rem;font-weight:700'>{truth}</div>",
                    unsafe_allow_html=True)
        if question["mode"] != "ai_or_human":
            st.markdown(f"<div style='font-size:1.6rem'>✅ {_escape(choice_label(question, question['answer']))}"
                        f"</div>", unsafe_allow_html=True)
        if stats and stats["answered"]:
            share = int(round(100 * stats["share"]))
            key = "quiz.reveal.spotted_ai" if question["mode"] == "ai_or_human" and question["truth"] == "ai" \
                else "quiz.reveal.right_share"
            said = t(key, share=share, n=stats["correct"], total=stats["answered"])
            st.markdown(f"<div style='font-size:1.4rem'>📊 {said}</div>", unsafe_allow_html=True)
        else:
            st.caption(t("quiz.reveal.no_answer"))
        if question.get("credit"):
            st.markdown(f"©️ {_escape(question['credit'])} — {_escape(question.get('licence', ''))}")
        if question.get("model"):
            st.markdown(f"⚙️ {t('quiz.reveal.made_with', model=question['model'])}")
        st.markdown(f"**🔎 {t('quiz.reveal.clues')}**")
        st.write(question.get("explanation") or t(f"quiz.clues.{question['media']}_{question['truth']}"))
    if st.button(f"🏆 {t('quiz.host.show_scores')}", type="primary", width="stretch"):
        games().show_scores(game["id"], game["current"])
        st.rerun()
