"""Microsoft.OperationalInsights/workspaces through the resource manager, and az monitor in front of it.

Sources: azure-rest-api-specs specification/operationalinsights/resource-manager/Microsoft.OperationalInsights/
stable/2023-09-01/Workspaces.json (PerGB2018, retentionInDays, customerId); Azure/azure-cli
src/azure-cli/azure/cli/command_modules/acr/custom.py (_create_diagnostic_settings: `acr create --workspace`)."""

from __future__ import annotations


def _lab(lab):
    assert lab.run("az group create -n rg -l eastus -o none").exit_code == 0
    return lab


def test_a_second_put_keeps_the_customer_id_and_takes_the_retention(lab):
    _lab(lab)
    first = lab.run("az monitor log-analytics workspace create -g rg -n ws-one").json()
    again = lab.run("az monitor log-analytics workspace create -g rg -n ws-one --retention-time 90").json()
    assert again["customerId"] == first["customerId"] and again["retentionInDays"] == 90
    assert [w["name"] for w in lab.run("az monitor log-analytics workspace list -g rg").json()] == ["ws-one"]


def test_bad_names_and_retention_are_refused_and_change_nothing(lab):
    _lab(lab)
    bad = lab.run("az monitor log-analytics workspace create -g rg -n ab")
    assert bad.exit_code == 1 and "InvalidParameter" in bad.stderr
    short = lab.run("az monitor log-analytics workspace create -g rg -n ws-two --retention-time 5")
    assert short.exit_code == 1 and "retention" in short.stderr
    assert lab.run("az monitor log-analytics workspace list -g rg").json() == []
    missing = lab.run("az monitor log-analytics workspace show -g rg -n ws-two")
    assert missing.exit_code != 0 and "ResourceNotFound" in missing.stderr


def test_acr_create_workspace_by_id_and_delete_of_the_setting(lab):
    _lab(lab)
    ws = lab.run("az monitor log-analytics workspace create -g rg -n ws-audit --query id -o tsv").stdout.strip()
    reg = lab.run(f"az acr create -n auditreg01 -g rg --sku Basic --workspace {ws} --query id -o tsv").stdout.strip()
    name = "auditreg01-diagnostic-settings"
    shown = lab.run(f"az monitor diagnostic-settings show --resource {reg} -n {name}").json()
    assert shown["workspaceId"] == ws and [m["category"] for m in shown["metrics"]] == ["AllMetrics"]
    by_name = lab.run("az monitor diagnostic-settings list -g rg --resource auditreg01 --resource-type "
                      "Microsoft.ContainerRegistry/registries --query [].name -o tsv")
    assert by_name.stdout.strip() == name
    assert lab.run(f"az monitor diagnostic-settings delete --resource {reg} -n {name}").exit_code == 0
    assert lab.run(f"az monitor diagnostic-settings list --resource {reg}").json() == []
