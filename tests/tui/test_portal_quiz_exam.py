"""The portal form creates through the engine; a quiz question is answered; a short exam is taken."""

from __future__ import annotations

from acrlab.tui.screens.exam import ExamScreen
from acrlab.tui.screens.exam_dialogs import ExamReportScreen, ReviewGrid
from acrlab.tui.widgets.question import QuestionView

from .conftest import answer_correctly


async def test_portal_form_validates_live_and_creates_a_registry(make_app):
    app = make_app(start="portal")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        lab = app.sandbox
        # given: no resource group yet, so the form asks for a new one
        screen.query_one("#rg").value = "__new__"
        screen.query_one("#new-rg").value = "rg-portal"
        await pilot.pause()
        # when: an invalid name is typed, the form says why and will not create
        screen.query_one("#name").focus()
        await pilot.press(*"my-acr")
        await pilot.pause()
        assert "alphanumeric" in str(screen.query_one("#name-msg").render())
        assert screen.query_one("#create").disabled
        # and a taken name is refused through the engine's availability check
        screen.query_one("#name").value = "microsoft"
        await pilot.pause()
        assert "already in use" in str(screen.query_one("#name-msg").render())
        screen.query_one("#name").value = "portalreg01"
        screen.query_one("#sku").value = "Premium"
        screen.query_one("#admin").value = True
        await pilot.pause()
        assert "is available" in str(screen.query_one("#name-msg").render())
        assert not screen.query_one("#create").disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
        reg = lab.cloud.find_registry("portalreg01")
        assert reg is not None and reg.sku == "Premium" and reg.admin_user_enabled
        assert reg.resource_group == "rg-portal" and reg.location == "brazilsouth"
        commands = [r.command for r in lab.transcript]
        assert any(c.startswith("az acr create --name portalreg01 --resource-group rg-portal --sku Premium")
                   for c in commands)
        # then: the blade shows overview, repositories and IAM
        blade = str(screen.query_one("#blade-text").render())
        assert "portalreg01.azurecr.io" in blade and "Access control (IAM)" in blade
        assert "Owner" in blade and "Subscription (Inherited)" in blade
        # and the name is now taken
        screen.query_one("#name").value = "portalreg01"
        await pilot.pause()
        assert "already in use" in str(screen.query_one("#name-msg").render())


async def test_portal_new_resource_group_name_is_validated_as_typed(make_app):
    app = make_app(start="portal")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#rg").value = "__new__"
        screen.query_one("#name").value = "portalreg02"
        await pilot.pause()
        msg, create = screen.query_one("#rg-msg"), screen.query_one("#create")
        assert "Name the new resource group" in str(msg.render()) and create.disabled
        screen.query_one("#new-rg").focus()
        # when: the learner types a name ending in a period, then with a space, then too long
        await pilot.press(*"rg.")
        await pilot.pause()
        assert "cannot end in a period" in str(msg.render()) and create.disabled
        await pilot.press("backspace", *" x")
        await pilot.pause()
        assert "only allow alphanumeric" in str(msg.render()) and create.disabled
        screen.query_one("#new-rg").value = "r" * 91
        await pilot.pause()
        assert "1-90 characters" in str(msg.render()) and create.disabled
        # then: a valid name with periods, underscores and parentheses is accepted
        screen.query_one("#new-rg").value = "rg_apps.(prod)-1"
        await pilot.pause()
        assert str(msg.render()) == "" and not create.disabled


async def test_portal_review_create_key_only_on_the_create_tab(make_app):
    app = make_app(start="portal")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen

        def footer_keys() -> set[str]:
            return {a.binding.action for a in screen.active_bindings.values() if a.enabled}
        assert "create" in footer_keys()
        screen.query_one("#portal-tabs").active = "tab-blade"
        await pilot.pause()
        assert "create" not in footer_keys()
        screen.query_one("#name").value = "portalreg03"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.sandbox.cloud.find_registry("portalreg03") is None
        screen.query_one("#portal-tabs").active = "tab-create"
        await pilot.pause()
        assert "create" in footer_keys()


async def test_answer_a_quiz_question_with_feedback_and_progress(make_app):
    app = make_app(start="quiz")
    async with app.run_test(size=(100, 40)) as pilot:
        for _ in range(20):
            await pilot.pause()
            if app.screen.query(QuestionView):
                break
        screen = app.screen
        view = screen.query_one(QuestionView)
        item = screen.session.current
        answer_correctly(view, item)
        await pilot.press("ctrl+s")
        await pilot.pause()
        feedback = screen.query_one("#feedback")
        assert "Correct" in feedback.source
        assert screen.session.results[0].correct
        answers = app.services.store().answers()
        assert [a["item_id"] for a in answers] == [item.id] and answers[0]["correct"] == 1
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.session.index == 1


async def test_take_a_short_exam_with_flag_grid_and_report(make_app):
    app = make_app(start="exam")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        await screen.start_exam(4, 10, seed=3)
        await pilot.pause()
        exam = screen.exam
        n = len(exam.items)
        assert n == 4
        await pilot.press("ctrl+f")  # flag the first item
        assert 0 in exam.marked
        for k in range(n):
            answer_correctly(screen.query_one(QuestionView), exam.current)
            await pilot.pause()
            if k < n - 1:
                await pilot.press("ctrl+n")
                await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ReviewGrid)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#confirm-yes")  # "Finish the exam?"
        await pilot.pause()
        assert isinstance(app.screen, ExamReportScreen)
        report = app.screen.report
        assert report.earned == report.possible and report.passed
        assert str(app.screen.query_one("#exam-verdict").render()).startswith("Exam result: 1000 / 1000")
        assert app.services.store().exam_reports()[0]["scaled"] == 1000


def test_exam_quotas_add_up():
    for count in (3, 4, 10, 25):
        assert sum(ExamScreen._quotas(count).values()) == count
