"""Content packs: a folder or a zip with manifest.json listing the quiz items; checked precisely.

manifest.json::

    {"format": "atelier-quiz-pack", "version": 1, "title": "...", "language": "fr",
     "items": [{"id": "cat-comic", "mode": "which_prompt", "media": "image",
                "file": "media/cat-comic.png", "truth": "ai", "model": "...", "prompt": "...",
                "choices": ["...", "...", "...", "..."], "answer": 0,
                "credit": "...", "licence": "...", "explanation": "..."}]}

Truths: ``ai`` (made by an AI model, named in ``model``), ``human`` (made by a person, with credit and
licence), ``program`` (made by a computer program that is not AI, e.g. the studio's CPU stylisation or
procedural composer: labels never claim AI where there was none).
Modes: ``ai_or_human`` (players answer AI or human: the item is ``ai`` or ``human``), ``which_prompt``
(players pick the prompt, or the instructions of a program, that made the item), ``music`` (players guess
the genre, mood or instrument of a made clip).
"""
from __future__ import annotations

import json
import re
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..i18n import UserError, translate
from ..textfiles import decode_text

MANIFEST = "manifest.json"
FORMAT = "atelier-quiz-pack"
VERSION = 1
MODES = ("ai_or_human", "which_prompt", "music")
MEDIA = ("image", "text", "audio")
TRUTHS = ("ai", "human", "program")
MADE = ("ai", "program")  # truths of items made by a machine (which_prompt and music modes)
EXTENSIONS = {"image": (".png", ".jpg", ".jpeg", ".webp"), "audio": (".wav", ".ogg", ".mp3"), "text": (".txt", ".md")}
MAX_BYTES = {"image": 12_000_000, "audio": 20_000_000, "text": 20_000}
MAX_PACK_BYTES = 300_000_000
MAX_ITEMS = 200
# A zip is read member by member, never extracted as a whole: at most this many entries (the manifest,
# up to MAX_ITEMS files, folders and clutter such as __MACOSX), and no member that inflates more than
# MAX_RATIO times (media files are already compressed: a real PNG, JPEG or MP3 barely shrinks in a zip).
MAX_ENTRIES = 4 * MAX_ITEMS + 50
MAX_RATIO = 100
MAX_MANIFEST_BYTES = 2_000_000
# Pictures shown on the projector: checked by the upload sanitiser, then stored at most this size.
MAX_PICTURE_MEGAPIXELS = 24
PICTURE_SIDE_PX = 2048
CLUTTER = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class Problem:
    """One precise thing wrong with a pack: a locale key and its parameters."""

    key: str
    params: dict = field(default_factory=dict)

    def text(self, language: str = "fr") -> str:
        """The sentence; a nested reason (`reason_key` + `reason_params`, e.g. the upload sanitiser's
        refusal) is translated into `{reason}` by `translate`."""
        return translate(self.key, language, **self.params)


class PackInvalid(UserError):
    """A pack that cannot be played; `problems` lists everything wrong, not only the first thing."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = problems[0]
        super().__init__("quiz.pack.invalid", count=len(problems), first=first.text("fr"))

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
        """The item's file (named as the manifest writes it: NFC, any case on a folder made on Windows)."""
        name = pack_name(item["file"])
        return _folder_member(self.folder, name) or self.folder / name

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


def pack_name(name: str) -> str:
    """A file name written in a manifest as the pack means it: NFC, "\\" read as folders (a path typed on Windows,
    « media\\chat.png »), a leading « ./ » and doubled slashes dropped. « ..\\x » stays a path that leaves the pack."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/")
    parts = [part for part in name.split("/") if part not in ("", ".")]
    return ("/" if name.startswith("/") else "") + "/".join(parts)


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
        for name in ("credit", "licence"):  # named as the builder's boxes are labelled, in the reader's language
            if not str(item.get(name, "")).strip():
                bad("quiz.pack.err_human_credit", field_key=f"quiz.builder.{name}")
    if mode == "ai_or_human" and truth == "program":
        bad("quiz.pack.err_program_ai_or_human")
    if mode in ("which_prompt", "music"):
        if truth not in MADE:
            bad("quiz.pack.err_mode_needs_ai", mode=mode)
        choices, answer = item.get("choices"), item.get("answer")
        if not isinstance(choices, list) or not 2 <= len(choices) <= 4 or \
                not all(isinstance(c, str) and c.strip() for c in choices):
            bad("quiz.pack.err_choices", found=str(len(choices)) if isinstance(choices, list) else "0")
        elif len({unicodedata.normalize("NFC", c).strip().casefold() for c in choices}) != len(choices):
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
    elif media in ("image", "audio") and _sniff_media(data) != media:
        bad("quiz.pack.err_content", file=name, media=media)
    elif media == "image":
        from ..safety.uploads import sanitize_image

        try:  # the same door as an upload: pixel limit (a larger panorama is brought down, as it is stored), bombs
            sanitize_image(data, max_bytes=MAX_BYTES["image"], max_megapixels=MAX_PICTURE_MEGAPIXELS, downscale=True)
        except UserError as exc:
            bad("quiz.pack.err_picture", file=name, reason_key=exc.key, reason_params=dict(exc.params))


def _parse_manifest(raw: bytes | None) -> tuple[dict | None, list[Problem]]:
    if raw is None:
        return None, [Problem("quiz.pack.err_no_manifest", {"name": MANIFEST})]
    try:  # saved by any editor: UTF-8 with or without a BOM, UTF-16, Notepad's "ANSI" (textfiles.decode_text)
        manifest = json.loads(decode_text(raw))
    except json.JSONDecodeError as exc:
        return None, [Problem("quiz.pack.err_manifest_json", {"line": exc.lineno, "column": exc.colno,
                                                              "detail": exc.msg})]
    manifest = _nfc(manifest)  # typed on a Mac: « é » as « e » + U+0301, twin of a typed « é » in every comparison
    items = manifest.get("items") if isinstance(manifest, dict) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("file"), str):
            item["file"] = pack_name(item["file"])
    return manifest, []


def pack_folder(folder: Path) -> tuple[Path, Path | None, list[str]]:
    """(the folder that holds the pack, its manifest file or None, the folders of every manifest found) for a
    folder handed in: itself, or the folder inside it where its manifest is (find_manifest: a Finder zip unpacked
    into a folder of its own, « Animaux/Animaux/manifest.json »). At most MAX_ENTRIES files are looked at."""
    folder = Path(folder)
    if (folder / MANIFEST).is_file():
        return folder, folder / MANIFEST, [""]
    names = []
    for path in folder.rglob("*"):
        name = path.relative_to(folder).as_posix()
        if len(names) >= MAX_ENTRIES:
            break
        if path.is_file() and not _is_clutter(name):
            names.append(name)
    manifest, folders = find_manifest(names)
    if not manifest:
        return folder, None, folders
    return (folder / manifest).parent, folder / manifest, folders


def _nfc(value):
    """Every string of a manifest (keys and values, at any depth) in NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    return value


def check_folder(folder: Path) -> list[Problem]:
    """Every problem of a pack folder (empty list = playable); the pack may be in a folder inside it (pack_folder)."""
    folder = Path(folder)
    if not folder.is_dir():
        return [Problem("quiz.pack.err_not_found", {"path": str(folder)})]
    folder, manifest_path, folders = pack_folder(folder)
    if manifest_path is None and len(folders) > 1:
        return [Problem("quiz.pack.err_manifests", {"name": MANIFEST, "folders": ", ".join(
            f or "/" for f in folders[:5])})]
    manifest, problems = _parse_manifest(manifest_path.read_bytes() if manifest_path is not None else None)
    if problems:
        return problems

    def read_file(name: str) -> bytes | None:
        path = _folder_member(folder, name)
        return path.read_bytes() if path is not None else None

    return check_manifest(manifest, read_file)


def _folder_member(folder: Path, name: str) -> Path | None:
    """The file of a pack folder named `name` in the manifest, compared after NFC (a folder copied from a
    Mac holds decomposed names); None when absent or when it would leave the folder."""
    if not safe_member(name):
        return None
    path = folder / name
    if path.is_file():
        return path
    wanted = [unicodedata.normalize("NFC", part) for part in PurePosixPath(name).parts]
    current = folder
    for part in wanted:
        if not current.is_dir():
            return None
        children = list(current.iterdir())
        current = next((child for child in children if unicodedata.normalize("NFC", child.name) == part), None)
        if current is None:  # « Media/Chat.PNG » for media/chat.png: one file on Windows, where the pack was made
            same = [child for child in children
                    if unicodedata.normalize("NFC", child.name).casefold() == part.casefold()]
            current = same[0] if len(same) == 1 else None
        if current is None:
            return None
    return current if current.is_file() else None


def member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name as the pack means it: bytes written without the UTF-8 flag decoded as UTF-8
    when they are valid UTF-8 (zip tools on Mac and Linux), "\\" separators (Windows tools) read as
    folders, NFC (a Mac writes decomposed accents)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return unicodedata.normalize("NFC", name.replace("\\", "/"))


# Code pages a zip tool may have written names in without saying so (no UTF-8 flag): zipfile reads them as cp437
# (the zip standard's), Windows Explorer writes the OEM code page of its language (cp850 in France: « À » is 0xB7,
# a box-drawing sign in cp437), some tools the ANSI one (cp1252); cp852 and cp857 for Central European and Turkish.
LEGACY_CODECS = ("cp850", "cp1252", "cp852", "cp857")


def other_names(info: zipfile.ZipInfo) -> list[str]:
    """The other names a member without the UTF-8 flag may have meant, one per LEGACY_CODECS (same length as
    member_name(info) before NFC: every one of these code pages has one character per byte)."""
    if info.flag_bits & 0x800:
        return []
    raw = info.filename.encode("cp437")  # zipfile decoded the bytes as cp437, which maps all 256 of them
    names = []
    for codec in LEGACY_CODECS:
        try:
            names.append(raw.decode(codec).replace("\\", "/"))
        except UnicodeDecodeError:
            continue
    return names


# What a manifest may be called: any case (« MANIFEST.JSON », « Manifest.json »), and with the « .txt » Notepad adds
# when Windows hides extensions
MANIFEST_NAMES = (MANIFEST, MANIFEST + ".txt")


def find_manifest(names) -> tuple[str, list[str]]:
    """(the manifest's name among `names`, "" when none or several, and the folders of every manifest found).

    `names`: a pack's files (zip members or a folder's files, "/" separators, clutter left out). The manifest is the
    one at the root, else the only one at the shallowest depth: a zip tool adds the folder zipped
    (« Animaux/manifest.json »), zipping a folder of folders adds more, and a file beside the folder (a readme) is
    not part of the pack."""
    found = sorted((name.count("/"), name) for name in names
                   if name.rsplit("/", 1)[-1].casefold() in MANIFEST_NAMES)
    folders = [name.rpartition("/")[0] + "/" if "/" in name else "" for _, name in found]
    if MANIFEST in names:
        return MANIFEST, folders
    if found and (len(found) == 1 or found[1][0] > found[0][0]):
        return found[0][1], folders
    return "", folders


def _is_clutter(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return name.startswith("__MACOSX/") or any(p in CLUTTER or p.startswith("._") for p in parts)


@dataclass
class _ZipIndex:
    """The members of a pack zip that matter, by their pack-relative name, and what is wrong with the zip."""

    members: dict[str, zipfile.ZipInfo]
    prefix: str
    problems: list[Problem]
    manifest: str = ""  # the manifest's name among `members` ("" when there is none, or several)
    manifests: list[str] = field(default_factory=list)  # the folders of the manifests found
    others: dict[str, zipfile.ZipInfo] = field(default_factory=dict)  # by a name of other_names, when not a member


def _index_zip(archive: zipfile.ZipFile) -> _ZipIndex:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        return _ZipIndex({}, "", [Problem("quiz.pack.err_entries", {"count": len(infos), "max": MAX_ENTRIES})])
    problems: list[Problem] = []
    files: dict[str, zipfile.ZipInfo] = {}
    folders: set[str] = set()
    total = 0
    for info in infos:
        name = member_name(info)
        if not safe_member(name) or re.match(r"^[A-Za-z]:", name):
            problems.append(Problem("quiz.pack.err_unsafe_path", {"n": 0, "id": "zip", "file": name}))
            continue
        if _is_clutter(name):
            continue
        if name.endswith("/"):
            folders.add(name.rstrip("/"))
            continue
        if name in files:
            problems.append(Problem("quiz.pack.err_zip_twice", {"file": name}))
            continue
        if info.file_size > MAX_BYTES["audio"] and not name.endswith(MANIFEST):
            problems.append(Problem("quiz.pack.err_zip_member_size", {"file": name, "mb": round(info.file_size / 1e6),
                                                                      "max": MAX_BYTES["audio"] // 1_000_000}))
        elif info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            problems.append(Problem("quiz.pack.err_zip_ratio", {"file": name, "ratio": info.file_size //
                                                                max(info.compress_size, 1), "max": MAX_RATIO}))
        files[name] = info
        total += info.file_size
        folders.update(str(parent) for parent in PurePosixPath(name).parents if str(parent) != ".")
    for name in sorted(set(files) & folders):  # "media" as a file and as a folder: cannot be unpacked
        problems.append(Problem("quiz.pack.err_file_and_folder", {"file": name}))
    if total > MAX_PACK_BYTES:
        problems.append(Problem("quiz.pack.err_pack_size",
                                {"mb": round(total / 1e6), "max": MAX_PACK_BYTES // 1_000_000}))
    # The manifest at the root, or in a folder (find_manifest): a zip tool adds the folder zipped
    # ("Animaux/manifest.json"), and zipping a folder of folders adds more ("Quiz/Animaux/manifest.json").
    manifest, manifests = find_manifest(files)
    prefix = manifest.rpartition("/")[0] + "/" if "/" in manifest else ""
    members = {name[len(prefix):]: info for name, info in files.items() if name.startswith(prefix)}
    others = {}
    for name, info in files.items():
        if name.startswith(prefix):
            for other in other_names(info):
                other = unicodedata.normalize("NFC", other[len(prefix):])
                if other not in members:
                    others.setdefault(other, info)
    return _ZipIndex(members, prefix, problems, manifest=manifest[len(prefix):], manifests=manifests,
                     others=others)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The bytes of a member, read at most `limit` + 1 bytes whatever its header says (None: over the limit)."""
    with archive.open(info) as fh:
        data = fh.read(limit + 1)
    return None if len(data) > limit else data


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise PackInvalid([Problem("quiz.pack.err_not_zip", {"path": Path(path).name})]) from None


def _zip_reader(archive: zipfile.ZipFile, index: _ZipIndex):
    cache: dict[str, bytes | None] = {}

    def read_file(name: str) -> bytes | None:
        name = unicodedata.normalize("NFC", name)
        if name not in cache:
            info = index.members.get(name) or index.others.get(name)  # the manifest tells which code page
            if info is None:  # « Media/Chat.PNG » for media/chat.png: one file on Windows, where the pack was made
                same = [i for n, i in index.members.items() if n.casefold() == name.casefold()]
                info = same[0] if len(same) == 1 else None
            limit = max(MAX_BYTES.values())
            try:
                cache[name] = _read_member(archive, info, limit) if info is not None else None
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
                cache[name] = None
            if info is not None and cache[name] is None:
                cache[name] = b"\0" * (limit + 1)  # over every limit: reported as too big, never kept
        return cache[name]

    return read_file


def _check_open_zip(archive: zipfile.ZipFile) -> tuple[list[Problem], _ZipIndex, dict | None]:
    index = _index_zip(archive)
    if index.problems:
        return index.problems, index, None
    if len(index.manifests) > 1 and not index.manifest:
        return [Problem("quiz.pack.err_manifests", {"name": MANIFEST, "folders": ", ".join(
            folder or "/" for folder in index.manifests[:5])})], index, None
    if not index.manifest:
        tops = sorted({member_name(i).split("/", 1)[0] + "/" for i in archive.infolist()
                       if "/" in member_name(i) and not _is_clutter(member_name(i))})
        return [Problem("quiz.pack.err_no_manifest_zip", {"name": MANIFEST,
                                                          "folders": ", ".join(tops[:5]) or "—"})], index, None
    raw = _read_member(archive, index.members[index.manifest], MAX_MANIFEST_BYTES)
    if raw is None:
        return [Problem("quiz.pack.err_manifest_size", {"max": MAX_MANIFEST_BYTES // 1000})], index, None
    manifest, problems = _parse_manifest(raw)
    if problems:
        return problems, index, None
    return check_manifest(manifest, _zip_reader(archive, index)), index, manifest


def check_zip(path: Path) -> list[Problem]:
    """Every problem of a pack zip, read member by member without unpacking it (sizes checked first).

    The manifest is looked for at the root of the zip, then in its folders (find_manifest); names are
    compared after NFC; entries, sizes and inflation ratios are capped; pictures pass the upload
    sanitiser (pixel limit) at check time.
    """
    path = Path(path)
    if not path.is_file():
        return [Problem("quiz.pack.err_not_found", {"path": str(path)})]
    try:
        archive = _open_zip(path)
    except PackInvalid as exc:
        return exc.problems
    with archive:
        problems, _, _ = _check_open_zip(archive)
    return problems


def zip_manifest(path: Path) -> dict:
    """The manifest of a valid pack zip (found at its root or in its top folder); raises PackInvalid."""
    with _open_zip(Path(path)) as archive:
        problems, _, manifest = _check_open_zip(archive)
    if problems:
        raise PackInvalid(problems)
    return manifest


def check(path: Path) -> list[Problem]:
    """Every problem of a pack folder or zip."""
    return check_folder(path) if Path(path).is_dir() else check_zip(path)


def load_folder(folder: Path) -> Pack:
    """A checked pack from its folder; raises PackInvalid listing every problem."""
    problems = check_folder(folder)
    if problems:
        raise PackInvalid(problems)
    folder, manifest_path, _ = pack_folder(Path(folder))
    manifest, _ = _parse_manifest(manifest_path.read_bytes())
    return Pack(folder, manifest)


def unpack_zip(path: Path, target: Path) -> Pack:
    """Check a pack zip, then write into `target` only the manifest and the files it names (created;
    replaced only when the pack is good). Pictures are stored as the sanitiser gives them (no metadata,
    at most PICTURE_SIDE_PX on their long side); nothing else of the zip is kept."""
    target = Path(target)
    tmp = target.with_name(f".{target.name}.part")
    with _open_zip(path) as archive:
        problems, index, manifest = _check_open_zip(archive)
        if problems:
            raise PackInvalid(problems)
        read_file = _zip_reader(archive, index)
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            tmp.mkdir(parents=True)
            (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8")
            for item in manifest["items"]:
                name = unicodedata.normalize("NFC", item["file"])
                item["file"] = name
                data = read_file(name)
                if item["media"] == "image":
                    data = _clean_picture(data, PurePosixPath(name).suffix.lower())
                elif item["media"] == "text":  # stored as UTF-8 whatever the editor saved it in
                    data = decode_text(data).encode("utf-8")
                out = tmp / name
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(data)
            (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8")
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            raise PackInvalid([Problem("quiz.pack.err_unpack", {"path": Path(path).name})]) from None
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return load_folder(target)


def _clean_picture(data: bytes, suffix: str) -> bytes:
    """A pack picture as the sanitiser gives it, re-encoded in the format its extension names."""
    from ..safety.uploads import sanitize_image

    image = sanitize_image(data, max_bytes=MAX_BYTES["image"], max_megapixels=MAX_PICTURE_MEGAPIXELS,
                           downscale=True).image
    return picture_bytes(image, suffix)


def picture_bytes(image, suffix: str = ".png") -> bytes:
    """A picture as a pack stores it: at most PICTURE_SIDE_PX on its long side, in the format `suffix` names. The
    builder stores an upload so too: a 34 MP panorama the upload took was refused when added to the pack."""
    import io

    image = image.copy()
    image.thumbnail((PICTURE_SIDE_PX, PICTURE_SIDE_PX))
    buffer = io.BytesIO()
    if suffix in (".jpg", ".jpeg"):
        image.save(buffer, format="JPEG", quality=90)
    elif suffix == ".webp":
        image.save(buffer, format="WEBP", quality=90)
    else:
        image.save(buffer, format="PNG")
    return buffer.getvalue()


def build_zip(folder: Path, out: Path) -> Path:
    """Check a pack folder and write it as a zip with only the manifest and the files it names."""
    pack = load_folder(folder)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(pack.manifest, ensure_ascii=False, indent=2))
        for name, item in {item["file"]: item for item in pack.items}.items():
            archive.write(pack.media_path(item), name)
    tmp.replace(out)
    return out


def new_manifest(title: str, language: str = "fr") -> dict:
    """An empty manifest to fill with items."""
    return {"format": FORMAT, "version": VERSION, "title": title, "language": language, "items": []}


def write_manifest(folder: Path, manifest: dict) -> None:
    """Write manifest.json atomically."""
    from ..store.files import write_bytes_atomic

    write_bytes_atomic(Path(folder) / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
