"""'Geo-replication in Azure Container Registry', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-geo-replication.md.
The page's registry is a Premium registry in westus with a local image myapp:v1. Its regional endpoints (a 2026
preview: `--regional-endpoints`, `az acr login --endpoint`, `<registry>.<region>.geo.azurecr.io`) run whole, the AKS
node-image checks that go with them on a cluster aks1 in the same group."""

from __future__ import annotations

from .docs import Page

REG = "georeg01"
SETUP = f"""az group create -n rg -l westus -o none
az acr create -n {REG} -g rg --sku Premium -o none
docker pull -q mcr.microsoft.com/hello-world:latest
docker tag mcr.microsoft.com/hello-world:latest myapp:v1
az network vnet create -g rg -n vnet --address-prefix 10.0.0.0/16 --subnet-name s1 --subnet-prefix 10.0.0.0/24 \\
  -o none
az aks create -g rg -n aks1 --generate-ssh-keys -o none"""


def test_geo_replication(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "container-registry-geo-replication", {
        "myregistry": REG, "<registry-name>": REG, "<private-endpoint-name>": "pe1", "<resource-group-name>": "rg",
        "myrg": "rg", "regionname": "westus", "<resource-group>": "rg", "<cluster-name>": "aks1",
        "<node-pool-name>": "nodepool1", "mydownstreamregistry": "geodown01", "myupstreamregistry": REG})
    r = page.run(0, contains='"regionEndpointEnabled": true')
    assert "eastus" in r.stdout.split("NAME", 1)[1]  # the list's table shows the replica before it is deleted
    assert lab.run(f"az acr replication list -r {REG} --query [].name -o tsv").stdout.split() == ["westus"]
    page.run(1, contains="Login Succeeded")
    page.run(2, contains="v1: digest: sha256:")
    page.run(3, contains=f"{REG}.azurecr.io/myapp:v1")
    page.run(4)
    assert "hello-world" in lab.run(f"az acr repository list -n {REG} -o tsv").stdout.split()
    page.run(6, exit_code=3, contains="replications/eastus' under resource group 'rg' was not found")  # deleted
    assert lab.run(f"az acr replication create -r {REG} -l eastus -o none").exit_code == 0
    page.run(6, contains='"regionEndpointEnabled": true')
    page.run(7, exit_code=1, contains="The extension acrregionalendpoint is not installed.")
    page.run(8)
    show = f"az acr show -n {REG} --query '[regionalEndpoints, regionalEndpointHostNames]' -o json"
    assert lab.run(show).json() == ["Disabled", []]
    page.run(9, contains='"regionalEndpoints": "Enabled"')  # the same PUT again: the registry, now with the feature
    assert lab.run(show).json() == ["Enabled", [f"{REG}.eastus.geo.azurecr.io", f"{REG}.westus.geo.azurecr.io"]]
    page.run(10, contains=f'"{REG}.eastus.geo.azurecr.io"')
    page.run(11, contains="Login Succeeded")
    assert f"{REG}.eastus.geo.azurecr.io" in lab.session.host.docker["auths"]  # docker keeps a login per host
    page.run(12, contains="v1: digest: sha256:")
    assert lab.run(f"docker rmi {REG}.eastus.geo.azurecr.io/myapp:v1").exit_code == 0
    page.run(13, contains=f"Downloaded newer image for {REG}.eastus.geo.azurecr.io/myapp:v1")
    assert lab.run(f"docker pull {REG}.westus.geo.azurecr.io/myapp:v1").exit_code == 1  # no login for that host yet
    assert page.run(14).stdout.strip().startswith("AKSUbuntu-")  # the node image the docs compare to 202607.29
    assert lab.run("az aks update -g rg -n aks1 --node-os-upgrade-channel None -o none").exit_code == 0
    page.run(15, contains='"nodeOsUpgradeChannel": "NodeImage"')
    assert lab.run(f"az acr replication create -r {REG} -l westeurope -o none\n"
                   "az acr create -n geodown01 -g rg --sku Standard -o none").exit_code == 0
    page.run(18)
    assert lab.run("az acr repository show-tags -n geodown01 --repository myapp -o tsv").stdout.split() == ["v1"]
    # the private endpoint below gets one address per regional endpoint too, which the lab does not model: off first
    assert lab.run(f"az acr update -n {REG} --regional-endpoints disabled -o none").exit_code == 0
    page.run(19, contains=f'"{REG}.eastus.data.azurecr.io"')
    assert lab.run(f"az network private-endpoint create -n pe1 -g rg --vnet-name vnet --subnet s1 "
                   f"--private-connection-resource-id $(az acr show -n {REG} --query id -o tsv) --group-id registry "
                   "--connection-name c -o none").exit_code == 0
    table = page.run(21).stdout
    assert table.count("privateEndpointIpConfig.") == 4 and table.count("Dynamic") == 4  # login server, 3 regions
    page.finish()
