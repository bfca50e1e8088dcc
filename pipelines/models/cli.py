"""`python -m pipelines models list | download ID... | import DIR | verify [ID...] | convert ID...`."""
from __future__ import annotations

import os

from ..i18n import UserError
from .manager import ModelManager
from ..commands import pip_install


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
        print(f"{model_id:24} {state:10} {_size(entry.size):>9}  {entry.capability:22} {entry.licence_text('en')}{nc}")
    return 0


def cmd_download(args) -> int:
    manager = ModelManager()
    _check_ids(manager, args.ids)
    os.environ.pop("HF_HUB_OFFLINE", None)
    for model_id in args.ids:
        print(f"{model_id}:")
        manager.download(model_id)
        print(f"{model_id}: installed in {manager.folder(model_id)}")
        _convert_for_engine(manager, model_id)
    return 0


def cmd_import(args) -> int:
    manager = ModelManager()
    _check_ids(manager, args.only)
    results = manager.import_dir(args.dir, only=args.only or None)
    if not results:
        print(f"No catalogue model was found complete under {args.dir}.")
        return 1
    for model_id, result in results.items():
        if result == "imported":
            _convert_for_engine(manager, model_id)
    return 0 if all(v == "imported" for v in results.values()) else 1


def _convertible(manager: ModelManager, model_id: str) -> bool:
    """A model the OpenVINO engine converts: SD 1.x / 2.x and library SDXL folders, TAESD / TAESDXL,
    MusicGen small."""
    from ..imagegen.openvino_engine import parts_of
    from ..music.openvino_musicgen import MODEL_ID as MUSIC

    return bool(parts_of(manager.entry(model_id))) or model_id == MUSIC


def _convert_for_engine(manager: ModelManager, model_id: str, force: bool = False) -> bool:
    """After an install: convert a picture model or MusicGen for the OpenVINO engine when that engine
    is the one this machine uses (installed, CPU); the first picture or piece would do it otherwise."""
    from ..config import settings
    from ..device import probe
    from ..imagegen.openvino_engine import convert_installed, is_converted, openvino_installed
    from ..music import openvino_musicgen as music

    if not _convertible(manager, model_id):
        return False
    if not force and (settings().engine == "pytorch" or probe().kind != "cpu" or not openvino_installed()):
        return False
    if model_id == music.MODEL_ID:
        from ..photo.openvino_runner import precision

        done, convert = music.is_converted(precision(), model_id, manager), music.convert_installed
    else:
        done, convert = is_converted(model_id, manager), convert_installed
    if not force and done:
        print(f"{model_id}: OpenVINO files already made")
        return True
    print(f"{model_id}: converting for OpenVINO (up to a few minutes) ...", flush=True)
    paths = convert(model_id, report=lambda f, key: print(f"  {round(f * 100):3d} %  {key}", flush=True),
                              manager=manager)
    print(f"{model_id}: OpenVINO files recorded in its lock: {', '.join(paths)}")
    return True


def cmd_convert(args) -> int:
    from ..imagegen.openvino_engine import openvino_installed, parts_of

    manager = ModelManager()
    _check_ids(manager, args.ids)
    if not openvino_installed():
        print(f"OpenVINO is not installed: {pip_install()}")
        return 1
    bad = 0
    for model_id in args.ids:
        if not _convertible(manager, model_id):
            print(f"{model_id}: the OpenVINO engine does not run this model (SD 1.x / 2.x and library SDXL "
                  "folders, TAESD / TAESDXL, musicgen-small).")
            bad += 1
            continue
        _convert_for_engine(manager, model_id, force=True)
        if args.int8 and parts_of(manager.entry(model_id))[0] == "unet":
            from ..imagegen.openvino_engine import compress_installed

            print(f"{model_id}: int8 weights (NNCF) ...", flush=True)
            print(f"{model_id}: recorded {', '.join(compress_installed(model_id, manager=manager))}")
    return 1 if bad else 0


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
    p = msub.add_parser("convert", help="(re)make the OpenVINO files of SD folders, TAESD and MusicGen small")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--int8", action="store_true", help="also the int8 weights of the UNet (NNCF)")
    p.set_defaults(func=cmd_convert)
