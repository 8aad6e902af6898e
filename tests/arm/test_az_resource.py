"""az resource show|update|delete: a GET, azure-cli's generic --set/--add/--remove on the JSON it read (azure-cli core
azure/cli/core/commands/arm.py: case-insensitive keys, list indexes, JSON values), then a PUT of the whole resource
through the resource manager, which decides everything; types the lab's manager does not serve are refused
clearly."""

from __future__ import annotations

REG = "--resource-type Microsoft.ContainerRegistry/registries -g rg -n resreg01"


def test_generic_update_paths_values_and_errors(lab):
    assert lab.run("az group create -n rg -l eastus -o none && az acr create -n resreg01 -g rg --sku Premium "
                   "-o none && az keyvault create -n reskv01 -g rg -o none").exit_code == 0
    shown = lab.run(f"az resource update {REG} --set Properties.AdminUserEnabled=true --set tags.env=dev").json()
    assert shown["properties"]["adminUserEnabled"] is True and shown["tags"] == {"env": "dev"}
    assert lab.run("az acr show -n resreg01 --query adminUserEnabled").stdout.strip() == "true"
    rules = lab.run(f"az resource update {REG} --set properties.networkRuleSet.defaultAction=Deny "
                    "--add properties.networkRuleSet.ipRules '{\"action\": \"Allow\", \"value\": \"203.0.113.0/24\"}' "
                    "--query properties.networkRuleSet").json()
    assert rules["defaultAction"] == "Deny" and rules["ipRules"] == [{"action": "Allow", "value": "203.0.113.0/24"}]
    assert lab.run("az acr network-rule list -n resreg01 --query \"ipRules[].ipAddressOrRange\" -o tsv"
                   ).stdout.split() == ["203.0.113.0/24"]
    shown = lab.run(f"az resource update {REG} --remove properties.networkRuleSet.ipRules 0 --remove tags.env").json()
    assert shown["properties"]["networkRuleSet"]["ipRules"] == [] and shown["tags"] == {}
    r = lab.run(f"az resource update {REG} --set properties.networkRuleSet.ipRules[3].value=x")
    assert r.exit_code == 1 and "index 3 doesn't exist" in r.stderr
    r = lab.run(f"az resource update {REG} --set properties.adminUserEnabled=maybe")
    assert r.exit_code == 1 and "InvalidRequestContent" in r.stderr  # the service refuses; nothing changes
    assert lab.run("az acr show -n resreg01 --query adminUserEnabled").stdout.strip() == "true"
    r = lab.run(f"az resource update {REG} --set properties")
    assert r.exit_code == 1 and "usage error: --set KEY=VALUE" in r.stderr
    r = lab.run("az resource show --ids $(az keyvault show -n reskv01 --query id -o tsv) --query properties.sku.name")
    assert r.exit_code == 0 and r.stdout.strip() == '"standard"'  # vaults are requests (providers/vaults.py)
    r = lab.run("az resource show --ids $(az keyvault show -n reskv01 --query id -o tsv)/secrets/s1")
    assert r.exit_code == 1 and "not available in the lab for Microsoft.KeyVault/vaults/secrets" in r.stderr
    r = lab.run("az resource show -n resreg01 --resource-type registries")
    assert r.exit_code == 1 and r.stderr.startswith("ERROR: usage error: --ids IDs | --resource-group RG")


def test_update_needs_write_permission(lab):
    assert lab.run("az group create -n rg -l eastus -o none && az acr create -n resreg01 -g rg --sku Basic -o none"
                   ).exit_code == 0
    sp = lab.run("az ad sp create-for-rbac -n reader --role Reader --scopes $(az group show -n rg --query id -o tsv)"
                 ).json()
    assert lab.run(f"az login --service-principal -u {sp['appId']} -p {sp['password']} --tenant {sp['tenant']} "
                   "-o none").exit_code == 0
    assert lab.run(f"az resource show {REG} --query name -o tsv").stdout.strip() == "resreg01"
    r = lab.run(f"az resource update {REG} --set properties.adminUserEnabled=true")
    assert r.exit_code == 1 and "Microsoft.ContainerRegistry/registries/write" in r.stderr


def test_resource_delete(lab):
    """azure-cli resource/custom.py delete_resource: a DELETE per id (or the one named); ARM answers a DELETE of a
    resource that is not there with 204, so az prints nothing and succeeds."""
    assert lab.run("az group create -n rg -l eastus -o none; az acr create -n delres01 -g rg --sku Basic -o none; "
                   "az acr webhook create -n hook1 -r delres01 --uri https://example.com/x --actions push -o none; "
                   "az acr webhook create -n hook2 -r delres01 --uri https://example.com/x --actions push -o none"
                   ).exit_code == 0
    r = lab.run("ID=$(az acr show -n delres01 --query id -o tsv); az resource delete --ids $ID/webhooks/hook1 "
                "$ID/webhooks/hook2")
    assert (r.exit_code, r.stdout) == (0, "")
    assert lab.run("az acr webhook list -r delres01").json() == []
    assert lab.run("az resource delete -g rg -n gone01 --resource-type Microsoft.ContainerRegistry/registries"
                   ).exit_code == 0
    r = lab.run("az resource delete -g rg -n delres01")
    assert r.exit_code != 0 and "usage error: --ids IDs" in r.stderr
