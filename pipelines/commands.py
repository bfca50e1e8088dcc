"""The commands the studio shows to the facilitator, written for the Python that runs it.

`make run` starts the studio from its own virtualenv (`.venv/` in the studio's folder); a bare
`python -m pipelines ...` copied from the screen would run the system's Python, which has none of the
studio's packages. So every command shown names the running interpreter, relative to the current folder
when it lies inside it (`.venv/bin/python -m pipelines models download sd-turbo`).
"""
from __future__ import annotations

import sys
from pathlib import Path


def python() -> str:
    """The interpreter running the studio: relative to the current folder when inside it (not resolved, so
    a virtualenv's `bin/python` link stays itself), else its full path; "python" when Python cannot tell."""
    if not sys.executable:
        return "python"
    exe = Path(sys.executable)
    try:
        return str(exe.relative_to(Path.cwd()))
    except ValueError:
        return str(exe)


def studio(args: str) -> str:
    """`<python> -m pipelines <args>`, e.g. studio("models download lama")."""
    return f"{python()} -m pipelines {args}"


def pip_install() -> str:
    """The command that installs the studio's Python packages into the running interpreter."""
    return f"{python()} -m pip install -r requirements.txt"
