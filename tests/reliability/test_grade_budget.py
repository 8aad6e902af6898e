"""One budget for the whole grade (issue 12: a per-minute timer task and the scenario's `after: 365d` check took
6 min 7 s and 1.9 GB, and scored 100%): set-up, replay and evaluation share the time limit, what a check runs gets
only the time left, and a check the limit cut short is reported as not evaluated, never with a wrong answer's
reason. The year-long timer grades in seconds and a few tens of MB."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from acrlab.engine.budget import Limits
from acrlab.labs.budget import Deadline
from acrlab.labs.grader import grade, load_scenario, prepared, solution_text
from acrlab.labs.outcome import NOT_EVALUATED
from acrlab.labs.replay import Replay, plan
from acrlab.labs.session import evaluate_all
from acrlab.labs.submission import parse_submission

SCENARIO = "retention-untagged"  # its last check is `after: 365d`; a probe script moves the clock 31 days


def year_long_submission() -> str:
    """The reference solution plus a task with a per-minute timer: a year of the clock replays 525,600 runs."""
    solution = solution_text(load_scenario(SCENARIO))
    name = re.search(r"--name (\S+)", solution).group(1)
    return solution + f'\naz acr task create -n tick -r {name} --cmd "echo tick" --schedule "* * * * *" -c /dev/null\n'


GRADE_IN_A_FRESH_PROCESS = textwrap.dedent("""
    import json, resource, sys, time
    from acrlab.labs.grader import grade
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    report = grade(sys.argv[1], sys.stdin.read())
    print(json.dumps({"seconds": time.monotonic() - started, "score": report.score, "max": report.max_score,
                      "warnings": report.warnings, "peak_growth_mb": (resource.getrusage(resource.RUSAGE_SELF)
                      .ru_maxrss - before) / 1024}))
""")


def test_a_year_of_a_per_minute_timer_grades_within_the_time_and_memory_budget():
    """In a process of its own, so the peak memory measured is the grade's alone."""
    run = subprocess.run([sys.executable, "-c", GRADE_IN_A_FRESH_PROCESS, SCENARIO], input=year_long_submission(),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    got = json.loads(run.stdout)
    assert got["score"] == got["max"] and not got["warnings"], got
    assert got["seconds"] < 15, got                # the default budget is 20 s for set-up, replay and judging
    assert got["peak_growth_mb"] < 300, got        # was 1.9 GB


def test_a_check_cut_short_by_the_limit_is_not_evaluated_never_wrong():
    """A right answer on a tight budget: every check passes or says the time ran out, and the grade ends on time."""
    submission = year_long_submission()
    for limit in (1.0, 2.5):
        started = time.monotonic()
        report = grade(SCENARIO, submission, time_limit=limit)
        assert time.monotonic() - started < limit + 1.5
        if report.error:  # a loaded machine: even the set-up did not fit, and the report says so
            assert "time limit" in report.error and report.score == 0, report.error
            continue
        if any("for running commands" in w for w in report.warnings):
            continue  # the replay itself was cut: the state reached is graded as it is (and the report says so)
        wrong = [(c.id, c.feedback) for c in report.checks if not c.passed and "not evaluated" not in c.feedback]
        assert wrong == [], (limit, wrong)
        if report.score < report.max_score:
            assert any("time limit" in w for w in report.warnings), report.warnings


def test_the_replays_time_cuts_do_not_follow_into_the_evaluation():
    """Each replayed command is cut to the replay's time left; the lab's own limits come back afterwards, so the
    checks are not judged on the last command's sliver of time."""
    scenario = load_scenario(SCENARIO)
    ls = prepared(scenario, 0)
    own = ls.lab.limits
    sub = parse_submission(year_long_submission())
    Replay(ls.lab).apply(sub, ls.scenario, plan(sub), Deadline(5.0))
    assert ls.lab.limits == own
    results = evaluate_all(ls.lab, ls.scenario, Deadline(20.0))
    assert all(o.passed for _, _, o in results), [(c.id, o) for _, c, o in results if not o.passed]


def test_a_clock_that_cannot_move_within_the_labs_own_budget_fails_the_check_with_the_reason():
    """Without a grading deadline (`check` in a lab), an `after:` that does not fit the lab's budget is a failed
    check saying why; nothing escapes."""
    scenario = load_scenario(SCENARIO)
    ls = prepared(scenario, 0)
    ls.lab.run(year_long_submission())
    ls.lab.limits = Limits(steps=50)  # a year of the per-minute timer replays 1,001 runs: more than 50 steps
    results = {c.id: o for _, c, o in evaluate_all(ls.lab, ls.scenario)}
    assert not results["tags-kept"].passed
    assert results["tags-kept"].actual.startswith("the lab's clock could not be moved on 365d: acrlab: the command "
                                                  "was stopped because it took more than its step budget (50 steps")
    assert results["tags-kept"].actual != NOT_EVALUATED


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers on this platform")
def test_the_engines_backstop_timer_survives_a_grade():
    """The grade's deadline borrows SIGALRM; afterwards the engine's pending backstop timer (which ends work that
    reaches no checkpoint, in the main thread) runs on, so the next commands in this process still have it."""
    from acrlab import Lab
    from acrlab.engine import budget

    Lab().run("echo hi")
    pending = signal.getitimer(signal.ITIMER_REAL)[0]
    assert pending > 0 and budget._ALARM.expires is not None
    grade(SCENARIO, "true\n", time_limit=5)
    assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= pending  # was 0: cancelled while the engine waited on it
