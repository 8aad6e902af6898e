"""AKS node pools and the node OS auto-upgrade channel, as the regional-endpoints docs use them: `az aks nodepool
show --query nodeImageVersion` and `az aks update --node-os-upgrade-channel NodeImage`.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-geo-replication.md ("Use
regional endpoints with AKS managed identity authentication"); MicrosoftDocs/azure-aks-docs
articles/aks/auto-upgrade-node-os-image.md (NodeImage is the default of a new AKS Standard cluster since API version
2023-06-01; channels NodeImage, None, SecurityPatch, Unmanaged); MicrosoftDocs/azure-docs-cli
docs-ref-autogen/Latest-version/latest/aks.yml and aks/nodepool.yml (arguments and accepted values)."""

from __future__ import annotations

SETUP = "az group create -n rg -l westus -o none\naz aks create -g rg -n aks1 --generate-ssh-keys -o none"


def test_nodepool_show_and_node_os_upgrade_channel(lab):
    assert lab.run(SETUP).exit_code == 0
    pool = lab.run("az aks nodepool show -g rg --cluster-name aks1 --nodepool-name nodepool1").json()
    cluster = lab.run("az aks show -g rg -n aks1").json()
    assert pool["id"] == cluster["id"] + "/agentPools/nodepool1"
    assert pool["type"] == "Microsoft.ContainerService/managedClusters/agentPools"
    assert pool["nodeImageVersion"] == cluster["agentPoolProfiles"][0]["nodeImageVersion"]
    r = lab.run("az aks nodepool show -g rg --cluster-name aks1 -n userpool")
    assert r.exit_code == 3 and "agentPools/userpool' under resource group 'rg' was not found" in r.stderr
    assert cluster["autoUpgradeProfile"] == {"nodeOsUpgradeChannel": "NodeImage", "upgradeChannel": None}
    r = lab.run("az aks update -g rg -n aks1 --node-os-upgrade-channel Unmanaged --query autoUpgradeProfile")
    assert r.exit_code == 0 and r.json()["nodeOsUpgradeChannel"] == "Unmanaged"
    assert lab.run("az aks update -g rg -n aks1 --tags team=a -o none").exit_code == 0  # other updates keep it
    assert lab.run("az aks show -g rg -n aks1 --query autoUpgradeProfile.nodeOsUpgradeChannel -o tsv").stdout.strip() \
        == "Unmanaged"
    r = lab.run("az aks update -g rg -n aks1 --node-os-upgrade-channel Weekly")
    assert r.exit_code == 2 and "Allowed values: NodeImage, None, SecurityPatch, Unmanaged" in r.stderr
