"""Points for an answer (a right answer scores more when it comes fast) and rankings with ties."""
from __future__ import annotations

FULL = 1000  # a right answer given at once
FLOOR = 500  # a right answer given at the last second


def points(correct: bool, elapsed: float, seconds: float) -> int:
    """Points of one answer: 0 when wrong; from FULL (instant) down to FLOOR (at the deadline) when right."""
    if not correct:
        return 0
    if seconds <= 0:
        raise ValueError(f"a question lasts more than 0 seconds, but seconds is {seconds}.")
    share = min(1.0, max(0.0, elapsed / seconds))
    return int(round(FULL - (FULL - FLOOR) * share))


def rank(rows: list[dict], key: str = "score") -> list[dict]:
    """Sort rows by `key` (highest first) and give equal scores the same place (1, 1, 3 ...)."""
    ordered = sorted(rows, key=lambda r: (-r[key], str(r.get("name", "")).casefold()))
    place = 0
    previous = None
    for position, row in enumerate(ordered, start=1):
        if row[key] != previous:
            place = position
            previous = row[key]
        row["rank"] = place
    return ordered


def podium(rows: list[dict]) -> dict[int, list[dict]]:
    """The ranked rows on the first three places, grouped by place (ties stand together)."""
    steps: dict[int, list[dict]] = {}
    for row in rows:
        if row["rank"] <= 3:
            steps.setdefault(row["rank"], []).append(row)
    return steps
