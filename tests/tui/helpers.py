"""Pilot helpers for the lab screen: commands run in a worker thread, so wait for the pane to be idle."""

from __future__ import annotations


def terminal_busy(app) -> bool:
    from acrlab.tui.widgets.terminal import TerminalPane

    panes = app.screen.query(TerminalPane)
    return bool(panes) and (panes.first().busy or bool(panes.first()._queue))


async def settle(pilot, rounds: int = 400) -> None:
    """Wait until the command (and anything typed ahead) has run and its output is on screen."""
    app = pilot.app
    await pilot.pause()
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not terminal_busy(app):
            break
    await pilot.pause()


async def type_line(pilot, text: str) -> None:
    """Type a line key by key, press Enter and wait for it to run."""
    await pilot.press(*[c if c != " " else "space" for c in text])
    await pilot.press("enter")
    await settle(pilot)


async def submit(pilot, text: str) -> None:
    """Put a line in the input, press Enter and wait for it to run."""
    pilot.app.screen.query_one("#command").value = text
    await pilot.press("enter")
    await settle(pilot)


def scrollback(app) -> str:
    return "\n".join(line.text for line in app.screen.query_one("#scrollback").lines)


async def wait_for_terminal(pilot, rounds: int = 200):
    """The lab screen is pushed after the first refresh and composed later: wait until its input exists."""
    for _ in range(rounds):
        await pilot.pause()
        found = pilot.app.screen.query("#command")
        if found:
            return found.first()
    raise AssertionError(f"no lab terminal on {pilot.app.screen!r}")
