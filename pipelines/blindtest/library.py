"""The library's packs on this machine: imported zips, packs being built, the starter pack.

Packs live in ``<data dir>/quiz-packs/<name>/`` (outside the retention purge: they are the
library's shared material, not a participant's creation). Each change of a pack writes its
media first, then its manifest atomically, under a lock, so a job adding an AI item and a page
adding an upload never lose each other's work.
"""
from __future__ import annotations

import fcntl
import re
import shutil
import tempfile
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..config import settings
from ..i18n import UserError
from ..store.files import write_bytes_atomic
from ..textfiles import decode_text, read_text
from . import pack as packs


@dataclass
class PackEntry:
    """A pack folder as the facilitator sees it: title, how many items, and what stops it being played."""

    folder: Path
    title: str
    items: list[dict]
    problems: list[packs.Problem]

    @property
    def playable(self) -> bool:
        return not self.problems

    @property
    def name(self) -> str:
        return self.folder.name


def slug(text: str) -> str:
    """A file-safe name from a title: 'Pack de l'été' -> 'pack-de-l-ete'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40] or "pack"


class PackLibrary:
    """List, import, build and export the packs of this machine."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root or settings().data_dir / "quiz-packs")
        self.root.mkdir(parents=True, exist_ok=True)

    # -- reading -------------------------------------------------------------------------------
    def entries(self) -> list[PackEntry]:
        """Every pack folder, the starter pack first, then by title."""
        found = []
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")):
            found.append(self.entry(folder))
        return sorted(found, key=lambda e: (not e.name.startswith("starter"), e.title.casefold()))

    def entry(self, folder: Path) -> PackEntry:
        folder = Path(folder)
        manifest = self._manifest(folder)
        problems = packs.check_folder(folder)
        title = str(manifest.get("title") or folder.name) if isinstance(manifest, dict) else folder.name
        items = manifest.get("items", []) if isinstance(manifest, dict) else []
        return PackEntry(folder, title, items if isinstance(items, list) else [], problems)

    @staticmethod
    def _manifest(folder: Path) -> dict:
        import json

        try:
            return json.loads(read_text(folder / packs.MANIFEST))
        except (OSError, ValueError):
            return {}

    def folder(self, name: str) -> Path:
        """The folder of a pack by its name, checked to stay inside the library."""
        path = (self.root / name).resolve()
        if path.parent != self.root.resolve() or not path.is_dir():
            raise UserError("quiz.pack.err_not_found", path=name)
        return path

    def _free_folder(self, title: str) -> Path:
        base = slug(title)
        candidate, number = self.root / base, 1
        while candidate.exists():
            number += 1
            candidate = self.root / f"{base}-{number}"
        return candidate

    # -- importing and exporting ---------------------------------------------------------------
    def import_zip(self, data: bytes | Path, name: str = "pack.zip") -> PackEntry:
        """Check a pack zip (bytes of an upload named `name`, or a path) and add it; a bad zip adds nothing.
        PackInvalid (err_not_zip naming the file) for a file that is not a zip: a table, a manifest alone."""
        with tempfile.TemporaryDirectory(dir=self.root, prefix=".import-") as tmp:
            path = Path(tmp) / (Path(name).name if isinstance(data, (bytes, bytearray)) else Path(data).name)
            if isinstance(data, (bytes, bytearray)):
                path.write_bytes(data)
            else:
                shutil.copyfile(data, path)
            unpacked = packs.unpack_zip(path, Path(tmp) / "pack")
            target = self._free_folder(unpacked.title)
            shutil.move(str(unpacked.folder), target)
        return self.entry(target)

    def export_zip(self, folder: Path, out_dir: Path | None = None) -> Path:
        """The pack as a zip to share with another library (checked first)."""
        folder = Path(folder)
        out_dir = Path(out_dir or self.root / ".exports")
        return packs.build_zip(folder, out_dir / f"{folder.name}.zip")

    # -- building ------------------------------------------------------------------------------
    def create(self, title: str, language: str = "fr") -> PackEntry:
        """A new, empty pack to fill in the builder."""
        title = " ".join(title.split())
        if not title:
            raise UserError("quiz.builder.err_no_title", field_key="quiz.builder.new_title")  # the box as labelled
        folder = self._free_folder(title)
        (folder / "media").mkdir(parents=True)
        packs.write_manifest(folder, packs.new_manifest(title, language))
        return self.entry(folder)

    @contextmanager
    def editing(self, folder: Path) -> Iterator[dict]:
        """Lock a pack, yield its manifest to change, then write it atomically."""
        folder = Path(folder)
        with open(folder / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            manifest = self._manifest(folder) or packs.new_manifest(folder.name)
            yield manifest
            packs.write_manifest(folder, manifest)

    def add_item(self, folder: Path, item: dict, data: bytes, extension: str) -> dict:
        """Add one item with its media bytes; checked alone first, so a bad item never spoils the pack."""
        folder = Path(folder)
        with self.editing(folder) as manifest:
            taken = {i.get("id") for i in manifest.get("items", [])}
            base = slug(item.get("id") or item.get("prompt") or item.get("credit") or item.get("media", "item"))
            item_id, number = base, 1
            while item_id in taken:
                number += 1
                item_id = f"{base}-{number}"
            item = {**item, "id": item_id, "file": f"media/{item_id}{extension.lower()}"}
            if item.get("media") == "text":  # stored as UTF-8 whatever the editor saved it in
                data = decode_text(data).encode("utf-8")
            alone = {**manifest, "title": manifest.get("title") or "pack", "items": [item]}
            problems = packs.check_manifest(alone, lambda name: data if name == item["file"] else None)
            if problems:
                raise packs.PackInvalid(problems)
            write_bytes_atomic(folder / item["file"], data)
            manifest.setdefault("items", []).append(item)
        return item

    def remove_item(self, folder: Path, item_id: str) -> None:
        """Take an item (and its media file) out of a pack."""
        folder = Path(folder)
        with self.editing(folder) as manifest:
            keep = [i for i in manifest.get("items", []) if i.get("id") != item_id]
            gone = [i for i in manifest.get("items", []) if i.get("id") == item_id]
            manifest["items"] = keep
        for item in gone:
            if packs.safe_member(item.get("file", "")):
                (folder / item["file"]).unlink(missing_ok=True)

    def delete(self, folder: Path) -> None:
        folder = Path(folder).resolve()
        if folder.parent == self.root.resolve():
            shutil.rmtree(folder, ignore_errors=True)
