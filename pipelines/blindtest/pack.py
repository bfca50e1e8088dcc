"""Content packs: a folder or a zip with manifest.json listing the quiz items; checked precisely.

manifest.json::

    {"format": "atelier-quiz-pack", "version": 1, "title": "...", "language": "fr",
     "items": [{"id": "cat-comic", "mode": "which_prompt", "media": "image",
                "file": "media/cat-comic.png", "truth": "ai", "model": "...", "prompt": "...",
                "choices": ["...", "...", "...", "..."], "answer": 0,
                "credit": "...", "licence": "...", "explanation": "..."}]}

Modes: ``ai_or_human`` (players answer AI or human), ``which_prompt`` (players pick the prompt
that made an AI item), ``music`` (players guess the genre, mood or instrument of an AI clip).
A human work always carries its credit and licence.
"""
from __future__ import annotations

import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..i18n import UserError, translate

MANIFEST = "manifest.json"
FORMAT = "atelier-quiz-pack"
VERSION = 1
MODES = ("ai_or_human", "which_prompt", "music")
MEDIA = ("image", "text", "audio")
TRUTHS = ("ai", "human")
EXTENSIONS = {"image": (".png", ".jpg", ".jpeg", ".webp"), "audio": (".wav", ".ogg", ".mp3"), "text": (".txt", ".md")}
MAX_BYTES = {"image": 12_000_000, "audio": 20_000_000, "text": 20_000}
MAX_PACK_BYTES = 300_000_000
MAX_ITEMS = 200
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class Problem:
    """One precise thing wrong with a pack: a locale key and its parameters."""

    key: str
    params: dict = field(default_factory=dict)

    def text(self, language: str = "fr") -> str:
        return translate(self.key, language, **self.params)


class PackInvalid(UserError):
    """A pack that cannot be played; `problems` lists everything wrong, not only the first thing."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = problems[0]
        super().__init__("quiz.pack.invalid", count=len(problems), first=translate(first.key, "fr", **first.params))

    def message(self, language: str = "fr") -> str:
        first = self.problems[0]
        return translate("quiz.pack.invalid", language, count=len(self.problems), first=first.text(language))


@dataclass
class Pack:
    """A checked pack, unpacked in `folder`."""

    folder: Path
    manifest: dict

    @property
    def title(self) -> str:
        return self.manifest["title"]

    @property
    def items(self) -> list[dict]:
        return self.manifest["items"]

    def media_path(self, item: dict) -> Path:
        return self.folder / item["file"]

    def modes(self) -> dict[str, int]:
        """How many items each mode has."""
        counts: dict[str, int] = {}
        for item in self.items:
            counts[item["mode"]] = counts.get(item["mode"], 0) + 1
        return counts


# -- reading ---------------------------------------------------------------------------------------
def _sniff_media(data: bytes) -> str | None:
    """The media type named by a file's first bytes (file names are not trusted)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff") or \
            (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    if (data[:4] == b"RIFF" and data[8:12] == b"WAVE") or data.startswith(b"OggS") or data.startswith(b"ID3") or \
            (len(data) > 1 and data[0] == 0xFF and (data[1] & 0xE0) == 0xE0):
        return "audio"
    return None


def safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not (path.is_absolute() or ".." in path.parts or "\\" in name or name.startswith("/"))


def check_manifest(manifest, read_file) -> list[Problem]:
    """Every problem of a manifest; `read_file(relpath)` returns the bytes of a pack file or None."""
    problems: list[Problem] = []
    if not isinstance(manifest, dict):
        return [Problem("quiz.pack.err_manifest_shape")]
    if manifest.get("format") != FORMAT:
        problems.append(Problem("quiz.pack.err_format", {"found": str(manifest.get("format")), "expected": FORMAT}))
    if manifest.get("version") != VERSION:
        problems.append(Problem("quiz.pack.err_version", {"found": str(manifest.get("version")), "expected": VERSION}))
    if not str(manifest.get("title", "")).strip():
        problems.append(Problem("quiz.pack.err_title"))
    items = manifest.get("items")
    if not isinstance(items, list) or not items:
        problems.append(Problem("quiz.pack.err_no_items"))
        return problems
    if len(items) > MAX_ITEMS:
        problems.append(Problem("quiz.pack.err_too_many", {"count": len(items), "max": MAX_ITEMS}))
    seen: set[str] = set()
    total = 0
    for number, item in enumerate(items, start=1):
        found, size = _check_item(number, item, read_file, seen)
        problems += found
        total += size
    if total > MAX_PACK_BYTES:
        problems.append(Problem("quiz.pack.err_pack_size",
                                {"mb": round(total / 1e6), "max": MAX_PACK_BYTES // 1_000_000}))
    return problems


def _check_item(number: int, item, read_file, seen: set[str]) -> tuple[list[Problem], int]:
    if not isinstance(item, dict):
        return [Problem("quiz.pack.err_item_shape", {"n": number})], 0
    where = {"n": number, "id": str(item.get("id", "?"))}
    problems: list[Problem] = []

    def bad(key: str, **params):
        problems.append(Problem(key, {**where, **params}))

    item_id = item.get("id")
    if not isinstance(item_id, str) or not ID_PATTERN.match(item_id):
        bad("quiz.pack.err_id", found=str(item_id))
    elif item_id in seen:
        bad("quiz.pack.err_id_twice")
    else:
        seen.add(item_id)
    mode, media, truth = item.get("mode"), item.get("media"), item.get("truth")
    if mode not in MODES:
        bad("quiz.pack.err_field", field="mode", found=str(mode), expected=" | ".join(MODES))
    if media not in MEDIA:
        bad("quiz.pack.err_field", field="media", found=str(media), expected=" | ".join(MEDIA))
    if truth not in TRUTHS:
        bad("quiz.pack.err_field", field="truth", found=str(truth), expected=" | ".join(TRUTHS))
    if truth == "human":
        for name in ("credit", "licence"):
            if not str(item.get(name, "")).strip():
                bad("quiz.pack.err_human_credit", field=name)
    if mode in ("which_prompt", "music"):
        if truth != "ai":
            bad("quiz.pack.err_mode_needs_ai", mode=mode)
        choices, answer = item.get("choices"), item.get("answer")
        if not isinstance(choices, list) or not 2 <= len(choices) <= 4 or \
                not all(isinstance(c, str) and c.strip() for c in choices):
            bad("quiz.pack.err_choices", found=str(len(choices)) if isinstance(choices, list) else "0")
        elif len({c.strip().casefold() for c in choices}) != len(choices):
            bad("quiz.pack.err_choices_twice")
        elif not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer < len(choices):
            bad("quiz.pack.err_answer", found=str(answer), last=len(choices) - 1)
    if mode == "music" and media != "audio":
        bad("quiz.pack.err_music_audio", found=str(media))
    _check_file(item, media, read_file, bad)
    return problems, _file_size(item, read_file)


def _file_size(item: dict, read_file) -> int:
    name = item.get("file")
    data = read_file(name) if isinstance(name, str) and safe_member(name) else None
    return len(data) if data else 0


def _check_file(item: dict, media, read_file, bad) -> None:
    """Report (through `bad`) what is wrong with an item's file: path, extension, size, content."""
    name = item.get("file")
    if not isinstance(name, str) or not name.strip():
        bad("quiz.pack.err_no_file")
        return
    if not safe_member(name):
        bad("quiz.pack.err_unsafe_path", file=name)
        return
    if media in EXTENSIONS and PurePosixPath(name).suffix.lower() not in EXTENSIONS[media]:
        bad("quiz.pack.err_extension", file=name, media=media, expected=" ".join(EXTENSIONS[media]))
    data = read_file(name)
    if data is None:
        bad("quiz.pack.err_missing_file", file=name)
        return
    if media in MAX_BYTES and len(data) > MAX_BYTES[media]:
        bad("quiz.pack.err_file_size", file=name, kb=len(data) // 1000, max=MAX_BYTES[media] // 1000)
    if not data:
        bad("quiz.pack.err_empty_file", file=name)
    elif media == "text":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad("quiz.pack.err_text_utf8", file=name, position=exc.start)
    elif media in ("image", "audio") and _sniff_media(data) != media:
        bad("quiz.pack.err_content", file=name, media=media)


def _parse_manifest(raw: bytes | None) -> tuple[dict | None, list[Problem]]:
    if raw is None:
        return None, [Problem("quiz.pack.err_no_manifest", {"name": MANIFEST})]
    try:
        return json.loads(raw.decode("utf-8")), []
    except UnicodeDecodeError:
        return None, [Problem("quiz.pack.err_manifest_utf8")]
    except json.JSONDecodeError as exc:
        return None, [Problem("quiz.pack.err_manifest_json", {"line": exc.lineno, "column": exc.colno,
                                                              "detail": exc.msg})]


def check_folder(folder: Path) -> list[Problem]:
    """Every problem of a pack folder (empty list = playable)."""
    folder = Path(folder)
    if not folder.is_dir():
        return [Problem("quiz.pack.err_not_found", {"path": str(folder)})]
    manifest_path = folder / MANIFEST
    manifest, problems = _parse_manifest(manifest_path.read_bytes() if manifest_path.is_file() else None)
    if problems:
        return problems

    def read_file(name: str) -> bytes | None:
        path = folder / name
        return path.read_bytes() if path.is_file() else None

    return check_manifest(manifest, read_file)


def _zip_problems(archive: zipfile.ZipFile) -> list[Problem]:
    problems = []
    total = 0
    for info in archive.infolist():
        if not safe_member(info.filename):
            problems.append(Problem("quiz.pack.err_unsafe_path", {"n": 0, "id": "zip", "file": info.filename}))
        total += info.file_size
    if total > MAX_PACK_BYTES:
        problems.append(Problem("quiz.pack.err_pack_size",
                                {"mb": round(total / 1e6), "max": MAX_PACK_BYTES // 1_000_000}))
    return problems


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise PackInvalid([Problem("quiz.pack.err_not_zip", {"path": Path(path).name})]) from None


def check_zip(path: Path) -> list[Problem]:
    """Every problem of a pack zip, read without unpacking it (sizes are checked first)."""
    path = Path(path)
    if not path.is_file():
        return [Problem("quiz.pack.err_not_found", {"path": str(path)})]
    try:
        archive = _open_zip(path)
    except PackInvalid as exc:
        return exc.problems
    with archive:
        problems = _zip_problems(archive)
        if problems:
            return problems
        names = set(archive.namelist())
        manifest, problems = _parse_manifest(archive.read(MANIFEST) if MANIFEST in names else None)
        if problems:
            return problems
        return check_manifest(manifest, lambda name: archive.read(name) if name in names else None)


def check(path: Path) -> list[Problem]:
    """Every problem of a pack folder or zip."""
    return check_folder(path) if Path(path).is_dir() else check_zip(path)


def load_folder(folder: Path) -> Pack:
    """A checked pack from its folder; raises PackInvalid listing every problem."""
    problems = check_folder(folder)
    if problems:
        raise PackInvalid(problems)
    return Pack(Path(folder), json.loads((Path(folder) / MANIFEST).read_text("utf-8")))


def unpack_zip(path: Path, target: Path) -> Pack:
    """Check a pack zip, then extract it into `target` (created; replaced only when the pack is good)."""
    problems = check_zip(path)
    if problems:
        raise PackInvalid(problems)
    target = Path(target)
    tmp = target.with_name(f".{target.name}.part")
    shutil.rmtree(tmp, ignore_errors=True)
    with _open_zip(path) as archive:
        archive.extractall(tmp)
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return load_folder(target)


def build_zip(folder: Path, out: Path) -> Path:
    """Check a pack folder and write it as a zip with only the manifest and the files it names."""
    pack = load_folder(folder)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(pack.manifest, ensure_ascii=False, indent=2))
        for name in dict.fromkeys(item["file"] for item in pack.items):
            archive.write(pack.folder / name, name)
    tmp.replace(out)
    return out


def new_manifest(title: str, language: str = "fr") -> dict:
    """An empty manifest to fill with items."""
    return {"format": FORMAT, "version": VERSION, "title": title, "language": language, "items": []}


def write_manifest(folder: Path, manifest: dict) -> None:
    """Write manifest.json atomically."""
    from ..store.files import write_bytes_atomic

    write_bytes_atomic(Path(folder) / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
