"""Home fills its cards once at start (the screen resumes twice while the app starts: refilling then only delayed
the first frame), and again whenever the learner comes back after the progress changed or time moved on."""

from __future__ import annotations

import types


async def test_home_refills_only_when_progress_or_the_minute_changed(make_app, monkeypatch):
    from acrlab.tui.screens import home

    clock = types.SimpleNamespace(now=1_000_000.0)
    monkeypatch.setattr(home, "time", types.SimpleNamespace(time=lambda: clock.now))
    fills = []
    real = home.HomeScreen.refresh_data
    monkeypatch.setattr(home.HomeScreen, "refresh_data", lambda self: fills.append(1) or real(self))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        started = len(fills)
        assert 1 <= started <= 2  # on_mount; and the background load when the course index was not cached yet

        async def away_and_back() -> None:
            app.action_go("progress")
            await pilot.pause()
            app.action_go("home")
            await pilot.pause()

        await away_and_back()
        assert len(fills) == started  # nothing changed

        app.services.store().record_lab_grade("create-registry", 3, 4, [])
        await away_and_back()
        assert len(fills) == started + 1
        assert "lab create-registry: 3/4" in str(app.screen.query_one("#recent").render())

        clock.now += 60  # cards fall due with time
        await away_and_back()
        assert len(fills) == started + 2
