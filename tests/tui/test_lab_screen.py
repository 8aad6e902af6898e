"""The lab screen: the terminal pane (focus, history, completion, --help), the explorer, the clock."""

from __future__ import annotations

from acrlab.tui.screens.lab import LabScreen
from acrlab.tui.widgets.explorer import ResourceExplorer

from .helpers import scrollback, settle
from .helpers import type_line as type_command


async def test_sandbox_lab_focuses_the_terminal_and_runs_commands(make_app):
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LabScreen)
        assert app.focused is app.screen.query_one("#command")
        await type_command(pilot, "az group create -n rg -l eastus -o none")
        await type_command(pilot, "az acr create -n tuireg001 -g rg --sku Basic --query loginServer -o tsv")
        assert "tuireg001.azurecr.io" in scrollback(app)
        assert app.screen.run.lab.cloud.find_registry("tuireg001") is not None
        assert app.screen.last_command_ms < 1000


async def test_history_up_down_and_tab_completion(make_app):
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_command(pilot, "echo one")
        await type_command(pilot, "echo two")
        box = app.screen.query_one("#command")
        await pilot.press("up")
        assert box.value == "echo two"
        await pilot.press("up")
        assert box.value == "echo one"
        await pilot.press("down")
        assert box.value == "echo two"
        box.value = ""
        await pilot.press(*"az acr crea", "tab")
        await pilot.pause()
        assert box.value == "az acr create "
        await pilot.press(*"--sk", "tab")
        await pilot.pause()
        assert box.value == "az acr create --sku "
        await pilot.press("tab")
        await pilot.pause()
        shown = scrollback(app).splitlines()[-1].split()
        assert {"Basic", "Premium", "Standard"} <= set(shown)
        assert app.focused is box  # Tab completes, it does not move the focus


async def test_help_flag_prints_inline(make_app):
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_command(pilot, "az acr create --help")
        text = scrollback(app)
        assert "az acr create : " in text and "--sku" in text


async def test_explorer_follows_the_tenant_and_clock_advances(make_app):
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_command(pilot, "az group create -n rg-x -l westeurope -o none")
        tree = app.screen.query_one(ResourceExplorer)
        assert app.screen.explorer_stale  # hidden: rebuilt when shown, not after every command
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.focused is tree and not app.screen.explorer_stale
        labels = [str(n.label) for n in tree.root.children[0].children]
        assert "Resource group: rg-x (westeurope)" in labels
        before = app.screen.run.lab.now
        app.screen.query_one("#advance-by").value = "3h"
        await pilot.press("ctrl+n")  # bash's next-history key never moves the clock
        await settle(pilot)
        assert app.screen.run.lab.now == before
        await pilot.press("f10")
        await settle(pilot)
        assert (app.screen.run.lab.now - before).total_seconds() == 3 * 3600
        assert "lab advance 3h" in [r.command for r in app.screen.run.lab.transcript]


async def test_explorer_with_a_thousand_repositories_stays_responsive(make_app):
    import time

    from acrlab.engine.artifacts import ImageContent, Layer

    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lab = app.screen.run.lab
        lab.run("az group create -n rg -l eastus -o none && az acr create -n bigreg001 -g rg --sku Premium -o none")
        reg = lab.cloud.find_registry("bigreg001")
        layer = Layer(digest="sha256:" + "a" * 64, size=1000)
        for k in range(1000):
            content = ImageContent(config_digest="sha256:" + f"{k:064x}", config_size=10, layers=[layer])
            reg.store.put_manifest(f"app{k:04d}", content, lab.now, tag="v1")
        await pilot.press("ctrl+b")
        app.screen.refresh_state(grade=False)
        tree = app.screen.query_one(ResourceExplorer)

        async def open_child(node, prefix):
            child = next(c for c in node.children if str(c.label).startswith(prefix))
            child.expand()
            await pilot.pause()
            return child
        rg = await open_child(tree.root.children[0], "Resource group: rg")
        reg = await open_child(rg, "Registry: bigreg001")
        start = time.process_time()  # CPU time: what the app spends, not what a loaded machine adds
        repos = await open_child(reg, "Repositories (1000)")
        assert len(repos.children) == 1000
        tree.move_cursor(repos)
        await pilot.press("down", "down", "down")
        await pilot.pause()
        elapsed = time.process_time() - start
        assert tree.cursor_node.data.key == ("repo", "bigreg001", "app0002")
        assert elapsed < 2.0, f"expanding 1,000 repositories took {elapsed:.2f}s"
