"""Quiz practice at 80x24: the focus lands on the answer controls, long options wrap, ordering shows the order."""

from __future__ import annotations

import pytest

from acrlab.tui.screens import practice
from acrlab.tui.widgets.question import ChoiceBox, ChoiceButton, QuestionView


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


async def test_yes_no_statements_wrap_instead_of_being_cut_off_and_have_the_focus(make_app, quiz_with):
    quiz_with("auth-admin-default")
    app = make_app(start="quiz")
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        view = app.screen.query_one(QuestionView)
        boxes = list(view.query(ChoiceBox))
        assert isinstance(app.focused, ChoiceBox) and app.focused is boxes[0]
        long_one = max(boxes, key=lambda b: len(b.text))
        assert len(long_one.text) > long_one.size.width and long_one.size.height >= 2
        # when: the first statement is ticked with the keyboard and submitted
        await pilot.press("space", "ctrl+s")
        await _settle(pilot)
        assert app.screen.query_one("#feedback") is not None


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
