"""'Geo-replication in Azure Container Registry', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-geo-replication.md.
The page's registry is a Premium registry in westus with a local image myapp:v1. The regional-endpoint blocks
(a 2026 preview: `--regional-endpoints`, `az acr login --endpoint`, `<registry>.<region>.geo.azurecr.io`, and the
AKS node-image checks that go with it) are not modelled by the lab and are listed as skipped with that reason."""

from __future__ import annotations

from .docs import Page

REG = "georeg01"
SETUP = f"""az group create -n rg -l westus -o none
az acr create -n {REG} -g rg --sku Premium -o none
docker pull -q mcr.microsoft.com/hello-world:latest
docker tag mcr.microsoft.com/hello-world:latest myapp:v1
az network vnet create -g rg -n vnet --address-prefix 10.0.0.0/16 --subnet-name s1 --subnet-prefix 10.0.0.0/24 \\
  -o none"""
REGIONAL = "regional endpoints (preview) are not modelled by the lab"


def test_geo_replication(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "container-registry-geo-replication", {
        "myregistry": REG, "<registry-name>": REG, "<private-endpoint-name>": "pe1", "<resource-group-name>": "rg"})
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
    for index in (9, 10, 11, 12, 13, 14, 15, 18):
        page.skip(index, REGIONAL)
    page.run(19, contains=f'"{REG}.eastus.data.azurecr.io"')
    assert lab.run(f"az network private-endpoint create -n pe1 -g rg --vnet-name vnet --subnet s1 "
                   f"--private-connection-resource-id $(az acr show -n {REG} --query id -o tsv) --group-id registry "
                   "--connection-name c -o none").exit_code == 0
    table = page.run(21).stdout
    assert table.count("privateEndpointIpConfig.") == 3 and table.count("Dynamic") == 3  # login server, 2 regions
    page.finish()
