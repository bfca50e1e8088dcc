"""Commands shown to the facilitator name the Python that runs the studio, so they work when copied."""
from __future__ import annotations

import sys

from pipelines.commands import pip_install, python, studio


def test_a_virtualenv_inside_the_folder_is_named_relative_to_it(tmp_path, monkeypatch):
    exe = tmp_path / ".venv" / "bin" / "python"
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.chdir(tmp_path)
    assert python() == ".venv/bin/python"
    assert studio("models download lama") == ".venv/bin/python -m pipelines models download lama"
    assert pip_install() == ".venv/bin/python -m pip install -r requirements.txt"


def test_an_interpreter_elsewhere_is_named_by_its_full_path(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "executable", "/usr/bin/python3")
    monkeypatch.chdir(tmp_path)
    assert studio("doctor") == "/usr/bin/python3 -m pipelines doctor"
    monkeypatch.setattr(sys, "executable", "")
    assert studio("doctor") == "python -m pipelines doctor"
