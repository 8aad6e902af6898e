"""az's y/n confirmations asked in the terminal pane, answered by the next line typed, replayable when exported."""

from __future__ import annotations

import json

from acrlab.lab import Lab
from acrlab.tui.prompts import answerable, question_in
from acrlab.tui.screens.lab import LabScreen

from .helpers import submit as submit_line


async def submit(pilot, app, text: str) -> None:
    """Type a line into the pane, press Enter and wait for it to run."""
    await submit_line(pilot, text)


def scrollback(app) -> str:
    """The pane's text with wrapped lines joined (the log wraps at the pane's width)."""
    return " ".join(" ".join(line.text for line in app.screen.query_one("#scrollback").lines).split())


def prompt_label(app) -> str:
    return str(app.screen.query_one("#prompt").render())


async def _sandbox_with_registry(app, pilot) -> LabScreen:
    await pilot.pause()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, LabScreen)
    await submit(pilot, app, "az group create -n rg -l eastus -o none")
    await submit(pilot, app, "az acr create -n promptreg01 -g rg --sku Basic -o none")
    return screen


async def test_acr_delete_asks_in_the_pane_and_n_cancels_y_deletes(make_app):
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _sandbox_with_registry(app, pilot)
        cloud = screen.run.lab.cloud
        # when: az acr delete without --yes
        await submit(pilot, app, "az acr delete -n promptreg01")
        # then: the question is on the input line and nothing changed yet
        question = "Are you sure you want to delete the registry 'promptreg01'? (y/n): "
        assert prompt_label(app) == question and screen.terminal.question == question
        assert cloud.find_registry("promptreg01") is not None
        assert "Operation cancelled" not in scrollback(app)
        # an answer other than y or n asks again (knack's prompt_y_n)
        await submit(pilot, app, "yes")
        assert screen.terminal.question == question
        await submit(pilot, app, "n")
        assert screen.terminal.question is None
        assert cloud.find_registry("promptreg01") is not None
        assert (question + "n").replace("  ", " ").strip() in scrollback(app)
        assert scrollback(app).rstrip().endswith("ERROR: Operation cancelled.")
        # when: asked again and answered y
        await submit(pilot, app, "az acr delete -n promptreg01")
        await submit(pilot, app, "Y")
        assert cloud.find_registry("promptreg01") is None
        assert not screen.run.lab.session.state.get("pending_answer")
        assert prompt_label(app).endswith("$ ")


async def test_repository_and_group_delete_ask_and_the_export_replays_with_yes(make_app, tmp_path):
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _sandbox_with_registry(app, pilot)
        lab = screen.run.lab
        lab.write_file("Dockerfile", "FROM alpine\n")
        await submit(pilot, app, "az acr build -r promptreg01 -t api:v1 . -o none")
        assert "api" in lab.run("az acr repository list -n promptreg01 -o tsv").stdout
        await submit(pilot, app, "az acr repository delete -n promptreg01 --repository api")
        assert "delete the repository 'api'" in screen.terminal.question
        await submit(pilot, app, "y")
        assert "api" not in lab.run("az acr repository list -n promptreg01 -o tsv").stdout
        await submit(pilot, app, "az group delete -n rg")
        assert screen.terminal.question == "Are you sure you want to perform this operation? (y/n): "
        await submit(pilot, app, "y")
        assert lab.cloud.subscription.resource_groups.get("rg") is None
        # the exported session replays without a terminal: the answered prompts become --yes
        path = screen.run.export(tmp_path)
        commands = json.loads(path.read_text())["commands"]
        texts = [c["text"] if isinstance(c, dict) else c for c in commands]
        assert "az group delete -n rg --yes" in texts and "az group delete -n rg" not in texts
        replay = Lab(seed=0)
        replay.write_file("Dockerfile", "FROM alpine\n")
        for t in texts:
            replay.run(t)
        assert replay.run("az group exists -n rg").stdout.strip() == "false"


async def test_a_script_with_a_prompt_is_not_rerun(make_app):
    app = make_app(start="labs", open_lab=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _sandbox_with_registry(app, pilot)
        await submit(pilot, app, "echo first; az acr delete -n promptreg01")
        assert screen.terminal.question is None
        assert "(y/n): Operation cancelled." in scrollback(app)
        assert scrollback(app).count("first") == 2  # the typed line and its one output


def test_prompt_helpers_recognise_az_questions_and_single_commands():
    q = question_in("WARNING: x\nERROR: Are you sure? (y/n): Operation cancelled.\n")
    assert q is not None and q.text == "Are you sure?" and q.before == "WARNING: x\n"
    assert question_in("ERROR: (ResourceNotFound) nope\n") is None
    assert answerable("az acr delete -n $REG")
    assert not answerable("az acr delete -n a && echo ok")
    assert not answerable("az acr delete -n $(az acr list --query [0].name -o tsv)")
    assert not answerable("docker rmi x")
