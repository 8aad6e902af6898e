"""Labs: scenario exercises graded on the state they leave, for self-study and for a whole class.

Python API (used by the TUI):

    from acrlab.labs import LabSession, grade, list_scenarios, load_scenario
    list_scenarios() -> list[Scenario]          # every scenario, sorted by id
    load_scenario("partner-token") -> Scenario
    ls = LabSession("partner-token", seed=0)    # set-up applied; .narrative .tasks .run() .check() .hint()
                                                # .reset() .solution(kind) .export_session()
    grade("partner-token", "answer.sh", seed=0, kind=None) -> GradeReport (.to_dict() .to_text())
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "GradingError": "grader", "grade": "grader", "solution_text": "grader",
    "ScenarioError": "loader", "UnknownScenario": "loader", "list_scenarios": "loader", "load_scenario": "loader",
    "parse_file": "loader",
    "CheckResult": "report", "GradeReport": "report",
    "Scenario": "schema",
    "LabSession": "session",
    "SetupError": "setup",
    "SubmissionError": "submission",
}
"""name -> the module defining it: imported on first use, so `acrlab scenario list` or the labs loader does not
import the grader, the lab and the engine."""

__all__ = ["LabSession", "grade", "list_scenarios", "load_scenario", "parse_file", "GradeReport", "CheckResult",
           "Scenario", "ScenarioError", "UnknownScenario", "SubmissionError", "SetupError", "GradingError",
           "solution_text"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
