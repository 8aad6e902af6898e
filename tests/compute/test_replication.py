"""Geo-replication, network rules and egress accounting."""

from __future__ import annotations

from acrlab.engine import catalog


def test_replication_lifecycle_and_sku_gates(cli, lab, rg):
    cli("az acr create -n stdacr -g rg-containers --sku Standard -o none")
    r = cli("az acr replication create --registry stdacr --location eastus", expect_exit=1)
    assert "Replications are only supported for managed registries in Premium SKU." in r.stderr
    r = cli("az acr network-rule add -n stdacr --ip-address 1.2.3.4", expect_exit=1)
    assert "Network rules are only supported for managed registries in Premium SKU." in r.stderr
    cli("az acr create -n myacr -g rg-containers --sku Premium -o none")
    cli("az acr replication list -r myacr", checks={"length(@)": 1, "[0].name": "brazilsouth"})
    r = cli("az acr replication create -r myacr -l brazilsouth", expect_exit=1)
    assert "Replication could not be created in the same location as the registry." in r.stderr
    cli("az acr replication create --registry myacr --location eastus",
        checks={"name": "eastus", "regionEndpointEnabled": True, "status.displayStatus": "Ready",
                "type": "Microsoft.ContainerRegistry/registries/replications"})
    cli("az acr replication create -r myacr -l \"West Europe\" -n weu --global-endpoint-routing false",
        checks={"name": "weu", "location": "westeurope", "regionEndpointEnabled": False})
    cli("az acr replication list -r myacr", checks={"length(@)": 3})
    cli("az acr update -n myacr --data-endpoint-enabled -o none")
    cli("az acr show -n myacr", checks={"length(dataEndpointHostNames)": 3})
    r = cli("az acr update -n myacr --sku Standard", expect_exit=1)
    assert "CannotDowngradeRegistryWithReplications" in r.stderr
    cli("az acr replication update -r myacr -n weu --region-endpoint-enabled true",
        checks={"regionEndpointEnabled": True})
    cli("az acr replication delete -r myacr -n weu")
    cli("az acr replication delete -r myacr -n eastus")
    cli("az acr update -n myacr --data-endpoint-enabled false -o none")
    cli("az acr update -n myacr --sku Standard -o none")
    cli("az acr replication list -r myacr", expect_exit=1)


def test_nearest_replica_and_egress(cli, lab, rg):
    cli("az acr create -n myacr -g rg-containers --sku Premium -o none")
    cli("az acr replication create -r myacr -l westeurope -o none")
    reg = lab.cloud.find_registry("myacr")
    reg.store.put_manifest("api", catalog.find_public("nginx:latest"), lab.cloud.clock.now(), "v1")
    cli("az acr update -n myacr --anonymous-pull-enabled -o none")
    cli("docker pull myacr.azurecr.io/api:v1")
    cli("az group create -n rg-eu -l westeurope -o none")
    cli("az vm create -n euvm -g rg-eu --image Ubuntu2204 --generate-ssh-keys -o none")
    cli("ssh euvm")
    cli("docker pull myacr.azurecr.io/api:v1")
    cli("exit")
    r = cli("lab egress myacr")
    lines = r.stdout
    assert "workstation" in lines and "internet" in lines
    log = reg.extra["egress"]
    assert (log[0].served_from, log[0].category) == ("brazilsouth", "internet")
    assert (log[1].served_from, log[1].client_region, log[1].category) == ("westeurope", "westeurope", "same-region")
    cli("az acr replication update -r myacr -n westeurope --global-endpoint-routing false -o none")
    cli("ssh euvm docker pull myacr.azurecr.io/api:v1")
    assert (log[2].served_from, log[2].category) == ("brazilsouth", "inter-region")
    cli("lab egress --from westeurope")
    cli("az acr replication update -r myacr -n westeurope --global-endpoint-routing true -o none")
    cli("docker pull myacr.azurecr.io/api:v1")
    assert log[3].served_from == "westeurope"


def test_network_rules_from_workstation_and_vm(cli, lab, rg):
    cli("az acr create -n myacr -g rg-containers --sku Premium --admin-enabled true -o none")
    pw = cli("az acr credential show -n myacr --query passwords[0].value -o tsv").stdout.strip()
    cli(f"docker login myacr.azurecr.io -u myacr -p {pw}")
    cli("az acr update -n myacr --default-action Deny -o none")
    r = cli(f"docker login myacr.azurecr.io -u myacr -p {pw}", expect_exit=1)
    assert "failed with status: 403 Forbidden" in r.stderr
    r = cli("docker pull myacr.azurecr.io/api:v1", expect_exit=1)
    assert ("denied: client with IP '203.0.113.10' is not allowed access. Refer https://aka.ms/acr/firewall to grant "
            "access.") in r.stderr
    cli("az acr network-rule add -n myacr --ip-address 203.0.113.0/24",
        checks={"networkRuleSet.ipRules[0].ipAddressOrRange": "203.0.113.0/24"})
    cli(f"docker login myacr.azurecr.io -u myacr -p {pw}")
    cli("az acr network-rule list -n myacr", checks={"length(ipRules)": 1, "virtualNetworkRules": []})
    # A VM in a subnet with the service endpoint and a VNet rule.
    cli("az vm create -n vm1 -g rg-containers --image Ubuntu2204 --generate-ssh-keys -o none")
    cli("ssh vm1")
    cli(f"docker login myacr.azurecr.io -u myacr -p {pw}", expect_exit=1)
    cli("exit 0")
    cli("az network vnet subnet update -g rg-containers --vnet-name vm1VNET -n vm1Subnet "
        "--service-endpoints Microsoft.ContainerRegistry -o none")
    cli("az acr network-rule add -n myacr --vnet-name vm1VNET --subnet vm1Subnet",
        checks={"length(networkRuleSet.virtualNetworkRules)": 1})
    cli(f"ssh vm1 docker login myacr.azurecr.io -u myacr -p {pw}")
    cli("az acr network-rule remove -n myacr --ip-address 203.0.113.0/24", checks={"networkRuleSet.ipRules": []})
    cli(f"docker login myacr.azurecr.io -u myacr -p {pw}", expect_exit=1)
    # Public network access disabled overrides the rules.
    cli("az acr update -n myacr --public-network-enabled false -o none")
    cli(f"ssh vm1 docker login myacr.azurecr.io -u myacr -p {pw}", expect_exit=1)
