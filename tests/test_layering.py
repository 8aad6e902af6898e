"""Architecture is a test: lower layers never import higher ones, and nothing below the TUI loads textual."""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1] / "acrlab"

# package -> packages it must never import
FORBIDDEN = {
    "engine": ["acrlab.iac", "acrlab.shell", "acrlab.labs", "acrlab.quiz", "acrlab.progress", "acrlab.tui",
               "acrlab.lab", "acrlab.notebook", "acrlab.cli", "textual"],
    "iac": ["acrlab.shell", "acrlab.labs", "acrlab.quiz", "acrlab.progress", "acrlab.tui", "textual"],
    "shell": ["acrlab.labs", "acrlab.quiz", "acrlab.progress", "acrlab.tui", "textual"],
    "labs": ["acrlab.quiz", "acrlab.tui", "textual"],
    "quiz": ["acrlab.tui", "textual"],
    "progress": ["acrlab.tui", "textual"],
}


def imports_of(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            found.add(mod)
            found.update(f"{mod}.{a.name}" for a in node.names)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_above_it(layer):
    folder = ROOT / layer
    if not folder.exists():
        pytest.skip(f"acrlab/{layer} not present")
    bad = []
    for py in folder.rglob("*.py"):
        for mod in imports_of(py):
            for banned in FORBIDDEN[layer]:
                if mod == banned or mod.startswith(banned + "."):
                    bad.append(f"{py.relative_to(ROOT.parent)} imports {mod}")
    assert not bad, "\n".join(bad)


def test_engine_and_shell_do_not_load_textual_at_runtime():
    code = (
        "import sys, acrlab.engine, acrlab.shell.session, acrlab.lab\n"
        "from acrlab import Lab\n"
        "Lab(0).run('az group list')\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "assert not bad, bad\n"
        "assert 'acrlab.tui' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_engine_imports_only_pydantic_and_stdlib():
    allowed_third_party = {"pydantic", "pydantic_core", "croniter", "dateutil"}
    stdlib = set(sys.stdlib_module_names)
    bad = []
    for py in (ROOT / "engine").rglob("*.py"):
        for mod in imports_of(py):
            top = mod.split(".")[0]
            if top in ("acrlab", "") or top in stdlib or top in allowed_third_party:
                continue
            bad.append(f"{py.name}: {mod}")
    assert not bad, bad
