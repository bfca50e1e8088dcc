"""A comic page: what the children made (title, authors, layout, panels, bubbles), read from
PAGE.toml or built by the workshop page, checked, and composed into things to draw."""
from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import UserError
from ..textfiles import load_toml, named_file
from ..safety.text import check_printable, check_words, clean_text
from . import bubbles as bub
from .layouts import BORDER_MM, Rect, get_layout, panel_rects
from .lettering import PT_MM, text_width_mm
from .lettering import chain as lettering_chain
from .typography import letter_text

PAGE_W, PAGE_H = 210.0, 297.0  # A4, millimetres
MARGIN = 12.0  # outer margin: panels never come closer to the trimmed edge
TITLE_BAND = 22.0  # title and authors above the panels
FOOTER_BAND = 7.0  # the small mention under the panels


@dataclass
class BubbleSpec:
    """One bubble: its kind, text, position in the panel, nudges and where its speaker is."""

    kind: str = "speech"
    text: str = ""
    position: str = "top-left"
    nudge: tuple[int, int] = (0, 0)
    tail: tuple[float, float] | None = None  # fractions of the panel (0,0 top-left .. 1,1 bottom-right)


@dataclass
class PanelSpec:
    """One panel: its picture (a file, or a prompt for the AI) and its bubbles."""

    image: str = ""
    prompt: str = ""
    style: str = ""
    seed: int | None = None
    ai: bool = False  # the picture was drawn by the AI
    story: str = ""
    bubbles: list[BubbleSpec] = field(default_factory=list)


@dataclass
class PageSpec:
    """A whole page."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    layout: str = "classic-6"
    language: str = "fr"
    panels: list[PanelSpec] = field(default_factory=list)

    @property
    def ai_made(self) -> bool:
        return any(p.ai for p in self.panels)

    def to_dict(self) -> dict:
        """Plain JSON (job parameters), the same shape as PAGE.toml."""
        import dataclasses

        return dataclasses.asdict(self)


# -- reading -------------------------------------------------------------------------------
PAGE_KEYS = {"title", "authors", "layout", "language", "panels"}
PANEL_KEYS = {"image", "prompt", "style", "seed", "ai", "story", "bubbles"}
BUBBLE_KEYS = {"kind", "text", "position", "nudge", "tail"}


def load_page(path: str | Path) -> PageSpec:
    """Read PAGE.toml; image paths are relative to the file's folder. Errors name panel and field."""
    path = Path(path)
    if not path.exists():
        raise UserError("comics.errors.page_missing", path=str(path))
    try:
        data = load_toml(path)  # as Notepad saves it too (a byte-order mark, ANSI)
    except tomllib.TOMLDecodeError as exc:
        raise UserError("comics.errors.page_unreadable", path=str(path), detail=str(exc)) from None
    return page_from_dict(data, base=path.parent)


def page_from_dict(data: dict, base: Path | None = None) -> PageSpec:
    """A PageSpec from the PAGE.toml / job-parameter shape, field by field."""
    _unknown(data, PAGE_KEYS, panel=0, where="page")
    authors = data.get("authors", [])
    if isinstance(authors, str):
        authors = [a.strip() for a in authors.split(",") if a.strip()]
    page = PageSpec(title=clean_text(data.get("title", "")), authors=[clean_text(a) for a in authors],
                    layout=str(data.get("layout", "classic-6")), language=str(data.get("language", "fr")))
    for number, raw in enumerate(data.get("panels", []), start=1):
        if not isinstance(raw, dict):
            raise UserError("comics.errors.field_type", panel=number, field="panels", expected="table")
        _unknown(raw, PANEL_KEYS, panel=number, where="panel")
        image = str(raw.get("image", "") or "")
        if image and base is not None and not Path(image).is_absolute():
            image = str(named_file(base / image).resolve())
        seed = raw.get("seed")
        if seed is not None and not isinstance(seed, int):
            raise UserError("comics.errors.field_type", panel=number, field="seed", expected="integer")
        panel = PanelSpec(image=image, prompt=str(raw.get("prompt", "") or ""), style=str(raw.get("style", "")),
                          seed=seed, ai=bool(raw.get("ai", False)), story=str(raw.get("story", "")))
        for index, b in enumerate(raw.get("bubbles", []), start=1):
            _unknown(b, BUBBLE_KEYS, panel=number, where=f"bubble {index}")
            panel.bubbles.append(BubbleSpec(kind=str(b.get("kind", "speech")),
                                            text=clean_text(b.get("text", ""), multiline=True),
                                            position=str(b.get("position", "top-left")),
                                            nudge=_pair(b.get("nudge", (0, 0)), number, index, "nudge", int),
                                            tail=_tail(b.get("tail"), number, index)))
        page.panels.append(panel)
    return page


def _unknown(table: dict, valid: set[str], panel: int, where: str) -> None:
    extra = sorted(set(table) - valid)
    if extra:
        raise UserError("comics.errors.unknown_field", panel=panel, where=where, field=", ".join(extra),
                        valid=", ".join(sorted(valid)))


def _pair(value, panel: int, bubble: int, name: str, kind: type) -> tuple:
    try:
        first, second = value
        return kind(first), kind(second)
    except (TypeError, ValueError):
        raise UserError("comics.errors.bubble_field", panel=panel, bubble=bubble, field=name,
                        value=str(value)) from None


def _tail(value, panel: int, bubble: int) -> tuple[float, float] | None:
    """A tail target: a position name ("bottom-left") or [x, y] in fractions of the panel."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        if value not in bub.POSITIONS:
            raise UserError("comics.errors.bubble_field", panel=panel, bubble=bubble, field="tail", value=value)
        fx, fy = bub.POSITIONS[value]
        return 0.1 + 0.8 * fx, 0.15 + 0.8 * fy
    x, y = _pair(value, panel, bubble, "tail", float)
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise UserError("comics.errors.bubble_field", panel=panel, bubble=bubble, field="tail", value=str(value))
    return x, y


# -- checking ------------------------------------------------------------------------------
def check_page(page: PageSpec, need_images: bool = True, *, names=None, store=None,
               workshop_id: int | None = None, participant_id: int | None = None, lines: bool = True,
               empty_ok: bool = False) -> None:
    """Raise a UserError naming the panel and the field for the first problem found: characters the
    fonts cannot print, and words a children's workshop refuses in the title, authors (names: `check_name_words`),
    panels' story lines and bubbles (`check_words`: `names`/`store`/`workshop_id` add the roster and count the
    refusal, `participant_id`'s). A story line is not lettered on the page, but it is the child's page: a page
    holding a refused line is not printed; `lines` False leaves the lines to their own check (the preview,
    drawn on every rerun, while the workshop page says a refused line under it when it is typed). `empty_ok`: a
    panel with no picture, no prompt and no bubble is an empty frame to draw in by hand, not a mistake (the
    workshop page prints one when the child chose to, after being told which panels are empty)."""
    from ..safety.names import check_name_words

    def words(text: str, field: str) -> None:
        check_words(text, field=field, names=names, store=store, workshop_id=workshop_id,
                    participant_id=participant_id)

    layout = get_layout(page.layout)
    if len(page.panels) > layout.panel_count:
        raise UserError("comics.errors.too_many_panels", count=len(page.panels), layout=page.layout,
                        most=layout.panel_count)
    faces = lettering_chain(True)
    check_printable(page.title, faces, field="title")
    words(page.title, "title")
    for author in page.authors:  # a name the fonts cannot set prints as a line to write it by hand (author_line)
        check_name_words(author, field="authors", names=names, store=store, workshop_id=workshop_id,
                         participant_id=participant_id)
    for number, panel in enumerate(page.panels, start=1):
        if lines:
            check_story_line(panel.story, number, names=names, store=store, workshop_id=workshop_id,
                             participant_id=participant_id)
        if need_images:
            if not panel.image and not panel.prompt.strip() and not (empty_ok and is_empty(panel)):
                raise UserError("comics.errors.panel_no_picture", panel=number)
            if panel.image and not Path(panel.image).is_file():
                raise UserError("comics.errors.image_missing", panel=number, path=panel.image)
        for index, bubble in enumerate(panel.bubbles, start=1):
            if bubble.kind not in bub.KINDS:
                raise UserError("comics.errors.bubble_kind", panel=number, bubble=index, kind=bubble.kind,
                                valid=", ".join(bub.KINDS))
            if bubble.position not in bub.POSITIONS:
                raise UserError("comics.errors.bubble_field", panel=number, bubble=index, field="position",
                                value=bubble.position)
            if not bubble.text.strip():
                raise UserError("comics.errors.bubble_empty", panel=number, bubble=index)
            check_printable(bubble.text, faces, field=f"{number}.{index}")
            words(bubble.text, f"{number}.{index}")


def is_empty(panel: PanelSpec) -> bool:
    """True for a panel with nothing in it: no picture, no prompt, no bubble (printed as an empty frame)."""
    return not panel.image and not panel.prompt.strip() and not panel.bubbles


def check_story_line(text: str, number: int, *, names=None, store=None, workshop_id: int | None = None,
                     participant_id: int | None = None) -> str:
    """Panel `number`'s story line unchanged when the words guard lets it through (`check_words`, same arguments);
    else UserError 'text.words_blocked' with the guard's kind sentence, naming the line (« la phrase de la
    case 2 »), never the word."""
    try:
        return check_words(text, field=f"line {number}", names=names, store=store, workshop_id=workshop_id,
                           participant_id=participant_id)
    except UserError as exc:
        raise UserError(exc.key, message_key=exc.params["message_key"], field_key="typed.fields.line",
                        field_params={"n": number}) from None


# -- composing -----------------------------------------------------------------------------
@dataclass
class Composed:
    """Everything to draw on the page, in millimetres from the top-left corner of the trimmed page."""

    width: float
    height: float
    panels: list[tuple[Rect, str]]  # rectangle, picture file ("" = empty frame)
    bubbles: list[bub.BubbleShape]
    texts: list[tuple[str, float, float, float, bool, str]]  # text, x, baseline y, size pt, bold, align
    border: float = BORDER_MM

    def bubble_texts(self) -> list[str]:
        return [" ".join(b.lettering.lines) for b in self.bubbles]


def panel_area() -> Rect:
    """Where the panels go: inside the margins, under the title, above the mention."""
    top = MARGIN + TITLE_BAND
    return (MARGIN, top, PAGE_W - 2 * MARGIN, PAGE_H - MARGIN - FOOTER_BAND - top)


def compose(page: PageSpec, mention: str = "", by: str = "", and_word: str = " & ") -> Composed:
    """Lay out the page: panels, lettered bubbles, title, authors and (when AI drew) the mention."""
    check_page(page, need_images=False, lines=False)  # lines: not lettered, checked when typed and printed
    rects = panel_rects(get_layout(page.layout), panel_area())
    panels = [(rect, page.panels[i].image if i < len(page.panels) else "") for i, rect in enumerate(rects)]
    shapes = [shape for number, panel in enumerate(page.panels, start=1)
              for shape in letter_bubbles(panel, rects[number - 1], page.language, number)]
    texts = _title_texts(page, by, and_word)
    if page.ai_made and mention:
        texts.append((mention, PAGE_W - MARGIN, PAGE_H - MARGIN - 1.5, 7.0, False, "right"))
    return Composed(PAGE_W, PAGE_H, panels, shapes, texts)


def letter_bubbles(panel: PanelSpec, rect: Rect, language: str, number: int) -> list[bub.BubbleShape]:
    """The bubbles of panel `number` (from 1) lettered and placed inside `rect` (x, y, w, h in mm), each after the
    ones before it (`_free_place`). A bubble that cannot be lettered readably (a word alone under
    bubbles.WORD_MIN_PT, or the whole text under bubbles.MIN_PT) is a UserError naming the panel and the bubble:
    the child is told, their words are kept, and no bubble is ever cut short or drawn past its panel."""
    shapes: list[bub.BubbleShape] = []
    speakers = [b.tail for b in panel.bubbles if b.tail is not None]
    for index, bubble in enumerate(panel.bubbles, start=1):
        refuse_long_word(bubble.kind, bubble.text, rect, language, number, index)
        lettering = bubble_lettering(bubble.kind, bubble.text, rect, language)
        if lettering is None:
            raise UserError("comics.errors.bubble_too_long", panel=number, bubble=index, chars=len(bubble.text))
        shapes.append(_free_place(bubble, lettering, rect, [b.box for b in shapes], speakers, language))
    return shapes


def bubble_lettering(kind: str, text: str, panel: Rect, language: str):
    """The lettering of a bubble's text (lines and type size) in a panel (x, y, w, h in mm), or None when it cannot
    fit at a readable size (bubbles.measure): said when the child adds the bubble, and again at printing."""
    return bub.measure(kind, letter_text(text, language), panel)


def refuse_long_word(kind: str, text: str, panel: Rect, language: str, number: int, index: int) -> None:
    """Raise comics.errors.word_too_long naming the word when one word of `text` alone would shrink the bubble below
    bubbles.WORD_MIN_PT (panel `number`, bubble `index`, both from 1, for the sentence)."""
    word = bub.long_word(kind, letter_text(text, language), panel)
    if word is not None:
        raise UserError("comics.errors.word_too_long", panel=number, bubble=index, word=word.replace("\u00a0", " "))


def check_bubble_fits(layout: str, panel_index: int, kind: str, text: str, language: str, index: int) -> None:
    """The sentence (UserError) when bubble `index` (from 1) of panel `panel_index` (from 0) cannot be lettered
    readably: a word too long for it, or the whole text too long."""
    rect = panel_rects(get_layout(layout), panel_area())[panel_index]
    refuse_long_word(kind, text, rect, language, panel_index + 1, index)
    if bubble_lettering(kind, text, rect, language) is None:
        raise UserError("comics.errors.bubble_too_long", panel=panel_index + 1, bubble=index, chars=len(text))


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


NARROWER = (0.8, 0.65, 0.5)  # the text widths (fractions) a crowded bubble may be set in
# What a moved bubble costs, in points of lettering lost: each point of size, covering the whole middle of the
# panel, covering a speaker, each millimetre away from the place asked.
COST_MIDDLE, COST_SPEAKER, COST_MM = 30.0, 50.0, 0.05


def middle_of(panel: Rect) -> Rect:
    """The middle of a panel (a third of its width and height), where the picture's character usually is."""
    px, py, pw, ph = panel
    return (px + pw / 3, py + ph / 3, pw / 3, ph / 3)


def _covered(box: Rect, zone: Rect) -> float:
    """The fraction of `zone` that `box` covers (0-1)."""
    w = min(box[0] + box[2], zone[0] + zone[2]) - max(box[0], zone[0])
    h = min(box[1] + box[3], zone[1] + zone[3]) - max(box[1], zone[1])
    return max(0.0, w) * max(0.0, h) / (zone[2] * zone[3])


def _free_place(bubble: BubbleSpec, lettering, panel: Rect, placed: list[Rect],
                speakers: list[tuple[float, float]] = (), language: str = "fr") -> bub.BubbleShape:
    """The bubble where it was asked; if it would cover an earlier bubble of the panel, placed as a letterer
    would, off the characters: among the places of the panel (the one asked, slid down or up, the others of
    READING_ORDER) and the text set narrower (NARROWER), the free one that costs least (COST_*): letters kept big,
    the middle of the panel (middle_of) and the speakers (`speakers`: the tails' targets, fractions of the
    panel) left uncovered, close to where it was asked. No free room at all: the child's choice is kept."""
    shape = bub.shape(bubble.kind, lettering, panel, bubble.position, bubble.nudge, bubble.tail)
    if not any(_overlaps(shape.box, other) for other in placed):
        return shape
    px, py, pw, ph = panel
    points = [(px + fx * pw, py + fy * ph) for fx, fy in speakers]
    middle = middle_of(panel)
    text = letter_text(bubble.text, language)
    letterings = [lettering] + [m for f in NARROWER if (m := bub.measure(bubble.kind, text, panel, f))]
    moves = [(p, (0, 0)) for p in bub.READING_ORDER if p != bubble.position] + [
        (bubble.position, (bubble.nudge[0], bubble.nudge[1] + step)) for step in range(-20, 21)]
    candidates = [bub.shape(bubble.kind, each, panel, position, nudge, bubble.tail)
                  for each in letterings for position, nudge in moves]
    asked = (shape.box[0] + shape.box[2] / 2, shape.box[1] + shape.box[3] / 2)

    def cost(moved: bub.BubbleShape) -> float:
        x, y, w, h = moved.box
        speakers_covered = sum(x <= p[0] <= x + w and y <= p[1] <= y + h for p in points)
        return (lettering.size_pt - moved.lettering.size_pt + COST_MIDDLE * _covered(moved.box, middle)
                + COST_SPEAKER * speakers_covered + COST_MM * math.dist(asked, (x + w / 2, y + h / 2)))

    free = [c for c in candidates if not any(_overlaps(c.box, other) for other in placed)]
    return min(free, key=cost) if free else shape


def title_size(title: str) -> float:
    """The size (points, 28 down to 12) at which the lettered `title` fits on one line of the page; UserError
    comics.errors.title_too_long when it does not fit even at 12 pt (said where the title is typed, and at printing)."""
    width = PAGE_W - 2 * MARGIN
    size = 28.0
    while size > 12 and text_width_mm(title, size) > width:  # one line, as large as it fits
        size -= 1
    if text_width_mm(title, size) > width:
        raise UserError("comics.errors.title_too_long", chars=len(title))
    return size


BY_HAND_DOTS = 20  # the dots of WRITE_BY_HAND printed for one name in the authors' line (about 25 mm at 11 pt)


def author_line(name: str) -> str:
    """An author's name as the page prints it (safety.text.printable_name over the lettering's regular faces, as
    the console, the quiz and the storybook say it): « Léo 🦖 » keeps what its faces draw; a name whose letters the
    fonts cannot set (« مريم », a script that needs shaping) -> a dotted line of BY_HAND_DOTS dots to write it by
    hand."""
    from ..safety.text import WRITE_BY_HAND, printable_name

    printed, _ = printable_name(name, lettering_chain(False))
    return printed or WRITE_BY_HAND[:BY_HAND_DOTS]


def _title_texts(page: PageSpec, by: str, and_word: str) -> list:
    texts = []
    width = PAGE_W - 2 * MARGIN
    title = letter_text(page.title, page.language) if page.title.strip() else ""
    if title:
        size = title_size(title)
        texts.append((title, PAGE_W / 2, MARGIN + size * PT_MM * 0.8, size, True, "centre"))
    names = [author_line(a) for a in page.authors if a.strip()]
    if names:
        names = ", ".join(names[:-1]) + and_word + names[-1] if len(names) > 1 else names[0]
        line, size = by + names, 11.0
        while size > 7 and text_width_mm(line, size, bold=False) > width:  # one line, smaller when it is long
            size -= 0.5
        if text_width_mm(line, size, bold=False) > width:
            raise UserError("comics.errors.authors_too_long", chars=len(names))
        texts.append((line, PAGE_W / 2, MARGIN + TITLE_BAND - 5.5, size, False, "centre"))
    return texts
