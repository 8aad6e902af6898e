"""Quiz practice at 80x24: the focus lands on the answer controls, long options wrap, ordering shows the order."""

from __future__ import annotations

import pytest
from textual.widgets import RadioButton, RadioSet

from acrlab.tui.screens import practice
from acrlab.tui.widgets.question import ChoiceBox, ChoiceButton, QuestionView, YesNoRow


@pytest.fixture
def quiz_with(monkeypatch):
    """Quiz practice whose session holds the given bank item ids."""
    def use(*ids: str) -> None:
        def pick(self):
            bank = self.app.services.bank()
            return [bank.get(i) for i in ids]
        monkeypatch.setattr(practice.QuizScreen, "pick_items", pick)
    return use


async def _settle(pilot) -> None:
    for _ in range(6):
        await pilot.pause()


async def test_yes_no_statements_have_explicit_yes_no_controls_that_wrap_and_take_the_focus(make_app, quiz_with):
    quiz_with("auth-admin-default")
    app = make_app(start="quiz")
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        view = app.screen.query_one(QuestionView)
        rows = list(view.query(YesNoRow))
        item = view.item
        assert len(rows) == len(item.statements) >= 2
        assert all([str(b.label) for b in row.query(RadioButton)] == ["Yes", "No"] for row in rows)
        assert app.focused is rows[0].query_one(RadioSet)
        long_one = max(rows, key=lambda r: len(r.text))
        text = long_one.query_one(".yesno-text")
        assert len(long_one.text) > text.size.width and text.size.height >= 2
        assert view.response() is None
        # when: the learner answers No to the first statement and Yes to the second with the keyboard
        await pilot.press("right", "enter", "tab", "enter")
        await _settle(pilot)
        # then: each statement holds its own answer; the rest stay unanswered (not silently "No")
        assert rows[0].answer is False and rows[1].answer is True
        assert view.response() == [False, True] + [None] * (len(rows) - 2)
        view.restore([True, False] + [True] * (len(rows) - 2))
        await _settle(pilot)
        assert view.response() == [True, False] + [True] * (len(rows) - 2)
        await pilot.press("ctrl+s")
        await _settle(pilot)
        assert app.screen.query_one("#feedback") is not None


async def test_multiple_answer_boxes_move_with_up_and_down(make_app, quiz_with):
    quiz_with("auth-roles-matrix")
    app = make_app(start="quiz")
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        view = app.screen.query_one(QuestionView)
        boxes = list(view.query(ChoiceBox))
        assert app.focused is boxes[0]
        await pilot.press("down", "down", "space", "up", "space")
        await _settle(pilot)
        assert app.focused is boxes[1]
        assert view.response() == sorted([boxes[1].choice, boxes[2].choice])
        await pilot.press("up", "up")
        assert app.focused is boxes[0]


async def test_single_answer_options_wrap(make_app, quiz_with):
    quiz_with("mis-acr-login-ci")
    app = make_app(start="quiz")
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        buttons = list(app.screen.query(ChoiceButton))
        assert max(b.size.height for b in buttons) >= 2
        assert "--password-stdin" in "".join(str(b.label) for b in buttons)


async def test_ordering_follows_the_order_steps_are_ticked_and_numbers_them(make_app, quiz_with):
    quiz_with("auth-abac-switch-order")
    app = make_app(start="quiz")
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        view = app.screen.query_one(QuestionView)
        boxes = list(view.query(ChoiceBox))
        boxes[2].value = True
        boxes[0].value = True
        await _settle(pilot)
        assert view.response() == [boxes[2].choice, boxes[0].choice]
        assert str(boxes[2].label).startswith("1. ") and str(boxes[0].label).startswith("2. ")
        boxes[2].value = False
        await _settle(pilot)
        assert view.response() == [boxes[0].choice] and str(boxes[0].label).startswith("1. ")


async def test_case_study_keeps_its_scenario_in_view_with_the_focus_on_the_first_question(make_app, quiz_with):
    quiz_with("case-contoso-retail")
    app = make_app(start="quiz")
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        assert app.focused is app.screen.query_one("#q-0-single")
        assert app.screen.query_one("#quiz-body").scroll_y == 0


async def test_empty_review_says_where_cards_come_from_and_hides_submit(make_app):
    app = make_app(start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        assert "Quiz practice (F6)" in str(app.screen.query_one("#quiz-done").render())
        assert app.screen.query_one("#quiz-actions").has_class("-hidden")
