"""Microsoft.Compute/virtualMachines through the resource manager: `az vm list|show|delete`, Get-AzVM,
Remove-AzVM and a Complete-mode deployment send GET, list and DELETE requests; the manager decides who reads (a
listing keeps what the caller may read) and who deletes; a refused DELETE changes nothing; a deleted VM's system
identity and its role assignments go with it.

Sources: azure-rest-api-specs specification/compute/resource-manager/Microsoft.Compute/ComputeRP/stable/2024-07-01/
virtualMachine.json (VirtualMachines_Get, _List, _ListAll, _Delete); Azure/azure-cli
src/azure-cli/azure/cli/command_modules/vm/_help.py (az vm list -g, az vm delete --yes); Azure/azure-powershell
src/Compute/Compute/help/Get-AzVM.md and Remove-AzVM.md."""

from __future__ import annotations

import json

from .state import lab_with, tenant_state


def _lab():
    lab = lab_with("az group create -n other -l eastus -o none",
                   "az vm create -n vmone -g rg --image Ubuntu2204 --generate-ssh-keys --assign-identity -o none",
                   "az vm create -n vmtwo -g other --image Ubuntu2204 --generate-ssh-keys -o none",
                   "APP=$(az ad sp create-for-rbac -n reader --query appId -o tsv)",
                   "az role assignment create --assignee $APP --role Reader -g rg -o none")
    return lab, lab.new_session(lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip()))


def test_a_listing_keeps_what_the_caller_may_read_and_a_reader_cannot_delete():
    lab, reader = _lab()
    assert lab.run("az vm list --query '[].name' -o tsv").stdout.split() == ["vmtwo", "vmone"]  # by group, name
    code, out, _ = reader.run("az vm list --query '[].name' -o tsv")
    assert (code, out.split()) == (0, ["vmone"])
    code, out, _ = reader.run("pwsh -Command 'Get-AzVM | ForEach-Object Name'")
    assert (code, out.split()) == (0, ["vmone"])
    code, _, err = reader.run("az vm show -g other -n vmtwo")
    assert code == 1 and "(AuthorizationFailed)" in err and "Microsoft.Compute/virtualMachines/read" in err
    before = tenant_state(lab)
    code, _, err = reader.run("az vm delete -g rg -n vmone --yes")
    assert code == 1 and "(AuthorizationFailed)" in err and "Microsoft.Compute/virtualMachines/delete" in err
    assert tenant_state(lab) == before


def test_delete_takes_the_system_identity_and_its_role_assignments_along():
    lab, _ = _lab()
    principal = lab.run("az vm show -g rg -n vmone --query identity.principalId -o tsv").stdout.strip()
    assert lab.run(f"az role assignment create --assignee-object-id {principal} --assignee-principal-type "
                   "ServicePrincipal --role Reader -g rg -o none").exit_code == 0
    r = lab.run("Remove-AzVM -ResourceGroupName rg -Name vmone -Force | ForEach-Object StatusCode", shell="pwsh")
    assert r.stdout.strip() == "OK", r.output
    assert lab.run("az vm show -g rg -n vmone").exit_code == 3
    assert principal not in lab.cloud.tenant.principals
    assert not [a for a in lab.cloud.role_assignments if a.principal_id == principal]


def test_a_complete_deployment_deletes_the_vm_with_a_delete_request():
    lab, _ = _lab()
    lab.write_file("empty.json", json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/"
                                                        "deploymentTemplate.json#", "contentVersion": "1.0.0.0",
                                             "resources": []}))
    r = lab.run("az deployment group create -g other -f empty.json --mode Complete -o none")
    assert r.exit_code == 0, r.stderr
    assert lab.run("az vm list -g other").json() == []
    assert [v["name"] for v in lab.run("az vm list -g rg").json()] == ["vmone"]
