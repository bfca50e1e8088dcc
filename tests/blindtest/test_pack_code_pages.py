"""Quiz packs zipped by Windows Explorer in its own code page (no UTF-8 flag): cp850 in France writes « À » as
0xB7, a box-drawing sign in cp437; Turkish Windows writes « İ » in cp857. The manifest says which name was meant."""
from __future__ import annotations

import io
import json
import zipfile

import pytest
from PIL import Image

from pipelines.blindtest import pack as packs


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 100, 50)).save(buffer, format="PNG")
    return buffer.getvalue()


def _explorer_zip(path, files: dict[str, bytes], codec: str, top: str) -> None:
    """A zip as Explorer writes it: names in `codec` without the UTF-8 flag, "\\" between folders, one top folder.
    Written with ASCII stand-ins of the same length, whose bytes are then replaced by the code page's."""
    swaps = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (name, data) in enumerate(files.items()):
            raw = (top + "\\" + name.replace("/", "\\")).encode(codec)
            stand_in = f"{number:03d}".encode() + b"q" * (len(raw) - 3)
            swaps[stand_in] = raw
            archive.writestr(stand_in.decode(), data)
    data = path.read_bytes()
    for stand_in, raw in swaps.items():
        assert data.count(stand_in) == 2  # local header and central directory
        data = data.replace(stand_in, raw)
    path.write_bytes(data)


@pytest.mark.parametrize("codec,top,picture", [("cp850", "Quiz à la mer", "media/À la plage.png"),
                                               ("cp857", "İlayda quiz", "media/İstanbul.png"),
                                               ("cp437", "Animaux", "media/éléphant.png")])
def test_an_explorer_zip_in_its_code_page_is_valid_and_unpacks_under_the_manifests_names(codec, top, picture,
                                                                                          tmp_path):
    manifest = {"format": packs.FORMAT, "version": 1, "title": "Vacances", "language": "fr",
                "items": [{"id": "q1", "mode": "ai_or_human", "media": "image", "file": picture, "truth": "ai",
                           "model": "sd-turbo"},
                          {"id": "q2", "mode": "ai_or_human", "media": "image", "file": "media/chat.png",
                           "truth": "human", "credit": "Léa", "licence": "CC BY 4.0"}]}
    path = tmp_path / "explorer.zip"
    _explorer_zip(path, {"manifest.json": json.dumps(manifest, ensure_ascii=False).encode(),
                         picture: _png(), "media/chat.png": _png()}, codec, top)
    assert zipfile.ZipFile(path).infolist()[1].flag_bits & 0x800 == 0
    assert packs.check(path) == []
    pack = packs.unpack_zip(path, tmp_path / "pack")
    names = sorted(p.relative_to(pack.folder).as_posix() for p in pack.folder.rglob("*") if p.is_file())
    assert names == sorted(["manifest.json", "media/chat.png", picture])


def test_a_name_the_manifest_does_not_give_is_still_said_missing(tmp_path):
    manifest = {"format": packs.FORMAT, "version": 1, "title": "Vacances", "language": "fr",
                "items": [{"id": "q1", "mode": "ai_or_human", "media": "image", "file": "media/Ô.png",
                           "truth": "ai", "model": "sd-turbo"}]}
    path = tmp_path / "explorer.zip"
    _explorer_zip(path, {"manifest.json": json.dumps(manifest, ensure_ascii=False).encode(),
                         "media/À.png": _png()}, "cp850", "Quiz")
    problems = packs.check(path)
    assert [p.key.rsplit(".", 1)[-1] for p in problems] == ["err_missing_file"], problems


def test_a_manifest_saved_by_notepad_with_a_bom_is_read(tmp_path):
    """Windows Notepad writes UTF-8 with a byte-order mark; the pack was refused with "Unexpected UTF-8 BOM"."""
    manifest = {"format": packs.FORMAT, "version": 1, "title": "Été", "language": "fr",
                "items": [{"id": "q1", "mode": "ai_or_human", "media": "image", "file": "media/chat.png",
                           "truth": "human", "credit": "Léa", "licence": "CC BY 4.0"}]}
    folder = tmp_path / "pack"
    (folder / "media").mkdir(parents=True)
    (folder / "media" / "chat.png").write_bytes(_png())
    (folder / "manifest.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(manifest, ensure_ascii=False).encode())
    assert packs.check(folder) == []
    assert packs.load_folder(folder).title == "Été"
    path = tmp_path / "notepad.zip"
    _explorer_zip(path, {"manifest.json": (folder / "manifest.json").read_bytes(),
                         "media/chat.png": _png()}, "cp850", "Été")
    assert packs.check(path) == []
    assert packs.unpack_zip(path, tmp_path / "unpacked").title == "Été"
