"""Make one picture: check the request, screen the words, draw, check the picture, save it labelled.

Used by the job kind ``imagegen.generate`` (pages), the CLI and the tests; it never imports
streamlit and imports torch only through the backends' load().
"""
from __future__ import annotations

import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter
from PIL.PngImagePlugin import PngInfo

from ..backends import Progress, choose, no_progress
from ..i18n import UserError
from ..params import from_params
from ..safety.prompts import check_text_length
from ..safety.prompts import screen as screen_texts
from .contract import DrawRequest
from .styles import get_style, styled_prompt

MIN_SIDE, MAX_SIDE = 64, 1536
AI_LABEL = "AI-generated"


@dataclass
class ImageRequest:
    """What a page, the CLI or a comic panel asks for (plain JSON fields)."""

    prompt: str
    style: str | None = None
    seed: int | None = None  # None: a new random one (returned with the picture)
    steps: int | None = None  # None: the model's default (1 for Turbo models)
    width: int = 512
    height: int = 512
    init_image: str | None = None  # path of a drawing for drawing->image
    strength: float = 0.6  # how far the AI may move away from the drawing (0.1..1)
    character: str = ""  # the hero's description, the same in every panel (encoded once)
    backend: str | None = None
    language: str = "fr"

    @classmethod
    def from_params(cls, params: dict) -> "ImageRequest":
        return from_params(cls, params, "image request fields")


@dataclass
class GeneratedImage:
    """A picture and how it was made."""

    image: Image.Image
    seed: int
    steps: int
    backend: str
    model: str
    style: str
    engine: str = ""  # what computed it, e.g. "OpenVINO bf16" or "PyTorch fp32"
    flagged: bool = False
    seconds: float = 0.0
    metadata: dict = field(default_factory=dict)


def validate(request: ImageRequest, max_steps: int) -> None:
    """Every field within its range, with a message that names it."""
    if not request.prompt or not request.prompt.strip():
        raise UserError("imagegen.errors.empty_prompt")
    check_text_length(request.prompt)
    check_text_length(request.character)
    get_style(request.style)
    for side in (request.width, request.height):
        if not isinstance(side, int) or not MIN_SIDE <= side <= MAX_SIDE or side % 8:
            raise UserError("imagegen.errors.bad_size", width=request.width, height=request.height,
                            low=MIN_SIDE, high=MAX_SIDE)
    if request.steps is not None and (not isinstance(request.steps, int) or not 1 <= request.steps <= max_steps):
        raise UserError("imagegen.errors.bad_steps", steps=request.steps, high=max_steps)
    if request.seed is not None and (not isinstance(request.seed, int) or isinstance(request.seed, bool)
                                     or not 0 <= request.seed < 2**32):
        raise UserError("imagegen.errors.bad_seed", seed=request.seed)
    if request.init_image is not None:
        if not 0.1 <= float(request.strength) <= 1.0:
            raise UserError("imagegen.errors.bad_strength", strength=request.strength)
        if not Path(request.init_image).is_file():
            raise UserError("imagegen.errors.drawing_missing", path=request.init_image)


def screen(request: ImageRequest, store=None, workshop_id: int | None = None,
           participant_id: int | None = None) -> None:
    """Refuse words unsuitable for children, with the filter's kind sentence (and count it, as `participant_id`'s
    refusal when known)."""
    screen_texts(request.prompt, request.character, language=request.language, store=store, workshop_id=workshop_id,
                 participant_id=participant_id)


def load_drawing(path: str) -> Image.Image:
    """A drawing file through the upload checks (format, size, orientation, no metadata)."""
    from ..safety.uploads import read_studio_file

    return read_studio_file(Path(path).read_bytes(), downscale=True).image


def generate_image(request: ImageRequest, progress: Progress = no_progress, store=None,
                   workshop_id: int | None = None, participant_id: int | None = None) -> GeneratedImage:
    """Draw one picture for a request; raises UserError for anything the user can fix. A refused sentence or a
    replaced picture is counted in `store` for `workshop_id`, as `participant_id`'s (the job's owner) when known."""
    started = time.monotonic()
    # 1. Words first: nothing is loaded for a refused prompt.
    if not request.prompt or not request.prompt.strip():
        raise UserError("imagegen.errors.empty_prompt")
    screen(request, store, workshop_id, participant_id)
    # 2. Choose and load the backend (once per process: it stays resident).
    capability = "imagegen.img2img" if request.init_image else "imagegen.txt2img"
    backend = choose(capability, request.backend)
    facts = backend.facts()
    validate(request, facts.max_steps)
    drawing = load_drawing(request.init_image) if request.init_image else None
    progress(0.02, "imagegen.progress.loading")
    prepare = getattr(backend, "prepare", None)
    if prepare is not None and not backend._loaded:  # first use: conversion for the fastest engine
        prepare(progress)
    backend.ensure_loaded()
    # 3. Draw, reporting every denoising step.
    style = get_style(request.style)
    words, character = model_words(request)
    prompt, negative = styled_prompt(words, style.name)
    chunks = [prompt]
    if character:
        chunks = [f"{character}, {style.prompt}", words]
    seed = request.seed if request.seed is not None else random.randrange(2**31)
    steps = request.steps or facts.steps
    progress(0.08, "imagegen.progress.prompt")
    image = backend(DrawRequest(
        chunks, negative, seed=seed, steps=steps, width=request.width, height=request.height,
        init_image=drawing, strength=float(request.strength),
        on_step=lambda done, total: progress(0.1 + 0.8 * done / total, "imagegen.progress.drawing")))
    # 4. The safety checker, when installed, replaces unsuitable pictures.
    flagged = False
    checker = _safety_checker()
    if checker is not None:
        progress(0.92, "imagegen.progress.checking")
        if checker(image):
            flagged = True
            image = neutral_picture(request.width, request.height, seed)
            if store is not None:
                store.log_event("image_flagged", workshop_id, backend.name, participant_id=participant_id)
    engine = getattr(backend, "made_by", "") or backend.engine
    metadata = {AI_LABEL: "yes", "Software": "Atelier", "Model": facts.model_id, "Backend": backend.name,
                "Engine": engine,
                "Seed": str(seed), "Steps": str(steps), "Style": style.name,
                "Mode": "drawing-to-image" if drawing is not None else "text-to-image",
                "Prompt": request.prompt, "Words for the model": words}
    if flagged:
        metadata["Replaced"] = "the safety checker flagged the picture; a neutral picture replaces it"
    return GeneratedImage(image=image, seed=seed, steps=steps, backend=backend.name, model=facts.model_id,
                          engine=engine, style=style.name, flagged=flagged, seconds=time.monotonic() - started,
                          metadata=metadata)


def model_words(request: ImageRequest) -> tuple[str, str]:
    """(prompt, hero description) as the text encoder reads them: French goes through the
    children's glossary (the encoders were trained on English captions); other languages unchanged."""
    prompt, character = request.prompt.strip(), request.character.strip()
    if request.language == "fr":
        from .glossary import to_english

        prompt, character = to_english(prompt), to_english(character) if character else ""
    return prompt, character


def _safety_checker():
    from ..backends import available

    found = available("imagegen.safety")
    return found[0] if found else None


def save_png(image: Image.Image, path: Path, metadata: dict) -> Path:
    """PNG with text chunks; every picture made by the AI carries the 'AI-generated' label.

    zlib level 1: a 512 px picture is written in about 15-25 ms instead of 60-150 ms at PIL's
    default level 6, for files about 20 % larger (measured for bench/imagegen.py --profile)."""
    info = PngInfo()
    for key, value in metadata.items():
        info.add_text(key, str(value))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG", pnginfo=info, compress_level=1)
    return path


def neutral_picture(width: int, height: int, seed: int = 0) -> Image.Image:
    """A calm sky with soft clouds, shown instead of a picture the safety checker refused."""
    rng = random.Random(seed)
    top, bottom = (170, 210, 240), (235, 245, 255)
    sky = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(sky)
    for y in range(height):
        mix = y / max(1, height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * mix) for a, b in zip(top, bottom)))
    clouds = Image.new("L", (width, height), 0)
    cdraw = ImageDraw.Draw(clouds)
    for _ in range(5):
        cx, cy = rng.uniform(0.1, 0.9) * width, rng.uniform(0.15, 0.7) * height
        r = rng.uniform(0.06, 0.12) * min(width, height)
        for dx in (-1.2, -0.4, 0.4, 1.2):
            cdraw.ellipse([cx + dx * r - r, cy - r * 0.8, cx + dx * r + r, cy + r * 0.8], fill=255)
    clouds = clouds.filter(ImageFilter.GaussianBlur(max(1, min(width, height) / 60)))
    return Image.composite(Image.new("RGB", (width, height), (255, 255, 255)), sky, clouds)


def request_summary(request: ImageRequest) -> dict:
    """The request as plain JSON (stored with the artifact)."""
    return asdict(request)
