"""Two 2026 previews of registries, owned by the engine: the endpoint protocol (IPv4 | IPv4AndIPv6) and writable
cache repositories. Every front end sends the same request and meets the same rules.

Sources: azure-cli recordings test_acr_with_dual_stack_endpoints.yaml, test_acr_create_with_dual_stack_endpoints.yaml,
test_acr_create_with_writable_cache_repos_*.yaml (Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/tests/
latest/recordings/: the fields, defaults and the 400 text); MicrosoftDocs/azure-management-docs
articles/container-registry/container-registry-ipv6-dual-stack.md (Premium, dataEndpointEnabled, private endpoints stay
IPv4, no ACR Tasks); MicrosoftDocs/azure-docs-cli acr.yml (--endpoint-protocol, --writable-cache-repos); Azure/acr
issue 845 (a cache rule blocks pushes to its target repository)."""

from __future__ import annotations

import json

import pytest

from .state import tenant_state

API = "api-version=2026-09-01-preview"
DUAL = "IPv4AndIPv6"


def _rid(lab, name: str) -> str:
    return (f"/subscriptions/{lab.cloud.subscription.subscription_id}/resourceGroups/rg/providers/"
            f"Microsoft.ContainerRegistry/registries/{name}")


def _put(lab, name: str, props: dict, sku: str = "Premium"):
    lab.write_file("body.json", json.dumps({"location": "eastus", "sku": {"name": sku}, "properties": props}))
    return lab.run(f"az rest --method put --url 'https://management.azure.com{_rid(lab, name)}?{API}' "
                   "--body @body.json")


@pytest.fixture
def premium(lab):
    assert lab.run("az group create -n rg -l eastus -o none\n"
                   "az acr create -n previewreg01 -g rg --sku Premium -o none").exit_code == 0
    return lab


def test_defaults_and_put_over_an_existing_registry_resets_them(premium):
    lab = premium
    shown = lab.run("az acr show -n previewreg01").json()
    assert (shown["endpointProtocol"], shown["writableCacheRepos"]) == ("IPv4", "Disabled")
    r = _put(lab, "previewreg01", {"dataEndpointEnabled": True, "endpointProtocol": "ipv4andipv6",
                                   "writableCacheRepos": "enabled"})
    props = r.json()["properties"]
    assert (props["endpointProtocol"], props["writableCacheRepos"]) == (DUAL, "Enabled")  # the service's spelling
    r = _put(lab, "previewreg01", {"dataEndpointEnabled": True})  # left out of a PUT: back to the defaults
    assert (r.json()["properties"]["endpointProtocol"], r.json()["properties"]["writableCacheRepos"]) == \
        ("IPv4", "Disabled")


@pytest.mark.parametrize("command, text", [
    ("az acr update -n previewreg01 --endpoint-protocol IPv4AndIPv6",
     "(BadRequest) The requested feature dual stack endpoints is not supported without data endpoint enabled."),
    ("az acr update -n previewreg01 --data-endpoint-enabled false",  # dual stack on: data endpoints must stay
     "(BadRequest) The requested feature dual stack endpoints is not supported without data endpoint enabled."),
    ("az acr create -n previewreg02 -g rg --sku Standard --endpoint-protocol IPv4AndIPv6",
     "(SkuNotSupported) The SKU Standard is not supported."),
    ("az acr create -n previewreg02 -g rg --sku Premium --endpoint-protocol IPv6",
     "'IPv6' is not a valid value for '--endpoint-protocol'. Allowed values: IPv4, IPv4AndIPv6."),
    ("az acr update -n previewreg01 --writable-cache-repos on", "Allowed values: Disabled, Enabled."),
])
def test_refused_requests_change_nothing(premium, command, text):
    lab = premium
    if "data-endpoint-enabled false" in command:
        assert lab.run("az acr update -n previewreg01 --data-endpoint-enabled true --endpoint-protocol IPv4AndIPv6 "
                       "-o none").exit_code == 0
    before = tenant_state(lab)
    r = lab.run(command)
    assert r.exit_code in (1, 2) and text in r.stderr
    assert tenant_state(lab) == before


def test_templates_and_arm_bodies_reach_the_same_rules(premium):
    lab = premium
    r = _put(lab, "previewreg03", {"endpointProtocol": DUAL})
    assert r.exit_code == 1 and "dual stack endpoints is not supported without data endpoint enabled" in r.stderr
    assert lab.cloud.find_registry("previewreg03") is None
    r = _put(lab, "previewreg03", {"endpointProtocol": "IPv6"})
    assert r.exit_code == 1 and "InvalidRequestContent" in r.stderr
    lab.write_file("reg.bicep", "resource r 'Microsoft.ContainerRegistry/registries@2026-09-01-preview' = {\n"
                                "  name: 'previewreg04'\n  location: 'eastus'\n  sku: { name: 'Premium' }\n"
                                "  properties: { dataEndpointEnabled: true, endpointProtocol: 'IPv4AndIPv6', "
                                "writableCacheRepos: 'Enabled' }\n}\n")
    assert lab.run("az deployment group create -g rg -f reg.bicep -o none").exit_code == 0
    reg = lab.cloud.find_registry("previewreg04")
    assert (reg.endpoint_protocol, reg.writable_cache_repos) == (DUAL, "Enabled")
    # moving off Premium ends dedicated data endpoints, and with them dual stack
    shown = lab.run("az acr update -n previewreg04 --sku Standard").json()
    assert (shown["dataEndpointEnabled"], shown["endpointProtocol"]) == (False, "IPv4")


def test_acr_tasks_do_not_run_on_a_dual_stack_registry(premium):
    lab = premium
    lab.write_file("Dockerfile", "FROM alpine\n")
    assert lab.run("az acr task create -n hello -r previewreg01 -c /dev/null --cmd mcr.microsoft.com/hello-world "
                   "-o none").exit_code == 0
    assert lab.run("az acr update -n previewreg01 --data-endpoint-enabled true --endpoint-protocol IPv4AndIPv6 "
                   "-o none").exit_code == 0
    runs = len(lab.cloud.find_registry("previewreg01").runs)
    for command in ("az acr build -r previewreg01 -t app:v1 --no-logs .",
                    "az acr run -r previewreg01 --cmd mcr.microsoft.com/hello-world /dev/null",
                    "az acr task run -n hello -r previewreg01 --no-logs"):
        r = lab.run(command)
        assert r.exit_code == 1 and "(BadRequest) ACR Tasks is not supported on the registry 'previewreg01'" in r.stderr
    assert len(lab.cloud.find_registry("previewreg01").runs) == runs
    assert lab.run("az acr update -n previewreg01 --endpoint-protocol IPv4 -o none").exit_code == 0
    assert lab.run("az acr build -r previewreg01 -t app:v1 --no-logs .").exit_code == 0


def test_dns_answers_ipv6_for_public_endpoints_only(lab):
    """Private endpoints stay IPv4: inside a VNet linked to privatelink.azurecr.io the AAAA query finds no address,
    while public DNS answers the dual-stack registry's IPv6 address."""
    from tests.shell.test_dns_lookup import ENDPOINT, SETUP

    assert lab.run(SETUP.replace("--sku Premium", "--sku Premium --data-endpoint-enabled true "
                                 "--endpoint-protocol IPv4AndIPv6")).exit_code == 0
    assert lab.run(ENDPOINT).exit_code == 0
    assert lab.run("az network private-endpoint dns-zone-group create -g rg --endpoint-name pe -n default "
                   "--private-dns-zone privatelink.azurecr.io --zone-name registry -o none").exit_code == 0
    public = lab.run("dig AAAA +short dnsreg01.azurecr.io").stdout.split()
    assert public[-1].startswith("2603:")
    inside = lab.run("ssh vm1 nslookup dnsreg01.azurecr.io").stdout
    assert "Address: 10.0.0." in inside and "2603:" not in inside
    assert "2603:" not in lab.run("ssh vm1 dig AAAA +short dnsreg01.westeurope.data.azurecr.io").stdout
    r = lab.run("dig -t MX dnsreg01.azurecr.io")
    assert r.exit_code == 1 and "A and AAAA queries only" in r.stderr
    # curl -6 resolves AAAA only: from the workstation it reaches the registry, inside the VNet it cannot
    assert lab.run("curl -6 -s -o /dev/null -w '%{http_code}' https://dnsreg01.azurecr.io/v2/").stdout == "401"
    r = lab.run("ssh vm1 curl -6 -sS https://dnsreg01.azurecr.io/v2/")
    assert r.exit_code == 6 and "curl: (6) Could not resolve host: dnsreg01.azurecr.io" in r.stderr


def test_curl_ipv6_reaches_a_registry_only_when_it_is_dual_stack(premium):
    lab = premium
    url = "https://previewreg01.azurecr.io/v2/"
    r = lab.run(f"curl -6 -sS {url}")
    assert r.exit_code == 6 and r.stderr == "curl: (6) Could not resolve host: previewreg01.azurecr.io\n"
    assert lab.run(f"curl -4 -s -o /dev/null -w '%{{http_code}}' {url}").stdout == "401"
    assert lab.run("az acr update -n previewreg01 --data-endpoint-enabled true --endpoint-protocol IPv4AndIPv6 "
                   "-o none").exit_code == 0
    assert lab.run(f"curl --ipv6 -s -o /dev/null -w '%{{http_code}}' {url}").stdout == "401"


CACHE = """az group create -n rg -l eastus -o none
az acr create -n cachereg01 -g rg --sku Standard -o none
az acr cache create -r cachereg01 -n hw -s mcr.microsoft.com/hello-world -t hello-world -o none
az acr cache create -r cachereg01 -n k8s -s registry.k8s.io/* -t k8s/* -o none
az acr login -n cachereg01 -o none
docker pull alpine -q
docker tag alpine cachereg01.azurecr.io/hello-world:mine
docker tag alpine cachereg01.azurecr.io/k8s/pause:mine
docker tag alpine cachereg01.azurecr.io/own/alpine:v1"""


def test_cache_repositories_are_read_only_until_writable_cache_repos_is_enabled(lab):
    assert lab.run(CACHE).exit_code == 0
    assert lab.run("docker push cachereg01.azurecr.io/own/alpine:v1").exit_code == 0  # no rule: an ordinary push
    assert lab.run("docker pull cachereg01.azurecr.io/hello-world:latest").exit_code == 0  # the pull-through
    for repo in ("hello-world", "k8s/pause"):  # a static rule and a wildcard rule
        r = lab.run(f"docker push cachereg01.azurecr.io/{repo}:mine")
        assert r.exit_code == 1 and f"denied: repository '{repo}' is backed by cache rule" in r.output
    r = lab.run("az acr import -n cachereg01 --source docker.io/library/alpine:latest -t hello-world:imported")
    assert r.exit_code == 1 and "(Forbidden)" in r.stderr and "cache rule 'hw'" in r.stderr
    r = lab.run("Import-AzContainerRegistryImage -RegistryName cachereg01 -ResourceGroupName rg "
                "-SourceImage library/alpine:latest -SourceRegistryUri docker.io -TargetTag k8s/pause:imported",
                shell="pwsh")
    assert "cache rule 'k8s'" in r.output
    assert lab.run("az acr repository show-tags -n cachereg01 --repository hello-world -o tsv").stdout.split() == \
        ["latest"]
    assert lab.run("az acr repository delete -n cachereg01 --image hello-world:latest --yes").exit_code == 0
    assert lab.run("az acr update -n cachereg01 --writable-cache-repos Enabled -o none").exit_code == 0
    for repo in ("hello-world", "k8s/pause"):
        assert lab.run(f"docker push cachereg01.azurecr.io/{repo}:mine").exit_code == 0
    assert lab.run("az acr import -n cachereg01 --source docker.io/library/alpine:latest -t hello-world:imported "
                   "-o none").exit_code == 0
    assert lab.run("docker pull cachereg01.azurecr.io/hello-world:latest").exit_code == 0  # still pulls through
    assert lab.run("az acr repository show-tags -n cachereg01 --repository hello-world -o tsv").stdout.split() == \
        ["imported", "latest", "mine"]
