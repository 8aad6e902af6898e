"""The quiz in a terminal as a newcomer meets it: headings in words (no item ids or section numbers), 'quit'
stops practice and review keeping what was answered, and the exam report never cuts an objective's title."""

from __future__ import annotations

import io

import pytest

from acrlab.objectives import OBJECTIVES
from acrlab.quiz import default_bank
from acrlab.quiz.cli import main
from acrlab.quiz.report import format_report


@pytest.fixture(autouse=True)
def home(monkeypatch, tmp_path):
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path))


def run(argv, text=""):
    out = io.StringIO()
    return main(argv, stdin=io.StringIO(text), stdout=out), out.getvalue()


def test_practice_headings_name_the_kind_and_the_topic_and_quit_keeps_the_answers():
    rc, out = run(["practice", "--section", "3.3", "--type", "single", "--limit", "3", "--seed", "1"], "A\nquit\n")
    assert rc == 0
    assert "[1/3] one answer · Authentication · " in out and "section 3.3" not in out
    assert "Stopped after 1 of 3: " in out and "stopped." not in out
    from acrlab.progress import open_store

    with open_store() as store:
        assert len(store.seen_item_ids()) == 1  # the one answer given is recorded


def test_review_can_be_stopped_with_quit():
    from acrlab.progress import open_store

    with open_store() as store:  # a failed lab check makes cards due now
        assert store.record_lab_grade("tokens-lab", 0, 1, [{"passed": False, "objective": "acr.auth.tokens"}])
    rc, out = run(["review"], "quit\n")
    assert rc == 0 and "Type 'quit' to stop" in out
    assert "Reviewed 0 item(s)" in out and "unexpected problem" not in out


def test_exam_report_shows_long_objective_titles_whole():
    from acrlab.quiz.exam import ExamReport

    long_ids = [k for k, o in OBJECTIVES.items() if len(o.title) > 56]
    assert long_ids
    fields = ExamReport.model_fields
    assert "by_objective" in fields
    bank = default_bank()
    item = next(i for i in bank.items if i.objective in long_ids and i.type == "single")
    from acrlab.quiz import Blueprint, ExamSession
    from acrlab.quiz.blueprint import ExamForm

    form = ExamForm(blueprint=Blueprint(minutes=10, breaks_allowed=0), seed=0, item_ids=[item.id], trial_ids=[])
    ex = ExamSession(form, bank, clock=lambda: 0.0)
    ex.answer(item.answer)
    text = "\n".join(format_report(ex.finish()))
    assert OBJECTIVES[item.objective].title in text
