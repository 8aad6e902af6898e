"""At 80x24 the screens fit: Home needs no scrolling, the labs list tells labs apart, empty states say what next."""

from __future__ import annotations

from acrlab.tui.services import Services


class FixedReadiness(Services):
    """Services whose readiness is a given dict (the store's answers are not what these tests are about)."""

    def __init__(self, readiness: dict[str, float]) -> None:
        super().__init__()
        self.fixed = readiness

    def readiness(self) -> dict[str, float]:
        return dict(self.fixed)


def _inside(widget, height: int) -> bool:
    r = widget.region
    return r.height > 0 and r.y >= 0 and r.bottom <= height - 1  # the footer takes the last line


async def test_home_at_80x24_shows_weakest_objectives_first_without_scrolling(make_app):
    # given: 16 objectives, two of them weak
    readiness = {f"acr.obj{k:02d}": 0.9 for k in range(16)}
    readiness.update({"acr.obj07": 0.1, "acr.obj12": 0.3})
    app = make_app(services=FixedReadiness(readiness))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        screen = app.screen
        bars = screen.query_one("#readiness")
        shown, hidden = bars.visible_rows()
        # then: the weakest lead, the rest are counted, and every card is on screen
        assert [label for label, _, _ in shown[:2]] == ["acr.obj07", "acr.obj12"]
        assert hidden > 0 and len(shown) + hidden == 16
        assert f"+{hidden} more" in str(bars.render().renderables[-1])
        for card in ("#next-step", "#card-start", "#card-readiness", "#card-due", "#card-recent"):
            assert _inside(screen.query_one(card), 24), card


async def test_home_on_a_tall_terminal_lists_every_objective(make_app):
    readiness = {f"acr.obj{k:02d}": 0.5 for k in range(16)}
    app = make_app(services=FixedReadiness(readiness))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        shown, hidden = app.screen.query_one("#readiness").visible_rows()
        assert len(shown) == 16 and hidden == 0


async def test_progress_without_history_says_what_to_do_and_draws_no_bars(make_app):
    app = make_app(start="progress")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        for name, key in (("exam", "F7"), ("lab", "ctrl+g"), ("practice", "F6")):
            assert screen.query_one(f"#{name}-spark").has_class("-hidden")
            assert key in str(screen.query_one(f"#{name}-summary").render())
