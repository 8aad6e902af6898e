"""az login usage rules and az security pricing shapes, pinned against real sources.

Sources checked:
- Azure/azure-cli src/azure-cli/azure/cli/command_modules/profile/custom.py login(): the quick usage checks
  ("usage error: '--identity' is not applicable with other arguments", "Passing the managed identity ID with
  --username is no longer supported. Use --client-id, --object-id or --resource-id instead.", "usage error:
  '--use-device-code' is not applicable with other arguments", "usage error: --service-principal --username NAME
  --password SECRET --tenant TENANT"), USERNAME_PASSWORD_DEPRECATION_WARNING_AZURE_CLOUD for user name/password,
  "Please specify both username and password in non-interactive mode." (prompt_pass without a tty),
  login_with_managed_identity's result returned as is (environmentName) while other logins and
  `az account list` rename environmentName to cloudName.
- Azure/azure-cli command_modules/role/custom.py create_service_principal_for_rbac: warnings
  "Creating '<role>' role assignment under scope '<scope>'" and CREDENTIAL_WARNING; output appId/displayName/
  password/tenant.
- command_modules/security/_help.py: pricing group/show/list summaries; sample `az security pricing show`
  output (az 2.6x): deprecated, enablementTime, extensions, freeTrialRemainingTime as str(timedelta)
  ("24 days, 6:52:00"), id, name, pricingTier, replacedBy, subPlan, type (no resourceGroup).
"""

from __future__ import annotations


def test_login_usage_errors(cli):
    cases = {
        "az login --identity -p x": "usage error: '--identity' is not applicable with other arguments",
        "az login --identity -u 00000000-0000-0000-0000-000000000000":
            "Passing the managed identity ID with --username is no longer supported. Use --client-id, --object-id "
            "or --resource-id instead.",
        "az login -u a@b.c --use-device-code": "usage error: '--use-device-code' is not applicable with other "
                                               "arguments",
        "az login --service-principal -p x": "usage error: --service-principal --username NAME --password SECRET "
                                             "--tenant TENANT",
        "az login -u learner@contoso.onmicrosoft.com": "Please specify both username and password in "
                                                       "non-interactive mode.",
    }
    for cmd, text in cases.items():
        assert f"ERROR: {text}" in cli(cmd, expect_exit=1).stderr, cmd


def test_login_user_password_warns_about_mfa(cli, lab):
    pw = lab.cloud.learner.password
    r = cli(f"az login -u learner@contoso.onmicrosoft.com -p '{pw}'") if pw else None
    if r is None:
        r = cli("az login -u learner@contoso.onmicrosoft.com -p wrong", expect_exit=1)
    assert "Starting September 1, 2025, MFA will be gradually enforced for Azure public cloud." in r.stderr


def test_login_output_names_the_cloud(cli):
    out = cli("az login").json()
    assert out[0]["cloudName"] == "AzureCloud" and "environmentName" not in out[0]
    assert cli("az account list").json()[0]["cloudName"] == "AzureCloud"
    assert cli("az account show").json()["environmentName"] == "AzureCloud"


def test_create_for_rbac_warnings(cli, rg):
    r = cli("az ad sp create-for-rbac -n fid-sp --role Reader --scopes /subscriptions/"
            + cli("az account show --query id -o tsv").stdout.strip() + "/resourceGroups/rg-containers")
    assert sorted(r.json()) == ["appId", "displayName", "password", "tenant"]
    assert "Creating 'Reader' role assignment under scope '/subscriptions/" in r.stderr
    assert "The output includes credentials that you must protect." in r.stderr


def test_security_pricing_shape(cli, lab):
    p = cli("az security pricing create -n containers --tier standard").json()
    assert list(p) == ["deprecated", "enablementTime", "extensions", "freeTrialRemainingTime", "id", "name",
                       "pricingTier", "replacedBy", "subPlan", "type"]
    assert p["name"] == "Containers" and p["pricingTier"] == "Standard"
    assert p["freeTrialRemainingTime"] == "30 days, 0:00:00"
    lab.advance("5d6h8m")
    assert cli("az security pricing show -n Containers").json()["freeTrialRemainingTime"] == "24 days, 17:52:00"
    assert cli("az security pricing show -n KeyVaults").json()["freeTrialRemainingTime"] == "30 days, 0:00:00"
    old = cli("az security pricing create -n ContainerRegistry --tier Standard")
    assert old.stderr == "" and old.json()["deprecated"] is True and old.json()["replacedBy"] == ["Containers"]


def test_security_pricing_help(cli):
    assert "Shows the Azure Defender plans for the subscription." in cli("az security pricing list -h").stdout
    assert "--subplan" in cli("az security pricing create -h").stdout
