"""VNets, private endpoints, private DNS and the registry firewall, judged from the host a command runs on."""

from __future__ import annotations

import pytest

SEED_PE = """az network private-endpoint create \\
--name pe-acr-myacr \\
--resource-group rg-networking \\
--vnet-name vnet-production \\
--subnet subnet-private-endpoints \\
--private-connection-resource-id $(az acr show --name myacr --query id -o tsv) \\
--group-id registry \\
--connection-name conn-acr-myacr"""


@pytest.fixture
def net(cli, rg):
    cli("az group create -n rg-networking -l brazilsouth -o none")
    cli("az acr create -n myacr -g rg-containers --sku Premium -o none")
    cli("az network vnet create -g rg-networking -n vnet-production --address-prefix 10.1.0.0/16 "
        "--subnet-name subnet-private-endpoints --subnet-prefix 10.1.1.0/24",
        checks={"newVNet.subnets[0].name": "subnet-private-endpoints", "newVNet.addressSpace.addressPrefixes":
                ["10.1.0.0/16"]})
    cli("az network vnet subnet create -g rg-networking --vnet-name vnet-production -n subnet-apps "
        "--address-prefixes 10.1.2.0/24", checks={"addressPrefix": "10.1.2.0/24"})
    cli("az vm create -n appvm -g rg-networking --image Ubuntu2204 --vnet-name vnet-production --subnet subnet-apps "
        "--generate-ssh-keys --assign-identity", checks={"privateIpAddress": "10.1.2.4", "powerState": "VM running"})
    return cli


def test_vm_create_default_vnet_and_show(cli, rg):
    r = cli("az vm create -n myDockerVM -g rg-containers --image Ubuntu2204 --admin-username azureuser "
            "--generate-ssh-keys")
    assert "have been generated under ~/.ssh" in r.stderr
    out = r.json()
    assert sorted(out) == ["fqdns", "id", "location", "macAddress", "powerState", "privateIpAddress",
                           "publicIpAddress", "resourceGroup", "zones"]
    cli("az network vnet list -g rg-containers --query \"[].{Name: name, Subnet: subnets[0].name}\"",
        checks={"[0].Name": "myDockerVMVNET", "[0].Subnet": "myDockerVMSubnet"})
    cli("az vm show -g rg-containers -n myDockerVM -d", checks={"publicIps": out["publicIpAddress"],
                                                               "hardwareProfile.vmSize": "Standard_DS1_v2"})
    cli("az vm create -n other -g rg-containers --image Ubuntu2204", expect_exit=0)  # key now exists on disk
    cli("az vm create -n bad -g rg-containers --image NoSuchImage --generate-ssh-keys", expect_exit=1)


def test_vm_identity_login_and_ssh_exit(cli, rg, lab):
    cli("az vm create -n vm1 -g rg-containers --image Ubuntu2204 --generate-ssh-keys")
    cli("ssh vm1")
    r = cli("az login --identity", expect_exit=1)
    assert "Failed to connect to MSI" in r.stderr
    cli("exit 0")
    r = cli("az vm identity assign -g rg-containers -n vm1")
    principal = r.json()["systemAssignedIdentity"]
    cli("ssh azureuser@vm1")
    assert lab.session.host.kind == "vm"
    cli("az login --identity", checks={"[0].user.name": "systemAssignedIdentity"})
    cli("az account show", checks={"user.type": "servicePrincipal"})
    cli("exit")
    assert lab.session.host.kind == "workstation"
    assert principal in lab.cloud.tenant.principals


def test_ssh_by_public_ip_and_unknown_host(cli, rg):
    ip = cli("az vm create -n vm1 -g rg-containers --image Ubuntu2204 --generate-ssh-keys "
             "--query publicIpAddress -o tsv").stdout.strip()
    cli(f"ssh azureuser@{ip}")
    cli("exit")
    r = cli("ssh nowhere", expect_exit=255)
    assert "Could not resolve hostname nowhere" in r.stderr


def test_seed_section7_private_endpoint_and_access(net, lab):
    cli = net
    cli("az acr update --name myacr --resource-group rg-containers --public-network-enabled false -o none")
    r = cli(SEED_PE)
    pe = r.json()
    conn = pe["privateLinkServiceConnections"][0]
    assert conn["privateLinkServiceConnectionState"]["status"] == "Approved"
    assert conn["groupIds"] == ["registry"]
    # data endpoint first, login server second (real `az network private-endpoint create` output for a registry)
    assert [c["fqdn"] for c in pe["customDnsConfigs"]] == ["myacr.brazilsouth.data.azurecr.io", "myacr.azurecr.io"]
    cli("az acr private-endpoint-connection list -r myacr",
        checks={"[0].privateLinkServiceConnectionState.status": "Approved",
                "[0].privateEndpoint.id": pe["id"]})
    # From the internet: refused.
    r = cli("docker login myacr.azurecr.io -u myacr -p x", expect_exit=1)
    assert "login attempt to https://myacr.azurecr.io/v2/ failed with status: 403 Forbidden" in r.stderr
    # From the VM without private DNS: the name resolves publicly, so still refused.
    cli("ssh appvm")
    cli("az login --identity -o none")
    r = cli("az acr login -n myacr", expect_exit=1)
    assert "Looks like you don't have access to registry" in r.stderr
    cli("exit 0")
    # Private DNS zone linked to the VNet + zone group: the VM reaches the private endpoint.
    cli("az network private-dns zone create -g rg-networking -n privatelink.azurecr.io",
        checks={"name": "privatelink.azurecr.io", "location": "global"})
    cli("az network private-dns link vnet create -g rg-networking -z privatelink.azurecr.io -n link-prod "
        "-v vnet-production -e false", checks={"virtualNetworkLinkState": "Completed"})
    cli("az network private-endpoint dns-zone-group create -g rg-networking --endpoint-name pe-acr-myacr "
        "-n default --private-dns-zone privatelink.azurecr.io --zone-name registry",
        checks={"sort(privateDnsZoneConfigs[0].recordSets[].recordSetName)": ["myacr", "myacr.brazilsouth.data"]})
    cli("az network private-dns record-set a list -g rg-networking -z privatelink.azurecr.io",
        checks={"[?name=='myacr'].aRecords[0].ipv4Address | [0]": "10.1.1.5"})  # the data endpoint takes the first NIC IP
    cli("ssh appvm")
    cli("az acr login -n myacr")
    cli("exit")
    # The workstation is still refused.
    cli("az acr login -n myacr", expect_exit=1)


def test_manual_request_pending_then_approved(net):
    cli = net
    cli("az acr update -n myacr --public-network-enabled false -o none")
    r = cli(SEED_PE + " --manual-request true --request-message please")
    pe = r.json()
    assert pe["privateLinkServiceConnections"] == []
    assert pe["manualPrivateLinkServiceConnections"][0]["privateLinkServiceConnectionState"]["status"] == "Pending"
    name = cli("az acr private-endpoint-connection list -r myacr --query [0].name -o tsv").stdout.strip()
    cli("az network private-dns zone create -g rg-networking -n privatelink.azurecr.io -o none")
    cli("az network private-dns link vnet create -g rg-networking -z privatelink.azurecr.io -n l -v vnet-production "
        "-e false -o none")
    cli("az network private-endpoint dns-zone-group create -g rg-networking --endpoint-name pe-acr-myacr -n default "
        "--private-dns-zone privatelink.azurecr.io --zone-name registry -o none")
    cli("ssh appvm")
    cli("az login --identity -o none")
    cli("az acr login -n myacr", expect_exit=1)  # pending: no traffic through the endpoint
    cli("exit 0")
    cli(f"az acr private-endpoint-connection approve -r myacr -n {name} --description ok",
        checks={"privateLinkServiceConnectionState.status": "Approved"})
    cli("ssh appvm")
    cli("az acr login -n myacr")
    cli("exit")
    cli(f"az acr private-endpoint-connection reject -r myacr -n {name}",
        checks={"privateLinkServiceConnectionState.status": "Rejected"})
    cli(f"az acr private-endpoint-connection delete -r myacr -n {name}")  # the command takes no --yes
    cli("az acr private-endpoint-connection list -r myacr", checks={"length(@)": 0})


def test_private_endpoint_needs_premium(cli, rg):
    cli("az acr create -n stdacr -g rg-containers --sku Standard -o none")
    cli("az network vnet create -g rg-containers -n v --subnet-name s -o none")
    r = cli("az network private-endpoint create -n pe -g rg-containers --vnet-name v --subnet s "
            "--private-connection-resource-id $(az acr show -n stdacr --query id -o tsv) --group-id registry "
            "--connection-name c", expect_exit=1)
    assert "Premium" in r.stderr
    r = cli("az network private-endpoint create -n pe -g rg-containers --subnet s "
            "--private-connection-resource-id x --group-id registry --connection-name c", expect_exit=1)
    assert "Usage error: [--subnet ID | --subnet NAME --vnet-name NAME]" in r.stderr


def test_subnet_update_policies(net):
    net("az network vnet subnet update -g rg-networking --vnet-name vnet-production -n subnet-apps "
        "--disable-private-endpoint-network-policies true", checks={"privateEndpointNetworkPolicies": "Disabled"})
    net("az network vnet subnet update -g rg-networking --vnet-name vnet-production -n subnet-apps "
        "--private-endpoint-network-policies Enabled", checks={"privateEndpointNetworkPolicies": "Enabled"})
    r = net("az network vnet subnet create -g rg-networking --vnet-name vnet-production -n out "
            "--address-prefixes 10.9.0.0/24", expect_exit=1)
    assert "outside the IP address range" in r.stderr
