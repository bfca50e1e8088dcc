"""A download never reruns the page: six download buttons tapped 0.3 s apart gave four files, the rest cancelled by
the reruns of the first taps. Every st.download_button is drawn with on_click="ignore" (nothing is recorded)."""
from __future__ import annotations

import ast
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def _download_app(path: str) -> None:
    from ui.widgets import download_ui

    download_ui(path, "⬇️ PDF", "application/pdf", key="dl-test", what="storybook", who="Zoé")


def test_download_ui_draws_a_button_that_does_not_rerun(tmp_path, atelier_env):
    pdf = tmp_path / "livre.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    at = AppTest.from_function(_download_app, args=(str(pdf),)).run()
    assert not at.exception, at.exception
    buttons = at.get("download_button")
    assert len(buttons) == 1
    assert buttons[0].proto.ignore_rerun


def test_every_download_button_of_the_pages_ignores_the_tap():
    calls = []
    for path in sorted([*ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "download_button":
                on_click = {k.arg: k.value for k in node.keywords}.get("on_click")
                ignored = isinstance(on_click, ast.Constant) and on_click.value == "ignore"
                calls.append((f"{path.relative_to(ROOT)}:{node.lineno}", ignored))
    assert len(calls) >= 3, calls
    assert all(ignored for _, ignored in calls), [where for where, ignored in calls if not ignored]
