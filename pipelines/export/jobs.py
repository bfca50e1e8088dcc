"""Job kinds of the print shop: a postcards PDF (with a preview), a straightened DVD cover."""
from __future__ import annotations

import subprocess
from pathlib import Path

from .postcard import Postcard, make_postcards, with_copies


def preview_png(pdf: Path, out: Path, page: int = 1, dpi: int = 60) -> Path:
    """One page of a PDF as a PNG (what will really print), with poppler's pdftoppm."""
    stem = out.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(stem)], check=True, capture_output=True, timeout=120)
    return stem.with_suffix(".png")


def make_postcards_job(params: dict, ctx) -> dict:
    """params: cards (list of Postcard fields), copies, sheet, duplex, bleed_mm, crop_marks, flip, made_by (what
    made the front: the creation's model or engine, "" for a person's photo or drawing; the gallery's "how made")."""
    ctx.progress(0.05, "postcards.making")
    cards = []
    for fields in params.get("cards") or []:
        cards += with_copies(Postcard.from_params(fields), int(params.get("copies", 1)))
    ctx.progress(0.2, "postcards.drawing")
    out = ctx.out_dir / "cartes-postales.pdf"
    doc = make_postcards(cards, out, sheet=params.get("sheet", "4up"), duplex=bool(params.get("duplex", True)),
                         bleed_mm=float(params.get("bleed_mm", 0.0)), crop_marks=bool(params.get("crop_marks")),
                         flip=params.get("flip", "long"), fill=bool(params.get("fill", True)))
    ctx.progress(0.8, "postcards.drawing")
    front = preview_png(out, ctx.out_dir / "apercu-recto.png", 1)
    files = {"pdf": str(out), "preview": str(front)}
    if params.get("duplex", True):
        files["preview_back"] = str(preview_png(out, ctx.out_dir / "apercu-verso.png", 2))
    ctx.progress(1.0, "postcards.done")
    title = next((c.title for c in cards if c.title), "")
    return {"files": files,
            "artifact": {"kind": "postcard", "title": title, "prompt": "", "model": params.get("made_by") or "",
                         "seed": None,
                         "ai_made": any(c.ai_made for c in cards), "params": params, "files": ["pdf", "preview"]},
            "warnings": [{"key": w.key, "params": w.params} for w in doc.warnings]}


def straighten_dvd_job(params: dict, ctx) -> dict:
    """params: photo (path), corners (optional, 4 [x, y] in pixels). Writes the flat cover and the proposals."""
    from .dvd import open_cover_photo, straighten_cover

    ctx.progress(0.1, "postcards.straightening")
    cover = straighten_cover(open_cover_photo(params["photo"]), params.get("corners") or None)
    out = ctx.out_dir / "pochette.png"
    cover.image.save(out)
    ctx.progress(1.0, "postcards.done")
    return {"files": {"cover": str(out)}, "artifact": None,
            "corners": [[float(x), float(y)] for x, y in cover.corners],
            "proposals": [{"key": p.key, "orientation": p.orientation, "crop": list(p.crop)} for p in cover.proposals]}
