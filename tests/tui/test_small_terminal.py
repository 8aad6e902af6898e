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


async def test_readiness_labels_show_objective_titles_instead_of_ids(make_app):
    # given: readiness for two bank objectives (one weak) and one the bank does not know
    readiness = {"acr.auth.admin": 0.2, "acr.webhooks": 0.9, "acr.unknown": 0.8}
    app = make_app(services=FixedReadiness(readiness))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        # then: home's bars and next step name the titles; an unknown id is shown as it is
        labels = [label for label, _, _ in app.screen.query_one("#readiness").rows]
        assert labels == ["Admin user account", "acr.unknown", "Webhooks"]
        app.services.store().record_lab_grade("create-registry", 3, 4, [])
        app.screen.refresh_data()
        assert "practise 'Admin user account'" in str(app.screen.query_one("#next-step").render())
        # and: the progress screen gives long titles the room to show whole
        app.services.fixed = {"acr.tasks": 0.5}
        await pilot.press("f9")
        for _ in range(3):
            await pilot.pause()
        bars = app.screen.query_one("#progress-readiness")
        title = "ACR Tasks: quick, triggered, scheduled and multi-step"
        assert bars.rows[0][0] == title
        assert bars.render().columns[0].width == len(title)


async def test_progress_without_history_says_what_to_do_and_draws_no_bars(make_app):
    app = make_app(start="progress")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        for name, key in (("exam", "F7"), ("lab", "ctrl+g"), ("practice", "F6")):
            assert screen.query_one(f"#{name}-spark").has_class("-hidden")
            assert key in str(screen.query_one(f"#{name}-summary").render())


def test_short_objective_keeps_the_topic_that_tells_labs_apart():
    from acrlab.tui.screens.labs import short_objective, short_title

    assert short_objective("AZ-104: Configure access to an Azure container registry (RBAC)") == "Access: RBAC"
    assert short_objective("AZ-104: Manage container images (acr purge)") == "Images: acr purge"
    assert short_objective("AZ-104: Create and manage an Azure container registry") == "Registry"
    assert short_objective("Plan a storage account") == "Plan a"
    assert short_title("Troubleshooting: the partner's token stopped working", 30).startswith("Fix: the partner")
    assert short_title("Troubleshooting: short", 40) == "Troubleshooting: short"


async def test_labs_list_at_80_columns_shows_level_and_topic_and_the_full_title_below(make_app):
    app = make_app(start="labs")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#labs-table")
        labels = [str(c.label) for c in table.columns.values()]
        assert labels == ["Lab", "Level", "Topic", "Best"]
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= 78
        topics = {str(table.get_row_at(r)[2]) for r in range(1, table.row_count)}
        assert len(topics) >= 10  # the objective alone ('Configure access to an…') gave 4
        await pilot.press("down", "down")
        await pilot.pause()
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        scenario = next(s for s in app.services.scenarios() if s.id == key)
        details = str(app.screen.query_one("#labs-message").render())
        assert scenario.title in details and key in details


async def test_portal_at_80x24_shows_the_admin_choice_the_commands_and_lands_on_the_new_blade(make_app):
    app = make_app(start="portal")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        # given: an empty sandbox, the blade says how to get a registry
        assert "No registries" in str(screen.query_one("#blade-text").render())
        admin = screen.query_one("#admin")
        assert admin.region.width >= 20 and "Enable" in str(admin.label)
        assert screen.query_one("#preview-title").has_class("-hidden")
        # when: (Create new) is picked without a name, the form asks for one
        screen.query_one("#rg").value = "__new__"
        await pilot.pause()
        assert "Name the new resource group" in str(screen.query_one("#rg-msg").render())
        screen.query_one("#new-rg").value = "rg-small"
        screen.query_one("#name").value = "smallreg01"
        admin.focus()
        await pilot.press("space")
        await pilot.pause()
        assert admin.value and not screen.query_one("#preview-title").has_class("-hidden")
        assert "--admin-enabled true" in str(screen.query_one("#command-preview").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        # then: the blade of the new registry has the focus, its IAM rows readable
        assert app.focused is screen.query_one("#registry-list")
        blade = str(screen.query_one("#blade-text").render())
        assert "smallreg01.azurecr.io" in blade and "Owner  ·  Subscription (Inherited)" in blade


async def test_help_at_80x24_keeps_the_remap_note_on_screen_and_fits_every_column_at_100(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert _inside(app.screen.query_one("#help-remap"), 24)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query_one("#keys")
        assert table.virtual_size.width <= table.scrollable_content_region.width


async def test_learn_index_titles_take_one_line_each_at_80_columns(make_app):
    app = make_app(start="learn")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        index = app.screen.query_one("#learn-index")
        assert index.virtual_size.height == index.option_count
