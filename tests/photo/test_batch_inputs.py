"""`photo restore` on archives as people keep them: same name, different formats; a report they can read."""
from __future__ import annotations

import csv

import numpy as np
from PIL import Image


def test_same_name_scans_give_two_results_and_a_french_report(atelier_env, tmp_path):
    from pipelines.cli import main

    scans = tmp_path / "scans"
    scans.mkdir()
    Image.new("RGB", (120, 80), (200, 180, 150)).save(scans / "mariage.jpg")
    Image.new("RGB", (120, 80), (60, 70, 90)).save(scans / "mariage.tif")
    out = tmp_path / "o"
    assert main(["photo", "restore", str(scans), "--out", str(out), "--steps", "tone"]) == 0
    results = sorted(p.name for p in out.glob("*.png"))
    assert results == ["mariage-jpg.png", "mariage-tif.png"]
    bright = np.asarray(Image.open(out / "mariage-jpg.png")).mean()
    dark = np.asarray(Image.open(out / "mariage-tif.png")).mean()
    assert bright > dark + 40  # two different photos, not one written twice
    report = next(out.glob("rapport-*.csv"))
    rows = list(csv.DictReader(report.open(encoding="utf-8-sig")))
    assert list(rows[0]) == ["fichier", "résultat", "état", "étapes", "visages", "secondes", "erreur"]
    assert [r["état"] for r in rows] == ["restaurée", "restaurée"]
    # a second run resumes: both are found under the same names, nothing is skipped silently
    main(["photo", "restore", str(scans), "--out", str(out), "--steps", "tone"])
    latest = sorted(out.glob("rapport-*.csv"))[-1]
    assert [r["état"] for r in csv.DictReader(latest.open(encoding="utf-8-sig"))] == ["déjà faite (reprise)"] * 2



def test_names_equal_but_for_case_and_made_up_names_never_meet(atelier_env, tmp_path):
    """Mariage.JPG and mariage.jpg are one file on a USB stick, a Mac or Windows; mariage.png is restored to
    mariage-png.png when a mariage.jpg sits beside it, the name a mariage-png.jpg would have: four photos, four PNGs."""
    from pipelines.cli import main

    scans = tmp_path / "scans"
    scans.mkdir()
    colours = {"Mariage.JPG": 40, "mariage.jpg": 100, "mariage.png": 160, "mariage-png.jpg": 220}
    for name, grey in colours.items():
        Image.new("RGB", (60, 40), (grey, grey, grey)).save(scans / name)
    out = tmp_path / "o"
    assert main(["photo", "restore", str(scans), "--out", str(out), "--steps", "tone"]) == 0
    names = sorted(p.name for p in out.glob("*.png"))
    assert len(names) == 4 and len({n.casefold() for n in names}) == 4
    greys = sorted(round(float(np.asarray(Image.open(out / n)).mean())) for n in names)
    assert len(set(greys)) == 4  # four different photos, none written over another

def test_a_second_box_restored_into_the_same_folder_is_restored_not_resumed(atelier_env, tmp_path):
    """« carton 2/mariage.jpg » restored into the --out folder of « carton 1 » was told « déjà faite (reprise) »
    and never restored: a run resumes only the results made from the same scan."""
    from pipelines.cli import main

    for box, grey in (("carton1", 50), ("carton2", 210)):
        (tmp_path / box).mkdir()
        Image.new("RGB", (60, 40), (grey, grey, grey)).save(tmp_path / box / "mariage.jpg")
    out = tmp_path / "restaurees"
    for box in ("carton1", "carton2", "carton2", "carton1"):
        assert main(["photo", "restore", str(tmp_path / box), "--out", str(out), "--steps", "tone"]) == 0
    names = sorted(p.name for p in out.glob("*.png"))
    assert names == ["mariage-2.png", "mariage.png"]
    greys = [float(np.asarray(Image.open(out / n)).mean()) for n in ("mariage.png", "mariage-2.png")]
    assert greys[1] > greys[0] + 60  # the second box's photo, not the first one's kept under a second name
    reports = sorted(out.glob("rapport-*.csv"), key=lambda p: p.stat().st_mtime_ns)
    assert len(reports) == 4  # runs in the same second keep each its report
    states = [[r["état"] for r in csv.DictReader(report.open(encoding="utf-8-sig"))] for report in reports]
    assert [row for rows in states for row in rows] == ["restaurée", "restaurée", "déjà faite (reprise)",
                                                        "déjà faite (reprise)"]


def test_report_in_english_when_the_studio_speaks_english(atelier_env, tmp_path, monkeypatch):
    from pipelines import config
    from pipelines.cli import main

    monkeypatch.setenv("ATELIER_LANGUAGE", "en")
    config.reset_settings()
    Image.new("RGB", (60, 40), (90, 90, 90)).save(tmp_path / "a.png")
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    out = tmp_path / "o"
    assert main(["photo", "restore", str(tmp_path / "a.png"), str(tmp_path / "broken.png"), "--out", str(out),
                 "--steps", "tone"]) == 1
    rows = list(csv.DictReader(next(out.glob("report-*.csv")).open(encoding="utf-8-sig")))
    assert [r["status"] for r in rows] == ["restored", "error"] and "damaged" in rows[1]["error"]
