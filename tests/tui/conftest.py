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
    from textual.widgets import RadioSet, Select, SelectionList

    _answer(view, item, "q")
    del RadioSet, Select, SelectionList


def _answer(view, item, prefix: str) -> None:
    from textual.widgets import RadioButton, RadioSet, Select, SelectionList

    t = item.type
    if t == "single":
        buttons = list(view.query_one(f"#{prefix}-single", RadioSet).query(RadioButton))
        buttons["ABCDEFGH".index(item.answer)].value = True
    elif t == "multiple":
        sl = view.query_one(f"#{prefix}-multi", SelectionList)
        for letter in item.answer:
            sl.select(letter)
    elif t == "yesno":
        sl = view.query_one(f"#{prefix}-yesno", SelectionList)
        for k, st in enumerate(item.statements):
            if st.answer:
                sl.select(k)
    elif t == "ordering":
        sl = view.query_one(f"#{prefix}-order", SelectionList)
        for step in item.steps:
            sl.select(step.id)
    elif t == "dropdown":
        for name in item.blank_order():
            view.query_one(f"#{prefix}-blank-{name}", Select).value = item.blanks[name].answer
    elif t == "case_study":
        for k, q in enumerate(item.questions):
            _answer(view, q, f"{prefix}-{k}")
    else:
        raise AssertionError(f"no helper for {t}")
