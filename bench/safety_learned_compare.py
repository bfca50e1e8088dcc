"""`python -m bench.safety_learned_compare WEIGHTS ...`: learned-layer weights side by side on the never-tuned halves.

For each half of bench.safety.NEVER_TUNED (the held-out half, fresh5, fresh6b ... fresh27b, review3, review5):
blocked % of the unsafe prompts and false-block % of the benign ones with the rules alone, then with the rules and
each weights file
(pipelines/safety/learned.py: the layer reads only what the rules let through, with the same word minimum and
partial signal as prompts.cpu_check), and per file the false blocks it adds and the prompts it gains over the rules
alone. The rules are read once per prompt, so several builds (scripts/build_safety_learned.py --out PATH) are
compared in one pass. Only counts are printed, never a never-tuned prompt's text: these halves judge a build
(a layer may be shipped only if it adds no false block on any of them), they are never read to tune one.

Prompts are checked as bench.safety checks them (the roster of tests/safety/corpus/roster.txt; a review's own).
`--sets` as in bench.safety; `--all-halves` also measures the tuning halves and the reviews turned into tuning
material (a build's training material: figures not to judge by).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE_FORMAT = 1


def rules_digest() -> str:
    """SHA-256 of what decides a prompt's reading: the rules, the guard's code and the roster. A cache read under
    other rules is not used (`_read_cache`)."""
    import hashlib

    digest = hashlib.sha256()
    for part in ("pipelines/safety/prompt_terms.toml", "pipelines/safety/prompts.py", "pipelines/safety/normalise.py",
                 "pipelines/safety/learned.py", "tests/safety/corpus/roster.txt"):
        path = ROOT / part
        digest.update(part.encode() + b"\0" + (path.read_bytes() if path.exists() else b""))
    return digest.hexdigest()


def _read_cache(path: str | None, digest: str = "") -> dict:
    """What an earlier run read of each prompt (`_write_cache`'s JSON file): {prompt: None when the rules block it,
    else (words, roster names found, typed words, partial signal, each word's classes, classes read)}; {} when
    `path` is None or absent, or when it was read under other rules than `digest` (`rules_digest`). Raises ValueError
    on a file not written by `_write_cache`."""
    if not path or not Path(path).exists():
        return {}
    with open(path, encoding="utf-8") as f:
        stored = json.load(f)
    if not isinstance(stored, dict) or stored.get("format") != CACHE_FORMAT or not isinstance(stored.get("read"),
                                                                                                dict):
        raise ValueError(f"{path}: not a cache of this bench (format {CACHE_FORMAT})")
    if stored.get("rules") != digest:
        print(f"{path}: read under other rules, not used", flush=True)
        return {}
    read = {}
    for text, seen in stored["read"].items():
        if seen is None:
            read[text] = None
            continue
        words, found_roster, typed, signal, found, every_class = seen
        read[text] = ([str(w) for w in words], frozenset(found_roster), int(typed), bool(signal),
                      [tuple(c) for c in found], tuple(every_class))
    return read


def _write_cache(path: str, read: dict, digest: str = "") -> None:
    """Keeps `read` (as `_read_cache` returns it) in `path` as JSON, with the rules' `digest`: sets become sorted
    lists, tuples lists."""
    stored = {text: None if seen is None else
              [seen[0], sorted(seen[1]), seen[2], seen[3], [list(c) for c in seen[4]], list(seen[5])]
              for text, seen in read.items()}
    tmp = Path(str(path) + ".part")
    tmp.write_text(json.dumps({"format": CACHE_FORMAT, "rules": digest, "read": stored}, ensure_ascii=False),
                   encoding="utf-8")
    tmp.replace(path)


def _cell(hits: int, total: int) -> str:
    return f"{100 * hits / total:5.1f} % ({hits}/{total})" if total else "-"


def _sure(learned, model, words, names, typed, found) -> bool:
    """learned.verdict's decision from words already read (`found`: each word's classes, a superset of the
    model's)."""
    spoken = [w for w in words if w != "|"]
    if min(len(spoken), typed) < learned.MIN_WORDS:
        return False
    classes = [tuple(c for c in f if c in model.classes) for f in found] if model.classes else None
    return model.probability(learned.features(words, names, classes)) >= model.threshold


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("weights", nargs="+", help="learned_guard.npz files (scripts/build_safety_learned.py)")
    parser.add_argument("--sets", nargs="+", metavar="SET", help="only these sets, as bench.safety --sets")
    parser.add_argument("--cache", help="a file keeping what was read of each prompt (JSON), for the next run")
    parser.add_argument("--builder-classes", action="store_true",
                        help="also read the word classes of scripts/build_safety_learned.py (FEATURE_CLASSES)")
    parser.add_argument("--all-halves", action="store_true", help="also the tuning halves (training material)")
    args = parser.parse_args(argv)
    from bench.safety import FRESH, HALVES, NEVER_TUNED, REVIEWS, TUNED_REVIEWS, TUNING_SETS, load, roster
    from pipelines.safety import learned
    from pipelines.safety.prompts import _prepare, cpu_check, learned_words, partial_signal

    models = [learned.read(Path(w)) for w in args.weights]
    sets = ("",) + TUNING_SETS + FRESH + REVIEWS + (TUNED_REVIEWS if args.all_halves else ())
    if args.sets is not None:  # in the order given: each set's figures are printed as soon as it is read
        sets = tuple(s for s in args.sets if s in sets)
    halves = HALVES if args.all_halves else NEVER_TUNED
    digest = rules_digest()
    read = _read_cache(args.cache, digest)
    every_class = {c for m in models for c in m.classes}
    if args.builder_classes:
        from tests.safety import build_script

        every_class |= set(build_script().FEATURE_CLASSES)
    every_class = tuple(sorted(every_class))
    print("weights: " + ", ".join(f"[{i + 1}] {w} (threshold {m.threshold:.2f}, classes {len(m.classes)})"
                                  for i, (w, m) in enumerate(zip(args.weights, models))), flush=True)
    added = [0] * len(models)
    for name in sets:
        started = time.perf_counter()
        prompts = [p for kind in ("unsafe", "benign") for p in load(kind, name) if p.half in halves]
        names = roster(name)  # a review is read with its own roster; its prompts are kept under their set's name
        own = names != roster()
        for p in prompts:  # the rules' verdict, and what the layer reads of what they let through
            key = f"{name}|{p.text}" if own else p.text
            if key not in read or read[key] is not None and not set(every_class) <= set(read[key][5]):
                if cpu_check(p.text, names, learned_layer=False).blocked:
                    read[key] = None
                else:
                    _, found_roster, normalised, sentence, _ = _prepare(p.text, names)
                    words = learned_words(normalised.words)
                    read[key] = (words, found_roster, learned.typed_words(p.text), partial_signal(sentence),
                                 learned.word_classes(sentence, len(words), every_class), every_class)
        if args.cache:
            _write_cache(args.cache, read, digest)
        rules, layers = {}, {}
        for p in prompts:
            seen = read[f"{name}|{p.text}" if own else p.text]
            rules[p] = seen is None
            if seen is None:
                layers[p] = [True] * len(models)
                continue
            words, found_roster, typed, signal, found, _ = seen
            layers[p] = [signal and _sure(learned, m, words, found_roster, typed, found) for m in models]
        load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        for half in halves:
            unsafe = [p for p in prompts if p.half == half and p.unsafe]
            benign = [p for p in prompts if p.half == half and not p.unsafe]
            if not unsafe and not benign:
                continue
            print(f"\n== {half} ({len(prompts)} prompts read in {time.perf_counter() - started:.0f} s, "
                  f"load average {load_avg:.2f})")
            print(f"  rules alone    blocked {_cell(sum(rules[p] for p in unsafe), len(unsafe)):<22}"
                  f" false blocks {_cell(sum(rules[p] for p in benign), len(benign))}")
            for i in range(len(models)):
                gained = sum(layers[p][i] and not rules[p] for p in unsafe)
                more = sum(layers[p][i] and not rules[p] for p in benign)
                if half in NEVER_TUNED:
                    added[i] += more
                print(f"  [{i + 1}] + layer    blocked {_cell(sum(layers[p][i] for p in unsafe), len(unsafe)):<22}"
                      f" false blocks {_cell(sum(layers[p][i] for p in benign), len(benign)):<20}"
                      f" +{gained} caught, +{more} false block{'s' if more != 1 else ''}", flush=True)
    print("\nfalse blocks added on the never-tuned halves read: "
          + ", ".join(f"[{i + 1}] {n}" for i, n in enumerate(added)))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
