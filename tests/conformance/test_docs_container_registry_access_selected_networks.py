"""'Configure public IP network rules', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-access-selected-networks.md.
The registry is Premium; `<public-IP-address>` is the address the lab's workstation reaches Azure from, and each
step is checked with a pull from the workstation."""

from __future__ import annotations

from .docs import Page

REG = "mycontainerregistry"
PULL = f"docker pull {REG}.azurecr.io/hello-world:latest"


def test_access_selected_networks(lab):
    assert lab.run(f"az group create -n rg -l westus -o none\naz acr create -n {REG} -g rg --sku Premium -o none\n"
                   f"az acr import -n {REG} --source mcr.microsoft.com/hello-world:latest -o none\n"
                   f"az acr login -n {REG} -o none").exit_code == 0
    client_ip = lab.session.host.public_ip
    page = Page(lab, "container-registry-access-selected-networks", {
        "myContainerRegistry": REG, "<public-IP-address>": client_ip})
    page.run(0, contains='"defaultAction": "Deny"')
    r = lab.run(PULL)
    assert r.exit_code == 1 and f"client with IP '{client_ip}' is not allowed access" in r.output
    page.run(1, contains=f'"ipAddressOrRange": "{client_ip}"')
    assert lab.run(PULL).exit_code == 0
    page.run(2, contains='"publicNetworkAccess": "Disabled"')
    assert lab.run(PULL).exit_code == 1  # no public access at all: the IP rule no longer lets it in
    page.run(3, contains='"publicNetworkAccess": "Enabled"')
    assert lab.run(PULL).exit_code == 0
    page.finish()
