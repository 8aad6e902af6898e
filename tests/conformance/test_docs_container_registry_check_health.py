"""'Check the health of an Azure container registry', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-check-health.md, with
the order and texts of azure-cli's acr/check_health.py (environment, registry, VNet DNS routing, Helm, Notary;
--ignore-errors logs an error and goes on). `myregistry` is a Premium registry with a private endpoint in
`myvnet`; `--vnet` compares, from where the CLI runs, each name the endpoint serves with its private IP: from the
workstation (public DNS) it fails, from a VM in the VNet with the private DNS zone in place it passes."""

from __future__ import annotations

from .docs import Page

REG = "healthreg01"
SETUP = f"""az group create -n rg -l westus -o none
az acr create -n {REG} -g rg --sku Premium -o none
az network vnet create -g rg -n myvnet --address-prefix 10.0.0.0/16 --subnet-name s1 --subnet-prefix 10.0.0.0/24 \\
  -o none
az network private-endpoint create -n pe1 -g rg --vnet-name myvnet --subnet s1 --group-id registry \\
  --private-connection-resource-id $(az acr show -n {REG} --query id -o tsv) --connection-name c -o none
az vm create -g rg -n vm1 --image Ubuntu2204 --vnet-name myvnet --subnet s1 --generate-ssh-keys -o none"""
PRIVATE_DNS = """az network private-dns zone create -g rg -n privatelink.azurecr.io -o none
az network private-dns link vnet create -g rg -z privatelink.azurecr.io -n link -v myvnet -e false -o none
az network private-endpoint dns-zone-group create -g rg --endpoint-name pe1 -n default \\
  --private-dns-zone privatelink.azurecr.io --zone-name registry -o none"""


def test_check_health(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "container-registry-check-health", {"myregistry": REG})
    env = page.run(0, contains="Docker pull of 'mcr.microsoft.com/mcr/hello-world:latest' : OK").stdout
    assert "DNS lookup" not in env
    lines = page.run(1).stdout.splitlines()
    order = [next(i for i, line in enumerate(lines) if line.startswith(p)) for p in (
        "Azure CLI version", "DNS lookup to healthreg01.azurecr.io at IP 20.", "Challenge endpoint",
        "Fetch access token", "Helm version", "Notary version")]
    assert order == sorted(order)
    r = page.run(2, exit_code=1, contains="ERROR: DNS routing verification failed")
    assert 'DNS routing to registry "healthreg01" through private IP is incorrect. Expect: 10.0.0.' in r.stderr
    assert lab.run(PRIVATE_DNS).exit_code == 0
    assert lab.run("ssh vm1").exit_code == 0
    assert lab.run("az login --use-device-code -o none").exit_code == 0
    r = page.run(2, contains="DNS routing to private endpoint : OK")
    assert f"DNS lookup to {REG}.azurecr.io at IP 10.0.0." in r.stdout  # the private address, from the VNet
    assert lab.run("exit").exit_code == 0
    assert lab.run(f"az acr update -n {REG} --public-network-enabled false -o none").exit_code == 0
    r = page.run(3, contains="Notary version: 0.6.1")  # the error is reported and the checks go on
    assert "ERROR: An error occurred: CONNECTIVITY_FORBIDDEN_ERROR" in r.stderr
    assert "https://aka.ms/acr/errors#" not in r.stderr
    page.run(4, contains="Helm version")
    r = lab.run(f"az acr check-health --name {REG} --yes")
    assert r.exit_code == 1 and "CONNECTIVITY_FORBIDDEN_ERROR" in r.stderr and "Helm version" not in r.stdout
    page.skip(5, "the output of the block above, as the page prints it")
    page.finish()
