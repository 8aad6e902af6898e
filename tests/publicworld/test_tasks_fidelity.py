"""ACR Tasks as Azure runs them: failed runs exit 1 with azure-cli's texts, cmd steps that start with docker run
flags, the dependency report, a new digest per build, task run overrides, task delete --yes.

Sources: Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/_run_polling.py (RunPolling: "The run with ID
'...' finished with unsuccessful status ..."), _stream_utils.py ("Run failed"), build.py (--no-logs polls), task.py
(acr_task_delete asks; acr_task_run overrides); Azure-Samples/acr-build-helloworld-node taskmulti.yaml;
MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-tutorial-quick-task.md (run
output: "The following dependencies were found:").
"""

from __future__ import annotations

import pytest

HELLO_NODE = "https://github.com/Azure-Samples/acr-build-helloworld-node.git#main"


@pytest.fixture
def tasksreg(cli, rg):
    cli("az acr create -n tasksfid -g rg-containers --sku Standard -o none")
    return "tasksfid"


def test_failed_run_exits_1_with_azure_clis_texts(cli, lab, tasksreg):
    lab.write_file("bad/Dockerfile", "FROM node:99-nope\n")
    r = cli("az acr build -r tasksfid -t bad:v1 bad", expect_exit=1)
    assert r.stderr.rstrip().endswith("ERROR: Run failed")
    assert "manifest unknown" in r.stdout
    r = cli("az acr build -r tasksfid -t bad:v1 bad --no-logs", expect_exit=1)
    assert ("ERROR: The run with ID 'ca2' finished with unsuccessful status 'Failed'. Show run details by "
            "'az acr task show-run -r tasksfid --run-id ca2'. Show run logs by 'az acr task logs -r tasksfid "
            "--run-id ca2'.") in r.stderr
    r = cli("az acr run -r tasksfid --cmd 'mcr.microsoft.com/nope/nothing:1' /dev/null --no-logs", expect_exit=1)
    assert "finished with unsuccessful status 'Failed'" in r.stderr
    cli("az acr task show-run -r tasksfid --run-id ca3", checks={"status": "Failed"})
    assert "manifest tagged by \"1\" is not found" in cli("az acr task logs -r tasksfid --run-id ca3").stdout


def test_taskmulti_yaml_runs_with_docker_run_flags_and_docker_stop(cli, tasksreg):
    r = cli(f"az acr run -r tasksfid -f taskmulti.yaml {HELLO_NODE}")
    assert "Executing step ID: test" in r.stdout and "Run ID: ca1 was successful" in r.stdout
    cli("az acr repository show-tags -n tasksfid --repository hello-world", checks={"@": ["ca1"]})
    # `docker stop` of a container that was never started fails like docker
    r = cli("az acr run -r tasksfid --cmd 'docker stop nothere' /dev/null", expect_exit=1)
    assert "No such container: nothere" in r.stdout


def test_build_log_reports_dependencies(cli, tasksreg):
    out = cli(f"az acr build -r tasksfid -t helloacrtasks:v1 {HELLO_NODE}").stdout
    report = out[out.index("The following dependencies were found:"):]
    digest = cli("az acr repository show -n tasksfid --image helloacrtasks:v1 --query digest -o tsv").stdout.strip()
    assert f"    repository: helloacrtasks\n    tag: v1\n    digest: {digest}" in report
    assert "  runtime-dependency:\n    registry: registry.hub.docker.com\n    repository: library/node\n" \
           "    tag: 15-alpine" in report
    assert "  git:\n    git-head-revision: " in report
    assert "Step 1/5 : FROM node:15-alpine" in out  # the classic builder log shows the instruction as written


def test_two_builds_at_different_times_give_two_digests(cli, lab, tasksreg):
    lab.write_file("app/Dockerfile", "FROM alpine:3.20\nCOPY . /app\n")
    lab.write_file("app/a.txt", "same\n")
    cli("az acr build -r tasksfid -t app:one app --no-logs -o none")
    lab.advance("1h")
    cli("az acr build -r tasksfid -t app:two app --no-logs -o none")
    one, two = (cli(f"az acr repository show -n tasksfid --image app:{t} --query digest -o tsv").stdout.strip()
                for t in ("one", "two"))
    assert one != two
    layers = [cli(f"az acr manifest show -r tasksfid -n app:{t} --query layers[].digest").json() for t in ("one", "two")]
    assert layers[0] == layers[1]  # the same layers, a new config (created time)
    cli("az acr repository delete -n tasksfid --image app:one --yes")
    cli("az acr repository show-tags -n tasksfid --repository app", checks={"@": ["two"]})


def test_task_run_overrides_and_task_delete_yes(cli, lab, tasksreg):
    cli(f"az acr task create -r tasksfid -n hello --image hello:{{{{.Run.ID}}}} -c {HELLO_NODE} -f Dockerfile "
        "--commit-trigger-enabled false -o none")
    cli("az acr task run -r tasksfid -n hello --no-logs", checks={"status": "Succeeded"})
    r = cli("az acr task run -r tasksfid -n hello --file Dockerfile-nope --no-logs", expect_exit=1)
    assert "finished with unsuccessful status 'Failed'" in r.stderr
    cli("az acr task show -r tasksfid -n hello", checks={"step.dockerFilePath": "Dockerfile"})  # this run only
    lab.write_file("local/Dockerfile", "FROM alpine:3.20\n")
    cli("az acr task run -r tasksfid -n hello -c local --no-logs", checks={"status": "Succeeded"})
    cli("az acr task delete -r tasksfid -n hello --yes")
    cli("az acr task list -r tasksfid", checks={"length(@)": 0})
