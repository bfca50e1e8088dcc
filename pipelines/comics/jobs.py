"""Job kinds of the comics workshop (they run in the worker, never in a page's script run)."""
from __future__ import annotations

from pathlib import Path

from ..store.works import made_of
from .build import build_page
from .page import page_from_dict


def render_job(params: dict, ctx) -> dict:
    """comics.render: params {"page": PAGE.toml shape with absolute image paths, "bleed_mm", "crop_marks",
    "empty_ok": panels with nothing in them print as empty frames (build_page)}."""
    page = page_from_dict(params["page"])
    made = build_page(page, Path(ctx.out_dir), bleed_mm=float(params.get("bleed_mm", 0.0)),
                      crop_marks=bool(params.get("crop_marks", False)), progress=ctx.progress,
                      empty_ok=bool(params.get("empty_ok", False)))
    files = {name: str(path) for name, path in made.files.items()}
    return {
        "files": files,
        "artifact": {"kind": "comic_page", "title": page.title, "prompt": " / ".join(p.prompt for p in page.panels
                                                                                      if p.prompt),
                     "model": "", "seed": None, "ai_made": page.ai_made,
                     # the panels the AI drew (each a picture of the gallery) join the page's card
                     "params": {"layout": page.layout, "panels": len(page.panels),
                                **made_of([p.image for p in page.panels], ctx)},
                     "files": [name for name in files if name in ("pdf", "png")]},
        "warnings": [{"key": key, "params": params} for key, params in made.warnings],
    }


def panel_job(params: dict, ctx) -> dict:
    """comics.panel: a child's drawing stylised on the CPU (ink, flat colours, halftone), or kept as it is.

    params {"drawing": path, "style": preset name or "", "stylise": bool, "find_sheet": bool (default True)};
    result files {"image": png}, and "sheet": True when a sheet of paper was found on a table and straightened.
    """
    from ..safety.uploads import open_picture
    from ..store.files import atomic_path

    from .paper import flatten_sheet

    ctx.progress(0.1, "comics.panel.reading")
    image = open_picture(params["drawing"])
    sheet = False
    if params.get("find_sheet", True):  # a photo of the sheet on a table: the sheet alone, seen from the front
        image, sheet = flatten_sheet(image)
    if params.get("stylise", True):
        from ..imagegen.stylise import stylise

        ctx.progress(0.3, "comics.panel.stylising")
        image = stylise(image, params.get("style") or None)
    target = Path(ctx.out_dir) / "image.png"
    with atomic_path(target) as tmp:
        image.save(tmp, format="PNG")
    ctx.progress(1.0, "comics.panel.done")
    return {"files": {"image": str(target)}, "artifact": None, "sheet": sheet}
