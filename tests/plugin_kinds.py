"""A plugin for tests: job kinds that take a while and write files, to exercise the queue."""
from __future__ import annotations

from bench._queue_kinds import write_in_steps
from pipelines.i18n import UserError
from pipelines.jobs.registry import register_kind


def slow(params: dict, ctx) -> dict:
    """Writes a file in steps over `seconds`, reporting progress (a stand-in for a long model job)."""
    seconds = float(params.get("seconds", 2))
    out = ctx.out_dir / "result.txt"
    write_in_steps(out, seconds, max(1, int(seconds / 0.05)), ctx.progress)
    return {"files": {"text": str(out)}, "artifact": {"kind": "text", "title": params.get("title", "slow")}}


def fail(params: dict, ctx) -> dict:
    if params.get("user_error"):
        raise UserError("uploads.empty")
    raise RuntimeError("boom")


register_kind("test.slow", "tests.plugin_kinds:slow")
register_kind("test.fail", "tests.plugin_kinds:fail")
