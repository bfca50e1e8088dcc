"""Which device runs the models. Never imports torch unless asked to resolve a device for loading."""
from __future__ import annotations

import importlib.util
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .config import settings


@dataclass(frozen=True)
class DeviceInfo:
    kind: str  # "cpu", "cuda" or "mps"
    name: str
    memory_gb: float | None
    torch_installed: bool

    @property
    def has_gpu(self) -> bool:
        return self.kind in ("cuda", "mps")


def _ram_gb() -> float | None:
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        return None
    return None


def probe() -> DeviceInfo:
    """Cheap look at the machine (no torch import): an NVIDIA driver, else the CPU."""
    torch_installed = importlib.util.find_spec("torch") is not None
    wanted = settings().device
    if wanted.startswith("cpu"):
        return DeviceInfo("cpu", f"CPU ({os.cpu_count()} cores)", _ram_gb(), torch_installed)
    if Path("/proc/driver/nvidia/version").exists() or shutil.which("nvidia-smi"):
        return DeviceInfo("cuda", "NVIDIA GPU", None, torch_installed)
    return DeviceInfo("cpu", f"CPU ({os.cpu_count()} cores)", _ram_gb(), torch_installed)


def torch_device() -> str:
    """The torch device string to load models on (imports torch: call only inside load())."""
    import torch

    wanted = settings().device
    if wanted != "auto":
        return wanted
    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def configure_torch_threads() -> None:
    """Use every core for intra-op work (torch defaults to physical cores, sometimes fewer)."""
    import torch

    threads = settings().cpu_threads or os.cpu_count() or 1
    torch.set_num_threads(threads)


def full_report() -> dict:
    """Device details for `doctor` (imports torch when installed)."""
    info = {"probe": probe().__dict__, "cpu_count": os.cpu_count(), "ram_gb": _ram_gb()}
    if importlib.util.find_spec("torch"):
        import torch

        info["torch"] = torch.__version__
        info["cuda"] = torch.cuda.is_available()
        if torch.cuda.is_available():
            props = torch.cuda.get_device_properties(0)
            info["gpu"] = props.name
            info["gpu_memory_gb"] = round(props.total_memory / 1024**3, 1)
        info["mps"] = bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())
    return info


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses on the local network (what tablets type), loopback excluded."""
    import socket

    found: set[str] = set()
    try:
        import psutil  # installed with streamlit

        for addresses in psutil.net_if_addrs().values():
            found |= {a.address for a in addresses if a.family == socket.AF_INET}
    except ImportError:
        try:
            found = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
        except OSError:
            return []
    return sorted(a for a in found if not a.startswith("127."))
