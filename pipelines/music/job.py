"""The music.compose job: runs compose() in the worker and stores music.wav + music.mp3 as a 'music' artifact."""
from __future__ import annotations

from ..config import settings
from ..i18n import UserError, translate
from .api import compose

PARAMS = ("mood", "seconds", "seed", "backend", "genre", "instrument", "prompt", "story", "loop", "title")


def _text(params: dict, name: str, limit: int = 2000) -> str:
    value = params.get(name) or ""
    if not isinstance(value, str):
        raise UserError("music.errors.param", name=name, value=str(value)[:40], expected="text")
    return value[:limit]


def compose_job(params: dict, ctx) -> dict:
    """Job function: params {mood, seconds, seed, backend, genre, instrument, prompt, story, loop, title}."""
    unknown = sorted(set(params) - set(PARAMS))
    if unknown:
        raise UserError("music.errors.param", name=", ".join(unknown), value="?", expected=", ".join(PARAMS))
    mood = params.get("mood") or "calm"
    try:
        seed = int(params.get("seed") or 0)
    except (TypeError, ValueError):
        raise UserError("music.errors.param", name="seed", value=str(params.get("seed"))[:40],
                        expected="a whole number") from None
    music = compose(mood, params.get("seconds", 20), seed, genre=params.get("genre") or None,
                    instrument=params.get("instrument") or None, backend=params.get("backend") or None,
                    prompt=_text(params, "prompt"), story=_text(params, "story"), loop=bool(params.get("loop", True)),
                    progress=ctx.progress)
    ctx.progress(0.97, "music.progress.saving")
    files = music.write(ctx.out_dir, "music")
    title = _text(params, "title", 120) or translate(f"music.moods.{mood}", settings().language)
    model = music.model
    details = {"seconds": music.seconds, "sample_rate": music.sample_rate, "loop": music.loop,
               "backend": music.backend, **music.details}
    return {
        "files": files,
        "artifact": {"kind": "music", "title": title, "prompt": music.prompt, "model": model, "seed": seed,
                     "ai_made": music.ai_made, "files": ["mp3", "wav"],
                     "params": {"mood": mood, "genre": params.get("genre"), "instrument": params.get("instrument"),
                                **details}},
        "music": details,
    }
