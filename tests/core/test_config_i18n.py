"""Settings precedence, translations complete in both languages, no torch at import."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines import config
from pipelines.i18n import LANGUAGES, UserError, catalogue, translate

ROOT = Path(__file__).resolve().parents[2]


def test_settings_precedence(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "atelier.toml").write_text('language = "en"\nretention_days = 30\nupload_max_mb = 10\n')
    cfg = config.load_settings({"ATELIER_DATA_DIR": str(data), "ATELIER_UPLOAD_MAX_MB": "12"})
    assert cfg.data_dir == data
    assert cfg.language == "en"  # from atelier.toml
    assert cfg.retention_days == 30
    assert cfg.upload_max_mb == 12  # environment beats the file
    assert cfg.models_path == data / "models"


def test_settings_defaults_and_errors(tmp_path):
    cfg = config.load_settings({"HOME": str(tmp_path)})
    assert cfg.language == "fr" and cfg.retention_days == 7 and cfg.upload_max_megapixels == 50
    with pytest.raises(ValueError, match="ATELIER_UPLOAD_MAX_MB must be an integer"):
        config.load_settings({"ATELIER_DATA_DIR": str(tmp_path), "ATELIER_UPLOAD_MAX_MB": "lots"})
    (tmp_path / "atelier.toml").write_text('colour = "blue"\n')
    with pytest.raises(ValueError, match="unknown settings"):
        config.load_settings({"ATELIER_DATA_DIR": str(tmp_path)})


def test_every_key_exists_in_both_languages():
    fr, en = catalogue("fr"), catalogue("en")
    assert sorted(set(fr) - set(en)) == [], "keys missing in English"
    assert sorted(set(en) - set(fr)) == [], "keys missing in French"
    for key in fr:  # the same placeholders on both sides
        if isinstance(fr[key], str):
            assert set(re.findall(r"{(\w+)}", fr[key])) == set(re.findall(r"{(\w+)}", en[key])), key


def _keys_used_in_code() -> set[str]:
    pattern = re.compile(r"""\b(?:t|translate|UserError)\(\s*["']([a-z_]+(?:\.[A-Za-z0-9_\-]+)+)["']""")
    keys = set()
    for folder in ("app.py", "pages", "ui", "pipelines"):
        for path in [ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py"):
            keys |= set(pattern.findall(path.read_text()))
    return keys


def test_every_key_used_in_code_is_translated():
    fr = catalogue("fr")
    missing = sorted(k for k in _keys_used_in_code() if k not in fr)
    assert missing == []


def test_translate_and_user_error():
    assert translate("uploads.too_big", "fr", size=30, limit=25) == \
        "Ce fichier est trop lourd (30 Mo) : la limite est de 25 Mo."
    assert "30 MB" in translate("uploads.too_big", "en", size=30, limit=25)
    assert translate("no.such.key", "fr") == "[no.such.key]"
    error = UserError("uploads.empty")
    assert error.message("fr").startswith("Ce fichier est vide")
    assert error.message("en").startswith("This file is empty")
    assert set(LANGUAGES) == {"fr", "en"}


def test_importing_the_engine_and_the_frame_does_not_import_torch():
    code = ("import sys; import pipelines, pipelines.cli, pipelines.backends, pipelines.jobs, pipelines.store, "
            "pipelines.models, pipelines.safety.uploads; from pipelines import backends; backends.all_backends(); "
            "[b.is_available() for b in backends.all_backends()]; "
            "import pipelines.cli as c; c.build_parser(); "
            "heavy = [m for m in ('torch', 'diffusers', 'transformers', 'spandrel', 'streamlit') if m in sys.modules]; "
            "print(heavy); sys.exit(1 if heavy else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_job_kind_has_a_name_for_the_queue():
    from pipelines.jobs.registry import KINDS

    for language in LANGUAGES:
        strings = catalogue(language)
        assert [k for k in KINDS if f"kind.{k}" not in strings] == [], language


def test_the_bubble_step_names_the_tab_where_pictures_are_made():
    """A bubble on an empty panel sends the child to the tab that makes pictures, by its own name."""
    from pipelines.i18n import translate

    for language in ("fr", "en"):
        step = translate("comics.ui.step_panels", language)
        assert step in translate("comics.ui.bubble_needs_picture", language, n=2)
        # printing with an empty panel says the same tab, and that printing (not a bubble) comes after
        assert step in translate("comics.ui.print_needs_picture", language, n=2)
    assert "imprimer" in translate("comics.ui.print_needs_picture", "fr", n=2)


@pytest.mark.parametrize("name, fr", [
    ("Inès", "Une histoire d'Inès"), ("Adam", "Une histoire d'Adam"), ("Élodie", "Une histoire d'Élodie"),
    ("Hugo", "Une histoire d'Hugo"), ("Yves", "Une histoire d'Yves"), ("Yanis", "Une histoire de Yanis"),
    ("Zoé", "Une histoire de Zoé"), ("8", "Une histoire de 8"), ("« Ours »", "Une histoire de « Ours »")])
def test_french_elides_de_before_a_name_that_starts_with_a_vowel_sound(name, fr):
    """The storybook's cover said « Une histoire de Inès »: a name put after « de » or « que » elides as French
    writes it; English and the other words stay as written."""
    assert translate("story.book.by", "fr", author=name) == fr
    assert translate("story.book.by", "en", author=name) == f"A story by {name}"
    assert translate("portrait.errors.no_consent", "fr", name="Inès") == "Pas de portrait sans l'accord d'Inès."
