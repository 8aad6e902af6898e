"""TUI fixtures: an app factory (fresh sandbox tenant, progress in the per-test ACRLAB_HOME) and answer helpers."""

from __future__ import annotations

import pytest


@pytest.fixture
def make_app():
    from acrlab.tui.app import AcrLabApp

    def make(**kw):
        return AcrLabApp(**kw)
    return make


def answer_correctly(view, item) -> None:
    """Set the controls of a QuestionView to the item's right answer (as a learner would click them)."""
    _answer(view, item, "q")


def _answer(view, item, prefix: str) -> None:
    from textual.widgets import RadioButton, RadioSet, Select

    from acrlab.tui.widgets.question import ChoiceBox, YesNoRow

    def tick(group: str, values) -> None:
        boxes = {box.choice: box for box in view.query_one(f"#{group}").query(ChoiceBox)}
        for v in values:
            boxes[v].value = True

    t = item.type
    if t == "single":
        buttons = list(view.query_one(f"#{prefix}-single", RadioSet).query(RadioButton))
        buttons["ABCDEFGH".index(item.answer)].value = True
    elif t == "multiple":
        tick(f"{prefix}-multi", item.answer)
    elif t == "yesno":
        for k, st in enumerate(item.statements):
            view.query_one(f"#{prefix}-yesno-{k}", YesNoRow).answer = bool(st.answer)
    elif t == "ordering":
        tick(f"{prefix}-order", [step.id for step in item.steps])
    elif t == "dropdown":
        for name in item.blank_order():
            view.query_one(f"#{prefix}-blank-{name}", Select).value = item.blanks[name].answer
    elif t == "case_study":
        for k, q in enumerate(item.questions):
            _answer(view, q, f"{prefix}-{k}")
    elif t == "solution_goal":
        list(view.query_one(f"#{prefix}-goal", RadioSet).query(RadioButton))[0 if item.answer else 1].value = True
    else:
        raise AssertionError(f"no helper for {t}")
