"""Works: a creation and what was printed from it (a painted portrait and its framed PDF and postcard, a restored
photo and its A4 sheet) are one work, shown as one card in the gallery with their files together.

A creation made from another one's picture says so in its params: ``"of"``, the path of that picture relative
to the store's files folder (:func:`source_param`). A creation made of others' pictures (a comic page of the
panels the AI drew, each recorded as a picture) lists them: ``"parts"`` (:func:`parts_param`); those pictures join
its card. Creations recorded before these links existed stand alone.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from .model import Artifact

SOURCE_PARAM = "of"
PARTS_PARAM = "parts"


def _relative(path: str | Path, root: Path) -> str | None:
    """`path` relative to the resolved folder `root` (POSIX form, as params keep it); None when it lies outside."""
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def source_param(picture: str | Path, files_dir: Path) -> dict[str, str]:
    """The params entry a creation made from `picture` carries: {"of": path relative to `files_dir`}; {} when the
    picture is not in the store (nothing to join)."""
    relative = _relative(picture, Path(files_dir).resolve())
    return {SOURCE_PARAM: relative} if relative is not None else {}


def parts_param(pictures: list[str | Path], files_dir: Path) -> dict[str, list[str]]:
    """The params entry of a creation made of `pictures`: {"parts": [paths relative to `files_dir`]} (the pictures
    in the store only); {} when none is."""
    parts = [part for picture in pictures if picture for part in source_param(picture, files_dir).values()]
    return {PARTS_PARAM: parts} if parts else {}


def made_of(pictures: list[str], ctx) -> dict[str, list[str]]:
    """The params entry of a creation a job makes of `pictures` (a comic page of its panels, a book of its pages'
    pictures): those of the gallery's pictures (kind « image ») of the job's owner in its workshop that are these
    files, or copies of them (same bytes: the comic page keeps its own copy of each panel). `ctx`: the job's context
    (store, workshop_id, owner)."""
    wanted = {file_digest(picture) for picture in pictures if picture} - {None}
    if not wanted or ctx.workshop_id is None:
        return {}
    found: dict[str, str] = {}
    for item in ctx.store.artifacts(workshop_id=ctx.workshop_id, owner=ctx.owner, kind="image"):
        for name, path in item.files.items():
            if digest_of(item, name) in wanted:
                found.setdefault(digest_of(item, name), path)
    return parts_param(list(found.values()), ctx.store.files_dir)


@dataclass
class Work:
    """One card of the gallery: `main` (the creation itself) then `extras` (what was printed from it, or the
    pictures it is made of; oldest first). `files`: name -> (the creation it belongs to, its path); the main's files
    first, then each extra's that is neither a preview of a print (a picture of a sheet) nor a copy of a file
    already there (the photo an A4 sheet shows); a name met again is numbered (« image », « image-2 »)."""

    main: Artifact
    extras: list[Artifact] = field(default_factory=list)

    @property
    def members(self) -> list[Artifact]:
        return [self.main, *self.extras]

    @property
    def title(self) -> str:
        """The creation's title, else the first one a print of it was given (a restored photo is named by the
        caption typed for its A4 sheet), else ""."""
        return next((member.title for member in self.members if (member.title or "").strip()), "")

    @functools.cached_property
    def files(self) -> dict[str, tuple[Artifact, str]]:
        merged = {name: (self.main, path) for name, path in self.main.files.items()}
        kept = {digest_of(self.main, name) for name in self.main.files} - {None}
        for extra in self.extras:
            for name, path in extra.files.items():
                if name.startswith("preview") or (digest := digest_of(extra, name)) in kept:
                    continue
                if digest is not None:
                    kept.add(digest)
                key, number = name, 1
                while key in merged:
                    number += 1
                    key = f"{name}-{number}"
                merged[key] = (extra, path)
        return merged


@functools.lru_cache(maxsize=4096)
def _digest_cached(path: str, size: int, mtime_ns: int) -> str | None:
    import hashlib

    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            while block := stream.read(1 << 20):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def file_digest(path: str | Path) -> str | None:
    """The SHA-256 (hex) of the file at `path`, None when it cannot be read. Read once per path, size and
    modification time in this process (a gallery of 12 MP scans is not read again at each page run)."""
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return _digest_cached(str(path), stat.st_size, stat.st_mtime_ns)


def digest_of(item: Artifact, name: str) -> str | None:
    """The SHA-256 of `item`'s file `name`: the one recorded with it (Store.add_artifact), else (a record older than
    the digests) file_digest; None when the file is missing."""
    recorded = (item.get("digests") or {}).get(name)
    if recorded and Path(item.files[name]).exists():
        return recorded
    return file_digest(item.files[name])


def works(artifacts: list[Artifact], files_dir: Path) -> list[Work]:
    """The artifacts grouped into works, in the order of each work's first member in `artifacts` (the store lists
    newest first: a portrait printed just now comes first with its print)."""
    root = Path(files_dir).resolve()
    owner_of_file = {_relative(path, root): item.id for item in artifacts for path in item.files.values()}
    owner_of_file.pop(None, None)
    by_id = {item.id: item for item in artifacts}
    parent = {item.id: owner_of_file.get((item.params or {}).get(SOURCE_PARAM)) for item in artifacts}
    for whole in sorted(artifacts, key=lambda a: a.id):  # a panel used by two pages joins the first
        for part in (whole.params or {}).get(PARTS_PARAM) or []:
            piece = owner_of_file.get(part)
            if piece is not None and piece != whole.id and parent.get(piece) is None:
                parent[piece] = whole.id

    def main_of(item_id: int) -> int:
        seen = {item_id}
        while (up := parent.get(item_id)) is not None and up not in seen and up in by_id:
            seen.add(up)
            item_id = up
        return item_id

    grouped: dict[int, Work] = {}
    for item in artifacts:
        main = main_of(item.id)
        grouped.setdefault(main, Work(by_id[main]))
    for item in sorted(artifacts, key=lambda a: a.id):
        main = main_of(item.id)
        if main != item.id:
            grouped[main].extras.append(item)
    return list(grouped.values())


def gallery_works(artifacts: list[Artifact], files_dir: Path) -> list[Work]:
    """The works the gallery shows: :func:`works` of every artifact but uploads (a photo or drawing brought in is
    what a creation was made from, not a creation). The console counts creations with the same list, so its number
    is the gallery's number of cards."""
    return works([item for item in artifacts if item.kind != "upload"], files_dir)
