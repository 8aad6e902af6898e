"""Every scenario: valid, covered concepts, reference solution at 100%, empty submission at 0.

Scenarios whose set-up or solution needs an engine feature that has not landed yet are marked
xfail(strict=True) in NEEDS: the moment the feature lands the test XPASSes, fails, and the mark must
be removed. Never weaken a check to make a solution pass.
"""

from __future__ import annotations

import pytest

from acrlab.labs import grade, list_scenarios, load_scenario, solution_text
from acrlab.labs.concepts import CONCEPTS, covered_by
from acrlab.labs.loader import scenario_files

REQUIRED = {
    "least-privilege-aks", "partner-token", "retention-untagged", "purge-old-tags", "geo-replicate",
    "private-registry", "admin-account-cleanup", "pin-by-digest", "quick-build",
}

# scenario id -> the engine feature it is waiting for (remove an entry when its test XPASSes)
NEEDS: dict[str, str] = {
}

# scenario id -> the feature its *set-up* is waiting for (then even the empty-submission test cannot run)
SETUP_NEEDS: dict[str, str] = {}

IDS = sorted(scenario_files())


def _mark(sid: str, needs: dict[str, str] = NEEDS):
    needs = {**needs, **SETUP_NEEDS}
    if sid in needs:
        return pytest.param(sid, marks=pytest.mark.xfail(strict=True, reason=needs[sid]))
    return sid


def test_every_scenario_file_is_valid():
    assert len(list_scenarios()) == len(IDS)


def test_required_scenarios_present():
    assert REQUIRED <= set(IDS)


def test_enough_scenarios_and_troubleshooting_labs():
    scenarios = list_scenarios()
    assert len(scenarios) >= 24
    assert sum(1 for s in scenarios if s.troubleshooting) >= 6
    assert load_scenario("admin-account-cleanup").troubleshooting


def test_every_seed_concept_is_covered():
    uncovered = [c for c, ids in covered_by(list_scenarios()).items() if not ids]
    assert not uncovered, f"concepts without a scenario: {uncovered}"
    assert set(CONCEPTS)


def test_seed_zero_names_match_the_issue():
    from acrlab.labs.variables import values_for

    v = values_for(load_scenario("least-privilege-aks"), 0)
    assert (v["registry"], v["rg"], v["location"], v["cluster"], v["aks_rg"], v["sp"]) == \
        ("acrlabprod", "rg-containers", "brazilsouth", "aks-prod", "rg-aks", "sp-ci")
    assert values_for(load_scenario("partner-token"), 0)["registry"] == "acrlabshared"
    assert values_for(load_scenario("geo-replicate"), 0)["registry"] == "acrlabglobal"
    assert values_for(load_scenario("admin-account-cleanup"), 0)["registry"] == "acrlablegacy"


@pytest.mark.parametrize("sid", [_mark(s) for s in IDS])
def test_reference_solution_scores_full_marks(sid):
    scenario = load_scenario(sid)
    report = grade(scenario, solution_text(scenario, 0), seed=0, kind="bash")
    failed = [(c.id, c.feedback) for c in report.checks if not c.passed]
    assert report.percent == 100, f"{sid}: {report.score}/{report.max_score}; failed: {failed}; warnings: {report.warnings}"


@pytest.mark.parametrize("sid", [_mark(s) for s in IDS])
def test_reference_solution_works_for_another_student(sid):
    scenario = load_scenario(sid)
    report = grade(scenario, solution_text(scenario, 41), seed=41, kind="bash")
    failed = [(c.id, c.feedback) for c in report.checks if not c.passed]
    assert report.percent == 100, f"{sid} seed 41: failed: {failed}"


@pytest.mark.parametrize("sid", [_mark(s, {}) for s in IDS])
def test_empty_submission_scores_zero(sid):
    report = grade(sid, "", seed=0, kind="bash")
    passed = [c.id for c in report.checks if c.passed]
    assert report.score == 0, f"{sid}: an empty submission passes {passed}"


# other solution languages: (scenario, kind) -> the feature it is waiting for
OTHER_NEEDS: dict[tuple[str, str], str] = {}
OTHER = sorted((s.id, kind) for s in list_scenarios() for kind in ("pwsh", "bicep", "arm")
               if getattr(s.solution, kind))


@pytest.mark.parametrize("sid,kind", [
    pytest.param(*k, marks=pytest.mark.xfail(strict=True, reason=OTHER_NEEDS[k])) if k in OTHER_NEEDS else k
    for k in OTHER])
def test_other_language_solutions_score_full_marks(sid, kind):
    scenario = load_scenario(sid)
    report = grade(scenario, solution_text(scenario, 0, kind), seed=0, kind=kind)
    failed = [(c.id, c.feedback) for c in report.checks if not c.passed]
    assert report.percent == 100, f"{sid} ({kind}): failed {failed}; warnings {report.warnings}; error {report.error}"


def test_some_scenarios_have_other_language_solutions():
    kinds = {k for _, k in OTHER}
    assert {"pwsh", "bicep"} <= kinds
