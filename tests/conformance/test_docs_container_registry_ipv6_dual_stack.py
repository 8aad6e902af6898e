"""'IPv6 dual-stack endpoints in Azure Container Registry (preview)', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-ipv6-dual-stack.md: the
endpoint protocol (IPv4 by default, IPv4AndIPv6), its prerequisites (Premium, dataEndpointEnabled, enforced by the
service), reverting (data endpoints stay enabled), and what changes for clients: the public endpoints answer over
IPv6 too (AAAA records), private endpoints stay IPv4, and ACR Tasks does not run on a dual-stack registry."""

from __future__ import annotations

import ipaddress
import json

from .docs import Page


def _aaaa(lab, name: str) -> list[str]:
    return [a for a in lab.run(f"dig AAAA {name} +short").stdout.split() if not a.endswith(".")]


def test_ipv6_dual_stack(lab):
    assert lab.run("az group create -n rg -l eastus -o none\n"
                   "az acr create -n dualstack01 -g rg --sku Premium -o none").exit_code == 0
    page = Page(lab, "container-registry-ipv6-dual-stack", {"myregistry": "dualstack01"})
    assert _aaaa(lab, "dualstack01.azurecr.io") == []  # IPv4 (default): no IPv6 address
    page.run(0, contains='"endpointProtocol": "IPv4AndIPv6"')
    shown = page.run(2)
    assert shown.json() == json.loads(page.code(3))  # the page's example output, word for word
    for host in ("dualstack01.azurecr.io", "dualstack01.eastus.data.azurecr.io"):
        (address,) = _aaaa(lab, host)
        assert ipaddress.ip_address(address).version == 6
    lookup = lab.run("nslookup dualstack01.azurecr.io").stdout
    assert lookup.count("Address: ") == 2 and _aaaa(lab, "dualstack01.azurecr.io")[0] in lookup
    lab.write_file("Dockerfile", "FROM alpine\n")
    build = lab.run("az acr build -r dualstack01 -t app:v1 --no-logs .")  # Interactions: ACR Tasks not supported
    assert build.exit_code == 1 and "IPv4AndIPv6" in build.stderr
    page.run(4, contains='"endpointProtocol": "IPv4"')  # Revert to IPv4-only endpoints
    assert _aaaa(lab, "dualstack01.azurecr.io") == []
    assert lab.run("az acr show -n dualstack01 --query dataEndpointEnabled").stdout.strip() == "true"
    page.run(1, contains='"endpointProtocol": "IPv4AndIPv6"')  # data endpoints already enabled: the flag alone
    page.finish()


def test_dual_stack_needs_dedicated_data_endpoints_and_premium(lab):
    """'This requirement is enforced by the service': the page's second command on a registry without dedicated data
    endpoints is refused, with the text of azure-cli's recording test_acr_with_dual_stack_endpoints.yaml."""
    assert lab.run("az group create -n rg -l eastus -o none\n"
                   "az acr create -n dualstack02 -g rg --sku Premium -o none\n"
                   "az acr create -n dualstack03 -g rg --sku Standard -o none").exit_code == 0
    page = Page(lab, "container-registry-ipv6-dual-stack", {"myregistry": "dualstack02"})
    page.run(1, exit_code=1, contains="(BadRequest) The requested feature dual stack endpoints is not supported "
                                      "without data endpoint enabled.")
    assert lab.run("az acr show -n dualstack02 --query endpointProtocol -o tsv").stdout.strip() == "IPv4"
    standard = Page(lab, "container-registry-ipv6-dual-stack", {"myregistry": "dualstack03"})
    standard.run(0, exit_code=1, contains="Premium")  # dedicated data endpoints are a Premium feature
