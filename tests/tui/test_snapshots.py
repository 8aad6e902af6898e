"""Layout snapshots (SVG) at 80x24 and a larger terminal. Update with `pytest tests/tui --snapshot-update`.

A snapshot is taken only once the screen is still: commands run in a worker thread (`settle` waits for them)
and switching tabs animates the tab underline for 0.3 s (`still` waits for animations). Taking the picture
after a fixed number of pauses caught the explorer snapshot mid-animation on a loaded machine."""

from __future__ import annotations

from acrlab.tui.app import AcrLabApp

from .helpers import settle, wait_for_terminal


async def still(pilot) -> None:
    await settle(pilot)
    await pilot.wait_for_scheduled_animations()
    await pilot.wait_for_animation()
    await pilot.pause()


def _no_blink(app) -> None:
    for widget in app.screen.query("Input"):
        widget.cursor_blink = False


def test_home_80x24(snap_compare):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        _no_blink(pilot.app)
    assert snap_compare(AcrLabApp(), terminal_size=(80, 24), run_before=run_before)


def test_sandbox_lab_after_a_command_80x24(snap_compare):
    async def run_before(pilot):
        await wait_for_terminal(pilot)
        _no_blink(pilot.app)
        pilot.app.screen.query_one("#command").value = "az group create -n rg-containers -l brazilsouth -o table"
        await pilot.press("enter")
        await still(pilot)
    assert snap_compare(AcrLabApp(start="labs", open_lab=True), terminal_size=(80, 24), run_before=run_before)


def test_lab_explorer_tab_120x36(snap_compare):
    async def run_before(pilot):
        await wait_for_terminal(pilot)
        _no_blink(pilot.app)
        for cmd in ("az group create -n rg -l eastus -o none", "az acr create -n snapreg01 -g rg --sku Basic -o none"):
            pilot.app.screen.query_one("#command").value = cmd
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press("ctrl+b")
        await still(pilot)
    assert snap_compare(AcrLabApp(start="labs", open_lab=True), terminal_size=(120, 36), run_before=run_before)


def test_portal_form_80x24(snap_compare):
    async def run_before(pilot):
        await pilot.pause()
        _no_blink(pilot.app)
        pilot.app.screen.query_one("#name").value = "ab"
        await pilot.pause()
    assert snap_compare(AcrLabApp(start="portal"), terminal_size=(80, 24), run_before=run_before)


def test_help_100x30(snap_compare):
    async def run_before(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.press("f1")
        await pilot.pause()
    assert snap_compare(AcrLabApp(), terminal_size=(100, 30), run_before=run_before)
