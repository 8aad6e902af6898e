"""The real exam's rules on an injectable clock: trial items, the break, sections, time-up auto-submit."""

import pytest

from acrlab.quiz import (
    Blueprint,
    ExamError,
    ExamLockedError,
    ExamOnBreak,
    ExamSectionEnd,
    ExamSession,
    ExamTimeUp,
    build_form,
    default_bank,
    format_report,
)
from acrlab.quiz.blueprint import TRIAL_TYPES, ExamForm

BANK = default_bank()
# 0 single (A)  1 single (C)  2 yesno (T T F F)  3 multiple (A B D)  4 ordering | 5 case study | 6 lab
IDS = ["struct-login-server", "sku-included-storage", "auth-token-wildcards", "sum-premium-exclusive",
       "impl-ps-order", "case-fabrikam-lifecycle", "perf-admin-off"]


class Clock:
    def __init__(self):
        self.t = 5000.0

    def __call__(self):
        return self.t


def session(minutes=30, trial=(), breaks=1, ids=IDS):  # noqa: B008
    clock = Clock()
    form = ExamForm(blueprint=Blueprint(minutes=minutes, breaks_allowed=breaks), seed=0, item_ids=list(ids),
                    trial_ids=list(trial))
    return ExamSession(form, BANK, clock=clock), clock


# -- unscored trial items ------------------------------------------------------------------------------
def test_trial_items_are_excluded_from_the_score_hand_worked():
    ids = IDS[:2] + [IDS[3]]
    ex, _ = session(trial=["sku-included-storage"], ids=ids)
    ex.answer("A")          # right: 1/1
    ex.next()
    ex.answer("C")          # right, but a trial item: not counted
    ex.next()
    ex.answer(["A", "C"])   # 1 of 3 parts
    rep = ex.finish()
    # scored: 1 + 1 = 2 of 1 + 3 = 4 -> 50% -> 1 + 699 * 0.5 / 0.7 = 500.3 -> 500
    assert (rep.earned, rep.possible, rep.scaled, rep.passed) == (2, 4, 500, False)
    assert [r.index for r in rep.unscored] == [1] and rep.unscored[0].earned == 1
    assert set(rep.by_section) == {"3.1", "13"}  # the trial item's section 3.2 is not in the breakdown
    text = "\n".join(format_report(rep))
    assert "question 2: unscored" in text and "Unscored items" in text


def test_a_wrong_trial_answer_changes_nothing():
    ids = IDS[:2] + [IDS[3]]
    scores = []
    for trial_answer in ("C", "A"):
        ex, _ = session(trial=["sku-included-storage"], ids=ids)
        ex.answer("A")
        ex.next()
        ex.answer(trial_answer)
        scores.append((ex.finish().earned, ex.report.possible))
    assert scores[0] == scores[1] == (1, 4)


def test_build_form_draws_trial_items_among_general_items():
    bp = Blueprint(trial_items=3)
    form = build_form(BANK, bp, seed=7)
    assert len(form.item_ids) == bp.total + 3 and len(form.trial_ids) == 3 and not form.shortfalls
    assert set(form.trial_ids) <= set(form.item_ids) and len(set(form.item_ids)) == len(form.item_ids)
    assert all(BANK.get(i).type in TRIAL_TYPES for i in form.trial_ids)
    ex = ExamSession(form, BANK, clock=Clock())
    kinds = [s.kind for s in ex.sections]
    assert kinds == ["solution_goal", "general", "case_study", "performance"]
    general = ex.sections[1].indices
    assert all(form.item_ids.index(t) in general for t in form.trial_ids)
    # indistinguishable: the session exposes nothing per item that differs for trial items
    assert all(set(e) == {"index", "item_id", "type", "answered", "marked"} for e in ex.review_screen())
    assert build_form(BANK, bp, seed=7).trial_ids == form.trial_ids  # reproducible
    assert len(build_form(BANK, Blueprint(), seed=7).trial_ids) == 3   # on by default, as in the real exam
    assert build_form(BANK, Blueprint(trial_items=0), seed=7).trial_ids == []


# -- the break ----------------------------------------------------------------------------------------
def test_break_locks_seen_items_and_counts_inside_exam_time():
    ex, clock = session(minutes=30, breaks=None)
    ex.answer("A")
    ex.next()
    clock.t += 60
    assert ex.break_allowed() is None
    ex.take_break()                 # items 1 and 2 (indices 0, 1) were seen
    with pytest.raises(ExamOnBreak):
        ex.answer("C")
    clock.t += 120
    assert ex.break_elapsed() == 120
    assert ex.resume() is BANK.get("auth-token-wildcards") and ex.index == 2
    assert ex.is_locked(0) and ex.is_locked(1)
    with pytest.raises(ExamLockedError):
        ex.goto(0)
    assert [e["index"] for e in ex.review_screen()] == [2, 3, 4]
    assert ex.time_remaining() == 30 * 60 - 180   # the 2 minutes of break came out of exam time
    assert ex.break_allowed() is None             # any number of breaks
    rep = ex.finish()
    assert rep.break_seconds == 120 and rep.earned == 1   # the answer given before the break still counts


def test_a_break_lasts_until_resumed_and_breaks_repeat():
    ex, clock = session(breaks=None)
    ex.take_break()
    clock.t += 20 * 60              # far longer than the 5 minutes built into the exam time
    with pytest.raises(ExamOnBreak):
        ex.answer("C")              # still on the break: it ends only when the candidate resumes
    assert ex.on_break
    ex.resume()
    assert ex.index == 1 and not ex.on_break
    ex.answer("C")
    ex.take_break()                 # a second break
    clock.t += 60
    ex.resume()
    assert ex.breaks_taken == 2 and ex.finish().break_seconds == 21 * 60


def test_break_allowed_in_series_and_case_studies_refused_in_labs_and_problem_solution_sets():
    ids = ["series-aks-attach", "series-aks-admin-secret", "struct-login-server", "auth-token-wildcards",
           "case-fabrikam-lifecycle", "perf-admin-off"]
    ex, _ = session(breaks=None, ids=ids)
    assert [s.kind for s in ex.sections] == ["solution_goal", "general", "case_study", "performance"]
    assert ex.break_allowed() == "breaks are not allowed within a problem-solution set"
    with pytest.raises(ExamError):
        ex.take_break()
    ex.finish_section()
    ex.goto(3)                      # a Yes/No series: a break is allowed (it locks what was seen)
    assert ex.break_allowed() is None
    ex.finish_section()
    assert ex.current_section.kind == "case_study" and ex.break_allowed() is None
    ex.finish_section()
    assert ex.break_allowed() == "breaks are not allowed in the middle of a lab"


def test_a_break_limit_can_still_be_set():
    ex, _ = session(breaks=1)
    ex.take_break()
    ex.resume()
    assert ex.break_allowed() == "no break left in this exam"


def test_problem_solution_items_lock_once_left():
    ids = ["series-aks-attach", "series-aks-admin-secret", "series-aks-control-plane", "struct-login-server"]
    ex, _ = session(ids=ids)
    assert ex.current.stem == "Does the solution meet the goal?"
    ex.answer(True)
    ex.next()
    assert ex.is_locked(0)
    with pytest.raises(ExamLockedError):
        ex.goto(0)
    with pytest.raises(IndexError):
        ex.prev()                   # nothing earlier is open
    assert [e["index"] for e in ex.review_screen()] == [1, 2]
    ex.answer(False)
    rep = ex.finish()
    assert [r.earned for r in rep.items[:2]] == [1, 1]


def test_time_running_out_during_a_break_submits():
    ex, clock = session(minutes=3)
    ex.answer("A")
    ex.take_break()
    clock.t += 200
    with pytest.raises(ExamTimeUp) as up:
        ex.resume()
    assert up.value.report.timed_out and up.value.report.earned == 1 and up.value.report.break_seconds == 200


# -- sections -----------------------------------------------------------------------------------------
def test_sections_cannot_be_reopened():
    ex, _ = session()
    assert [(s.kind, s.indices) for s in ex.sections] == [("general", [0, 1, 2, 3, 4]), ("case_study", [5]),
                                                          ("performance", [6])]
    ex.goto(4)
    with pytest.raises(ExamSectionEnd):
        ex.next()
    assert ex.finish_section() is BANK.get("case-fabrikam-lifecycle")
    for k in range(5):
        assert ex.is_locked(k)
    with pytest.raises(ExamLockedError):
        ex.goto(1)
    with pytest.raises(IndexError):
        ex.prev()
    ex.answer({"case-fabrikam-q1": {"days": "14"}})
    ex.goto(6)                      # moving forward finishes the case-study section
    assert ex.is_locked(5) and ex.current_section.kind == "performance"
    with pytest.raises(ExamSectionEnd):
        ex.finish_section()         # the last section: only finishing the exam is left
    rep = ex.finish()
    assert rep.items[5].earned == 1 and rep.possible == 1 + 1 + 4 + 3 + 3 + 4 + 2


def test_review_screen_is_per_section():
    ex, _ = session()
    ex.mark(True)
    assert [e["index"] for e in ex.review_screen()] == [0, 1, 2, 3, 4]
    assert ex.review_screen()[0]["marked"]
    ex.finish_section()
    assert [e["index"] for e in ex.review_screen()] == [5]


# -- time up ------------------------------------------------------------------------------------------
def test_time_up_auto_submits_hand_worked():
    ex, clock = session(minutes=10)
    ex.answer("A")
    ex.next()
    ex.answer("B")                  # wrong
    ex.next()
    ex.answer([True, True, False, False])
    clock.t += 599
    assert ex.poll() is None
    clock.t += 1
    rep = ex.poll()
    assert rep is not None and rep.timed_out and rep.auto_submitted and rep.elapsed_seconds == 600
    # 1 + 0 + 4 + 0 + 0 + 0 + 0 = 5 of 1 + 1 + 4 + 3 + 3 + 4 + 2 = 18 -> 27.8% -> 1 + 699 * (5/18) / 0.7 = 278.4
    assert (rep.earned, rep.possible, rep.scaled) == (5, 18, 278)
    with pytest.raises(ExamError):
        ex.answer("A")
    assert ex.finish() is rep and all(ex.is_locked(k) for k in range(len(IDS)))


# -- blueprints ---------------------------------------------------------------------------------------
def test_blueprint_for_items_hand_worked():
    # 10/50 of 23, 8, 4, 3, 6, 1, 2, 3 = 4.6, 1.6, 0.8, 0.6, 1.2, 0.2, 0.4, 0.6: floors 4,1,0,0,1 (6), then the
    # four largest remainders, ties in type order: yesno 0.8, then single, multiple, ordering 0.6 (solution_goal,
    # also 0.6, comes later in the type order)
    bp = Blueprint.for_items(10)
    assert bp.type_quotas == {"single": 5, "multiple": 2, "yesno": 1, "ordering": 1, "dropdown": 1}
    assert bp.minutes == 24 and bp.total == 10 and bp.trial_items == 1   # 120 min for 50 with labs; trials on
    assert Blueprint.for_items(10, include_performance=False).minutes == 20   # 100 min for 50 without labs
    full = Blueprint.for_items(50)
    assert full.type_quotas == Blueprint().type_quotas and full.minutes == 120
    assert Blueprint.full(labs=False).minutes == 100 and "performance" not in Blueprint.full(labs=False).type_quotas
    assert Blueprint.full().minutes == 120 and Blueprint.full().trial_items == 3
    assert Blueprint.for_items(4, minutes=7).minutes == 7
    with pytest.raises(ValueError):
        Blueprint.for_items(0)
    with pytest.raises(ValueError):
        Blueprint(type_quotas={"single": -1})


def test_section_order_options():
    bank_form = {order: build_form(BANK, Blueprint(section_order=order), seed=5) for order in
                 ("general-first", "case-studies-first", "labs-first")}
    kinds = {o: [s.kind for s in ExamSession(f, BANK, clock=Clock()).sections] for o, f in bank_form.items()}
    assert kinds["general-first"] == ["solution_goal", "general", "case_study", "performance"]
    assert kinds["case-studies-first"] == ["case_study", "solution_goal", "general", "performance"]
    assert kinds["labs-first"] == ["performance", "solution_goal", "general", "case_study"]
    sg = [BANK.get(i) for i in bank_form["general-first"].item_ids if BANK.get(i).type == "solution_goal"]
    assert len(sg) == 3 and len({i.series for i in sg}) == 1      # a problem-solution set comes whole
