"""The facilitator's quiz screen after the questions: the leaderboard, the podium, the results PDF."""
from __future__ import annotations

import streamlit as st

from pipelines.blindtest.scoring import podium

from .i18n import error_text, lang, t
from .jobs import job_status_ui, submit_job
from .quiz_host import MEDALS, _escape, games, team_label
from .session import isolated
from .widgets import download_ui


def board_ui(rows: list[dict], limit: int = 10, teams: bool = False) -> None:
    for row in rows[:limit]:
        medal = MEDALS.get(row["rank"], f"{row['rank']}.")
        name = team_label(row["team"]) if teams \
            else f"{isolated(_escape(row['name']))} {team_label(row.get('team', ''))}"
        st.markdown(f"<div style='font-size:1.5rem;display:flex;justify-content:space-between;"
                    f"border-bottom:1px solid #ddd;padding:0.2rem 0'><span>{medal} {name}</span>"
                    f"<b>{row['score']}</b></div>", unsafe_allow_html=True)


def scores_ui(game: dict) -> None:
    quiz = games()
    st.markdown(f"### 🏆 {t('quiz.host.leaderboard')} · "
                f"{t('quiz.host.question_n', n=game['current'] + 1, total=game['questions'])}")
    cols = st.columns(2 if game["teams"] else 1)
    with cols[0]:
        board_ui(quiz.scoreboard(game["id"]))
        with st.expander(f"👥 {t('quiz.host.manage_players')}"):
            players_ui(game, quiz.scoreboard(game["id"]))
    if game["teams"]:
        with cols[1]:
            st.markdown(f"**{t('quiz.host.teams_board')}**")
            board_ui(quiz.team_board(game["id"]), teams=True)
    last = game["current"] + 1 >= game["questions"]
    label = f"🏁 {t('quiz.host.to_podium')}" if last else f"➡️ {t('quiz.host.next')}"
    if st.button(label, type="primary", width="stretch"):
        quiz.next_question(game["id"], after=game["current"])
        st.rerun()


def players_ui(game: dict, rows: list[dict]) -> None:
    """The host's care of the players: remove one (two taps); keep on the diplomas one who left for good."""
    from .quiz_host import remove_button

    gone = games().gone(game["id"])
    kept = {p["id"] for p in games().players(game["id"]) if p["kept"]}
    for row in rows:
        cols = st.columns([3, 2])
        away = row["id"] in gone or row["id"] in kept
        cols[0].markdown(f"{'💤 ' if away else ''}{isolated(_escape(row['name']))} · {row['score']}")
        with cols[1]:
            remove_button(row)
            if away:  # left and never answered afterwards: no diploma unless the host keeps them
                keep = st.toggle(t("quiz.host.keep_diploma"), value=row["id"] in kept, key=f"quiz-keep-{row['id']}")
                if keep != (row["id"] in kept):
                    games().keep_player(row["id"], keep)
                    st.rerun()


def podium_ui(game: dict) -> None:
    quiz = games()
    st.markdown(f"### 🏁 {t('quiz.host.podium')}")
    rows = quiz.scoreboard(game["id"])
    podium_steps_ui(rows)
    if game["teams"]:
        st.markdown(f"**{t('quiz.host.teams_board')}**")
        board_ui(quiz.team_board(game["id"]), teams=True)
    with st.expander(f"📋 {t('quiz.host.everyone')}"):
        board_ui(rows, limit=200)
        players_ui(game, rows)
    exports_ui(game)
    if st.button(f"🆕 {t('quiz.host.new_game')}", width="stretch"):
        st.query_params.pop("partie", None)
        st.rerun()


def podium_steps_ui(rows: list[dict]) -> None:
    """Second, first and third place side by side, the first one highest; ties stand together."""
    steps = podium(rows)
    cols = st.columns(3)
    for col, place, height in ((cols[0], 2, 7), (cols[1], 1, 10), (cols[2], 3, 5)):
        names = ", ".join(isolated(_escape(r["name"])) for r in steps.get(place, []))
        score = steps[place][0]["score"] if place in steps else ""
        col.markdown(f"<div data-testid='quiz-podium-{place}' style='text-align:center;font-size:1.6rem'>"
                     f"{names or '—'}<br><b>{score}</b></div>"
                     f"<div style='height:{height}rem;background:#f4c542;border-radius:0.6rem 0.6rem 0 0;"
                     f"text-align:center;font-size:4rem'>{MEDALS[place]}</div>", unsafe_allow_html=True)


def exports_ui(game: dict) -> None:
    """The results PDF and the certificates, made by a job."""
    key = f"quiz-results-{game['id']}"
    job_id = st.session_state.get(key)
    if job_id:
        job = job_status_ui(job_id, "results")
        if job is None:
            return
        if job.state == "done":
            files = job.files()
            cols = st.columns(2)
            with cols[0]:
                download_ui(files["results"], f"📄 {t('quiz.host.results_pdf')}", "application/pdf", key="dl-results",
                            what="quiz_results", who="", title=game["title"])
            with cols[1]:
                download_ui(files["certificates"], f"🎓 {t('quiz.host.certificates_pdf')}", "application/pdf",
                            key="dl-certificates", what="quiz_certificates", who="", title=game["title"])
            return
    if st.button(f"📄 {t('quiz.host.make_exports')}", width="stretch"):
        try:
            st.session_state[key] = submit_job("quiz.results", {"game_id": game["id"], "language": lang(),
                                                                "title": game["title"], "teams": bool(game["teams"])})
        except Exception as exc:
            st.error(error_text(exc, formal=True))
        st.rerun()
