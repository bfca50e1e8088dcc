"""Job kinds for the queue drills (ATELIER_PLUGINS=bench._queue_kinds): a stand-in for model work that
writes its result file in steps (a kill leaves a partial file behind) and records when it started."""
from __future__ import annotations

import time

from pipelines.jobs.registry import register_kind


def write_in_steps(out, seconds: float, steps: int, progress) -> None:
    """Write `steps` lines to the file `out` over `seconds`, flushing and reporting progress after each line
    (a stand-in for model work: a kill leaves a partial file behind). Also used by tests/plugin_kinds.py."""
    with open(out, "w") as fh:
        for step in range(steps):
            fh.write(f"step {step}\n")
            fh.flush()
            time.sleep(seconds / steps)
            progress((step + 1) / steps, "jobs.running")


def work(params: dict, ctx) -> dict:
    """params: seconds (float), steps (int). Writes `steps` lines over `seconds`; files: text."""
    started = time.time()
    out = ctx.out_dir / "result.txt"
    write_in_steps(out, float(params.get("seconds", 0.5)), int(params.get("steps", 10)), ctx.progress)
    return {"files": {"text": str(out)}, "started": started,
            "artifact": {"kind": "text", "title": params.get("title", "drill")}}


register_kind("bench.work", "bench._queue_kinds:work")
