"""The starter pack, made on this machine by the studio's own CPU engines (no model weights).

- "Which instructions?" pictures: free photos shipped with scikit-image (CC0 / public domain) and a
  picture drawn here, redrawn by the comic stylisation (a CPU program, not AI: truth "program"); four
  instructions each (the real one, and decoys changing the subject, the style, or both).
- Music blind test: clips from the procedural composer in several moods, genres and lead
  instruments; players guess the mood, the genre or the instrument, or the prompt of a clip.
"""
from __future__ import annotations

import random
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from ..backends import Progress, no_progress
from ..i18n import translate
from . import pack as packs
from ..commands import pip_install

CLIP_SECONDS = 8.0
PICTURE_SIDE = 768
MOODS = ("calm", "adventure", "mystery", "joy")
GENRES = ("lullaby", "march", "waltz", "jazz", "electro")
INSTRUMENTS = ("piano", "flute", "marimba", "brass", "strings", "clarinet", "musicbox", "synth")


@dataclass(frozen=True)
class Source:
    """A source picture: where it comes from, its credit and licence (kept in the manifest)."""

    subject: str  # key of quiz.starter.subject.*
    file: str  # scikit-image data file, or "" for the picture drawn here
    credit: str  # key of quiz.starter.credit.*
    licence: str
    style: str  # stylisation preset of pipelines.imagegen


SOURCES = (
    Source("cat", "chelsea.png", "skimage_cat", "CC0 1.0", "ligne_claire"),
    Source("coffee", "coffee.png", "skimage_coffee", "CC0 1.0", "aquarelle"),
    Source("rocket", "rocket.jpg", "skimage_rocket", "Public domain", "pop_art"),
    Source("sunset", "", "drawn_here", "CC0 1.0", "crayon"),
    Source("galaxies", "hubble_deep_field.jpg", "skimage_hubble", "Public domain", "manga"),
)
MOOD_CLIPS = (("calm", "flute"), ("adventure", "brass"), ("mystery", "musicbox"), ("joy", "marimba"))
GENRE_CLIPS = (("joy", "jazz"), ("calm", "waltz"), ("adventure", "electro"))
INSTRUMENT_CLIPS = (("calm", "piano"), ("joy", "flute"), ("mystery", "strings"))
PROMPT_CLIPS = (("joy", "marimba"), ("mystery", "clarinet"))


def skimage_picture(name: str) -> Image.Image:
    """One of the sample photos that ship with scikit-image (read from its data folder)."""
    import importlib.util

    spec = importlib.util.find_spec("skimage")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"scikit-image is not installed: {pip_install()}")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / name
    from ..safety.uploads import open_picture

    return open_picture(path)


def drawn_sunset(seed: int, size: tuple[int, int] = (768, 512)) -> Image.Image:
    """A sunset over the sea with a sailing boat, drawn with numpy and PIL (made here, CC0)."""
    rng = np.random.default_rng(seed)
    w, h = size
    horizon = int(h * 0.58)
    y = np.linspace(0, 1, horizon)[:, None]
    top, low = np.array([70, 60, 150]), np.array([255, 170, 80])
    sky = (top * (1 - y) + low * y)[:, None, :].repeat(w, axis=1)
    sea_y = np.linspace(0, 1, h - horizon)[:, None, None]
    sea = (np.array([40, 90, 150]) * (1 - sea_y) + np.array([10, 40, 80]) * sea_y).repeat(w, axis=1)
    pixels = np.concatenate([sky, sea]).astype(np.uint8)
    image = Image.fromarray(pixels, "RGB")
    draw = ImageDraw.Draw(image)
    sun_x, r = int(w * rng.uniform(0.3, 0.7)), int(h * 0.12)
    draw.ellipse((sun_x - r, horizon - r, sun_x + r, horizon + r), fill=(255, 220, 120))
    image.paste(Image.fromarray(pixels[horizon:], "RGB"), (0, horizon))  # the sea hides the sun's lower half
    for row in range(horizon + 6, h, 14):  # glittering waves
        for x in range(0, w, 40):
            shift = int(rng.integers(0, 30))
            shine = (255, 200, 120) if abs(x - sun_x) < r * 1.5 else (90, 140, 190)
            draw.arc((x + shift, row, x + shift + 30, row + 8), 200, 340, fill=shine, width=2)
    boat_x, boat_y = int(w * 0.22), horizon + 40
    draw.polygon([(boat_x, boat_y), (boat_x + 90, boat_y), (boat_x + 75, boat_y + 18), (boat_x + 12, boat_y + 18)],
                 fill=(60, 30, 20))
    draw.polygon([(boat_x + 45, boat_y - 80), (boat_x + 45, boat_y - 4), (boat_x + 88, boat_y - 4)],
                 fill=(250, 245, 235))
    return image


def _source_picture(source: Source, seed: int) -> Image.Image:
    image = drawn_sunset(seed) if not source.file else skimage_picture(source.file)
    image.thumbnail((PICTURE_SIDE, PICTURE_SIDE), Image.Resampling.LANCZOS)
    return image


def _four(real: str, others: list[str], rng: random.Random) -> list[str]:
    """The real value first, then three different others (the game shuffles them)."""
    pool = [o for o in others if o != real]
    rng.shuffle(pool)
    return [real] + pool[:3]


class StarterBuilder:
    """Writes the starter pack's media and manifest into a folder, in the pack's language."""

    def __init__(self, folder: Path, language: str, seed: int, progress: Progress):
        self.folder, self.language, self.seed, self.progress = Path(folder), language, seed, progress
        self.rng = random.Random(seed)
        self.items: list[dict] = []
        (self.folder / "media").mkdir(parents=True, exist_ok=True)

    def t(self, key: str, **params) -> str:
        return translate(f"quiz.starter.{key}", self.language, **params)

    def build(self) -> dict:
        steps = len(SOURCES) + len(MOOD_CLIPS) + len(GENRE_CLIPS) + len(INSTRUMENT_CLIPS) + len(PROMPT_CLIPS)
        done = 0
        for source in SOURCES:
            self.picture_item(source)
            done += 1
            self.progress(done / steps, "quiz.progress.pictures")
        for group, clips in (("mood", MOOD_CLIPS), ("genre", GENRE_CLIPS), ("instrument", INSTRUMENT_CLIPS),
                             ("prompt", PROMPT_CLIPS)):
            for mood, other in clips:
                self.music_item(group, mood, other)
                done += 1
                self.progress(done / steps, "quiz.progress.music")
        manifest = {**packs.new_manifest(self.t("title"), self.language), "items": self.items,
                    "description": self.t("description")}
        packs.write_manifest(self.folder, manifest)
        return manifest

    def picture_item(self, source: Source) -> None:
        from ..imagegen import stylise

        picture = stylise(_source_picture(source, self.seed), source.style)
        name = f"media/{source.subject}-{source.style}.jpg".replace("_", "-")
        picture.save(self.folder / name, format="JPEG", quality=88)
        subjects = [s.subject for s in SOURCES]
        styles = [s.style for s in SOURCES]
        other_subject = self.rng.choice([s for s in subjects if s != source.subject])
        other_style = self.rng.choice([s for s in styles if s != source.style])
        third_subject = self.rng.choice([s for s in subjects if s not in (source.subject, other_subject)])
        third_style = self.rng.choice([s for s in styles if s != source.style])

        def prompt(subject: str, style: str) -> str:
            return f"{self.t('subject.' + subject)}, {self.t('style.' + style)}"

        self.items.append({
            "id": f"{source.subject}-{source.style}".replace("_", "-"), "mode": "which_prompt", "media": "image",
            "file": name, "truth": "program", "model": self.t("model_stylise"),
            "prompt": prompt(source.subject, source.style), "question": self.t("question_recipe"),
            "choices": [prompt(source.subject, source.style), prompt(other_subject, source.style),
                        prompt(source.subject, other_style), prompt(third_subject, third_style)],
            "answer": 0, "credit": self.t("credit." + source.credit), "licence": source.licence,
            "explanation": self.t("clue_style." + source.style)})

    def tonality(self, details: dict) -> str:
        """'F major' from the composer, said in the pack's language ('fa majeur')."""
        note, _, mode = str(details.get("key", "")).partition(" ")
        if not note:
            return "?"
        return self.t("tonality", note=self.t("note." + note.replace("#", "s")),
                      mode=self.t("mode." + mode.replace(" ", "_")))

    def music_item(self, group: str, mood: str, other: str) -> None:
        from ..music.api import compose

        genre = other if group == "genre" else None
        instrument = None if group == "genre" else other
        seed = self.rng.randrange(10**6)
        music = compose(mood, CLIP_SECONDS, seed, genre=genre, instrument=instrument, backend="composer", loop=False)
        stem = f"{group}-{mood}-{other}"
        with tempfile.TemporaryDirectory() as tmp:
            written = music.write(tmp, stem)
            shutil.copyfile(written["mp3"], self.folder / "media" / f"{stem}.mp3")
        details = music.details
        clue = self.t("clue_music", tempo=int(round(details.get("tempo", 0))), tonality=self.tonality(details))
        item = {"id": stem, "media": "audio", "file": f"media/{stem}.mp3", "truth": "program",
                "model": self.t("model_composer"), "explanation": clue}
        if group == "mood":
            labels = _four(mood, list(MOODS), self.rng)
            item.update(mode="music", question=self.t("question_mood"),
                        choices=[self.t("mood." + m) for m in labels], answer=0)
        elif group == "genre":
            labels = _four(other, list(GENRES), self.rng)
            item.update(mode="music", question=self.t("question_genre"),
                        choices=[self.t("genre." + g) for g in labels], answer=0)
        elif group == "instrument":
            labels = _four(other, list(INSTRUMENTS), self.rng)
            item.update(mode="music", question=self.t("question_instrument"),
                        choices=[self.t("instrument." + i) for i in labels], answer=0)
        else:
            moods = [m for m in MOODS if m != mood]
            instruments = [i for i in INSTRUMENTS if i != other]
            decoys = [(self.rng.choice(moods), other), (mood, self.rng.choice(instruments)),
                      (self.rng.choice(moods), self.rng.choice(instruments))]
            phrases = [self.t("music_prompt", mood=self.t("mood_word." + m), instrument=self.t("with." + i))
                       for m, i in [(mood, other)] + decoys]
            item.update(mode="which_prompt", question=self.t("question_recipe_music"), prompt=phrases[0],
                        choices=list(dict.fromkeys(phrases)), answer=0)
            if len(item["choices"]) < 4:  # two decoys happened to match: keep the pack valid with what is left
                item["choices"] = item["choices"][:max(2, len(item["choices"]))]
        self.items.append(item)


def build_starter(folder: Path, language: str = "fr", seed: int = 7, progress: Progress = no_progress) -> packs.Pack:
    """Make the starter pack in `folder` (replaced atomically) and return it, checked."""
    folder = Path(folder)
    tmp = folder.with_name(f".{folder.name}.part")
    shutil.rmtree(tmp, ignore_errors=True)
    StarterBuilder(tmp, language, seed, progress).build()
    packs.load_folder(tmp)  # never install a starter pack that would not play
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return packs.load_folder(folder)


def starter_zip(out: Path, language: str = "fr", seed: int = 7, progress: Progress = no_progress) -> Path:
    """The starter pack as a zip (for `python -m pipelines quiz starter --out pack.zip`)."""
    with tempfile.TemporaryDirectory() as tmp:
        pack = build_starter(Path(tmp) / "starter", language, seed, progress)
        return packs.build_zip(pack.folder, out)
