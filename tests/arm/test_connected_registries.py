"""Connected registries are requests (engine/arm/providers/connected_registries.py): the resource manager owns the
rules, a refused request leaves the tenant exactly as it was, and RBAC decides in the resource manager. Rules'
sources: MicrosoftDocs/azure-management-docs articles/container-registry/intro-connected-registry.md (Premium, the
regional data endpoint, modes, 50 per registry, 50 clients, messageTtl and sync window bounds) and
container-registry-skus.md (delete connected registries before leaving Premium); the body and answer shapes are
Azure/azure-cli's recordings/test_acr_connectedregistry.yaml."""

from __future__ import annotations

import pytest

from acrlab.engine.arm import send

from .state import tenant_state

SETUP = """az group create -n rg -l eastus -o none
az acr create -n crprem1 -g rg --sku Premium -o none
az acr update -n crprem1 --data-endpoint-enabled -o none
az acr create -n crstd1 -g rg --sku Standard -o none
az acr create -n crnode1 -g rg --sku Premium -o none
az acr token create -r crprem1 -n synctok --repository hello-world content/read metadata/read --no-passwords -o none
az acr connected-registry create -r crprem1 -n rootro -m ReadOnly --repository hello-world -o none"""


@pytest.fixture
def crlab(lab):
    r = lab.run(SETUP)
    assert r.exit_code == 0, r.output
    return lab


def _id(lab, registry: str, name: str = "") -> str:
    reg = lab.cloud.find_registry(registry)
    return f"{reg.id}/connectedRegistries/{name}" if name else reg.id


def _body(lab, mode="ReadWrite", token="synctok", **sync):
    return {"properties": {"mode": mode, "parent": {"syncProperties": {
        "tokenId": f"{_id(lab, 'crprem1')}/tokens/{token}", **sync}}}}


REFUSED = [
    ("crstd1", "edge1", {}, "(SkuNotSupported) The SKU Standard is not supported."),
    ("crnode1", "edge1", {}, "dedicated data endpoint of registry 'crnode1' must be enabled"),
    ("crprem1", "e1", {}, "Connected registry name 'e1' is invalid."),
    ("crprem1", "1edge", {}, "Connected registry name '1edge' is invalid."),
    ("crprem1", "edge1", {"mode": "Mirror"}, "The mode 'Mirror' is not valid."),
    ("crprem1", "edge1", {"token": "nosuch"}, "The token 'nosuch' was not found in registry 'crprem1'."),
    ("crprem1", "edge1", {"schedule": "every day"}, "The sync schedule 'every day' is not a valid cron"),
    ("crprem1", "edge1", {"messageTtl": "PT1H"}, "The messageTtl 'PT1H' is not valid."),
    ("crprem1", "edge1", {"messageTtl": "P91D"}, "between 1 day and 90 days"),
    ("crprem1", "edge1", {"schedule": "0 12 * * *"}, "A sync window is required"),
    ("crprem1", "edge1", {"schedule": "0 12 * * *", "syncWindow": "PT30M"}, "between 1 hour and 7 days"),
    ("crprem1", "edge1", {"schedule": "0 12 * * *", "syncWindow": "P8D"}, "between 1 hour and 7 days"),
]


@pytest.mark.parametrize(("registry", "name", "change", "text"), REFUSED)
def test_refused_puts_change_nothing(crlab, registry, name, change, text):
    change = dict(change)
    body = _body(crlab, mode=change.pop("mode", "ReadWrite"), token=change.pop("token", "synctok"), **change)
    before = tenant_state(crlab)
    with pytest.raises(Exception) as e:
        send(crlab.cloud, crlab.cloud.learner, "PUT", _id(crlab, registry, name), body)
    assert text in f"({e.value.code}) {e.value.message}"
    assert tenant_state(crlab) == before


def test_a_read_only_parent_has_read_only_children(crlab):
    body = _body(crlab)
    body["properties"]["parent"]["id"] = _id(crlab, "crprem1", "rootro")
    before = tenant_state(crlab)
    with pytest.raises(Exception, match="because its parent 'rootro' is in ReadOnly mode"):
        send(crlab.cloud, crlab.cloud.learner, "PUT", _id(crlab, "crprem1", "child1"), body)
    assert tenant_state(crlab) == before
    body["properties"]["mode"] = "readonly"  # any spelling; the service answers ReadOnly
    made = send(crlab.cloud, crlab.cloud.learner, "PUT", _id(crlab, "crprem1", "child1"), body)
    assert made.status == 201 and made.body["properties"]["mode"] == "ReadOnly"
    assert made.body["properties"]["parent"]["syncProperties"].get("gatewayEndpoint") is None  # its parent's, later
    with pytest.raises(Exception, match="has child connected registries \\(child1\\)"):
        send(crlab.cloud, crlab.cloud.learner, "DELETE", _id(crlab, "crprem1", "rootro"))


def test_answer_shape_and_continuous_schedule(crlab):
    got = send(crlab.cloud, crlab.cloud.learner, "GET", _id(crlab, "crprem1", "rootro")).body
    props = got["properties"]
    assert got["type"] == "Microsoft.ContainerRegistry/registries/connectedRegistries"
    assert (props["connectionState"], props["activation"], props["provisioningState"]) == (
        "Offline", {"status": "Inactive"}, "Succeeded")
    sync = props["parent"]["syncProperties"]
    assert sync == {"tokenId": f"{_id(crlab, 'crprem1')}/tokens/rootro", "schedule": "* * * * *",
                    "messageTtl": "P2D", "gatewayEndpoint": "crprem1.eastus.data.azurecr.io"}
    patched = send(crlab.cloud, crlab.cloud.learner, "PATCH", _id(crlab, "crprem1", "rootro"), {"properties": {
        "syncProperties": {"schedule": "0 12 * * *", "syncWindow": "PT4H"}, "logging": {"logLevel": "debug"}}})
    assert patched.body["properties"]["parent"]["syncProperties"]["syncWindow"] == "PT4H"
    assert patched.body["properties"]["logging"]["logLevel"] == "Debug"
    again = send(crlab.cloud, crlab.cloud.learner, "PATCH", _id(crlab, "crprem1", "rootro"),
                 {"properties": {"syncProperties": {"schedule": "* * * * *"}}})
    assert "syncWindow" not in again.body["properties"]["parent"]["syncProperties"]


def test_sync_scope_map_carries_gateway_actions(crlab):
    actions = crlab.run("az acr scope-map show -r crprem1 -n rootro --query actions").json()
    assert sorted(actions) == ["gateway/rootro/config/read", "gateway/rootro/config/write",
                               "gateway/rootro/message/read", "gateway/rootro/message/write",
                               "repositories/hello-world/content/read", "repositories/hello-world/metadata/read"]
    r = crlab.run("az acr scope-map create -r crprem1 -n badgw --gateway rootro content/read")
    assert r.exit_code == 1 and "Valid actions are {'config/read', 'config/write', 'message/read'," in r.stderr
    before = tenant_state(crlab)
    with pytest.raises(Exception, match="The scope map action 'gateway/rootro/pull' is invalid"):
        send(crlab.cloud, crlab.cloud.learner, "PUT", f"{_id(crlab, 'crprem1')}/scopeMaps/bad",
             {"properties": {"actions": ["gateway/rootro/pull"]}})
    assert tenant_state(crlab) == before


def test_premium_with_connected_registries_cannot_downgrade(crlab):
    before = tenant_state(crlab)
    r = crlab.run("az acr update -n crprem1 --sku Standard")
    assert r.exit_code == 1 and "Please delete all connected registries before downgrading" in r.stderr
    assert tenant_state(crlab) == before
    assert crlab.run("az acr connected-registry delete -r crprem1 -n rootro --cleanup -y").exit_code == 0
    assert crlab.run("az acr update -n crprem1 --sku Standard -o none").exit_code == 0


def test_deactivate_and_rbac(crlab):
    r = crlab.run("az acr connected-registry deactivate -r crprem1 -n rootro")
    assert r.exit_code == 1 and "Use --yes" in r.stderr  # az asks first
    r = crlab.run("az acr connected-registry deactivate -r crprem1 -n rootro -y")
    assert r.exit_code == 0 and r.stdout == ""
    assert crlab.run("az acr connected-registry show -r crprem1 -n rootro --query activation.status -o tsv"
                     ).stdout.strip() == "Inactive"
    crlab.run("az ad user create --display-name Reader --user-principal-name reader@contoso.onmicrosoft.com "
              "--password Passw0rd!123 -o none")
    reader = crlab.cloud.tenant.find_principal("reader@contoso.onmicrosoft.com")
    crlab.cloud.assign_role(reader, "Reader", _id(crlab, "crprem1"))
    assert send(crlab.cloud, reader, "GET", _id(crlab, "crprem1", "rootro")).status == 200
    before = tenant_state(crlab)
    with pytest.raises(Exception, match="connectedRegistries/deactivate/action"):
        send(crlab.cloud, reader, "POST", _id(crlab, "crprem1", "rootro"), action="deactivate")
    with pytest.raises(Exception, match="connectedRegistries/delete"):
        send(crlab.cloud, reader, "DELETE", _id(crlab, "crprem1", "rootro"))
    assert tenant_state(crlab) == before


def test_az_client_checks(crlab):
    r = crlab.run("az acr connected-registry create -r crprem1 -n edge -m ReadOnly --repository hello-world")
    assert r.exit_code == 1 and "Connected registry name must be at least 5 characters long." in r.stderr
    r = crlab.run("az acr connected-registry create -r crprem1 -n edge1 --repository a --sync-token synctok")
    assert r.exit_code == 1 and "either --sync-token or --repository must be provided, but not both." in r.stderr
    r = crlab.run("az acr connected-registry create -r crprem1 -n edge1 -p nosuch --repository a")
    assert r.exit_code == 1 and "The parent connected registry 'nosuch' could not be found." in r.stderr
    r = crlab.run("az acr connected-registry create -r crnode1 -n edge1 --repository a")
    assert r.exit_code == 1 and "Use --yes" in r.stderr  # az asks to enable the data endpoint; no tty here
    assert crlab.run("az acr show -n crnode1 --query dataEndpointEnabled").json() is False
    r = crlab.run("az acr connected-registry create -r crnode1 -n edge1 --repository a -y")
    assert r.exit_code == 0 and crlab.run("az acr show -n crnode1 --query dataEndpointEnabled").json() is True
    assert r.json()["mode"] == "ReadOnly"  # today's default


BICEP = """resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {{
  name: '{registry}'
}}
resource cr 'Microsoft.ContainerRegistry/registries/connectedRegistries@2025-05-01-preview' = {{
  parent: acr
  name: 'edgereg1'
  properties: {{
    mode: '{mode}'
    parent: {{ syncProperties: {{ tokenId: '${{acr.id}}/tokens/synctok', messageTtl: 'P2D' }} }}
  }}
}}
"""


def test_templates_send_the_same_request(crlab):
    crlab.write_file("bad.bicep", BICEP.format(registry="crstd1", mode="ReadOnly"))
    before = tenant_state(crlab)
    r = crlab.run("az deployment group create -g rg -f bad.bicep -o none")
    assert r.exit_code == 1 and "The SKU Standard is not supported." in r.output
    assert "edgereg1" not in tenant_state(crlab) and "edgereg1" not in before
    crlab.write_file("main.bicep", BICEP.format(registry="crprem1", mode="readonly"))
    assert crlab.run("az deployment group create -g rg -f main.bicep -o none").exit_code == 0
    got = crlab.run("az acr connected-registry show -r crprem1 -n edgereg1").json()
    assert (got["mode"], got["connectionState"], got["parent"]["syncProperties"]["messageTtl"]) == (
        "ReadOnly", "Offline", "2 days, 0:00:00")


def test_az_list_filters_and_update_checks(crlab):
    assert crlab.run("az acr connected-registry create -r crprem1 -n childro -p rootro --repository hello-world -o none"
                     ).exit_code == 0
    names = "[].name"
    assert crlab.run(f"az acr connected-registry list -r crprem1 --query {names}").json() == ["rootro", "childro"]
    assert crlab.run(f"az acr connected-registry list -r crprem1 --no-children --query {names}").json() == ["rootro"]
    assert crlab.run(f"az acr connected-registry list -r crprem1 -p rootro --query {names}").json() == ["childro"]
    r = crlab.run("az acr connected-registry list -r crprem1 -p nosuch")
    assert r.exit_code == 1 and "Parent connected registry 'nosuch' doesn't exist." in r.stderr
    r = crlab.run("az acr connected-registry update -r crprem1 -n rootro --add-client-tokens synctok "
                  "--remove-client-tokens synctok")
    assert r.exit_code == 1 and "Duplicate client token ids were provided" in r.stderr and "['synctok']" in r.stderr
    r = crlab.run("az acr connected-registry permissions update -r crprem1 -n rootro")
    assert r.exit_code == 1 and "No repository permissions to update." in r.stderr
    r = crlab.run("az acr connected-registry get-settings -r crprem1 -n rootro --parent-protocol http")
    assert r.exit_code == 0 and "Parent endpoint protocol must be 'https' when parent is a cloud registry." in r.stderr
    assert r.json()["ACR_REGISTRY_CONNECTION_STRING"] == (
        "ConnectedRegistryName=rootro;SyncTokenName=rootro;SyncTokenPassword=<use --generate-password to generate a "
        "new password>;ParentGatewayEndpoint=crprem1.eastus.data.azurecr.io;ParentEndpointProtocol=https")
