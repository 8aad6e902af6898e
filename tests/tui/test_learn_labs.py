"""Learn pages link to notebooks that exist and to labs that exist; the labs list shows every scenario."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Markdown, OptionList

from acrlab.labs import list_scenarios
from acrlab.tui.learn import NOTEBOOK_ROOT, labs_for, notebook_markdown, pages
from acrlab.tui.screens.labs import LabsScreen
from acrlab.tui.screens.learn import LearnScreen


def test_every_learn_page_names_existing_notebooks_and_labs():
    ids = {s.id for s in list_scenarios()}
    for p in pages():
        assert p.notebooks, f"{p.slug} names no notebook"
        for nb in p.notebooks:
            assert (NOTEBOOK_ROOT / nb).is_file(), f"{p.slug}: {nb} does not exist"
        assert set(p.labs) <= ids, f"{p.slug}: unknown labs {set(p.labs) - ids}"


def test_every_notebook_and_every_scenario_is_reachable_from_a_learn_page():
    named = {nb for p in pages() for nb in p.notebooks}
    on_disk = {f"notebooks/{f.name}" for f in (NOTEBOOK_ROOT / "notebooks").glob("*.ipynb")}
    assert on_disk and on_disk <= named, f"notebooks no page links: {on_disk - named}"
    scenarios = list_scenarios()
    linked = {sid for p in pages() for sid, _ in labs_for(p, scenarios)}
    assert linked == {s.id for s in scenarios}


def test_notebook_view_shows_markdown_cells_and_reports_a_missing_file():
    text = notebook_markdown("notebooks/01_registry_repository_tag_digest.ipynb")
    assert text.startswith("# 1. Registry, repository, tag, digest")
    assert "```python" in text
    assert "is not here" in notebook_markdown("notebooks/99_missing.ipynb")


def _link_ids(screen) -> list[str]:
    box = screen.query_one("#learn-links", OptionList)
    return [box.get_option_at_index(i).id for i in range(box.option_count)]


async def test_learn_page_links_open_the_notebook_view_and_come_back(make_app):
    app = make_app(start="learn")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LearnScreen)
        screen.show_page("skus")
        await pilot.pause()
        body = screen.query_one("#learn-body", Markdown)
        assert "## Practise it" in body.source
        links = _link_ids(screen)
        assert "notebook:notebooks/02_skus_and_limits.ipynb" in links
        box = screen.query_one("#learn-links", OptionList)
        quiz_labels = [str(box.get_option(h).prompt) for h in links if h.startswith("quiz:")]
        assert "Questions: practise Choose and change a service tier (SKU)" in quiz_labels
        for sid in [h.removeprefix("lab:") for h in links if h.startswith("lab:")]:
            assert sid == "sandbox" or sid in {s.id for s in list_scenarios()}
        screen.follow("notebook:notebooks/02_skus_and_limits.ipynb")
        await pilot.pause()
        assert "# 2. SKUs and limits" in body.source and "(learn:skus)" in body.source
        assert _link_ids(screen) == ["learn:skus"]
        screen.post_message(Markdown.LinkClicked(body, "learn:skus"))
        await pilot.pause()
        assert "## Practise it" in body.source


async def test_learn_practise_links_are_followed_with_tab_and_enter(make_app):
    app = make_app(start="learn")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.show_page("skus")
        await pilot.pause()
        links = screen.query_one("#learn-links", OptionList)
        # when: the learner tabs from the index to the link list and picks the notebook
        for _ in range(4):
            if app.focused is links:
                break
            await pilot.press("tab")
        assert app.focused is links
        target = _link_ids(screen).index("notebook:notebooks/02_skus_and_limits.ipynb")
        links.highlighted = 0
        for _ in range(target):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        # then: the notebook view opens, and its back link is followed the same way
        assert "# 2. SKUs and limits" in screen.query_one("#learn-body", Markdown).source
        links.focus()
        links.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert "## Practise it" in screen.query_one("#learn-body", Markdown).source
        # and: the first link (a lab or the sandbox) opens the lab screen
        links.focus()
        links.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LabScreen"


async def test_labs_list_shows_all_scenarios_with_objective_difficulty_and_best(make_app):
    app = make_app(start="labs")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LabsScreen)
        table = screen.query_one(DataTable)
        scenarios = list_scenarios()
        assert table.row_count == len(scenarios) + 1  # + the sandbox
        row = table.get_row("create-registry")
        sc = next(s for s in scenarios if s.id == "create-registry")
        assert sc.difficulty in [str(c) for c in row] and row[-1] == "-"
        app.services.store().record_lab_grade("create-registry", 3, 4, [])
        screen.refresh_data()
        assert "75%" in table.get_row("create-registry")
        assert Path(NOTEBOOK_ROOT / "notebooks").is_dir()
