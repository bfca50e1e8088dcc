"""`python -m pipelines doctor`: device, memory, disk, models, backends and queue at a glance."""
from __future__ import annotations

import shutil
from .commands import studio


def cmd_doctor(args) -> int:
    from . import backends
    from .config import settings
    from .device import full_report
    from .jobs.queue import JobQueue
    from .models.manager import ModelManager

    cfg = settings()
    print(f"data dir:    {cfg.data_dir}")
    print(f"models dir:  {cfg.models_path}")
    report = full_report()
    print(f"device:      {report['probe']['name']} ({report['probe']['kind']})")
    print(f"cpu cores:   {report['cpu_count']}   ram: {report['ram_gb']} GB")
    if "torch" in report:
        gpu = f"CUDA {report.get('gpu')} {report.get('gpu_memory_gb')} GB" if report.get("cuda") else "no CUDA"
        print(f"torch:       {report['torch']} ({gpu}{', MPS' if report.get('mps') else ''})")
    else:
        print("torch:       not installed (model backends unavailable)")
    cfg.data_dir.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(cfg.data_dir).free
    print(f"free disk:   {free / 1e9:.1f} GB")
    manager = ModelManager()
    states = manager.states()
    installed = [m for m, s in states.items() if s == "installed"]
    print(f"models:      {len(installed)} installed, {len(states) - len(installed)} missing or incomplete")
    for model_id, state in states.items():
        print(f"  {model_id:24} {state}")
    print("backends:")
    for backend in backends.all_backends():
        mark = "ok " if backend.is_available() else "-- "
        hint = "" if backend.is_available() else "  -> " + " ; ".join(backend.install_commands())
        print(f"  {mark}{backend.capability:22} {backend.name}{hint}")
    _picture_engines()
    queue = JobQueue()
    jobs = queue.list(states=("queued", "running"))
    print(f"queue:       {sum(j.state == 'queued' for j in jobs)} waiting, {sum(j.state == 'running' for j in jobs)} "
          f"running ({cfg.queue_url or 'embedded SQLite'})")
    return 0


def _picture_engines() -> None:
    """Which engine draws with each installed picture model, at which precision and why."""
    from .imagegen.openvino_engine import SDXL_NOTE, cpu_precision, engine_summary, openvino_installed

    print(f"pictures:    OpenVINO {'installed' if openvino_installed() else 'not installed'}; "
          f"this CPU computes in {cpu_precision()}; {SDXL_NOTE}")
    for row in engine_summary():
        engine = "OpenVINO" if row["engine"] == "openvino" else "PyTorch"
        line = f"  {row['model']:24} {engine} {row['precision']} ({row['why']})"
        if row["engine"] == "openvino":
            todo = "not made yet: " + studio(f"models convert {row['model']} {row['decoder']}")
            line += "; OpenVINO files " + ("ready" if row["converted"] else todo)
            check = row["int8"]
            if check:
                line += (f"; int8 comparison {check['psnr_db']} dB vs {check['reference']} "
                         f"({'within' if check['passed'] else 'outside'} {check['tolerance_db']} dB)")
        print(line)
    from .music.openvino_musicgen import engine_summary as music_engines
    from .photo.openvino_runner import engine_summary as photo_engines

    for rows, files, first in ((photo_engines(), "file", "the first photo"),
                               (music_engines(), "files", "the first piece of music")):
        for row in rows:
            engine = "OpenVINO" if row["engine"] == "openvino" else "PyTorch"
            line = f"  {row['model']:24} {engine} {row['precision']} ({row['why']})"
            if row["engine"] == "openvino":
                line += f"; OpenVINO {files} " + ("ready" if row["converted"] else f"made at {first}")
            print(line)


def register(sub) -> None:
    p = sub.add_parser("doctor", help="device, memory, disk, models, backends and queue state")
    p.set_defaults(func=cmd_doctor)
