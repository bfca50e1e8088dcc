"""`python -m pipelines`: the engine from the command line (archives, batch work, models, worker)."""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from .i18n import UserError

# Each module defines register(subparsers); its commands set `func(args) -> int`.
COMMAND_MODULES = [
    "pipelines.comics.cli",
    "pipelines.imagegen.cli",
    "pipelines.story.cli",
    "pipelines.music.cli",
    "pipelines.photo.cli",
    "pipelines.portrait.cli",
    "pipelines.blindtest.cli",
    "pipelines.export.cli",
    "pipelines.models.cli",
    "pipelines.jobs.cli",
    "pipelines.doctor",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipelines",
                                     description="Atelier's engine: workshops' pipelines, exports, models and jobs.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a run never touches the network (downloads lift it)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    from .config import settings

    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(exc.message(settings().language), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
