"""A quiz game lives in the store: a facilitator or a player reloading a page loses nothing.

States: lobby -> question -> reveal -> scores -> question ... -> podium. Each host action names
the question it acts on, so a double click or a second host tab never skips a question. Every
answer is one row keyed by (game, question, player): answering twice counts once.
"""
from __future__ import annotations

import json
import random
import secrets
import sqlite3
import threading
import time
import unicodedata
from dataclasses import dataclass

from ..i18n import UserError
from ..store import Store, now
from ..store.db import CODE_ALPHABET
from ..store.devices import token_hash
from .pack import Pack
from .scoring import points, rank

STATES = ("lobby", "question", "reveal", "scores", "podium")
SECONDS_CHOICES = (10, 20, 30, 45)
TEAMS = {"fox": "🦊", "turtle": "🐢", "owl": "🦉", "dolphin": "🐬"}
GRACE = 1.0  # an answer sent at the last second may arrive a little after the deadline
# A player's page notes "still here" every 5 s (ui/quiz_player.SEEN_EVERY) and each answer does too: a player
# not heard of for this long when a question opened had left (tab closed, tablet off) at that moment.
LEFT_AFTER = 15.0
MAX_NAME = 24
CODE_LENGTH = 4  # a game's code, read aloud from the big screen

# Every player's page runs in the same server process: queueing their answers on a lock here is
# much faster than letting SQLite's busy handler back off and retry (measured in bench/blindtest.py).
_answer_lock = threading.Lock()


@dataclass
class AnswerResult:
    """What happened to an answer: counted, already (answered before), closed, late or unknown player."""

    status: str
    correct: bool = False
    points: int = 0


def _one_line(name: str) -> str:
    """A pseudonym as it is counted: on one line, single spaces, no surrounding ones, in Unicode NFC."""
    return unicodedata.normalize("NFC", " ".join(str(name).split()))


def clean_name(name: str) -> str:
    """A pseudonym on one line, without surrounding spaces, at most MAX_NAME characters, in Unicode NFC
    (an iPad's decomposed "Léa" is the same pseudonym as a PC's "Léa", and a cut never splits a letter
    from its accent)."""
    return _one_line(name)[:MAX_NAME].strip()


def letters_too_many(name: str) -> int:
    """How many letters `clean_name` would cut from this pseudonym (0 when it fits), counted as it counts them: the
    join form says so and keeps the name, rather than let a player in under a name cut short."""
    return max(0, len(_one_line(name)) - MAX_NAME)


def question_from_item(pack: Pack, item: dict, seed: int) -> dict:
    """The question played for a pack item: its media path and shuffled choices with the answer's place."""
    question = {k: item.get(k, "") for k in ("id", "mode", "media", "truth", "credit", "licence", "explanation",
                                             "prompt", "model", "question")}
    question["file"] = str(pack.media_path(item))
    if item["mode"] == "ai_or_human":
        question["choices"] = ["ai", "human"]
        question["answer"] = 0 if item["truth"] == "ai" else 1
        return question
    order = list(range(len(item["choices"])))
    random.Random(seed).shuffle(order)
    question["choices"] = [item["choices"][i] for i in order]
    question["answer"] = order.index(item["answer"])
    return question


class QuizGames:
    """Create games, let players join and answer, move the game on, and read scores."""

    def __init__(self, store: Store | None = None):
        self.store = store or Store()

    # -- creating and finding games -----------------------------------------------------------
    def create(self, pack: Pack, item_ids: list[str] | None = None, seconds: int = 20, teams: bool = False,
               workshop_id: int | None = None, language: str = "fr", seed: int | None = None) -> dict:
        """A new game in the lobby with the chosen items of a checked pack (all of them by default)."""
        if seconds <= 0:
            raise ValueError(f"seconds must be positive but is {seconds}.")
        items = pack.items if item_ids is None else [i for i in pack.items if i["id"] in set(item_ids)]
        if not items:
            raise UserError("quiz.host.err_no_items")
        seed = secrets.randbelow(10**9) if seed is None else seed
        self.purge_old()
        with self.store.transaction() as conn:
            code = self._new_code(conn)
            cur = conn.execute(
                "INSERT INTO quiz_games(code, workshop_id, title, pack_dir, seconds, teams, language, created_at) "
                "VALUES(?,?,?,?,?,?,?,?)",
                (code, workshop_id, pack.title, str(pack.folder), int(seconds), int(teams), language,
                 now().isoformat(timespec="seconds")))
            game_id = cur.lastrowid
            for idx, item in enumerate(items):
                conn.execute("INSERT INTO quiz_questions(game_id, idx, item) VALUES(?,?,?)",
                             (game_id, idx, json.dumps(question_from_item(pack, item, seed + idx), ensure_ascii=False)))
        return self.game(game_id)

    @staticmethod
    def _new_code(conn: sqlite3.Connection) -> str:
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if not conn.execute("SELECT 1 FROM quiz_games WHERE code=?", (code,)).fetchone():
                return code

    def game(self, game_id: int) -> dict | None:
        with self.store.connect() as conn:
            row = conn.execute("SELECT * FROM quiz_games WHERE id=?", (game_id,)).fetchone()
            if not row:
                return None
            game = dict(row)
            game["questions"] = conn.execute("SELECT COUNT(*) FROM quiz_questions WHERE game_id=?",
                                             (game_id,)).fetchone()[0]
            return game

    def by_code(self, code: str) -> dict | None:
        with self.store.connect() as conn:
            row = conn.execute("SELECT id FROM quiz_games WHERE code=?", (str(code).strip().upper(),)).fetchone()
        return self.game(row["id"]) if row else None

    def open_games(self, workshop_id: int | None = None) -> list[dict]:
        """Games not finished yet, newest first (a facilitator who reloads finds theirs here)."""
        with self.store.connect() as conn:
            rows = conn.execute("SELECT id FROM quiz_games WHERE state != 'podium' AND workshop_id IS ? "
                                "ORDER BY id DESC", (workshop_id,)).fetchall()
        return [self.game(r["id"]) for r in rows]

    def purge_old(self) -> int:
        """Delete games (players, answers) past their retention: a workshop's games end with the workshop
        (Store.purge_expired, also run by the worker every hour); returns how many went."""
        return self.store.purge_expired()["quiz_games"]

    # -- players -------------------------------------------------------------------------------
    def join(self, code: str, name: str, team: str = "", moment: float | None = None,
             device: str = "", participant_id: int | None = None) -> tuple[dict, bool]:
        """Add a player; a pseudonym already taken gets a number ("Léa 2"). Returns (player, renamed).

        `device` is the browser's device token (ui/server.py cookie; only its sha256 is stored): the same
        device joining again with the same pseudonym (tab closed, code typed again) gets its player back,
        with its points and its team, instead of a new "Léa 2" at 0 points.

        The player is linked to the workshop's participant who joined: `participant_id` (the name picked on
        the page), else the participant the device is bound to (its tablet code, store.devices). The player,
        their answers and a refused pseudonym's count are then deleted with that participant."""
        game = self.by_code(code)
        if not game:
            raise UserError("quiz.play.err_code", code=str(code).strip().upper())
        if game["state"] == "podium":
            raise UserError("quiz.play.err_over")
        from ..safety.text import check_name

        wanted = check_name(clean_name(name))
        if not wanted:
            raise UserError("quiz.play.err_name")
        device_key = token_hash(device) if device else ""
        participant_id = self._participant(game, participant_id, device_key)
        from ..safety.prompts import screen

        # a pseudonym is shown on the big screen: the same guard as every prompt (an insult aimed at a child of
        # the roster, a rude word), told kindly, counted for the facilitator, never shown
        from ..safety.names import MESSAGE_KEY, refuse_rude_name

        try:
            screen(wanted, language=game.get("language") or "fr", store=self.store,
                   workshop_id=game.get("workshop_id"), model=False, participant_id=participant_id)
        except UserError as refused:  # « Ta phrase a un mot pas gentil » said of a pseudonym: said as of a name
            if refused.key in ("safety.prompt.self_harm", "safety.prompt.too_long", "safety.prompt.personal_info"):
                raise  # a phone number typed as a pseudonym is told as a phone number, not as a rude name
            raise UserError(MESSAGE_KEY) from refused
        # a toilet word is no name to call a player by on the big screen
        refuse_rude_name(wanted, store=self.store, workshop_id=game.get("workshop_id"), participant_id=participant_id)
        if game["teams"]:
            team = team or self._smallest_team(game["id"])
            if team not in TEAMS:
                raise ValueError(f"team must be one of {list(TEAMS)} but is {team!r}.")
        else:
            team = ""
        moment = moment or time.time()
        with self.store.transaction() as conn:
            if device_key:
                mine = conn.execute("SELECT * FROM quiz_players WHERE game_id=? AND name_key=? AND device=?",
                                    (game["id"], wanted.casefold(), device_key)).fetchone()
                if mine:
                    linked = mine["participant_id"] or participant_id
                    conn.execute("UPDATE quiz_players SET last_seen=?, participant_id=? WHERE id=?",
                                 (moment, linked, mine["id"]))
                    return dict(mine) | {"last_seen": moment, "participant_id": linked}, False
            taken = {r[0] for r in conn.execute("SELECT name_key FROM quiz_players WHERE game_id=?", (game["id"],))}
            chosen, number = wanted, 1
            while chosen.casefold() in taken:
                number += 1
                chosen = f"{wanted[:MAX_NAME - 3]} {number}"
            current = conn.execute("SELECT current FROM quiz_games WHERE id=?", (game["id"],)).fetchone()[0]
            cur = conn.execute(
                "INSERT INTO quiz_players(game_id, name, name_key, team, token, joined_at, joined_question, "
                "last_seen, device, participant_id) VALUES(?,?,?,?,?,?,?,?,?,?)",
                (game["id"], chosen, chosen.casefold(), team, secrets.token_urlsafe(12), moment, current, moment,
                 device_key, participant_id))
            player = dict(conn.execute("SELECT * FROM quiz_players WHERE id=?", (cur.lastrowid,)).fetchone())
        return player, chosen != wanted

    def _participant(self, game: dict, participant_id: int | None, device_key: str) -> int | None:
        """The participant a joining player is: `participant_id`, else the one the device (sha256 of its token)
        is bound to; None when neither is known or when they are not of the game's workshop."""
        with self.store.connect() as conn:
            if participant_id is None and device_key:
                row = conn.execute("SELECT participant_id FROM devices WHERE token_hash=?", (device_key,)).fetchone()
                participant_id = row["participant_id"] if row else None
            if participant_id is None:
                return None
            row = conn.execute("SELECT workshop_id FROM participants WHERE id=?", (participant_id,)).fetchone()
        if row is None or (game.get("workshop_id") is not None and row["workshop_id"] != game["workshop_id"]):
            return None
        return participant_id

    def _smallest_team(self, game_id: int) -> str:
        with self.store.connect() as conn:
            counts = dict(conn.execute("SELECT team, COUNT(*) FROM quiz_players WHERE game_id=? GROUP BY team",
                                       (game_id,)).fetchall())
        return min(TEAMS, key=lambda t: (counts.get(t, 0), list(TEAMS).index(t)))

    def player(self, token: str) -> dict | None:
        with self.store.connect() as conn:
            row = conn.execute("SELECT * FROM quiz_players WHERE token=?", (token,)).fetchone()
            return dict(row) if row else None

    def players(self, game_id: int) -> list[dict]:
        with self.store.connect() as conn:
            return [dict(r) for r in conn.execute("SELECT * FROM quiz_players WHERE game_id=? ORDER BY id",
                                                  (game_id,))]

    def seen(self, player_id: int, moment: float | None = None) -> None:
        """Note that a player's device is still here (shown in the lobby)."""
        with self.store.connect() as conn:
            conn.execute("UPDATE quiz_players SET last_seen=? WHERE id=?", (moment or time.time(), player_id))

    def leave(self, token: str, moment: float | None = None) -> None:
        """The player tapped « Quitter le quiz » at `moment` (seconds since the epoch): absent from then on, at
        once, as a closed tab is only LEFT_AFTER s later. Their presence is dated back so that it ran out at
        `moment` (`waiting_for` no longer awaits them, the lobby no longer shows them, `gone` counts them out
        once a question opens after that); their answers and points stay. Joining again from the same device
        (`join`) makes them present again."""
        moment = moment or time.time()
        with self.store.connect() as conn:
            conn.execute("UPDATE quiz_players SET last_seen=MIN(last_seen, ?) WHERE token=?",
                         (moment - LEFT_AFTER - 0.001, token))

    def remove_player(self, player_id: int) -> None:
        """Take a player out of the game (the host's choice): their answers go with them, so they leave every
        ranking, the totals ("sur 5") and the diplomas."""
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM quiz_players WHERE id=?", (player_id,))

    def keep_player(self, player_id: int, kept: bool = True) -> None:
        """The host keeps (or not) on the diplomas a player who left and did not answer afterwards."""
        with self.store.transaction() as conn:
            conn.execute("UPDATE quiz_players SET kept=? WHERE id=?", (int(kept), player_id))

    def gone(self, game_id: int) -> set[int]:
        """Ids of the players who left for good: a question opened more than LEFT_AFTER seconds after their
        page last said "still here" (or after their last answer), and the host did not keep them."""
        with self.store.connect() as conn:
            last = conn.execute("SELECT MAX(opened_at) FROM quiz_questions WHERE game_id=?", (game_id,)).fetchone()[0]
            if last is None:
                return set()
            return {r[0] for r in conn.execute("SELECT id FROM quiz_players WHERE game_id=? AND kept=0 "
                                               "AND last_seen + ? < ?", (game_id, LEFT_AFTER, last))}

    def diploma_board(self, game_id: int, teams: bool = False) -> list[dict]:
        """The ranking printed on the diplomas: the scoreboard without the players who left for good (see
        `gone`), ranked again among those who stayed, so "5e place sur 5" counts only them. Team diplomas
        follow the team board of the projector (every member's points count)."""
        if teams:
            return self.team_board(game_id)
        left = self.gone(game_id)
        return rank([r for r in self.scoreboard(game_id) if r["id"] not in left])

    # -- questions -----------------------------------------------------------------------------
    def question(self, game_id: int, idx: int) -> dict | None:
        with self.store.connect() as conn:
            row = conn.execute("SELECT * FROM quiz_questions WHERE game_id=? AND idx=?", (game_id, idx)).fetchone()
        if not row:
            return None
        question = json.loads(row["item"])
        question.update(idx=idx, opened_at=row["opened_at"], closed_at=row["closed_at"])
        return question

    def next_question(self, game_id: int, after: int, moment: float | None = None) -> dict:
        """Open the question after `after` (the one the host saw), or show the podium after the last one."""
        moment = moment or time.time()
        with self.store.transaction() as conn:
            game = conn.execute("SELECT * FROM quiz_games WHERE id=?", (game_id,)).fetchone()
            if game["current"] == after and game["state"] in ("lobby", "reveal", "scores"):
                count = conn.execute("SELECT COUNT(*) FROM quiz_questions WHERE game_id=?", (game_id,)).fetchone()[0]
                idx = after + 1
                if idx >= count:
                    conn.execute("UPDATE quiz_games SET state='podium', finished_at=? WHERE id=?",
                                 (now().isoformat(timespec="seconds"), game_id))
                else:
                    deadline = moment + game["seconds"]
                    conn.execute("UPDATE quiz_games SET state='question', current=?, opened_at=?, deadline=? "
                                 "WHERE id=?", (idx, moment, deadline, game_id))
                    conn.execute("UPDATE quiz_questions SET opened_at=? WHERE game_id=? AND idx=?",
                                 (moment, game_id, idx))
        return self.game(game_id)

    def close_question(self, game_id: int, idx: int, moment: float | None = None) -> dict:
        """Stop taking answers for question `idx` and show the truth."""
        with self.store.transaction() as conn:
            changed = conn.execute("UPDATE quiz_games SET state='reveal' WHERE id=? AND state='question' AND current=?",
                                   (game_id, idx)).rowcount
            if changed:
                conn.execute("UPDATE quiz_questions SET closed_at=? WHERE game_id=? AND idx=?",
                             (moment or time.time(), game_id, idx))
        return self.game(game_id)

    def show_scores(self, game_id: int, idx: int) -> dict:
        """The leaderboard after question `idx`."""
        with self.store.transaction() as conn:
            conn.execute("UPDATE quiz_games SET state='scores' WHERE id=? AND state='reveal' AND current=?",
                         (game_id, idx))
        return self.game(game_id)

    def finish(self, game_id: int) -> dict:
        """End the game now (the podium), whatever question it is on."""
        with self.store.transaction() as conn:
            conn.execute("UPDATE quiz_games SET state='podium', finished_at=? WHERE id=? AND state != 'podium'",
                         (now().isoformat(timespec="seconds"), game_id))
            conn.execute("UPDATE quiz_questions SET closed_at=? WHERE game_id=? AND opened_at IS NOT NULL "
                         "AND closed_at IS NULL", (time.time(), game_id))
        return self.game(game_id)

    def waiting_for(self, game_id: int, idx: int, moment: float | None = None) -> int:
        """How many players present at `moment` (seconds since the epoch) have not answered question `idx` yet.

        Present: their page said "still here" (ui/quiz_player.SEEN_EVERY) or they answered less than LEFT_AFTER
        seconds before. A tablet asleep or a closed tab drops out after LEFT_AFTER s; the same player is present
        again from their page's next note, and their answers count from then."""
        moment = moment or time.time()
        with self.store.connect() as conn:
            return conn.execute(
                "SELECT COUNT(*) FROM quiz_players p WHERE p.game_id=? AND p.last_seen >= ? AND NOT EXISTS "
                "(SELECT 1 FROM quiz_answers a WHERE a.game_id=p.game_id AND a.idx=? AND a.player_id=p.id)",
                (game_id, moment - LEFT_AFTER, idx)).fetchone()[0]

    def tick(self, game_id: int, moment: float | None = None) -> dict:
        """Close the open question once its time is over, or early once someone answered and every player
        present (see `waiting_for`) has: a player who left does not hold the question open, and a tablet that
        wakes up mid-question is present again (and awaited) from its page's first "still here"."""
        moment = moment or time.time()
        game = self.game(game_id)
        if game and game["state"] == "question":
            idx = game["current"]
            if moment > game["deadline"] + GRACE or (self.answer_count(game_id, idx)
                                                     and not self.waiting_for(game_id, idx, moment)):
                game = self.close_question(game_id, idx, moment)
        return game

    # -- answers -------------------------------------------------------------------------------
    def answer(self, token: str, idx: int, choice: int, moment: float | None = None) -> AnswerResult:
        """Record a player's answer to question `idx` once; later tries return 'already'."""
        moment = moment or time.time()
        with _answer_lock, self.store.transaction() as conn:
            player = conn.execute("SELECT id, game_id FROM quiz_players WHERE token=?", (token,)).fetchone()
            if not player:
                return AnswerResult("unknown")
            game = conn.execute("SELECT * FROM quiz_games WHERE id=?", (player["game_id"],)).fetchone()
            if game["state"] != "question" or game["current"] != idx:
                return AnswerResult("closed")
            if moment > game["deadline"] + GRACE:
                return AnswerResult("late")
            question = json.loads(conn.execute("SELECT item FROM quiz_questions WHERE game_id=? AND idx=?",
                                               (game["id"], idx)).fetchone()[0])
            if not 0 <= int(choice) < len(question["choices"]):
                raise ValueError(f"choice must be 0..{len(question['choices']) - 1} but is {choice}.")
            elapsed = max(0.0, moment - game["opened_at"])
            correct = int(choice) == question["answer"]
            score = points(correct, elapsed, game["seconds"])
            inserted = conn.execute(
                "INSERT OR IGNORE INTO quiz_answers(game_id, idx, player_id, choice, correct, points, elapsed, "
                "answered_at) VALUES(?,?,?,?,?,?,?,?)",
                (game["id"], idx, player["id"], int(choice), int(correct), score, elapsed, moment)).rowcount
            conn.execute("UPDATE quiz_players SET last_seen=? WHERE id=?", (moment, player["id"]))
        if not inserted:
            return AnswerResult("already")
        return AnswerResult("counted", correct, score)

    def answer_count(self, game_id: int, idx: int) -> int:
        with self.store.connect() as conn:
            return conn.execute("SELECT COUNT(*) FROM quiz_answers WHERE game_id=? AND idx=?",
                                (game_id, idx)).fetchone()[0]

    def my_answer(self, player_id: int, game_id: int, idx: int) -> dict | None:
        with self.store.connect() as conn:
            row = conn.execute("SELECT * FROM quiz_answers WHERE game_id=? AND idx=? AND player_id=?",
                               (game_id, idx, player_id)).fetchone()
            return dict(row) if row else None

    # -- scores --------------------------------------------------------------------------------
    @staticmethod
    def _revealed_through(game: dict) -> int:
        """Last question whose points may be shown (the open one stays secret until the reveal)."""
        return game["current"] - 1 if game["state"] in ("lobby", "question") else game["current"]

    def scoreboard(self, game_id: int) -> list[dict]:
        """Players ranked by points of the revealed questions; equal scores share a place."""
        game = self.game(game_id)
        with self.store.connect() as conn:
            rows = conn.execute(
                "SELECT p.id, p.name, p.team, p.joined_question, "
                "COALESCE(SUM(a.points), 0) AS score, COALESCE(SUM(a.correct), 0) AS correct, "
                "COUNT(a.player_id) AS answered FROM quiz_players p "
                "LEFT JOIN quiz_answers a ON a.player_id = p.id AND a.idx <= ? "
                "WHERE p.game_id=? GROUP BY p.id", (self._revealed_through(game), game_id)).fetchall()
        return rank([dict(r) for r in rows])

    def team_board(self, game_id: int) -> list[dict]:
        """Teams ranked by their members' average score (teams of different sizes stay fair)."""
        teams: dict[str, list[dict]] = {}
        for row in self.scoreboard(game_id):
            if row["team"]:
                teams.setdefault(row["team"], []).append(row)
        rows = [{"name": team, "team": team, "members": len(members),
                 "score": int(round(sum(m["score"] for m in members) / len(members))),
                 "correct": sum(m["correct"] for m in members)} for team, members in teams.items()]
        return rank(rows)

    def question_stats(self, game_id: int) -> list[dict]:
        """Per question: how many answered, how many were right, and that share (who spotted the AI)."""
        with self.store.connect() as conn:
            counts = {r["idx"]: (r["answered"], r["correct"]) for r in conn.execute(
                "SELECT idx, COUNT(*) AS answered, SUM(correct) AS correct FROM quiz_answers WHERE game_id=? "
                "GROUP BY idx", (game_id,))}
            played = conn.execute("SELECT idx FROM quiz_questions WHERE game_id=? AND opened_at IS NOT NULL "
                                  "ORDER BY idx", (game_id,)).fetchall()
        stats = []
        for row in played:
            question = self.question(game_id, row["idx"])
            answered, correct = counts.get(row["idx"], (0, 0))
            stats.append({"idx": row["idx"], "question": question, "answered": answered, "correct": correct or 0,
                          "share": (correct or 0) / answered if answered else None})
        return stats

    # -- what each screen shows ------------------------------------------------------------------
    def host_view(self, game_id: int, moment: float | None = None) -> dict:
        """Everything the projector shows now, in a few small queries."""
        moment = moment or time.time()
        game = self.tick(game_id, moment)
        view = {"game": game, "players": self.players(game_id), "question": None, "answers": 0, "remaining": None,
                "waiting": 0}
        if game["current"] >= 0:
            view["question"] = self.question(game_id, game["current"])
            view["answers"] = self.answer_count(game_id, game["current"])
            # players present who have not answered yet (see `tick`): "3 answers out of 3 + waiting"
            view["waiting"] = self.waiting_for(game_id, game["current"], moment)
        if game["state"] == "question":
            view["remaining"] = max(0.0, game["deadline"] - moment)
        return view

    def player_view(self, token: str, moment: float | None = None) -> dict | None:
        """What a player's device shows now: the game, their answer, their score and place."""
        moment = moment or time.time()
        player = self.player(token)
        if not player:
            return None
        game = self.game(player["game_id"])
        view = {"game": game, "player": player, "question": None, "answer": None, "remaining": None}
        if game["current"] >= 0:
            view["question"] = self.question(game["id"], game["current"])
            view["answer"] = self.my_answer(player["id"], game["id"], game["current"])
        if game["state"] == "question":
            view["remaining"] = max(0.0, game["deadline"] - moment)
        board = self.scoreboard(game["id"])
        mine = next(r for r in board if r["id"] == player["id"])
        view.update(score=mine["score"], rank=mine["rank"], total=len(board),
                    tied=sum(r["rank"] == mine["rank"] for r in board) - 1)  # others on the same place
        return view
