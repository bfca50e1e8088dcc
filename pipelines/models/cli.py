"""`python -m pipelines models list | download ID... | import DIR | verify [ID...]`."""
from __future__ import annotations

import os

from ..i18n import UserError
from .manager import ModelManager


def _size(n: int) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB"


def _check_ids(manager: ModelManager, ids) -> None:
    """UserError('models_cli.unknown') when one of `ids` is not in the catalogue (a typo, an old name)."""
    unknown = [model_id for model_id in ids or () if model_id not in manager.catalog]
    if unknown:
        raise UserError("models_cli.unknown", ids=", ".join(unknown), valid=", ".join(sorted(manager.catalog)))


def cmd_list(args) -> int:
    manager = ModelManager()
    for model_id, entry in manager.catalog.items():
        state = manager.state(model_id)
        nc = "  NON-COMMERCIAL" if entry.non_commercial else ""
        print(f"{model_id:24} {state:10} {_size(entry.size):>9}  {entry.capability:22} {entry.licence}{nc}")
    return 0


def cmd_download(args) -> int:
    manager = ModelManager()
    _check_ids(manager, args.ids)
    os.environ.pop("HF_HUB_OFFLINE", None)
    for model_id in args.ids:
        print(f"{model_id}:")
        manager.download(model_id)
        print(f"{model_id}: installed in {manager.folder(model_id)}")
    return 0


def cmd_import(args) -> int:
    manager = ModelManager()
    _check_ids(manager, args.only)
    results = manager.import_dir(args.dir, only=args.only or None)
    if not results:
        print(f"No catalogue model was found complete under {args.dir}.")
        return 1
    return 0 if all(v == "imported" for v in results.values()) else 1


def cmd_verify(args) -> int:
    manager = ModelManager()
    _check_ids(manager, args.ids)
    ids = args.ids or [m for m in manager.catalog if manager.state(m) != "missing"]
    bad = 0
    for model_id in ids:
        problems = manager.verify(model_id)
        print(f"{model_id}: {'ok' if not problems else 'CORRUPT'}")
        for problem in problems:
            print(f"  {problem}")
        bad += bool(problems)
    return 1 if bad else 0


def register(sub) -> None:
    models = sub.add_parser("models", help="list, download, import and verify model weights")
    msub = models.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    p = msub.add_parser("list", help="every catalogue model with its state, size and licence")
    p.set_defaults(func=cmd_list)
    p = msub.add_parser("download", help="fetch models from their source (needs the network)")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.set_defaults(func=cmd_download)
    p = msub.add_parser("import", help="copy models from a folder (USB stick, network share)")
    p.add_argument("dir")
    p.add_argument("--only", nargs="*", metavar="ID")
    p.set_defaults(func=cmd_import)
    p = msub.add_parser("verify", help="check every installed file against its recorded sha256")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.set_defaults(func=cmd_verify)
