"""azure-cli's ACR scenario tests, translated: the same commands and checks, run in a fresh lab.

Source: Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/tests/latest/test_acr_commands.py
(class AcrCommandsTests; the test named in each function's docstring), with the JSON fields of the matching
recordings/*.yaml. Registry names stand for `create_random_name(...)`; the resource group is
ResourceGroupPreparer's `clitest.rg000001`.

Tests not translated, with the reason, are listed in not_run.py (SCENARIO_SKIPS); `@upstream` names each source
test (the tally in docs/coverage.md counts both)."""

from __future__ import annotations

import pytest

from .azcli import (
    DIFF_SUB,
    DIFF_SUB_REGISTRY,
    Scenario,
    check,
    check_pattern,
    exists,
    greater_than,
    other_subscription,
    upstream,
)

FILE = "test_acr_commands.py"


def core_registry_scenario(s: Scenario, registry_name: str, resource_group: str, location: str) -> None:
    """AcrCommandsTests._core_registry_scenario (content-trust is deprecated: `--status enabled` is refused)."""
    s.kwargs.update(_r=registry_name, _g=resource_group, _l=location)
    s.cmd("acr check-name -n {_r}", checks=[check("nameAvailable", False), check("reason", "AlreadyExists")])
    s.cmd("acr list -g {_g}", checks=[check("[0].name", registry_name), check("[0].location", location),
                                      check("[0].adminUserEnabled", False)])
    registry = s.cmd("acr show -n {_r} -g {_g}", checks=[check("name", registry_name), check("location", location),
                                                          check("adminUserEnabled", False)]).json()
    if registry["sku"]["name"] == "Premium":
        s.cmd("acr show-usage -n {_r} -g {_g}")
    s.cmd("acr update -n {_r} -g {_g} --tags foo=bar cat --admin-enabled true",
          checks=[check("name", registry_name), check("location", location), check("tags", {"cat": "", "foo": "bar"}),
                  check("adminUserEnabled", True), check("provisioningState", "Succeeded")])
    s.cmd("acr config retention update -r {_r} --status enabled --days 30 --type UntaggedManifests",
          checks=[check("status", "enabled"), check("days", 30)])
    s.cmd("acr config retention show -r {_r}", checks=[check("status", "enabled"), check("days", 30)])
    s.cmd("acr config content-trust update -n {_r} --status enabled", expect_failure=True)  # DCT deprecation
    s.cmd("acr config content-trust update -n {_r} --status disabled --yes", checks=[check("status", "disabled")])
    s.cmd("acr config content-trust show -n {_r}", checks=[check("status", "disabled")])
    s.cmd("acr config soft-delete update -r {_r} --status enabled --days 30 --yes",
          checks=[check("status", "enabled"), check("retentionDays", 30)])
    s.cmd("acr config soft-delete show -r {_r}", checks=[check("status", "enabled"), check("retentionDays", 30)])
    credential = s.cmd("acr credential show -n {_r} -g {_g}").json()
    assert credential["username"] and credential["passwords"][0]["value"] and credential["passwords"][1]["value"]
    s.cmd("acr delete -n {_r} -g {_g} -y")


@upstream(FILE, "test_check_name_availability")
def test_check_name_availability(lab):
    """test_check_name_availability"""
    s = Scenario(lab, name="clireg000001name")
    s.cmd("acr check-name -n {name}", checks=[check("nameAvailable", True)])


@upstream(FILE, "test_check_name_availability_dnl_scope")
def test_check_name_availability_dnl_scope(lab):
    """test_check_name_availability_dnl_scope"""
    s = Scenario(lab, name="clireg000001name")
    s.cmd("acr check-name -n {name} --dnl-scope noreuse",
          checks=[check("nameAvailable", True), check_pattern("availableLoginServerName", r"{name}-[a-zA-Z0-9]+\.*")])


@upstream(FILE, "test_acr_login_expose_token")
def test_acr_login_expose_token(lab):
    """test_acr_login_expose_token (the lab gives the refresh token in both fields, as azure-cli >= 2.74 does)"""
    s = Scenario(lab, registry_name="clireg000002", sku="Premium")
    s.cmd("acr create -n {registry_name} -g {rg} --sku {sku}",
          checks=[check("name", "{registry_name}"), check("provisioningState", "Succeeded")])
    tokens = s.cmd("acr login -n {registry_name} --expose-token",
                   checks=[exists("accessToken"), exists("refreshToken"), exists("loginServer"),
                           check("username", "00000000-0000-0000-0000-000000000000")]).json()
    assert tokens["accessToken"] == tokens["refreshToken"]


@upstream(FILE, "test_acr_create_with_managed_registry")
def test_acr_create_with_managed_registry(lab):
    """test_acr_create_with_managed_registry"""
    s = Scenario(lab, registry_name="clireg000002", sku="Premium")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku}",
          checks=[check("name", "{registry_name}"), check("location", "{rg_loc}"), check("adminUserEnabled", False),
                  check("sku.name", "Premium"), check("sku.tier", "Premium"), check("provisioningState", "Succeeded")])
    core_registry_scenario(s, "clireg000002", "clitest.rg000001", "westus")


@upstream(FILE, "test_acr_create_webhook")
def test_acr_create_webhook(lab):
    """test_acr_create_webhook"""
    s = Scenario(lab, registry_name="clireg000002", webhook_name="cliregwebhook", headers="key=value",
                 webhook_scope="hello-world", uri="http://www.microsoft.com", actions="push", sku="Standard")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku}",
          checks=[check("name", "{registry_name}"), check("location", "{rg_loc}"), check("adminUserEnabled", False),
                  check("sku.name", "Standard"), check("sku.tier", "Standard"),
                  check("provisioningState", "Succeeded")])
    s.cmd("acr webhook create -n {webhook_name} -r {registry_name} --uri {uri} --actions {actions}",
          checks=[check("name", "{webhook_name}"), check("location", "{rg_loc}"), check("status", "enabled"),
                  check("provisioningState", "Succeeded")])
    s.cmd("acr webhook list -r {registry_name}", checks=[check("[0].name", "{webhook_name}"),
                                                         check("[0].status", "enabled"),
                                                         check("[0].provisioningState", "Succeeded")])
    s.cmd("acr webhook show -n {webhook_name} -r {registry_name}",
          checks=[check("name", "{webhook_name}"), check("status", "enabled"),
                  check("provisioningState", "Succeeded")])
    s.cmd("acr webhook update -n {webhook_name} -r {registry_name} --headers {headers} --scope {webhook_scope}",
          checks=[check("name", "{webhook_name}"), check("status", "enabled"), check("provisioningState", "Succeeded"),
                  check("scope", "{webhook_scope}")])
    s.cmd("acr webhook get-config -n {webhook_name} -r {registry_name}",
          checks=[check("serviceUri", "{uri}"), check("customHeaders", {"key": "value"})])
    s.cmd("acr webhook ping -n {webhook_name} -r {registry_name}", checks=[exists("id")])
    s.cmd("acr webhook list-events -n {webhook_name} -r {registry_name}")
    s.cmd("acr show-usage -n {registry_name} -g {rg}",
          checks=[check("value[?name==`Size`]|[0].currentValue", 0),
                  greater_than("value[?name==`Size`]|[0].limit", 0),
                  check("value[?name==`Webhooks`]|[0].currentValue", 1),
                  greater_than("value[?name==`Webhooks`]|[0].limit", 0)])
    s.cmd("acr webhook delete -n {webhook_name} -r {registry_name}")
    s.cmd("acr delete -n {registry_name} -g {rg} -y")


@upstream(FILE, "test_acr_cache")
def test_acr_cache(lab):
    """test_acr_cache (recording test_acr_cache.yaml: credential set identity type 'systemAssigned')"""
    s = Scenario(lab, registry_name="clireg000002", sku="Standard", cr_name="test1", cs_name="test1",
                 source_repo="mcr.microsoft.com/mcr/hello-world", target_repo="hello-world",
                 user_id="https://cliimportkv73021.vault.azure.net/secrets/SPusername",
                 pass_id="https://cliimportkv73021.vault.azure.net/secrets/SPpassword",
                 new_pass_id="https://cliimportkv73021.vault.azure.net/secrets/SPusername",
                 upstream="mcr.microsoft.com")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku}",
          checks=[check("name", "{registry_name}"), check("location", "{rg_loc}"), check("adminUserEnabled", False),
                  check("sku.name", "Standard"), check("sku.tier", "Standard"),
                  check("provisioningState", "Succeeded")])
    s.cmd("acr credential-set create -n {cs_name} -r {registry_name} -l {upstream} -u {user_id} -p {pass_id}",
          checks=[check("name", "{cs_name}"), check("provisioningState", "Succeeded"),
                  check("identity.type", "systemAssigned")])
    s.cmd("acr credential-set list -r {registry_name} -g {rg}",
          checks=[check("[0].name", "{cs_name}"), check("[0].provisioningState", "Succeeded")])
    s.cmd("acr credential-set show -n {cs_name} -r {registry_name} -g {rg}",
          checks=[check("name", "{cs_name}"), check("provisioningState", "Succeeded")])
    s.cmd("acr credential-set update -n {cs_name} -r {registry_name} -p {new_pass_id}",
          checks=[check("name", "{cs_name}"), check("provisioningState", "Succeeded"),
                  check("authCredentials[0].passwordSecretIdentifier", "{new_pass_id}")])
    s.cmd("acr cache create -n {cr_name} -r {registry_name} -s {source_repo} -t {target_repo} -c {cs_name}",
          checks=[check("name", "{cr_name}"), check("provisioningState", "Succeeded")])
    s.cmd("acr cache list -r {registry_name} -g {rg}",
          checks=[check("[0].name", "{cr_name}"), check("[0].provisioningState", "Succeeded")])
    s.cmd("acr cache show -n {cr_name} -r {registry_name} -g {rg}",
          checks=[check("name", "{cr_name}"), check("provisioningState", "Succeeded")])
    s.cmd("acr cache update -n {cr_name} -r {registry_name} --remove-cred-set",
          checks=[check("name", "{cr_name}"), check("provisioningState", "Succeeded"),
                  check("credentialSetResourceId", None)])
    s.cmd("acr cache delete -n {cr_name} -r {registry_name} -y")
    s.cmd("acr credential-set delete -n {cs_name} -r {registry_name} -y")
    s.cmd("acr delete -n {registry_name} -g {rg} -y")


@upstream(FILE, "test_acr_cache_managed_identity")
def test_acr_cache_managed_identity(lab):
    """test_acr_cache_managed_identity"""
    s = Scenario(lab, registry_name="clireg000002", sku="Standard", cr_name="test-mi",
                 source_repo="upstreamregistry.azurecr.io/hello-world", target_repo="hello-world-mi",
                 identity_name="cache-identity000003", identity_name2="cache-identity2000004")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku}",
          checks=[check("name", "{registry_name}"), check("location", "{rg_loc}"), check("sku.name", "Standard"),
                  check("provisioningState", "Succeeded")])
    s.kwargs["identity_id"] = s.cmd("identity create --name {identity_name} -g {rg}").json()["id"]
    s.kwargs["identity_id2"] = s.cmd("identity create --name {identity_name2} -g {rg}").json()["id"]
    s.cmd("acr cache create -n {cr_name} -r {registry_name} -s {source_repo} -t {target_repo} --identity "
          "{identity_id}", checks=[check("name", "{cr_name}"), check("provisioningState", "Succeeded"),
                                   check("identity.type", "userAssigned")])
    s.cmd("acr cache show -n {cr_name} -r {registry_name} -g {rg}",
          checks=[check("name", "{cr_name}"), check("provisioningState", "Succeeded"),
                  check("identity.type", "userAssigned")])
    s.cmd("acr cache update -n {cr_name} -r {registry_name} --identity {identity_id2}",
          checks=[check("name", "{cr_name}"), check("provisioningState", "Succeeded"),
                  check("identity.type", "userAssigned")])
    rule = s.cmd("acr cache show -n {cr_name} -r {registry_name}").json()
    assert list(rule["identity"]["userAssignedIdentities"]) == [s.kwargs["identity_id2"]]
    s.cmd("acr cache delete -n {cr_name} -r {registry_name} -y")
    s.cmd("acr delete -n {registry_name} -g {rg} -y")


@upstream(FILE, "test_acr_create_replication")
def test_acr_create_replication(lab):
    """test_acr_create_replication"""
    s = Scenario(lab, registry_name="clireg000002", replication_name="centralus", replication_loc="centralus",
                 sku="Premium", tags="key=value")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku}",
          checks=[check("name", "{registry_name}"), check("location", "{rg_loc}"), check("adminUserEnabled", False),
                  check("sku.name", "Premium"), check("sku.tier", "Premium"), check("provisioningState", "Succeeded")])
    s.cmd("acr replication create -n {replication_name} -r {registry_name} -l {replication_loc}",
          checks=[check("name", "{replication_name}"), check("location", "{replication_loc}"),
                  check("provisioningState", "Succeeded"), check("regionEndpointEnabled", True)])
    s.cmd("acr replication list -r {registry_name}",
          checks=[check("[0].provisioningState", "Succeeded"), check("[1].provisioningState", "Succeeded")])
    s.cmd("acr replication show -n {replication_name} -r {registry_name}",
          checks=[check("name", "{replication_name}"), check("provisioningState", "Succeeded"),
                  check("regionEndpointEnabled", True)])
    s.cmd("acr replication update -n {replication_name} -r {registry_name} --tags {tags} --global-endpoint-routing "
          "false", checks=[check("name", "{replication_name}"), check("provisioningState", "Succeeded"),
                           check("regionEndpointEnabled", False), check("tags", {"key": "value"})])
    s.cmd("acr replication delete -n {replication_name} -r {registry_name}")
    s.cmd("acr replication create -n {replication_name} -r {registry_name} -l {replication_loc} "
          "--global-endpoint-routing false",
          checks=[check("name", "{replication_name}"), check("location", "{replication_loc}"),
                  check("provisioningState", "Succeeded"), check("regionEndpointEnabled", False)])
    s.cmd("acr replication delete -n {replication_name} -r {registry_name}")
    s.cmd("acr delete -n {registry_name} -g {rg} -y")


def source_registry_same_subscription(s: Scenario) -> None:
    """Both import tests' first steps: resourcegroupsamesub and its Standard source registry, with their checks."""
    s.cmd("group create -n {source_registry_rg} -l {source_loc}")
    s.cmd("acr create -n {source_registry_name} -g {source_registry_rg} -l {source_loc} --sku {sku}",
          checks=[check("name", "{source_registry_name}"), check("location", "{source_loc}"),
                  check("adminUserEnabled", False), check("sku.name", "Standard"), check("sku.tier", "Standard"),
                  check("provisioningState", "Succeeded")])


@upstream(FILE, "test_acr_import_no_wait")
def test_acr_import_no_wait(lab):
    """test_acr_import_no_wait (the recording's importImage answers 202 Accepted; az does not wait for it)"""
    other_subscription(lab, "azure-cli")
    s = Scenario(lab, resource_id=DIFF_SUB_REGISTRY, source_registry_rg="resourcegroupsamesub", source_loc="westus",
                 source_registry_name="sourceregistrysamesub000002", sku="Standard", source_image="microsoft:azure-cli")
    source_registry_same_subscription(s)
    s.cmd("acr import -n {source_registry_name} -r {resource_id} --source {source_image} --no-wait")
    assert "Import has started. Due to no-wait option, failures will not be reflected." in s.last.stderr
    assert lab.run("az acr repository show-tags -n {source_registry_name} --repository microsoft -o tsv".format(
        **s.kwargs)).stdout.split() == ["azure-cli"]


@upstream(FILE, "test_acr_image_import")
def test_acr_image_import(lab):
    """test_acr_image_import, cases 1-9 (cases 1, 8 and 9 read sourceregistrydiffsub in the second subscription:
    by resource id, with a service principal's -u/-p, and with `-p` an access token of the signed-in user)"""
    other_subscription(lab, "azure-cli", "azure-cli-1", "azure-cli-2")
    sp = lab.run(f"az ad sp create-for-rbac --name importsp --role AcrPull --scopes {DIFF_SUB_REGISTRY} "
                 "--query [appId,password] -o tsv")
    assert sp.exit_code == 0, sp.output
    app_id, sp_password = sp.stdout.split()
    token = lab.run("az account get-access-token").json()["accessToken"]
    s = Scenario(lab, resource_id=DIFF_SUB_REGISTRY, resource_imageV1="sourceregistrydiffsub.azurecr.io/microsoft:azure-cli-1",
                 resource_imageV2="sourceregistrydiffsub.azurecr.io/microsoft:azure-cli-2",
                 source_registry_rg="resourcegroupsamesub", source_loc="westus",
                 source_registry_name="sourceregistrysamesub000001", registry_name="targetregistry000002",
                 sku="Standard", rg_loc="eastus", source_image="microsoft:azure-cli",
                 tag_same_sub="repository_same_sub:tag_same_sub",
                 tag_multitag1="repository_multi1:tag_multi1", tag_multitag2="repository_multi2:tag_multi2",
                 tag_same_registry="repository_same_registry:tag_same_registry",
                 tag_by_digest="repository_by_digest:tag_by_digest",
                 source_image_public_registry_dockerhub="registry.hub.docker.com/library/hello-world",
                 application_ID=app_id, service_principal_password=sp_password, token=token)
    s.kwargs["source_image_same_registry"] = "{registry_name}.azurecr.io/microsoft:azure-cli".format(**s.kwargs)
    source_registry_same_subscription(s)
    # Case 1: from a registry in a different subscription, by its resource id
    s.cmd("acr import -n {source_registry_name} -r {resource_id} --source {source_image}")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku}",
          checks=[check("name", "{registry_name}"), check("location", "{rg_loc}"), check("adminUserEnabled", False),
                  check("sku.name", "Standard"), check("sku.tier", "Standard"),
                  check("provisioningState", "Succeeded")])
    s.cmd("acr import -n {registry_name} --source {source_image} -r {source_registry_name} -t {tag_same_sub}")
    s.cmd("acr import -n {registry_name} --source {source_image} -r {source_registry_name}")
    s.cmd("acr import -n {registry_name} --source {source_image} -r {source_registry_name} -t {tag_multitag1} "
          "-t {tag_multitag2}")
    s.cmd("acr import -n {registry_name} --source {source_image_same_registry} -t {tag_same_registry}")
    digest = s.cmd("acr repository show -n {source_registry_name} --image {source_image}").json()["digest"]
    s.kwargs["source_image_by_digest"] = "{}.azurecr.io/microsoft@{}".format(s.kwargs["source_registry_name"], digest)
    s.cmd("acr import -n {registry_name} --source {source_image_by_digest} -t {tag_by_digest}")
    s.cmd("acr import -n {registry_name} --source {source_image_public_registry_dockerhub}")
    # Case 8: with a service principal's credentials (AcrPull on the source registry)
    s.cmd("acr import -n {registry_name} --source {resource_imageV1} -u {application_ID} -p {service_principal_password}")
    # Case 9: with an access token as the password (az account get-access-token)
    s.cmd("acr import -n {registry_name} --source {resource_imageV2} -p {token}")
    s.cmd("acr repository show-tags -n {registry_name} --repository microsoft",
          checks=[check("length(@)", 3), check("contains(@, 'azure-cli-1')", True),
                  check("contains(@, 'azure-cli-2')", True)])
    # the source registry is the other subscription's: by name, az finds it only there
    s.cmd("acr show -n sourceregistrydiffsub", expect_failure=True)
    assert "could not be found in subscription" in s.last.stderr
    s.cmd(f"acr show -n sourceregistrydiffsub --subscription {DIFF_SUB}", checks=[check("name", "sourceregistrydiffsub")])


@upstream(FILE, "test_acr_export_policy")
def test_acr_export_policy(lab):
    """test_acr_export_policy"""
    s = Scenario(lab, registry_1="clireg000002", sku="Premium")
    s.cmd("acr create -n {registry_1} -g {rg} --sku {sku} --public-network-enabled false --allow-exports",
          checks=[check("name", "{registry_1}"), check("provisioningState", "Succeeded"),
                  check_pattern("policies.exportPolicy.status", "(?i)Enabled")])
    s.cmd("acr create -n {registry_1} -g {rg} --sku {sku} --public-network-enabled false --allow-exports true",
          checks=[check_pattern("policies.exportPolicy.status", "(?i)enabled")])
    s.cmd("acr create -n {registry_1} -g {rg} --sku {sku} --public-network-enabled false --allow-exports false",
          checks=[check_pattern("policies.exportPolicy.status", "(?i)Disabled")])
    s.cmd("acr create -n {registry_1} -g {rg} --sku {sku} --public-network-enabled false",
          checks=[check_pattern("policies.exportPolicy.status", "(?i)Enabled")])
    s.cmd("acr update -n {registry_1} -g {rg} --sku {sku} --allow-exports true",
          checks=[check("provisioningState", "Succeeded"), check_pattern("policies.exportPolicy.status", "(?i)enabled")])
    s.cmd("acr update -n {registry_1} -g {rg} --sku {sku} --allow-exports false",
          checks=[check_pattern("policies.exportPolicy.status", "(?i)disabled")])
    s.cmd("acr update -n {registry_1} -g {rg} --sku {sku}",
          checks=[check_pattern("policies.exportPolicy.status", "(?i)Disabled")])


@upstream(FILE, "test_acr_encryption_with_cmk")
def test_acr_encryption_with_cmk(lab):
    """test_acr_encryption_with_cmk (KeyVaultPreparer: a vault with purge protection)"""
    s = Scenario(lab, key_vault="clitest000003", key_name="testkey000004", rotate_key_name="rotatekey000005",
                 identity_name="testidentity000006", registry_name="testreg000007")
    s.cmd("keyvault create -n {key_vault} -g {rg} --enable-purge-protection true")
    user = s.cmd("ad signed-in-user show").json()
    s.kwargs.update(user_id=user["id"], scope=f"/subscriptions/{lab.cloud.subscription.subscription_id}/"
                                              "resourceGroups/{rg}".format(**s.kwargs))
    s.cmd('role assignment create --role "Key Vault Administrator" --assignee {user_id} --scope {scope}',
          checks=[check("scope", "{scope}")])
    s.kwargs["key_id"] = s.cmd("keyvault key create --name {key_name} --vault-name {key_vault}").json()["key"]["kid"]
    identity = s.cmd("identity create --name {identity_name} -g {rg}").json()
    s.kwargs.update(principal_id=identity["principalId"], identity_id=identity["id"], client_id=identity["clientId"])
    s.cmd('role assignment create --role "Key Vault Crypto Service Encryption User" --assignee {principal_id} --scope '
          f"/subscriptions/{lab.cloud.subscription.subscription_id}/resourceGroups/{{rg}}/providers/"
          "Microsoft.KeyVault/vaults/{key_vault}")
    result = s.cmd("acr create --name {registry_name} --resource-group {rg} --sku premium --identity {identity_id} "
                   "--key-encryption-key {key_id}",
                   checks=[check("identity.type", "userAssigned"), check("encryption.status", "enabled"),
                           check("encryption.keyVaultProperties.identity", "{client_id}"),
                           check("encryption.keyVaultProperties.keyIdentifier", "{key_id}")]).json()
    assert result["identity"]["userAssignedIdentities"]
    s.kwargs["rotate_key_id"] = s.cmd("keyvault key create --name {rotate_key_name} --vault-name {key_vault}"
                                      ).json()["key"]["kid"]
    s.cmd("acr encryption rotate-key --name {registry_name} --identity {identity_id} --key-encryption-key "
          "{rotate_key_id} -g {rg}", checks=[check("encryption.keyVaultProperties.keyIdentifier", "{rotate_key_id}")])
    s.cmd("acr encryption show --name {registry_name} -g {rg}",
          checks=[check("keyVaultProperties.keyIdentifier", "{rotate_key_id}")])


def _user_identities(result: dict) -> list[str]:
    return sorted(k.lower() for k in result["userAssignedIdentities"])


@upstream(FILE, "test_acr_identity")
def test_acr_identity(lab):
    """test_acr_identity"""
    s = Scenario(lab, identity_name="testidentity000002", second_identity_name="testidentity2000003",
                 registry_name="testreg000004", system_identity="[system]")
    s.cmd("acr create --name {registry_name} --resource-group {rg} --sku premium")
    s.kwargs["identity_id"] = s.cmd("identity create --name {identity_name} -g {rg}").json()["id"]
    s.kwargs["second_identity_id"] = s.cmd("identity create --name {second_identity_name} -g {rg}").json()["id"]
    s.cmd('acr identity assign --name {registry_name} --identities "{system_identity}" "{identity_id}"')
    result = s.cmd("acr identity show --name {registry_name}").json()
    assert "systemAssigned" in result["type"] and "userAssigned" in result["type"]
    assert _user_identities(result) == [s.kwargs["identity_id"].lower()]
    s.cmd('acr identity remove --name {registry_name} --identities "{system_identity}" "{identity_id}"',
          checks=[check("identity", None)])
    s.cmd("acr identity assign --name {registry_name} --identities {system_identity}",
          checks=[check("identity.type", "systemAssigned")])
    s.cmd("acr identity remove --name {registry_name} --identities {system_identity}", checks=[check("identity", None)])
    s.cmd("acr identity assign --name {registry_name} --identities {identity_id}",
          checks=[check("identity.type", "userAssigned")])
    s.cmd("acr identity remove --name {registry_name} --identities {identity_id}", checks=[check("identity", None)])
    result = s.cmd('acr identity assign --name {registry_name} --identities "{system_identity}" "{identity_id}"',
                   checks=[check("identity.type", "systemAssigned, userAssigned")]).json()
    assert _user_identities(result["identity"]) == [s.kwargs["identity_id"].lower()]
    result = s.cmd("acr identity assign --name {registry_name} --identities {second_identity_id}",
                   checks=[check("identity.type", "systemAssigned, userAssigned")]).json()
    assert _user_identities(result["identity"]) == sorted([s.kwargs["identity_id"].lower(),
                                                           s.kwargs["second_identity_id"].lower()])
    s.cmd("acr identity remove --name {registry_name} --identities {second_identity_id}",
          checks=[check("identity.type", "systemAssigned, userAssigned")])
    s.cmd("acr identity remove --name {registry_name} --identities {identity_id}",
          checks=[check("identity.type", "systemAssigned")])
    s.cmd("acr identity remove --name {registry_name} --identities {system_identity}", checks=[check("identity", None)])


@upstream(FILE, "test_acr_with_dedicated_data_endpoints")
def test_acr_with_dedicated_data_endpoints(lab):
    """test_acr_with_dedicated_data_endpoints"""
    s = Scenario(lab, registry_name="testreg000002", replication_loc="southcentralus")
    login_server = s.cmd("acr create --name {registry_name} --resource-group {rg} --sku premium").json()["loginServer"]
    s.cmd("acr show-endpoints --name {registry_name} --resource-group {rg}",
          checks=[check("length(dataEndpoints)", 1), check("dataEndpoints[0].endpoint", "*.blob.core.windows.net"),
                  check("dataEndpoints[0].region", "westus"), check("loginServer", login_server)])
    suffix = login_server.split(".", 1)[1]
    s.cmd("acr update --name {registry_name} --resource-group {rg} --data-endpoint-enabled")
    s.cmd("acr show-endpoints --name {registry_name} --resource-group {rg}",
          checks=[check("dataEndpoints[0].endpoint", f"testreg000002.westus.data.{suffix}")])
    s.cmd("acr replication create -r {registry_name} -l {replication_loc}")
    s.cmd("acr show-endpoints --name {registry_name} --resource-group {rg}",
          checks=[check("length(dataEndpoints)", 2),
                  check("dataEndpoints[0].endpoint", f"testreg000002.southcentralus.data.{suffix}"),
                  check("dataEndpoints[1].endpoint", f"testreg000002.westus.data.{suffix}")])
    s.cmd("acr update --name {registry_name} --resource-group {rg} --data-endpoint-enabled false")
    s.cmd("acr show-endpoints --name {registry_name} --resource-group {rg}",
          checks=[check("length(dataEndpoints)", 2), check("dataEndpoints[0].endpoint", "*.blob.core.windows.net"),
                  check("dataEndpoints[1].endpoint", "*.blob.core.windows.net")])


@upstream(FILE, "test_acr_with_public_network_access")
def test_acr_with_public_network_access(lab):
    """test_acr_with_public_network_access"""
    s = Scenario(lab, registry_name="testreg000002", registry_2_name="testreg2000003")
    s.cmd("acr create --name {registry_name} --resource-group {rg} --sku premium",
          checks=[check("publicNetworkAccess", "Enabled"), check("networkRuleBypassOptions", "AzureServices")])
    s.cmd("acr update --name {registry_name} --resource-group {rg} --public-network-enabled false "
          "--allow-trusted-services false",
          checks=[check("publicNetworkAccess", "Disabled"), check("networkRuleBypassOptions", "None")])
    s.cmd("acr update --name {registry_name} --resource-group {rg} --allow-trusted-services true",
          checks=[check("publicNetworkAccess", "Disabled"), check("networkRuleBypassOptions", "AzureServices")])
    s.cmd("acr create --name {registry_2_name} --resource-group {rg} --sku premium --public-network-enabled false "
          "--allow-trusted-services false",
          checks=[check("publicNetworkAccess", "Disabled"), check("networkRuleBypassOptions", "None")])


@upstream(FILE, "test_acr_with_public_network_access_disabled")
def test_acr_with_public_network_access_disabled(lab):
    """test_acr_with_public_network_access_disabled"""
    s = Scenario(lab, registry_name="testreg000002")
    s.cmd("acr create --name {registry_name} --resource-group {rg} --sku premium",
          checks=[check("publicNetworkAccess", "Enabled"), check("networkRuleBypassOptions", "AzureServices"),
                  check("networkRuleSet.defaultAction", "Allow")])
    s.cmd("acr update --name {registry_name} --resource-group {rg} --public-network-enabled false",
          checks=[check("publicNetworkAccess", "Disabled"), check("networkRuleBypassOptions", "AzureServices"),
                  check("networkRuleSet.defaultAction", "Deny")])
    s.cmd("acr update --name {registry_name} --resource-group {rg} --public-network-enabled true",
          checks=[check("publicNetworkAccess", "Enabled"), check("networkRuleBypassOptions", "AzureServices"),
                  check("networkRuleSet.defaultAction", "Deny")])


@upstream(FILE, "test_acr_with_anonymous_pull")
def test_acr_with_anonymous_pull(lab):
    """test_acr_with_anonymous_pull"""
    s = Scenario(lab, registry_name="testreg000002")
    s.cmd("acr create --name {registry_name} --resource-group {rg} --sku premium -l eastus",
          checks=[check("anonymousPullEnabled", False)])
    s.cmd("acr update --name {registry_name} --resource-group {rg} --anonymous-pull-enabled true",
          checks=[check("anonymousPullEnabled", True)])
    s.cmd("acr update --name {registry_name} --resource-group {rg} --anonymous-pull-enabled false",
          checks=[check("anonymousPullEnabled", False)])


@upstream(FILE, "test_acr_create_with_data_endpoint")
def test_acr_create_with_data_endpoint(lab):
    """test_acr_create_with_data_endpoint (recording test_acr_create_with_data_endpoint.yaml)"""
    s = Scenario(lab, registry_name="testreg000002")
    s.cmd("acr create --name {registry_name} --resource-group {rg} --sku premium -l eastus --data-endpoint-enabled true",
          checks=[check("dataEndpointEnabled", True),
                  check("dataEndpointHostNames", ["testreg000002.eastus.data.azurecr.io"])])
    s.cmd("acr update --name {registry_name} --resource-group {rg} --data-endpoint-enabled false",
          checks=[check("dataEndpointEnabled", False), check("dataEndpointHostNames", [])])
    s.cmd("acr update --name {registry_name} --resource-group {rg} --data-endpoint-enabled true",
          checks=[check("dataEndpointEnabled", True)])


@upstream(FILE, "test_acr_create_invalid_name")
def test_acr_create_invalid_name(lab):
    """test_acr_create_invalid_name"""
    s = Scenario(lab, registry_name="testreg000002-dnlhash000003")
    s.cmd("acr create --name {registry_name} --resource-group {rg} --sku premium -l eastus", expect_failure=True)
    assert "Registry name cannot contain dashes" in s.last.stderr


@upstream(FILE, "test_acr_with_private_endpoint")
def test_acr_with_private_endpoint(lab):
    """test_acr_with_private_endpoint (ResourceGroupPreparer(location='eastus2'))"""
    s = Scenario(lab, location="eastus2", registry_name="testreg000002", vnet_name="testvnet000003",
                 subnet_name="testsubnet000004", endpoint_name="priv_endpoint000005",
                 endpoint_conn_name="priv_endpointconn000006", second_endpoint_name="priv_endpoint000007",
                 second_endpoint_conn_name="priv_endpointconn000008", description_msg="somedescription")
    s.cmd("network vnet create -g {rg} -n {vnet_name} --subnet-name {subnet_name}")
    s.cmd("network vnet subnet update -g {rg} --vnet-name {vnet_name} --name {subnet_name} "
          "--disable-private-endpoint-network-policies true")
    s.kwargs["registry_id"] = s.cmd("acr create --name {registry_name} --resource-group {rg} --sku premium").json()["id"]
    result = s.cmd("network private-endpoint create -n {endpoint_name} -g {rg} --subnet {subnet_name} --vnet-name "
                   "{vnet_name} --private-connection-resource-id {registry_id} --group-ids registry --connection-name "
                   "{endpoint_conn_name} --manual-request").json()
    assert s.kwargs["endpoint_name"].lower() in result["name"].lower()
    s.kwargs["endpoint_request"] = s.cmd("acr private-endpoint-connection list -g {rg} --registry-name "
                                         "{registry_name}").json()[0]["name"]
    s.cmd("acr private-endpoint-connection approve -g {rg} --registry-name {registry_name} -n {endpoint_request} "
          "--description {description_msg}",
          checks=[check("privateLinkServiceConnectionState.status", "Approved"),
                  check("privateLinkServiceConnectionState.description", "{description_msg}")])
    s.cmd("network private-endpoint create -n {second_endpoint_name} -g {rg} --subnet {subnet_name} --vnet-name "
          "{vnet_name} --private-connection-resource-id {registry_id} --group-ids registry --connection-name "
          "{second_endpoint_conn_name} --manual-request")
    result = s.cmd("az acr private-endpoint-connection list -g {rg} -r {registry_name}").json()
    s.kwargs["second_endpoint_request"] = [c["name"] for c in result if s.kwargs["second_endpoint_name"].lower()
                                           in c["privateEndpoint"]["id"].lower()][0]
    s.cmd("acr private-endpoint-connection reject -g {rg} -r {registry_name} -n {second_endpoint_request} "
          "--description {description_msg}",
          checks=[check("privateLinkServiceConnectionState.status", "Rejected"),
                  check("privateLinkServiceConnectionState.description", "{description_msg}")])
    s.cmd("acr private-endpoint-connection list -g {rg} -r {registry_name}", checks=[check("length(@)", "2")])
    s.cmd("acr private-endpoint-connection delete -g {rg} --registry-name {registry_name} -n {second_endpoint_request}")
    s.cmd("acr private-endpoint-connection show -g {rg} -r {registry_name} -n {endpoint_request}",
          checks=[check("privateLinkServiceConnectionState.status", "Approved"),
                  check("privateLinkServiceConnectionState.description", "{description_msg}"),
                  check("name", "{endpoint_request}")])
    s.cmd("acr private-endpoint-connection delete -g {rg} --registry-name {registry_name} -n {endpoint_request}")
    assert not s.cmd("acr private-endpoint-connection list -g {rg} -r {registry_name}").json()


@upstream(FILE, "test_acr_with_zone_redundancy")
def test_acr_with_zone_redundancy(lab):
    """test_acr_with_zone_redundancy (ResourceGroupPreparer(location='eastus'))"""
    s = Scenario(lab, location="eastus", registry_1="testreg000002", registry_2="testreg2000003",
                 location_2="eastus2", location_3="westus2")
    s.cmd("acr create --name {registry_1} --resource-group {rg} --sku premium", checks=[check("zoneRedundancy", "Disabled")])
    result = s.cmd("acr create --name {registry_2} --resource-group {rg} --sku premium --zone-redundancy Enabled",
                   checks=[check("zoneRedundancy", "Enabled")]).json()
    s.kwargs["home_location"] = result["location"]
    s.cmd("acr replication create --registry {registry_1}  -g {rg} --location {location_2} --zone-redundancy Enabled",
          checks=[check("zoneRedundancy", "Enabled")])
    s.cmd("acr replication create --registry {registry_2}  -g {rg} --location {location_2}",
          checks=[check("zoneRedundancy", "Disabled")])
    s.cmd("acr replication show --name {home_location} --registry {registry_2} --resource-group {rg}",
          checks=[check("zoneRedundancy", "Enabled")])
    s.cmd("acr replication create --registry {registry_2}  -g {rg} --location {location_3} --zone-redundancy Disabled",
          checks=[check("zoneRedundancy", "Disabled")])


@pytest.mark.parametrize("flag,first,then", [("--allow-metadata-search", "Enabled", "Disabled"),
                                              ("", "Disabled", "Enabled")],
                         ids=["test_acr_create_with_metadata_search_enabled",
                              "test_acr_create_with_metadata_search_disabled"])
@upstream(FILE, "test_acr_create_with_metadata_search_enabled", "test_acr_create_with_metadata_search_disabled")
def test_acr_create_with_metadata_search(lab, flag, first, then):
    """test_acr_create_with_metadata_search_enabled / _disabled"""
    s = Scenario(lab, registry_name="clireg000002", sku="Premium")
    s.cmd(f"acr create -n {{registry_name}} -g {{rg}} -l {{rg_loc}} --sku {{sku}} {flag}",
          checks=[check("name", "{registry_name}"), check("adminUserEnabled", False), check("sku.name", "Premium"),
                  check("provisioningState", "Succeeded"), check("metadataSearch", first)])
    value = "false" if then == "Disabled" else ""
    s.cmd(f"acr update -n {{registry_name}} -g {{rg}} --sku {{sku}} --allow-metadata-search {value}",
          checks=[check("provisioningState", "Succeeded"), check("metadataSearch", then)])
    core_registry_scenario(s, "clireg000002", "clitest.rg000001", "westus")


@upstream(FILE, "test_acr_create_with_domain_name_label_scope_tenant_reuse")
def test_acr_create_with_domain_name_label_scope_tenant_reuse(lab):
    """test_acr_create_with_domain_name_label_scope_tenant_reuse"""
    s = Scenario(lab, registry_name="clireg000002", sku="Premium")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku} --dnl-scope tenantreuse",
          checks=[check("name", "{registry_name}"), check_pattern("loginServer", r"{registry_name}-[a-zA-Z0-9]+\.*"),
                  check("location", "{rg_loc}"), check("sku.name", "Premium"), check("provisioningState", "Succeeded"),
                  check("autoGeneratedDomainNameLabelScope", "TenantReuse")])
    core_registry_scenario(s, "clireg000002", "clitest.rg000001", "westus")


@upstream(FILE, "test_acr_create_with_domain_name_label_scope_name_in_use")
def test_acr_create_with_domain_name_label_scope_name_in_use(lab):
    """test_acr_create_with_domain_name_label_scope_name_in_use"""
    s = Scenario(lab, registry_name="clireg000002", rg2="randomresourcegroupname", sku="Premium")
    s.cmd("group create -n {rg2} -l {rg_loc}")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku} --dnl-scope resourcegroupreuse",
          checks=[check_pattern("loginServer", r"{registry_name}-[a-zA-Z0-9]+\.*"),
                  check("autoGeneratedDomainNameLabelScope", "ResourceGroupReuse")])
    s.cmd("acr create -n {registry_name} -g {rg2} -l {rg_loc} --sku {sku} --dnl-scope resourcegroupreuse",
          expect_failure=True)


@upstream(FILE, "test_acr_create_with_audits")
def test_acr_create_with_audits(lab):
    """test_acr_create_with_audits (recording test_acr_create_with_audits.yaml): `acr create --workspace` adds the
    diagnostic setting '<registry>-diagnostic-settings' (acr/_constants.py DEF_DIAG_SETTINGS_NAME_TEMPLATE)."""
    s = Scenario(lab, registry_name="clireg000002", sku="basic", workspace="wprkspace000003",
                 **{"diagnostic-settings": "clireg000002-diagnostic-settings"})
    s.cmd("monitor log-analytics workspace create -g {rg} -n {workspace}",
          checks=[check("provisioningState", "Succeeded"), check("sku.name", "PerGB2018"),
                  check("retentionInDays", 30), exists("customerId")])
    result = s.cmd("acr create -n {registry_name} -g {rg} --sku {sku} --workspace {workspace}")
    s.kwargs["registry_id"] = result.json()["id"]
    s.cmd("monitor diagnostic-settings show -g {rg} --resource {registry_id} -n {diagnostic-settings}", checks=[
        check("logs[0].category", "ContainerRegistryRepositoryEvents"),
        check("logs[1].category", "ContainerRegistryLoginEvents"),
        check("metrics[0].category", "AllMetrics"),
    ])
    workspace = lab.run("az monitor log-analytics workspace show -g clitest.rg000001 -n wprkspace000003 --query id "
                        "-o tsv").stdout.strip()
    s.cmd("monitor diagnostic-settings list -g {rg} --resource {registry_id}",
          checks=[check("length(@)", 1), check("[0].workspaceId", workspace)])
