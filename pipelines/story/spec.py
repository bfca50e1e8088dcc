"""What a book is made of: the child's choices (StorySpec, read from SPEC.toml) and the written Story."""
from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import LANGUAGES, UserError
from ..textfiles import load_toml, named_file

HEROES = ("girl", "boy", "fox", "bear")
COMPANIONS = ("dragon", "cat", "owl", "squirrel", "unicorn", "robot", "hedgehog", "bee")
PLACES = ("forest", "castle", "island", "moon", "ocean")
OBJECTS = ("wand", "key", "lantern", "umbrella", "egg")
PROBLEMS = ("storm", "lost", "colours", "star", "giant")
TONES = ("funny", "adventure", "calm")
AGES = ("4-6", "7-8", "9-10")
MOODS = ("calm", "adventure", "mystery", "joy")
MIN_PAGES, MAX_PAGES = 4, 12
NAME_MAX = 24
PAGE_MAX_CHARS = 600  # an edited page longer than this no longer fits the printed page in large type
# A first name or the pseudonym the roster accepts (« jul1 », "R2D2"): letters and digits, at least one letter, in
# parts joined by a space, a hyphen or an apostrophe. A letter may carry accents that Unicode has as combining marks
# only, with no precomposed letter for NFC to make (Yoruba « Adébáyọ̀ », Malagasy « n̈ », Guarani « g̃ »): the
# combining diacritical blocks (U+0300-036F, 1AB0-1AFF, 1DC0-1DFF, 20D0-20FF, FE20-FE2F), which `\w` leaves out.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_PART = rf"(?:[^\W_][{_MARKS}]*)+"
NAME_PATTERN = re.compile(rf"^(?=.*[^\W\d_]){_PART}(?:[ '’-]{_PART})*$")
GENDERS = ("f", "m")  # the hero is a girl / she or a boy / he, as the child chooses
# The hero's gender when the child gave none: a child picture is who it shows; an animal is spoken of as its
# plain French noun is ("le petit renard … il", "le petit ours … il"), the form a young reader expects, never an
# "elle" the child did not choose. A chosen gender always wins (a she-bear cub: "la petite oursonne … elle").
HERO_GENDER = {"girl": "f", "boy": "m", "fox": "m", "bear": "m"}
# A participant's age group (workshop console) -> the book's reading age (sentences per page, type size).
READING_AGE_FOR_GROUP = {"4-6": "4-6", "7-8": "7-8", "8-12": "9-10", "9-10": "9-10", "11-14": "9-10", "15-17": "9-10",
                         "family": "4-6", "adults": "9-10"}
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")  # every white space except the no-break ones of French typography


def normalise_text(text: str) -> str:
    """A page's text with runs of spaces, tabs and newlines made one space; no-break spaces are kept."""
    return _SPACES.sub(" ", str(text or "")).strip()


def reading_age_for(age_group: str | None) -> str:
    """The reading age (one of AGES) of a participant's age group; '7-8' when unknown."""
    return READING_AGE_FOR_GROUP.get(age_group or "", "7-8")


def clean_name(raw: str) -> str:
    """The hero's first name, tidied (spaces, NFC); UserError when empty, too long or not a name."""
    from ..safety.text import needs_shaping, check_printable, clean_text

    name = " ".join(clean_text(raw).split())
    if not name:
        raise UserError("story.errors.name_empty")
    if len(name) > NAME_MAX:
        raise UserError("story.errors.name_too_long", n=NAME_MAX, length=len(name))
    if not NAME_PATTERN.match(name):
        if any(needs_shaping(c) for c in name):  # Hindi's vowel signs are marks, not letters: the script is why
            check_printable(name, field="hero_name")
        raise UserError("story.errors.name_letters", name=name)
    check_printable(name, field="hero_name")  # İlayda prints (fallback face); Arabic or emoji are refused here
    return capitalised(name)


def short_name(name: str, most: int = 40) -> str:
    """`name` cut to at most `most` letters at a space or a hyphen, never inside a part (« Marie-Charlotte-
    Alexandrine-Éléonore-Bénédicte-Anne » -> « Marie-Charlotte-Alexandrine-Éléonore »)."""
    if len(name) <= most:
        return name
    cut = name[:most + 1]
    at = max(cut.rfind(" "), cut.rfind("-"))
    return (cut[:at] if at > 0 else name[:most]).rstrip(" -")


def capitalised(name: str) -> str:
    """`name` with its first letter made a capital, when that capital is one letter ("zoé" -> "Zoé"); a letter
    whose capital is two ("ß" -> "SS", "ŉ") is left as typed rather than spelt another way."""
    from .grammar import capital

    return capital(name[:1]) + name[1:]


@dataclass
class StorySpec:
    """The choices that make a story (the fields of SPEC.toml's [story] table)."""

    hero_name: str = "Zoé"
    hero: str = "girl"
    hero_gender: str = ""  # "f" or "m" as the child chose; empty: HERO_GENDER's default for the hero
    companion: str = "dragon"
    place: str = "forest"
    object: str = "key"
    problem: str = "storm"
    tone: str = "adventure"
    pages: int = 6
    reading_age: str = "7-8"
    language: str = "fr"
    seed: int = 0
    title: str = ""  # empty: written from the choices
    writer: str = ""  # a story.write backend name; empty: the best available
    author: str = ""  # who made the book (the participant's name); empty: the hero's name
    page_edits: dict[int, dict] = field(default_factory=dict)  # page number -> {text, picture, mood}

    def checked(self) -> "StorySpec":
        """A copy with a clean name; UserError naming the field, the value and the valid choices."""
        for name, valid in (("hero", HEROES), ("companion", COMPANIONS), ("place", PLACES), ("object", OBJECTS),
                            ("problem", PROBLEMS), ("tone", TONES), ("reading_age", AGES),
                            ("language", LANGUAGES)):
            value = getattr(self, name)
            if value not in valid:
                raise UserError("story.errors.bad_choice", field=name, value=value, valid=", ".join(valid))
        gender = self.hero_gender or HERO_GENDER[self.hero]
        if gender not in GENDERS:
            raise UserError("story.errors.bad_choice", field="hero_gender", value=gender, valid=", ".join(GENDERS))
        if self.hero in ("girl", "boy"):
            hero = "girl" if gender == "f" else "boy"  # a child hero is the girl or the boy the child chose
        else:
            hero = self.hero
        try:
            pages = int(self.pages)
        except (TypeError, ValueError):
            raise UserError("story.errors.bad_pages", value=self.pages, low=MIN_PAGES, high=MAX_PAGES) from None
        if not MIN_PAGES <= pages <= MAX_PAGES:
            raise UserError("story.errors.bad_pages", value=self.pages, low=MIN_PAGES, high=MAX_PAGES)
        from ..safety.text import check_words, clean_printable

        title = check_words(clean_printable(self.title, field="title"), field="title") if self.title else ""
        def page_text(number, text: str) -> str:
            field = f"page {number}"
            return check_words(clean_printable(text, multiline=True, field=field), field=field)

        edits = {number: ({**edit, "text": page_text(number, edit["text"])} if "text" in edit else edit)
                 for number, edit in self.page_edits.items()}
        author = clean_printable(short_name(" ".join(str(self.author or "").split())), field="authors")
        return dataclasses.replace(self, hero_name=clean_name(self.hero_name), pages=pages, seed=int(self.seed),
                                   title=title, page_edits=edits, hero=hero, hero_gender=gender, author=author)

    def choices(self) -> dict:
        """The choices as plain JSON (job params, the 'how this book was made' page)."""
        data = dataclasses.asdict(self)
        data["page_edits"] = {str(k): v for k, v in self.page_edits.items()}
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "StorySpec":
        """Build from plain JSON/TOML values; unknown keys are an error naming the valid ones."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = set(data) - names
        if unknown:
            raise UserError("story.errors.unknown_keys", keys=", ".join(sorted(unknown)),
                            valid=", ".join(sorted(names)))
        data = dict(data)
        data["page_edits"] = {int(k): dict(v) for k, v in (data.get("page_edits") or {}).items()}
        return cls(**data)


def load_spec(path: str | Path) -> tuple[StorySpec, dict]:
    """Read SPEC.toml: the [story] choices, [[page]] edits; returns (spec, book options)."""
    path = Path(path)
    try:
        raw = load_toml(path)  # as Notepad saves it too (a byte-order mark, ANSI)
    except FileNotFoundError:
        raise UserError("story.errors.spec_missing", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError("story.errors.spec_syntax", path=str(path), detail=str(exc)) from None
    story = dict(raw.get("story", {}))
    edits = {}
    for page in raw.get("page", []):
        number = int(page.get("number", 0))
        entry = {k: v for k, v in page.items() if k in ("text", "picture", "mood")}
        if "picture" in entry and not Path(entry["picture"]).is_absolute():
            entry["picture"] = str(named_file(path.parent / entry["picture"]).resolve())
        edits[number] = entry
    story["page_edits"] = edits
    book = dict(raw.get("book", {}))
    if book.get("cover") and not Path(book["cover"]).is_absolute():
        book["cover"] = str(named_file(path.parent / book["cover"]).resolve())
    return StorySpec.from_dict(story), book


@dataclass
class Page:
    """One page of the book: its text and what goes with it."""

    text: str
    mood: str = "calm"
    scene: str = ""  # English picture description (for the image generator)
    picture: str = ""  # path of the page's picture, when there is one
    music: str = ""  # path of the page's music (MP3), when there is one
    narration: str = ""  # path of the page's read-aloud (MP3), when there is one


@dataclass
class Story:
    """A written story: title, language, pages and who wrote it."""

    title: str
    language: str
    pages: list[Page]
    author: str = ""  # the child's first name
    writer: str = "story.write.template"
    notes: list[dict] = field(default_factory=list)  # {"key": locale key, "params": {...}} shown with the book
    choices: dict = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, indent=2)

    @classmethod
    def from_dict(cls, data: dict) -> "Story":
        pages = [Page(**p) for p in data.get("pages", [])]
        return cls(**{**data, "pages": pages})

    @classmethod
    def from_json(cls, text: str) -> "Story":
        return cls.from_dict(json.loads(text))


def edit_page(story: Story, number: int, text: str) -> Story:
    """Replace the text of page `number` (1-based); an empty or too long text is refused, the book kept."""
    if not 1 <= number <= len(story.pages):
        raise UserError("story.errors.no_such_page", number=number, count=len(story.pages))
    from ..safety.text import check_printable, clean_text

    text = normalise_text(clean_text(text))  # the no-break spaces of French typography are kept
    if not text:
        raise UserError("story.errors.page_empty", number=number)
    check_printable(text, field=f"page {number}")
    if len(text) > PAGE_MAX_CHARS:
        raise UserError("story.errors.page_too_long", number=number, n=PAGE_MAX_CHARS, length=len(text))
    from .safety import check_words

    check_words(text, story.language)
    pages = list(story.pages)
    pages[number - 1] = dataclasses.replace(pages[number - 1], text=text)
    return dataclasses.replace(story, pages=pages)
