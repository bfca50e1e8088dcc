"""The template writer (capability story.write, CPU, no weights): a story grammar, FR and EN written natively."""
from __future__ import annotations

import hashlib
import random

from ..backends import Backend, Progress, no_progress
from .contract import WriteRequest
from .grammar import en_article, fr_forms, lexicon, render
from .spec import Page, Story, StorySpec

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


def context(spec: StorySpec) -> tuple[dict[str, str], dict[str, str]]:
    """Every word a template may use, and the genders for agreement, in the spec's language."""
    lex = lexicon(spec.language)
    hero, comp = lex["heroes"][spec.hero], lex["companions"][spec.companion]
    place, obj = lex["places"][spec.place], lex["objects"][spec.object]
    name = spec.hero_name
    if spec.language == "fr":
        genders = {"H": hero["gender"], "C": comp["gender"], "O": obj["gender"], "L": place["gender"],
                   "N": "f" if hero["gender"] == comp["gender"] == "f" else "m"}
        ctx = {"nom": name, "un_heros": fr_forms(hero["noun"], hero["gender"], "h")["un_h"],
               "il": "elle" if genders["H"] == "f" else "il", "lui": "elle" if genders["H"] == "f" else "lui",
               "ilc": "elle" if genders["C"] == "f" else "il", "luic": "elle" if genders["C"] == "f" else "lui",
               "ilo": "elle" if genders["O"] == "f" else "il",
               "ils": "elles" if genders["N"] == "f" else "ils", "eux": "elles" if genders["N"] == "f" else "eux",
               "dans_l": place["in"]}
        ctx.update(fr_forms(comp["noun"], comp["gender"], "c", aspire=comp.get("aspire", False)))
        ctx.update(fr_forms(place["noun"], place["gender"], "l"))
        ctx.update(fr_forms(obj["noun"], obj["gender"], "o"))
        phrases = {"trait_c": comp["trait"], "decor_l": place["decor"], "pouvoir_o": obj["power"]}
    else:
        genders = {"H": "m", "C": "m", "O": "m", "L": "m", "N": "m"}
        he, hec = hero["pronoun"], comp["pronoun"]
        his = {"he": "his", "she": "her"}
        him = {"he": "him", "she": "her"}
        ctx = {"name": name, "hero": hero["noun"], "a_hero": f"{en_article(hero['noun'])} {hero['noun']}",
               "he": he, "his": his[he], "him": him[he], "hec": hec, "hisc": his[hec], "himc": him[hec],
               "c": comp["noun"], "the_c": f"the {comp['noun']}", "a_c": f"{en_article(comp['noun'])} {comp['noun']}",
               "the_l": f"the {place['noun']}", "in_l": place["in"],
               "o": obj["noun"], "the_o": f"the {obj['noun']}", "a_o": f"{en_article(obj['noun'])} {obj['noun']}"}
        phrases = {"trait_c": comp["trait"], "decor_l": place["decor"], "power_o": obj["power"]}
    for key in [k for k in ctx if k[:1].islower()]:
        ctx.setdefault(key[0].upper() + key[1:], ctx[key][:1].upper() + ctx[key][1:])
    for key, text in phrases.items():
        ctx[key] = render(text, ctx, genders, spec.language)
    return ctx, genders


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
    hero, comp = en["heroes"][spec.hero]["look"], en["companions"][spec.companion]["look"]
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


def write_story(spec: StorySpec, progress: Progress = no_progress) -> Story:
    """Write the whole story from the templates (deterministic for the same choices and seed)."""
    spec = spec.checked()
    rng = random.Random(story_seed(spec))
    lex = lexicon(spec.language)
    ctx, genders = context(spec)
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
    return Story(title=title, language=spec.language, pages=pages, author=spec.hero_name,
                 writer=TemplateWriter.name, choices=spec.choices())


class TemplateWriter(Backend):
    """Writes the story from the grammar of assets/stories/templates (always available)."""

    name = "story.write.template"
    capability = "story.write"
    label = "story.backends.template"

    def __call__(self, request: WriteRequest) -> Story:
        return write_story(request.spec, request.progress)
