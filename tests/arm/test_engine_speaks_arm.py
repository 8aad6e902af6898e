"""The engine answers in ARM's (and the data plane's) words only: azure-cli's client-side validation and its texts
live in shell/az, Az PowerShell's binding errors in shell/pwsh. Checked over the source like
tests/arm/test_front_ends_do_not_authorize.py: no engine module raises az's error classes (`CliError`, `UsageError`,
`CliResourceNotFound`), marks an error `arm=False`, or words an error with a command-line flag (`--name`) or az's
"usage error".

LEGACY lists the engine modules that still do, with how many such errors each raises: the list may only shrink (a
module that no longer needs its entry must be removed from it)."""

from __future__ import annotations

import ast
import pathlib
import re

ENGINE = pathlib.Path(__file__).resolve().parents[2] / "acrlab" / "engine"
AZ_CLASSES = {"CliError", "UsageError", "CliResourceNotFound"}
IN_TOOL = {"PurgeError", "StepFailed", "ValueError"}
"""Not az's: the tools a task's steps run (`acr purge`, `docker login` in a cmd step: their own texts, flags
included) fail a step with PurgeError / StepFailed; ValueError is an internal signal a caller turns into its own
error."""
AZ_WORDS = re.compile(r"(^|[\s'\"\[(])--[a-z][a-z-]+|\busage error\b", re.IGNORECASE)

LEGACY: dict[str, int] = {}


def _az_worded(path: pathlib.Path) -> list[str]:
    """Each `raise` whose error is one of az's classes, is marked arm=False, or whose text names a flag."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Raise) or not isinstance(node.exc, ast.Call):
            continue
        call = node.exc
        name = ast.unparse(call.func).rsplit(".", 1)[-1]
        if name in IN_TOOL:
            continue
        texts = [c.value for c in ast.walk(call) if isinstance(c, ast.Constant) and isinstance(c.value, str)]
        if (name in AZ_CLASSES or any(k.arg == "arm" and isinstance(k.value, ast.Constant) and k.value.value is False
                                      for k in call.keywords) or any(AZ_WORDS.search(t) for t in texts)):
            found.append(f"{path.name}:{node.lineno} {ast.unparse(call)[:100]}")
    return found


def _counts() -> dict[str, list[str]]:
    return {str(p.relative_to(ENGINE)): refs for p in sorted(ENGINE.rglob("*.py")) if (refs := _az_worded(p))}


def test_the_engine_raises_no_az_worded_errors():
    counts = _counts()
    new = {f: refs for f, refs in counts.items() if len(refs) > LEGACY.get(f, 0)}
    assert not new, f"az's client-side checks belong in shell/az (the engine answers as ARM does): {new}"
    stale = {f: n for f, n in LEGACY.items() if len(counts.get(f, [])) < n}
    assert not stale, f"shrink LEGACY to what is left ({ {f: len(counts.get(f, [])) for f in stale} })"


def test_the_scan_finds_az_wording(tmp_path):
    sample = tmp_path / "engine_module.py"
    sample.write_text("def f(x):\n    if x == 1:\n        raise CliError('bad')\n    if x == 2:\n"
                      "        raise AzureError('Provide --name.', code='X')\n    if x == 3:\n"
                      "        raise AzureError('no', arm=False)\n    raise ArmError('SkuNotSupported', sku='Basic')\n")
    assert len(_az_worded(sample)) == 3
