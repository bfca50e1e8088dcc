"""`python -m pipelines comic render PAGE.toml --out page.pdf [--png page.png] [--bleed 3 --crop-marks]`."""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path


def register(subparsers) -> None:
    comic = subparsers.add_parser("comic", help="comic pages (BD): render a PAGE.toml to PDF and PNG")
    sub = comic.add_subparsers(dest="comic_command", metavar="ACTION")
    render = sub.add_parser("render", help="render a page described in PAGE.toml (see docs/comic-page-format.md)")
    render.add_argument("page", type=Path, help="the PAGE.toml file")
    render.add_argument("--out", type=Path, required=True, help="the PDF to write (A4, 300 dpi)")
    render.add_argument("--png", type=Path, help="also write the page as a PNG picture")
    render.add_argument("--panels", type=Path, help="also write each panel's picture into this folder")
    render.add_argument("--bleed", type=float, default=0.0, metavar="MM", help="bleed around the page in mm (e.g. 3)")
    render.add_argument("--crop-marks", action="store_true", help="draw crop marks outside the bleed")
    render.set_defaults(func=run_render)
    layouts = sub.add_parser("layouts", help="list the page layouts")
    layouts.set_defaults(func=run_layouts)
    comic.set_defaults(func=lambda args: comic.print_help() or 0)


def run_render(args: argparse.Namespace) -> int:
    """Render PAGE.toml; panels given as a prompt are drawn first by the text-to-image engine."""
    from ..config import settings
    from ..i18n import translate
    from .build import build_page
    from .page import load_page
    from .prompts import draw_prompt_panels

    page = load_page(args.page)
    with tempfile.TemporaryDirectory(prefix="atelier-comic-") as work:
        work = Path(work)
        draw_prompt_panels(page, work / "drawn")
        made = build_page(page, work, png="page.png" if args.png else None, panels=bool(args.panels),
                          bleed_mm=args.bleed, crop_marks=args.crop_marks)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made.files["pdf"], args.out)
        written = [args.out]
        if args.png:
            args.png.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(made.files["png"], args.png)
            written.append(args.png)
        if args.panels:
            args.panels.mkdir(parents=True, exist_ok=True)
            for name, path in made.files.items():
                if name.startswith("panel-"):
                    written.append(Path(shutil.copy(path, args.panels / path.name)))
    for key, params in made.warnings:
        print(translate(key, settings().language, **params), file=sys.stderr)
    for path in written:
        print(path)
    return 0


def run_layouts(args: argparse.Namespace) -> int:
    from ..config import settings
    from ..i18n import translate
    from .layouts import LAYOUTS

    for layout in LAYOUTS.values():
        print(f"{layout.id:<10} {layout.panel_count} {translate(layout.label, settings().language)}")
    return 0
