"""Fidelity pins for the lifecycle commands, each checked against the azure-cli source named in its comment."""

from __future__ import annotations


def _header(text: str) -> str:
    return text.splitlines()[0]


def test_task_tables_follow_format_py(cli, reg, lab):
    cli("az acr task create -n timertask -r minhacr --cmd hello-world -c /dev/null --schedule '0 21 * * *' -o none")
    # _format.py _task_format_group + _get_triggers (sorted)
    out = cli("az acr task show -n timertask -r minhacr -o table").stdout.splitlines()
    assert out[0].split() == ["NAME", "PLATFORM", "STATUS", "SOURCE", "REPOSITORY", "TRIGGERS"]
    assert out[2].split() == ["timertask", "linux", "Enabled", "BASE_IMAGE,", "TIMER"]
    # commands.py: every `acr task` command defaults to task_output_format, `timer list` and `credential list` too
    assert _header(cli("az acr task timer list -n timertask -r minhacr -o table").stdout).split()[0] == "NAME"
    # commands.py: identity show uses task_identity_format
    assert "USER ASSIGNED IDENTITIES" in cli("az acr task identity show -n timertask -r minhacr -o table").stdout
    # _format.py _run_format_group: RUN ID, TASK, PLATFORM, STATUS, TRIGGER, STARTED, DURATION; Timer trigger
    lab.advance("13h")
    runs = cli("az acr task list-runs -r minhacr -o table").stdout.splitlines()
    assert runs[0].split() == ["RUN", "ID", "TASK", "PLATFORM", "STATUS", "TRIGGER", "STARTED", "DURATION"]
    row = runs[2].split()
    assert row[:5] == ["ca1", "timertask", "linux", "Succeeded", "Timer"]
    assert row[5].endswith("Z") and len(row[5]) == 20 and row[6].count(":") == 2


def test_task_delete_asks_first(cli, reg):
    # acr/task.py acr_task_delete: user_confirmation("Are you sure you want to delete the task '<name>' ", yes)
    cli("az acr task create -n t -r minhacr --cmd hello-world -c /dev/null -o none")
    r = cli("az acr task delete -n t -r minhacr", expect_exit=1)
    assert "Use --yes" in r.stderr
    cli("az acr task list -r minhacr", checks={"length(@)": 1})
    cli("az acr task delete -n t -r minhacr --yes")
    cli("az acr task list -r minhacr", checks={"length(@)": 0})


def test_task_help_from_help_py(cli, lab):
    # _help.py summaries and examples
    assert "List the tasks for an Azure Container Registry." in cli("az acr task list -h").stdout
    h = cli("az acr task timer add -h").stdout
    assert "az acr task timer add -n taskname -r registryname --timer-name t2 --schedule \"30 9 * * 1-5\"" in h
    assert "--identities" in cli("az acr task identity assign -h").stdout
    assert "--use-identity" in cli("az acr task credential add -h").stdout


def test_retention_days_default_seven(cli, reg):
    # _params.py 'acr config retention': days default=7, so omitting --days resets it to 7
    cli("az acr config retention update -r minhacr --status enabled --days 30 --type UntaggedManifests")
    cli("az acr config retention update -r minhacr --status enabled --type UntaggedManifests", checks={"days": 7})
    # _validators.py validate_retention_days
    r = cli("az acr config retention update -r minhacr --days -1 --type UntaggedManifests", expect_exit=1)
    assert "ERROR: Invalid value for days: should be from 0 to 365" in r.stderr
    # commands.py: acr_policy_util -> policy_output_format (STATUS, TYPE)
    assert _header(cli("az acr config retention show -r minhacr -o table").stdout).split() == ["STATUS", "TYPE"]


def test_soft_delete_json_and_messages(cli, basic):
    # policy.py acr_config_soft_delete_*: no SKU check; warning on disable; prompt when lowering days
    cli("az acr config soft-delete update -r basicacr --status enabled --days 14",
        checks={"status": "enabled", "retentionDays": 14})
    r = cli("az acr config soft-delete update -r basicacr --days 7", expect_exit=1)
    assert "ERROR: Unable to prompt for confirmation as no tty available. Use --yes." in r.stderr  # azure.cli.core
    cli("az acr config soft-delete update -r basicacr --days 7 --yes", checks={"retentionDays": 7})
    r = cli("az acr config soft-delete update -r basicacr --status disabled")
    assert ("WARNING: Disabling soft-delete does not affect purge behavior for previously deleted artifacts."
            in r.stderr)
    assert set(cli("az acr config soft-delete show -r basicacr").json()) == {"lastUpdatedTime", "retentionDays",
                                                                              "status"}


def test_webhook_tables_follow_format_py(cli, reg, build):
    cli("az acr webhook create -n hook1 -r minhacr --uri http://example.com/hook --actions push -o none")
    # _webhook_get_config_format_group: _get_value turns an empty headers dict into ' '
    out = cli("az acr webhook get-config -n hook1 -r minhacr -o table").stdout.splitlines()
    assert out[0].split() == ["SERVICE", "URI", "HEADERS"] and out[2].split() == ["http://example.com/hook"]
    build("minhacr", "app:v1")
    ev = cli("az acr webhook list-events -n hook1 -r minhacr -o table").stdout.splitlines()
    assert ev[0].split() == ["ID", "ACTION", "IMAGE", "HTTP", "STATUS", "TIMESTAMP"]
    assert "app:v1" in ev[2] and "push" in ev[2]
    assert _header(cli("az acr webhook list -r minhacr -o table").stdout).split() == \
        ["NAME", "LOCATION", "ACTIONS", "SCOPE", "STATUS"]


def test_git_context_download_failure(cli, reg):
    # acb's message as users report it (azure-cli issues #28190, #30033): the run fails, not the command
    text = ("Error: failed to download context. Please check if the URL is incorrect. If it has credentials, "
            "please check if they are expired")
    r = cli("az acr build -r minhacr -t app:v1 https://github.com/contoso/nothing.git", expect_exit=1)
    assert "Downloading source code..." in r.stdout and text in r.stdout and "ERROR: Run failed" in r.stderr
    cli("az acr task create -n gone -r minhacr -t app:{{.Run.ID}} -f Dockerfile --commit-trigger-enabled false "
        "-c https://github.com/contoso/nothing.git -o none")
    r = cli("az acr task run -n gone -r minhacr", expect_exit=1)
    assert r.stdout.rstrip().endswith(text)
    cli("az acr task show-run -r minhacr --run-id ca2", checks={"status": "Failed",
                                                               "runErrorMessage": text.removeprefix("Error: ")})


def test_timer_add_with_an_existing_name_replaces_it(cli, reg):
    # acr/task.py: timer add and timer update send the same PATCH (TimerTriggerUpdateParameters by name)
    cli("az acr task create -n t -r minhacr --cmd hello-world -c /dev/null --schedule 'nightly:0 21 * * *' -o none")
    cli("az acr task timer add -n t -r minhacr --timer-name nightly --schedule '0 22 * * *'",
        checks={"length(trigger.timerTriggers)": 1, "trigger.timerTriggers[0].schedule": "0 22 * * *"})
