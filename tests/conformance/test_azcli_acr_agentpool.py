"""azure-cli's agent pool scenario test, translated. Source: Azure/azure-cli src/azure-cli/azure/cli/command_modules/
acr/tests/latest/test_acr_agentpool_commands.py (test_acr_agentpool) and its recording recordings/test_acr_agentpool.yaml
(the JSON fields; the recording ran in eastus, the test names eastus2euap, a canary region the lab does not model).
The test's VNet steps are commented out in the source; the recording's run performs them (an S2 pool in
agentvnets/agentsubnets, listed before the older S1 pool, then deleted), so they are translated too."""

from __future__ import annotations

from .azcli import Scenario, check, upstream


@upstream("test_acr_agentpool_commands.py", "test_acr_agentpool")
def test_acr_agentpool(lab):
    s = Scenario(lab, location="eastus", registry_name="clireg000002", agents1_name="agents1", agents2_name="agents2",
                 sku="Premium", vnet_name="agentvnets", subnet_name="agentsubnets")
    s.cmd("acr create -n {registry_name} -g {rg} -l {rg_loc} --sku {sku}",
          checks=[check("name", "{registry_name}"), check("location", "{rg_loc}"), check("adminUserEnabled", False),
                  check("sku.name", "{sku}"), check("sku.tier", "{sku}"), check("provisioningState", "Succeeded")])
    response = s.cmd("network vnet create -n {vnet_name} --subnet-name {subnet_name} -g {rg} -l {rg_loc}",
                     checks=[check("newVNet.name", "{vnet_name}"), check("newVNet.location", "{rg_loc}"),
                             check("newVNet.subnets[0].name", "{subnet_name}")]).json()
    s.kwargs["subnet_id"] = response["newVNet"]["subnets"][0]["id"]
    s.cmd("acr agentpool create -n {agents1_name} -r {registry_name}",
          checks=[check("name", "{agents1_name}"), check("count", 1), check("tier", "S1"),
                  check("virtualNetworkSubnetResourceId", "None"), check("provisioningState", "Succeeded"),
                  check("os", "Linux"), check("location", "{rg_loc}"), check("resourceGroup", "{rg}")])
    lab.advance("5m")  # the recording creates agents2 six minutes later; the listing is newest first
    s.cmd("acr agentpool create -n {agents2_name} -r {registry_name} --tier s2 --subnet-id {subnet_id}",
          checks=[check("name", "{agents2_name}"), check("count", 1), check("tier", "S2"),
                  check("virtualNetworkSubnetResourceId", "{subnet_id}"), check("provisioningState", "Succeeded"),
                  check("os", "Linux"), check("location", "{rg_loc}"), check("resourceGroup", "{rg}")])
    s.cmd("acr agentpool list -r {registry_name}",
          checks=[check("[0].name", "{agents2_name}"), check("[1].name", "{agents1_name}")])
    s.cmd("acr agentpool delete -n {agents2_name} -r {registry_name} -y")
    s.cmd("acr agentpool update -n {agents1_name} -r {registry_name} -c 2",
          checks=[check("name", "{agents1_name}"), check("count", 2), check("tier", "S1"),
                  check("virtualNetworkSubnetResourceId", "None"), check("provisioningState", "Succeeded"),
                  check("os", "Linux"), check("location", "{rg_loc}"), check("resourceGroup", "{rg}")])
    s.cmd("acr agentpool show -n {agents1_name} -r {registry_name}", checks=[check("name", "{agents1_name}")])
    s.cmd("acr delete -n {registry_name} -g {rg} -y")
    s.cmd("network vnet delete -n {vnet_name} -g {rg}")


def test_agentpool_arm_body_matches_the_recording(lab):
    """The GET body's shape (recordings/test_acr_agentpool.yaml): properties count, tier, os, provisioningState;
    no virtualNetworkSubnetResourceId key and no tags key for a pool without them; type agentPools."""
    from acrlab.engine.arm import send

    Scenario(lab, location="eastus")
    assert lab.run("az acr create -n clireg000002 -g clitest.rg000001 --sku Premium -o none").exit_code == 0
    assert lab.run("az acr agentpool create -n agents1 -r clireg000002 -o none").exit_code == 0
    reg = lab.cloud.find_registry("clireg000002")
    body = send(lab.cloud, lab.cloud.learner, "GET", f"{reg.id}/agentPools/agents1").body
    assert body["type"] == "Microsoft.ContainerRegistry/registries/agentPools"
    assert body["properties"] == {"count": 1, "tier": "S1", "os": "Linux", "provisioningState": "Succeeded"}
    assert set(body) == {"type", "properties", "id", "name", "location", "systemData"}
