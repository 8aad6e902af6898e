"""Template types for the ACR docs beyond registries: a private-endpoint subnet, a custom role (the custom-roles
article's webhook contributor), a Key Vault secret (credential sets), and approving a registry's private endpoint
connection from a template."""

from __future__ import annotations

import json
import pathlib

MORE = (pathlib.Path(__file__).parent / "more_types.bicep").read_text()


def _deploy(lab, text: str, name: str = "m.bicep", params: str = ""):
    lab.write_file(name, text)
    return lab.run(f"az deployment group create -g rg -f {name} {params} -o json")


def test_subnet_role_and_secret_deploy_and_redeploy_unchanged(lab):
    lab.run("az group create -n rg -l eastus -o none")
    r = _deploy(lab, MORE)
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)["properties"]["outputs"]
    assert out["prefix"]["value"] == "10.1.2.0/24"
    assert out["secretUri"]["value"] == "https://kvlabmore01.vault.azure.net/secrets/dockerhub-user"
    roles = json.loads(lab.run("az role definition list --custom-role-only -o json").stdout)
    assert [(x["roleName"], x["permissions"][0]["actions"][0]) for x in roles] == [
        ("Container Registry Webhook Contributor", "Microsoft.ContainerRegistry/registries/webhooks/read")]
    r = lab.run("az deployment group what-if -g rg -f m.bicep")
    assert "Resource changes: 5 no change." in r.stdout, r.output


def test_a_subnet_outside_the_vnet_fails_with_azures_code(lab):
    lab.run("az group create -n rg -l eastus -o none")
    r = _deploy(lab, MORE.replace("10.1.2.0/24", "10.9.2.0/24"))
    assert r.exit_code == 1 and "NetcfgSubnetRangeOutsideVnet" in r.stderr


def test_custom_role_without_actions_is_refused(lab):
    lab.run("az group create -n rg -l eastus -o none")
    text = MORE.replace("""          'Microsoft.ContainerRegistry/registries/webhooks/read'
          'Microsoft.ContainerRegistry/registries/webhooks/write'
          'Microsoft.ContainerRegistry/registries/webhooks/delete'
""", "")
    r = _deploy(lab, text)
    assert r.exit_code == 1 and "at least one action" in r.stderr, r.output


APPROVE = """param registryName string
param connectionName string
param status string = 'Approved'

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource connection 'Microsoft.ContainerRegistry/registries/privateEndpointConnections@2023-07-01' = {
  parent: acr
  name: connectionName
  properties: {
    privateLinkServiceConnectionState: {
      status: status
      description: 'Approved by the platform team'
    }
  }
}
"""


def test_a_manual_private_endpoint_connection_is_approved_from_a_template(lab):
    for c in ("az group create -n rg -l eastus -o none",
              "az acr create -n acrpec01 -g rg --sku Premium -o none",
              "az network vnet create -g rg -n vnet1 --address-prefix 10.1.0.0/16 --subnet-name pe "
              "--subnet-prefix 10.1.2.0/24 -o none",
              "az network private-endpoint create -g rg -n pe-acr --vnet-name vnet1 --subnet pe "
              "--private-connection-resource-id $(az acr show -n acrpec01 --query id -o tsv) --group-id registry "
              "--connection-name conn1 --manual-request -o none"):
        assert lab.run(c).exit_code == 0, c
    name = lab.run("az acr private-endpoint-connection list -r acrpec01 --query [0].name -o tsv").stdout.strip()
    status = "az acr private-endpoint-connection list -r acrpec01 --query [0].privateLinkServiceConnectionState.status"
    assert lab.run(status + " -o tsv").stdout == "Pending\n"
    r = _deploy(lab, APPROVE, "approve.bicep", f"-p registryName=acrpec01 connectionName={name}")
    assert r.exit_code == 0, r.output
    assert lab.run(status + " -o tsv").stdout == "Approved\n"
    r = _deploy(lab, APPROVE, "approve.bicep", "-p registryName=acrpec01 connectionName=nope")
    assert r.exit_code == 1 and "was not found" in r.stderr  # connections come from endpoints, never from a PUT
