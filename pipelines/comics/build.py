"""Make the files of a comic page: the PDF to print, the PNG of the page and each panel's picture."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..backends import Progress, no_progress
from ..i18n import UserError, translate
from ..store import library_name
from ..store.files import atomic_path
from .page import PageSpec, check_page, compose, is_empty

PNG_DPI = 150  # the page picture: sharp on screen, light to download (the PDF carries 300 dpi)


@dataclass
class PageFiles:
    """What was made, and the print warnings (locale key + params) to show."""

    files: dict[str, Path] = field(default_factory=dict)
    warnings: list[tuple[str, dict]] = field(default_factory=list)


def mention_text(language: str) -> str:
    """The small printed mention when the AI drew a panel."""
    return translate("comics.render.mention", language, library=library_name(language=language))


def print_warning(page: PageSpec, key: str, params: dict) -> tuple[str, dict]:
    """A print engine warning said for the child who made the page: a picture under 150 dpi becomes
    "panel n will look blurry" with what to do (photograph the drawing closer, zoom the frame less);
    never a file name. Other warnings pass unchanged."""
    name = str(params.get("name", ""))
    if key == "export.low_dpi" and name.isdigit() and 1 <= int(name) <= len(page.panels):
        number = int(name)
        made_by_ai = page.panels[number - 1].ai
        return ("comics.print.blurry_picture" if made_by_ai else "comics.print.blurry_drawing"), {"n": number}
    return key, params


def check_pictures(page: PageSpec) -> None:
    """Every panel's picture file opens through the picture loader (the message names the panel and says why)."""
    from ..safety.uploads import open_picture

    for number, panel in enumerate(page.panels, start=1):
        if is_empty(panel):
            continue  # an empty frame (check_page's empty_ok)
        try:
            open_picture(panel.image)
        except UserError as exc:
            raise UserError("comics.errors.picture_unreadable", panel=number, path=Path(panel.image).name,
                            detail=exc.message(page.language if page.language in ("fr", "en") else "fr")) from None
        except OSError as exc:
            raise UserError("comics.errors.picture_unreadable", panel=number, path=Path(panel.image).name,
                            detail=type(exc).__name__) from None


def build_page(page: PageSpec, out_dir: Path, *, pdf: str | None = "page.pdf", png: str | None = "page.png",
               panels: bool = True, bleed_mm: float = 0.0, crop_marks: bool = False,
               progress: Progress = no_progress, empty_ok: bool = False) -> PageFiles:
    """Check, compose and draw the page into `out_dir`; nothing is written when a check fails. `empty_ok`: panels
    with nothing in them print as empty frames (check_page), and have no picture of their own."""
    from .render import render_png, write_pdf

    # 1. Check everything first, so a mistake never leaves half a page behind.
    check_page(page, need_images=True, empty_ok=empty_ok)
    check_pictures(page)
    language = page.language if page.language in ("fr", "en") else "fr"
    progress(0.1, "comics.render.composing")
    composed = compose(page, mention=mention_text(language), by=translate("comics.render.by", language),
                       and_word=translate("comics.render.and", language))
    result = PageFiles()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    # 2. The page picture.
    if png:
        progress(0.3, "comics.render.drawing")
        with atomic_path(out_dir / png) as tmp:
            render_png(composed, dpi=PNG_DPI).save(tmp, format="PNG")
        result.files["png"] = out_dir / png
    # 3. The PDF, at 300 dpi through the print engine.
    if pdf:
        progress(0.6, "comics.render.pdf")
        warnings = write_pdf(composed, out_dir / pdf, title=page.title, authors=page.authors,
                             ai_made=page.ai_made, language=language, bleed_mm=bleed_mm, crop_marks=crop_marks)
        result.files["pdf"] = out_dir / pdf
        result.warnings += [print_warning(page, w.key, dict(w.params)) for w in warnings]
    # 4. Each panel's picture, as it was drawn (no crop), for the children to keep.
    if panels:
        from ..safety.uploads import open_picture

        for number, panel in enumerate(page.panels, start=1):
            if is_empty(panel):
                continue
            target = out_dir / f"panel-{number}.png"
            with atomic_path(target) as tmp:
                open_picture(panel.image).save(tmp, format="PNG")
            result.files[f"panel-{number}"] = target
    progress(1.0, "comics.render.done")
    return result
