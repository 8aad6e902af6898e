"""Microsoft.Compute/virtualMachines PUT through the resource manager: a Bicep or ARM template deploys a VM or
redeclares an existing one with its managed identities; a PUT over an existing VM keeps what the body leaves out; a
refused PUT changes nothing.

Sources: azure-rest-api-specs specification/compute/resource-manager/Microsoft.Compute/ComputeRP/stable/2024-07-01/
virtualMachine.json (VirtualMachines_CreateOrUpdate; VirtualMachineIdentity.type: SystemAssigned, UserAssigned,
'SystemAssigned, UserAssigned', None; userAssignedIdentities keyed by the identity's resource id;
NetworkProfile.networkInterfaceConfigurations with networkApiVersion)."""

from __future__ import annotations

import json

import pytest

from acrlab.engine.arm import send
from acrlab.engine.errors import AzureError

from .state import lab_with, refused_unchanged, send_from, tenant_state

MI_ID = "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'idone')]"


def _template(*resources: dict) -> str:
    return json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                       "contentVersion": "1.0.0.0", "resources": list(resources)})


def _vm(name: str = "vmone", **extra) -> dict:
    return {"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2024-07-01", "name": name,
            "location": "eastus", **extra}


def _lab():
    return lab_with("az vm create -n vmone -g rg --image Ubuntu2204 --generate-ssh-keys --size Standard_B2s -o none",
                    "az identity create -n idone -g rg -o none")


def _shown(lab, query: str) -> str:
    r = lab.run(f"az vm show -g rg -n vmone --query \"{query}\" -o tsv")
    assert r.exit_code == 0, r.stderr
    return r.stdout.strip()


def test_bicep_redeclares_a_vm_with_its_identity_and_keeps_the_rest():
    lab = _lab()
    before = json.loads(lab.run("az vm show -g rg -n vmone").stdout)
    r = send_from(lab, "bicep", "resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {\n"
                                "  name: 'vmone'\n  location: resourceGroup().location\n"
                                "  identity: {\n    type: 'SystemAssigned'\n  }\n}\n"
                                "output principal string = vm.identity.principalId\n")
    assert r.exit_code == 0, r.stderr
    after = json.loads(lab.run("az vm show -g rg -n vmone").stdout)
    principal = after["identity"]["principalId"]
    assert after["identity"]["type"] == "SystemAssigned" and lab.cloud.tenant.principals[principal].kind == \
        "ManagedIdentity"
    for kept in ("hardwareProfile", "storageProfile", "osProfile", "networkProfile", "vmId", "privateIps"):
        assert after.get(kept) == before.get(kept), kept
    assert after["hardwareProfile"]["vmSize"] == "Standard_B2s"
    out = lab.run("az deployment group show -g rg -n d1 --query properties.outputs.principal.value -o tsv")
    assert out.stdout.strip() == principal


def test_arm_identity_types_add_keep_and_remove_identities():
    lab = _lab()
    mi_id = lab.run("az identity show -n idone -g rg --query id -o tsv").stdout.strip()
    both = _vm(identity={"type": "SystemAssigned, UserAssigned", "userAssignedIdentities": {MI_ID: {}}},
               tags={"team": "reports"})
    assert send_from(lab, "arm", _template(both)).exit_code == 0
    system = _shown(lab, "identity.principalId")
    assert _shown(lab, "identity.type") == "SystemAssigned, UserAssigned"
    assert _shown(lab, "keys(identity.userAssignedIdentities)") == mi_id
    assert _shown(lab, "tags.team") == "reports"
    # UserAssigned alone: the system identity's principal goes, the tags the body leaves out stay
    user = _vm(identity={"type": "UserAssigned", "userAssignedIdentities": {MI_ID: {}}})
    assert send_from(lab, "arm", _template(user)).exit_code == 0
    assert _shown(lab, "identity.type") == "UserAssigned" and system not in lab.cloud.tenant.principals
    assert _shown(lab, "tags.team") == "reports"
    assert send_from(lab, "arm", _template(_vm(identity={"type": "None"}))).exit_code == 0
    assert _shown(lab, "identity") == ""


def test_a_template_creates_a_vm_on_a_subnet():
    lab = lab_with("az network vnet create -g rg -n vnone --address-prefixes 10.1.0.0/16 --subnet-name sone "
                   "--subnet-prefixes 10.1.0.0/24 -o none")
    nic = {"name": "nic1", "properties": {"ipConfigurations": [{"name": "ip1", "properties": {
        "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnone', 'sone')]"}}}]}}
    vm = _vm("vmnew", identity={"type": "SystemAssigned"}, properties={
        "hardwareProfile": {"vmSize": "Standard_B1s"},
        "storageProfile": {"imageReference": {"publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server",
                                              "version": "latest"}},
        "osProfile": {"computerName": "vmnew", "adminUsername": "ops", "linuxConfiguration": {
            "disablePasswordAuthentication": True,
            "ssh": {"publicKeys": [{"path": "/home/ops/.ssh/authorized_keys", "keyData": "ssh-rsa AAAAB3 ops"}]}}},
        "networkProfile": {"networkApiVersion": "2020-11-01", "networkInterfaceConfigurations": [nic]}})
    r = send_from(lab, "arm", _template(vm))
    assert r.exit_code == 0, r.stderr
    shown = json.loads(lab.run("az vm show -g rg -n vmnew -d").stdout)
    assert shown["privateIps"] == "10.1.0.4" and shown["osProfile"]["adminUsername"] == "ops"
    assert shown["storageProfile"]["imageReference"]["offer"] == "ubuntu-24_04-lts"
    assert shown["identity"]["type"] == "SystemAssigned"
    assert lab.run("az network vnet subnet show -g rg --vnet-name vnone -n sone --query "
                   "\"length(ipConfigurations)\"").stdout.strip() == "1"


def test_a_refused_put_changes_nothing():
    lab = _lab()
    refused_unchanged(lab, "arm", _template(_vm(identity={"type": "UserAssigned", "userAssignedIdentities": {
        "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'nosuch')]": {}}})), "was not found")
    refused_unchanged(lab, "arm", _template(_vm(identity={"type": "Sometimes"})), "InvalidRequestContent")
    refused_unchanged(lab, "arm", _template(_vm(location="westus", identity={"type": "SystemAssigned"})),
                      "InvalidResourceLocation")
    refused_unchanged(lab, "arm", _template(_vm(identity={"type": "SystemAssigned"}, properties={
        "storageProfile": {"imageReference": {"publisher": "Debian", "offer": "debian-12", "sku": "12-gen2"}}})),
        "Changing property 'imageReference' is not allowed.")
    refused_unchanged(lab, "arm", _template(_vm("vmnew", properties={"hardwareProfile": {"vmSize": "Standard_B1s"}})),
                      "Required parameter 'storageProfile.imageReference' is missing (null).")


def test_the_engine_authorizes_the_put_and_the_identity_assignment():
    lab = _lab()
    app = lab.run("az ad sp create-for-rbac -n operator --query appId -o tsv").stdout.strip()
    operator = lab.cloud.tenant.find_principal(app)
    sub = lab.run("az account show --query id -o tsv").stdout.strip()
    role = json.dumps({"Name": "VmWriter", "Actions": ["Microsoft.Compute/virtualMachines/*"],
                       "AssignableScopes": [f"/subscriptions/{sub}"]})
    assert lab.run(f"az role definition create --role-definition '{role}' -o none").exit_code == 0
    assert lab.run(f"az role assignment create --assignee {app} --role VmWriter -g rg -o none").exit_code == 0
    vm_id = lab.run("az vm show -g rg -n vmone --query id -o tsv").stdout.strip()
    mi_id = lab.run("az identity show -n idone -g rg --query id -o tsv").stdout.strip()
    before = tenant_state(lab)
    body = {"location": "eastus", "identity": {"type": "UserAssigned", "userAssignedIdentities": {mi_id: {}}}}
    with pytest.raises(AzureError) as refused:
        send(lab.cloud, operator, "PUT", vm_id, body)
    assert refused.value.code == "AuthorizationFailed" and "userAssignedIdentities/assign/action" in str(refused.value)
    assert tenant_state(lab) == before
    assert send(lab.cloud, operator, "PUT", vm_id, {"location": "eastus", "identity": {"type": "SystemAssigned"}}
                ).status == 200
    assert _shown(lab, "identity.type") == "SystemAssigned"
