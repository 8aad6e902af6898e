"""The lab terminal reads input as bash does: continuation prompts, multi-line paste, double Tab, ctrl+r history
search, ctrl+c, an editor for files, resuming a lab after quitting, and names shown as plain text."""

from __future__ import annotations

import threading

from textual import events

from acrlab.tui import resume
from acrlab.tui.screens.confirm import ConfirmScreen
from acrlab.tui.screens.editor import EditorScreen
from acrlab.tui.screens.lab import LabScreen

from .helpers import scrollback, settle, submit, type_line, wait_for_terminal


def prompt(app) -> str:
    return str(app.screen.query_one("#prompt").render())


async def test_here_document_waits_at_the_continuation_prompt_until_its_delimiter(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path))
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(110, 36)) as pilot:
        await wait_for_terminal(pilot)
        lab = app.screen.run.lab
        await submit(pilot, "cat > acr-task.yaml <<EOF")
        assert prompt(app) == "> " and lab.read_file("acr-task.yaml") is None  # nothing ran yet
        for line in ("version: v1.1.0", "steps:", "  - build: -t $Registry/hello:v1 ."):
            await submit(pilot, line)
            assert prompt(app) == "> "
        await submit(pilot, "EOF")
        assert prompt(app).endswith("$ ")
        assert lab.read_file("acr-task.yaml") == "version: v1.1.0\nsteps:\n  - build: -t /hello:v1 .\n"
        assert "> steps:" in scrollback(app)  # each continuation line is echoed after bash's PS2


async def test_open_quote_pipe_and_loop_continue_then_run_as_one_command(make_app):
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(110, 36)) as pilot:
        await wait_for_terminal(pilot)
        await submit(pilot, 'echo "first')
        assert prompt(app) == "> "
        await submit(pilot, 'second"')
        assert scrollback(app).splitlines()[-2:] == ["first", "second"]
        await submit(pilot, "for i in 1 2 3; do")
        await submit(pilot, "echo item-$i |")
        assert prompt(app) == "> "
        await submit(pilot, "tr a-z A-Z")
        await submit(pilot, "done")
        assert scrollback(app).splitlines()[-3:] == ["ITEM-1", "ITEM-2", "ITEM-3"]
        await submit(pilot, "az group create -n rg-cont \\")
        await submit(pilot, "  -l brazilsouth -o none &&")
        await submit(pilot, "echo made")
        assert app.screen.run.lab.cloud.subscription.find_group("rg-cont") is not None
        assert scrollback(app).splitlines()[-1] == "made"
        assert app.screen.query_one("#command").history[-1] == "az group create -n rg-cont   -l brazilsouth -o none &&\necho made"


async def test_multi_line_paste_runs_line_by_line_and_keeps_the_unfinished_last_line(make_app):
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(110, 36)) as pilot:
        await wait_for_terminal(pilot)
        box = app.screen.query_one("#command")
        pasted = "echo one\r\necho two\ncat > notes.txt <<'EOF'\nsecret $HOME\nEOF\ncat notes.txt\necho thr"
        box.post_message(events.Paste(pasted))
        await settle(pilot)
        lines = scrollback(app).splitlines()
        assert "one" in lines and "two" in lines and "secret $HOME" in lines
        assert lines.index("one") < lines.index("two") < lines.index("secret $HOME")
        assert any(line.endswith("$ cat notes.txt") for line in lines)
        assert box.value == "echo thr"  # not run: no Enter after it
        assert [r.command for r in app.screen.run.lab.transcript][-1] == "cat notes.txt"


async def test_double_tab_lists_candidates_including_resource_names(make_app):
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for_terminal(pilot)
        await submit(pilot, "az group create -n rg-tab -l eastus -o none")
        await submit(pilot, "az acr create -n tabreg001 -g rg-tab --sku Basic -o none")
        await submit(pilot, "az acr create -n tabreg002 -g rg-tab --sku Basic -o none")
        box = app.screen.query_one("#command")
        before = scrollback(app)
        await pilot.press(*"az acr c", "tab")
        await pilot.pause()
        assert box.value == "az acr c" and scrollback(app) == before  # first Tab: nothing more to insert
        await pilot.press("tab")
        await pilot.pause()
        listed = scrollback(app)[len(before):].split()  # the candidates may wrap onto more than one line
        assert {"create", "check-name", "credential"} <= set(listed)
        box.value = ""
        await pilot.press(*"az acr show -g rg-tab -n ta", "tab")
        await pilot.pause()
        assert box.value == "az acr show -g rg-tab -n tabreg00"
        await pilot.press("tab")
        await pilot.pause()
        assert scrollback(app).splitlines()[-1].split() == ["tabreg001", "tabreg002"]
        await pilot.press("1", "tab")
        await pilot.pause()
        assert box.value == "az acr show -g rg-tab -n tabreg001 "
        box.value = ""
        await pilot.press(*"az acr list --resource-group r", "tab")
        await pilot.pause()
        assert box.value == "az acr list --resource-group rg-tab "


async def test_ctrl_r_searches_history_and_ctrl_c_drops_the_line(make_app):
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(110, 36)) as pilot:
        await wait_for_terminal(pilot)
        await type_line(pilot, "echo alpha-1")
        await type_line(pilot, "echo beta-2")
        box = app.screen.query_one("#command")
        await pilot.press("ctrl+r", *"alp")
        await pilot.pause()
        assert box.value == "echo alpha-1" and prompt(app) == "(reverse-i-search)`alp': "
        await pilot.press("enter")
        await settle(pilot)
        assert scrollback(app).splitlines()[-1] == "alpha-1" and prompt(app).endswith("$ ")
        await pilot.press("ctrl+r", *"zzz")
        await pilot.pause()
        assert prompt(app).startswith("(failed reverse-i-search)")
        await pilot.press("ctrl+c")  # gives up: the line as it was before the search
        await pilot.pause()
        assert box.value == "" and prompt(app).endswith("$ ")
        # ctrl+c at a continuation prompt drops the unfinished command, as bash does
        await submit(pilot, "if true; then")
        assert prompt(app) == "> "
        await pilot.press(*"echo never")
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert prompt(app).endswith("$ ") and box.value == "" and app.screen.terminal.pending == ""
        assert scrollback(app).splitlines()[-1] == "> echo never^C"
        await submit(pilot, "echo after")
        assert scrollback(app).splitlines()[-1] == "after"


async def test_ctrl_c_interrupts_the_running_command_and_the_app_stays_responsive(make_app):
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(110, 36)) as pilot:
        await wait_for_terminal(pilot)
        screen = app.screen
        lab = screen.run.lab
        stop = threading.Event()
        started = threading.Event()
        real_run = lab.run

        def slow_run(text, *a, **kw):  # a command that runs until interrupted
            if text == "slow":
                started.set()
                stop.wait(20)
            return real_run("true" if text == "slow" else text, *a, **kw)

        lab.run = slow_run
        lab.interrupt = stop.set  # what Lab.interrupt does for a real command: make it stop
        await pilot.press(*"slow", "enter")
        assert started.wait(10)
        await pilot.press(*"echo typed-ahead", "enter")  # typing goes on while it runs
        await pilot.pause()
        assert screen.terminal.busy and prompt(app) == "" and not stop.is_set()
        await pilot.press("ctrl+c")
        await settle(pilot)
        assert stop.is_set()
        assert "^C: the command was interrupted" in scrollback(app)
        assert "typed-ahead" not in scrollback(app).splitlines()[-1]  # bash drops typed-ahead lines on ^C
        assert prompt(app).endswith("$ ")


async def test_nano_opens_an_editor_and_saving_writes_the_file_through_the_shell(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path))
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(110, 36)) as pilot:
        await wait_for_terminal(pilot)
        lab = app.screen.run.lab
        await submit(pilot, "nano acr-task.yaml")
        assert isinstance(app.screen, EditorScreen)
        area = app.screen.query_one("#editor-area")
        area.text = "version: v1.1.0\nsteps:\n  - cmd: echo EOF $Registry\n"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LabScreen)
        assert lab.read_file("acr-task.yaml") == "version: v1.1.0\nsteps:\n  - cmd: echo EOF $Registry\n"
        assert "[saved acr-task.yaml: 3 lines]" in scrollback(app)
        assert lab.transcript[-1].command.startswith("cat > 'acr-task.yaml' <<'EOF'")
        # escape with changes asks; "Keep editing" keeps the pane open, Discard leaves the file as it was
        await submit(pilot, "code acr-task.yaml")
        app.screen.query_one("#editor-area").text = "changed\n"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#choice-discard")
        await settle(pilot)
        assert lab.read_file("acr-task.yaml").startswith("version: v1.1.0")
        assert app.screen.terminal.busy is False


async def test_quitting_mid_lab_keeps_it_and_the_next_start_offers_to_resume(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path))
    app = make_app()
    async with app.run_test(size=(110, 36)) as pilot:
        app.open_lab("quick-build")
        await wait_for_terminal(pilot)
        await submit(pilot, "az group create -n rg-resume -l eastus -o none")
        await submit(pilot, "mkdir -p work && cd work")
        assert app.screen.run.lab.session.host.cwd == "/home/learner/work"
        await pilot.press("ctrl+q")
    saved = resume.latest()
    assert saved is not None and saved.scenario_id == "quick-build" and len(saved.commands) == 2
    app = make_app()
    async with app.run_test(size=(110, 36)) as pilot:
        for _ in range(500):
            await pilot.pause()
            if isinstance(app.screen, ConfirmScreen):
                break
        assert isinstance(app.screen, ConfirmScreen)
        assert f"{saved.title} (2 commands" in str(app.screen.query_one("#confirm-text").render())
        await pilot.click("#choice-resume")
        await wait_for_terminal(pilot)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LabScreen) and screen.scenario_id == "quick-build"
        assert screen.run.lab.cloud.subscription.find_group("rg-resume") is not None
        assert screen.run.lab.session.host.cwd == "/home/learner/work"
        assert screen.query_one("#command").history[-1] == "mkdir -p work && cd work"


async def test_names_with_rich_markup_are_shown_as_typed(make_app):
    from acrlab.tui.widgets.explorer import ResourceExplorer

    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_terminal(pilot)
        screen = app.screen
        lab = screen.run.lab
        await submit(pilot, "mkdir -p '/tmp/[link=https://example.com]x[/link]' && cd '/tmp/[link=https://example.com]x[/link]'")
        assert prompt(app) == "learner@workstation:/tmp/[link=https:/example.com]x[/link]$ "  # pwd collapses //
        await submit(pilot, "az group create -n rg -l eastus -o none --tags 'env=[v1, v4]'")
        await submit(pilot, "az acr create -n markupreg1 -g rg --sku Basic -o none")
        # hostile data that bypassed validation (an old save, another front end) still cannot break the app
        lab.cloud.find_registry("markupreg1").store.repositories["tok[/]"] = _empty_repo(lab.now)
        await pilot.press("ctrl+b")
        await settle(pilot)
        tree = screen.query_one(ResourceExplorer)

        def labels(node):
            out = []
            for child in node.children:
                out.append(str(child.label))
                if child.is_expanded:
                    out += labels(child)
            return out
        rg = next(c for c in tree.root.children[0].children if str(c.label).startswith("Resource group: rg"))
        rg.expand()
        await pilot.pause()
        reg = next(c for c in rg.children if "markupreg1" in str(c.label))
        reg.expand()
        await pilot.pause()
        repos = next(c for c in reg.children if str(c.label).startswith("Repositories"))
        repos.expand()
        await pilot.pause()
        shown = labels(tree.root)
        assert "tok[/] (0 tags)" in shown and "Registry: markupreg1 [Basic]" in shown  # "[Basic]" was a style


def _empty_repo(now):
    from acrlab.engine.artifacts import Repository

    return Repository(name="tok[/]", created=now, last_update=now)


async def test_palette_finds_labs_by_id_topic_and_concept_and_questions_by_objective(make_app):
    from acrlab.tui.palette import AcrLabCommands

    app = make_app()
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        provider = AcrLabCommands(app.screen)

        async def titles(query: str) -> list[str]:
            return [hit.text async for hit in provider.search(query)]
        assert any(t.startswith("Open lab:") for t in await titles("abac-repository-permissions"))  # by id
        assert any(t.startswith("Open lab:") for t in await titles("acr.auth.rbac"))  # by objective
        assert any(t.startswith("Open lab:") for t in await titles("retention"))  # by topic or concept
        assert "Quiz: Geo-replication and zone redundancy" in await titles("acr.georep")  # by objective id
        hits = [h async for h in provider.search("acr.georep")]
        hit = next(h for h in hits if h.text.startswith("Quiz:"))
        hit.command()
        for _ in range(100):
            await pilot.pause()
            if app.current_mode == "quiz" and getattr(app.screen, "objective", None) == "acr.georep":
                break
        assert app.current_mode == "quiz" and app.screen.objective == "acr.georep"
