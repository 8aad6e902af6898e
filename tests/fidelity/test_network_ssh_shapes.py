"""Private endpoint, acr network-rule and ssh shapes, pinned against real sources.

Sources checked:
- Real `az network private-endpoint create ... --group-id registry` output (aaz, az 2.6x): keys customDnsConfigs,
  customNetworkInterfaceName "", etag, id, ipConfigurations [], location, manualPrivateLinkServiceConnections,
  name, networkInterfaces (<pe>.nic.<guid>), privateLinkServiceConnections, provisioningState, resourceGroup,
  subnet, type; customDnsConfigs list the data endpoint (first NIC IP) before the login server.
- Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/network_rule.py: list returns only
  virtualNetworkRules and ipRules; add/remove return name, provisioningState, networkRuleSet {defaultAction,
  virtualNetworkRules, ipRules}; NETWORK_RULE_NOT_SUPPORTED text.
- OpenSSH ssh(1): "ssh: Could not resolve hostname <host>: Name or service not known" (exit 255); sshd's
  "Last login:" line uses ctime's layout (space-padded day of month).
"""

from __future__ import annotations


def test_private_endpoint_json(cli, rg):
    cli("az network vnet create -g rg-containers -n v1 --address-prefix 10.1.0.0/16 --subnet-name s1 "
        "--subnet-prefix 10.1.0.0/24 -o none")
    cli("az acr create -g rg-containers -n fidpeacr --sku Premium -o none")
    rid = cli("az acr show -n fidpeacr --query id -o tsv").stdout.strip()
    pe = cli(f"az network private-endpoint create -g rg-containers -n pe1 --vnet-name v1 --subnet s1 "
             f"--private-connection-resource-id {rid} --group-id registry --connection-name c1").json()
    assert list(pe) == ["customDnsConfigs", "customNetworkInterfaceName", "etag", "id", "ipConfigurations",
                        "location", "manualPrivateLinkServiceConnections", "name", "networkInterfaces",
                        "privateLinkServiceConnections", "provisioningState", "resourceGroup", "subnet", "type"]
    assert pe["customNetworkInterfaceName"] == "" and pe["ipConfigurations"] == []
    assert pe["customDnsConfigs"] == [
        {"fqdn": "fidpeacr.brazilsouth.data.azurecr.io", "ipAddresses": ["10.1.0.4"]},
        {"fqdn": "fidpeacr.azurecr.io", "ipAddresses": ["10.1.0.5"]}]
    assert pe["networkInterfaces"][0]["id"].split("/")[-1].startswith("pe1.nic.")
    assert pe["privateLinkServiceConnections"][0]["privateLinkServiceConnectionState"] == {
        "actionsRequired": "None", "description": "Auto-Approved", "status": "Approved"}


def test_network_rule_shapes(cli, rg):
    cli("az acr create -g rg-containers -n fidnracr --sku Premium -o none")
    assert sorted(cli("az acr network-rule list -n fidnracr").json()) == ["ipRules", "virtualNetworkRules"]
    out = cli("az acr network-rule add -n fidnracr --ip-address 23.45.1.0/24").json()
    assert list(out) == ["name", "networkRuleSet", "provisioningState"]
    assert sorted(out["networkRuleSet"]) == ["defaultAction", "ipRules", "virtualNetworkRules"]
    assert out["networkRuleSet"]["ipRules"] == [{"action": "Allow", "ipAddressOrRange": "23.45.1.0/24"}]
    cli("az acr create -g rg-containers -n fidnrbasic --sku Basic -o none")
    r = cli("az acr network-rule list -n fidnrbasic", expect_exit=1)
    assert "Network rules are only supported for managed registries in Premium SKU." in r.stderr


def test_ssh_messages(cli, rg):
    r = cli("ssh NoSuchHost", expect_exit=255)
    assert r.stderr.strip() == "ssh: Could not resolve hostname nosuchhost: Name or service not known"
    cli("az vm create -n fidvm2 -g rg-containers --image Ubuntu2204 --generate-ssh-keys -o none")
    out = cli("ssh azureuser@fidvm2").stdout
    assert out.startswith("Welcome to Ubuntu 22.04")
    now = cli.lab.cloud.clock.now()
    assert f"Last login: {now:%a %b} {now.day:2d} " in out
    cli("exit")
