"""Job kinds of the old photos workshop: analyse, restore, recolour (run in the worker)."""
from __future__ import annotations

import shutil
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from .. import backends
from . import analysis, repair
from .chain import RestoreRequest, open_photo, recolor, restore
from .imaging import save_png, to_array, to_image


def _face_backend():
    """The default face backend when one is installed, else None (faces are then not counted)."""
    ready = [b for b in backends.available("photo.faces") if not b.optional]
    return ready[-1] if ready else None


OVERLAY_SIDE = 2048  # px: the damage overlay is drawn at most this long (the page shows it in a column, the brush
# in 700 px; at a 12 MP scan's size it cost a second PNG of the scan to write)


def overlay_preview(rgb: np.ndarray, mask: np.ndarray, side: int = OVERLAY_SIDE) -> np.ndarray:
    """repair.overlay() of a (H, W, 3) [0, 1] photo and its (H, W) bool damage mask, shrunk (area average) so that
    its longer side is at most `side` px; a preview pixel is marked when any pixel it covers is (thin cracks stay
    seen). The same aspect as the photo (sizes rounded to whole pixels)."""
    h, w = mask.shape
    if max(h, w) <= side:
        return repair.overlay(rgb, mask)
    size = (max(1, round(w * side / max(h, w))), max(1, round(h * side / max(h, w))))
    small = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
    marked = cv2.resize(mask.astype(np.float32), size, interpolation=cv2.INTER_AREA) > 0
    return repair.overlay(small, marked)


def analyse_job(params: dict, ctx) -> dict:
    """params: source (image path), downscale (bool), work (optional: its size for the announced time,
    analysis_work()). Files: overlay (damage in red, OVERLAY_SIDE px at most: a
    preview), mask (the photo's size), photo."""
    ctx.progress(0.05, "photo.progress.reading")
    # The shares of the bar follow the time each part took on a 12 MP scan (bench/photo.py, the page's path):
    # reading and the clean copy about a sixth, the analysis most of the rest, the overlay and mask a tenth.
    rgb, notes = open_photo(params["source"], downscale=bool(params.get("downscale")))
    photo = save_png(to_image(rgb), ctx.out_dir / "photo.png")  # clean copy: no metadata, upright
    ctx.progress(0.15, "photo.progress.analysing")
    faces = _face_backend()
    if faces is not None:
        ctx.progress(0.2, "photo.progress.loading_faces")
    result, mask = analysis.analyse(rgb, faces=faces)
    ctx.progress(0.9, "photo.progress.saving")
    overlay = save_png(to_image(overlay_preview(rgb, mask)), ctx.out_dir / "damage.png")
    mask_file = save_png(Image.fromarray((mask * 255).astype(np.uint8), "L"), ctx.out_dir / "mask.png")
    files = {"photo": str(photo), "overlay": str(overlay), "mask": str(mask_file)}
    for number, thumb in enumerate(album_thumbnails(rgb, result.prints), start=1):
        files[f"print-{number}"] = str(save_png(to_image(thumb), ctx.out_dir / f"tirage-{number}.png"))
    ctx.progress(1.0, "photo.progress.done")
    return {"files": files, "artifact": None, "analysis": result.to_json(), "notes": notes,
            "work": analysis_work(rgb.shape[:2])}


ALBUM_THUMB = 360  # px: the longer side of each print's thumbnail on an album page (album_thumbnails)


def album_thumbnails(rgb: np.ndarray, prints: list, side: int = ALBUM_THUMB) -> list[np.ndarray]:
    """Each print of an album page (analysis.find_prints corners, fractions) cut out and squared up, its longer side
    at most `side` px: (h, w, 3) float [0, 1] each, in the order of `prints`."""
    if not prints:
        return []
    scale = min(1.0, 4 * side / max(rgb.shape[:2]))  # a page of up to 4 prints a row keeps each print's detail
    page = cv2.resize(rgb, (round(rgb.shape[1] * scale), round(rgb.shape[0] * scale)),
                      interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    thumbs = []
    for corners in prints:
        flat = np.clip(analysis.straighten(page, corners), 0, 1)
        k = min(1.0, side / max(flat.shape[:2]))
        thumbs.append(cv2.resize(flat, (max(1, round(flat.shape[1] * k)), max(1, round(flat.shape[0] * k))),
                                 interpolation=cv2.INTER_AREA) if k < 1 else flat)
    return thumbs


def analysis_work(size: tuple[int, int]) -> float:
    """The size of an analysis, in megapixels of the photo ((height, width), or (width, height): the product is
    what counts): what its duration is divided by to announce the next one's (JobQueue.expected_seconds)."""
    return size[0] * size[1] / 1e6


def straighten_job(params: dict, ctx) -> dict:
    """params: source, corners (four [x, y] fractions). A photo of a print, cut out and squared."""
    ctx.progress(0.1, "photo.progress.reading")
    rgb, _ = open_photo(params["source"], downscale=True)
    flat = analysis.straighten(rgb, params["corners"])
    out = save_png(to_image(flat), ctx.out_dir / "photo.png")
    ctx.progress(1.0, "photo.progress.done")
    return {"files": {"photo": str(out)}, "artifact": None}


def restore_job(params: dict, ctx) -> dict:
    """params: source, title, work (optional: its size for the announced time, restore_work()), and the
    RestoreRequest fields. Files: before, restored (+ uncoloured)."""
    settings = {k: v for k, v in params.items() if k not in ("source", "title", "work")}
    request = RestoreRequest.from_params(settings)
    ctx.progress(0.02, "photo.progress.reading")
    rgb, _ = open_photo(params["source"], downscale=True)
    before = save_png(to_image(rgb), ctx.out_dir / "avant.png")
    # the bar's shares follow a 12 MP scan's times (bench/photo.py, the page's path): the files a tenth each end
    outcome = restore(rgb, request, progress=lambda f, m="": ctx.progress(0.1 + 0.8 * f, m))
    ctx.progress(0.9, "photo.progress.saving")
    restored = save_png(to_image(outcome.image), ctx.out_dir / "apres.png")
    files = {"before": str(before), "restored": str(restored)}
    if outcome.uncoloured is not None:
        files["uncoloured"] = str(save_png(to_image(outcome.uncoloured), ctx.out_dir / "sans-couleur.png"))
    ctx.progress(1.0, "photo.progress.done")
    return {"files": files,
            "artifact": {"kind": "photo", "title": params.get("title") or "", "prompt": "",
                         "model": ", ".join(outcome.models), "seed": None, "ai_made": outcome.ai_made,
                         "params": {"steps": outcome.applied, "strength": request.strength,
                                    "engines": outcome.engines},
                         "files": ["restored", "before"]},
            "applied": outcome.applied, "faces": outcome.faces, "notes": outcome.notes, "ai_made": outcome.ai_made,
            "engines": outcome.engines, "work": restore_work(rgb.shape[:2], outcome.image.shape[:2])}


def restore_work(before: tuple[int, int], after: tuple[int, int]) -> float:
    """The size of a restore, in megapixels read plus megapixels made ((height, width) of each): what its
    duration is divided by to announce the next one's (JobQueue.expected_seconds)."""
    return (before[0] * before[1] + after[0] * after[1]) / 1e6


def recolor_job(params: dict, ctx) -> dict:
    """params: uncoloured (path), hints (RGBA PNG path), auto (path of an automatic result, optional), title."""
    ctx.progress(0.05, "photo.progress.reading")
    from ..safety.uploads import open_picture

    base = to_array(open_picture(params["uncoloured"]))
    auto = to_array(open_picture(params["auto"])) if params.get("auto") else None
    ctx.progress(0.2, "photo.progress.colorize")
    coloured = recolor(base, params["hints"], auto=auto)
    out = save_png(to_image(coloured), ctx.out_dir / "apres.png")
    hints_copy = ctx.out_dir / "indices.png"
    shutil.copyfile(params["hints"], hints_copy)
    ctx.progress(1.0, "photo.progress.done")
    return {"files": {"restored": str(out), "uncoloured": str(params["uncoloured"]), "hints": str(hints_copy)},
            "artifact": {"kind": "photo", "title": params.get("title") or "", "prompt": "",
                         "model": "photo.colorize.hints" + (" + auto" if auto is not None else ""), "seed": None,
                         "ai_made": auto is not None, "params": {"steps": ["colorize"]}, "files": ["restored"]},
            "ai_made": auto is not None}


def sheet_job(params: dict, ctx) -> dict:
    """params: before, after, caption, date, language, ai_made, model (how the photo was made, as its own
    record says). Files: the A4 photo sheet PDF and the photo it shows (a copy: the gallery's picture of the
    sheet), a gallery creation (kind photo_sheet, titled by its caption, made as the photo was) shown in its photo's
    card (params "of": pipelines/store/works.py)."""
    from ..store.works import source_param
    from .sheet import photo_sheet

    ctx.progress(0.1, "photo.progress.sheet")
    out = photo_sheet(Path(params["before"]), Path(params["after"]), ctx.out_dir / "fiche-photo.pdf",
                      caption=params.get("caption", ""), date=params.get("date", ""),
                      language=params.get("language", "fr"), ai_made=bool(params.get("ai_made")))
    photo = shutil.copyfile(params["after"], ctx.out_dir / f"photo{Path(params['after']).suffix.lower()}")
    ctx.progress(1.0, "photo.progress.done")
    # in the gallery beside the photo: the sheet a patron prepared is what they come back to print
    return {"files": {"pdf": str(out), "restored": str(photo)},
            "artifact": {"kind": "photo_sheet", "title": params.get("caption") or "", "prompt": "",
                         "model": params.get("model") or "", "ai_made": bool(params.get("ai_made")),
                         "params": source_param(params["after"], ctx.store.files_dir)}}  # one card with its photo
