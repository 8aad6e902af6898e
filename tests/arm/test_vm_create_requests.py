"""`az vm create` and `New-AzVM` send the resource manager's requests: the network they imply (a virtual network
with its subnet when missing) and the VM's PUT, the same PUT a template deploys, so a VM made by az, PowerShell, ARM
JSON or Bicep is the same resource, and a refusal (an image the service lacks, a user identity that does not exist,
a caller who may make networks but not VMs) reads in each front end's own words and leaves the tenant as it was.

Sources: azure-rest-api-specs specification/compute/resource-manager/Microsoft.Compute/ComputeRP/stable/2024-07-01/
virtualMachine.json (VirtualMachines_CreateOrUpdate: hardwareProfile, storageProfile.imageReference, osProfile,
networkProfile.networkInterfaceConfigurations with networkApiVersion, identity); Azure/azure-cli
src/azure-cli/azure/cli/command_modules/vm/_validators.py (`<vm>VNET`/`<vm>Subnet`, 10.0.0.0/16 and 10.0.0.0/24,
`<vm>PublicIP`, the identity ids built in the VM's group) and vm/_params.py; Azure/azure-powershell
src/Compute/Compute/help/New-AzVM.md (simple parameter set: the network named after the VM, 192.168.0.0/16 and
192.168.1.0/24, -Credential, -SystemAssignedIdentity, -UserAssignedIdentity)."""

from __future__ import annotations

import json

import pytest

from .state import lab_with, refused_unchanged, shown_by_each, tenant_state

NET = "az network vnet create -g rg -n vnet1 --address-prefixes 10.1.0.0/16 --subnet-name apps " \
      "--subnet-prefixes 10.1.0.0/24 -o none"
PASSWORD = "P@ssw0rd-2026!"
CRED = ("$c = New-Object System.Management.Automation.PSCredential ('azureuser', "
        f"(ConvertTo-SecureString '{PASSWORD}' -AsPlainText -Force)); ")
UBUNTU = {"publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen2",
          "version": "latest"}


def _vm_resource(image: dict = UBUNTU, identity: dict | None = None) -> dict:
    ip = {"subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1', 'apps')]"},
          "publicIPAddressConfiguration": {"name": "vm1PublicIP"}}
    return {"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2024-07-01", "name": "vm1",
            "location": "[resourceGroup().location]", "identity": identity or {"type": "SystemAssigned"},
            "properties": {
                "hardwareProfile": {"vmSize": "Standard_B2s"}, "storageProfile": {"imageReference": image},
                "osProfile": {"computerName": "vm1", "adminUsername": "azureuser", "adminPassword": PASSWORD},
                "networkProfile": {"networkApiVersion": "2022-11-01", "networkInterfaceConfigurations": [
                    {"name": "vm1VMNic", "properties": {"ipConfigurations": [
                        {"name": "ipconfigvm1", "properties": ip}]}}]}}}


def _template(*resources: dict) -> str:
    return json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                       "contentVersion": "1.0.0.0", "resources": list(resources)})


BICEP = ("resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {\n  name: 'vnet1'\n}\n"
         "resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {\n  name: 'vm1'\n"
         "  location: resourceGroup().location\n  identity: { type: 'SystemAssigned' }\n  properties: {\n"
         "    hardwareProfile: { vmSize: 'Standard_B2s' }\n"
         "    storageProfile: { imageReference: { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', "
         "sku: '22_04-lts-gen2', version: 'latest' } }\n"
         f"    osProfile: {{ computerName: 'vm1', adminUsername: 'azureuser', adminPassword: '{PASSWORD}' }}\n"
         "    networkProfile: {\n      networkApiVersion: '2022-11-01'\n      networkInterfaceConfigurations: [ {\n"
         "        name: 'vm1VMNic'\n        properties: { ipConfigurations: [ { name: 'ipconfigvm1', properties: {\n"
         "          subnet: { id: '${vnet.id}/subnets/apps' }\n"
         "          publicIPAddressConfiguration: { name: 'vm1PublicIP' }\n        } } ] }\n      } ]\n    }\n"
         "  }\n}\n")
FRONT_ENDS = {
    "az": ("bash", "az vm create -n vm1 -g rg --image Ubuntu2204 --size Standard_B2s --admin-username azureuser "
                   f"--admin-password '{PASSWORD}' --vnet-name vnet1 --subnet apps --assign-identity -o none "
                   "2>/dev/null"),
    "pwsh": ("pwsh", CRED + "$null = New-AzVM -ResourceGroupName rg -Name vm1 -Image Ubuntu2204 -Size Standard_B2s "
                            "-Credential $c -VirtualNetworkName vnet1 -SubnetName apps -PublicIpAddressName vm1PublicIP "
                            "-SystemAssignedIdentity"),
    "arm": ("arm", _template(_vm_resource())),
    "bicep": ("bicep", BICEP),
}
VARYING = ("vmId", "timeCreated", "identity")


def _shown(lab) -> dict:
    r = lab.run("az vm show -g rg -n vm1 -d")
    assert r.exit_code == 0, r.stderr
    shown = {k: v for k, v in r.json().items() if k not in VARYING and k not in ("macAddresses", "publicIps")}
    shown["identityType"] = r.json()["identity"]["type"]
    ips = lab.run("az vm list-ip-addresses -g rg -n vm1 --query '[0].virtualMachine.network.publicIpAddresses[0].name'")
    shown["publicIpName"] = ips.json()
    return shown


def test_every_front_end_makes_the_same_vm():
    results = shown_by_each(FRONT_ENDS, _shown, NET)
    shown = results["az"]
    assert shown["hardwareProfile"] == {"vmSize": "Standard_B2s"}
    assert shown["privateIps"] == "10.1.0.4" and shown["identityType"] == "SystemAssigned"
    assert shown["publicIpName"] == "vm1PublicIP"
    assert shown["osProfile"]["linuxConfiguration"] == {"disablePasswordAuthentication": False}
    for kind, data in results.items():
        assert data == shown, f"{kind} differs from az"


def test_az_vm_create_makes_its_network_with_requests_and_repeats_idempotently():
    lab = lab_with()
    r = lab.run("az vm create -n web -g rg --image Ubuntu2204 --generate-ssh-keys -o none")
    assert r.exit_code == 0, r.stderr
    net = lab.run("az network vnet show -g rg -n webVNET").json()
    assert net["addressSpace"]["addressPrefixes"] == ["10.0.0.0/16"]
    assert [(s["name"], s["addressPrefix"]) for s in net["subnets"]] == [("webSubnet", "10.0.0.0/24")]
    before = tenant_state(lab)
    again = lab.run("az vm create -n web -g rg --image Ubuntu2204 --generate-ssh-keys")
    assert again.exit_code == 0 and again.json()["privateIpAddress"] == "10.0.0.4", again.stderr
    assert tenant_state(lab) == before
    r = lab.run("az vm create -n web -g rg --image Debian12 --generate-ssh-keys")
    assert r.exit_code == 1 and "(PropertyChangeNotAllowed) Changing property 'imageReference' is not allowed." \
        in r.stderr


def test_new_azvm_uses_its_own_network_defaults():
    lab = lab_with()
    r = lab.run(CRED + "New-AzVM -ResourceGroupName rg -Name box -Location eastus -Credential $c | "
                       "ForEach-Object { $_.StorageProfile.OsDisk.OsType }", shell="pwsh")
    assert r.stdout.strip() == "Windows" and not r.stderr.strip(), r.stderr  # Win2016Datacenter by default
    net = lab.run("az network vnet show -g rg -n box").json()
    assert net["addressSpace"]["addressPrefixes"] == ["192.168.0.0/16"]
    assert [(s["name"], s["addressPrefix"]) for s in net["subnets"]] == [("box", "192.168.1.0/24")]
    shown = lab.run("az vm show -g rg -n box --query storageProfile.imageReference.sku -o tsv")
    assert shown.stdout.strip() == "2016-Datacenter"


NOSUCH_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/" \
            "Microsoft.ManagedIdentity/userAssignedIdentities/nosuchid"
MISSING_IMAGE = "The platform image 'Nobody:nothing:none:latest' is not available."
MISSING_ID = "The user-assigned identity "
REFUSALS = [
    ("bash", "az vm create -n vm1 -g rg --image Nobody:nothing:none:latest --generate-ssh-keys",
     f"Exception Details:\t(PlatformImageNotFound) {MISSING_IMAGE}"),
    ("pwsh", CRED + "New-AzVM -ResourceGroupName rg -Name vm1 -Image Nobody:nothing:none:latest -Credential $c",
     f"New-AzVM: {MISSING_IMAGE}"),
    ("arm", _template(_vm_resource({**UBUNTU, "publisher": "Nobody", "offer": "nothing", "sku": "none"})),
     MISSING_IMAGE),
    ("bash", "az vm create -n vm1 -g rg --image Ubuntu2204 --generate-ssh-keys --assign-identity nosuchid",
     f"Exception Details:\t(InvalidParameter) {MISSING_ID}"),
    ("pwsh", CRED + "New-AzVM -ResourceGroupName rg -Name vm1 -Image Ubuntu2204 -Credential $c "
                    f"-UserAssignedIdentity {NOSUCH_ID}", f"New-AzVM: {MISSING_ID}"),
    ("arm", _template(_vm_resource(identity={"type": "UserAssigned", "userAssignedIdentities": {NOSUCH_ID: {}}})),
     MISSING_ID),
]


@pytest.mark.parametrize(("shell", "text", "expected"), REFUSALS)
def test_a_refused_vm_changes_nothing_not_even_its_network(shell, text, expected):
    """The network and the VM are deployed as one: a refused VM is refused before its network is made (az: the
    template deployment's preflight, InvalidTemplateDeployment with the VM's error inside)."""
    lab = lab_with(NET)
    refused_unchanged(lab, shell, text, expected)
    assert [v["name"] for v in lab.run("az network vnet list -g rg").json()] == ["vnet1"]


ROLE = json.dumps({"Name": "NetworkMaker", "Actions": ["Microsoft.Network/*", "Microsoft.Compute/*/read",
                                                       "Microsoft.Resources/subscriptions/resourceGroups/read",
                                                       "Microsoft.Resources/deployments/*"],
                   "AssignableScopes": ["/subscriptions/SUB"]})


def test_a_caller_who_may_make_networks_but_not_vms_changes_nothing():
    lab = lab_with("SUB=$(az account show --query id -o tsv)",
                   f"az role definition create --role-definition \"$(echo '{ROLE}' | sed s/SUB/$SUB/)\" -o none",
                   "APP=$(az ad sp create-for-rbac -n netmaker --query appId -o tsv)",
                   "az role assignment create --assignee $APP --role NetworkMaker -g rg -o none")
    op = lab.new_session(lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip()))
    before = tenant_state(lab)
    code, _, err = op.run("az vm create -n vm1 -g rg --image Ubuntu2204 --generate-ssh-keys")
    assert code == 1 and "(AuthorizationFailed)" in err and "Microsoft.Compute/virtualMachines/write" in err
    op.run(f"cat > new.ps1 <<'EOF'\n{CRED}New-AzVM -ResourceGroupName rg -Name vm1 -Image Ubuntu2204 "
           "-Credential $c\nEOF")
    code, _, err = op.run("pwsh -File new.ps1")
    assert "Microsoft.Compute/virtualMachines/write" in err, err
    assert tenant_state(lab) == before


def test_removing_identities_is_a_put_from_az_and_pwsh_alike():
    """azure-cli vm/custom.py remove_vm_identity (what is not associated is refused client-side; the VM is written
    back with the rest); Azure/azure-powershell src/Compute/Compute/help/Update-AzVM.md (-IdentityType replaces the
    VM's identity, None removes it)."""
    setup = ["az identity create -n idone -g rg -o none",
             "az vm create -n vm1 -g rg --image Ubuntu2204 --generate-ssh-keys --assign-identity [system] idone "
             "-o none"]
    results = shown_by_each({
        "az": ("bash", "az vm identity remove -g rg -n vm1 --identities idone -o none"),
        "pwsh": ("pwsh", "$vm = Get-AzVM -ResourceGroupName rg -Name vm1; "
                         "$null = Update-AzVM -ResourceGroupName rg -VM $vm -IdentityType SystemAssigned")},
        lambda lab: lab.run("az vm identity show -g rg -n vm1 --query '[type, userAssignedIdentities]'").json(),
        *setup)
    assert results["az"] == results["pwsh"] == ["SystemAssigned", None]
    lab = lab_with(*setup)
    principal = lab.run("az vm identity show -g rg -n vm1 --query principalId -o tsv").stdout.strip()
    refused_unchanged(lab, "bash", "az vm identity remove -g rg -n vm1 --identities idtwo",
                      "/userassignedidentities/idtwo' are not associated with 'vm1'")
    r = lab.run("$vm = Get-AzVM -ResourceGroupName rg -Name vm1; "
                "Update-AzVM -ResourceGroupName rg -VM $vm -IdentityType None | ForEach-Object StatusCode",
                shell="pwsh")
    assert r.stdout.strip() == "OK", r.stderr
    assert lab.run("az vm identity show -g rg -n vm1").stdout == ""
    assert principal not in lab.cloud.tenant.principals
