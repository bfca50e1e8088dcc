"""Job kinds for the queue drills (ATELIER_PLUGINS=bench._queue_kinds): a stand-in for model work that
writes its result file in steps (a kill leaves a partial file behind) and records when it started."""
from __future__ import annotations

import time

from pipelines.jobs.registry import register_kind


def work(params: dict, ctx) -> dict:
    """params: seconds (float), steps (int). Writes `steps` lines over `seconds`; files: text."""
    started = time.time()
    seconds, steps = float(params.get("seconds", 0.5)), int(params.get("steps", 10))
    out = ctx.out_dir / "result.txt"
    with open(out, "w") as fh:
        for step in range(steps):
            fh.write(f"step {step}\n")
            fh.flush()
            time.sleep(seconds / steps)
            ctx.progress((step + 1) / steps, "jobs.running")
    return {"files": {"text": str(out)}, "started": started,
            "artifact": {"kind": "text", "title": params.get("title", "drill")}}


register_kind("bench.work", "bench._queue_kinds:work")
