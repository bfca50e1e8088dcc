"""`python -m pipelines image generate "PROMPT" --out x.png [...]` and `image stylise DRAWING --out y.png`."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..backends import no_progress
from ..config import settings
from ..i18n import UserError, translate
from .styles import STYLES


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"--size must look like 512x512 but is {text!r}.")
    return int(match.group(1)), int(match.group(2))


def _printer(args):
    if args.quiet:
        return no_progress
    language = settings().language

    def show(fraction: float, key: str) -> None:
        text = translate(key, language) if key else ""
        print(f"\r{int(fraction * 100):3d} % {text:40}", end="", file=sys.stderr, flush=True)
    return show


def cmd_generate(args) -> int:
    from .generate import ImageRequest, generate_image, save_png

    width, height = args.size
    request = ImageRequest(prompt=args.prompt, style=args.style, seed=args.seed, steps=args.steps, width=width,
                           height=height, init_image=str(args.from_drawing) if args.from_drawing else None,
                           strength=args.strength, character=args.character or "", backend=args.backend,
                           language=args.language or settings().language)
    result = generate_image(request, progress=_printer(args))
    if not args.quiet:
        print(file=sys.stderr)
    save_png(result.image, args.out, result.metadata)
    if result.flagged:
        print(translate("imagegen.flagged", request.language), file=sys.stderr)
    print(f"{args.out}  seed={result.seed} steps={result.steps} backend={result.backend} "
          f"model={result.model} {result.seconds:.1f}s")
    return 0


def cmd_stylise(args) -> int:
    from .generate import load_drawing, save_png
    from .stylise import stylise

    if not args.drawing.is_file():
        raise UserError("imagegen.errors.drawing_missing", path=str(args.drawing))
    picture = stylise(load_drawing(str(args.drawing)), args.style)
    save_png(picture, args.out, {"Software": "Atelier", "Style": args.style})
    print(args.out)
    return 0


def register(subparsers) -> None:
    image = subparsers.add_parser("image", help="AI pictures and comic stylisation")
    sub = image.add_subparsers(dest="image_command", metavar="ACTION", required=True)

    gen = sub.add_parser("generate", help="draw a picture from a sentence (or from a drawing)")
    gen.add_argument("prompt", help="what to draw, in French or English")
    gen.add_argument("--out", type=Path, required=True, help="PNG file to write")
    gen.add_argument("--style", default="ligne_claire", help=f"style preset: {', '.join(STYLES)}")
    gen.add_argument("--from-drawing", type=Path, help="photo of a drawing to follow (drawing -> image)")
    gen.add_argument("--strength", type=float, default=0.6,
                     help="how far from the drawing the AI may go, 0.1-1 (default 0.6)")
    gen.add_argument("--seed", type=int, help="magic number: the same number gives the same picture")
    gen.add_argument("--steps", type=int, help="denoising steps (default: the model's, 1 for SD-Turbo)")
    gen.add_argument("--size", type=_size, default=(512, 512), help="WIDTHxHEIGHT, multiples of 8 (default 512x512)")
    gen.add_argument("--character", help="the hero's description, reused in every panel")
    gen.add_argument("--backend", help="engine name, e.g. imagegen.txt2img.sd")
    gen.add_argument("--language", choices=("fr", "en"), help="language of the prompt and messages")
    gen.add_argument("--quiet", action="store_true", help="no progress line")
    gen.set_defaults(func=cmd_generate)

    sty = sub.add_parser("stylise", help="turn a drawing into a comic panel on the processor (no AI)")
    sty.add_argument("drawing", type=Path)
    sty.add_argument("--out", type=Path, required=True)
    sty.add_argument("--style", default="ligne_claire", help=f"style preset: {', '.join(STYLES)}")
    sty.set_defaults(func=cmd_stylise)
