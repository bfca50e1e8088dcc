"""`python -m pipelines photo restore INPUT... --out DIR` (archives, resumable), `photo analyse INPUT...` and
`photo colorize`."""
from __future__ import annotations

import csv
import sys
import time
import unicodedata
from datetime import datetime
from pathlib import Path

from ..i18n import UserError

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".heic", ".heif", ".avif", ".gif", ".bmp"}
REPORT_FIELDS = ["file", "output", "status", "steps", "faces", "seconds", "error"]
STATUSES = ("done", "already_done", "error")


def find_inputs(inputs: list[str]) -> list[tuple[Path, Path]]:
    """(file, path relative to its input folder) for every image under the inputs, sorted. Hidden files and folders
    are left out: a Mac writes a "._photo.jpg" (AppleDouble, not a picture) next to every file of a USB stick, and
    "__MACOSX" folders into its zips."""
    found: list[tuple[Path, Path]] = []
    from ..textfiles import named_file

    for item in inputs:
        path = named_file(item)  # « été » typed for a folder copied from a Mac (decomposed accents)
        if path.is_dir():
            found += [(p, p.relative_to(path)) for p in sorted(path.rglob("*"))
                      if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES and not _hidden(p.relative_to(path))]
        elif path.is_file():
            found.append((path, Path(path.name)))
        else:
            raise UserError("photo.errors.input_missing", path=str(path))
    return found


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in relative.parts)


def _nfc(path: Path) -> Path:
    return Path(unicodedata.normalize("NFC", str(path)))


def output_names(files: list[tuple[Path, Path]]) -> list[Path]:
    """The PNG each input is restored to (relative to --out): `box/mariage.png`, or, when two inputs of the
    same folder share a name (mariage.jpg and mariage.tif), `box/mariage-jpg.png` and `box/mariage-tif.png`.

    Depends only on the list of inputs, so a second run of the same archive finds the same names (resume).
    """
    stems: dict[str, int] = {}
    files = [(path, _nfc(relative)) for path, relative in files]  # « é » typed on a Mac (NFD) or a PC: one name
    for _, relative in files:
        key = str(relative.with_suffix("")).casefold()
        stems[key] = stems.get(key, 0) + 1
    names = []
    for _, relative in files:
        if stems[str(relative.with_suffix("")).casefold()] > 1:
            names.append(relative.with_name(f"{relative.stem}-{relative.suffix.lstrip('.').lower()}.png"))
        else:
            names.append(relative.with_suffix(".png"))
    # Names equal but for case (Mariage.JPG, mariage.jpg) are one file on a USB stick, a Mac or Windows, and a
    # made-up name can meet a real one (mariage.png -> mariage-png.png, as mariage-png.jpg): the later one gets -2.
    taken = {str(name).casefold() for name in names}
    seen: set[str] = set()
    for index, name in enumerate(names):
        if str(name).casefold() in seen:
            number = 2
            while str(candidate := name.with_name(f"{name.stem}-{number}.png")).casefold() in taken:
                number += 1
            names[index] = candidate
            taken.add(str(candidate).casefold())
        seen.add(str(names[index]).casefold())
    return names


# Which scan each result of an --out folder was restored from (a fingerprint of its bytes), so that a run resumes
# only what it did itself: a second box restored into the same folder (« carton 2/mariage.jpg » after « carton
# 1/mariage.jpg ») was told « déjà faite » and never restored. No file name is kept, only the bytes' digest.
SOURCES = ".atelier-sources.json"


def fingerprint(path: Path) -> str:
    """A digest of a file's bytes (SHA-256), read in blocks."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def read_sources(out_dir: Path) -> dict[str, str]:
    """The ledger of an --out folder: result name (relative, "/") -> fingerprint of its scan; {} when none."""
    import json

    try:
        data = json.loads((out_dir / SOURCES).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def resumed_name(out_dir: Path, name: Path, source_print: str, sources: dict[str, str], claimed: set[str]) -> Path:
    """`name`, or `name-2`, `name-3`... when a result of that name is there from another scan (its fingerprint in
    `sources` differs) or is the name of another input of this run (`claimed`, casefolded). A result with no entry
    (an earlier version's) is taken as this scan's."""
    candidate, number = name, 1
    while True:
        key = candidate.as_posix()
        known = sources.get(key)
        exists = (out_dir / candidate).exists()
        if (not exists or known in (None, source_print)) and (candidate == name or key.casefold() not in claimed):
            return candidate
        number += 1
        candidate = name.with_name(f"{name.stem}-{number}.png")


def _bar(done: int, total: int, name: str) -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:40}")
    sys.stderr.flush()


def cmd_restore(args) -> int:
    from ..config import settings
    from ..i18n import translate
    from .chain import RestoreRequest, open_photo, restore
    from .imaging import save_png, to_image

    language = settings().language if settings().language in ("fr", "en") else "fr"
    tr = lambda key: translate(f"photo.report.{key}", language)  # noqa: E731

    steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    request = RestoreRequest.from_params({"steps": steps, "strength": args.strength, "colorize": args.colorize,
                                          "scale": args.scale, "hints_path": args.hints})
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = find_inputs(args.inputs)
    stamp = f"{tr('file_name')}-{datetime.now():%Y%m%d-%H%M%S}"
    report_path, number = out_dir / f"{stamp}.csv", 1
    while report_path.exists():  # two runs in one second: the first one's report is kept
        number += 1
        report_path = out_dir / f"{stamp}_{number}.csv"  # after the first one in a sorted listing
    failures = 0
    pairs = []
    # utf-8-sig: a spreadsheet opened by double-click reads the accents right
    with open(report_path, "w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow([tr(f"field_{name}") for name in REPORT_FIELDS])

        def write(row: dict) -> None:
            writer.writerow([tr(f"status_{row[name]}") if name == "status" else row[name] for name in REPORT_FIELDS])

        names = output_names(files)
        claimed = {name.as_posix().casefold() for name in names}
        sources = read_sources(out_dir)
        for n, ((source, relative), name) in enumerate(zip(files, names)):
            try:
                source_print = fingerprint(source)
            except OSError:
                source_print = ""
            name = resumed_name(out_dir, name, source_print, sources, claimed)
            target = out_dir / name
            _bar(n, len(files), str(relative))
            row = {"file": str(source), "output": str(target), "steps": "", "faces": "", "seconds": "", "error": ""}
            if target.exists():  # resumable: a finished file is written atomically, so it is complete
                write({**row, "status": "already_done"})
                pairs.append((source, target))
                continue
            start = time.perf_counter()
            try:
                rgb, _ = open_photo(source, downscale=args.downscale)
                outcome = restore(rgb, request)
                target.parent.mkdir(parents=True, exist_ok=True)
                save_png(to_image(outcome.image), target)
                if source_print:
                    sources[name.as_posix()] = source_print
                    _write_sources(out_dir, sources)
                row.update(status="done", steps="+".join(outcome.applied),
                           faces="" if outcome.faces is None else outcome.faces)
                pairs.append((source, target))
            except UserError as exc:  # one bad file never stops an archive run
                failures += 1
                row.update(status="error", error=exc.message(language))
            row["seconds"] = f"{time.perf_counter() - start:.2f}"
            write(row)
            fh.flush()
        _bar(len(files), len(files), "")
    sys.stderr.write("\n")
    print(f"report: {report_path}")
    if args.sheet and pairs:
        from .sheet import photo_sheet

        source, target = pairs[0]
        # the patron's file name is neither printed nor put in the PDF's metadata
        photo_sheet(source, target, Path(args.sheet), caption=args.caption or "", language=language)
        print(f"sheet: {args.sheet}")
    return 1 if failures else 0


def _write_sources(out_dir: Path, sources: dict[str, str]) -> None:
    import json

    from ..store.files import write_bytes_atomic

    write_bytes_atomic(out_dir / SOURCES, json.dumps(sources, ensure_ascii=False, indent=0).encode("utf-8"))


def cmd_analyse(args) -> int:
    """One JSON line per image found under the inputs: the file, what the page would show (analysis.Analysis: its
    kind, fading, damage counts...) and the steps it would tick (suggested_steps); a file that cannot be read gives
    its error instead. Returns 1 when a file failed, else 0."""
    import json

    from ..config import settings
    from .analysis import analyse
    from .chain import open_photo

    language = settings().language if settings().language in ("fr", "en") else "fr"
    failures = 0
    for source, _ in find_inputs(args.inputs):
        try:
            rgb, _ = open_photo(source, downscale=args.downscale)
            info, _ = analyse(rgb)
            row = {"file": str(source), **info.to_json(), "suggested_steps": info.suggested_steps()}
        except UserError as exc:
            failures += 1
            row = {"file": str(source), "error": exc.message(language)}
        print(json.dumps(row, ensure_ascii=False), flush=True)
    return 1 if failures else 0


def cmd_colorize(args) -> int:
    from .chain import open_photo, recolor
    from .imaging import save_png, to_image

    rgb, _ = open_photo(Path(args.grey))
    save_png(to_image(recolor(rgb, args.hints)), Path(args.out))
    print(args.out)
    return 0


def register(sub) -> None:
    photo = sub.add_parser("photo", help="restore and colourise old photos (batch for archives)")
    psub = photo.add_subparsers(dest="photo_command", metavar="ACTION", required=True)
    p = psub.add_parser("restore", help="restore files or folders (recursive); resumable; CSV report per run")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--steps", default="repair,tone,denoise", help="among repair,tone,denoise,faces,upscale,colorize")
    p.add_argument("--colorize", choices=("auto", "hints"), default="auto")
    p.add_argument("--hints", help="RGBA PNG of colour hints (with --colorize hints)")
    p.add_argument("--strength", type=float, default=0.5, help="0..1 (default 0.5)")
    p.add_argument("--scale", type=int, choices=(2, 4), default=2, help="enlarge factor for the upscale step")
    p.add_argument("--downscale", action="store_true", help="shrink scans over the pixel limit instead of refusing")
    p.add_argument("--sheet", metavar="SHEET.pdf", help="also print an A4 before/after sheet of the first photo")
    p.add_argument("--caption", default="", help="caption printed on the sheet (default: none)")
    p.set_defaults(func=cmd_restore)
    p = psub.add_parser("analyse", help="what the page sees in each photo (kind, fading, damage, suggested steps), "
                                        "as one JSON line per file")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--downscale", action="store_true", help="shrink scans over the pixel limit instead of refusing")
    p.set_defaults(func=cmd_analyse)
    p = psub.add_parser("colorize", help="colourise a black-and-white photo from colour hints")
    p.add_argument("grey", metavar="GREY.png")
    p.add_argument("--hints", required=True, metavar="HINTS.png", help="RGBA PNG, same size; opaque pixels = colours")
    p.add_argument("--out", required=True, metavar="OUT.png")
    p.set_defaults(func=cmd_colorize)
