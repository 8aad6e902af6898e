"""az commands the docs and azure-cli's tests use around ACR: keyvault secrets and access policies, provider
registration, account get-access-token, network nic show for a private endpoint, deployment operations,
az --version / az version, acr private-link-resource list, acr config authentication-as-arm."""

from __future__ import annotations

import json


def test_keyvault_access_policy_vault_and_secret_ids(lab, cli):
    cli("az group create -n rg -l eastus -o none\n"
        "az keyvault create -n kvpolicy1 -g rg --enable-rbac-authorization false -o none")
    cli("az keyvault secret set --vault-name kvpolicy1 -n pw --value s3cret",
        checks={"name": "pw", "value": "s3cret", "tags": {"file-encoding": "utf-8"}, "attributes.enabled": True})
    sid = lab.run("az keyvault secret show --vault-name kvpolicy1 -n pw --query id -o tsv").stdout.strip()
    assert sid.startswith("https://kvpolicy1.vault.azure.net/secrets/pw/")
    cli(f"az keyvault secret show --id {sid}", checks={"value": "s3cret"})
    r = lab.run("az keyvault secret show --id https://kvpolicy1.vault.azure.net/secrets/pw --vault-name kvpolicy1")
    assert r.exit_code == 1 and "usage error: --id | --vault-name/--name [--version]" in r.stderr
    cli("az identity create -g rg -n reader -o none")
    pid = lab.run("az identity show -g rg -n reader --query principalId -o tsv").stdout.strip()
    cli(f"az keyvault set-policy -n kvpolicy1 --object-id {pid} --secret-permissions get list",
        checks={"length(properties.accessPolicies)": 2})


def test_provider_registration_and_access_token(lab, cli):
    cli("az provider show -n Microsoft.EventGrid --query registrationState", checks={"@": "NotRegistered"})
    r = lab.run("az provider register --namespace Microsoft.EventGrid")
    assert r.stderr == ("WARNING: Registering is still on-going. You can monitor using 'az provider show -n "
                        "Microsoft.EventGrid'\n")
    cli("az provider show -n microsoft.eventgrid", checks={"registrationState": "Registered",
                                                           "namespace": "Microsoft.EventGrid"})
    token = cli("az account get-access-token").json()
    assert set(token) == {"accessToken", "expiresOn", "expires_on", "subscription", "tenant", "tokenType"}
    assert token["tokenType"] == "Bearer" and token["subscription"] == lab.cloud.subscription.subscription_id
    assert token["accessToken"].count(".") == 2


def test_private_endpoint_nic_answers_the_docs_queries(lab, cli):
    """container-registry-private-endpoints.md, 'Get endpoint IP configuration'."""
    cli("""az group create -n rg -l eastus -o none
az acr create -n pereg12345 -g rg --sku Premium -o none
az network vnet create -g rg -n vnet1 --subnet-name s1 -o none
az network vnet subnet update -g rg --vnet-name vnet1 -n s1 --disable-private-endpoint-network-policies true -o none
az network private-endpoint create -n myPE -g rg --vnet-name vnet1 --subnet s1 --private-connection-resource-id \
  $(az acr show -n pereg12345 --query id -o tsv) --group-ids registry --connection-name c1 -o none""")
    r = cli("""NIC=$(az network private-endpoint show -n myPE -g rg --query 'networkInterfaces[0].id' -o tsv)
az network nic show --ids $NIC --query "ipConfigurations[?privateLinkConnectionProperties.requiredMemberName=='registry'].privateLinkConnectionProperties.fqdns" -o tsv
az network nic show --ids $NIC --query "ipConfigurations[?privateLinkConnectionProperties.requiredMemberName=='registry_data_eastus'].privateIPAddress" -o tsv""")
    fqdn, ip = r.stdout.split()
    assert fqdn == "pereg12345.azurecr.io" and ip.startswith("10.0.0.")
    cli("az acr private-link-resource list -n pereg12345",
        checks={"[0].requiredMembers": ["registry", "registry_data_eastus"],
                "[0].requiredZoneNames": ["privatelink.azurecr.io"], "[0].groupId": "registry"})


def test_deployment_operations_explain_a_failed_deployment(lab, cli):
    lab.write_file("main.bicep", "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n"
                   "  name: 'depreg12345'\n  location: resourceGroup().location\n  sku: { name: 'Basic' }\n"
                   "  properties: { publicNetworkAccess: 'Disabled' }\n}\n")
    cli("az group create -n rg -l eastus -o none")
    assert lab.run("az deployment group create -g rg -n d1 -f main.bicep").exit_code == 1
    ops = cli("az deployment operation group list -g rg -n d1").json()
    assert [o["properties"]["provisioningState"] for o in ops] == ["Failed"]
    op = ops[0]
    assert op["properties"]["statusCode"] == "BadRequest"
    assert op["properties"]["statusMessage"]["error"]["code"] == "DisablingPublicNetworkAccessNotSupported"
    assert op["properties"]["targetResource"]["resourceName"] == "depreg12345"
    cli(f"az deployment operation group show -g rg -n d1 --operation-ids {op['operationId']}",
        checks={"operationId": op["operationId"]})


def test_az_version_text_and_json(lab, cli):
    text = cli("az --version").stdout
    assert text.startswith("azure-cli                          2.90.0\n\ncore ")
    assert "Your CLI is up-to-date." in text
    assert json.loads(cli("az version").stdout)["azure-cli"] == "2.90.0"


def test_authentication_as_arm_policy_gates_acr_login(lab, cli):
    """container-registry-disable-authentication-as-arm.md: ARM-scoped tokens refused when the policy is off."""
    cli("az group create -n rg -l eastus -o none\naz acr create -n armreg12345 -g rg --sku Basic -o none")
    cli("az acr config authentication-as-arm show -r armreg12345", checks={"status": "enabled"})
    cli("az acr config authentication-as-arm update -r armreg12345 --status disabled", checks={"status": "disabled"})
    r = lab.run("az acr login -n armreg12345")
    assert r.exit_code == 1 and "401 Client Error: Unauthorized for url: https://armreg12345.azurecr.io/oauth2/" \
        "exchange" in r.stderr
    cli("az login --scope https://containerregistry.azure.net/.default -o none\naz acr login -n armreg12345")
