"""Job kinds of the picture area: `imagegen.generate` (AI picture) and `imagegen.stylise` (CPU comic look).

params of imagegen.generate (plain JSON): prompt, style, seed, steps, width, height,
init_image (path of a drawing) + strength, character (hero's description, reused across
panels), backend (name), language. Result: files {"image": PNG}, an 'image' artifact made by AI,
and extras seed, steps, backend, engine (what computed it, e.g. "OpenVINO bf16"), model, flagged
(+ message_key when the picture was replaced).
A participant's picture in a workshop that asks for it waits for the facilitator's OK
(safety/approvals.py): then no artifact, and ``review: "pending"``.
"""
from __future__ import annotations

from pathlib import Path

from ..i18n import UserError
from ..safety import approvals
from .generate import AI_LABEL, ImageRequest, generate_image, load_drawing, request_summary, save_png
from .styles import get_style


def generate_job(params: dict, ctx) -> dict:
    """Draw one picture in the worker, with progress per denoising step."""
    request = ImageRequest.from_params(params)
    result = generate_image(request, progress=ctx.progress, store=ctx.store, workshop_id=ctx.workshop_id,
                            participant_id=ctx.owner)
    ctx.progress(0.96, "imagegen.progress.saving")
    path = save_png(result.image, Path(ctx.out_dir) / "image.png", result.metadata)
    extras = {"seed": result.seed, "steps": result.steps, "backend": result.backend, "engine": result.engine,
              "model": result.model, "flagged": result.flagged, "seconds": round(result.seconds, 2)}
    if result.flagged:
        extras["message_key"] = "imagegen.flagged"
    artifact = {"kind": "image", "title": request.prompt[:80], "prompt": request.prompt, "model": result.model,
                "seed": result.seed, "ai_made": True, "params": request_summary(request), "files": ["image"]}
    if ctx.owner is not None and approvals.required(ctx.store, ctx.workshop_id):
        # a child's picture waits for the facilitator's OK: no artifact (gallery, prints) until approved
        approvals.hold(ctx.store, ctx.job_id, ctx.workshop_id, ctx.owner, artifact)
        return {"files": {"image": str(path)}, "review": "pending", **extras}
    return {"files": {"image": str(path)}, "artifact": artifact, **extras}


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
            "artifact": {"kind": "image", "title": style, "prompt": "", "model": "imagegen.stylise", "seed": None,
                         "ai_made": False, "params": {"style": style}, "files": ["image"]},
            "style": style}


def compare_int8_job(params: dict, ctx) -> dict:
    """imagegen.compare_int8 (models page): int8 weights of a converted SD model's UNet (NNCF, made once),
    then the comparison pictures against the CPU's precision. params {"model": catalogue id}; result
    {"check": {"psnr_db", "tolerance_db", "passed", "reference", ...}} (also kept beside the IR)."""
    from ..models.manager import ModelManager
    from .model import ModelFacts
    from .openvino_engine import INT8_PART, TAESD_PARTS, compare_int8, compress_installed, ir_files, parts_of

    unknown = set(params) - {"model"}
    if unknown or not params.get("model"):
        raise ValueError(f"compare_int8 takes {{'model': id}} but got {sorted(params)}.")
    manager = ModelManager()
    facts = ModelFacts.from_entry(manager.entry(params["model"]))
    if not manager.derived_ready(facts.model_id, ir_files((INT8_PART,))):
        compress_installed(facts.model_id, report=lambda f, key: ctx.progress(0.4 * f, key), manager=manager)
    parts = parts_of(manager.entry(facts.model_id))
    folder = manager.verified_derived(facts.model_id, ir_files(parts + (INT8_PART,)))
    decoder = manager.verified_derived(facts.decoder_id, ir_files(TAESD_PARTS))
    check = compare_int8(folder, facts, decoder, report=lambda f, key: ctx.progress(0.4 + 0.6 * f, key))
    return {"files": {}, "artifact": None, "check": check}
