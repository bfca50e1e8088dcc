"""Printed results of a game: the scoreboard with each question's share of right answers, and certificates."""
from __future__ import annotations

import re
from pathlib import Path

from ..export.pdf import PageSpec, PrintDocument
from ..i18n import long_date, ordinal, translate
from ..safety.text import WRITE_BY_HAND
from ..store import Store, library_name
from .game import QuizGames

# Emoji and signs no print face draws (a text whose letters need shaping keeps its letters, its signs dropped).
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]")
ROW_MM = 7.0
MARGIN_MM = 15.0


def printable(text: str) -> str:
    """`text` on one line, as the print sets it: emoji printed in black as in the studio's other prints (« Zoé 🦄 »,
    « Noé 🥳 »), the signs no face draws left out (pipelines.safety.text.printable_name); a text whose letters the
    faces cannot set whole (Arabic) keeps them, only its emoji left out."""
    from ..export.fonts import faces
    from ..safety.text import printable_name as studio_printable

    kept, _ = studio_printable(str(text), faces("readable"))
    return kept or " ".join(_EMOJI.sub("", str(text)).split())




def printable_name(name: str) -> str:
    """A player's name as the print can set it (printable), or "" when its letters cannot be printed (a script
    that needs shaping, such as Arabic, would come out as loose letters in the wrong order)."""
    from ..export.fonts import faces
    from ..safety.text import unprintable

    text = printable(name)
    return "" if unprintable(text, faces("readable"))[0] else text


def _day(game: dict, language: str) -> str:
    return long_date(game["created_at"], language)


class _Table:
    """Rows drawn down A4 pages, with the header repeated on each new page.

    A cell too long for its column wraps over as many lines as it needs (export.pdf.wrap_text, which breaks at
    spaces): no word of a name, a question or a label is lost, and the row grows to its tallest cell."""

    SIZE = 10.0  # pt
    LINE_MM = SIZE * 1.2 * 25.4 / 72  # 4.2 mm between the baselines of a wrapped cell
    PAD_MM = 1.5

    def __init__(self, doc: PrintDocument, columns: list[tuple[str, float]]):
        self.doc, self.columns = doc, columns
        self.page, self.y = None, 0.0

    def start(self, page, y: float, title: str) -> None:
        self.page, self.y = page, y
        page.text(title, MARGIN_MM, y, size=14, bold=True)
        self.y += 4
        self._header()

    def _header(self) -> None:
        x = MARGIN_MM
        self.page.rect(MARGIN_MM, self.y, self.page.width - 2 * MARGIN_MM, ROW_MM, stroke=None, fill=(0.93, 0.9, 0.8))
        for label, width in self.columns:
            self.page.text(label, x + self.PAD_MM, self.y + 5, size=9, bold=True)
            x += width
        self.y += ROW_MM

    def cell_lines(self, cell: str, width: float, bold: bool = False) -> list[str]:
        """The lines of one cell in a column `width` mm wide (padding on both sides)."""
        from ..export.pdf import wrap_text

        text = "\n".join(printable(part) for part in str(cell).split("\n"))  # a new line of the cell is kept
        return wrap_text(text, width - 2 * self.PAD_MM, self.SIZE, bold=bold) or [""]

    def row(self, cells: list[str], bold: bool = False) -> None:
        lines = [self.cell_lines(cell, width, bold) for (_, width), cell in zip(self.columns, cells)]
        height = ROW_MM + (max(len(cell) for cell in lines) - 1) * self.LINE_MM
        if self.y + height > self.page.height - MARGIN_MM:
            self.page = self.doc.add_page(PageSpec("A4", bleed_mm=0))
            self.y = MARGIN_MM
            self._header()
        x = MARGIN_MM
        for (_, width), cell in zip(self.columns, lines):
            for n, line in enumerate(cell):
                self.page.text(line, x + self.PAD_MM, self.y + 5 + n * self.LINE_MM, size=self.SIZE, bold=bold)
            x += width
        self.page.line(MARGIN_MM, self.y + height, self.page.width - MARGIN_MM, self.y + height,
                       color=(0.8, 0.8, 0.8), line_mm=0.2)
        self.y += height


def write_results(game_id: int, out: Path, language: str = "fr", store: Store | None = None) -> Path:
    """A4 results: scoreboard (and teams), then per question the share of players who found the truth."""
    store = store or Store()
    quiz = QuizGames(store)
    game = quiz.game(game_id)

    def tr(key: str, **params) -> str:
        return translate(f"quiz.results.{key}", language, **params)

    doc = PrintDocument(tr("title"), subject=game["title"], language=language, keywords=("quiz", "blind test"))
    page = doc.add_page(PageSpec("A4", bleed_mm=0))
    page.text(tr("title"), MARGIN_MM, 25, size=22, bold=True)
    library = library_name(store, language=language)
    page.text(printable(tr("subtitle", title=game["title"], date=_day(game, language), library=library)),
              MARGIN_MM, 33, size=11, color=(0.3, 0.3, 0.3))
    table = _Table(doc, [(tr("col_rank"), 18), (tr("col_name"), 64), (tr("col_team"), 33), (tr("col_score"), 25),
                         (tr("col_correct"), 40)])
    table.start(page, 46, tr("scoreboard"))
    for row in quiz.scoreboard(game_id):
        team = translate(f"quiz.team.{row['team']}", language) if row["team"] else ""
        name = printable_name(row["name"]) or WRITE_BY_HAND[:20]
        table.row([str(row["rank"]), name, team, str(row["score"]), str(row["correct"])], bold=row["rank"] == 1)
    if game["teams"]:
        teams = _Table(doc, [(tr("col_rank"), 18), (tr("col_team"), 105), (tr("col_score"), 57)])
        teams.start(table.page, table.y + 12, tr("teams"))
        for row in quiz.team_board(game_id):
            teams.row([str(row["rank"]), translate(f"quiz.team.{row['team']}", language), str(row["score"])])
        table = teams
    questions = _Table(doc, [("#", 8), (tr("col_question"), 74), (tr("col_mode"), 30), (tr("col_truth"), 38),
                             (tr("col_share"), 30)])
    questions.start(table.page, table.y + 12, tr("questions"))
    for stat in quiz.question_stats(game_id):
        question = stat["question"]
        share = tr("spotted", share=int(round(100 * stat["share"])), n=stat["correct"], total=stat["answered"]) \
            if stat["answered"] else tr("nobody")
        label = question.get("question") or question.get("prompt") or question.get("credit") or question["id"]
        if question["mode"] != "ai_or_human":  # questions asked in the same words differ by their answer
            label += "\n" + tr("answer", answer=question["choices"][question["answer"]])
        truth = translate(f"quiz.play.{question['truth']}", language)
        questions.row([str(stat["idx"] + 1), label, translate(f"quiz.mode.{question['mode']}", language), truth, share])
    return doc.save(out)


def write_certificates(game_id: int, out: Path, language: str = "fr", teams: bool = False,
                       store: Store | None = None) -> Path:
    """One A5 landscape certificate (210 x 148 mm) per player (or per team): name, score, place, date, library.

    Two certificates are imposed one above the other on an A4 portrait sheet with a thin cut line between them
    (export.imposition, no bleed), so an office printer at its default settings prints them at their nominal A5
    size (a bare A5 page is enlarged to A4 by "fit to page"). An odd last certificate shares its sheet with
    nothing. Players who left for good and whom the host did not keep get none (QuizGames.diploma_board).
    """
    from ..export.imposition import Card, grid_layout, impose
    from ..export.pdf import page_size_mm

    store = store or Store()
    quiz = QuizGames(store)
    game = quiz.game(game_id)
    is_team = bool(teams and game["teams"])
    rows = quiz.diploma_board(game_id, teams=is_team)

    def tr(key: str, **params) -> str:
        return translate(f"quiz.results.{key}", language, **params)

    def certificate(row: dict):
        def draw(page) -> None:
            w, h = page.width, page.height
            page.rect(6, 6, w - 12, h - 12, stroke=(0.75, 0.55, 0.1), line_mm=1.2, radius_mm=4)
            page.rect(9, 9, w - 18, h - 18, stroke=(0.75, 0.55, 0.1), line_mm=0.3, radius_mm=3)
            page.text(tr("certificate").upper(), w / 2, 32, size=30, bold=True, align="center",
                      color=(0.55, 0.35, 0.05))
            page.text(tr("certificate_of"), w / 2, 43, size=15, align="center")
            page.text(tr("team_awarded_to" if is_team else "awarded_to"), w / 2, 58, size=11, align="center",
                      color=(0.35, 0.35, 0.35))
            name = translate(f"quiz.team.{row['team']}", language) if is_team else printable_name(row["name"])
            if name:
                page.text(name, w / 2, 75, size=28, bold=True, align="center")
            else:  # a name the fonts cannot set is written by hand on the line
                page.text(WRITE_BY_HAND, w / 2, 75, size=18, align="center", color=(0.55, 0.55, 0.55))
            page.text(tr("certificate_score", score=row["score"], place=ordinal(row["rank"], language, feminine=True),
                         total=len(rows)), w / 2, 90, size=14, align="center")
            page.text(printable(game["title"]), w / 2, 104, size=11, align="center", color=(0.35, 0.35, 0.35))
            library = library_name(store, language=language)
            footer = tr("certificate_footer", library=library, date=_day(game, language))
            page.text(printable(footer), w / 2, h - 18, size=10, align="center", color=(0.35, 0.35, 0.35))
        return Card(draw)

    doc = PrintDocument(tr("certificate"), subject=game["title"], language=language, keywords=("quiz", "certificate"))
    if rows:
        impose(doc, [certificate(row) for row in rows], grid_layout(page_size_mm("A5", "landscape"), cols=1, rows=2),
               cut_guides=True)
    else:
        doc.add_page(PageSpec("A4", bleed_mm=0))
    return doc.save(out)
