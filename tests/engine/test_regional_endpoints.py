"""Regional endpoints (preview): one login server per geo-replica, `<login server label>.<region>.geo.azurecr.io`,
reaching the same registry as the global login server through the same data-plane rules (authentication, network
rules, tokens), with blob downloads pinned to that geo-replica.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-geo-replication.md
("Regional endpoints of a geo-replicated registry (Preview)": Premium only, one URL per geo-replica, the home one
included; docker keeps a login per host name; layer downloads redirect to that region's storage or dedicated data
endpoint), container-registry-endpoint-reference.md (`az acr show-endpoints` output); Azure/azure-cli
src/azure-cli/azure/cli/command_modules/acr/tests/latest/recordings/test_acr_create_with_regional_endpoints_enabled.yaml
(`regionalEndpoints`, `regionalEndpointHostNames`, api-version 2026-03-01-preview) and test_regional_endpoint_utils.py
(the host keeps the login server's first label, a domain name label's hash included)."""

from __future__ import annotations

import pytest

from acrlab.engine import regional_endpoints
from acrlab.engine.arm import send
from acrlab.engine.errors import AzureError

REG = "georegional1"
EAST = f"{REG}.eastus.geo.azurecr.io"
SETUP = f"""az group create -n rg -l westus -o none
az acr create -n {REG} -g rg --sku Premium --regional-endpoints enabled -o none
az acr replication create -r {REG} -l eastus -o none
docker pull -q mcr.microsoft.com/hello-world:latest
docker tag mcr.microsoft.com/hello-world:latest {EAST}/hello:v1"""


@pytest.fixture
def geo(lab):
    r = lab.run(SETUP)
    assert r.exit_code == 0, r.output
    return lab


def test_one_host_per_geo_replica_resolving_to_the_same_registry(geo):
    cloud = geo.cloud
    reg = cloud.find_registry(REG)
    assert reg.regional_endpoint_host_names() == [EAST, f"{REG}.westus.geo.azurecr.io"]
    assert cloud.registry_by_login_server(EAST.upper()) is reg
    assert cloud.registry_by_login_server(f"{REG}.northeurope.geo.azurecr.io") is None  # no geo-replica there
    assert regional_endpoints.split_host(f"{REG}..geo.azurecr.io") is None
    assert geo.run(f"az acr replication delete -r {REG} -n eastus").exit_code == 0
    assert cloud.registry_by_login_server(EAST) is None
    assert geo.run(f"az acr update -n {REG} --regional-endpoints disabled -o none").exit_code == 0
    assert cloud.registry_by_login_server(f"{REG}.westus.geo.azurecr.io") is None
    assert reg.to_json()["regionalEndpointHostNames"] == []


def test_domain_name_label_registry_keeps_its_hash(lab):
    assert lab.run("az group create -n rg -l westus -o none\naz acr create -n dnlregional1 -g rg --sku Premium "
                   "--dnl-scope TenantReuse --regional-endpoints enabled -o none").exit_code == 0
    reg = lab.cloud.find_registry("dnlregional1")
    label = reg.login_server.split(".")[0]
    assert label.startswith("dnlregional1-")
    assert reg.regional_endpoint_host_names() == [f"{label}.westus.geo.azurecr.io"]
    assert lab.cloud.registry_by_login_server(f"{label}.westus.geo.azurecr.io") is reg


def test_premium_only_in_the_engine_and_in_az(lab):
    assert lab.run("az group create -n rg -l westus -o none\n"
                   "az acr create -n stdregional1 -g rg --sku Standard -o none").exit_code == 0
    reg = lab.cloud.find_registry("stdregional1")
    with pytest.raises(AzureError) as e:  # what a template or any client sending the property meets
        send(lab.cloud, lab.cloud.learner, "PATCH", reg.id, {"properties": {"regionalEndpoints": "enabled"}})
    assert "The SKU Standard is not supported." in str(e.value)
    assert reg.regional_endpoints == "Disabled"  # a failed request changes nothing
    r = lab.run("az acr update -n stdregional1 --regional-endpoints enabled")
    assert r.exit_code == 1
    assert r.stderr.strip() == "ERROR: Regional endpoints are only supported for managed registries in Premium SKU."
    r = lab.run("az acr create -n stdregional2 -g rg --sku Basic --regional-endpoints Enabled")
    assert r.exit_code == 1 and "Premium SKU" in r.stderr and lab.cloud.find_registry("stdregional2") is None


def test_moving_off_premium_ends_regional_endpoints(geo):
    assert geo.run(f"az acr replication delete -r {REG} -n eastus").exit_code == 0
    r = geo.run(f"az acr update -n {REG} --sku Standard --query '[regionalEndpoints, regionalEndpointHostNames]' -o json")
    assert r.exit_code == 0, r.stderr
    assert r.json() == ["Disabled", []]


def test_docker_needs_a_login_per_host_then_reaches_the_same_content(geo):
    assert geo.run(f"az acr login -n {REG}").exit_code == 0
    r = geo.run(f"docker push {EAST}/hello:v1")
    assert r.exit_code == 1 and "unauthorized: authentication required" in r.stderr
    r = geo.run(f"az acr login -n {REG} --endpoint EastUS")
    assert r.exit_code == 0 and r.stdout.strip() == "Login Succeeded"
    assert geo.run(f"docker push {EAST}/hello:v1").exit_code == 0
    assert geo.run(f"az acr repository show-tags -n {REG} --repository hello -o tsv").stdout.split() == ["v1"]
    assert geo.run(f"docker pull {REG}.azurecr.io/hello:v1").exit_code == 0  # the global login server's login


def test_acr_login_endpoint_errors(geo):
    r = geo.run(f"az acr login -n {REG} --endpoint northeurope")
    assert r.exit_code == 1
    assert f"Regional endpoint for region 'northeurope' was not found for registry '{REG}'" in r.stderr
    assert geo.run(f"az acr update -n {REG} --regional-endpoints disabled -o none").exit_code == 0
    r = geo.run(f"az acr login -n {REG} --endpoint eastus")
    assert r.exit_code == 1 and f"Regional endpoints are not enabled for registry '{REG}'" in r.stderr
    r = geo.run(f"docker pull {EAST}/hello:v1")
    assert r.exit_code == 1 and "no such host" in r.stderr


def test_network_rules_and_tokens_apply_as_on_the_global_login_server(geo):
    assert geo.run(f"az acr login -n {REG} --endpoint eastus\ndocker push {EAST}/hello:v1").exit_code == 0
    r = geo.run(f"az acr token create -n puller -r {REG} --repository hello content/read "
                "--query 'credentials.passwords[0].value' -o tsv")
    assert r.exit_code == 0, r.stderr
    password = r.stdout.strip()
    r = geo.run(f"docker logout {EAST}\ndocker login {EAST} -u puller -p {password}\ndocker pull {EAST}/hello:v1")
    assert r.exit_code == 0, r.stderr
    r = geo.run(f"docker push {EAST}/hello:v1")
    assert r.exit_code == 1  # the token's scope map allows reading only, on every host of the registry
    assert geo.run(f"az acr update -n {REG} --default-action Deny -o none").exit_code == 0
    r = geo.run(f"docker pull {EAST}/hello:v1")
    assert r.exit_code == 1 and "denied" in r.stderr.lower()
    r = geo.run(f"az acr login -n {REG} --endpoint eastus")
    assert r.exit_code == 1 and f"Looks like you don't have access to registry '{EAST}'" in r.stderr


def test_http_api_and_blob_redirect_pinned_to_the_regional_geo_replica(geo):
    assert geo.run(f"az acr update -n {REG} --data-endpoint-enabled true -o none\n"
                   f"az acr login -n {REG} --endpoint eastus\ndocker push {EAST}/hello:v1").exit_code == 0
    creds = geo.run(f"az acr update -n {REG} --admin-enabled true -o none\n"
                    f"az acr credential show -n {REG} --query '[username, passwords[0].value]' -o tsv").stdout.split()
    for host, region in ((EAST, "eastus"), (f"{REG}.westus.geo.azurecr.io", "westus")):
        r = geo.run(f"curl -s -u {creds[0]}:{creds[1]} -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' "
                    f"https://{host}/v2/hello/manifests/v1 | jq -r '.layers[0].digest'")
        digest = r.stdout.strip()
        assert digest.startswith("sha256:"), r.output
        r = geo.run(f"curl -si -u {creds[0]}:{creds[1]} https://{host}/v2/hello/blobs/{digest}")
        assert r.stdout.startswith("HTTP/1.1 307"), r.stdout[:200]
        assert f"Location: https://{REG}.{region}.data.azurecr.io/" in r.stdout


def test_token_service_answers_for_the_regional_host(geo):
    creds = geo.run(f"az acr update -n {REG} --admin-enabled true -o none\n"
                    f"az acr credential show -n {REG} --query '[username, passwords[0].value]' -o tsv").stdout.split()
    form = f"grant_type=password&username={creds[0]}&password={creds[1]}&scope=repository:hello:pull"
    for service, ok in ((EAST, True), (f"{REG}.azurecr.io", True), (f"{REG}.northeurope.geo.azurecr.io", False)):
        r = geo.run(f"curl -s -X POST -d '{form}&service={service}' https://{EAST}/oauth2/token")
        assert ('"access_token"' in r.stdout) is ok, r.stdout


def test_nslookup_and_show_endpoints(geo):
    r = geo.run(f"nslookup {EAST}")
    assert r.exit_code == 0 and f"{REG}-eastus.cloudapp.azure.com" in r.stdout
    r = geo.run(f"az acr show-endpoints -n {REG}")
    assert r.json()["regionalEndpoints"] == [{"endpoint": EAST, "region": "eastus"},
                                             {"endpoint": f"{REG}.westus.geo.azurecr.io", "region": "westus"}]


def test_arm_template_sets_the_property(lab):
    template = """{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
 "contentVersion": "1.0.0.0", "resources": [{"type": "Microsoft.ContainerRegistry/registries",
 "apiVersion": "2026-03-01-preview", "name": "tplregional1", "location": "westus", "sku": {"name": "Premium"},
 "properties": {"regionalEndpoints": "Enabled"}}]}"""
    lab.write_file("acr.json", template)
    r = lab.run("az group create -n rg -l westus -o none\naz deployment group create -g rg -f acr.json -o none\n"
                "az acr show -n tplregional1 --query regionalEndpointHostNames -o tsv")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == ["tplregional1.westus.geo.azurecr.io"]
