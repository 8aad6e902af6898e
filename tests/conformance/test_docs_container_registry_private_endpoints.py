"""'Connect privately to an Azure container registry using Azure Private Link', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-private-endpoints.md.
The page assumes a Premium registry holding hello-world:v1, a virtual network with a subnet, and a VM with Docker
in it ("Set up Docker in a virtual network"); here the registry lives in westeurope with a replica in eastus, and
the blocks the page runs "from the VM" (dig, az acr login, docker pull) run after `ssh` onto it. The two console
blocks are dig's output as printed on the page; block 16's checks stand for them."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n rg -l westeurope -o none
az acr create -n peregistry01 -g rg --sku Premium -l westeurope -o none
az acr replication create -r peregistry01 -l eastus -o none
az acr import -n peregistry01 --source mcr.microsoft.com/hello-world:latest -t hello-world:v1 -o none
az network vnet create -g rg -n myvnet --address-prefix 10.0.0.0/16 --subnet-name mysubnet \\
  --subnet-prefix 10.0.0.0/24 -o none
az vm create -g rg -n myDockerVM --image Ubuntu2204 --vnet-name myvnet --subnet mysubnet --generate-ssh-keys \\
  --public-ip-sku Standard -o none"""


def test_private_endpoints(lab):
    assert lab.run(SETUP).exit_code == 0
    sub = lab.run("az account show --query id -o tsv").stdout.strip()
    page = Page(lab, "container-registry-private-endpoints", {
        "<Name or ID of subscription of private link>": sub, "<container-registry-name>": "peregistry01",
        "<container-registry-location>": "westeurope", "<resource-group-name>": "rg",
        "<virtual-network-name>": "myvnet", "<subnet-name>": "mysubnet", "<vnet-name>": "myvnet",
        "<resource-group>": "rg", "myregistry": "peregistry01"})
    page.run(0)
    assert lab.run("az provider show -n Microsoft.ContainerRegistry --query registrationState -o tsv"
                   ).stdout.strip() == "Registered"
    page.run(1)
    page.run(2, contains='"privateEndpointNetworkPolicies": "Disabled"')
    page.run(3, contains='"name": "privatelink.azurecr.io"')
    page.run(4, contains='"virtualNetworkLinkState": "Completed"')
    page.run(5)
    page.run(6, contains='"fqdn": "peregistry01.eastus.data.azurecr.io"')
    # the VM's NIC and the endpoint's three IP configurations (login server, two data endpoints)
    page.run(7, contains="10.0.0.0/24      4")
    page.run(8)
    assert lab.run("echo $NETWORK_INTERFACE_ID").stdout.strip().endswith(
        lab.run("az network private-endpoint show -g rg -n myPrivateEndpoint --query networkInterfaces[0].id -o tsv"
                ).stdout.strip().rsplit("/", 1)[1])
    page.run(9)
    page.run(10)
    page.run(11)
    values = {v: lab.run(f"echo ${v}").stdout.strip() for v in (
        "REGISTRY_PRIVATE_IP", "DATA_ENDPOINT_PRIVATE_IP", "REGISTRY_FQDN", "DATA_ENDPOINT_FQDN",
        "GEO_REPLICA_DATA_ENDPOINT_PRIVATE_IP", "GEO_REPLICA_DATA_ENDPOINT_FQDN",
        "GEO_REPLICA_REGIONAL_ENDPOINT_PRIVATE_IP", "GEO_REPLICA_REGIONAL_ENDPOINT_FQDN")}
    assert values["REGISTRY_FQDN"] == "peregistry01.azurecr.io"
    assert values["DATA_ENDPOINT_FQDN"] == "peregistry01.westeurope.data.azurecr.io"
    assert values["GEO_REPLICA_DATA_ENDPOINT_FQDN"] == "peregistry01.eastus.data.azurecr.io"
    ips = [values[k] for k in ("REGISTRY_PRIVATE_IP", "DATA_ENDPOINT_PRIVATE_IP",
                               "GEO_REPLICA_DATA_ENDPOINT_PRIVATE_IP")]
    assert all(ip.startswith("10.0.0.") for ip in ips) and len(set(ips)) == 3
    # the page's regional endpoint (registry_<region>) is not among the endpoint's members: both stay empty
    assert values["GEO_REPLICA_REGIONAL_ENDPOINT_PRIVATE_IP"] == values["GEO_REPLICA_REGIONAL_ENDPOINT_FQDN"] == ""
    page.run(12, contains='"name": "peregistry01.westeurope.data"')
    page.run(13, contains=f'"ipv4Address": "{values["DATA_ENDPOINT_PRIVATE_IP"]}"')
    page.run(14, contains=f'"ipv4Address": "{values["GEO_REPLICA_DATA_ENDPOINT_PRIVATE_IP"]}"')
    page.run(15, contains='"publicNetworkAccess": "Disabled"')
    # from the workstation: the public chain goes through privatelink.azurecr.io to a public address
    public = page.run(16, contains="peregistry01.azurecr.io.\t2881\tIN\tCNAME\tperegistry01.privatelink.azurecr.io.")
    assert "10.0.0." not in public.output
    assert lab.run("ssh myDockerVM").exit_code == 0
    page.run(16, contains=f"peregistry01.privatelink.azurecr.io.\t3600\tIN\tA\t{values['REGISTRY_PRIVATE_IP']}")
    page.skip(17, "dig's output as the page prints it (inside the VNet); block 16's checks stand for it")
    page.skip(18, "dig's output as the page prints it (outside the VNet); block 16's checks stand for it")
    assert lab.run("az login --use-device-code -o none").exit_code == 0  # no browser on the VM
    page.run(19, contains="Login Succeeded")
    page.run(20, contains="Status: Downloaded newer image for peregistry01.azurecr.io/hello-world:v1")
    assert lab.run("exit").exit_code == 0
    assert lab.run("docker pull peregistry01.azurecr.io/hello-world:v1").exit_code == 1  # public access disabled
    page.run(21, contains='"status": "Approved"')
    page.run(22, answer="y")
    assert lab.run("az group exists -n rg").stdout.strip() == "false"
    page.finish()
