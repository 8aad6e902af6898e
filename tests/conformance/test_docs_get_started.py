"""The registry quickstarts and concept pages, in a fresh lab each, block by block.

Sources (MicrosoftDocs/azure-management-docs articles/container-registry/): container-registry-get-started-powershell.md,
container-registry-get-started-docker-cli.md, container-registry-get-started-portal.md (the commands after the portal
steps), container-registry-get-started-bicep.md, container-registry-skus.md and container-registry-concepts.md.
`myregistry`, a name Azure keeps taken, stands for a registry of the learner's."""

from __future__ import annotations

from .docs import Page


def test_get_started_powershell(lab):
    page = Page(lab, "container-registry-get-started-powershell", {"mycontainerregistry": "psquickreg01"})
    page.run(0, shell="pwsh", contains="learner@contoso.onmicrosoft.com")
    page.run(1, shell="pwsh", contains="ProvisioningState : Succeeded")
    page.run(2, shell="pwsh")
    reg = lab.run("az acr show -n psquickreg01").json()
    assert (reg["sku"]["name"], reg["adminUserEnabled"], reg["location"]) == ("Standard", True, "eastus")
    page.run(3, shell="pwsh", contains="True")
    # Remove-AzResourceGroup asks first; a terminal that cannot prompt refuses, as PowerShell does
    page.run(4, shell="pwsh", exit_code=1, contains="Are you sure you want to remove resource group 'myResourceGroup'")
    page.run(4, shell="pwsh", answer="y")
    assert lab.run("az group exists -n myResourceGroup").stdout.strip() == "false"
    page.finish()


def test_get_started_docker_cli(lab):
    assert lab.run("az group create -n rg -l eastus -o none\n"
                   "az acr create -n dockerquick01 -g rg --sku Basic -o none").exit_code == 0
    page = Page(lab, "container-registry-get-started-docker-cli", {"myregistry": "dockerquick01"})
    page.run(0, answer="y", contains="Login Succeeded")
    page.run(1, shell="pwsh", contains="True")
    # the page's unlabeled blocks are docker commands too: run them all
    page.run(2, contains="Login Succeeded")  # docker reuses the credential az acr login stored
    page.run(3, contains="docker.io/library/nginx:latest")
    page.run(4)
    page.run(5)
    page.run(6, contains="latest: digest: sha256:")
    page.run(7, contains="Status: Image is up to date for dockerquick01.azurecr.io/samples/nginx:latest")
    page.run(8)
    page.run(9, contains="Untagged: dockerquick01.azurecr.io/samples/nginx:latest")
    page.run(10, answer="y")
    assert lab.run("az acr repository list -n dockerquick01 -o tsv").stdout.strip() == ""
    assert lab.run("docker tag nginx dockerquick01.azurecr.io/samples/nginx && "
                   "docker push -q dockerquick01.azurecr.io/samples/nginx").exit_code == 0
    page.run(12, shell="pwsh", answer="y")  # the manifest (tag latest) goes; the repository goes with it
    assert lab.run("az acr repository list -n dockerquick01 -o tsv").stdout.strip() == ""
    assert lab.run("docker push -q dockerquick01.azurecr.io/samples/nginx").exit_code == 0
    page.run(11, shell="pwsh", answer="y")
    assert lab.run("az acr repository list -n dockerquick01 -o tsv").stdout.strip() == ""
    page.finish()


def test_get_started_portal_commands(lab):
    """The portal quickstart's registry is contosoacrregistry (the page's own example): create it as the portal
    steps do, then sign in with both tools."""
    assert lab.run("az group create -n myResourceGroup -l eastus -o none\n"
                   "az acr create -n contosoacrregistry -g myResourceGroup --sku Basic -o none").exit_code == 0
    page = Page(lab, "container-registry-get-started-portal", {"<registry-name>": "contosoacrregistry"})
    for i in range(4):
        page.run(i, shell="pwsh" if i >= 2 else "bash", contains="True" if i >= 2 else "Login Succeeded")
    page.finish()


def test_get_started_bicep(lab):
    page = Page(lab, "container-registry-get-started-bicep", {"{your-unique-name}": "bicepquick01"})
    lab.write_file("main.bicep", page.code(0))
    r = page.run(1, contains='"provisioningState": "Succeeded"')
    assert '"loginServer": {' in r.stdout and "bicepquick01.azurecr.io" in r.stdout
    assert lab.run("az acr show -n bicepquick01 --query sku.name -o tsv").stdout.strip() == "Basic"
    assert lab.run("az group delete -n myContainerRegRG --yes").exit_code == 0
    page.subs["bicepquick01"] = "bicepquick02"
    page.run(2, shell="pwsh", contains="ProvisioningState       : Succeeded")
    assert lab.run("az acr show -n bicepquick02 --query loginServer -o tsv").stdout.strip() == \
        "bicepquick02.azurecr.io"
    page.finish()


def test_skus(lab):
    assert lab.run("az group create -n myResourceGroup -l eastus -o none\n"
                   "az acr create -n skureg01 -g myResourceGroup --sku Basic -o none").exit_code == 0
    page = Page(lab, "container-registry-skus", {"myContainerRegistry": "skureg01"})
    page.run(0, contains='"tier": "Premium"')
    assert lab.run("az acr update -n skureg01 --sku Standard -o none").exit_code == 0
    page.run(1, shell="pwsh", contains="Premium")
    assert lab.run("az acr show -n skureg01 --query sku.name -o tsv").stdout.strip() == "Premium"
    page.finish()


def test_concepts(lab):
    assert lab.run("""az group create -n rg -l eastus -o none
az acr create -n conceptreg01 -g rg --sku Basic -o none
az acr import -n conceptreg01 --source mcr.microsoft.com/hello-world:latest -t acr-helloworld:v2 -o none
az acr import -n conceptreg01 --source docker.io/library/alpine:latest -t acr-helloworld:latest \\
  -t acr-helloworld:v3 -o none""").exit_code == 0
    page = Page(lab, "container-registry-concepts", {"myregistry": "conceptreg01", "<acrName>": "conceptreg01"})
    page.run(1, exit_code=1, contains="repositoryName: No such file or directory")  # bash reads <...> as input
    page.subs["<repositoryName>"] = "acr-helloworld"
    listed = page.run(1).json()
    assert page.run(2).json() == listed
    tags = sorted(tuple(sorted(m.get("tags") or [])) for m in listed)
    assert ("latest", "v3") in tags and ("v2",) in tags
    page.finish()
