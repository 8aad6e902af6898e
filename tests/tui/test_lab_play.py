"""Play scenarios to 100% through the terminal pane, with ticks, ctrl+g report, progress and export."""

from __future__ import annotations

import json

import pytest

from acrlab.tui.screens.lab import LabScreen
from acrlab.tui.screens.report import ReportScreen
from acrlab.tui.widgets.checklist import Checklist

from .helpers import type_line

labs = pytest.importorskip("acrlab.labs", reason="the labs package is not in this build")




async def open_lab(pilot, app, scenario_id: str) -> LabScreen:
    app.open_lab(scenario_id)
    for _ in range(100):
        await pilot.pause()
        if isinstance(app.screen, LabScreen) and app.screen.query("#command"):
            break
    await pilot.pause()
    assert isinstance(app.screen, LabScreen)
    assert app.focused is app.screen.query_one("#command"), "the terminal must have the focus"
    return app.screen


@pytest.mark.parametrize("scenario_id", ["quick-build", "partner-token"])
async def test_play_a_lab_to_full_marks_through_the_terminal(make_app, scenario_id):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lab(pilot, app, scenario_id)
        checklist = screen.query_one(Checklist)
        assert checklist.done_count == 0
        # given: nothing done yet, ctrl+g reports less than full marks
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        first = app.screen.report
        assert first.percent < 100
        await pilot.press("escape")
        await pilot.pause()
        # when: the learner types the reference solution line by line
        for line in screen.run.session.solution("bash").strip().splitlines():
            await type_line(pilot, line)
        # then: ticks follow the checks, and ctrl+g shows N/M points (100%)
        assert checklist.done_count == len(screen.run.tasks())
        await pilot.press("ctrl+g")
        await pilot.pause()
        report = app.screen.report
        assert report.percent == 100
        headline = str(app.screen.query_one("#report-headline").render())
        assert headline == f"{report.earned:g}/{report.possible:g} points (100%)"
        await pilot.press("escape")
        await pilot.pause()
        grades = app.services.store().lab_grades()
        assert [g["scenario_id"] for g in grades] == [scenario_id, scenario_id]
        assert grades[-1]["score"] == grades[-1]["max_score"]


async def test_export_session_replays_with_acrlab_grade(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lab(pilot, app, "partner-token")
        for line in screen.run.session.solution("bash").strip().splitlines():
            await type_line(pilot, line)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await type_line(pilot, "echo after the first export")
        await pilot.press("ctrl+s")  # a second export is a new file: the first one is never overwritten
        await pilot.pause()
    path = tmp_path / "sessions" / "partner-token-session.json"
    data = json.loads(path.read_text())
    assert data["scenario"] == "partner-token" and data["commands"]
    second = json.loads((tmp_path / "sessions" / "partner-token-session-2.json").read_text())
    assert second["commands"][:-1] == data["commands"]
    assert second["commands"][-1]["text"] == "echo after the first export"
    report = labs.grade("partner-token", str(path), seed=0)
    assert report.score == report.max_score


async def test_hint_reset_and_unknown_lab(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lab(pilot, app, "quick-build")
        await pilot.press("ctrl+t")
        await pilot.pause()
        text = "\n".join(line.text for line in screen.query_one("#scrollback").lines)
        assert "hint: " in text
        await type_line(pilot, "az group create -n extra -l eastus -o none")
        assert screen.run.lab.cloud.subscription.find_group("extra") is not None
        await pilot.press("ctrl+r")  # bash's history search: never a reset
        await pilot.pause()
        assert screen.run.lab.cloud.subscription.find_group("extra") is not None
        await pilot.press("escape")
        screen.query_one("#command").value = ""
        await pilot.click("#reset-btn")  # the Reset button asks first; Escape keeps everything
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert screen.run.lab.cloud.subscription.find_group("extra") is not None
        await pilot.click("#reset-btn")
        await pilot.pause()
        await pilot.click("#choice-reset")
        await pilot.pause()
        assert screen.run.lab.cloud.subscription.find_group("extra") is None
        assert app.focused is screen.query_one("#command")
        await pilot.press("escape")
        await pilot.pause()
        app.open_lab("no-such-lab")
        await pilot.pause()
        assert "cannot be opened" in str(app.screen.query_one("#lab-error").render())
