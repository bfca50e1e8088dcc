"""`models download|verify|import --only` with a model id that is not in the catalogue: a sentence, no traceback."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("argv", [["verify", "sd-turbo", "gfpgan"], ["download", "gfpgan"],
                                  ["import", ".", "--only", "gfpgan"]])
def test_unknown_model_id_is_a_sentence(atelier_env, argv):
    run = subprocess.run([sys.executable, "-m", "pipelines", "models", *argv], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("Modèle inconnu : gfpgan. Modèles du catalogue :")
    assert "gfpgan-1.4" in run.stderr and run.stdout == ""
