"""One Settings object: defaults < atelier.toml in the data dir < ATELIER_* environment variables."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"

RETENTION_CHOICES = {"day": 0, "week": 7, "month": 30}


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "atelier"


@dataclass(frozen=True)
class Settings:
    """Every setting of the studio; read it with `settings()`."""

    data_dir: Path = field(default_factory=_default_data_dir)
    models_dir: Path | None = None  # default: data_dir / "models"
    device: str = "auto"  # auto | cpu | cuda | cuda:1 | mps
    language: str = "fr"
    queue_url: str = ""  # "" = embedded SQLite queue in the data dir; redis://host:6379/0 to scale out
    retention_days: int = 7
    upload_max_mb: int = 100  # a 600 dpi 16-bit colour scan of a 10x15 print is about 50 MB
    upload_max_megapixels: int = 50
    require_code: bool = False  # `make serve`: tablets must give the workshop code
    library_name: str = "la médiathèque"
    cpu_threads: int = 0  # 0 = all cores
    engine: str = "auto"  # picture, photo and music models: auto (fastest available: OpenVINO on a CPU) | pytorch
    engine_precision: str = "auto"  # photo and music models on OpenVINO: auto (bf16 where the CPU has bf16 units) | f32
    plugins: str = ""  # comma-separated modules that register extra backends or job kinds
    facilitator_addresses: str = ""  # serve mode: addresses/networks (besides loopback) of the facilitator's computers

    @property
    def models_path(self) -> Path:
        return Path(self.models_dir) if self.models_dir else Path(self.data_dir) / "models"

    @property
    def db_path(self) -> Path:
        return Path(self.data_dir) / "atelier.db"

    @property
    def files_dir(self) -> Path:
        return Path(self.data_dir) / "files"

    @property
    def queue_path(self) -> Path:
        return Path(self.data_dir) / "queue.db"


def is_facilitator_address(address: str | None) -> bool:
    """True for loopback (this computer) and for the addresses or networks in settings.facilitator_addresses
    (comma-separated, e.g. "192.168.1.10, 10.0.0.0/29"). A malformed entry raises ValueError naming it."""
    import ipaddress

    if address in (None, "", "localhost"):
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if ip.is_loopback and not _loopback_is_a_tablet(ip):
        return True
    for entry in [e.strip() for e in settings().facilitator_addresses.split(",") if e.strip()]:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            raise ValueError(f"ATELIER_FACILITATOR_ADDRESSES: {entry!r} is not an address or a network "
                             "(e.g. 192.168.1.10 or 192.168.1.0/28).") from None
    return False


def _loopback_is_a_tablet(ip) -> bool:
    """Only 127.0.0.1 and ::1 are this computer's own browser; other 127.x addresses are forwarders."""
    return str(ip) not in ("127.0.0.1", "::1")


def _coerce(value: str, kind: type, name: str):
    if kind is bool:
        low = value.strip().lower()
        if low in ("1", "true", "yes", "on", "oui"):
            return True
        if low in ("0", "false", "no", "off", "non", ""):
            return False
        raise ValueError(f"ATELIER_{name.upper()} must be a boolean (1/0, true/false) but is {value!r}.")
    if kind is int:
        try:
            return int(value)
        except ValueError:
            raise ValueError(f"ATELIER_{name.upper()} must be an integer but is {value!r}.") from None
    if kind is Path:
        return Path(value).expanduser()
    return value


_TYPES = {"data_dir": Path, "models_dir": Path, "retention_days": int, "upload_max_mb": int,
          "upload_max_megapixels": int, "require_code": bool, "cpu_threads": int}


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Build Settings from defaults, then atelier.toml in the data dir, then ATELIER_* variables."""
    env = os.environ if environ is None else environ
    names = {f.name for f in dataclasses.fields(Settings)}
    values: dict = {}
    if env.get("ATELIER_DATA_DIR"):
        values["data_dir"] = Path(env["ATELIER_DATA_DIR"]).expanduser()
    data_dir = values.get("data_dir", _default_data_dir())
    toml_path = Path(data_dir) / "atelier.toml"
    if toml_path.exists():
        from .textfiles import load_toml

        from_file = load_toml(toml_path)  # as Notepad saves it too (a byte-order mark, ANSI)
        unknown = set(from_file) - names
        if unknown:
            raise ValueError(f"{toml_path}: unknown settings {sorted(unknown)}; valid ones are {sorted(names)}.")
        for key, value in from_file.items():
            kind = _TYPES.get(key, str)
            values[key] = _coerce(str(value), kind, key) if kind in (Path,) else value
    for name in names:
        key = f"ATELIER_{name.upper()}"
        if key in env and name != "data_dir":
            values[name] = _coerce(env[key], _TYPES.get(name, str), name)
    return Settings(**values)


_current: Settings | None = None


def settings() -> Settings:
    """The process-wide settings (read once; `reset_settings()` re-reads them, for tests)."""
    global _current
    if _current is None:
        _current = load_settings()
    return _current


def reset_settings() -> None:
    global _current
    _current = None
