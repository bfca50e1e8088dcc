"""Weights on disk: catalogue, download, import from a folder, sha256 lock files, verification."""
from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
import tomllib
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable

from ..config import settings
from ..i18n import UserError
from ..store.files import atomic_path
from ..textfiles import load_toml
from ..commands import studio

CATALOG_PATH = Path(__file__).with_name("catalog.toml")
LOCK_NAME = "atelier-lock.json"
STATES = ("installed", "missing", "partial", "corrupt")


@dataclass(frozen=True)
class ModelFile:
    path: str
    size: int | None = None
    size_approx: bool = False
    sha256: str | None = None
    sha256_source: str = ""
    md5: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ModelEntry:
    id: str
    capability: str
    backend: str
    what_fr: str
    what_en: str
    licence: str
    licence_url: str
    licence_verified: bool
    non_commercial: bool
    source: str
    files: tuple[ModelFile, ...]
    repo: str = ""
    revision: str = ""
    revision_note: str = ""
    variant: str = ""
    pipeline: str = ""
    licence_note_fr: str = ""  # what more there is to say about the licence, in each language
    licence_note_en: str = ""
    extra: dict = field(default_factory=dict)

    def what(self, language: str) -> str:
        return self.what_fr if language == "fr" else self.what_en

    def licence_note(self, language: str) -> str:
        return self.licence_note_fr if language == "fr" else self.licence_note_en

    def licence_text(self, language: str) -> str:
        """The licence names as written (« Apache-2.0 ») then the note in `language` ("fr", else English)
        after a dash; the note alone where no licence is named."""
        note = self.licence_note(language)
        return " — ".join(x for x in (self.licence, note) if x)

    @property
    def size(self) -> int:
        return sum(f.size or 0 for f in self.files)


def _entry(model_id: str, raw: dict) -> ModelEntry:
    known = set(ModelEntry.__dataclass_fields__) - {"id", "files", "extra"}
    files = tuple(ModelFile(**f) for f in raw.get("files", []))
    if not files:
        raise ValueError(f"catalogue entry {model_id!r} lists no files.")
    if raw.get("source") not in ("hf", "url", "local"):
        raise ValueError(f"catalogue entry {model_id!r}: source must be 'hf', 'url' or 'local' "
                         f"but is {raw.get('source')!r}.")
    values = {k: v for k, v in raw.items() if k in known}
    return ModelEntry(id=model_id, files=files, extra={k: v for k, v in raw.items() if k not in known and k != "files"},
                      **values)


def _signature(path: Path) -> tuple[str, int, int] | None:
    """(path, modification time in ns, size) of a file, None when there is none: a file edited reads again."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return str(path), stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=8)
def _catalog(shipped: tuple[str, int, int] | None, user: tuple[str, int, int] | None) -> dict[str, ModelEntry]:
    with open(CATALOG_PATH, "rb") as fh:
        raw = tomllib.load(fh)
    if user is not None:
        raw.update(load_toml(Path(user[0])))  # the library's own file, as Notepad saves it too
    return {model_id: _entry(model_id, value) for model_id, value in raw.items()}


def load_catalog(extra: Path | None = None) -> dict[str, ModelEntry]:
    """The shipped catalogue, plus a library's own entries in <data dir>/catalog.toml.

    Read once per version of the two files (a page asking which engines are installed read and parsed them 24 times
    a run: 1.2 s of a comic page's tap at load 10); a new dict each call, of the same (frozen) entries."""
    user = extra if extra is not None else Path(settings().data_dir) / "catalog.toml"
    return dict(_catalog(_signature(CATALOG_PATH), _signature(user)))


def sha256_of(path: Path, chunk: int = 1 << 22) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def md5_of(path: Path, chunk: int = 1 << 22) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


class ModelManager:
    """Where weights live (<models dir>/<id>/...) and whether they can be trusted."""

    def __init__(self, models_dir: Path | None = None, catalog: dict[str, ModelEntry] | None = None):
        self.models_dir = Path(models_dir or settings().models_path)
        self.catalog = catalog if catalog is not None else load_catalog()

    def entry(self, model_id: str) -> ModelEntry:
        if model_id not in self.catalog:
            raise KeyError(f"Unknown model {model_id!r}; valid ones are: {', '.join(sorted(self.catalog))}.")
        return self.catalog[model_id]

    def folder(self, model_id: str) -> Path:
        self.entry(model_id)
        return self.models_dir / model_id

    def lock(self, model_id: str) -> dict | None:
        path = self.folder(model_id) / LOCK_NAME
        if not path.exists():
            return None
        try:
            return json.loads(path.read_text())
        except (OSError, json.JSONDecodeError):
            return {"files": {}}

    # -- state ----------------------------------------------------------------------------
    def state(self, model_id: str) -> str:
        """installed | missing | partial | corrupt, from the lock and file sizes (no hashing)."""
        entry = self.entry(model_id)
        folder = self.folder(model_id)
        present = [f for f in entry.files if (folder / f.path).exists()]
        lock = self.lock(model_id)
        if not present and lock is None:
            return "missing"
        if lock is None or len(present) < len(entry.files):
            return "partial"
        for f in entry.files:
            recorded = lock.get("files", {}).get(f.path)
            if not recorded or (folder / f.path).stat().st_size != recorded.get("size"):
                return "corrupt"
        return "installed"

    def states(self) -> dict[str, str]:
        return {model_id: self.state(model_id) for model_id in self.catalog}

    def verify(self, model_id: str, derived: bool = True) -> list[str]:
        """Hash every file against the lock (and, with derived=True, the files made from them, e.g.
        OpenVINO IR); returns the problems (empty when all is well)."""
        entry = self.entry(model_id)
        folder = self.folder(model_id)
        lock = self.lock(model_id)
        if lock is None:
            return [f"{model_id}: not installed"]
        problems = []
        for f in entry.files:
            path = folder / f.path
            recorded = lock.get("files", {}).get(f.path)
            if not path.exists():
                problems.append(f"{model_id}/{f.path}: missing")
            elif not recorded:
                problems.append(f"{model_id}/{f.path}: not in the lock file")
            elif self._hash(path) != recorded["sha256"]:
                problems.append(f"{model_id}/{f.path}: sha256 differs from the one recorded at install")
        fingerprint = _fingerprint(lock)
        for rel, recorded in (lock.get("derived", {}) if derived else {}).items():
            if recorded.get("from") != fingerprint:
                continue  # made from files since replaced: unused, remade on next use
            path = folder / rel
            if not path.exists():
                problems.append(f"{model_id}/{rel}: missing (made by {recorded.get('made_by', '?')})")
            elif self._hash(path) != recorded["sha256"]:
                problems.append(f"{model_id}/{rel}: sha256 differs from the one recorded when it was made")
        return problems

    # -- files made from a model (e.g. OpenVINO IR converted from the weights) -----------------
    def record_derived(self, model_id: str, paths: Iterable[str], made_by: str) -> None:
        """Record files made from an installed model (paths relative to its folder) with their sha256
        in its lock file, tied to the installed files (a reinstall makes them stale)."""
        lock = self.lock(model_id)
        if lock is None:
            raise UserError("errors.model_state", model=model_id, state=self.state(model_id),
                            command=studio(f"models download {model_id}"))
        folder = self.folder(model_id)
        derived = lock.setdefault("derived", {})
        for rel in paths:
            path = folder / rel
            derived[rel] = {"sha256": self._hash(path), "size": path.stat().st_size, "made_by": made_by,
                            "made_at": datetime.now().isoformat(timespec="seconds"), "from": _fingerprint(lock)}
        with atomic_path(folder / LOCK_NAME) as tmp:
            tmp.write_text(json.dumps(lock, indent=2))

    def derived_ready(self, model_id: str, paths: Iterable[str]) -> bool:
        """True when every file was made from the installed files and recorded (no hashing: see
        verified_derived); False means it still has to be made."""
        lock = self.lock(model_id) or {}
        derived, fingerprint = lock.get("derived", {}), _fingerprint(lock)
        return all(derived.get(rel, {}).get("from") == fingerprint for rel in paths)

    def verified_derived(self, model_id: str, paths: Iterable[str]) -> Path:
        """The model's folder after checking its files and the files made from it against the lock;
        a made file that changed is refused like a changed weight file."""
        folder = self.verified_path(model_id)
        lock = self.lock(model_id) or {}
        problems = []
        for rel in paths:
            recorded = lock.get("derived", {}).get(rel)
            path = folder / rel
            if not recorded:
                problems.append(f"{model_id}/{rel}: not in the lock file")
            elif not path.exists():
                problems.append(f"{model_id}/{rel}: missing")
            elif path.stat().st_size != recorded["size"] or self._hash(path) != recorded["sha256"]:
                problems.append(f"{model_id}/{rel}: sha256 differs from the one recorded when it was made")
        if problems:
            raise UserError("errors.model_corrupt", model=model_id, detail="; ".join(problems),
                            command=studio(f"models convert {model_id}"))
        return folder

    def _hash(self, path: Path) -> str:
        # Hashed every time: a file rewritten with the same size and mtime (os.utime) is still caught.
        return sha256_of(path)

    def verified_path(self, model_id: str) -> Path:
        """The model's folder after checking every file's sha256 against the lock (for load())."""
        state = self.state(model_id)
        if state != "installed":
            raise UserError("errors.model_state", model=model_id, state=state,
                            command=studio(f"models download {model_id}"))
        problems = self.verify(model_id, derived=False)
        if problems:
            raise UserError("errors.model_corrupt", model=model_id, detail="; ".join(problems),
                            command=studio(f"models download {model_id}"))
        return self.folder(model_id)

    # -- install --------------------------------------------------------------------------
    def _check_expected(self, entry: ModelEntry, f: ModelFile, path: Path, sha: str) -> None:
        if f.sha256 and sha != f.sha256:
            raise UserError("errors.model_hash_mismatch", model=entry.id, file=f.path, expected=f.sha256, got=sha)
        if f.md5 and md5_of(path) != f.md5:
            raise UserError("errors.model_hash_mismatch", model=entry.id, file=f.path, expected=f"md5 {f.md5}",
                            got=f"md5 {md5_of(path)}")
        if f.size and not f.size_approx and path.stat().st_size != f.size:
            raise UserError("errors.model_size_mismatch", model=entry.id, file=f.path, expected=f.size,
                            got=path.stat().st_size)

    def _write_lock(self, entry: ModelEntry, how: str, origin: str, folder: Path | None = None) -> None:
        folder = folder or self.folder(entry.id)
        files = {}
        for f in entry.files:
            path = folder / f.path
            files[f.path] = {"sha256": self._hash(path), "size": path.stat().st_size}
        lock = {"id": entry.id, "source": entry.source, "repo": entry.repo, "revision": entry.revision,
                "installed_by": how, "origin": origin, "installed_at": datetime.now().isoformat(timespec="seconds"),
                "files": files}
        with atomic_path(folder / LOCK_NAME) as tmp:
            tmp.write_text(json.dumps(lock, indent=2))

    def install_file(self, entry: ModelEntry, f: ModelFile, source: Path, folder: Path | None = None) -> None:
        """Copy one file into place (temp name + rename) after checking it against the catalogue."""
        target = (folder or self.folder(entry.id)) / f.path
        with atomic_path(target) as tmp:
            shutil.copyfile(source, tmp)
            self._check_expected(entry, f, tmp, sha256_of(tmp))

    def download(self, model_id: str, report: Callable[[str], None] = print) -> Path:
        """Fetch a model from its source (Hugging Face or a release URL); needs the network."""
        entry = self.entry(model_id)
        folder = self.folder(model_id)
        folder.mkdir(parents=True, exist_ok=True)
        for f in entry.files:
            target = folder / f.path
            if target.exists() and f.sha256 and self._hash(target) == f.sha256:
                report(f"  {f.path}: already here")
                continue
            report(f"  {f.path} ...")
            with atomic_path(target) as tmp:
                if entry.source == "hf":
                    _hf_download(entry, f, tmp)
                elif entry.source == "url":
                    _url_download(f.url or "", tmp)
                else:
                    raise UserError("errors.model_local_only", model=model_id)
                self._check_expected(entry, f, tmp, sha256_of(tmp))
        self._write_lock(entry, "download", entry.repo or "url")
        return folder

    def import_dir(self, source: Path, only: Iterable[str] | None = None,
                   report: Callable[[str], None] = print) -> dict[str, str]:
        """Copy every catalogue model whose files are all found under `source` (USB stick, share)."""
        source = Path(source)
        if not source.is_dir():
            raise UserError("errors.import_not_dir", path=str(source))
        by_name: dict[str, list[Path]] = {}
        for path in source.rglob("*"):
            if path.is_file():
                by_name.setdefault(path.name, []).append(path)
        results: dict[str, str] = {}
        for model_id, entry in self.catalog.items():
            if only and model_id not in only:
                continue
            found = _find_root(source, model_id, entry, by_name)
            if found is None:
                continue
            try:
                self._import_model(entry, found, source)
                results[model_id] = "imported"
                report(f"{model_id}: imported")
            except UserError as exc:
                results[model_id] = f"refused: {exc}"
                report(f"{model_id}: refused: {exc}")
        return results

    def _import_model(self, entry: ModelEntry, found: dict[str, Path], source: Path) -> None:
        """All or nothing: every file is copied and checked in a staging folder beside the model's, with
        its lock; only then does the staging folder replace the model's. A refusal leaves no file behind
        (a "missing" model stays missing, an installed one stays as it was)."""
        root = source.resolve()
        for f in entry.files:
            path = found[f.path]
            if path.is_symlink() or any(p.is_symlink() for p in path.parents if p.is_relative_to(source)) \
                    or not path.resolve().is_relative_to(root):
                raise UserError("errors.import_symlink", file=str(path))
        self.models_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".import-{entry.id}-", dir=self.models_dir))
        try:
            for f in entry.files:
                self.install_file(entry, f, found[f.path], folder=staging)
            self._write_lock(entry, "import", str(source), folder=staging)
            target = self.folder(entry.id)
            old = None
            if target.exists():
                old = target.with_name(f".old-{entry.id}-{staging.name[-8:]}")
                os.replace(target, old)
            os.replace(staging, target)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def remove(self, model_id: str) -> None:
        shutil.rmtree(self.folder(model_id), ignore_errors=True)


def _fingerprint(lock: dict) -> str:
    """A digest of the installed files' recorded hashes: what derived files were made from."""
    files = {k: v.get("sha256") for k, v in sorted(lock.get("files", {}).items())}
    return hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]


def _find_root(source: Path, model_id: str, entry: ModelEntry, by_name: dict[str, list[Path]]) -> dict | None:
    """A folder under `source` holding every file of the entry at its catalogue path, or None."""
    roots = [source / model_id, source]
    for f in entry.files:
        for hit in by_name.get(Path(f.path).name, []):
            text = hit.as_posix()
            if text.endswith("/" + f.path):
                roots.append(Path(text[: -len(f.path)]))
    for root in dict.fromkeys(roots):
        if all((root / f.path).is_file() for f in entry.files):
            return {f.path: root / f.path for f in entry.files}
    return None


def _hf_download(entry: ModelEntry, f: ModelFile, target: Path) -> None:
    os.environ.pop("HF_HUB_OFFLINE", None)
    from huggingface_hub import hf_hub_download

    cached = hf_hub_download(repo_id=entry.repo, filename=f.path, revision=entry.revision or None)
    shutil.copyfile(cached, target)


def _url_download(url: str, target: Path) -> None:
    if not url.startswith("https://"):
        raise ValueError(f"download URLs must be https:// but this one is {url!r}.")
    with urllib.request.urlopen(url, timeout=60) as response, open(target, "wb") as out:  # noqa: S310 (https only)
        shutil.copyfileobj(response, out, length=1 << 20)
