"""Authorization is decided in one place, the engine: no front end (az, PowerShell, templates, the app, lab set-up)
calls or passes around the decision functions (`Cloud.require`, `Cloud.authorize`, `rbac.evaluate`,
`identity.require_directory_writer`). Checked over the source like tests/test_layering.py checks imports.

LEGACY lists the modules whose resource families still call them, with how many references each has: the list may
only shrink (a module that no longer needs its entry must be removed from it)."""

from __future__ import annotations

import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2] / "acrlab"
FRONT_ENDS = ["shell", "iac", "tui", "labs/setup.py", "lab.py"]
DECISIONS = {"require", "authorize", "require_directory_writer"}

LEGACY: dict[str, int] = {}


def _references(path: pathlib.Path) -> list[str]:
    """`x.require`/`x.authorize` (called or passed as a value) and names imported from the engine's rbac module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in DECISIONS:
            found.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").endswith("engine.rbac"):
            found += [f"{path.name}:{node.lineno} import {a.name}" for a in node.names if a.name == "evaluate"]
    return found


def _front_end_files() -> list[pathlib.Path]:
    out = []
    for part in FRONT_ENDS:
        p = ROOT / part
        out += [p] if p.suffix == ".py" else sorted(p.rglob("*.py"))
    return out


def test_front_ends_leave_authorization_to_the_engine():
    counts = {str(p.relative_to(ROOT)): refs for p in _front_end_files() if (refs := _references(p))}
    new = {f: refs for f, refs in counts.items() if len(refs) > LEGACY.get(f, 0)}
    assert not new, f"front ends must send requests, not decide authorization: {new}"
    stale = {f: n for f, n in LEGACY.items() if len(counts.get(f, [])) < n}
    assert not stale, f"shrink LEGACY to what is left ({ {f: len(counts.get(f, [])) for f in stale} })"


def test_the_scan_finds_a_decision_call(tmp_path):
    sample = tmp_path / "front.py"
    sample.write_text("def f(ctx):\n    ctx.cloud.require(ctx.principal, 'a', 's')\n    g(ctx.cloud.authorize)\n")
    assert len(_references(sample)) == 2
