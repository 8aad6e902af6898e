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

from .grader import GradingError, grade, solution_text
from .loader import ScenarioError, UnknownScenario, list_scenarios, load_scenario, parse_file
from .report import CheckResult, GradeReport
from .schema import Scenario
from .session import LabSession
from .setup import SetupError
from .submission import SubmissionError

__all__ = ["LabSession", "grade", "list_scenarios", "load_scenario", "parse_file", "GradeReport", "CheckResult",
           "Scenario", "ScenarioError", "UnknownScenario", "SubmissionError", "SetupError", "GradingError",
           "solution_text"]
