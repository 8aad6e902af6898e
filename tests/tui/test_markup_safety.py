"""Strings the app did not write itself are shown as typed, never read as Rich/Textual markup (issue 12: `tok[/]`
crashed the explorer, `[link=...]` injected a link, tags `[v1, v4]` vanished as a style). The sources tried here:
the learner's tenant (principal display names, image tags), a teacher's scenario file (lab, task and check
titles), progress rows from an imported file (lab ids) and error messages naming a path with brackets."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content

from .helpers import settle, submit, wait_for_terminal

HOSTILE = "tok[/] [link=https://evil.example]x[/link] [v1, v4] [Basic] [b]bold[/b] [$x] [@click=app.quit]q"
FIXTURE = Path(__file__).parents[1] / "labs" / "fixtures" / "fixture-class.yaml"


def shown(widget) -> str:
    """What a Static/Label draws (its visual's plain text)."""
    return str(widget.render())


async def shows(pilot, selector: str, text: str, rounds: int = 50) -> str:
    """Wait until the widget at `selector` draws `text` (the home screen loads progress off the UI thread)."""
    for _ in range(rounds):
        await pilot.pause()
        found = pilot.app.screen.query(selector)
        if found and text in shown(found.first()):
            break
    return shown(pilot.app.screen.query_one(selector))


@pytest.fixture
def teacher_lab(tmp_path, monkeypatch):
    """The class fixture with markup in the lab's, a task's and a check's title (a teacher's own file)."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    quoted = HOSTILE.replace('"', '\\"')
    text = FIXTURE.read_text().replace("id: fixture-class", "id: markup-lab")
    text = text.replace("title: Fixture for classroom tests ({{registry}})", f'title: "{quoted} {{{{registry}}}}"')
    text = text.replace("    title: Registry {{registry}}\n", f'    title: "Registry {{{{registry}}}} {quoted}"\n')
    text = text.replace('        title: "{{registry}} is Basic"', f'        title: "{{{{registry}}}} is Basic {quoted}"')
    (folder / "markup-lab.yaml").write_text(text)
    monkeypatch.setenv("ACRLAB_SCENARIO_PATH", str(folder))
    return "markup-lab"


async def test_lab_ids_from_an_imported_store_are_shown_as_typed(make_app, tmp_path, monkeypatch):
    from acrlab.progress import open_store

    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path / "home"))
    with open_store() as s:
        s.record_lab_grade(HOSTILE, 1, 2, [{"passed": True}])
        s.record_lab_grade("tok[/]", 2, 2, [{"passed": True}])
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        recent = await shows(pilot, "#recent", "lab ")
        assert f"lab {HOSTILE}: 1/2" in recent and "lab tok[/]: 2/2" in recent, recent
        await pilot.press("f9")  # Progress: the same rows drawn as series
        await pilot.pause()
        assert app.is_running


async def test_an_error_naming_a_path_with_brackets_is_shown_as_typed(make_app, tmp_path, monkeypatch):
    home = tmp_path / "tok[" / "][link=https:" / "evil]x[" / "link]"
    (home / "progress.db").mkdir(parents=True)  # a folder where the database should be: it cannot be opened
    monkeypatch.setenv("ACRLAB_HOME", str(home))
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        assert f"{home}/progress.db" in await shows(pilot, "#next-step", "could not be opened")
        await pilot.press("f9")
        assert f"{home}/progress.db" in await shows(pilot, "#progress-message", "progress.db")


async def test_the_palette_shows_a_teachers_lab_title_as_typed(make_app, teacher_lab):
    from acrlab.tui.palette import AcrLabCommands

    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        provider = AcrLabCommands(app.screen)
        title = f"Open lab: {HOSTILE} {{{{registry}}}}"

        def drawn(hit) -> tuple[str, str]:  # as textual's CommandPalette turns a hit into its option
            return Content.from_markup(hit.prompt).plain, Content.from_markup(hit.help).plain
        found = [drawn(h) async for h in provider.discover() if h.text == title]
        assert found and found[0][0] == title and found[0][1].startswith("lab markup-lab")
        hits = [h async for h in provider.search("markup-lab")]  # found by the help line: the id
        assert [drawn(h)[0] for h in hits if h.text == title] == [title]
        hits = [h async for h in provider.search("tok")]  # matched letters highlighted, text unchanged
        assert title in [drawn(h)[0] for h in hits]
        await pilot.press("ctrl+p")  # the real palette draws them without a markup error
        await pilot.pause()
        await pilot.press(*"evil")
        await pilot.pause(0.5)
        assert app.is_running


async def test_a_lab_with_markup_in_titles_and_tenant_names(make_app, teacher_lab):
    from acrlab.tui.screens.blade import blade_text
    from acrlab.tui.widgets.checklist import Checklist
    from acrlab.tui.widgets.explorer import ResourceExplorer

    app = make_app(start="labs", lab_id=teacher_lab)
    async with app.run_test(size=(160, 44)) as pilot:
        await wait_for_terminal(pilot)
        screen = app.screen
        for _ in range(200):  # the title is set when the screen mounts, after its terminal is composed
            if screen.title:
                break
            await pilot.pause()
        assert HOSTILE in screen.title
        tasks = shown(screen.query_one(Checklist).query_one("#task-0"))
        assert HOSTILE in tasks, tasks
        registry = screen.run.lab.cloud.find_registry(next(iter(screen.run.lab.cloud.registries))).name
        await submit(pilot, f"az ad group create --display-name '{HOSTILE}' --mail-nickname pullers -o none")
        await submit(pilot, "gid=$(az ad group list --query [0].id -o tsv); "
                            f"rid=$(az acr show -n {registry} --query id -o tsv); "
                            "az role assignment create --assignee-object-id $gid --assignee-principal-type Group "
                            "--role AcrPull --scope $rid -o none")
        await submit(pilot, f"az acr import -n {registry} --source docker.io/library/hello-world:latest "
                            "-t app:v1 -t app:v4 -o none")
        await pilot.press("ctrl+b")
        await settle(pilot)
        tree = screen.query_one(ResourceExplorer)

        def open_all(node):
            labels = []
            for child in node.children:
                labels.append(str(child.label))
                if child.allow_expand and not child.is_expanded:
                    child.expand()
            return labels

        labels: list[str] = []
        for _ in range(8):  # expand level by level until everything is open
            await pilot.pause()
            labels = []
            stack = [tree.root]
            while stack:
                node = stack.pop()
                labels += open_all(node)
                stack += [c for c in node.children if c.is_expanded]
        assert any(label.endswith(" [v1, v4]") and label.startswith("digest ") for label in labels), labels
        assert f"AcrPull -> {HOSTILE} (group)" in labels, labels
        blade = Content.from_markup(blade_text(screen.run.lab.cloud, screen.run.lab.cloud.find_registry(registry)))
        assert HOSTILE in blade.plain
        await pilot.press("ctrl+g")  # check my work: the report dialog and the report tab
        await settle(pilot)
        dialog = "\n".join(shown(w) for w in app.screen.query(".check"))
        assert f"is Basic {HOSTILE}" in dialog, dialog
        assert f"Check my work: {HOSTILE}" in shown(app.screen.query_one("#report-title"))
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running
