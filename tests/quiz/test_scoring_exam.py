import pytest

from acrlab.quiz import (
    Blueprint,
    ExamLockedError,
    ExamSession,
    ExamTimeUp,
    build_form,
    default_bank,
    scaled_score,
    score_item,
)
from acrlab.quiz.exam import ExamForm, build_report
from acrlab.quiz.scoring import ResponseError

BANK = default_bank()


@pytest.mark.parametrize("earned,possible,expected", [
    (0, 10, 1), (10, 10, 1000), (7, 10, 700), (35, 100, 351), (85, 100, 850), (69, 100, 690), (0, 0, 1),
])
def test_scaled_score_hand_worked(earned, possible, expected):
    # 35%: 1 + 699*0.5 = 350.5 -> 351; 85%: 700 + 300*0.5 = 850; 69%: 1 + 699*69/70 = 690.01 -> 690
    assert scaled_score(earned, possible) == expected


def test_single_multiple_yesno_ordering_dropdown_parts():
    assert score_item(BANK.get("struct-login-server"), "A").earned == 1
    assert score_item(BANK.get("struct-login-server"), "b").earned == 0
    multi = BANK.get("sum-premium-exclusive")  # answer A, B, D
    assert score_item(multi, ["A", "B", "D"]).earned == 3
    assert score_item(multi, ["A", "C"]).earned == 1  # one point per correct choice
    assert score_item(multi, ["A", "B", "C", "D"]).earned == 0  # more than 3 chosen
    yn = BANK.get("auth-token-wildcards")  # T T F F
    assert score_item(yn, [True, False, False, True]).earned == 2
    order = BANK.get("impl-ps-order")  # create, get, assign
    assert score_item(order, ["create", "assign", "get"]).parts == [True, False, False]
    dd = BANK.get("impl-cli-retention-dropdown")
    assert score_item(dd, {"status": "enabled", "days": "30", "type": "Tags"}).earned == 2
    case = BANK.get("case-fabrikam-lifecycle")
    s = score_item(case, {"case-fabrikam-q1": {"days": "14"}, "case-fabrikam-q2": "B"})
    assert (s.earned, s.possible) == (2, 4)
    with pytest.raises(ResponseError):
        score_item(BANK.get("struct-login-server"), "Z")


def test_report_hand_worked_breakdown():
    ids = ["struct-login-server", "sum-premium-exclusive", "auth-token-wildcards"]
    items = [BANK.get(i) for i in ids]
    form = ExamForm(blueprint=Blueprint(), seed=0, item_ids=ids)
    rep = build_report(form, items, {0: "A", 1: ["A", "C"], 2: [True, True, False, False]}, {1}, 60.0, False)
    # parts: 1 + 3 + 4 = 8 possible; earned 1 + 1 + 4 = 6 -> 75% -> 700 + 300*0.05/0.3 = 750
    assert (rep.earned, rep.possible, rep.scaled, rep.passed) == (6, 8, 750, True)
    assert rep.by_section["3.1"].earned == 1 and rep.by_section["13"].possible == 3
    assert rep.by_objective["acr.auth.tokens"].percent == 100.0
    assert rep.items[1].marked and "estimate" in rep.note
    review = rep.review(BANK)
    assert review[1]["earned"] == 1 and review[1]["details"]


class FakeClock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def test_form_meets_blueprint_and_is_reproducible():
    bp = Blueprint(trial_items=0)
    f1, f2 = build_form(BANK, bp, seed=3), build_form(BANK, bp, seed=3)
    assert f1.item_ids == f2.item_ids and len(f1.item_ids) == bp.total and not f1.shortfalls
    types = [BANK.get(i).type for i in f1.item_ids]
    for t, n in bp.type_quotas.items():
        assert types.count(t) == n
    assert types[-1] == "performance" and "case_study" in types
    assert build_form(BANK, bp, seed=4).item_ids != f1.item_ids
    no_perf = build_form(BANK, bp, seed=3, include_performance=False)
    assert all(BANK.get(i).type != "performance" for i in no_perf.item_ids)


def test_timer_marking_locking_and_finish():
    clock = FakeClock()
    ids = ["struct-login-server", "auth-token-wildcards", "sku-included-storage", "case-fabrikam-lifecycle"]
    form = ExamForm(blueprint=Blueprint(minutes=10), seed=0, item_ids=ids)
    ex = ExamSession(form, BANK, clock=clock)
    assert ex.time_remaining() == 600
    ex.answer("A")
    ex.mark(True)
    ex.next()
    ex.answer([True, True, False, False])
    ex.next()  # leaving the Yes/No series locks it
    assert ex.is_locked(1)
    with pytest.raises(ExamLockedError):
        ex.goto(1)
    assert [e["index"] for e in ex.review_screen()] == [0, 2]  # this section only; the series is gone
    ex.prev()  # skips the locked series back to item 0
    assert ex.index == 0
    clock.t += 599
    ex.goto(2)
    ex.answer("C")
    clock.t += 2
    assert ex.expired
    with pytest.raises(ExamTimeUp) as up:
        ex.answer("A")
    rep = ex.finish()
    assert up.value.report is rep and rep.auto_submitted
    assert rep.timed_out and rep.elapsed_seconds == 600
    assert rep.earned == 1 + 4 + 1 and rep.items[0].marked
