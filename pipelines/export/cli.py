"""`python -m pipelines postcard make|dvd|calibration`: postcards and recycled DVD covers from the command line."""
from __future__ import annotations

import sys
from pathlib import Path

from ..i18n import UserError


def _language() -> str:
    from ..config import settings

    return settings().language


def _clean_copy(path: Path, folder: Path) -> Path:
    """An upload-checked copy of a picture (no metadata survives into the PDF). A file on this computer (a restored
    photo's 50 MB PNG) is held to the pixel limit, not to the upload's byte limit (safety.uploads.read_studio_file)."""
    from ..safety.uploads import read_studio_file

    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise UserError("postcards.unreadable", name=str(path)) from None
    clean = read_studio_file(data, downscale=False)
    target = folder / f"{len(list(folder.iterdir())):03d}-{path.stem}.png"
    clean.image.save(target)
    return target


def cmd_make(args) -> int:
    import tempfile

    from ..store import library_name
    from ..i18n import translate
    from .postcard import Postcard, fill_sheet, make_postcards, print_options, with_copies

    language = _language()
    duplex = args.duplex
    if args.message.strip() and not duplex:  # the message is written on the back: print the backs
        duplex = True
        print(translate("postcards_cli.message_needs_backs", language), file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="atelier-postcards-") as tmp:
        cards = []
        for front in args.front:
            clean = _clean_copy(Path(front), Path(tmp))
            cards += with_copies(Postcard(str(clean), orientation=args.orientation, border=args.border,
                                          title=args.title, message=args.message, ai_made=args.ai,
                                          library_name=library_name(language=language), language=language,
                                          name=Path(front).name), args.copies)
        options = print_options(args.printer, args.bleed, args.crop_marks)
        fill = args.sheet == "4up" and args.fill
        if fill and len(fill_sheet(cards)) > len(cards):
            print(translate("postcards_cli.sheet_filled", language, n=len(cards), total=len(fill_sheet(cards))),
                  file=sys.stderr)
        doc = make_postcards(cards, args.out, sheet=args.sheet, duplex=duplex, flip=args.flip, fill=fill,
                             **options)
    for warning in doc.warnings:
        print(warning.text(language), file=sys.stderr)
    print(args.out)
    return 0


def cmd_dvd(args) -> int:
    from .dvd import open_cover_photo, straighten_cover

    corners = None
    if args.corners:
        values = [float(v) for v in args.corners.replace(";", ",").split(",")]
        if len(values) != 8:
            raise SystemExit(f"--corners needs 8 numbers (x,y of four corners) but got {len(values)}.")
        corners = list(zip(values[0::2], values[1::2]))
    cover = straighten_cover(open_cover_photo(args.photo), corners)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cover.image.save(out / "pochette.png")
    print(out / "pochette.png")
    for i, proposal in enumerate(cover.proposals, start=1):
        name = out / f"recto-{i}-{proposal.orientation}.png"
        cover.part(i - 1).save(name)
        print(name)
    print("corners: " + " ".join(f"{x:.1f},{y:.1f}" for x, y in cover.corners), file=sys.stderr)
    return 0


def cmd_calibration(args) -> int:
    from .imposition import add_calibration_pages
    from .pdf import PrintDocument
    from ..i18n import translate

    doc = PrintDocument(translate("export.calibration.title", _language()), language=_language())
    add_calibration_pages(doc, "A4", "landscape", flip=args.flip)
    doc.save(args.out)
    print(args.out)
    return 0


def register(sub) -> None:
    p = sub.add_parser("postcard", help="A6 postcards (single or 4-up on A4), recycled DVD covers")
    cmds = p.add_subparsers(dest="postcard_command", metavar="ACTION", required=True)
    m = cmds.add_parser("make", help="make a postcards PDF from pictures")
    m.add_argument("front", nargs="+", help="picture files for the fronts (one card each)")
    m.add_argument("--message", default="", help="message printed on the back (the backs are then printed, "
                   "as with --duplex)")
    m.add_argument("--title", default="", help="title on the front")
    m.add_argument("--out", required=True, help="PDF to write")
    m.add_argument("--sheet", choices=("4up", "single"), default="4up", help="4 cards per sheet, or one A6 per page")
    m.add_argument("--duplex", action="store_true", help="add the backs, placed for double-sided printing")
    m.add_argument("--flip", choices=("long", "short"), default="long", help="duplex flip edge (default: long)")
    m.add_argument("--print", dest="printer", choices=("office", "shop"), default="office",
                   help="office: A4 at 100 %% with thin cut lines (default); shop: 3 mm bleed, crop marks, SRA4")
    m.add_argument("--bleed", type=float, default=None, help="bleed in mm (default 0 office, 3 shop)")
    m.add_argument("--crop-marks", action="store_true", default=None, help="draw crop marks outside the cards")
    m.add_argument("--orientation", choices=("landscape", "portrait"), default="landscape")
    m.add_argument("--border", choices=("none", "white", "polaroid", "frame"), default="none")
    m.add_argument("--copies", type=int, default=1, help="copies of each card")
    m.add_argument("--no-fill", dest="fill", action="store_false",
                   help="leave the last 4-up sheet's empty cells blank (default: fill them with its cards again)")
    m.add_argument("--ai", action="store_true", help="the pictures were made with AI (credit and PDF note)")
    m.set_defaults(func=cmd_make)
    d = cmds.add_parser("dvd", help="straighten a photo of a DVD cover and propose postcard fronts")
    d.add_argument("photo")
    d.add_argument("--out", required=True, help="folder for the straightened cover and the proposed fronts")
    d.add_argument("--corners", default="", help="x1,y1,x2,y2,x3,y3,x4,y4 when the cover is not found")
    d.set_defaults(func=cmd_dvd)
    c = cmds.add_parser("calibration", help="a double-sided test page (crosses that must line up)")
    c.add_argument("--out", required=True)
    c.add_argument("--flip", choices=("long", "short"), default="long")
    c.set_defaults(func=cmd_calibration)
