"""Continuous Patching in the engine: the configuration's selection, the tag conventions (incremental `-1`, `-2`;
floating `-patched`), the timer task and Defender's view of a patched image, and RBAC on the workflow's tasks.

Sources: Azure/azure-cli-extensions src/acrcssc/azext_acrcssc/_params.py (tag-convention: incremental "increase the
patch version of the tag ... -1, -2", floating "reuse the tag {repository}:{original-tag}-patched"),
helper/_utility.py (convert_timespan_to_cron: `<minute> <hour> */<n> * *`), templates/arm/
CSSC-AutoImagePatching-encodedtasks.json (the three tasks, the timer azcli_defined_schedule)."""

from __future__ import annotations

import json

import pytest

from acrlab.engine import continuous_patching as cp
from acrlab.engine import defender

SETUP = """az group create -n rg -l eastus -o none
az acr create -n contosopatch -g rg --sku Basic -o none
az acr import -n contosopatch --source docker.io/library/alpine:3.20 -t base:1.0 -o none
az acr import -n contosopatch --source docker.io/library/alpine:3.20 -t base:2.0 -o none
"""
WF = "az acr supply-chain workflow {} -r contosopatch -g rg -t continuouspatchv1"


def _config(lab, convention: str, tags=("*",), enabled=True) -> None:
    lab.write_file("c.json", json.dumps({"version": "v1", "tag-convention": convention, "repositories": [
        {"repository": "base", "tags": list(tags), "enabled": enabled}]}))


def _tags(lab) -> list[str]:
    return lab.run("az acr repository show-tags -n contosopatch --repository base").json()


def test_incremental_tags_and_a_new_vulnerability(lab, monkeypatch):
    assert lab.run(SETUP).exit_code == 0
    _config(lab, "incremental", ["1.0"])
    assert lab.run(WF.format("create") + " --config c.json --schedule 1d --run-immediately -o none").exit_code == 0
    assert _tags(lab) == ["1.0", "1.0-1", "2.0"]
    reg = lab.cloud.find_registry("contosopatch")
    patched = reg.store.resolve("base", "1.0-1").content
    assert [f["id"] for f in defender.scan(patched)] == []  # libssl3 fixed by the patch layer
    # the next scheduled run scans 1.0-1: nothing to fix, so the patch is skipped
    lab.advance("1d")
    assert _tags(lab) == ["1.0", "1.0-1", "2.0"]
    entry = json.loads(lab.run(WF.format("list")).stdout.split("\n", 2)[2])[0]
    assert (entry["patch_status"], entry["last_patched_image"]) == ("Skipped", "base:1.0-1")
    # a vulnerability published later, in a package the first patch did not touch: the next run makes 1.0-2
    base_layer = reg.store.resolve("base", "1.0").content.for_platform().layers[-1].digest
    monkeypatch.setitem(defender.VULNERABILITIES, base_layer, [*defender.VULNERABILITIES[base_layer], {
        "id": "CVE-2099-0001", "severity": "High", "package": "busybox", "installed": "1.36.1-r29",
        "fixed": "1.36.1-r30"}])
    lab.advance("1d")
    assert _tags(lab) == ["1.0", "1.0-1", "1.0-2", "2.0"]
    triggers = [r.timer_trigger is not None for r in reg.runs.values() if r.task == cp.TRIGGER_TASK]
    assert triggers == [False, True, True]  # --run-immediately, then the timer each day


def test_floating_tag_is_reused_and_disabled_repositories_are_left(lab):
    assert lab.run(SETUP).exit_code == 0
    _config(lab, "floating")
    assert lab.run(WF.format("create") + " --config c.json --schedule 3d --run-immediately -o none").exit_code == 0
    assert _tags(lab) == ["1.0", "1.0-patched", "2.0", "2.0-patched"]
    dry = lab.run(WF.format("update") + " --dry-run")  # the configuration kept in the registry
    assert dry.stdout.splitlines() == ["base: 1.0", "base: 2.0"]  # patch outputs are never selected as originals
    _config(lab, "floating", enabled=False)
    assert lab.run(WF.format("update") + " --config c.json --run-immediately -o none").exit_code == 0
    assert lab.run(WF.format("list") + " --run-status Succeeded --query 'length(@)'").stdout.split("\n")[1:3] == [
        "Total images: 2", "2"]
    reg = lab.cloud.find_registry("contosopatch")
    assert reg.extra["cssc_config"]["repositories"][0]["enabled"] is False
    timer = reg.tasks[cp.TRIGGER_TASK].timer_triggers[0]
    now = lab.cloud.clock.now()
    assert (timer.name, timer.schedule) == ("azcli_defined_schedule", f"{now.minute} {now.hour} */3 * *")


def test_reader_cannot_create_the_workflow(lab):
    assert lab.run(SETUP).exit_code == 0
    _config(lab, "incremental")
    assert lab.run("az ad user create --display-name Rita --user-principal-name rita@contoso.onmicrosoft.com "
                   "--password 'P@ssw0rd1234' -o none").exit_code == 0
    assert lab.run("az role assignment create --assignee rita@contoso.onmicrosoft.com --role Reader "
                   "--scope $(az group show -n rg --query id -o tsv) -o none").exit_code == 0
    rita = lab.new_session(lab.cloud.tenant.find_principal("rita@contoso.onmicrosoft.com"))
    assert rita.run(f"cat > c.json <<'EOF'\n{lab.session.read_file('c.json')}\nEOF")[0] == 0
    code, out, err = rita.run(WF.format("create") + " --config c.json --schedule 1d")
    assert code != 0 and "AuthorizationFailed" in err, out + err
    assert lab.cloud.find_registry("contosopatch").tasks == {}


@pytest.mark.parametrize("schedule", ["0d", "31d", "1w", "d", ""])
def test_schedule_values(schedule):
    with pytest.raises(cp.WorkflowError, match="Schedule value is invalid"):
        cp.schedule_days(schedule)


def test_config_schema():
    ok = cp.parse_config('{"version": "v1", "repositories": [{"repository": "a", "tags": ["*"]}]}')
    assert ok["tag-convention"] == "incremental"
    for bad in ('{"version": "v1", "tag-convention": "weekly", "repositories": [{"repository": "a", "tags": ["*"]}]}',
                '{"version": "v1", "repositories": [{"repository": "a", "tags": []}]}',
                '{"version": "v1", "repositories": [{"repository": "a", "tags": ["x", "x"]}]}',
                '{"version": "v1", "repositories": [{"repository": "a", "tags": ["x"], "enabled": "yes"}]}',
                '{"repositories": [{"repository": "a", "tags": ["x"]}]}', '[]'):
        with pytest.raises(cp.WorkflowError, match="not a valid config JSON file"):
            cp.parse_config(bad)
