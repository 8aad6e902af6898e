"""azure-cli's ACR network-rule and token scenario tests, translated: the same commands and checks in a fresh lab.

Sources: Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/tests/latest/test_acr_network_rule_commands.py
(AcrNetworkRuleCommandsTests.test_acr_network_rule, recordings/test_acr_network_rule.yaml) and test_acr_token.py
(AcrTokenCommandsTests.test_repository_token_create, recordings/test_repository_token_create.yaml). Registry names
stand for `create_random_name('clireg', 20)`."""

from __future__ import annotations

import datetime

from .azcli import Scenario, check, upstream


@upstream("test_acr_network_rule_commands.py", "test_acr_network_rule")
def test_acr_network_rule(lab):
    """test_acr_network_rule_commands.py: test_acr_network_rule"""
    s = Scenario(lab, location="westcentralus", acr_provider="Microsoft.ContainerRegistry",
                 registry_name="clireg000002", sku="Premium", allow_action="Allow", deny_action="Deny",
                 vnet_name="cliregvnet", subnet="cliregsubnet", ip_address="16.17.18.0/24")
    s.cmd("network vnet create -g {rg} -n {vnet_name} --subnet-name {subnet}",
          checks=[check("newVNet.name", "{vnet_name}"), check("newVNet.subnets[0].name", "{subnet}")])
    subnet_id = s.cmd("az network vnet subnet update -g {rg} --vnet-name {vnet_name} -n {subnet} "
                      "--service-endpoints {acr_provider}",
                      checks=[check("name", "{subnet}"), check("serviceEndpoints[0].service", "{acr_provider}")]
                      ).json()["id"]
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku} --default-action {deny_action}",
          checks=[check("name", "{registry_name}"), check("location", "{rg_loc}"), check("adminUserEnabled", False),
                  check("sku.name", "{sku}"), check("sku.tier", "{sku}"), check("provisioningState", "Succeeded"),
                  check("networkRuleSet.defaultAction", "{deny_action}"), check("networkRuleSet.ipRules", [])])
    s.cmd("acr network-rule add -g {rg} -n {registry_name} --vnet-name {vnet_name} --subnet {subnet}",
          checks=[check("name", "{registry_name}"), check("provisioningState", "Succeeded"),
                  check("networkRuleSet.defaultAction", "{deny_action}"),
                  check("networkRuleSet.virtualNetworkRules[0].virtualNetworkResourceId", subnet_id),
                  check("networkRuleSet.virtualNetworkRules[0].action", "{allow_action}"),
                  check("networkRuleSet.ipRules", [])])
    s.cmd("acr network-rule add -g {rg} -n {registry_name} --ip-address {ip_address}",
          checks=[check("name", "{registry_name}"), check("provisioningState", "Succeeded"),
                  check("networkRuleSet.defaultAction", "{deny_action}"),
                  check("networkRuleSet.virtualNetworkRules[0].virtualNetworkResourceId", subnet_id),
                  check("networkRuleSet.virtualNetworkRules[0].action", "{allow_action}"),
                  check("networkRuleSet.ipRules[0].ipAddressOrRange", "{ip_address}"),
                  check("networkRuleSet.ipRules[0].action", "{allow_action}")])
    s.cmd("acr network-rule list -g {rg} -n {registry_name}",
          checks=[check("virtualNetworkRules[0].virtualNetworkResourceId", subnet_id),
                  check("virtualNetworkRules[0].action", "{allow_action}"),
                  check("ipRules[0].ipAddressOrRange", "{ip_address}"), check("ipRules[0].action", "{allow_action}")])
    s.cmd("acr update -n {registry_name} -g {rg} --default-action {allow_action}",
          checks=[check("name", "{registry_name}"), check("provisioningState", "Succeeded"),
                  check("networkRuleSet.defaultAction", "{allow_action}"),
                  check("networkRuleSet.ipRules[0].ipAddressOrRange", "{ip_address}"),
                  check("networkRuleSet.ipRules[0].action", "{allow_action}")])
    s.cmd("acr network-rule remove -g {rg} -n {registry_name} --vnet-name {vnet_name} --subnet {subnet}",
          checks=[check("name", "{registry_name}"), check("provisioningState", "Succeeded"),
                  check("networkRuleSet.defaultAction", "{allow_action}"),
                  check("networkRuleSet.virtualNetworkRules", []),
                  check("networkRuleSet.ipRules[0].ipAddressOrRange", "{ip_address}"),
                  check("networkRuleSet.ipRules[0].action", "{allow_action}")])
    s.cmd("acr network-rule remove -g {rg} -n {registry_name} --ip-address {ip_address}",
          checks=[check("name", "{registry_name}"), check("provisioningState", "Succeeded"),
                  check("networkRuleSet.defaultAction", "{allow_action}"),
                  check("networkRuleSet.virtualNetworkRules", []), check("networkRuleSet.ipRules", [])])
    s.cmd("acr network-rule list -g {rg} -n {registry_name}",
          checks=[check("virtualNetworkRules", []), check("ipRules", [])])
    s.cmd("acr delete -g {rg} -n {registry_name} -y")
    s.cmd("network vnet delete -g {rg} -n {vnet_name}")


@upstream("test_acr_token.py", "test_repository_token_create")
def test_repository_token_create(lab):
    """test_acr_token.py: test_repository_token_create"""
    s = Scenario(lab, registry="clireg000002", scope_map="scope-map", token="acr-token", token2="token-2",
                 token_short_lived="token-3", token_long_lived="token-4")
    s.cmd("acr create -g {rg} -n {registry} --sku premium")
    output = s.cmd("acr token create -r {registry} -n {token} --repository foo content/read",
                   checks=[check("status", "enabled"), check("credentials.passwords[0].name", "password1"),
                           check("credentials.passwords[1].name", "password2"),
                           check("credentials.username", "acr-token"),
                           check("credentials.passwords[0].expiry", None)]).json()
    today = datetime.datetime.strptime(output["credentials"]["passwords"][0]["creationTime"].split("T")[0],
                                       "%Y-%m-%d")
    s.cmd("acr scope-map show -r {registry} -n {token}-scope-map",
          checks=[check("actions", ["repositories/foo/content/read"])])
    s.cmd("acr scope-map create -r {registry} -n {scope_map} --repository foo content/read metadata/read",
          checks=[check("actions", ["repositories/foo/content/read", "repositories/foo/metadata/read"])])
    s.cmd("acr token create -r {registry} --scope-map {scope_map} -n {token2} --no-passwords",
          checks=[check("credentials.passwords", [])])
    s.cmd("acr token credential generate -r {registry} -n {token2} --password1 --password2",
          checks=[check("passwords[0].name", "password1"), check("passwords[1].name", "password2")])
    output = s.cmd("acr token create -r {registry} -n {token_short_lived} --repository foo content/read "
                   "--expiration-in-days 1").json()
    tomorrow = datetime.datetime.strptime(output["credentials"]["passwords"][0]["expiry"].split("T")[0], "%Y-%m-%d")
    assert tomorrow - today == datetime.timedelta(1)
    s.cmd("acr token create -r {registry} -n {token_long_lived} --repository foo content/read "
          "--expiration 2100-12-31T12:59:59Z",
          checks=check("credentials.passwords[0].expiry", "2100-12-31T12:59:59+00:00"))
