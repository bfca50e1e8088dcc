"""Pack validation: every problem is found and told precisely; good packs round-trip through a zip."""
from __future__ import annotations

import json
import zipfile

import pytest

from pipelines.blindtest import pack as packs
from pipelines.i18n import translate
from tests.fixtures.models_blindtest import sample_items, write_pack


def keys(problems):
    return [p.key.rsplit(".", 1)[-1] for p in problems]


def test_good_pack_folder_and_zip_round_trip(tmp_path, quiz_pack_dir):
    assert packs.check(quiz_pack_dir) == []
    out = packs.build_zip(quiz_pack_dir, tmp_path / "out" / "pack.zip")
    assert packs.check(out) == []
    pack = packs.unpack_zip(out, tmp_path / "unpacked")
    assert [i["id"] for i in pack.items] == ["photo-chat", "chat-bd", "musique-joie"]
    assert pack.media_path(pack.items[0]).read_bytes()[:4] == b"\x89PNG"
    assert pack.modes() == {"ai_or_human": 1, "which_prompt": 1, "music": 1}


def test_zip_holds_only_the_manifest_and_named_files(tmp_path, quiz_pack_dir):
    (quiz_pack_dir / "media" / "notes-privees.txt").write_text("pas pour le pack")
    out = packs.build_zip(quiz_pack_dir, tmp_path / "pack.zip")
    assert sorted(zipfile.ZipFile(out).namelist()) == ["manifest.json", "media/chat-bd.png", "media/chat.png",
                                                       "media/joie.wav"]


def test_human_work_without_credit_or_licence(tmp_path):
    items = sample_items()
    del items[0]["credit"]
    items[0]["licence"] = "  "
    problems = packs.check(write_pack(tmp_path / "p", items))
    assert keys(problems) == ["err_human_credit", "err_human_credit"]
    assert {p.params["field_key"] for p in problems} == {"quiz.builder.credit", "quiz.builder.licence"}
    assert "photo-chat" in problems[0].text("fr") and "Question n° 1" in problems[0].text("fr")


def test_every_item_problem_is_reported_with_its_number(tmp_path):
    items = sample_items()
    items[1]["answer"] = 7
    items[2]["media"] = "image"  # music must be audio; .wav is not an image extension either
    items.append(dict(items[0], id="photo-chat"))
    problems = packs.check(write_pack(tmp_path / "p", items))
    found = {(p.params.get("n"), p.key.rsplit(".", 1)[-1]) for p in problems}
    assert (2, "err_answer") in found
    assert (3, "err_music_audio") in found
    assert (3, "err_extension") in found
    assert (3, "err_content") in found  # a WAV is not a readable image
    assert (4, "err_id_twice") in found
    assert translate(problems[0].key, "en", **problems[0].params).startswith("Question #")


def test_missing_file_unsafe_path_and_bad_values(tmp_path):
    items = sample_items()
    items[0]["file"] = "media/absent.png"
    items[1]["file"] = "../secret.png"
    items[2]["truth"] = "robot"
    problems = packs.check(write_pack(tmp_path / "p", items))
    by_key = {p.key.rsplit(".", 1)[-1]: p for p in problems}
    assert by_key["err_missing_file"].params["file"] == "media/absent.png"
    assert by_key["err_unsafe_path"].params["file"] == "../secret.png"
    assert by_key["err_field"].params == {"n": 3, "id": "musique-joie", "field": "truth", "found": "robot",
                                          "expected": "ai | human | program"}


def test_which_prompt_needs_distinct_choices_and_an_ai_item(tmp_path):
    items = sample_items()
    items[1]["choices"][2] = "UN CHAT ROUX, style bande dessinée"
    items[2]["truth"] = "human"
    items[2].update(credit="Chorale", licence="CC0")
    problems = packs.check(write_pack(tmp_path / "p", items))
    assert keys(problems) == ["err_choices_twice", "err_mode_needs_ai"]


def test_file_too_big_is_told_in_kilobytes(tmp_path, monkeypatch):
    monkeypatch.setitem(packs.MAX_BYTES, "image", 100)
    folder = write_pack(tmp_path / "p", sample_items()[:2])
    sizes = [p for p in packs.check(folder) if p.key.endswith("err_file_size")]
    assert [p.params["file"] for p in sizes] == ["media/chat.png", "media/chat-bd.png"]
    assert sizes[0].params["max"] == 0  # 100 bytes, told in kB


def test_a_pack_saved_in_notepads_ansi_is_read_and_stored_as_utf8(tmp_path):
    """Notepad's "ANSI" (Windows-1252) manifest and text, zipped: the pack plays with its accents right."""
    items = sample_items()[:2] + [{"id": "poeme", "mode": "ai_or_human", "media": "text", "file": "media/poeme.txt",
                                   "truth": "ai", "explanation": "Des rimes trop parfaites, l'été."}]
    folder = write_pack(tmp_path / "p", items)
    (folder / "media" / "poeme.txt").write_bytes("Le chat dort près de l'âtre, œil mi-clos.".encode("cp1252"))
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    manifest["title"] = "Vrai ou IA ? Spécial été"
    (folder / "manifest.json").write_bytes(json.dumps(manifest, ensure_ascii=False).encode("cp1252"))
    assert packs.check(folder) == []
    archive = tmp_path / "pack-ansi.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                out.write(path, path.relative_to(folder).as_posix())
    pack = packs.unpack_zip(archive, tmp_path / "library" / "ansi")
    assert pack.manifest["title"] == "Vrai ou IA ? Spécial été"
    assert pack.manifest["items"][2]["explanation"] == "Des rimes trop parfaites, l'été."
    stored = tmp_path / "library" / "ansi" / "media" / "poeme.txt"
    assert stored.read_text("utf-8") == "Le chat dort près de l'âtre, œil mi-clos."
    assert json.loads((tmp_path / "library" / "ansi" / "manifest.json").read_text("utf-8"))["title"].endswith("été")


def test_manifest_json_error_gives_line_and_column(tmp_path, quiz_pack_dir):
    (quiz_pack_dir / "manifest.json").write_text('{\n  "format": "atelier-quiz-pack",\n  "title": oops\n}')
    problems = packs.check(quiz_pack_dir)
    assert keys(problems) == ["err_manifest_json"]
    assert problems[0].params["line"] == 3 and problems[0].params["column"] == 12


def test_header_problems_and_no_items(tmp_path, quiz_pack_dir):
    (quiz_pack_dir / "manifest.json").write_text(json.dumps({"format": "quiz", "version": 2, "items": []}))
    assert keys(packs.check(quiz_pack_dir)) == ["err_format", "err_version", "err_title", "err_no_items"]


def test_zip_problems_not_a_zip_no_manifest_and_escaping_member(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip at all")
    assert keys(packs.check(junk)) == ["err_not_zip"]
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert keys(packs.check(empty)) == ["err_no_manifest_zip"]
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../../outside.txt", "x")
    assert keys(packs.check(evil)) == ["err_unsafe_path"]
    with pytest.raises(packs.PackInvalid) as caught:
        packs.unpack_zip(evil, tmp_path / "target")
    assert not (tmp_path / "target").exists()
    assert "1 problème" in caught.value.message("fr")


def test_a_bad_zip_never_replaces_a_good_unpacked_pack(tmp_path, quiz_pack_dir):
    good = packs.build_zip(quiz_pack_dir, tmp_path / "good.zip")
    target = tmp_path / "library" / "pack"
    packs.unpack_zip(good, target)
    items = sample_items()
    items[0]["file"] = "media/gone.png"
    bad_folder = write_pack(tmp_path / "bad", items)
    bad_zip = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad_zip, "w") as archive:
        archive.write(bad_folder / "manifest.json", "manifest.json")
    with pytest.raises(packs.PackInvalid):
        packs.unpack_zip(bad_zip, target)
    assert packs.check(target) == []
