"""Learning that connects: a failed lab check and an exam miss both schedule review cards for the objectives
involved, and readiness counts questions, labs and exams (issue 16, "Learning that connects")."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from acrlab.labs.loader import load_scenario
from acrlab.progress import due_items, open_store, readiness, readiness_detail
from acrlab.progress.review import check_objectives
from acrlab.quiz import Blueprint, ExamSession, build_form, default_bank, record_exam

BANK = default_bank()


class Clock:
    def __init__(self):
        self.t = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self):
        return self.t


def _store(tmp_path):
    clock = Clock()
    return open_store(tmp_path / "p.db", now=clock), clock


def test_a_failed_check_of_a_real_lab_schedules_its_objectives(tmp_path):
    store, _ = _store(tmp_path)
    scenario = load_scenario("partner-token")
    assert scenario.objectives == ["acr.auth.tokens"]
    # the checks as the lab screen and the grader record them: no objective of their own
    ids = store.record_lab_grade("partner-token", 1, 4, [{"passed": True, "description": "token exists"},
                                                         {"passed": False, "description": "pull only"}])
    expected = {i.id for i in BANK.items_for(objective="acr.auth.tokens")}
    assert ids and set(ids) == expected
    assert set(ids) <= set(due_items(store))
    assert not any(BANK.get(i).objective == "acr.sku" for i in ids)


def test_a_passed_lab_schedules_nothing_and_an_unknown_lab_links_nothing(tmp_path):
    store, _ = _store(tmp_path)
    assert store.record_lab_grade("partner-token", 4, 4, [{"passed": True}]) == []
    assert store.record_lab_grade("no-such-lab", 0, 4, [{"passed": False}]) == []
    assert check_objectives({"objective": "acr.sku"}, "partner-token") == ["acr.sku"]   # the check's own wins
    assert check_objectives({}, "retention-untagged") == ["acr.lifecycle", "acr.sku"]


def test_an_exam_miss_is_due_again_and_a_right_answer_is_not(tmp_path):
    store, clock = _store(tmp_path)
    ids = ["struct-login-server", "sku-included-storage", "auth-token-wildcards"]
    from acrlab.quiz.blueprint import ExamForm
    form = ExamForm(blueprint=Blueprint(minutes=30, trial_items=0), seed=0, item_ids=ids)
    t = [0.0]
    ex = ExamSession(form, BANK, clock=lambda: t[0])
    ex.answer("A")                                   # right
    ex.next()
    ex.answer("A")                                   # wrong (the answer is C)
    report = ex.finish()                             # the Yes/No series is left unanswered: a miss too
    record_exam(store, report, ex.items)
    assert len(store.exam_reports()) == 1 and len(store.answers()) == 3
    clock.t += timedelta(minutes=5)   # a miss is relearned within minutes; a right answer waits longer
    due = set(due_items(store))
    assert {"sku-included-storage", "auth-token-wildcards"} <= due and "struct-login-server" not in due


def test_readiness_blends_questions_labs_and_exams(tmp_path):
    store, _ = _store(tmp_path)
    before = readiness_detail(store, BANK)["acr.auth.tokens"]
    assert before == {"questions": 0.0, "overall": 0.0}          # nothing done yet: only questions count
    store.record_lab_grade("partner-token", 4, 4, [{"passed": True}])
    after_lab = readiness_detail(store, BANK)["acr.auth.tokens"]
    assert after_lab["labs"] == 1.0 and after_lab["overall"] == round(0.3 / 0.8, 4)   # 0.5*0 + 0.3*1 over 0.8
    form = build_form(BANK, Blueprint.for_items(10, trial_items=0, include_performance=False), seed=2)
    ex = ExamSession(form, BANK, clock=lambda: 0.0)
    report = ex.finish()                                             # nothing answered: 0% on every objective
    store.save_exam_report(report)
    detail = readiness_detail(store, BANK)
    for objective in report.by_objective:
        assert detail[objective]["exams"] == 0.0
    if "acr.auth.tokens" in report.by_objective:
        assert detail["acr.auth.tokens"]["overall"] == round(0.3 / 1.0, 4)
    assert readiness(store, BANK)["acr.auth.tokens"] == detail["acr.auth.tokens"]["overall"]
    latest = json.loads(store.exam_reports()[-1]["report"])
    assert set(latest["by_objective"]) <= set(BANK.objectives)
