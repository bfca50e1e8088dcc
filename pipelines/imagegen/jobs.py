"""Job kinds of the picture area: `imagegen.generate` (AI picture) and `imagegen.stylise` (CPU comic look).

params of imagegen.generate (plain JSON): prompt, style, seed, steps, width, height,
init_image (path of a drawing) + strength, character (hero's description, reused across
panels), backend (name), language. Result: files {"image": PNG}, an 'image' artifact made by AI,
and extras seed, steps, backend, engine (what computed it, e.g. "OpenVINO bf16"), model, flagged
(+ message_key when the picture was replaced).
"""
from __future__ import annotations

from pathlib import Path

from ..i18n import UserError
from .generate import AI_LABEL, ImageRequest, generate_image, load_drawing, request_summary, save_png
from .styles import get_style


def generate_job(params: dict, ctx) -> dict:
    """Draw one picture in the worker, with progress per denoising step."""
    request = ImageRequest.from_params(params)
    result = generate_image(request, progress=ctx.progress, store=ctx.store, workshop_id=ctx.workshop_id)
    ctx.progress(0.96, "imagegen.progress.saving")
    path = save_png(result.image, Path(ctx.out_dir) / "image.png", result.metadata)
    extras = {"seed": result.seed, "steps": result.steps, "backend": result.backend, "engine": result.engine,
              "model": result.model, "flagged": result.flagged, "seconds": round(result.seconds, 2)}
    if result.flagged:
        extras["message_key"] = "imagegen.flagged"
    return {
        "files": {"image": str(path)},
        "artifact": {"kind": "image", "title": request.prompt[:80], "prompt": request.prompt, "model": result.model,
                     "seed": result.seed, "ai_made": True, "params": request_summary(request), "files": ["image"]},
        **extras,
    }


def stylise_job(params: dict, ctx) -> dict:
    """A drawing redrawn with ink, flat colours and halftone dots (no AI; params: image, style)."""
    from .stylise import stylise

    unknown = set(params) - {"image", "style"}
    if unknown:
        raise ValueError(f"Unknown stylise fields {sorted(unknown)}; valid ones are ['image', 'style'].")
    if not params.get("image") or not Path(params["image"]).is_file():
        raise UserError("imagegen.errors.drawing_missing", path=params.get("image", ""))
    style = get_style(params.get("style")).name
    ctx.progress(0.1, "imagegen.progress.stylising")
    picture = stylise(load_drawing(params["image"]), style)
    ctx.progress(0.9, "imagegen.progress.saving")
    path = save_png(picture, Path(ctx.out_dir) / "image.png", {"Software": "Atelier", "Style": style,
                                                               AI_LABEL: "no (stylised on the processor)"})
    return {"files": {"image": str(path)},
            "artifact": {"kind": "image", "title": style, "prompt": "", "model": "", "seed": None,
                         "ai_made": False, "params": {"style": style}, "files": ["image"]},
            "style": style}
