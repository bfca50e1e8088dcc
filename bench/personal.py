"""`python -m bench.personal`: the contact-details check (pipelines/safety/personal.py) against its corpus.

tests/safety/corpus/personal.txt holds sentences with a child's phone number, address, e-mail or social account
(kind "personal") and ordinary sentences that look alike (kind "ordinary"), one `kind | what | language | text` a
line, written before the check. Each line belongs to the tuning half or the held-out half by the first byte of the
SHA-256 of its text (even: tuning), as bench/safety.py cuts its sets; personal_tuning.txt (examples written while
tuning) is always counted in the tuning half. Prints, for each half, the share of personal lines refused and of
ordinary lines wrongly refused, by kind of detail; the tuning half's misses and false blocks are listed, the
held-out half's are only counted (never tuned on).
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "safety" / "corpus"
HALVES = ("tuning", "held-out")


def rows() -> list[tuple[str, str, str, str, str]]:
    """(half, kind, what, language, text) for each line of personal.txt and personal_tuning.txt."""
    out = []
    for name in ("personal.txt", "personal2.txt", "personal_tuning.txt"):
        path = CORPUS / name
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            kind, what, language, text = (part.strip() for part in line.split("|", 3))
            even = hashlib.sha256(text.encode("utf-8")).digest()[0] % 2 == 0
            half = "tuning" if name == "personal_tuning.txt" or even else "held-out"
            out.append((half, kind, what, language, text))
    return out


def figures(half: str) -> dict:
    """{"blocked": share, "false": share, "misses": [...], "false_blocks": [...], "n": (personal, ordinary),
    "by_what": {first word of `what`: (refused, lines)}} for one half of the corpus."""
    from pipelines.safety.personal import find

    chosen = [r for r in rows() if r[0] == half]
    personal = [r for r in chosen if r[1] == "personal"]
    ordinary = [r for r in chosen if r[1] == "ordinary"]
    misses = [r[4] for r in personal if not find(r[4])]
    false = [r[4] for r in ordinary if find(r[4])]
    by_what: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in personal:
        by_what[r[2].split()[0]][0] += bool(find(r[4]))
        by_what[r[2].split()[0]][1] += 1
    return {"blocked": 1 - len(misses) / max(1, len(personal)), "false": len(false) / max(1, len(ordinary)),
            "misses": misses, "false_blocks": false, "n": (len(personal), len(ordinary)),
            "by_what": {k: tuple(v) for k, v in sorted(by_what.items())}}


def main() -> None:
    for half in HALVES:
        f = figures(half)
        print(f"{half}: blocked {f['blocked']:.1%} of {f['n'][0]} personal, "
              f"false blocks {f['false']:.1%} of {f['n'][1]} ordinary")
        print("  by kind: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in f["by_what"].items()))
        if half == "tuning":
            for text in f["misses"]:
                print(f"  miss: {text}")
            for text in f["false_blocks"]:
                print(f"  false block: {text}")


if __name__ == "__main__":
    main()
