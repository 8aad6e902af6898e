"""A runaway command in the app's lab terminal (issue 12: `f() { f & f; }; f`, 18 characters, ran 184 s to 6 GB):
it runs off the event loop, the app keeps handling keys while it runs, and ctrl+c stops it through the real
Lab.interrupt (exit 130), not its budget; the terminal is usable again afterwards."""

from __future__ import annotations

from acrlab.engine.budget import EXIT_INTERRUPTED, Limits

from .helpers import scrollback, settle, submit, wait_for_terminal


async def test_ctrl_c_stops_a_real_fork_bomb_and_keys_are_handled_meanwhile(make_app):
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(110, 36)) as pilot:
        await wait_for_terminal(pilot)
        screen = app.screen
        lab = screen.run.lab
        lab.limits = Limits(seconds=120)  # only ctrl+c can end it this side of two minutes
        command = screen.query_one("#command")
        command.value = "f() { f & f; }; f"
        await pilot.press("enter")
        for _ in range(500):  # until the worker has started it
            await pilot.pause(0.02)
            if screen.terminal.busy:
                break
        assert screen.terminal.busy
        await pilot.press("x")  # the event loop handles keys while the command runs
        assert command.value == "x" and screen.terminal.busy
        command.value = ""
        await pilot.press("ctrl+c")
        for _ in range(3000):
            await pilot.pause(0.02)
            if not screen.terminal.busy:
                break
        assert not screen.terminal.busy
        last = lab.transcript[-1]
        assert last.command == "f() { f & f; }; f" and last.exit_code == EXIT_INTERRUPTED, last
        assert "^C" in scrollback(app)
        await submit(pilot, "echo still here")
        await settle(pilot)
        assert scrollback(app).rstrip().endswith("still here")
