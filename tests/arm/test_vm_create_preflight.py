"""`az vm create` deploys the VM and the network it needs as one template: the deployment's preflight refuses before
anything is made, so nothing is left behind even for a caller who could make the network but not delete it again;
the deployment needs Microsoft.Resources/deployments/write; a refused VM reads as a template validation failure
with the VM's error inside.

Sources: Azure/azure-cli issue #6231 ("VM create *always* does a template deployment"; the refusal "The template
deployment 'vm_deploy_...' is not valid according to the validation procedure. The tracking id is '...'. See inner
errors for details."); Azure/azure-cli issue #32870 (vm/custom.py create_vm sends deployments.begin_create_or_update);
Azure/azure-sdk-for-python sdk/core/azure-core/azure/core/exceptions.py (ODataV4Format: Code, Message, Exception
Details of nested errors)."""

from __future__ import annotations

import json
import re

from .state import lab_with, tenant_state


def _operator(lab, name: str, actions: list[str]):
    role = {"Name": name, "Actions": actions, "AssignableScopes": ["/subscriptions/SUB"]}
    for line in ("SUB=$(az account show --query id -o tsv)",
                 f"az role definition create --role-definition \"$(echo '{json.dumps(role)}' | sed s/SUB/$SUB/)\" -o none",
                 f"APP=$(az ad sp create-for-rbac -n {name.lower()} --query appId -o tsv)",
                 f"az role assignment create --assignee $APP --role {name} -g rg -o none"):
        assert lab.run(line).exit_code == 0, line
    return lab.new_session(lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip()))


READS = ["Microsoft.Compute/*/read", "Microsoft.Network/*/read", "Microsoft.Resources/subscriptions/resourceGroups/read"]


def test_a_caller_who_may_make_but_not_delete_networks_is_refused_before_the_network_is_made():
    lab = lab_with()
    op = _operator(lab, "NetOnly", READS + ["Microsoft.Network/virtualNetworks/write",
                                            "Microsoft.Network/virtualNetworks/subnets/write",
                                            "Microsoft.Resources/deployments/*"])
    before = tenant_state(lab)
    code, _, err = op.run("az vm create -n vm1 -g rg --image Ubuntu2204 --generate-ssh-keys")
    assert code == 1 and "(AuthorizationFailed)" in err and "Microsoft.Compute/virtualMachines/write" in err, err
    assert tenant_state(lab) == before
    assert lab.run("az network vnet list -g rg").json() == []


def test_the_deployment_itself_needs_deployments_write():
    lab = lab_with()
    op = _operator(lab, "NoDeploy", READS + ["Microsoft.Network/*", "Microsoft.Compute/*"])
    before = tenant_state(lab)
    code, _, err = op.run("az vm create -n vm1 -g rg --image Ubuntu2204 --generate-ssh-keys")
    assert code == 1 and "(AuthorizationFailed)" in err and "Microsoft.Resources/deployments/write" in err, err
    assert tenant_state(lab) == before


def test_a_refused_vm_reads_as_a_template_validation_failure_and_a_good_one_deploys():
    lab = lab_with()
    r = lab.run("az vm create -n vm1 -g rg --image Nobody:nothing:none:latest --generate-ssh-keys")
    first = next(line for line in r.stderr.splitlines() if line.startswith("ERROR:"))
    assert r.exit_code == 1 and re.fullmatch(
        r"ERROR: \(InvalidTemplateDeployment\) The template deployment 'vm_deploy_[0-9a-zA-Z]{32}' is not valid "
        r"according to the validation procedure\. The tracking id is '[0-9a-f-]{36}'\. See inner errors for "
        r"details\.", first), first
    assert "\n\tCode: PlatformImageNotFound\n" in r.stderr
    assert lab.run("az network vnet list -g rg").json() == []
    ok = lab.run("az vm create -n vm1 -g rg --image Ubuntu2204 --generate-ssh-keys")
    assert ok.exit_code == 0, ok.stderr
    assert [v["name"] for v in lab.run("az network vnet list -g rg").json()] == ["vm1VNET"]
