"""Run logs expire 30 days after their run finished; the run records stay, and memory keeps only the recent logs.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-tasks-logs.md ("By default,
logs are retained for 30 days"); what `az acr task logs` prints for a log blob that is gone follows azure-cli's
src/azure-cli/azure/cli/command_modules/acr/_stream_utils.py (_stream_logs polls, then logs the warning "Failed to
find any new logs in %d seconds. Client will stop polling for additional logs." and returns: exit 0)."""

from __future__ import annotations

from acrlab.engine import run_logs
from acrlab.engine.arm import send
from acrlab.shell.az.commands.task_runs import az_gives_up_after

GIVES_UP = "WARNING: Failed to find any new logs in {} seconds. Client will stop polling for additional logs."


def _quick_run(lab) -> str:
    assert lab.run("az acr run -r logreg1 --cmd mcr.microsoft.com/hello-world /dev/null").exit_code == 0
    return lab.run("az acr task list-runs -r logreg1 --top 1 --query [0].runId -o tsv").stdout.strip()


def _lab(lab):
    assert lab.run("az group create -n rg-logs -l eastus -o none && "
                   "az acr create -n logreg1 -g rg-logs --sku Basic -o none").exit_code == 0


def test_a_log_is_kept_30_days_then_az_polls_and_gives_up(lab):
    _lab(lab)
    run_id = _quick_run(lab)
    lab.run("lab advance 29d")
    r = lab.run(f"az acr task logs -r logreg1 --run-id {run_id}")
    assert r.exit_code == 0 and f"Run ID: {run_id} was successful after" in r.stdout
    lab.run("lab advance 1d")
    before = lab.cloud.clock.now()
    r = lab.run(f"az acr task logs -r logreg1 --run-id {run_id}")
    waited = az_gives_up_after()
    assert r.exit_code == 0 and r.stdout == "" and r.stderr.strip() == GIVES_UP.format(waited)
    assert 1800 < waited < 1830 and (lab.cloud.clock.now() - before).total_seconds() >= waited
    listed = lab.run("az acr task list-runs -r logreg1 --query [].runId -o tsv").stdout.split()
    assert listed == [run_id]  # the run record stays; only its log is gone


def test_memory_holds_only_the_last_30_days_of_logs(lab):
    _lab(lab)
    reg = lab.cloud.registries["logreg1"]
    for _ in range(12):  # a run every 10 days for 120 days
        _quick_run(lab)
        lab.run("lab advance 10d")
    now = lab.cloud.clock.now()
    kept = [r for r in reg.runs.values() if not run_logs.expired(r)]
    assert kept == [r for r in reg.runs.values() if r.finish_time + run_logs.LOG_RETENTION > now]
    assert len(reg.runs) == 12 and len(kept) == 2 and all(r.log for r in kept)  # the runs of days 100 and 110
    assert all(r.log == "" for r in reg.runs.values() if run_logs.expired(r))


def test_a_task_runs_log_expires_too(lab):
    """`az acr taskrun logs` reads the same stored log (through the run the task run started)."""
    _lab(lab)
    reg = lab.cloud.find_registry("logreg1")
    request = {"type": "DockerBuildRequest", "dockerFilePath": "Dockerfile", "imageNames": ["hello:v1"],
               "platform": {"os": "linux"},
               "sourceLocation": "https://github.com/Azure-Samples/acr-build-helloworld-node.git"}
    send(lab.cloud, lab.cloud.learner, "PUT", f"{reg.id}/taskRuns/build1", {"properties": {"runRequest": request}})
    r = lab.run("az acr taskrun logs -r logreg1 -n build1")
    assert r.exit_code == 0 and "was successful after" in r.stdout
    lab.run("lab advance 31d")
    r = lab.run("az acr taskrun logs -r logreg1 -n build1")
    assert r.exit_code == 0 and r.stderr.splitlines()[-1] == GIVES_UP.format(az_gives_up_after()) and r.stdout == ""
    (run,) = reg.runs.values()
    assert run.log_purged_at == run.finish_time + run_logs.LOG_RETENTION
