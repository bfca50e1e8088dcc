"""The template writer (capability story.write, CPU, no weights): a story grammar, FR and EN written natively."""
from __future__ import annotations

import hashlib
import random

from ..backends import Backend, Progress, no_progress
from .contract import WriteRequest
from .grammar import en_article, fr_forms, lexicon, render
from .spec import Page, Story, StorySpec, capitalised

REQUIRED = ("intro", "meet", "object", "problem", "solution", "end")
MIDDLE = ("path", "obstacle", "friend", "doubt", "snack", "night")
# Shorter books merge beats two by two so that every choice still appears.
SHORT_PLANS = {4: [("intro", "meet"), ("object", "problem"), ("solution",), ("end",)],
               5: [("intro",), ("meet",), ("object", "problem"), ("solution",), ("end",)]}
# Sentences per page by reading age: the short core, then the longer detail sentences.
MORE_SENTENCES = {"4-6": 0, "7-8": 1, "9-10": 2}
BEAT_MOODS = {"meet": "joy", "object": "mystery", "problem": "mystery", "solution": "joy", "path": "adventure",
              "obstacle": "adventure", "friend": "joy", "doubt": "mystery", "snack": "joy", "night": "calm"}


def plan(pages: int, rng: random.Random) -> list[tuple[str, ...]]:
    """Which beats go on which page, for a book of `pages` pages (4-12)."""
    if pages in SHORT_PLANS:
        return SHORT_PLANS[pages]
    extra = sorted(rng.sample(range(len(MIDDLE)), pages - len(REQUIRED)))
    middle = [(MIDDLE[i],) for i in extra]
    return [("intro",), ("meet",), ("object",), ("problem",)] + middle + [("solution",), ("end",)]


def story_seed(spec: StorySpec) -> int:
    """A seed from the choices, so that the same choices give the same story and others differ."""
    key = "|".join(str(x) for x in (spec.hero_name, spec.hero, spec.companion, spec.place, spec.object,
                                    spec.problem, spec.tone, spec.pages, spec.seed))
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")


# Marks around every mention of a character in a "marked" story (for the coherence checker,
# pipelines/story/coherence.py): digits, so that capitalisation and elision leave them alone.
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
MARKS = {"hero": "1", "companion": "2", "object": "3", "hero_pronoun": "4", "companion_pronoun": "5",
         "object_pronoun": "6", "group": "7"}
_MARKED_KEYS = {
    "fr": {"hero": ("nom", "un_heros"), "hero_pronoun": ("il", "lui"), "companion": ("le_c", "un_c", "du_c", "au_c",
           "c"), "companion_pronoun": ("ilc", "luic"), "object": ("le_o", "un_o", "du_o", "au_o", "o"),
           "object_pronoun": ("ilo",), "group": ("ils", "eux")},
    "en": {"hero": ("name", "hero", "a_hero"), "hero_pronoun": ("he", "his", "him"),
           "companion": ("c", "the_c", "a_c"), "companion_pronoun": ("hec", "hisc", "himc"),
           "object": ("o", "the_o", "a_o")},
}
# Words of the place (hiding places, obstacles, friends, skies...) and of the object at work (solutions).
_PLACE_WORDS = {"fr": ("cachette", "avancent", "decouvertes", "obstacle", "repos", "gris", "bleu", "reperes",
                       "tempete"),
                "en": ("hiding", "go", "finds", "obstacle", "rest", "grey", "blue", "landmarks", "storm")}


def _mark(ctx: dict[str, str], language: str) -> None:
    for kind, keys in _MARKED_KEYS[language].items():
        for key in keys:
            for variant in (key, key[:1].upper() + key[1:]):
                if variant in ctx:
                    ctx[variant] = f"{MARK_OPEN}{MARKS[kind]}{ctx[variant]}{MARK_CLOSE}"


def context(spec: StorySpec, marked: bool = False) -> tuple[dict[str, str], dict[str, str]]:
    """Every word a template may use, and the genders for agreement, in the spec's language.

    marked=True wraps each mention of the hero, companion and object (names, nouns, pronouns) in
    MARK_OPEN + MARKS[kind] + text + MARK_CLOSE, for the coherence checker."""
    spec = spec.checked()
    lex = lexicon(spec.language)
    comp = lex["companions"][spec.companion]
    place, obj = lex["places"][spec.place], lex["objects"][spec.object]
    name, gender = spec.hero_name, spec.hero_gender
    noun = hero_noun(spec.language, spec.hero, gender)
    if spec.language == "fr":
        genders = {"H": gender, "C": comp["gender"], "O": obj["gender"], "L": place["gender"],
                   "N": "f" if gender == comp["gender"] == "f" else "m"}
        ctx = {"nom": name, "un_heros": fr_forms(noun, gender, "h")["un_h"],
               "il": "elle" if genders["H"] == "f" else "il", "lui": "elle" if genders["H"] == "f" else "lui",
               "ilc": "elle" if genders["C"] == "f" else "il", "luic": "elle" if genders["C"] == "f" else "lui",
               "ilo": "elle" if genders["O"] == "f" else "il",
               "ils": "elles" if genders["N"] == "f" else "ils", "eux": "elles" if genders["N"] == "f" else "eux",
               "dans_l": place["in"], "ami_un": place["ami_un"], "ami_le": place["ami_le"]}
        ctx.update(fr_forms(comp["noun"], comp["gender"], "c", aspire=comp.get("aspire", False)))
        ctx.update(fr_forms(place["noun"], place["gender"], "l"))
        ctx.update(fr_forms(obj["noun"], obj["gender"], "o"))
        phrases = {"trait_c": comp["trait"], "decor_l": place["decor"], "pouvoir_o": obj["power"],
                   "traverse_l": place["traverse"], "agit_o": lex["solutions"][spec.problem][spec.object]}
    else:
        genders = {"H": "m", "C": "m", "O": "m", "L": "m", "N": "m"}
        he, hec = ("she" if gender == "f" else "he"), comp["pronoun"]
        his = {"he": "his", "she": "her"}
        him = {"he": "him", "she": "her"}
        ctx = {"name": name, "hero": noun, "a_hero": f"{en_article(noun)} {noun}",
               "he": he, "his": his[he], "him": him[he], "hec": hec, "hisc": his[hec], "himc": him[hec],
               "c": comp["noun"], "the_c": f"the {comp['noun']}", "a_c": f"{en_article(comp['noun'])} {comp['noun']}",
               "the_l": f"the {place['noun']}", "in_l": place["in"],
               "o": obj["noun"], "the_o": f"the {obj['noun']}", "a_o": f"{en_article(obj['noun'])} {obj['noun']}",
               "a_friend": place["a_friend"], "the_friend": place["the_friend"]}
        phrases = {"trait_c": comp["trait"], "decor_l": place["decor"], "power_o": obj["power"],
                   "cross_l": place["cross"], "act_o": lex["solutions"][spec.problem][spec.object]}
    ctx.update({f"{word}_l": place[word] for word in _PLACE_WORDS[spec.language]})
    for key in [k for k in ctx if k[:1].islower()]:
        ctx.setdefault(key[0].upper() + key[1:], capitalised(ctx[key]))
    if marked:
        _mark(ctx, spec.language)
    for key, text in phrases.items():
        ctx[key] = render(text, ctx, genders, spec.language)
    return ctx, genders


def hero_noun(language: str, hero: str, gender: str) -> str:
    """The hero's noun for the child's choice of gender ("petite oursonne" for a she-bear cub)."""
    entry = lexicon(language)["heroes"][hero]
    return entry.get(f"noun_{gender}", entry["noun"])


def _variants(lex: dict, beat: str, spec: StorySpec) -> list[dict]:
    """The template variants of one beat for this spec (tone- or problem-specific where they exist)."""
    if beat in ("problem", "solution"):
        return [lex["problems"][spec.problem][beat]]
    if beat in MIDDLE:
        return lex["beats"]["middle"][beat]
    found = lex["beats"][beat]
    return found[spec.tone] if isinstance(found, dict) else found


def _scene(spec: StorySpec, beat: str, index: int) -> str:
    en = lexicon("en")
    if beat in ("problem", "solution"):
        return en["problems"][spec.problem][f"scene_{beat}"]
    variants = _variants(en, beat, spec)
    return variants[index % len(variants)].get("scene", "")


def picture_prompt(spec: StorySpec, scene: str) -> str:
    """The English prompt of a page's picture: the book's fixed style and the same hero on every page."""
    en = lexicon("en")
    hero = en["heroes"][spec.hero].get(f"look_{spec.hero_gender}") or en["heroes"][spec.hero]["look"]
    comp = en["companions"][spec.companion]["look"]
    place = en["places"][spec.place]["look"]
    return f"{en['style']}, {hero} and {comp}, {scene}, {place}"


def _mood(beat: str, spec: StorySpec) -> str:
    if beat in ("intro", "end"):
        return "calm" if spec.tone == "calm" else ("adventure" if spec.tone == "adventure" and beat == "intro"
                                                   else "joy")
    if beat == "problem" and spec.problem == "storm":
        return "adventure"
    return BEAT_MOODS.get(beat, "calm")


def sentences_for(variant: dict, reading_age: str) -> list[str]:
    """The template sentences a reader of this age gets: short core, then detail for older readers."""
    return list(variant["s"]) + list(variant.get("more", []))[:MORE_SENTENCES[reading_age]]


def write_story(spec: StorySpec, progress: Progress = no_progress, marked: bool = False) -> Story:
    """Write the whole story from the templates (deterministic for the same choices and seed).

    marked=True: the same story with every mention of a character marked (see `context`)."""
    spec = spec.checked()
    rng = random.Random(story_seed(spec))
    lex = lexicon(spec.language)
    ctx, genders = context(spec, marked)
    pages = []
    beats_per_page = plan(spec.pages, rng)
    for number, beats in enumerate(beats_per_page, start=1):
        texts, scenes = [], []
        for beat in beats:
            variants = _variants(lex, beat, spec)
            index = rng.randrange(len(variants))
            texts += [render(s, ctx, genders, spec.language) for s in sentences_for(variants[index], spec.reading_age)]
            scenes.append(_scene(spec, beat, index))
        pages.append(Page(text=" ".join(texts), mood=_mood(beats[-1], spec),
                          scene=picture_prompt(spec, " and ".join(scenes))))
        progress(number / len(beats_per_page), "story.progress.writing")
    title = spec.title.strip() or render(lex["problems"][spec.problem]["title"], ctx, genders, spec.language)
    return Story(title=title, language=spec.language, pages=pages, author=spec.author or spec.hero_name,
                 writer=TemplateWriter.name, choices=spec.choices())


class TemplateWriter(Backend):
    """Writes the story from the grammar of assets/stories/templates (always available)."""

    name = "story.write.template"
    capability = "story.write"
    label = "story.backends.template"

    def __call__(self, request: WriteRequest) -> Story:
        return write_story(request.spec, request.progress)
