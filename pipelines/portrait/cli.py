"""`python -m pipelines portrait styles` and `python -m pipelines portrait make PHOTO --style van-gogh ...`."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from ..i18n import UserError


def cmd_styles(args) -> int:
    from ..config import settings
    from .styles import STYLES

    language = args.language or settings().language
    for style in STYLES:
        mark = "" if style.public_domain() else " *"
        print(f"{style.id:14} {style.family:8} {style.card_name(language)}{mark} — {style.period(language)}, "
              f"{style.years}")
    print("\n* " + ("encore protégé par le droit d'auteur : la carte dit « dans l'esprit du mouvement »"
                    if language == "fr" else "still under copyright: the card says 'in the spirit of the movement'"))
    return 0


def cmd_make(args) -> int:
    import numpy as np
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    from ..config import settings
    from ..safety.uploads import sanitize_image
    from .label import cartel, print_portrait, sitter_note
    from .make import PortraitRequest, make_portrait, prepare

    language = args.language or settings().language
    photo = Path(args.photo)
    if not photo.is_file():
        raise UserError("portrait.errors.photo_missing")
    rgb = np.asarray(sanitize_image(photo.read_bytes(), downscale=True).image.convert("RGB"))
    framed = prepare(rgb)
    if not framed.found_face:
        print("no face found: a centred crop is used", file=sys.stderr)
    request = PortraitRequest(style=args.style, strength=args.strength, seed=args.seed,
                              backend=None if args.backend == "cpu" else args.backend)
    result = make_portrait(framed, request)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    info = PngInfo()
    for key, value in {"Software": "Atelier", "Style": args.style, "Method": result.method,
                       "AI-generated": "yes" if result.ai_made else "no", **result.metadata}.items():
        info.add_text(key, str(value))
    Image.fromarray(result.image).save(out, pnginfo=info)
    print(f"{out} ({result.backend}, {result.seconds:.1f} s)")
    if args.card:
        label = cartel(args.style, args.name or "", language=language, made_on=date.today(),
                       ai_made=result.ai_made, model=result.model)
        card = print_portrait(out, label, Path(args.card), size=args.size)
        print(card)
        if note := sitter_note(args.name or "", language):  # a sign no print face draws is said, not dropped silently
            print(note, file=sys.stderr)
    return 0


def register(sub) -> None:
    from .styles import BY_ID

    portrait = sub.add_parser("portrait", help="portraits in the manner of great painters, with their museum label")
    psub = portrait.add_subparsers(dest="portrait_command", metavar="ACTION", required=True)
    p = psub.add_parser("styles", help="the painters' styles (id, algorithm family, painter, period)")
    p.add_argument("--language", choices=("fr", "en"))
    p.set_defaults(func=cmd_styles)
    p = psub.add_parser("make", help="paint a photo's portrait (face found and framed) and print its label")
    p.add_argument("photo", metavar="PHOTO")
    p.add_argument("--style", required=True, choices=sorted(BY_ID))
    p.add_argument("--out", required=True, metavar="PORTRAIT.png")
    p.add_argument("--card", metavar="CARD.pdf", help="the framed portrait with its museum label (PDF)")
    p.add_argument("--name", default="", help="the sitter's first name (the label's title)")
    p.add_argument("--backend", default="cpu", choices=("cpu", "sd-turbo", "sdxl-turbo"))
    p.add_argument("--strength", type=float, default=0.5, help="0 = more like me ... 1 = more painting")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--size", choices=("A4", "A5"), default="A4")
    p.add_argument("--language", choices=("fr", "en"))
    p.set_defaults(func=cmd_make)
