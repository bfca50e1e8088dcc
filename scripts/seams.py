"""Size of the seams: lines of pages/ and ui/, and public functions that return bare dicts.

    python scripts/seams.py

A function counts when its name has no leading underscore and either its return annotation holds a
bare ``dict`` (``dict``, ``dict[...]``, ``dict | None``, ``list[dict]``, ``Optional[dict]``...) or, with
no annotation, one of its own return statements returns a dict display or a ``dict(...)`` call.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _holds_dict(ann: ast.expr) -> bool:
    if isinstance(ann, ast.Constant) and isinstance(ann.value, str):  # a string annotation
        try:
            ann = ast.parse(ann.value, mode="eval").body
        except SyntaxError:
            return False
    if isinstance(ann, ast.Name):
        return ann.id in ("dict", "Dict")
    if isinstance(ann, ast.BinOp):  # dict | None
        return _holds_dict(ann.left) or _holds_dict(ann.right)
    if isinstance(ann, ast.Subscript):
        if _holds_dict(ann.value):
            return True
        if isinstance(ann.value, ast.Name) and ann.value.id in ("list", "List", "Optional", "Iterator", "tuple"):
            inner = ann.slice.elts if isinstance(ann.slice, ast.Tuple) else [ann.slice]
            return any(_holds_dict(e) for e in inner)
    return False


def _returns_dict(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    if node.returns is not None:
        return _holds_dict(node.returns)
    stack = list(node.body)
    while stack:
        child = stack.pop()
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(child, ast.Return) and child.value is not None:
            value = child.value
            if isinstance(value, (ast.Dict, ast.DictComp)) or (
                    isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict"):
                return True
        stack.extend(ast.iter_child_nodes(child))
    return False


def dict_functions(folders=("pipelines", "ui", "pages")) -> list[str]:
    found = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(), str(path))
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_") \
                        and _returns_dict(node):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    return found


def lines(folder: str) -> dict[str, int]:
    return {str(p.relative_to(ROOT)): len(p.read_text().splitlines()) for p in sorted((ROOT / folder).glob("*.py"))}


def main() -> None:
    for folder, limit in (("pages", 120), ("ui", 300)):
        sizes = lines(folder)
        over = {k: v for k, v in sizes.items() if v > limit}
        print(f"{folder}/: {sum(sizes.values())} lines in {len(sizes)} files; over {limit}: {over or 'none'}")
    found = dict_functions()
    print(f"public functions returning bare dicts: {len(found)}")
    if "-v" in sys.argv:
        print("\n".join(found))


if __name__ == "__main__":
    main()
