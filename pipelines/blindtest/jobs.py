"""Quiz jobs run by the worker: the starter pack, AI items for a pack, and the results PDFs."""
from __future__ import annotations

import io
import random
import tempfile
from pathlib import Path

from ..i18n import UserError, translate
from .library import PackLibrary
from .starter import GENRES, INSTRUMENTS, MOODS, build_starter

ASKS = ("ai_or_human", "mood", "genre", "instrument")


def starter_job(params: dict, ctx) -> dict:
    """Make (or remake) the starter pack in the library, in the chosen language."""
    language = params.get("language", "fr")
    library = PackLibrary()
    pack = build_starter(library.root / f"starter-{language}", language, int(params.get("seed", 7)), ctx.progress)
    return {"files": {}, "artifact": None, "pack": pack.folder.name, "items": len(pack.items)}


def music_item_job(params: dict, ctx) -> dict:
    """Compose a clip with a music backend and add it to a pack as a question."""
    from ..music.api import compose

    library = PackLibrary()
    folder = library.folder(params["pack"])
    language = PackLibrary._manifest(folder).get("language") or params.get("language", "fr")
    ask = params.get("ask", "mood")
    if ask not in ASKS:
        raise ValueError(f"ask must be one of {ASKS} but is {ask!r}.")
    mood, genre, instrument = params["mood"], params.get("genre") or None, params.get("instrument") or None
    seed = int(params.get("seed", random.randrange(10**6)))
    music = compose(mood, float(params.get("seconds", 10)), seed, genre=genre, instrument=instrument,
                    backend=params.get("backend") or None, loop=False,
                    progress=lambda f, m="": ctx.progress(0.9 * f, m))
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(music.write(tmp, "clip")["mp3"]).read_bytes()

    def word(group: str, name: str) -> str:
        return translate(f"quiz.starter.{group}.{name}", language)

    model = music.details.get("model") or translate("quiz.starter.model_composer", language)
    truth = "ai" if music.ai_made else "program"
    if ask == "ai_or_human" and truth == "program":  # neither "AI" nor "human" would be a true answer
        raise UserError("quiz.builder.err_program_ai_or_human")
    item = {"id": f"{ask}-{mood}", "media": "audio", "truth": truth, "model": model, "prompt": music.prompt,
            "explanation": params.get("explanation", "")}
    rng = random.Random(seed)
    if ask == "ai_or_human":
        item["mode"] = "ai_or_human"
    else:
        real = {"mood": mood, "genre": genre, "instrument": instrument}[ask]
        if not real:
            raise UserError("quiz.builder.err_ask_needs", what=translate(f"quiz.builder.ask_{ask}", language))
        pool = [x for x in {"mood": MOODS, "genre": GENRES, "instrument": INSTRUMENTS}[ask] if x != real]
        rng.shuffle(pool)
        item.update(mode="music", question=translate(f"quiz.starter.question_{ask}", language),
                    choices=[word(ask, x) for x in [real] + pool[:3]], answer=0)
    ctx.progress(0.95, "quiz.progress.saving")
    added = library.add_item(folder, item, data, ".mp3")
    return {"files": {}, "artifact": None, "item": added["id"]}


def picture_item_job(params: dict, ctx) -> dict:
    """Redraw an uploaded picture in a comic style and add it to a pack as a "which prompt?" question."""
    from ..safety.uploads import open_picture

    from ..imagegen import stylise

    library = PackLibrary()
    folder = library.folder(params["pack"])
    language = params.get("language", "fr")
    style = params["style"]
    subject = " ".join(str(params.get("subject", "")).split())
    if not subject:
        raise UserError("quiz.builder.err_subject")
    ctx.progress(0.1, "quiz.progress.pictures")
    picture = stylise(open_picture(params["source"]), style)
    picture.thumbnail((1024, 1024))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=88)

    item = {"id": f"{subject}-{style}", "mode": "which_prompt", "media": "image", "truth": "program",
            "model": translate("quiz.starter.model_stylise", language),
            **prompt_question(subject, style, language, params.get("seed", 0), params.get("decoys", []),
                              question="quiz.starter.question_recipe"),
            "credit": params.get("credit", ""), "licence": params.get("licence", ""),
            "explanation": translate(f"quiz.starter.clue_style.{style}", language)}
    ctx.progress(0.9, "quiz.progress.saving")
    added = library.add_item(folder, item, buffer.getvalue(), ".jpg")
    Path(params["source"]).unlink(missing_ok=True)
    return {"files": {}, "artifact": None, "item": added["id"]}


def prompt_question(subject: str, style: str, language: str, seed, decoys: list[str],
                    question: str = "quiz.starter.question_prompt") -> dict:
    """A "which prompt made this?" question: the real prompt (subject + style) first, then decoys that
    change the style, the subject, or both. `question` is the locale key of the question asked (a CPU
    program gets "which instructions?", not "which prompt?")."""
    from ..imagegen import STYLES

    def phrase(name: str) -> str:
        key = f"quiz.starter.style.{name}"
        text = translate(key, language)
        return text if not text.startswith("[") else name

    others = [s for s in STYLES if s != style and not phrase(s).startswith("[")]
    rng = random.Random(seed)
    rng.shuffle(others)
    decoy_subjects = [s for s in decoys if s.strip()] or \
        [translate(f"quiz.starter.subject.{s}", language) for s in ("cat", "rocket", "coffee")]
    choices = [f"{subject}, {phrase(style)}", f"{subject}, {phrase(others[0])}",
               f"{decoy_subjects[0]}, {phrase(style)}", f"{decoy_subjects[-1]}, {phrase(others[1])}"]
    return {"prompt": choices[0], "question": translate(question, language),
            "choices": list(dict.fromkeys(choices)), "answer": 0}


def generated_picture_item_job(params: dict, ctx) -> dict:
    """A picture drawn by the studio's text->image AI from a sentence, added to a pack as a "which prompt?"
    question (the sentence is the real prompt) or an "AI or human?" one.

    params: pack, subject (the sentence), style, ask ("which_prompt" | "ai_or_human"), seed, backend,
    decoys (other subjects for the wrong answers), language."""
    from ..imagegen.generate import AI_LABEL, ImageRequest, generate_image

    library = PackLibrary()
    folder = library.folder(params["pack"])
    language = PackLibrary._manifest(folder).get("language") or params.get("language", "fr")
    subject = " ".join(str(params.get("subject", "")).split())
    if not subject:
        raise UserError("quiz.builder.err_subject")
    ask = params.get("ask", "which_prompt")
    if ask not in ("which_prompt", "ai_or_human"):
        raise ValueError(f"ask must be 'which_prompt' or 'ai_or_human' but is {ask!r}.")
    seed = int(params["seed"]) if params.get("seed") is not None else random.randrange(2**31)
    request = ImageRequest(prompt=subject, style=params.get("style") or None, seed=seed,
                           backend=params.get("backend") or None, language=language)
    made = generate_image(request, progress=lambda f, m="": ctx.progress(0.9 * f, m), store=ctx.store,
                          workshop_id=ctx.workshop_id, participant_id=ctx.owner)
    if made.flagged:  # the safety checker replaced it: a calm sky is no quiz question
        raise UserError("imagegen.flagged")
    item = {"id": f"{subject}-{made.style}", "media": "image", "truth": "ai", "model": made.model,
            "explanation": translate(f"quiz.starter.clue_style.{made.style}", language)}
    if ask == "which_prompt":
        item.update(mode="which_prompt", **prompt_question(subject, made.style, language, seed,
                                                            params.get("decoys", [])))
    else:
        item.update(mode="ai_or_human", prompt=subject)
    ctx.progress(0.95, "quiz.progress.saving")
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    for key, value in {**made.metadata, AI_LABEL: "yes"}.items():
        info.add_text(key, str(value))
    buffer = io.BytesIO()
    made.image.save(buffer, format="PNG", pnginfo=info)
    added = library.add_item(folder, item, buffer.getvalue(), ".png")
    return {"files": {}, "artifact": None, "item": added["id"], "seed": seed, "model": made.model}


def results_job(params: dict, ctx) -> dict:
    """The results PDF (scoreboard, who spotted the AI) and the certificates of a finished game."""
    from .results import write_certificates, write_results

    ctx.progress(0.1, "quiz.progress.results")
    results = write_results(int(params["game_id"]), ctx.out_dir / "quiz-results.pdf", params.get("language", "fr"))
    ctx.progress(0.5, "quiz.progress.certificates")
    certificates = write_certificates(int(params["game_id"]), ctx.out_dir / "quiz-certificates.pdf",
                                      params.get("language", "fr"), teams=bool(params.get("teams")))
    return {"files": {"results": str(results), "certificates": str(certificates)},
            "artifact": {"kind": "quiz.results", "title": params.get("title", ""), "files": ["results", "certificates"],
                         "params": {"game_id": params["game_id"]}, "ai_made": False}}
