"""The exam screen plays by the real exam's rules: break, unscored trial items, sections, time-up auto-submit."""

from __future__ import annotations

from acrlab.tui.screens.exam import SECTION_WARNING, ExamScreen
from acrlab.tui.screens.exam_dialogs import ConfirmDialog, ExamReportScreen, ReviewGrid
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
    return screen, screen.exam, clock


def _notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_exam_break_locks_seen_items_and_resumes_after_five_minutes(make_app):
    app = make_app(start="exam")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen, exam, clock = await _start(app, pilot, count=5)
        while exam.break_allowed():  # step past any Yes/No series, where a break is refused
            await pilot.press("ctrl+n")
            await pilot.pause()
        # given: one item answered and seen
        answer_correctly(screen.query_one(QuestionView), exam.current)
        seen = set(exam.seen)
        # when: the learner takes the break and confirms
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#confirm-yes")
        await pilot.pause()
        # then: on a break, the seen items are locked, the answer kept, the break panel shows
        assert exam.on_break and seen <= exam.locked
        assert exam.responses  # the answer on screen was saved before the break
        assert not screen.query_one("#exam-break").has_class("-hidden")
        assert screen.query_one("#exam-body").has_class("-hidden")
        await pilot.press("ctrl+n")  # no navigating on a break
        assert exam.on_break
        # when: the 5 minutes run out (inside exam time)
        clock.now += 5 * 60
        screen._tick()
        await pilot.pause()
        await pilot.pause()
        # then: back on the first item not seen before the break; a second break is refused
        assert not exam.on_break and exam.index not in seen
        assert screen.query_one("#exam-break").has_class("-hidden")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert any("no break left in this exam" in n for n in _notes(app))
        await pilot.press("ctrl+o")
        await pilot.pause()
        grid = app.screen
        assert isinstance(grid, ReviewGrid)
        assert all(grid.query_one(f"#item-{k}").disabled for k in seen)


async def test_exam_break_refused_inside_a_yes_no_series_with_the_engine_reason(make_app):
    app = make_app(start="exam")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen, exam, _ = await _start(app, pilot, count=10)
        k = next(k for k, it in enumerate(exam.items) if it.type == "yesno")
        await screen._move("goto", k)
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog) and not exam.on_break
        assert any("breaks are not allowed inside a Yes/No series" in n for n in _notes(app))


async def test_exam_trial_items_look_like_others_and_the_report_lists_them_unscored(make_app):
    app = make_app(start="exam")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen, exam, _ = await _start(app, pilot, count=4, trial=2)
        assert len(exam.items) == 6 and len(exam.form.trial_ids) == 2
        shown = []
        for k in range(len(exam.items)):
            shown.append(str(screen.query_one("#exam-pos").render()))
            answer_correctly(screen.query_one(QuestionView), exam.current)
            if k < len(exam.items) - 1:
                await pilot.press("ctrl+n")
                await pilot.pause()
        assert not any("trial" in s.lower() or "unscored" in s.lower() for s in shown)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        report_screen = app.screen
        assert isinstance(report_screen, ExamReportScreen)
        report = report_screen.report
        assert len(report.unscored) == 2 and report.possible < sum(r.possible for r in report.items)
        text = str(report_screen.query_one("#exam-unscored").render())
        trial_positions = [k + 1 for k, it in enumerate(exam.items) if it.id in exam.form.trial_ids]
        for pos in trial_positions:
            assert f"Question {pos}: unscored" in text


async def test_exam_finishing_a_section_asks_first_and_it_cannot_be_reopened(make_app):
    app = make_app(start="exam")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen, exam, _ = await _start(app, pilot, count=5, case_study=True)
        assert [s.kind for s in exam.sections] == ["general", "case_study"]
        first = exam.sections[0].indices
        await screen._move("goto", first[-1])
        await pilot.pause()
        # when: Next at the end of the section
        await pilot.press("ctrl+n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert SECTION_WARNING in str(dialog.query_one("#confirm-body").render())
        await pilot.click("#confirm-no")  # "Stay": still in the section
        await pilot.pause()
        assert exam.section == 0
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        # then: in the case study; the first section is locked and not on the review grid
        assert exam.section == 1 and exam.current.type == "case_study"
        assert all(exam.is_locked(k) for k in first)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert exam.section == 1
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert not app.screen.query(f"#item-{first[0]}")


async def test_exam_time_up_submits_automatically_through_the_engine_poll(make_app):
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
        assert report_screen.report.earned >= 1  # the answer given before time ran out counts
        assert "submitted automatically" in str(report_screen.query_one("#exam-points").render())
        assert app.services.store().exam_reports()
