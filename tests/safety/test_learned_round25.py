"""The learned layer's twenty-fifth-round material (scripts/build_safety_learned.py --round25-material): every tuning
half written since the tenth round (fresh8a ... fresh21a) and never a never-tuned one; the builder reads each text
once, with the same calibration signal as prompts.has_partial_signal."""
from __future__ import annotations

import pytest

from bench.safety import NEVER_TUNED, SPLIT
from pipelines.safety.prompts import has_partial_signal
from tests.safety import build_script

ROSTER_TEXTS = [
    "une fille qui dessine une maison bleue avec son papa",
    "he hits her with the frying pan",
    "les filles sont toutes des nulles",
    "a boy who doesn't want to wake up for school on Monday",
]


def test_round25_material_is_every_tuning_half_and_never_a_never_tuned_one():
    pytest.importorskip("sklearn")
    build = build_script()
    every_a = {f"{name}a" for name in SPLIT}
    assert set(build.TRAINING_HALVES + build.ROUND25_HALVES) >= every_a
    assert not set(build.ROUND25_HALVES) & set(NEVER_TUNED)
    assert not any(h.endswith("b") or h in ("held-out", "fresh5") for h in build.ROUND25_HALVES)
    halves = {p.half for p in build.tuning_material(round25=True)}
    assert halves >= every_a and not halves & set(NEVER_TUNED)
    assert {p.half for p in build.tuning_material()} == set(build.TRAINING_HALVES)  # the old default, unchanged


def test_the_builder_reads_the_calibration_signal_as_the_guard_does():
    """sentence_rows gives, with each text's features, the partial signal with CALIBRATION_SIGNAL that
    prompts.has_partial_signal gives (the builder no longer reads each text twice)."""
    pytest.importorskip("sklearn")
    build = build_script()
    roster = build.roster()
    rows, counts, signal = build.sentence_rows(ROSTER_TEXTS, ())
    assert len(rows) == len(counts) == len(signal) == len(ROSTER_TEXTS)
    assert signal == [has_partial_signal(t, roster, build.CALIBRATION_SIGNAL) for t in ROSTER_TEXTS]
    assert signal[1] and not signal[0]


def test_the_compare_bench_keeps_what_it_read_as_json_and_reads_it_back(tmp_path):
    """bench/safety_learned_compare.py --cache: a plain JSON file (never pickle), read back as it was kept (sets and
    tuples rebuilt) under the same rules only, and a file that is not its cache is refused."""
    from bench.safety_learned_compare import _read_cache, _write_cache

    read = {"un chat qui dort": (["un", "chat", "qui", "dort"], frozenset({"léa"}), 4, True,
                                 [(), ("ANIMAL",), (), ("ACT", "SLEEP")], ("ACT", "ANIMAL", "SLEEP")),
            "bloqué": None}
    path = tmp_path / "read.json"
    _write_cache(str(path), read, "rules-a")
    assert path.read_bytes().lstrip().startswith(b"{")
    assert _read_cache(str(path), "rules-a") == read
    assert _read_cache(str(path), "rules-b") == {}  # read under other rules: read again
    assert _read_cache(str(tmp_path / "absent.json"), "rules-a") == {}
    for other in ('{"read": {}}', '{"format": 1}'):
        (tmp_path / "other.json").write_text(other, encoding="utf-8")
        with pytest.raises(ValueError):
            _read_cache(str(tmp_path / "other.json"), "rules-a")
