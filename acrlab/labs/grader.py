"""Grade one submission: a prepared lab (set-up applied, shared between gradings of the same scenario and seed),
forked for each submission; replay the submission through the lab shell; judge the state.

One time budget (budget.py) covers the whole grade: set-up when it is not cached yet, the replay (stopped at
REPLAY_SHARE of the budget) and the evaluation (what is left; checks not reached fail, saying so).
"""

from __future__ import annotations

import os
from collections import OrderedDict

from .budget import TIME_LIMIT, Budget, TimeLimit
from .loader import load_scenario
from .outcome import NOT_EVALUATED
from .replay import Replay, plan, split_commands  # noqa: F401  (split_commands is part of the API)
from .report import GradeReport, build_report, error_report
from .schema import Scenario
from .session import LabSession, evaluate_all
from .setup import SetupError
from .submission import Submission, parse_submission
from .variables import render

PREPARED_MAX = 32


class GradingError(RuntimeError):
    """The scenario itself cannot be set up here (e.g. an engine feature it needs is missing)."""


_prepared: OrderedDict[tuple, tuple[Scenario, LabSession]] = OrderedDict()
_seen: OrderedDict[tuple, None] = OrderedDict()


def prepared(scenario: Scenario, seed: int) -> LabSession:
    """A lab with the scenario's set-up applied for this seed, for one grading to change as it likes. The first
    time a (scenario, seed) comes, the set-up runs and its lab is handed over as it is; from the second time on a
    prepared lab is kept and each caller gets a fork of it (set-up once, then a deep copy per submission).
    Raises SetupError."""
    key = (id(scenario), seed)
    hit = _prepared.get(key)
    if hit is not None and hit[0] is scenario:
        _prepared.move_to_end(key)
        return hit[1].fork()
    ls = LabSession(scenario, seed=seed)
    if key not in _seen:
        _seen[key] = None
        while len(_seen) > 4096:
            _seen.popitem(last=False)
        return ls
    _prepared[key] = (scenario, ls)
    while len(_prepared) > PREPARED_MAX:
        _prepared.popitem(last=False)
    return ls.fork()


def student_scenario(scenario: Scenario, seed: int) -> Scenario:
    """The scenario as one student reads it (their names), without running the set-up when the names are known
    without it (a placeholder naming a set-up output needs the set-up)."""
    from ..lab import Lab
    from .session import builtin_values
    from .variables import PLACEHOLDER, render_scenario, values_for

    view = render_scenario(scenario, builtin_values(Lab(seed=seed)) | values_for(scenario, seed), strict=False)
    if any(PLACEHOLDER.search(c.title) for _, c in view.checks()) or PLACEHOLDER.search(view.title):
        try:
            return prepared(scenario, seed).scenario
        except SetupError:
            return view
    return view


def _seed_for(sub: Submission, scenario: Scenario, seed: int | None, warnings: list[str]) -> int:
    if sub.kind == "tui":
        if sub.scenario and sub.scenario != scenario.id:
            warnings.append(f"session export is for scenario {sub.scenario!r}, graded as {scenario.id!r}")
        if seed is None and sub.seed is not None:
            seed = sub.seed
        elif sub.seed is not None and seed is not None and sub.seed != seed:
            warnings.append(f"session export was made with seed {sub.seed}; graded with seed {seed}")
    return seed or 0


def grade(scenario_id: str | Scenario, submission, seed: int | None = 0, kind: str | None = None,
          time_limit: float = TIME_LIMIT) -> GradeReport:
    """Grade a submission (text, path, bytes or a parsed Submission) against a scenario for one student seed.

    Raises SubmissionError (unreadable submission), UnknownScenario/ScenarioError (bad scenario id or
    file) and GradingError (set-up cannot run here). Everything else ends up in the report."""
    budget = Budget(time_limit)
    scenario = load_scenario(scenario_id) if isinstance(scenario_id, str) else scenario_id
    if isinstance(submission, Submission):
        sub = submission
    else:
        sub = parse_submission(os.fspath(submission) if isinstance(submission, os.PathLike) else submission, kind)
    warnings: list[str] = []
    seed = _seed_for(sub, scenario, seed, warnings)
    chunks = plan(sub)
    try:
        with budget.rest():
            ls = prepared(scenario, seed)
    except SetupError as e:
        raise GradingError(f"scenario {scenario.id} cannot be set up: {e}") from None
    except TimeLimit:
        return error_report(scenario, seed, f"the scenario's set-up did not finish within the {time_limit:g} s "
                            "time limit", submission_kind=sub.kind, source=sub.name, notes=sub.notes)
    replay = Replay(ls.lab)
    replay.apply(sub, ls.scenario, chunks, budget.replay_deadline())
    evaluation = budget.rest()
    results = evaluate_all(ls.lab, ls.scenario, evaluation)
    warnings += replay.warnings
    skipped = sum(1 for _, _, o in results if o.actual == NOT_EVALUATED)
    if skipped:
        warnings.append(f"time limit ({time_limit:g} s for the whole grade) reached while judging: {skipped} "
                        "check(s) were not evaluated")
    return build_report(ls.scenario, seed, results, submission_kind=sub.kind, commands_run=replay.run,
                        commands_failed=replay.failed, warnings=warnings, failures=replay.failures(),
                        source=sub.name, notes=sub.notes)


def solution_text(scenario: Scenario, seed: int = 0, kind: str = "bash") -> str | None:
    """A reference solution with the student's names filled in (set-up outputs are not needed)."""
    from ..lab import Lab
    from .session import builtin_values
    from .variables import values_for

    text = getattr(scenario.solution, kind, None)
    values = builtin_values(Lab(seed=seed)) | values_for(scenario, seed)
    return render(text, values, strict=False) if text else None
