"""Network interfaces and public IP addresses the lab keeps with other resources (a private endpoint's or a VM's NIC,
a VM's public address) are read through the resource manager like every other type: `az network nic show|list`,
`az network public-ip show|list` and Get-AzPublicIpAddress send GET and list requests, so the manager decides who
reads them (a listing keeps what the caller may read) and both front ends show the same address.

Sources: azure-rest-api-specs specification/network/resource-manager/Microsoft.Network/stable/2024-05-01/
networkInterface.json (NetworkInterfaces_Get, _List, _ListAll) and publicIpAddress.json (PublicIPAddresses_Get,
_List, _ListAll); Azure/azure-powershell src/Network/Network/help/Get-AzPublicIpAddress.md; MicrosoftDocs/
azure-management-docs articles/container-registry/container-registry-private-endpoints.md (az network nic show
--query ipConfigurations)."""

from __future__ import annotations

from .state import lab_with


def _lab():
    return lab_with("az group create -n other -l eastus -o none",
                    "az vm create -n vmone -g rg --image Ubuntu2204 --generate-ssh-keys -o none",
                    "az vm create -n vmtwo -g other --image Ubuntu2204 --generate-ssh-keys -o none",
                    "az network vnet create -g other -n vnet1 --address-prefixes 10.1.0.0/16 --subnet-name apps "
                    "--subnet-prefixes 10.1.0.0/24 -o none",
                    "az acr create -n netreads01 -g other --sku Premium -o none",
                    "az network private-endpoint create -g other -n pe1 --vnet-name vnet1 --subnet apps "
                    "--private-connection-resource-id $(az acr show -n netreads01 --query id -o tsv) --group-ids "
                    "registry --connection-name c1 --nic-name pe1-nic -o none",
                    "APP=$(az ad sp create-for-rbac -n reader --query appId -o tsv)",
                    "az role assignment create --assignee $APP --role Reader -g rg -o none")


def test_public_ip_reads_are_requests_the_manager_authorizes():
    lab = _lab()
    shown = lab.run("az network public-ip show -g rg -n vmonePublicIP --query ipAddress -o tsv").stdout.strip()
    assert shown == lab.run("az vm show -g rg -n vmone -d --query publicIps -o tsv").stdout.strip()
    ps = lab.run("Get-AzPublicIpAddress -Name vmonePublicIP -ResourceGroupName rg | Select-Object -ExpandProperty "
                 "IpAddress", shell="pwsh")
    assert ps.stdout.strip() == shown, ps.stderr
    assert lab.run("az network public-ip list --query '[].name' -o tsv").stdout.split() == ["vmtwoPublicIP",
                                                                                             "vmonePublicIP"]
    reader = lab.new_session(lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip()))
    code, out, _ = reader.run("az network public-ip list --query '[].name' -o tsv")
    assert (code, out.split()) == (0, ["vmonePublicIP"])
    code, _, err = reader.run("az network public-ip show -g other -n vmtwoPublicIP")
    assert code == 1 and "(AuthorizationFailed)" in err and "Microsoft.Network/publicIPAddresses/read" in err
    code, _, err = reader.run("pwsh -Command 'Get-AzPublicIpAddress -Name vmtwoPublicIP -ResourceGroupName other'")
    assert "Microsoft.Network/publicIPAddresses/read" in err


def test_nic_reads_are_requests_the_manager_authorizes():
    lab = _lab()
    nic = lab.run("az network nic show -g other -n pe1-nic --query 'ipConfigurations[].privateLinkConnectionProperties"
                  ".requiredMemberName' -o tsv")
    assert nic.stdout.split() == ["registry_data_eastus", "registry"], nic.stderr
    reader = lab.new_session(lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip()))
    code, _, err = reader.run("az network nic show -g other -n pe1-nic")
    assert code == 1 and "(AuthorizationFailed)" in err and "Microsoft.Network/networkInterfaces/read" in err
    code, out, _ = reader.run("az network nic list --query '[].name' -o tsv")
    assert (code, out.split()) == (0, ["vmoneVMNic"])  # the VM's NIC in rg; the endpoint's is in `other`
    vm_nic = lab.run("az network nic show -g rg -n vmoneVMNic --query '{vm: virtualMachine.id, ip: ipConfigurations[0]"
                     ".privateIPAddress, pip: ipConfigurations[0].publicIPAddress.id}'").json()
    shown = lab.run("az vm show -g rg -n vmone -d").json()
    assert vm_nic == {"vm": shown["id"], "ip": shown["privateIps"],
                      "pip": shown["id"].split("/providers/")[0] + "/providers/Microsoft.Network/publicIPAddresses/"
                                                                   "vmonePublicIP"}
    assert shown["networkProfile"]["networkInterfaces"][0]["id"].endswith("/networkInterfaces/vmoneVMNic")
    r = lab.run("az network nic show -g other -n nope")
    assert r.exit_code == 3 and "(ResourceNotFound) The Resource 'Microsoft.Network/networkInterfaces/nope'" \
        in r.stderr
