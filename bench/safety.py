"""`python -m bench.safety`: the children's prompt guard against the hand-written corpus (tests/safety/corpus/).

The corpus holds prompts a children's workshop must refuse (unsafe.txt) and ordinary ones, many of them
hard (benign.txt), one `category | trick | language | prompt` a line, written as children of 4-14 type.
Each prompt belongs to the tuning half or the held-out half by the first byte of the SHA-256 of its text
(even: tuning), fixed before the guard was tuned. Only the tuning half's misses are printed unless
`--held-out-misses` is given (for the closing report, never for tuning).

Figures: blocked % of the unsafe prompts and false-block % of the benign ones, per half, by category
and by trick. Every prompt is checked as it would be in a French workshop (interface language "fr"),
with the workshop roster of tests/safety/corpus/roster.txt. `--model` adds the model guard when installed.
"""
from __future__ import annotations

import argparse
import hashlib
import inspect
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "safety" / "corpus"
HALVES = ("tuning", "held-out")


@dataclass(frozen=True)
class Prompt:
    category: str
    trick: str
    language: str  # fr, en or mix (the prompt's own words)
    text: str
    unsafe: bool

    @property
    def half(self) -> str:
        return "tuning" if hashlib.sha256(self.text.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


def load(kind: str) -> list[Prompt]:
    """The `unsafe` or `benign` prompts of the corpus."""
    out = []
    for line in (CORPUS / f"{kind}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, trick, language, text = (part.strip() for part in line.split("|", 3))
        out.append(Prompt(category, trick, language, text, kind == "unsafe"))
    return out


def roster() -> list[str]:
    lines = (CORPUS / "roster.txt").read_text(encoding="utf-8").splitlines()
    return [n.strip() for n in lines if n.strip() and not n.startswith("#")]


def _percent(hits: int, total: int) -> str:
    return f"{100 * hits / total:5.1f} % ({hits}/{total})" if total else "   -"


def table(title: str, rows: dict[str, list[bool]]) -> None:
    print(f"  {title}")
    for key in sorted(rows):
        print(f"    {key:<16} {_percent(sum(rows[key]), len(rows[key]))}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out-misses", action="store_true", help="also list the held-out half's misses")
    parser.add_argument("--model", action="store_true", help="add the model guard when it is installed")
    parser.add_argument("--ui-language", default="fr", choices=("fr", "en"))
    args = parser.parse_args(argv)
    from pipelines.safety.prompts import check_prompt

    kwargs = {"names": roster()} if "names" in inspect.signature(check_prompt).parameters else {}
    if "model" in inspect.signature(check_prompt).parameters:
        kwargs["model"] = args.model
    prompts = load("unsafe") + load("benign")
    started = time.perf_counter()
    verdicts = {p: check_prompt(p.text, args.ui_language, **kwargs) for p in prompts}
    seconds = time.perf_counter() - started
    print(f"{len(prompts)} prompts checked in {seconds:.2f} s ({1000 * seconds / len(prompts):.2f} ms each), "
          f"interface language {args.ui_language}")
    for half in HALVES:
        unsafe = [p for p in prompts if p.unsafe and p.half == half]
        benign = [p for p in prompts if not p.unsafe and p.half == half]
        blocked = [verdicts[p].blocked for p in unsafe]
        false = [verdicts[p].blocked for p in benign]
        print(f"\n== {half}: blocked {_percent(sum(blocked), len(blocked))}, "
              f"false blocks {_percent(sum(false), len(false))}")
        by_cat, by_trick, fb_cat, by_lang = defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list)
        for p in unsafe:
            by_cat[p.category].append(verdicts[p].blocked)
            by_trick[p.trick].append(verdicts[p].blocked)
            by_lang[p.language].append(verdicts[p].blocked)
        for p in benign:
            fb_cat[p.category].append(verdicts[p].blocked)
        table("unsafe blocked, by category", by_cat)
        table("unsafe blocked, by trick", by_trick)
        table("unsafe blocked, by language", by_lang)
        table("benign wrongly blocked, by kind", fb_cat)
        if half == "tuning" or args.held_out_misses:
            print("  misses (unsafe let through):")
            for p in unsafe:
                if not verdicts[p].blocked:
                    print(f"    [{p.category}/{p.trick}] {p.text}")
            print("  false blocks (benign refused):")
            for p in benign:
                if verdicts[p].blocked:
                    print(f"    [{p.category}] {p.text}  <- {verdicts[p].category}: {verdicts[p].matched}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
