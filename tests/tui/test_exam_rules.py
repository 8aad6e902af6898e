"""The exam screen plays by Microsoft's rules (exam duration and experience pages, as restated in
shared/reference/acr-facts.md section 16): breaks inside exam time that lock seen questions, problem-solution
sets, Learn pages open during the exam, unscored items, sections, time-up auto-submit; and it is usable from the
keyboard: focus on the first answer control after Start and after every move (issue 18)."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, RadioButton, Select

from acrlab.tui.screens.exam import SECTION_WARNING, ExamScreen
from acrlab.tui.screens.exam_dialogs import ConfirmDialog, ExamReportScreen, ExamReviewScreen, ReviewGrid
from acrlab.tui.screens.exam_setup import ExamSetup
from acrlab.tui.widgets.question import QuestionView

from .conftest import answer_correctly


class FakeClock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def _start(app, pilot, **kw):
    screen = app.screen
    assert isinstance(screen, ExamScreen)
    clock = FakeClock()
    screen.clock = clock
    await screen.start_exam(kw.pop("count", 4), kw.pop("minutes", 10), seed=kw.pop("seed", 3), **kw)
    await pilot.pause()
    await pilot.pause()
    return screen, screen.exam, clock


def _notes(app) -> list[str]:
    return [n.message for n in app._notifications]


def _focus_in_question(app) -> bool:
    """The focused widget is an answer control inside the question on screen (visible, not hidden)."""
    focused = app.screen.focused
    view = app.screen.query(QuestionView)
    return bool(focused is not None and view and focused in view.first().query("*") and focused.display
                and focused.region.height > 0)


async def test_setup_shows_the_values_the_exam_will_use(make_app):
    app = make_app(start="exam")
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        setup = app.screen.query_one(ExamSetup)
        # given: the defaults: 10 questions at the real exam's pace (100 minutes per 50 without labs), unscored on
        assert [app.screen.query_one(f"#exam-{k}", Input).value for k in ("count", "minutes", "trial")] == \
            ["10", "20", "1"]
        assert all(i.size.width >= 6 for i in app.screen.query(Input))       # wide enough to show the value
        # when: labs are added, the minutes follow the 120-minute pace; typed minutes are then kept
        app.screen.query_one("#exam-labs", Checkbox).value = True
        await pilot.pause()
        assert app.screen.query_one("#exam-minutes", Input).value == "24"
        app.screen.query_one("#exam-minutes", Input).value = "30"
        await pilot.pause()
        app.screen.query_one("#exam-count", Input).value = "20"
        await pilot.pause()
        assert app.screen.query_one("#exam-minutes", Input).value == "30"
        assert "20 scored question(s) + 1 unscored, 30 minutes" in str(app.screen.query_one("#exam-summary").render())
        # and out-of-range values are shown as the exam will use them once it starts
        app.screen.query_one("#exam-count", Input).value = "99"
        app.screen.query_one("#exam-labs", Checkbox).value = False
        await pilot.pause()
        assert setup.settings().count == 60
        app.screen.clock = FakeClock()
        await pilot.click("#exam-begin")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.exam is not None
        assert app.screen.query_one("#exam-count", Input).value == "60"


async def test_focus_lands_on_the_first_answer_control_after_start_and_every_move(make_app):
    app = make_app(start="exam")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen, exam, _ = await _start(app, pilot, count=6)
        assert _focus_in_question(app)
        for _ in range(3):
            await pilot.press("ctrl+n")
            await pilot.pause()
            await pilot.pause()
            assert _focus_in_question(app), app.screen.focused
        await pilot.press("ctrl+b")
        await pilot.pause()
        await pilot.pause()
        assert _focus_in_question(app)
        # keyboard only: the first control of a single-answer question takes space to answer it
        if exam.current.type == "single":
            await pilot.press("space")
            await pilot.pause()
            assert isinstance(app.screen.focused, RadioButton)


async def test_breaks_any_number_clock_runs_seen_questions_lock(make_app):
    app = make_app(start="exam")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen, exam, clock = await _start(app, pilot, count=5, minutes=30)
        answer_correctly(screen.query_one(QuestionView), exam.current)
        seen = set(exam.seen)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "clock keeps running" in str(app.screen.query_one("#confirm-body").render())
        await pilot.click("#confirm-yes")
        await pilot.pause()
        await pilot.pause()
        assert exam.on_break and seen <= exam.locked and exam.responses
        assert not screen.query_one("#exam-break").has_class("-hidden")
        assert app.screen.focused is screen.query_one("#exam-resume")   # never a hidden widget
        # the break has no fixed length: 12 minutes later it still runs, and the exam clock ran with it
        clock.now += 12 * 60
        screen._tick()
        await pilot.pause()
        assert exam.on_break and "On a break for 12:00" in str(screen.query_one("#break-text").render())
        await pilot.click("#exam-resume")
        await pilot.pause()
        await pilot.pause()
        assert not exam.on_break and exam.index not in seen and _focus_in_question(app)
        assert exam.time_remaining() == 18 * 60
        await pilot.press("ctrl+o")
        await pilot.pause()
        grid = app.screen
        assert isinstance(grid, ReviewGrid) and all(grid.query_one(f"#item-{k}").disabled for k in seen)


async def test_break_refused_within_a_problem_solution_set(make_app):
    app = make_app(start="exam")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen, exam, clock = await _start(app, pilot, count=8, minutes=60, series=True)
        assert exam.current_section.kind == "solution_goal"
        assert exam.current.stem == "Does the solution meet the goal?"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog) and not exam.on_break
        assert any("within a problem-solution set" in n for n in _notes(app))
        # answering and leaving a problem-solution item locks it
        answer_correctly(screen.query_one(QuestionView), exam.current)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert exam.is_locked(0)


async def test_learn_pages_open_during_the_exam_but_nothing_else(make_app):
    app = make_app(start="exam")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen, exam, _ = await _start(app, pilot, count=4)
        for key in ("f4", "f6", "f8"):      # labs, practice, review stay closed
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == "exam"
        assert any("only the Learn pages" in n for n in _notes(app))
        await pilot.press("f3")
        await pilot.pause()
        assert app.current_mode == "learn" and exam.report is None   # the exam is still running
        await pilot.press("f7")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "exam" and _focus_in_question(app)


async def test_trial_items_on_by_default_look_like_others_and_the_review_explains_every_option(make_app):
    app = make_app(start="exam")
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        app.screen.clock = FakeClock()
        await pilot.click("#exam-begin")         # the defaults: 10 questions + 1 unscored
        await pilot.pause()
        await pilot.pause()
        screen, exam = app.screen, app.screen.exam
        assert len(exam.form.trial_ids) == 1
        shown = []
        while True:
            shown.append(str(screen.query_one("#exam-pos").render()))
            answer_correctly(screen.query_one(QuestionView), exam.current)
            before = exam.index
            await pilot.press("ctrl+n")
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):
                await pilot.click("#confirm-yes")   # finish the section and go on
                await pilot.pause()
                await pilot.pause()
            elif exam.index == before:
                break
        assert not any("trial" in s.lower() or "unscored" in s.lower() for s in shown)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        report_screen = app.screen
        assert isinstance(report_screen, ExamReportScreen)
        assert "Question" in str(report_screen.query_one("#exam-unscored").render())
        await pilot.click("#review-questions")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ExamReviewScreen)
        text = "\n".join(str(w.render()) for w in review.query(".review-body"))
        assert "Your answer:" in text and "[correct]" in text and "[wrong]" in text and "Source:" in text


async def test_section_end_dialog_counts_questions_and_names_the_case_study_once(make_app):
    app = make_app(start="exam")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen, exam, _ = await _start(app, pilot, count=6, case_study=True)
        assert [s.kind for s in exam.sections] == ["general", "case_study"]
        assert exam.sections[1].title.count("Case study:") == 1
        first = exam.sections[0].indices
        answer_correctly(screen.query_one(QuestionView), exam.current)   # 1 of the section answered
        await pilot.pause()  # a radio button's change reaches its RadioSet as a message
        await screen._move("goto", first[-1])
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        body = str(dialog.query_one("#confirm-body").render())
        assert SECTION_WARNING in body and f"Unanswered questions: {len(first) - 1} of {len(first)}" in body
        assert body.count("Case study:") == 1
        await pilot.click("#confirm-no")
        await pilot.pause()
        assert exam.section == 0 and _focus_in_question(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        await pilot.pause()
        assert exam.section == 1 and exam.current.type == "case_study"
        assert all(exam.is_locked(k) for k in first)
        pos = str(screen.query_one("#exam-pos").render())
        assert pos.count("Case study:") == 1 and "Question 1 of 1" in pos


async def test_time_up_submits_automatically_and_misses_become_review_cards(make_app):
    app = make_app(start="exam")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen, exam, clock = await _start(app, pilot, count=3, minutes=2)
        answer_correctly(screen.query_one(QuestionView), exam.current)
        await pilot.press("ctrl+n")
        await pilot.pause()
        clock.now += 2 * 60 + 1
        screen._tick()
        await pilot.pause()
        report_screen = app.screen
        assert isinstance(report_screen, ExamReportScreen)
        assert report_screen.report.auto_submitted and report_screen.report.timed_out
        assert report_screen.report.earned >= 1
        assert "submitted automatically" in str(report_screen.query_one("#exam-points").render())
        store = app.services.store()
        assert store.exam_reports() and not app.exam_in_progress
        missed = {a["item_id"] for a in store.answers() if not a["correct"]}
        assert missed and {c["item_id"] for c in store.cards()} >= missed


async def test_section_order_select_puts_case_studies_first(make_app):
    app = make_app(start="exam")
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#exam-order", Select).value = "case-studies-first"
        app.screen.query_one("#exam-case", Checkbox).value = True
        await pilot.pause()
        app.screen.clock = FakeClock()
        await pilot.click("#exam-begin")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.exam.sections[0].kind == "case_study"
