"""`python -m pipelines quiz pack build DIR --out pack.zip | quiz pack check PACK | quiz starter --out pack.zip`."""
from __future__ import annotations

import sys
from pathlib import Path

from ..config import settings
from ..i18n import translate
from . import pack as packs


def _language(args) -> str:
    return getattr(args, "language", None) or settings().language


def cmd_pack_check(args) -> int:
    """Print every problem of a pack folder or zip; exit 1 when there is one."""
    language = _language(args)
    problems = packs.check(Path(args.pack))
    for problem in problems:
        print(problem.text(language), file=sys.stderr)
    if problems:
        print(translate("quiz.pack.invalid_count", language, count=len(problems)), file=sys.stderr)
        return 1
    pack = packs.load_folder(args.pack) if Path(args.pack).is_dir() else None
    count = len(pack.items) if pack else _zip_items(Path(args.pack))
    print(translate("quiz.pack.ok", language, count=count))
    return 0


def _zip_items(path: Path) -> int:
    return len(packs.zip_manifest(path)["items"])


def cmd_pack_build(args) -> int:
    """Check a pack folder and write it as a zip with only the files its manifest names."""
    language = _language(args)
    problems = packs.check_folder(Path(args.dir))
    for problem in problems:
        print(problem.text(language), file=sys.stderr)
    if problems:
        return 1
    out = packs.build_zip(Path(args.dir), Path(args.out))
    print(translate("quiz.pack.built", language, path=str(out), kb=out.stat().st_size // 1000))
    return 0


def cmd_starter(args) -> int:
    """Make the starter pack with the studio's CPU engines and write it as a zip."""
    from .starter import starter_zip

    language = _language(args)

    def progress(fraction: float, message: str = "") -> None:
        print(f"\r{int(fraction * 100):3d}% {translate(message, language) if message else ''}", end="", flush=True)

    out = starter_zip(Path(args.out), language=language, seed=args.seed, progress=progress)
    print()
    print(translate("quiz.pack.built", language, path=str(out), kb=out.stat().st_size // 1000))
    return 0


def register(subparsers) -> None:
    quiz = subparsers.add_parser("quiz", help="blind test: content packs for the quiz")
    quiz_sub = quiz.add_subparsers(dest="quiz_command", metavar="ACTION")
    pack = quiz_sub.add_parser("pack", help="build or check a content pack")
    pack_sub = pack.add_subparsers(dest="pack_command", metavar="ACTION")
    build = pack_sub.add_parser("build", help="check a pack folder and write it as a zip")
    build.add_argument("dir", help="folder holding manifest.json and the media files")
    build.add_argument("--out", required=True, help="zip file to write")
    build.add_argument("--language", choices=("fr", "en"), help="language of the messages")
    build.set_defaults(func=cmd_pack_build)
    check = pack_sub.add_parser("check", help="list every problem of a pack (folder or zip)")
    check.add_argument("pack", help="pack.zip or a pack folder")
    check.add_argument("--language", choices=("fr", "en"), help="language of the messages")
    check.set_defaults(func=cmd_pack_check)
    starter = quiz_sub.add_parser("starter", help="make the starter pack with the studio's CPU engines")
    starter.add_argument("--out", required=True, help="zip file to write")
    starter.add_argument("--language", choices=("fr", "en"), help="language of the pack")
    starter.add_argument("--seed", type=int, default=7, help="seed of the music and the decoy prompts")
    starter.set_defaults(func=cmd_starter)
