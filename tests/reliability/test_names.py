"""Child resources follow Azure's naming rules in the engine, for every front end (issue 12: a token named
`tok[/]` crashed the app's explorer). Rules: resource-name-rules.md (MicrosoftDocs/azure-docs,
articles/azure-resource-manager/management/resource-name-rules.md, Microsoft.ContainerRegistry) and the REST
API's path parameters (Azure/azure-rest-api-specs, specification/containerregistry/resource-manager/
Microsoft.ContainerRegistry/stable/2023-07-01/containerregistry.json)."""

import json

import pytest

from acrlab import Lab

BAD = ["tok[/]", "a=b", "x/y", "[v1, v4]", "name with space", "x" * 51, "[link=https://x]"]


@pytest.fixture(scope="module")
def lab():
    lab = Lab()
    assert lab.run("az group create -n rg -l eastus -o none; "
                   "az acr create -n namesacr1 -g rg --sku Premium -o none").exit_code == 0
    return lab


@pytest.mark.parametrize("name", BAD)
def test_az_refuses_bad_child_resource_names(lab, name):
    q = json.dumps(name)
    cases = {
        "TokenNameInvalid": f"az acr token create -n {q} -r namesacr1 --scope-map _repositories_pull",
        "ScopeMapNameInvalid": f"az acr scope-map create -n {q} -r namesacr1 --repository web content/read",
        "TaskNameInvalid": f"az acr task create -n {q} -r namesacr1 --cmd mcr.microsoft.com/hello-world -c /dev/null",
        "ReplicationNameInvalid": f"az acr replication create -r namesacr1 -l westus -n {q}",
    }
    reg = lab.cloud.find_registry("namesacr1")
    before = (set(reg.tokens), set(reg.scope_maps), set(reg.tasks), set(reg.replications))
    for code, command in cases.items():
        r = lab.run(command)
        assert r.exit_code == 1, (command, r.stdout)
        if "/" in name and code in ("ReplicationNameInvalid", "TokenNameInvalid", "ScopeMapNameInvalid"):
            # a slash splits the request URL of a type the resource manager routes: ARM refuses it before the
            # provider sees a name, as in Azure
            assert "(InvalidResourceType) " in r.stderr or "(InvalidRequestContent) " in r.stderr, r.stderr
            continue
        assert f"({code}) " in r.stderr and f"name '{name}' is invalid" in r.stderr
    assert (set(reg.tokens), set(reg.scope_maps), set(reg.tasks), set(reg.replications)) == before


def test_valid_names_still_work(lab):
    r = lab.run("az acr token create -n ci-token_2 -r namesacr1 --scope-map _repositories_pull -o none\n"
                "az acr scope-map create -n team_a-read -r namesacr1 --repository web content/read -o none\n"
                "az acr task create -n nightly_build-1 -r namesacr1 --cmd mcr.microsoft.com/hello-world "
                "-c /dev/null -o none\n"
                "az acr replication create -r namesacr1 -l westus -o none")
    assert r.exit_code == 0, r.stderr


def test_powershell_and_templates_meet_the_same_rule(lab):
    r = lab.run("New-AzContainerRegistryScopeMap -Name 'bad[x]' -RegistryName namesacr1 -ResourceGroupName rg "
                "-Action 'repositories/web/content/read'", shell="pwsh")
    assert "Scope map name 'bad[x]' is invalid" in r.stderr
    template = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0", "resources": [{
                    "type": "Microsoft.ContainerRegistry/registries/tasks", "apiVersion": "2019-06-01-preview",
                    "name": "namesacr1/bad=task", "location": "eastus",
                    "properties": {"platform": {"os": "Linux"}, "step": {
                        "type": "EncodedTask", "encodedTaskContent": "c3RlcHM6IFtdCg=="}}}]}
    lab.write_file("task.json", json.dumps(template))
    r = lab.run("az deployment group create -g rg --template-file task.json -o none")
    assert r.exit_code != 0 and "Task name 'bad=task' is invalid" in r.stderr
    assert "bad=task" not in lab.cloud.find_registry("namesacr1").tasks
