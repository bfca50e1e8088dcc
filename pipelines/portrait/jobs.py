"""Job kinds of the portrait workshop (run in the worker).

- portrait.frame: params source (image path), crop ([x, y, w, h] in photo pixels, optional).
  Files: framed (the 4:5 portrait), photo (the clean upload, at most make.WORK_MEGAPIXELS: crop and photo_size
  are in its pixels). Extras: face ([x, y, w, h] in the framed picture or None), found_face, crop, photo_size,
  small (the crop is too few pixels high for a sharp print: make.SMALL_CROP).
- portrait.paint: params framed, face, style, strength, seed, backend, sitter, sitter_agrees.
  Refused without recorded consent. Files: portrait, before. Artifact "portrait" (gallery).
- portrait.print: params portrait, style, sitter, ai_made, model, size (A5/A4), language, made_on.
  Files: pdf (framed portrait + cartel), preview, postcard (A6 PDF through the postcard engine).
  Artifact "portrait_print" (gallery).
- portrait.samples: the painter cards' samples, painted once into the data dir.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from ..i18n import UserError
from ..safety.uploads import read_studio_file
from .framing import Box


def _read(path: str) -> np.ndarray:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UserError("portrait.errors.photo_missing") from None
    from .make import WORK_MEGAPIXELS

    return np.asarray(read_studio_file(data, downscale=True, fit_megapixels=WORK_MEGAPIXELS).image.convert("RGB"))


def frame_job(params: dict, ctx) -> dict:
    import shutil

    from ..safety.uploads import PNG_LEVEL
    from .make import prepare

    ctx.progress(0.1, "portrait.progress.finding_face")
    rgb = _read(params["source"])
    ctx.progress(0.3, "portrait.progress.finding_face")
    crop = Box.from_list(params["crop"]) if params.get("crop") else None
    framed = prepare(rgb, crop)
    ctx.progress(0.8, "portrait.progress.finding_face")
    photo = ctx.out_dir / "photo.png"
    with Image.open(params["source"]) as source:  # the header only
        same = (source.format, source.mode, source.size) == ("PNG", "RGB", rgb.shape[1::-1]) \
            and "exif" not in source.info
    if same:  # the page's clean working copy (no orientation to apply): these very pixels, as PNG already
        shutil.copyfile(params["source"], photo)
    else:
        Image.fromarray(rgb).save(photo, compress_level=PNG_LEVEL)
    out = ctx.out_dir / "cadre.png"
    Image.fromarray(framed.image).save(out)
    ctx.progress(1.0, "portrait.progress.done")
    return {"files": {"framed": str(out), "photo": str(photo)}, "artifact": None,
            "face": framed.face.as_list() if framed.face is not None else None, "found_face": framed.found_face,
            "crop": framed.crop.as_list(), "photo_size": [int(rgb.shape[1]), int(rgb.shape[0])],
            "small": framed.small}


def paint_job(params: dict, ctx) -> dict:
    from .consent import require_consent
    from .make import Framed, PortraitRequest, make_portrait
    from .styles import get_style

    # 1. Consent first: nothing is painted without it.
    participant = require_consent(ctx.store, ctx.owner, bool(params.get("sitter_agrees")))
    request = PortraitRequest.from_params(params)
    ctx.progress(0.05, "portrait.progress.reading")
    image = _read(params["framed"])
    face = Box.from_list(params["face"]) if params.get("face") else None
    framed = Framed(image, face, Box(0, 0, image.shape[1], image.shape[0]), face is not None)
    # 2. Paint (CPU painter or a model backend).
    result = make_portrait(framed, request, progress=lambda f, m="": ctx.progress(0.05 + 0.9 * f, m))
    # 3. Save with the truth about how it was made in the PNG's metadata.
    style = get_style(request.style)
    info = PngInfo()
    for key, value in {"Software": "Atelier", "Style": style.id, "Method": result.method,
                       "Backend": result.backend, "Seed": str(request.seed), "Strength": str(request.strength),
                       "AI-generated": "yes" if result.ai_made else "no", **result.metadata}.items():
        info.add_text(key, str(value))
    out = ctx.out_dir / f"portrait-{style.id}-{request.seed}.png"
    Image.fromarray(result.image).save(out, pnginfo=info)
    before = ctx.out_dir / "avant.png"
    Image.fromarray(image).save(before)
    ctx.progress(1.0, "portrait.progress.done")
    title = params.get("sitter") or participant["name"]
    return {"files": {"portrait": str(out), "before": str(before)},
            "artifact": {"kind": "portrait", "title": title, "prompt": "", "model": result.model or result.backend,
                         "seed": request.seed, "ai_made": result.ai_made,
                         "params": {**request.to_params(), "method": result.method}, "files": ["portrait"]},
            "backend": result.backend, "model": result.model, "ai_made": result.ai_made,
            "method": result.method, "seconds": round(result.seconds, 2), "flagged": result.flagged,
            "style": style.id, "seed": request.seed, "strength": request.strength}


def print_job(params: dict, ctx) -> dict:
    from ..export.jobs import preview_png
    from ..export.postcard import Postcard, make_postcards
    from ..store.works import source_param
    from .label import cartel, postcard_message, print_portrait

    ctx.progress(0.1, "portrait.progress.printing")
    language = params.get("language", "fr")
    made_on = date.fromisoformat(params["made_on"]) if params.get("made_on") else date.today()
    label = cartel(params["style"], params.get("sitter", ""), language=language, made_on=made_on,
                   ai_made=bool(params.get("ai_made")), model=params.get("model", ""))
    size = params.get("size", "A4")
    pdf = print_portrait(params["portrait"], label, ctx.out_dir / f"portrait-{size}.pdf", size=size)
    ctx.progress(0.5, "portrait.progress.printing")
    preview = preview_png(pdf, ctx.out_dir / "apercu.png", dpi=50)
    files = {"framed": str(pdf), "preview": str(preview)}  # "framed": the gallery tells it from the postcard
    if params.get("postcard", True):
        card = Postcard(front=params["portrait"], orientation="portrait", border="white", title=label.title,
                        message=postcard_message(label), ai_made=label.ai_made, library_name=label.library,
                        model=params.get("model", "") if label.ai_made else "",
                        made_on=made_on.isoformat(), language=language)
        # four of the card on an A4 sheet with cut lines (fronts, then backs): nominal size on an office printer
        postcard = make_postcards([card], ctx.out_dir / "carte-postale.pdf", sheet="4up", duplex=True)
        files["postcard"] = str(ctx.out_dir / "carte-postale.pdf")
        del postcard
    ctx.progress(1.0, "portrait.progress.done")
    return {"files": files,
            "artifact": {"kind": "portrait_print", "title": label.title, "prompt": "",
                         "model": params.get("model") or params.get("backend", ""),  # the gallery's "how made" line
                         "seed": None, "ai_made": label.ai_made,  # one card in the gallery with the portrait it prints:
                         "params": {"style": params["style"], "size": size,
                                    **source_param(params["portrait"], ctx.store.files_dir)},
                         "files": list(files)}}


def samples_job(params: dict, ctx) -> dict:
    from .samples import make_samples

    paths = make_samples(progress=ctx.progress)
    ctx.progress(1.0, "portrait.progress.done")
    return {"files": {}, "artifact": None, "samples": paths}
