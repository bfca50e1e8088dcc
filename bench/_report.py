"""A bench's printed figures, kept to be written to its `--out FILE` at the end (bench/out/*.txt)."""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence


class Report:
    """`say(line)` prints a line at once (a long bench shows its progress) and keeps it; `write(argv)` writes every
    line kept to the file after "--out" in `argv` (UTF-8; overwritten, or added after a blank line with `append`),
    and does nothing without "--out"."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def say(self, line: str) -> None:
        self.lines.append(line)
        print(line, flush=True)

    def opening(self, argv: list[str]) -> tuple[Callable[[Sequence], Sequence], str]:
        """A START / END run's case picker (every other case with "--quick", else all) and its label (after
        "--label", else "RUN"); says the run's first line, with the machine's load average (1, 5, 15 min)."""
        pick = (lambda cases: cases[::2]) if "--quick" in argv else (lambda cases: cases)
        label = argv[argv.index("--label") + 1] if "--label" in argv else "RUN"
        self.say(f"== {label} == load average {tuple(round(x, 2) for x in os.getloadavg())}")
        return pick, label

    def write(self, argv: list[str], append: bool = False) -> None:
        if "--out" in argv:
            with open(argv[argv.index("--out") + 1], "a" if append else "w", encoding="utf-8") as file:
                file.write("\n".join(self.lines) + ("\n\n" if append else "\n"))
