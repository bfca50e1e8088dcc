"""`python -m bench.safety_learned`: the run-time cost of the prompt guard's learned layer against a baseline file.

    python -m bench.safety_learned --baseline OLD.npz [--weights NEW.npz]

For every prompt of the corpus (tests/safety/corpus/, every set), read as prompts.cpu_check reads it, the layer's
verdict (pipelines/safety/learned.verdict: features, word classes when the weights have them, the dot product) is
timed with the baseline weights and with the new ones (default: the shipped learned_guard.npz), each on its own
fresh prompts._Sentence (the rules' memo of word classes is not shared), the two interleaved and their order
alternated from prompt to prompt. Printed: the median and 95th percentile of each (ms), the median of the per-prompt
ratios new / baseline, the median time of the whole cpu_check with the layer for scale, the files' sizes and load
times (median of 20 reads), and the load average (the machine is shared).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, type=Path)
    parser.add_argument("--weights", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=0, help="only the first N prompts (0: all)")
    args = parser.parse_args(argv)
    from bench.safety import FRESH, TUNING_SETS, load, roster
    from pipelines.safety import learned
    from pipelines.safety.prompts import _prepare, cpu_check, learned_words

    new_path = args.weights or learned.WEIGHTS_PATH
    loads = {}
    for label, path in (("baseline", args.baseline), ("new", new_path)):
        times = []
        for _ in range(20):
            started = time.perf_counter()
            model = learned.read(path)
            times.append(1000 * (time.perf_counter() - started))
        loads[label] = (model, statistics.median(times), path.stat().st_size)
    names = roster()
    prompts = [p for s in ("",) + TUNING_SETS + FRESH for k in ("unsafe", "benign") for p in load(k, s)]
    if args.limit:
        prompts = prompts[:args.limit]
    spent = {"baseline": [], "new": []}
    whole, ratios = [], []
    for i, p in enumerate(prompts):
        order = ("baseline", "new") if i % 2 == 0 else ("new", "baseline")
        took = {}
        for label in order:
            _, roster_names_, normalised, sentence, _ = _prepare(p.text, names)
            words = learned_words(normalised.words)
            started = time.perf_counter()
            learned.verdict(words, roster_names_, learned.typed_words(p.text), sentence, model=loads[label][0])
            took[label] = 1000 * (time.perf_counter() - started)
            spent[label].append(took[label])
        ratios.append(took["new"] / took["baseline"])
        started = time.perf_counter()
        cpu_check(p.text, names, learned_layer=True)
        whole.append(1000 * (time.perf_counter() - started))
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{len(prompts)} prompts, load average {load_avg:.2f}")
    for label in ("baseline", "new"):
        model, read_ms, size = loads[label]
        values = sorted(spent[label])
        print(f"  {label:<8} layer median {statistics.median(values):.3f} ms, 95th percentile "
              f"{values[int(0.95 * (len(values) - 1))]:.3f} ms; file {size / 1024:.0f} KiB, read in {read_ms:.1f} ms, "
              f"{len(model.buckets)} buckets, {len(model.classes)} word classes")
    print(f"  median per-prompt ratio new / baseline {statistics.median(ratios):.2f}; "
          f"whole cpu_check with the shipped layer: median {statistics.median(whole):.2f} ms")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
