"""Find, parse and validate scenario files, reporting file, field path and line for every problem.

Scenarios ship as package data in `acrlab/labs/scenarios/` (so they load when acrlab is installed
non-editable); the repository root `scenarios/` is a symlink to that directory. Extra directories can
be added with the `ACRLAB_SCENARIO_PATH` environment variable (os.pathsep-separated); a file there with
the same id as a built-in scenario overrides it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .. import yamlcheck
from ..content_index import SCENARIO_DIR, path_problems, scenario_dirs, scenario_files  # noqa: F401  (discovery)
from ..yamlcheck import DataFileError, Issue
from .schema import CHECK_KINDS, Scenario
from .variables import all_placeholders

MAX_FILE_BYTES = 512 * 1024


class ScenarioError(DataFileError):
    """One or more scenario files are malformed; `issues` lists every problem."""


class UnknownScenario(LookupError):
    pass


STEP_TAGS = {"run", "files", "image", "advance", "fault"}


FAULT_ACTIONS = {"registry_property", "lock_image", "assign_role", "remove_role"}


def _is_tag(loc: tuple[Any, ...], i: int) -> bool:
    """Is loc[i] a discriminator tag pydantic put in the location (not a key in the file)?"""
    part = loc[i]
    if i >= 2 and isinstance(loc[i - 1], int):
        return (loc[i - 2] == "checks" and part in CHECK_KINDS) or (loc[i - 2] == "setup" and part in STEP_TAGS)
    return i >= 1 and loc[i - 1] == "fault" and part in FAULT_ACTIONS or str(part).startswith("function-")


def format_loc(loc: tuple[Any, ...]) -> str:
    """('tasks', 0, 'checks', 1, 'az', 'query') -> 'tasks[0].checks[1].query' (discriminator tags dropped)."""
    return yamlcheck.format_loc(loc, _is_tag)


def node_line(root: yaml.Node, loc: tuple[Any, ...]) -> int | None:
    return yamlcheck.node_line(root, loc, _is_tag)


def parse_text(text: str, name: str) -> Scenario:
    """Parse and validate one scenario document; every problem found is reported together. Raises ScenarioError,
    never anything else."""
    data, root = yamlcheck.compose(text, name, ScenarioError,
                                   "a scenario file must be a mapping (id:, title:, tasks:, ...)")
    issues = semantic_issues(data, root, name)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(yamlcheck.validation_issues(exc, root, name, _is_tag) + issues) from None
    if issues:
        raise ScenarioError(issues)
    return scenario


def _names(values) -> str:
    values = sorted(values)
    shown = ", ".join(values[:80])
    return shown + (f", ... ({len(values)} in all)" if len(values) > 80 else "")


def semantic_issues(data: dict, root: yaml.Node, name: str) -> list[Issue]:
    """What pydantic cannot see (read from the raw document, so they are reported even when other fields are
    invalid): placeholders naming no variable, objectives and concepts not in their catalogues (the valid ones are
    listed)."""
    from ..objectives import OBJECTIVES, describe_unknown
    from .concepts import CONCEPTS

    issues = []
    variables = data.get("variables") if isinstance(data.get("variables"), dict) else {}
    known = set(variables) | {"subscription_id", "tenant_id", "learner_upn"}
    for step in data.get("setup") or []:
        if isinstance(step, dict) and isinstance(step.get("save_as"), str):
            known.add(step["save_as"])
    for loc, var in all_placeholders(data):
        if loc and loc[0] == "variables":
            continue
        if var not in known:
            issues.append(Issue(name, node_line(root, loc), format_loc(loc),
                                f"unknown variable {{{{ {var} }}}} (declared: {_names(known) or 'none'})"))
    objectives = data.get("objectives") if isinstance(data.get("objectives"), list) else []
    for i, o in enumerate(objectives):
        if isinstance(o, str) and o not in OBJECTIVES:
            issues.append(Issue(name, node_line(root, ("objectives", i)), f"objectives[{i}]",
                                describe_unknown(o) + f"; valid objectives: {_names(OBJECTIVES)}"))
    concepts = data.get("concepts") if isinstance(data.get("concepts"), list) else []
    for i, c in enumerate(concepts):
        if isinstance(c, str) and c not in CONCEPTS:
            issues.append(Issue(name, node_line(root, ("concepts", i)), f"concepts[{i}]",
                                f"unknown concept {c!r}; valid concepts: {_names(CONCEPTS)}"))
    return issues


def parse_file(path: str | Path, match_name: bool = True) -> Scenario:
    """Parse a scenario file, read with a bound (a device such as /dev/zero cannot make it read forever).
    `match_name`: its id must be its file name (scenario directories); a teacher's changed copy given to
    `class regrade --scenario-file` may be called anything."""
    name = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise ScenarioError([Issue(name, None, "", "is a directory, not a scenario file")])
        with open(p, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ScenarioError([Issue(name, None, "", f"cannot read file: {exc.strerror or exc}")]) from None
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError([Issue(name, None, "", f"file is larger than {MAX_FILE_BYTES // 1024} KB")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScenarioError([Issue(name, None, "", "not a UTF-8 text file")]) from None
    scenario = parse_text(text, name)
    if match_name and p.stem != scenario.id:
        raise ScenarioError([Issue(name, 1, "id", f"id {scenario.id!r} must match the file name {p.stem!r}")])
    return scenario


def parse_rubric(path: str | Path, scenario_id: str) -> Scenario:
    """A changed copy of scenario `scenario_id` (any file name): its id must still be that scenario's."""
    scenario = parse_file(path, match_name=False)
    if scenario.id != scenario_id:
        raise ScenarioError([Issue(str(path), 1, "id", f"this file is scenario {scenario.id!r}, not {scenario_id!r}: "
                                   "regrade with the scenario the class was graded on")])
    return scenario


@lru_cache(maxsize=256)
def _load_cached(path: str, mtime: float) -> Scenario:
    return parse_file(path)


def load_scenario(scenario_id: str) -> Scenario:
    """A scenario by id. Raises UnknownScenario or ScenarioError."""
    files = scenario_files()
    path = files.get(scenario_id)
    if path is None:
        raise UnknownScenario(f"no scenario {scenario_id!r}; try `acrlab scenario list`")
    return _load_cached(str(path), path.stat().st_mtime)


def list_scenarios() -> list[Scenario]:
    """Every scenario that loads, sorted by id (see `broken_scenarios` for the files that do not)."""
    out = []
    for sid in sorted(scenario_files()):
        try:
            out.append(load_scenario(sid))
        except (ScenarioError, UnknownScenario):
            continue
    return out


def broken_scenarios() -> dict[Path, ScenarioError]:
    """Scenario files (built-in or on ACRLAB_SCENARIO_PATH) that do not load, with their problems."""
    broken: dict[Path, ScenarioError] = {}
    for path in scenario_files().values():
        try:
            _load_cached(str(path), path.stat().st_mtime)
        except ScenarioError as e:
            broken[path] = e
        except OSError as e:
            broken[path] = ScenarioError([Issue(str(path), None, "", f"cannot read file: {e.strerror or e}")])
    return broken
