"""What start-up needs from the course content, without parsing it every time.

The home screen needs which bank items practise each objective (readiness) and which objectives each lab
scenario names; `acrlab scenario list` needs each scenario's listing fields and which files are broken. Getting
them means importing pydantic, parsing ~400 KB of YAML and validating it all: a third of a second. So the result
is kept as a small JSON file in the cache directory (`$ACRLAB_HOME/cache`, else the user cache directory), keyed by
the size and modification time of every file it was derived from, the code that validates them included: any
change rebuilds it from the files (validated exactly as before), and a missing, unreadable or corrupt cache is
simply rebuilt. A bank that does not load is never cached (its error is raised as before).

Scenario file discovery lives here (the labs loader imports it) so it can run without importing the labs package.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__

FORMAT = 1
PACKAGE = Path(__file__).parent
SCENARIO_DIR = PACKAGE / "labs" / "scenarios"
BANK_DIR = PACKAGE / "quiz" / "bank"


# -- scenario files (the labs loader's discovery) -----------------------------------------------------------------

def scenario_dirs() -> list[Path]:
    dirs = [SCENARIO_DIR]
    for extra in os.environ.get("ACRLAB_SCENARIO_PATH", "").split(os.pathsep):
        if extra.strip():
            dirs.append(Path(extra.strip()))
    return dirs


def path_problems() -> list[str]:
    """Entries of ACRLAB_SCENARIO_PATH that are not directories (reported, never silently skipped)."""
    return [f"ACRLAB_SCENARIO_PATH entry {d} is not a directory" for d in scenario_dirs()[1:] if not d.is_dir()]


def scenario_files() -> dict[str, Path]:
    """Scenario id -> file; later directories override earlier ones."""
    found: dict[str, Path] = {}
    for d in scenario_dirs():
        if d.is_dir():
            for p in sorted(d.glob("*.yaml")):
                found[p.stem] = p
    return found


def bank_files() -> list[Path]:
    """The packaged question bank's files (as acrlab.quiz.loader.bank_files() finds them)."""
    return sorted(BANK_DIR.glob("*.yaml"))


# -- the cache ------------------------------------------------------------------------------------------------------

def cache_dir() -> Path:
    home = os.environ.get("ACRLAB_HOME")
    if home:
        return Path(home) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("acrlab"))


def _code(package: str) -> list[Path]:
    """The code that validates a kind of content: its package and the shared modules it reads."""
    shared = [PACKAGE / name for name in ("objectives.py", "yamlcheck.py", "learnpages.py")]
    return shared + sorted((PACKAGE / package).rglob("*.py"))


def fingerprint(paths: list[Path]) -> list[Any]:
    """What the cached answer depends on: the format, acrlab's version, and each file's size and mtime."""
    out: list[Any] = [FORMAT, __version__]
    for p in paths:
        try:
            st = p.stat()
            out.append([str(p), st.st_size, st.st_mtime_ns])
        except OSError:
            out.append([str(p), None, None])
    return out


def cached(name: str, paths: list[Path], build: Callable[[], Any] | None) -> Any:
    """`build()`'s JSON-able answer, from `<cache>/<name>.json` while nothing in `paths` has changed (without
    `build`: None when the cache cannot answer)."""
    key = fingerprint(paths)
    file = cache_dir() / f"{name}.json"
    try:
        with open(file, encoding="utf-8") as f:
            stored = json.load(f)
        if isinstance(stored, dict) and stored.get("key") == key and "value" in stored:
            return stored["value"]
    except (OSError, ValueError):
        pass  # no cache yet, or a broken one: rebuild
    if build is None:
        return None
    value = build()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"key": key, "value": value}, f)
        os.replace(tmp, file)
    except OSError:
        pass  # a read-only cache directory costs speed, never correctness
    return value


# -- the question bank: items per objective -------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemRef:
    id: str


@dataclass(frozen=True)
class ObjectiveRef:
    id: str
    title: str


class CourseIndex:
    """What readiness reads of a Bank (`objectives`, `items_for(objective=...)`) from the cached bank index, and
    `scenario_objectives(id)` from the cached scenario index (read only when asked: a learner with lab grades)."""

    def __init__(self, objectives: dict[str, str], items: dict[str, list[str]]) -> None:
        self.objectives = {o: ObjectiveRef(o, title) for o, title in objectives.items()}
        self._items = items
        self._scenarios: dict[str, list[str]] | None = None

    def items_for(self, *, objective: str) -> list[ItemRef]:
        return [ItemRef(i) for i in self._items.get(objective, [])]

    def scenario_objectives(self, scenario_id: str | None) -> list[str]:
        """The scenario index is read at the first question and kept, as the bank's part is: readiness asks once per
        graded scenario, and each read checks every scenario and labs code file (a cost that grew with the
        learner's history)."""
        if not scenario_id:
            return []
        if self._scenarios is None:
            self._scenarios = {s["id"]: list(s["objectives"]) for s in scenario_index()["scenarios"]}
        return list(self._scenarios.get(scenario_id, []))


def _build_bank_index() -> dict[str, Any]:
    from .quiz.bank import default_bank

    bank = default_bank()
    return {"objectives": {o: getattr(v, "title", "") for o, v in bank.objectives.items()},
            "items": {o: [i.id for i in bank.items_for(objective=o)] for o in bank.objectives}}


def course_index(build: bool = True) -> CourseIndex | None:
    """The packaged bank's objectives and their items (raises the bank's error when it does not load). With
    `build=False`, None unless the cache answers (nothing is parsed)."""
    value = cached("bank-index", [*bank_files(), *_code("quiz")],
                   _build_bank_index if build else None)
    return None if value is None else CourseIndex(value["objectives"], value["items"])


# -- lab scenarios: listing fields, objectives, broken files ------------------------------------------------------

LISTED = ("id", "title", "difficulty", "minutes", "troubleshooting", "max_score", "objectives")


def _listing(scenario: Any) -> dict[str, Any]:
    out = {}
    for key in LISTED:
        value = getattr(scenario, key)
        out[key] = list(value) if isinstance(value, tuple | list) else value
    return out


def _build_scenario_index() -> dict[str, Any]:
    from .labs.loader import broken_scenarios, list_scenarios

    return {"scenarios": [_listing(s) for s in list_scenarios()],
            "broken": {str(path): [str(issue) for issue in err.issues] for path, err in broken_scenarios().items()}}


def scenario_index() -> dict[str, Any]:
    """{"scenarios": [{id, title, difficulty, minutes, troubleshooting, max_score, objectives}, ...] (sorted by id,
    the ones that load), "broken": {path: [issue, ...]}}."""
    files = list(scenario_files().values())
    return cached("scenario-index", [*files, *_code("labs")], _build_scenario_index)


def scenario_objectives(scenario_id: str) -> list[str]:
    """The objectives a scenario names ([] for an unknown or broken one)."""
    for s in scenario_index()["scenarios"]:
        if s["id"] == scenario_id:
            return list(s["objectives"])
    return []
