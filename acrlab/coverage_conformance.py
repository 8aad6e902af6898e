"""The conformance tally in docs/coverage.md: every azure-cli ACR scenario test and every container-registry docs page,
passing in the lab's suite, skipped with a reason, or missing.

Upstream lists (checked in as data): `coverage_data/azcli_acr_tests.json` (the test files of Azure/azure-cli
src/azure-cli/azure/cli/command_modules/acr/tests/latest/ and their tests) and `coverage_data/docs_pages.json` (every
page of MicrosoftDocs/azure-management-docs articles/container-registry/ with its number of command blocks, written
by `tests/conformance/docs_extract.py --inventory`). The lab's side is read, without importing anything, from the
conformance suite's source (`tests/conformance/`): `@upstream(file, test, ...)` on a translated test,
`Page(lab, "<page>")` with its `.run(i)` / `.skip(i, reason)` calls, and the skips with their reasons in
`tests/conformance/not_run.py`. A translated test or a run page passes when the suite is green, which every landing
requires; one marked skip/xfail would not count as passing.
"""

from __future__ import annotations

import ast
import json
import pathlib

DATA = pathlib.Path(__file__).with_name("coverage_data")
SUITE = pathlib.Path(__file__).resolve().parents[1] / "tests" / "conformance"
COMMAND_LANGS = {"azurecli", "azurecli-interactive", "azurepowershell", "azurepowershell-interactive", "bash",
                 "console", "sh", "shell", "powershell"}  # the same set as tests/conformance/docs.py


def _literal(node, consts):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return consts.get(node.id)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left, consts), _literal(node.right, consts)
        return left + right if isinstance(left, str) and isinstance(right, str) else None
    return None


def _module(path: pathlib.Path) -> tuple[ast.Module, dict]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    consts: dict = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Name) and node.value is not None:
                    value = _literal(node.value, consts)
                    if value is None and isinstance(node.value, ast.Dict):
                        value = {_literal(k, consts): _literal(v, consts)
                                 for k, v in zip(node.value.keys, node.value.values, strict=True)}
                    consts[t.id] = value
    return tree, consts


def _call_name(node) -> str:
    f = node.func if isinstance(node, ast.Call) else node
    if isinstance(f, ast.Attribute):
        return f.attr
    return f.id if isinstance(f, ast.Name) else ""


def _marked_not_passing(fn: ast.FunctionDef) -> bool:
    for d in fn.decorator_list:
        text = ast.unparse(d)
        if any(m in text for m in ("mark.skip", "mark.xfail", "mark.skipif")):
            return True
    return False


def _functions(tree: ast.Module):
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]


def lab_translations(suite: pathlib.Path = SUITE) -> dict[str, dict]:
    """'<file>::<test>' -> {'lab_test', 'partial', 'passing'} from the @upstream marks of the suite."""
    found: dict[str, dict] = {}
    for path in sorted(suite.glob("test_*.py")):
        tree, consts = _module(path)
        for fn in _functions(tree):
            for d in fn.decorator_list:
                if not (isinstance(d, ast.Call) and _call_name(d) == "upstream"):
                    continue
                file, *tests = [_literal(a, consts) for a in d.args]
                partial = next((_literal(k.value, consts) for k in d.keywords if k.arg == "partial"), "")
                for t in tests:
                    found[f"{file}::{t}"] = {"lab_test": f"tests/conformance/{path.name}::{fn.name}",
                                             "partial": partial or "", "passing": not _marked_not_passing(fn)}
    return found


def lab_pages(suite: pathlib.Path = SUITE) -> dict[str, dict]:
    """page -> {'tests', 'run': set of block indexes, 'skip': {index: reason}, 'passing'} from Page(...) uses."""
    pages: dict[str, dict] = {}
    for path in sorted(suite.glob("test_*.py")):
        tree, consts = _module(path)
        for fn in _functions(tree):
            names: dict[str, str] = {}
            for node in ast.walk(fn):
                if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                        and _call_name(node.value) == "Page" and len(node.value.args) >= 2):
                    page = _literal(node.value.args[1], consts)
                    if not isinstance(page, str):
                        pages.setdefault("", {"tests": set(), "run": set(), "skip": {}, "passing": False})[
                            "tests"].add(f"tests/conformance/{path.name}::{fn.name}")  # unreadable: see the test
                    for t in node.targets:
                        if isinstance(t, ast.Name) and isinstance(page, str):
                            names[t.id] = page
                            entry = pages.setdefault(page, {"tests": set(), "run": set(), "skip": {},
                                                            "passing": True})
                            entry["tests"].add(f"tests/conformance/{path.name}::{fn.name}")
                            entry["passing"] &= not _marked_not_passing(fn)
            for node in ast.walk(fn):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and isinstance(node.func.value, ast.Name) and node.func.value.id in names and node.args):
                    continue
                entry = pages[names[node.func.value.id]]
                index = _literal(node.args[0], consts)
                if node.func.attr == "run" and isinstance(index, int):
                    entry["run"].add(index)
                elif node.func.attr == "skip" and isinstance(index, int) and len(node.args) > 1:
                    entry["skip"][index] = _literal(node.args[1], consts) or "(reason computed)"
    return pages


def _skips(suite: pathlib.Path) -> tuple[dict, dict]:
    path = suite / "not_run.py"
    if not path.exists():
        return {}, {}
    _, consts = _module(path)
    return consts.get("SCENARIO_SKIPS") or {}, consts.get("DOCS_SKIPS") or {}


def _page_langs(suite: pathlib.Path, page: str) -> list[str] | None:
    path = suite / "docs_blocks" / f"{page.replace('/', '__')}.json"
    if not path.exists():
        return None
    return [b["lang"] for b in json.loads(path.read_text(encoding="utf-8"))["blocks"]]


def tally(suite: pathlib.Path = SUITE) -> dict:
    """The machine-readable tally (`python -m acrlab.coverage --tally` prints it as JSON)."""
    tests_data = json.loads((DATA / "azcli_acr_tests.json").read_text(encoding="utf-8"))
    docs_data = json.loads((DATA / "docs_pages.json").read_text(encoding="utf-8"))
    translated, pages = lab_translations(suite), lab_pages(suite)
    scenario_skips, docs_skips = _skips(suite)
    scenario = []
    for f in tests_data["files"]:
        if f["kind"] != "scenario":
            continue
        for t in f["tests"]:
            key = f"{f['file']}::{t}"
            lab = translated.get(key)
            if lab and lab["passing"]:
                row = {"status": "passing", "lab_test": lab["lab_test"], "note": lab["partial"]}
            elif key in scenario_skips:
                row = {"status": "skipped", "note": scenario_skips[key]}
            else:
                row = {"status": "missing", "note": "marked skip/xfail in the suite" if lab else ""}
            scenario.append({"file": f["file"], "test": t, **row})
    docs = []
    for p in docs_data["pages"]:
        name, n = p["page"], p["command_blocks"]
        lab = pages.get(name)
        if n and lab and lab["passing"]:
            langs = _page_langs(suite, name) or []
            cmd = [i for i, lang in enumerate(langs) if lang in COMMAND_LANGS]
            run = len([i for i in cmd if i in lab["run"]])
            skipped = len([i for i in cmd if i in lab["skip"] and i not in lab["run"]])
            row = {"status": "passing", "lab_test": ", ".join(sorted(lab["tests"])), "blocks_run": run,
                   "blocks_skipped": skipped}
        elif n == 0:
            row = {"status": "no commands"}
        elif name in docs_skips:
            row = {"status": "skipped", "note": docs_skips[name]}
        else:
            row = {"status": "missing"}
        docs.append({"page": name, "command_blocks": n, **row})

    def count(rows, status):
        return sum(r["status"] == status for r in rows)

    return {
        "scenario_tests": {"source": tests_data["source"], "passing": count(scenario, "passing"),
                           "skipped": count(scenario, "skipped"), "missing": count(scenario, "missing"),
                           "rows": scenario},
        "docs_pages": {"source": docs_data["source"], "revision": docs_data["revision"],
                       "passing": count(docs, "passing"), "skipped": count(docs, "skipped"),
                       "missing": count(docs, "missing"), "no_commands": count(docs, "no commands"),
                       "blocks_run": sum(r.get("blocks_run", 0) for r in docs),
                       "blocks_skipped": sum(r.get("blocks_skipped", 0) for r in docs),
                       "rows": docs},
    }


def lines() -> list[str]:
    if not SUITE.exists():
        return ["", "## Conformance tally", "", "(tests/conformance is not in this installation.)"]
    t = tally()
    s, d = t["scenario_tests"], t["docs_pages"]
    out = ["", "## Conformance tally: azure-cli scenario tests and docs pages", "",
           "Computed by `acrlab/coverage_conformance.py` from the conformance suite's source (`@upstream` marks, "
           "`Page(...)` runs and `tests/conformance/not_run.py`); `python -m acrlab.coverage --tally` prints it as "
           "JSON. *Passing* means translated or run in `tests/conformance/`, which is green whenever anything lands.",
           "",
           f"- azure-cli ACR scenario tests ({s['source']}): **{s['passing']} passing, {s['skipped']} skipped with "
           f"a reason, {s['missing']} missing** of {len(s['rows'])}.",
           f"- Docs pages ({d['source']}, revision {d['revision']}): **{d['passing']} passing, {d['skipped']} "
           f"skipped with a reason, {d['missing']} missing** of {len(d['rows']) - d['no_commands']} pages with "
           f"command blocks ({d['no_commands']} more pages have none); in the passing pages {d['blocks_run']} "
           f"command blocks run and {d['blocks_skipped']} are skipped with a reason (mostly output shown as code).",
           "", "### azure-cli scenario tests", "", "| File | Test | Status | Lab test or reason |", "|---|---|---|---|"]
    for r in s["rows"]:
        where = f"`{r['lab_test']}`" if r.get("lab_test") else ""
        note = "; ".join(x for x in (where, r.get("note", "")) if x)
        out.append(f"| `{r['file']}` | `{r['test']}` | {r['status']} | {note} |")
    out += ["", "### Docs pages", "", "| Page | Command blocks | Status | Lab test or reason |", "|---|---|---|---|"]
    for r in d["rows"]:
        if r["status"] == "no commands":
            continue
        if r["status"] == "passing":
            note = f"`{r['lab_test']}` ({r['blocks_run']} run, {r['blocks_skipped']} skipped)"
        else:
            note = r.get("note", "")
        out.append(f"| `{r['page']}` | {r['command_blocks']} | {r['status']} | {note} |")
    return out
