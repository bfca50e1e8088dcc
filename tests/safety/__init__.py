

def build_script():
    """scripts/build_safety_learned.py as a module (it is a script, not a package module)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "build_safety_learned.py"
    spec = importlib.util.spec_from_file_location("build_safety_learned", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
